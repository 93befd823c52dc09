import Foundation
import PlotonCore
import Testing

/// Records named as people write them (blind round h14, classes D and E): a deal named by a
/// capitalised word and lower-case ones before its kind, with a possessive, and a contact by address.
@Suite struct PlannerNamedRecordsTests {
    @Test func a_deal_named_by_several_words_before_its_kind_is_searched_for() async throws {
        let worth = try await EmbeddedPlanning.workflow("how much is the Initech expansion deal worth?")
        #expect(worth.steps.map(\.capability) == ["search_deals"])
        #expect(worth.steps.first?.input["query"] == .literal(.string("Initech expansion")))
        let bumped = try await EmbeddedPlanning.workflow("Bump the Soylent renewal deal's amount to $42,000")
        #expect(bumped.steps.map(\.capability) == ["search_deals", "update_deal"])
        #expect(bumped.steps.first?.input["query"] == .literal(.string("Soylent renewal")))
        #expect(bumped.steps.last?.input["properties"] == .literal(.object(["amount": .string("42000")])))
        let possessive = try await EmbeddedPlanning.workflow("Update Initech's deal amount to 50k")
        #expect(possessive.steps.first?.input["query"] == .literal(.string("Initech")), "no possessive in the search")
        #expect(try await EmbeddedPlanning.workflow("Show me the open deals").steps.map(\.capability) == ["list_deals"])
    }

    @Test func a_contact_identified_by_its_address_is_found_then_updated() async throws {
        for prompt in [
            "change mei.lin@orbital.example's email in the CRM to mei@orbital.example",
            "change the email of mei.lin@orbital.example to mei@orbital.example",
        ] {
            let changed = try await EmbeddedPlanning.workflow(prompt)
            #expect(changed.steps.map(\.capability) == ["search_contacts", "update_contact"], "\(prompt)")
            #expect(changed.steps.first?.input["query"] == .literal(.string("mei.lin@orbital.example")), "\(prompt)")
            #expect(changed.steps.last?.input["properties"] == .literal(.object(["email": .string("mei@orbital.example")])), "\(prompt)")
        }
    }
}
