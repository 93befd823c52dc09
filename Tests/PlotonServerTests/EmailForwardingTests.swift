import Foundation
import Testing
import VaporTesting

@testable import PlotonServer

/// A message forwarded on the sandboxes end to end: it goes as Gmail forwards it, "Fwd: <subject>" and the
/// original's sender, subject and text, not a new message of other words.
@Suite struct EmailForwardingTests {
    @Test func the_latest_message_from_someone_is_forwarded_with_its_headers_and_text() async throws {
        try await withPloton { t async throws in
            let forwarded = try await t.runPrompt("Forward the latest email from ann@acme.example to kim@ourco.example")
            #expect(forwarded["status"] as? String == "complete", "\(forwarded)")
            let sent = try #require((forwarded["result"] as? [String: Any])?["id"] as? String, "\(forwarded)")
            let trace = try await t.send(.GET, "v1/tasks/\(try #require(forwarded["id"] as? String))/trace", key: t.testKey).object
            let steps = try #require(trace["steps"] as? [[String: Any]])
            let original = try #require(steps.first { $0["capability"] as? String == "read_message" }?["output"] as? [String: Any])
            let originalSubject = try #require(Self.header("Subject", of: original))

            let read = try await t.createTask(#"{"prompt":"Read message id: \#(sent)","tool":"email","user_id":"user_123"}"#)
            try await t.drainConsenting()
            let message = try #require(try await t.task(read)["result"] as? [String: Any])
            #expect(Self.header("To", of: message) == "kim@ourco.example")
            #expect(Self.header("Subject", of: message) == "Fwd: \(originalSubject)")
            #expect(message["snippet"] as? String == original["snippet"] as? String, "the original's text closes the message")
        }
    }

    @Test func several_messages_are_not_forwarded_as_one() async throws {
        try await withPloton { t async throws in
            let task = try await t.runPrompt("Find emails from ben@initech.example and forward them to ann@acme.example")
            #expect(task["status"] as? String == "failed")
            #expect(((task["error"] as? [String: Any])?["message"] as? String)?.contains("several messages") == true, "\(task)")
        }
    }

    static func header(_ name: String, of message: [String: Any]) -> String? {
        let headers = (message["payload"] as? [String: Any])?["headers"] as? [[String: Any]] ?? []
        return headers.first { $0["name"] as? String == name }?["value"] as? String
    }
}
