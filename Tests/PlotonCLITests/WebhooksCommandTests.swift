import Foundation
import PlotonTestSupport
import Testing

@Suite(.serialized) struct WebhooksCommandTests {
    @Test func webhooks_listen_forwards_new_events_signed_with_the_environment_secret() async throws {
        let env = try await ProcessEnvironment.make()
        let receiver = try await WebhookReceiver.start()
        let server = try await PlotonProcess.serve(
            environment: env.variables(["PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys]), workingDirectory: env.directory)
        let key = try #require(ServeTests.value(after: "Test API key:", in: server.stdout))
        let client = env.variables(["PLOTON_API_KEY": key, "PLOTON_BASE_URL": server.baseURL + "/v1"])

        // An event from before `listen` started is not forwarded.
        let before = try await server.request(.POST, "/v1/tasks", key: key, json: #"{"prompt":"weather in Oslo"}"#)
        #expect(before.status == .created)
        try await eventually("the first task's events") {
            (try await server.request(.GET, "/v1/events?event=task.complete", key: key).json["data"] as? [Any])?.count == 1
        }

        let listen = try PlotonProcess.start(
            arguments: [
                "webhooks", "listen", "--forward-to", receiver.url("cli"), "--events", "task.complete", "--json", "--interval", "0.2",
            ],
            environment: client, workingDirectory: env.directory)
        try await eventually("listen to start") { listen.stderr.contains("Forwarding new events") }
        let created = try await server.request(.POST, "/v1/tasks", key: key, json: #"{"prompt":"weather in Lisbon","metadata":{"k":"v"}}"#)
        let taskID = try #require(created.json["id"] as? String)
        try await eventually("the forwarded task.complete") { !receiver.deliveries("cli").isEmpty }

        let deliveries = receiver.deliveries("cli")
        #expect(deliveries.count == 1, "only the new task's task.complete")
        let delivery = try #require(deliveries.first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(delivery.body.utf8)) as? [String: Any])
        #expect(body["task_id"] as? String == taskID && body["event"] as? String == "task.complete")
        #expect(Set(body.keys) == ["id", "event", "task_id", "timestamp", "data", "metadata"])
        let secret = try #require(try await server.request(.GET, "/v1/webhook_secret", key: key).json["secret"] as? String)
        let verdicts = try WebhookVerifiers.verify(body: delivery.body, headers: delivery.headers, secret: secret, now: Date())
        #expect(verdicts.count == 5 && verdicts.values.allSatisfy { $0 }, "\(verdicts)")

        #expect(try await listen.stop() == 0)
        #expect(listen.stdout.contains(#""event":"task.complete""#) && listen.stdout.contains(#""status":200"#), "\(listen.stdout)")

        let usage = try PlotonCommandRunner.run(
            ["webhooks", "listen", "--forward-to", "nowhere"], environment: client, workingDirectory: env.directory)
        #expect(usage.status != 0 && usage.stderr.contains("--forward-to"))
        #expect(try await server.stop() == 0)
        try await receiver.stop()
        await env.drop()
    }
}

/// Webhook delivery across real processes sharing one database: each attempt made once, and a
/// retry scheduled before a crash made by a process started afterwards.
@Suite(.serialized) struct WebhookProcessTests {
    @Test func deliveries_survive_a_crash_mid_schedule_and_two_processes_deliver_each_attempt_once() async throws {
        let env = try await ProcessEnvironment.make()
        let receiver = try await WebhookReceiver.start()
        receiver.script("flaky", [.init(503), .init(200)])
        let variables = env.variables([
            "PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys, "PLOTON_ALLOW_PRIVATE_NETWORK": "true",
            "PLOTON_WEBHOOK_RETRY_SCHEDULE": "5,5,5",
        ])
        let first = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let second = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let key = try #require(ServeTests.value(after: "Test API key:", in: first.stdout))
        for (name, event) in [("ok", "task.progress"), ("flaky", "task.complete")] {
            let created = try await first.request(
                .POST, "/v1/webhook_endpoints", key: key, json: #"{"url":"\#(receiver.url(name))","events":["\#(event)"]}"#)
            #expect(created.status == .created)
        }
        var tasks: [String] = []
        for index in 0..<6 {
            let server = index.isMultiple(of: 2) ? first : second
            let created = try await server.request(.POST, "/v1/tasks", key: key, json: #"{"prompt":"weather in Oslo"}"#)
            tasks.append(try #require(created.json["id"] as? String))
        }
        for id in tasks { _ = try await TaskProcessTests.waitForFinalStatus(id, on: first, key: key) }

        // Two processes share the outbox: every progress event reaches its endpoint exactly once.
        let eventCount = 6 * 2
        try await eventually("every progress event was delivered and recorded") {
            let delivered = try await first.request(.GET, "/v1/events?event=task.progress&delivery_success=true&limit=100", key: key)
            return (delivered.json["data"] as? [Any])?.count == eventCount
        }
        #expect(receiver.deliveries("ok").count == eventCount, "no attempt was made twice")

        // One task.complete got a 503 and its retry is scheduled 5 s later: kill both processes now.
        var failed: String?
        try await eventually("the first flaky attempt was recorded") {
            let attempts = receiver.deliveries("flaky")
            guard let id = attempts.first?.headers["webhook-id"] else { return false }
            let rows = try await first.request(.GET, "/v1/events/\(id)/deliveries", key: key).json["data"] as? [[String: Any]]
            failed = id
            return rows?.contains { $0["status_code"] as? Int == 503 && $0["next_attempt_at"] is String } == true
        }
        let retried = try #require(failed)
        #expect(try await first.stop(signal: SIGKILL) == SIGKILL)
        #expect(try await second.stop(signal: SIGKILL) == SIGKILL)
        let before = receiver.deliveries("flaky").filter { $0.headers["webhook-id"] == retried }.count
        #expect(before == 1, "the retry was not yet due when the processes died")

        let third = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        try await eventually("every event reached the flaky endpoint after the restart") {
            let unfinished = try await third.request(.GET, "/v1/events?delivery_success=false", key: key).json["data"] as? [Any]
            return Set(receiver.deliveries("flaky").compactMap { $0.headers["webhook-id"] }).count == 6 && unfinished?.isEmpty == true
        }
        let attempts = try #require(
            try await third.request(.GET, "/v1/events/\(retried)/deliveries", key: key).json["data"] as? [[String: Any]])
        #expect(attempts.map { $0["attempt"] as? Int } == [2, 1])
        #expect(attempts.map { $0["status_code"] as? Int } == [200, 503])
        #expect(receiver.deliveries("flaky").filter { $0.headers["webhook-id"] == retried }.count == 2)
        #expect(try await third.stop() == 0)
        try await receiver.stop()
        await env.drop()
    }
}
