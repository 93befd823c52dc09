import Foundation
import PlotonAPI
import Testing

@testable import PlotonCore

/// Session 20's planner classes from blind round h37 (the lead's share).
@Suite struct PlannerSession20ClassesTests {
    /// Monday 2026-12-07, 10:30 UTC.
    static let now = Date(timeIntervalSince1970: 1_796_639_400)

    /// h37-71: "the smallest deal user_123 has" kept the deals to one whose id is "user_123" (none), and reported nothing as
    /// the answer. The end user whose records they are is none of them.
    @Test func the_end_user_after_a_record_word_is_whose_records_they_are() async throws {
        for prompt in [
            "What's the smallest deal user_123 has?", "which is the biggest deal user_123 owns", "the oldest invoice user_123 has",
        ] {
            let workflow = try await EmbeddedPlanning.workflow(prompt, now: Self.now)
            #expect(workflow.steps.count == 1, "\(prompt): \(workflow.steps)")
            #expect(workflow.steps.allSatisfy { ($0.keep ?? []).isEmpty }, "\(prompt): \(workflow.steps)")
        }
        // A record's own id after its kind is still that record.
        let named = try await EmbeddedPlanning.workflow("the status of deal 2003", now: Self.now)
        #expect(named.steps.first?.keep?.first?.value == .string("2003"), "\(named.steps)")
    }
}
