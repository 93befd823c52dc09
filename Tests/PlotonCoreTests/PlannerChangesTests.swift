import Foundation
import PlotonCore
import Testing

/// Several changes to one record in one sentence are one update with every change (blind round h20,
/// found at run time: "her phone to … and her company to …" changed only the company).
@Suite struct PlannerChangesTests {
    static func properties(_ prompt: String) async throws -> JSONValue? {
        let workflow = try await EmbeddedPlanning.workflow(prompt)
        guard case .literal(let properties)? = workflow.steps.last?.input["properties"] else { return nil }
        return properties
    }

    @Test func every_change_joined_by_and_or_commas_is_made() async throws {
        #expect(
            try await Self.properties("Update Noah Nakamura's phone to 555-0199 and his company to Vandelay Labs")
                == .object(["phone": .string("555-0199"), "company": .string("Vandelay Labs")]))
        #expect(
            try await Self.properties("Change deal 2001's stage to closed won and its amount to 45k")
                == .object(["dealstage": .string("closedwon"), "amount": .string("45000")]))
        #expect(
            try await Self.properties("update deal 2002: amount to 12k, close date to 2026-12-31 and stage to closed lost")
                == .object(["amount": .string("12000"), "closedate": .string("2026-12-31"), "dealstage": .string("closedlost")]))
    }

    @Test func one_change_stays_one_property() async throws {
        #expect(try await Self.properties("set deal 2001's amount to 45k") == .object(["amount": .string("45000")]))
        #expect(try await Self.properties("Update Noah Nakamura's phone to 555-0199") == .object(["phone": .string("555-0199")]))
    }
}
