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

/// Webhook delivery across real processes sharing one database: each attempt made once, and an
/// attempt in flight when its process dies is made again by a process started afterwards.
@Suite(.serialized) struct WebhookProcessTests {
    @Test func deliveries_survive_a_crash_mid_schedule_and_two_processes_deliver_each_attempt_once() async throws {
        let env = try await ProcessEnvironment.make()
        let receiver = try await WebhookReceiver.start()
        let gate = Gate()
        receiver.script("flaky", [.init(503), .init(200, hold: { await gate.enterAndWait() }), .init(200)])
        let variables = env.variables([
            "PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys, "PLOTON_ALLOW_PRIVATE_NETWORK": "true",
            "PLOTON_WEBHOOK_RETRY_SCHEDULE": "1,1,1", "PLOTON_WEBHOOK_TIMEOUT_SECONDS": "1",
        ])
        let first = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let second = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let key = try #require(ServeTests.value(after: "Test API key:", in: first.stdout))
        for name in ["ok", "flaky"] {
            let events = name == "flaky" ? #","events":["task.complete"]"# : ""
            let created = try await first.request(
                .POST, "/v1/webhook_endpoints", key: key, json: #"{"url":"\#(receiver.url(name))"\#(events)}"#)
            #expect(created.status == .created)
        }
        var tasks: [String] = []
        for index in 0..<6 {
            let server = index.isMultiple(of: 2) ? first : second
            let created = try await server.request(.POST, "/v1/tasks", key: key, json: #"{"prompt":"weather in Oslo"}"#)
            tasks.append(try #require(created.json["id"] as? String))
        }
        for id in tasks { _ = try await TaskProcessTests.waitForFinalStatus(id, on: first, key: key) }

        // Two processes share the outbox: every event reaches the healthy endpoint exactly once.
        let eventCount = 6 * 3
        try await eventually("every event reached the healthy endpoint") {
            Set(receiver.deliveries("ok").compactMap { $0.headers["webhook-id"] }).count == eventCount
        }
        #expect(receiver.deliveries("ok").count == eventCount, "no attempt was made twice")

        // The first flaky delivery failed (503); the next one is held by the receiver: kill both processes.
        await gate.waitUntilEntered()
        let held = try #require(receiver.deliveries("flaky").dropFirst().first?.headers["webhook-id"])
        #expect(try await first.stop(signal: SIGKILL) == SIGKILL)
        #expect(try await second.stop(signal: SIGKILL) == SIGKILL)
        await gate.release()

        let third = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        try await eventually("every event reached the flaky endpoint too") {
            let unfinished = try await third.request(.GET, "/v1/events?delivery_success=false", key: key).json["data"] as? [Any]
            return Set(receiver.deliveries("flaky").compactMap { $0.headers["webhook-id"] }).count == 6 && unfinished?.isEmpty == true
        }
        #expect(receiver.deliveries("ok").count == eventCount, "nothing delivered is sent again after the restart")

        // The attempt in flight at the crash was made again after its lease ran out, and succeeded.
        let attempts = try #require(
            try await third.request(.GET, "/v1/events/\(held)/deliveries", key: key).json["data"] as? [[String: Any]])
        let flaky = attempts.filter { ($0["url"] as? String) == receiver.url("flaky") }
        #expect(flaky.first?["status"] as? String == "succeeded" && flaky.first?["status_code"] as? Int == 200)
        #expect(
            receiver.deliveries("flaky").filter { $0.headers["webhook-id"] == held }.count == flaky.count + 1,
            "one request per recorded attempt, plus the one lost in the crash")
        #expect(try await third.stop() == 0)
        try await receiver.stop()
        await env.drop()
    }
}
