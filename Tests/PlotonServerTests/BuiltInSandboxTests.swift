import Fluent
import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

/// payments, chat, email, calendar and storage with test keys: seeded, stateful, no network.
@Suite struct BuiltInSandboxTests {
    /// Runs a task pinned to `tool`, answering one `input_required` with `input` if asked.
    func run(_ t: TestApp, _ tool: String, _ prompt: String, input: String? = nil, user: String = "user_123") async throws -> [String: Any]
    {
        let id = try await t.createTask(#"{"prompt":"\#(prompt)","tool":"\#(tool)","user_id":"\#(user)"}"#)
        try await t.drainConsenting()
        if let input, try await t.task(id)["status"] as? String == "waiting" {
            let answered = try await t.send(.POST, "v1/tasks/\(id)/input", key: t.testKey, json: #"{"input":\#(input)}"#)
            #expect(answered.status == .ok, "\(answered.body.string)")
            try await t.drainConsenting()
        }
        let task = try await t.task(id)
        #expect(task["status"] as? String == "complete", "\(tool): \(task)")
        return task
    }

    @Test func payments_answers_in_stripe_shapes_and_refunds_wait_for_approval() async throws {
        try await withPloton { t async throws in
            let latest = try #require(try await run(t, "payments", "Get the latest invoice")["result"] as? [String: Any])
            #expect(latest["object"] as? String == "invoice")
            #expect((latest["id"] as? String)?.hasPrefix("in_") == true)
            let subscriptions = try #require(try await run(t, "payments", "List subscriptions")["result"] as? [[String: Any]])
            #expect(subscriptions.count == 4)
            #expect(subscriptions.allSatisfy { $0["status"] as? String == "active" && $0["current_period_end"] is Double })

            let invoices = try #require(try await run(t, "payments", "List invoices")["result"] as? [[String: Any]])
            let paid = try #require(invoices.first { $0["status"] as? String == "paid" }?["payment_intent"] as? String)
            let refund = try await t.createTask(
                #"{"prompt":"Create a refund payment_intent: \#(paid)","tool":"payments","user_id":"user_123"}"#)
            try await t.drainConsenting()
            #expect((try await t.task(refund)["waiting"] as? [String: Any])?["reason"] as? String == "approval_required")
            try await t.send(.POST, "v1/tasks/\(refund)/input", key: t.testKey, json: #"{"approve":true}"#)
            try await t.drainConsenting()
            #expect((try await t.task(refund)["result"] as? [String: Any])?["status"] as? String == "succeeded")

            // A payment the account does not have fails as on Stripe (resource_missing), and nothing is refunded.
            let missing = try await t.createTask(
                #"{"prompt":"Create a refund payment_intent: pi_123","tool":"payments","user_id":"user_123"}"#)
            try await t.drainConsenting()
            try await t.send(.POST, "v1/tasks/\(missing)/input", key: t.testKey, json: #"{"approve":true}"#)
            try await t.drainConsenting()
            let failed = try await t.task(missing)
            #expect(failed["status"] as? String == "failed", "\(failed)")
            #expect(
                ((failed["error"] as? [String: Any])?["message"] as? String)?.contains(#"No payment with id "pi_123""#) == true, "\(failed)"
            )
            // Nor does a customer it does not have list as nothing.
            let unknown = try await t.createTask(
                #"{"prompt":"List invoices customer: cus_Nope123","tool":"payments","user_id":"user_123"}"#)
            try await t.drainConsenting()
            let notFound = try await t.task(unknown)
            #expect(notFound["status"] as? String == "failed", "\(notFound)")
            #expect(((notFound["error"] as? [String: Any])?["message"] as? String)?.contains(#"No customer with id "cus_Nope123""#) == true)
        }
    }

    @Test func chat_finds_channels_and_keeps_posted_messages() async throws {
        try await withPloton { t async throws in
            let found = try #require(try await run(t, "chat", "Find the channel name: engineering")["result"] as? [[String: Any]])
            #expect(found.map { $0["name"] as? String } == ["engineering"])
            let posted = try #require(
                try await run(t, "chat", "Post a message", input: ##"{"channel":"#engineering","text":"Invoice summary: $49"}"##)["result"]
                    as? [String: Any])
            #expect(posted["ok"] as? Bool == true)
            let messages = try #require(try await run(t, "chat", "List messages channel: #engineering")["result"] as? [[String: Any]])
            #expect(messages.first?["text"] as? String == "Invoice summary: $49")
            let otherUser = try #require(
                try await run(t, "chat", "List messages channel: #engineering", user: "user_456")["result"] as? [[String: Any]])
            #expect(!otherUser.contains { $0["text"] as? String == "Invoice summary: $49" })
        }
    }

    @Test func email_search_read_and_send_in_gmail_shapes() async throws {
        try await withPloton { t async throws in
            let found = try #require(try await run(t, "email", "Search messages q: is:unread")["result"] as? [[String: Any]])
            #expect(found.count == 3)
            #expect(Set(found.first?.keys.map { $0 } ?? []) == ["id", "threadId"])
            let id = try #require(found.first?["id"] as? String)
            let message = try #require(try await run(t, "email", "Read the message id: \(id)")["result"] as? [String: Any])
            #expect((message["payload"] as? [String: Any])?["headers"] is [Any])
            // Asked in plain terms (to, subject, body), never Gmail's raw encoding (issue 15).
            let sent = try #require(
                try await run(t, "email", "Send an email", input: #"{"to":"ann@acme.example","subject":"Hello","body":"Hi Ann"}"#)["result"]
                    as? [String: Any])
            #expect(sent["labelIds"] as? [String] == ["SENT"])
        }
    }

    @Test func calendar_and_storage_keep_what_is_created() async throws {
        try await withPloton { t async throws in
            let before = try #require(try await run(t, "calendar", "List events")["result"] as? [Any]).count
            _ = try await run(
                t, "calendar", "Create an event",
                input: #"{"summary":"Ploton demo","start":{"dateTime":"2026-12-01T10:00:00Z"},"end":{"dateTime":"2026-12-01T10:30:00Z"}}"#)
            let events = try #require(try await run(t, "calendar", "List events")["result"] as? [[String: Any]])
            #expect(events.count == before + 1)
            #expect(events.contains { $0["summary"] as? String == "Ploton demo" })

            let uploaded = try #require(
                try await run(t, "storage", "Upload a file", input: #"{"name":"notes.txt","content":"hello"}"#)["result"] as? [String: Any])
            let fileID = try #require(uploaded["id"] as? String)
            #expect(uploaded["content"] == nil, "metadata only, as Drive lists it")
            let files = try #require(try await run(t, "storage", "List files")["result"] as? [[String: Any]])
            #expect(files.contains { $0["name"] as? String == "notes.txt" })
            let read = try #require(try await run(t, "storage", "Read the file file_id: \(fileID)")["result"] as? [String: Any])
            #expect(read["content"] as? String == "hello")
        }
    }
}
