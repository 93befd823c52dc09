import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

/// A message or file whose whole content is a look-up that found nothing is not sent or saved as
/// "(none)": the task fails `not_found`, naming the look-up, and the step that would deliver it
/// never runs.
@Suite struct EmptyLookupMessagesTests {
    func ran(_ t: TestApp, _ task: [String: Any]) async throws -> [String] {
        let trace = try await t.send(.GET, "v1/tasks/\(try #require(task["id"] as? String))/trace", key: t.testKey).object
        return (trace["steps"] as? [[String: Any]] ?? []).map {
            "\($0["tool"] as? String ?? "").\($0["capability"] as? String ?? "").\($0["status"] as? String ?? "")"
        }
    }

    @Test func a_summary_of_a_search_that_found_nothing_is_not_posted() async throws {
        // No seeded message comes from this address, so the search always finds none.
        try await withPloton { t async throws in
            let task = try await t.runPrompt("Find emails from nobody@nowhere.example and post a summary to #sales")
            #expect(task["status"] as? String == "failed", "\(task)")
            let error = try #require(task["error"] as? [String: Any])
            #expect(error["code"] as? String == "not_found")
            let message = try #require(error["message"] as? String)
            #expect(message.contains("nobody@nowhere.example") && message.contains("email.search_messages"), "\(message)")
            #expect(message.contains("found no messages"), "\(message)")
            let steps = try await ran(t, task)
            #expect(steps.first == "email.search_messages.complete", "\(steps)")
            #expect(!steps.contains("chat.post_message.complete"), "\(steps)")
        }
    }

    @Test func an_email_of_records_a_search_did_not_find_is_not_sent() async throws {
        try await withPloton { t async throws in
            let task = try await t.runPrompt("Search my Gmail for emails from nobody@nowhere.example and email them to ops@ourco.example")
            #expect(task["status"] as? String == "failed", "\(task)")
            let error = try #require(task["error"] as? [String: Any])
            #expect(error["code"] as? String == "not_found")
            #expect((error["message"] as? String)?.contains("not sent") == true, "\(error)")
            #expect(!(try await ran(t, task)).contains("email.send_message.complete"))
        }
    }

    @Test func a_count_of_nothing_is_still_posted() async throws {
        // "0" answers the question; only a message that would say "(none)" is held back.
        try await withPloton { t async throws in
            let task = try await t.runPrompt("Tell #general how many unread emails from nobody@nowhere.example I have")
            #expect(task["status"] as? String == "complete", "\(task)")
            #expect(try await ran(t, task).contains("chat.post_message.complete"))
        }
    }
}
