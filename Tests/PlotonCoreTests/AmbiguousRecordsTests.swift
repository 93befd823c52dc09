import Foundation
import PlotonCore
import Testing

/// An action takes the first record a name search found only when it found one (blind round h12 R3).
@Suite struct AmbiguousRecordsTests {
    static let steps = [
        PlannedStep(tool: "crm", capability: "search_deals", input: ["query": .literal(.string("Acme renewal"))]),
        PlannedStep(
            tool: "crm", capability: "update_deal",
            input: ["id": .reference(step: 0, path: "0.id"), "properties": .literal(.object(["dealstage": .string("closedwon")]))]),
    ]

    static func deal(_ id: String, _ stage: String) -> JSONValue {
        .object(["id": .string(id), "properties": .object(["dealname": .string("Acme Corp - Renewal"), "dealstage": .string(stage)])])
    }

    @Test func several_matches_fail_naming_each_one() throws {
        let failure = try #require(
            AmbiguousRecords.failure(
                input: Self.steps[1].input,
                outputs: [0: .array([Self.deal("2003", "appointmentscheduled"), Self.deal("2007", "closedlost")])],
                steps: Self.steps))
        #expect(failure.code == .ambiguousMatch && failure.recoverable)
        #expect(
            failure.message
                == #"2 deals match "Acme renewal" (step 0, crm.search_deals): Acme Corp - Renewal (id 2003, appointmentscheduled); "#
                + "Acme Corp - Renewal (id 2007, closedlost). Nothing was changed.")
        #expect(failure.suggestion == #"Say which deal by its id ("deal 2003") or by more of its name."#)
    }

    @Test func one_match_or_a_read_of_every_match_is_no_ambiguity() {
        #expect(
            AmbiguousRecords.failure(input: Self.steps[1].input, outputs: [0: .array([Self.deal("2003", "open")])], steps: Self.steps)
                == nil)
        let summary: [String: JSONInput] = ["text": .template("{{0|summary}}")]
        let two: JSONValue = .array([Self.deal("2003", "a"), Self.deal("2007", "b")])
        #expect(AmbiguousRecords.failure(input: summary, outputs: [0: two], steps: Self.steps) == nil)
    }
}
