import Foundation
import PlotonAPI
import PlotonCore
import PlotonKit
import PlotonTestSupport
import Synchronization
import Testing
import Vapor

/// PlotonKit against a real `ploton serve`, a local server that fails then recovers, and real
/// webhook deliveries.
@Suite(.serialized) struct PlotonKitTests {
    static let weather = "Look up the current weather in San Francisco and return temperature, conditions, and humidity"

    @Test func configuration_comes_from_the_environment_with_clear_errors() throws {
        #expect(throws: PlotonError.configuration("PLOTON_API_KEY is not set: export a pk_test_… or pk_live_… key.")) {
            try Ploton(environment: [:])
        }
        do {
            _ = try Ploton(environment: ["PLOTON_API_KEY": "pk_test_nope"])
            Issue.record("a malformed key is refused")
        } catch let error as PlotonError {
            #expect(error.description.contains("PLOTON_API_KEY"))
        }
        let key = APIKeySecret.generate(environment: .test).value
        let badSecret = try Ploton(environment: ["PLOTON_API_KEY": key, "PLOTON_WEBHOOK_SECRET": "nope"])
        #expect(throws: PlotonError.configuration("PLOTON_WEBHOOK_SECRET must be a whsec_… secret.")) { try badSecret.webhookVerifier() }
        #expect(try Ploton(environment: ["PLOTON_API_KEY": key]).webhookSecret == nil)
    }

    @Test func every_resource_against_a_running_server() async throws {
        let env = try await ProcessEnvironment.make()
        let receiver = try await WebhookReceiver.start()
        let server = try await PlotonProcess.serve(
            environment: env.variables(["PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys, "PLOTON_ALLOW_PRIVATE_NETWORK": "true"]),
            workingDirectory: env.directory)
        let testKey = try #require(FirstRunBanner.value(after: "Test API key:", in: server.stdout))
        let liveKey = try #require(FirstRunBanner.value(after: "Live API key:", in: server.stdout))
        let ploton = try Ploton(environment: ["PLOTON_API_KEY": testKey, "PLOTON_BASE_URL": server.baseURL + "/v1"])

        // Webhooks first, so the tasks below deliver to the receiver.
        let endpoint = try await ploton.webhookEndpoints.create(url: receiver.url("sdk"), events: ["task.complete"])
        #expect(try await ploton.webhookEndpoints.list().data.map(\.id) == [endpoint.id])
        let secret = try await ploton.webhookSecrets.get()
        #expect(secret.secret.hasPrefix("whsec_"))

        // Tasks: create, wait, trace, list (paged), preview, cancel.
        let created = try await ploton.tasks.create(prompt: Self.weather, metadata: ["order": .string("42")])
        let done = try await ploton.tasks.wait(created.id, timeout: 30)
        #expect(done.status == .complete && done.result?.value(at: "temperature") != nil)
        #expect(try await ploton.tasks.trace(created.id).steps.count == 2)
        var seen: [String] = []
        for try await task in ploton.tasks.all() { seen.append(task.id) }
        #expect(seen.contains(created.id))
        // Subagents: deploy, list, and a task inside one's boundary.
        let desk = try await ploton.subagents.deploy(name: "forecaster", prompt: "Weather forecasts for our field teams")
        #expect(desk.tools == ["weather"] && desk.toolsAvailable == 1 && desk.type == "custom")
        #expect(try await ploton.subagents.list(type: .custom).data.map(\.id) == [desk.id])
        #expect(try await ploton.subagents.update(desk.id, name: "forecasts").name == "forecasts")
        let scoped = try await ploton.tasks.wait(try await ploton.tasks.create(prompt: Self.weather, subAgent: "forecasts").id, timeout: 30)
        #expect(scoped.status == .complete && scoped.subAgent == "forecasts")
        try await ploton.subagents.delete(desk.id)
        #expect(try await ploton.subagents.get("sa_prebuilt_billing").tools == ["payments"])

        let preview = try await ploton.tasks.preview(prompt: "Pull all open deals from user_123's CRM account")
        #expect(preview.authorizationsRequired.first?.tool == "crm")

        // A task that needs consent waits; the SDK can return the waiting state.
        let crm = try await ploton.tasks.create(prompt: "List all deals", userID: "u1", tool: "crm")
        let waiting = try await ploton.tasks.wait(crm.id, timeout: 30, returnWhenWaiting: true)
        #expect(waiting.status == .waiting && waiting.waiting?.authURL?.contains("/auth/crm?session=") == true)
        #expect(try await ploton.tasks.cancel(crm.id).status == .cancelled)
        do {
            _ = try await ploton.tasks.cancel(crm.id)
            Issue.record("cancelling twice fails")
        } catch let error as PlotonError {
            guard case .api(let status, let code, _, _, let requestID) = error else { throw error }
            #expect(status == 409 && code == "task_already_finished" && requestID?.hasPrefix("req_") == true)
        }

        // Connections, events and deliveries.
        let authorization = try await ploton.connections.authorize(userID: "u2", tool: "chat")
        #expect(authorization.authURL.contains("/auth/chat?session=sess_"))
        #expect(try await ploton.connections.list(userID: "u2").data.isEmpty)
        let events = try await ploton.events.list(taskID: created.id)
        #expect(events.data.map(\.event).contains("task.complete"))
        let complete = try #require(events.data.first { $0.event == "task.complete" })
        try await eventually("the delivery") { try await ploton.events.get(complete.id).deliveryStatus == "succeeded" }
        #expect(try await ploton.events.deliveries(complete.id).data.first?.statusCode == 200)
        #expect(try await ploton.events.redeliver(complete.id).deliveryStatus == "pending")
        #expect(try await ploton.webhookEndpoints.update(endpoint.id, enabled: false).enabled == false)
        try await ploton.webhookEndpoints.delete(endpoint.id)

        // The delivery the receiver got verifies with the SDK's verifier.
        let delivery = try #require(receiver.deliveries("sdk").first)
        let verifier = try WebhookVerifier(secret: secret.secret)
        let event = try verifier.verify(body: Data(delivery.body.utf8), headers: delivery.headers)
        #expect(event.id == complete.id && event.taskID == created.id && event.metadata == .object(["order": .string("42")]))
        #expect(throws: PlotonError.self) {
            try verifier.verify(body: Data(delivery.body.replacingOccurrences(of: "42", with: "43").utf8), headers: delivery.headers)
        }
        #expect(throws: PlotonError.self) {
            try verifier.verify(body: Data(delivery.body.utf8), headers: delivery.headers, now: Date() + 600)
        }
        #expect(throws: PlotonError.self) {
            try WebhookVerifier(secret: WebhookSecret.generate().value).verify(body: Data(delivery.body.utf8), headers: delivery.headers)
        }

        // Tools and API keys (key management needs the live key).
        #expect(try await ploton.tools.list().data.map(\.name).contains("weather"))
        let admin = try Ploton(apiKey: liveKey, baseURL: server.baseURL + "/v1")
        let key = try await admin.apiKeys.create(name: "sdk", environment: .test)
        #expect(key.secret?.hasPrefix("pk_test_") == true)
        #expect(try await admin.apiKeys.get(key.id).secret == nil, "the secret is shown once")
        let rolledSecret = try await ploton.webhookSecrets.roll(overlap: 60)
        #expect(rolledSecret.secret != secret.secret && rolledSecret.previousExpiresAt != nil)
        #expect(try await ploton.tools.get("weather").value(at: "name") == .string("weather"))
        #expect(try await admin.apiKeys.revoke(key.id).status == .revoked)
        do {
            _ = try await ploton.apiKeys.list()
            Issue.record("a test key cannot manage keys")
        } catch let error as PlotonError {
            #expect(error.code == "forbidden")
        }

        #expect(try await server.stop() == 0)
        try await receiver.stop()
        await env.drop()
    }

    @Test func rate_limits_and_server_errors_are_retried_with_the_same_idempotency_key() async throws {
        let replies = ReplyScript([503, 429, 200])
        let service = try await FakeService.start { app in
            app.post("v1", "tasks", ":id", "cancel") { _ async throws -> Response in
                let status = replies.next()
                guard status == 200 else {
                    return try Response.json(
                        [
                            "error": [
                                "code": status == 429 ? "rate_limit_exceeded" : "internal_error", "message": "try later",
                                "request_id": "req_1",
                            ]
                        ],
                        status: HTTPStatus(statusCode: status), headers: status == 429 ? ["Retry-After": "0"] : [:])
                }
                return try Response.json([
                    "id": "task_1", "object": "task", "status": "cancelled", "prompt": "p", "user_id": NSNull(), "tool": NSNull(),
                    "tools": [],
                    "sub_agent": NSNull(), "metadata": [:], "result": NSNull(), "error": NSNull(), "waiting": NSNull(), "livemode": false,
                    "created_at": "2026-05-28T00:00:00Z", "updated_at": "2026-05-28T00:00:00Z", "completed_at": "2026-05-28T00:00:00Z",
                ])
            }
        }
        let ploton = try Ploton(
            apiKey: APIKeySecret.generate(environment: .test).value, baseURL: service.baseURL + "/v1",
            retry: RetryPolicy(maxRetries: 3, baseDelay: 0.01))
        let task = try await ploton.tasks.cancel("task_1")
        #expect(task.status == .cancelled)
        let keys = service.received.map { $0.headers["idempotency-key"] }
        #expect(keys.count == 3 && Set(keys).count == 1 && keys.first??.isEmpty == false)

        let stubborn = try Ploton(
            apiKey: APIKeySecret.generate(environment: .test).value, baseURL: service.baseURL + "/v1",
            retry: RetryPolicy(maxRetries: 1, baseDelay: 0.01))
        replies.reset([503, 503, 503])
        do {
            _ = try await stubborn.tasks.cancel("task_1")
            Issue.record("bounded retries give up")
        } catch let error as PlotonError {
            #expect(error.code == "internal_error")
        }
        try await service.stop()
    }
}

/// Status codes a fake answers with, in order (the last repeats).
final class ReplyScript: Sendable {
    private let statuses: Mutex<[Int]>
    init(_ statuses: [Int]) { self.statuses = Mutex(statuses) }
    func next() -> Int { statuses.withLock { $0.count > 1 ? $0.removeFirst() : $0[0] } }
    func reset(_ new: [Int]) { statuses.withLock { $0 = new } }
}
