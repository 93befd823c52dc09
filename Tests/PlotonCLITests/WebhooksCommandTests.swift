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
        before.expect(.created)
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

        await listen.expectCleanStop()
        #expect(listen.stdout.contains(#""event":"task.complete""#) && listen.stdout.contains(#""status":200"#), "\(listen.stdout)")

        let usage = try PlotonCommandRunner.run(
            ["webhooks", "listen", "--forward-to", "nowhere"], environment: client, workingDirectory: env.directory)
        #expect(usage.status != 0 && usage.stderr.contains("--forward-to"))
        await server.expectCleanStop()
        try await receiver.stop()
        await env.drop()
    }
}

/// Webhook delivery across real processes sharing one database.
@Suite(.serialized) struct WebhookProcessTests {
    static func endpoint(_ server: PlotonProcess, key: String, url: String, event: String) async throws {
        let created = try await server.request(.POST, "/v1/webhook_endpoints", key: key, json: #"{"url":"\#(url)","events":["\#(event)"]}"#)
        created.expect(.created)
    }

    @Test func two_processes_deliver_each_attempt_once() async throws {
        let env = try await ProcessEnvironment.make()
        let receiver = try await WebhookReceiver.start()
        let variables = env.variables(["PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys, "PLOTON_ALLOW_PRIVATE_NETWORK": "true"])
        let first = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let second = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let key = try #require(ServeTests.value(after: "Test API key:", in: first.stdout))
        for name in ["a", "b"] { try await Self.endpoint(first, key: key, url: receiver.url(name), event: "task.progress") }
        for index in 0..<8 {
            let server = index.isMultiple(of: 2) ? first : second
            try await server.request(.POST, "/v1/tasks", key: key, json: #"{"prompt":"weather in Oslo"}"#).expect(.created)
        }
        let eventCount = 8 * 2
        try await eventually("every progress event was delivered to both endpoints") {
            let delivered = try await first.request(.GET, "/v1/events?event=task.progress&delivery_success=true&limit=100", key: key)
            return (delivered.json["data"] as? [Any])?.count == eventCount
        }
        for name in ["a", "b"] {
            let ids = receiver.deliveries(name).compactMap { $0.headers["webhook-id"] }
            #expect(ids.count == eventCount && Set(ids).count == eventCount, "\(name): each event once, by one of the processes")
        }
        await first.expectCleanStop()
        await second.expectCleanStop()
        try await receiver.stop()
        await env.drop()
    }

    @Test func a_retry_scheduled_before_a_crash_is_made_after_the_restart() async throws {
        let env = try await ProcessEnvironment.make()
        let receiver = try await WebhookReceiver.start()
        receiver.script("flaky", [.init(503), .init(200)])
        let variables = env.variables([
            "PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys, "PLOTON_ALLOW_PRIVATE_NETWORK": "true",
            "PLOTON_WEBHOOK_RETRY_SCHEDULE": "5,5,5",
        ])
        let first = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let key = try #require(ServeTests.value(after: "Test API key:", in: first.stdout))
        try await Self.endpoint(first, key: key, url: receiver.url("flaky"), event: "task.complete")
        try await first.request(.POST, "/v1/tasks", key: key, json: #"{"prompt":"weather in Oslo"}"#).expect(.created)

        // The first attempt gets a 503 and its retry is scheduled 5 s later: kill the process then.
        var failed: String?
        try await eventually("the first attempt was recorded") {
            guard let id = receiver.deliveries("flaky").first?.headers["webhook-id"] else { return false }
            failed = id
            let rows = try await first.request(.GET, "/v1/events/\(id)/deliveries", key: key).json["data"] as? [[String: Any]]
            return rows?.contains { $0["status_code"] as? Int == 503 && $0["next_attempt_at"] is String } == true
        }
        let event = try #require(failed)
        #expect(try await first.stop(signal: SIGKILL) == SIGKILL)
        #expect(receiver.deliveries("flaky").count == 1, "the retry was not yet due when the process died")

        let second = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        try await eventually("the retry was delivered after the restart") {
            let unfinished = try await second.request(.GET, "/v1/events?delivery_success=false", key: key).json["data"] as? [Any]
            return receiver.deliveries("flaky").count == 2 && unfinished?.isEmpty == true
        }
        let attempts = try #require(
            try await second.request(.GET, "/v1/events/\(event)/deliveries", key: key).json["data"] as? [[String: Any]])
        #expect(attempts.map { $0["attempt"] as? Int } == [2, 1])
        #expect(attempts.map { $0["status_code"] as? Int } == [200, 503])
        #expect(Set(receiver.deliveries("flaky").compactMap { $0.headers["webhook-id"] }) == [event])
        await second.expectCleanStop()
        try await receiver.stop()
        await env.drop()
    }

    /// At least once: the process that ran the task holds its handed, leased row; it dies after
    /// the receiver got the request and before the outcome is recorded. After the lease another
    /// process delivers the same event again: same `webhook-id`, byte-identical body, a valid
    /// signature, recorded as the first attempt's success (not a retry).
    @Test func a_handed_delivery_whose_process_dies_before_its_outcome_is_recorded_is_made_again_after_the_lease() async throws {
        let env = try await ProcessEnvironment.make()
        let receiver = try await WebhookReceiver.start()
        let held = Gate()
        receiver.script("held", [.init(200, hold: { _ in await held.enterAndWait() }), .init(200)])
        let variables = env.variables([
            "PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys, "PLOTON_ALLOW_PRIVATE_NETWORK": "true",
            // A lease of 25 s: the kill must come while the receiver holds the request, and on a starved
            // machine this test noticed the hold 2 s late, after a 2 s timeout had recorded the attempt.
            "PLOTON_WEBHOOK_TIMEOUT_SECONDS": "20",
        ])
        let first = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let key = try #require(ServeTests.value(after: "Test API key:", in: first.stdout))
        try await Self.endpoint(first, key: key, url: receiver.url("held"), event: "task.complete")
        try await first.request(.POST, "/v1/tasks", key: key, json: #"{"prompt":"weather in Oslo"}"#).expect(.created)

        await held.waitUntilEntered()
        #expect(try await first.stop(signal: SIGKILL) == SIGKILL)
        let killed = ContinuousClock.now

        let second = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let events = try #require(
            try await second.request(.GET, "/v1/events?event=task.complete", key: key).json["data"] as? [[String: Any]])
        let event = try #require(events.first?["id"] as? String)
        let pending = try #require(
            try await second.request(.GET, "/v1/events/\(event)/deliveries", key: key).json["data"] as? [[String: Any]])
        #expect(
            pending.count == 1 && pending.first?["status"] as? String == "pending" && (pending.first?["status_code"] ?? NSNull()) is NSNull,
            "\(pending), \(ContinuousClock.now - killed) after the kill, \(receiver.deliveries("held").count) received")

        try await eventually("the delivery was made again after its lease", timeout: .seconds(90)) {
            receiver.deliveries("held").count == 2
        }
        #expect(ContinuousClock.now - killed > .seconds(10), "not before the lease ran out")
        let deliveries = receiver.deliveries("held")
        #expect(deliveries.map { $0.headers["webhook-id"] } == [event, event])
        #expect(deliveries[0].body == deliveries[1].body && deliveries[1].body.contains(event))
        let secret = try #require(try await second.request(.GET, "/v1/webhook_secret", key: key).json["secret"] as? String)
        let verdicts = try WebhookVerifiers.verify(body: deliveries[1].body, headers: deliveries[1].headers, secret: secret, now: Date())
        #expect(!verdicts.isEmpty && verdicts.values.allSatisfy { $0 }, "\(verdicts)")
        try await eventually("the outcome was recorded") {
            let attempts = try await second.request(.GET, "/v1/events/\(event)/deliveries", key: key).json["data"] as? [[String: Any]]
            return attempts?.count == 1 && attempts?.first?["attempt"] as? Int == 1 && attempts?.first?["status_code"] as? Int == 200
        }
        await held.release()
        await second.expectCleanStop()
        try await receiver.stop()
        await env.drop()
    }

    /// `ploton_webhook_delivery_latency_seconds` is completion → 2xx: a delivery that succeeds on
    /// its retry is timed from the event, through the retry's wait, not from the retry.
    @Test func a_retried_deliverys_latency_is_timed_from_the_event() async throws {
        let env = try await ProcessEnvironment.make()
        let receiver = try await WebhookReceiver.start()
        receiver.script("flaky", [.init(503), .init(200)])
        let server = try await PlotonProcess.serve(
            environment: env.variables([
                "PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys, "PLOTON_ALLOW_PRIVATE_NETWORK": "true",
                "PLOTON_WEBHOOK_RETRY_SCHEDULE": "2", "PLOTON_METRICS": "on", "PLOTON_METRICS_TOKEN": MetricsProcessTests.token,
            ]), workingDirectory: env.directory)
        let key = try #require(ServeTests.value(after: "Test API key:", in: server.stdout))
        try await Self.endpoint(server, key: key, url: receiver.url("flaky"), event: "task.complete")
        try await server.request(.POST, "/v1/tasks", key: key, json: #"{"prompt":"weather in Oslo"}"#).expect(.created)

        var metrics = MetricsProcessTests.Samples()
        try await eventually("the retry's 2xx was timed") {
            metrics = try await MetricsProcessTests.scrape(server)
            return metrics["ploton_webhook_delivery_latency_seconds_count", [:]] == 1
        }
        let latency = try #require(metrics["ploton_webhook_delivery_latency_seconds_sum", [:]])
        #expect(latency >= 2 && latency < 10, "from the event, through the retry's 2 s wait: \(latency)")
        #expect(receiver.deliveries("flaky").count == 2)
        await server.expectCleanStop()
        try await receiver.stop()
        await env.drop()
    }
}
