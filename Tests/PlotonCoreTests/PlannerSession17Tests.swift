import Foundation
import PlotonAPI
import Testing

@testable import PlotonCore

/// Session 17's planner findings by class (blind round h32 and the run-time outcomes of mail reads).
@Suite struct PlannerSession17Tests {
    static func plan(_ prompt: String) async throws -> Workflow { try await PlannerSession15Tests.plan(prompt) }

    /// "show my unread emails" returned bare message ids: a search shown to a person reads each message it found.
    @Test func messages_searched_for_are_read_each() async throws {
        for prompt in ["show me my unread emails", "any emails from ana@acme.com this week?", "summarize my last 3 emails"] {
            let workflow = try await Self.plan(prompt)
            #expect(workflow.steps.map(\.capability) == ["search_messages", "read_message"], "\(prompt)")
            #expect(workflow.steps.last?.input["id"] == .reference(step: 0, path: "*.id"), "\(prompt)")
            #expect(workflow.resultFields == MessageReads.shownFields, "\(prompt)")
        }
        let asked = try await Self.plan("give me the sender and subject of my unread emails")
        #expect(asked.steps.first?.input["q"] == .literal(.string("is:unread")), "the fields asked are not searched for")
        #expect(asked.resultFields == ["sender", "subject"])
    }

    @Test func a_count_or_the_ids_or_one_message_reads_no_list() async throws {
        let count = try await Self.plan("how many unread emails do I have")
        #expect(count.steps.map(\.capability) == ["search_messages"])
        let ids = try await Self.plan("Search the user's Gmail for messages from ann@acme.example and return the message ids.")
        #expect(ids.steps.map(\.capability) == ["search_messages"])
        for prompt in ["what is the subject of my last email", "what was the subject of the latest email from ann"] {
            let one = try await Self.plan(prompt)
            #expect(one.steps.last?.input["id"] == .reference(step: 0, path: "0.id"), "\(prompt)")
            #expect(one.resultFields == ["subject"], "\(prompt)")
            #expect(one.steps.first?.input["q"].map { "\($0)".contains("subject") || "\($0)".contains("of") } != true, "\(prompt)")
        }
    }
}
