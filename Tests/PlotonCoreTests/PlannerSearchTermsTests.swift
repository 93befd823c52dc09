import Foundation
import PlotonCore
import Testing

/// What a read searches for and how many it asks (blind round h14, run time R8 and R10).
@Suite struct PlannerSearchTermsTests {
    @Test func a_verb_or_a_quantity_before_the_message_word_is_not_searched_for() async throws {
        let listed = try await EmbeddedPlanning.workflow("list emails from ann@acme.example")
        #expect(listed.steps.first?.input["q"] == .literal(.string("from:ann@acme.example")))
        let all = try await EmbeddedPlanning.workflow("Search my Gmail for all messages")
        #expect(all.steps.first?.input["q"] == nil)
        let topic = try await EmbeddedPlanning.workflow("show new emails about the launch")
        #expect(topic.steps.first?.input["q"] == .literal(.string("launch")))
    }

    @Test func a_count_sizes_the_records_not_the_look_up_of_where_they_are() async throws {
        let messages = try await EmbeddedPlanning.workflow("Show me the last 20 messages in #incidents")
        #expect(messages.steps.map(\.capability) == ["find_channel", "list_messages"])
        #expect(messages.steps.first?.input["limit"] == nil, "live Slack would look through 20 channels a page")
        #expect(messages.steps.last?.input["limit"] == .literal(.number(20)))
    }

    @Test func a_count_before_the_message_word_sizes_the_read_and_is_never_searched() async throws {
        for prompt in ["List my 20 most recent emails", "Show my last 20 emails"] {
            let plan = try await EmbeddedPlanning.workflow(prompt)
            #expect(plan.steps.first?.input["q"] == nil, "\(prompt)")
            #expect(plan.steps.first?.input["maxResults"] == .literal(.number(20)), "\(prompt)")
        }
        // A number in what the mail is about is searched.
        let about = try await EmbeddedPlanning.workflow("Find emails about invoice 1042")
        #expect(about.steps.first?.input["q"] == .literal(.string("invoice 1042")))
    }
}
