import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// Numbers of any size from callers, receivers and providers never take the server down (issue 14):
/// each is bounded or refused, on SQLite and PostgreSQL alike.
@Suite(.serialized) struct HostileNumbersTests {
    @Test func a_task_with_limit_1e300_finishes() async throws {
        try await withPloton { t in
            let id = try await t.createTask(#"{"tool":"payments","prompt":"list invoices limit=1e300"}"#)
            try await t.drain()
            let task = try await t.task(id)
            #expect(task["status"] as? String == "complete", "\(task)")
            #expect((task["result"] as? [Any])?.isEmpty == false)
        }
    }

    @Test func a_receivers_retry_after_1e300_schedules_the_next_attempt_within_a_day() async throws {
        let webhooks = WebhooksTests()
        try await webhooks.withReceiver { t, receiver in
            receiver.script("huge", [.init(503, headers: ["Retry-After": "1e300"]), .init(200)])
            receiver.script("odd", [.init(503, headers: ["Retry-After": "nan"]), .init(200)])
            _ = try await webhooks.endpoint(t, receiver.url("huge"), events: ["task.complete"])
            _ = try await webhooks.endpoint(t, receiver.url("odd"), events: ["task.complete"])
            _ = try await webhooks.completeTask(t)
            try await webhooks.dispatch(t)
            let scheduled = try await WebhookDelivery.query(on: t.db).filter(\.$attempt == 2).all().map(\.scheduledAt)
            #expect(scheduled.count == 2)
            #expect(scheduled.allSatisfy { $0 <= t.clock.now.addingTimeInterval(86_400) })
            t.clock.advance(by: 86_400)
            #expect(try await webhooks.dispatch(t) == 2)
            #expect(receiver.deliveries("huge").count == 2 && receiver.deliveries("odd").count == 2)
        }
    }

    @Test func a_token_endpoints_expires_in_1e300_is_held_to_a_year() async throws {
        let oauth = OAuthLiveTests()
        try await oauth.withProvider { t, provider in
            provider.configure { $0.expiresInOverride = 1e300 }
            try await oauth.connect(t)
            let connection = try #require(try await Connection.query(on: t.db).first())
            #expect(connection.expiresAt == t.clock.now.addingTimeInterval(TokenGrant.maxLifetime))
            #expect(try await oauth.run(t)["status"] as? String == "complete")
        }
    }

    @Test(arguments: ["9223372036854775807", "-9223372036854775808", "253402300800", "99999-01-01T00:00:00Z"])
    func a_task_list_filter_beyond_the_year_9999_is_refused(value: String) async throws {
        try await withPloton { t in
            let response = try await t.send(.GET, "v1/tasks?created_after=\(value)", key: t.testKey)
            #expect(response.status == .unprocessableEntity, "\(response.body.string)")
            #expect(try response.object["error"].flatMap { ($0 as? [String: Any])?["param"] as? String } == "created_after")
            #expect(try await t.send(.GET, "v1/tasks?created_before=253402300799", key: t.testKey).status == .ok)
        }
    }

    /// Found by Schemathesis on PostgreSQL, whose text columns cannot hold U+0000: it was a 500.
    @Test func a_string_field_with_a_nul_character_is_refused() async throws {
        try await withPloton { t in
            let response = try await t.send(.POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"weather\u0000 in Paris"}"#)
            #expect(response.status == .unprocessableEntity, "\(response.body.string)")
            #expect(try response.object["error"].flatMap { ($0 as? [String: Any])?["param"] as? String } == "prompt")
        }
    }

    @Test(arguments: ["v1/tasks?user_id=%00", "v1/tasks?tool=a%00b", "v1/tasks/task_%00", "v1/connections?user_id=%00"])
    func a_url_with_a_nul_character_is_refused(path: String) async throws {
        try await withPloton { t in
            let response = try await t.send(.GET, path, key: t.testKey)
            #expect(response.status == .badRequest, "\(response.body.string)")
        }
    }
}
