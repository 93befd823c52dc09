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
        try await waitFor("the first task's events") {
            (try await server.request(.GET, "/v1/events?event=task.complete", key: key).json["data"] as? [Any])?.count == 1
        }

        let listen = try PlotonProcess.start(
            arguments: [
                "webhooks", "listen", "--forward-to", receiver.url("cli"), "--events", "task.complete", "--json", "--interval", "0.2",
            ],
            environment: client, workingDirectory: env.directory)
        try await waitFor("listen to start") { listen.stderr.contains("Forwarding new events") }
        let created = try await server.request(.POST, "/v1/tasks", key: key, json: #"{"prompt":"weather in Lisbon","metadata":{"k":"v"}}"#)
        let taskID = try #require(created.json["id"] as? String)
        try await waitFor("the forwarded task.complete") { !receiver.deliveries("cli").isEmpty }

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

    /// Polls a condition of processes this test does not control, for up to 20 s.
    func waitFor(_ what: String, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("timed out waiting for \(what)")
    }
}
