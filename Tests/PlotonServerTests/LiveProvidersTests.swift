import Foundation
import PlotonCore
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// Live keys run the built-in definitions against local servers that answer like HubSpot,
/// Stripe, Slack, Gmail, Google Calendar and Google Drive, with account tokens standing in for
/// end-user OAuth (which arrives with connections).
@Suite(.serialized) struct LiveProvidersTests {
    static func providers() async throws -> FakeService {
        try await FakeService.start { app in
            app.get("hubspot", "crm", "v3", "objects", "deals") { req async throws -> Response in
                let after = req.query[String.self, at: "after"]
                let page: [[String: Any]] =
                    after == nil
                    ? [
                        [
                            "id": "1",
                            "properties": [
                                "dealname": "Acme renewal", "amount": "5000", "dealstage": "contractsent",
                                "closedate": "2026-12-20T00:00:00Z",
                            ],
                        ]
                    ]
                    : [
                        [
                            "id": "2",
                            "properties": [
                                "dealname": "Globex pilot", "amount": "1200", "dealstage": "qualifiedtobuy",
                                "closedate": "2027-01-10T00:00:00Z",
                            ],
                        ]
                    ]
                var body: [String: Any] = ["results": page]
                if after == nil { body["paging"] = ["next": ["after": "2"]] }
                return try .json(body)
            }
            app.get("stripe", "v1", "invoices") { req async throws -> Response in
                try .json([
                    "object": "list", "has_more": false,
                    "data": [["id": "in_1", "object": "invoice", "amount_due": 4900, "status": "open"]],
                ])
            }
            app.post("stripe", "v1", "refunds") { req async throws -> Response in
                try .json(["id": "re_1", "object": "refund", "status": "succeeded"])
            }
            app.get("slack", "api", "conversations.list") { req async throws -> Response in
                try .json([
                    "ok": true, "channels": [["id": "C1", "name": "general"], ["id": "C2", "name": "engineering"]],
                    "response_metadata": ["next_cursor": ""],
                ])
            }
            app.post("slack", "api", "chat.postMessage") { req async throws -> Response in
                let channel = (try? req.content.get(String.self, at: "channel")) ?? ""
                guard channel == "C2" else { return try .json(["ok": false, "error": "channel_not_found"]) }
                return try .json(["ok": true, "channel": "C2", "ts": "1.000"])
            }
            app.get("gmail", "gmail", "v1", "users", "me", "messages") { _ async throws -> Response in
                try .json(["messages": [["id": "m1", "threadId": "t1"]], "resultSizeEstimate": 1])
            }
            app.get("gcal", "calendars", "primary", "events") { _ async throws -> Response in
                try .json(["items": [["id": "e1", "summary": "Standup"]]])
            }
            app.get("drive", "files") { _ async throws -> Response in
                try .json(["files": [["id": "f1", "name": "Roadmap"]]])
            }
        }
    }

    @Test func each_built_in_definition_runs_against_a_provider_like_server() async throws {
        let fake = try await Self.providers()
        do {
            try await withPloton({ config in
                config.allowPrivateNetwork = true
                for (tool, path) in [
                    ("crm", "hubspot"), ("payments", "stripe"), ("chat", "slack/api"), ("email", "gmail"), ("calendar", "gcal"),
                    ("storage", "drive"),
                ] {
                    config.toolOverrides[tool] = ["base_url": fake.baseURL + "/" + path]
                }
            }) { t async throws in
                for tool in ["crm", "payments", "chat", "email", "calendar", "storage"] {
                    let put = try await t.send(.PUT, "v1/tools/\(tool)/credentials", key: t.liveKey, json: #"{"token":"tok_\#(tool)"}"#)
                    #expect(put.status == .ok, "\(tool): \(put.body.string)")
                }
                func run(_ tool: String, _ prompt: String) async throws -> [String: Any] {
                    let id = try await t.createTask(#"{"prompt":"\#(prompt)","tool":"\#(tool)","user_id":"user_123"}"#, key: t.liveKey)
                    try await t.drain()
                    return try await t.task(id, key: t.liveKey)
                }

                let deals = try await run("crm", "List all deals")
                #expect((deals["result"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["1", "2"], "\(deals)")
                let invoice = try await run("payments", "Get the latest invoice")
                #expect((invoice["result"] as? [String: Any])?["id"] as? String == "in_1")
                let channel = try await run("chat", "Find the channel name: engineering")
                #expect((channel["result"] as? [[String: Any]])?.map { $0["id"] as? String } == ["C2"])
                for (tool, prompt) in [("email", "Search messages"), ("calendar", "List events"), ("storage", "List files")] {
                    #expect(try await run(tool, prompt)["status"] as? String == "complete", "\(tool)")
                }
                let refused = try await run("chat", "Post a message channel: C9 text: hi")
                #expect((refused["error"] as? [String: Any])?["code"] as? String == "service_error", "Slack's ok:false is an error")

                let received = fake.received
                #expect(
                    received.filter { $0.path.hasPrefix("/hubspot") }.map(\.query) == [
                        "limit=100&properties=dealname,amount,deal_currency_code,dealstage,closedate,pipeline,hs_is_closed",
                        "after=2&limit=100&properties=dealname,amount,deal_currency_code,dealstage,closedate,pipeline,hs_is_closed",
                    ])
                #expect(received.first { $0.path.hasPrefix("/stripe") }?.headers["authorization"] == "Bearer tok_payments")
                #expect(
                    received.first { $0.path.hasPrefix("/slack") && $0.method == "GET" }?.query?.contains("name=") == false,
                    "filter params stay local")
                let post = try #require(received.first { $0.path.hasSuffix("chat.postMessage") })
                #expect(post.headers["idempotency-key"]?.hasSuffix("_step_0") == true)
            }
        } catch {
            try await fake.stop()
            throw error
        }
        try await fake.stop()
    }

    @Test func stripe_bodies_are_form_encoded() async throws {
        let fake = try await Self.providers()
        do {
            try await withPloton({ config in
                config.allowPrivateNetwork = true
                config.toolOverrides["payments"] = ["base_url": fake.baseURL + "/stripe"]
            }) { t async throws in
                try await t.send(.PUT, "v1/tools/payments/credentials", key: t.liveKey, json: #"{"token":"sk_test_x"}"#)
                let id = try await t.createTask(
                    #"{"prompt":"Create a refund payment_intent: pi_9 amount: 500","tool":"payments"}"#, key: t.liveKey)
                try await t.drain()
                try await t.send(.POST, "v1/tasks/\(id)/input", key: t.liveKey, json: #"{"approve":true}"#)
                try await t.drain()
                #expect(try await t.task(id, key: t.liveKey)["status"] as? String == "complete")
                let refund = try #require(fake.received.first { $0.path == "/stripe/v1/refunds" })
                #expect(refund.headers["content-type"] == "application/x-www-form-urlencoded")
                #expect(refund.body == "amount=500&payment_intent=pi_9")
            }
        } catch {
            try await fake.stop()
            throw error
        }
        try await fake.stop()
    }

    @Test func form_encoding_nests_with_brackets() {
        #expect(
            FormEncoding.encode(["metadata": .object(["order": .string("4 2")]), "items": .array([.string("a")]), "n": .number(3)])
                == "items%5B0%5D=a&metadata%5Border%5D=4%202&n=3")
    }
}
