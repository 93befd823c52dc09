import Foundation
import PlotonServer
import PlotonTestSupport
import Testing

/// `/metrics` of a real `ploton serve`, read by prometheus_client's parser, against what the test did.
@Suite(.serialized) struct MetricsProcessTests {
    static let token = "metrics-token-0123456789"
    static let prompt = TaskProcessTests.prompt

    @Test func metrics_count_what_the_server_did_and_prometheus_parses_them() async throws {
        let env = try await ProcessEnvironment.make()
        let weather = try await FakeOpenMeteo.start()
        let receiver = try await WebhookReceiver.start()
        receiver.script("down", [.init(500)])
        let server = try await PlotonProcess.serve(
            environment: env.variables([
                "PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys, "PLOTON_ALLOW_PRIVATE_NETWORK": "true",
                "PLOTON_WEATHER_GEOCODING_URL": weather.baseURL, "PLOTON_WEATHER_FORECAST_URL": weather.baseURL,
                "PLOTON_WEBHOOK_RETRY_SCHEDULE": "3600", "PLOTON_METRICS": "on", "PLOTON_METRICS_TOKEN": Self.token,
                "PLOTON_ACCOUNT_CONCURRENCY": "1",
            ]), workingDirectory: env.directory)
        let live = try #require(ServeTests.value(after: "Live API key:", in: server.stdout))

        // One task held at its forecast (running) and, one at a time per account, one behind it (pending, then cancelled).
        weather.holdFirstForecast()
        let held = try #require(
            try await server.request(.POST, "/v1/tasks", key: live, json: #"{"prompt":"\#(Self.prompt)"}"#).json["id"] as? String)
        await weather.waitForHeldForecast()
        let queued = try #require(
            try await server.request(.POST, "/v1/tasks", key: live, json: #"{"prompt":"\#(Self.prompt)"}"#).json["id"] as? String)
        let busy = try await Self.scrape(server)
        #expect(busy["ploton_tasks_running", [:]] == 1 && busy["ploton_task_queue_depth", [:]] == 1)
        #expect((busy["ploton_task_oldest_pending_age_seconds", [:]] ?? 0) > 0)
        try await server.request(.POST, "/v1/tasks/\(queued)/cancel", key: live).expect(.ok)
        weather.releaseHeldForecast()
        #expect(try await TaskProcessTests.waitForFinalStatus(held, on: server, key: live)["status"] as? String == "complete")

        // One forecast answers 503 first (a retry), one answers 404 (the task fails), one runs with a webhook that answers 500.
        weather.failForecasts([(503, nil)])
        let retried = try await run(#"{"prompt":"\#(Self.prompt)"}"#, on: server, key: live)
        #expect(retried["status"] as? String == "complete", "\(retried)")
        weather.failForecasts([(404, nil)])
        let failed = try await run(#"{"prompt":"\#(Self.prompt)"}"#, on: server, key: live)
        let code = try #require((failed["error"] as? [String: Any])?["code"] as? String, "\(failed)")
        weather.failForecasts([])
        let hooked = try await run(#"{"prompt":"\#(Self.prompt)","webhook_url":"\#(receiver.url("down"))"}"#, on: server, key: live)
        #expect(hooked["status"] as? String == "complete")
        let delivered = try await run(#"{"prompt":"\#(Self.prompt)","webhook_url":"\#(receiver.url("up"))"}"#, on: server, key: live)
        #expect(delivered["status"] as? String == "complete")
        try await server.request(.GET, "/v1/tasks/task_0000000000000000000000", key: live).expect(.notFound)

        let refused = try await server.request(.GET, "/metrics", key: "not-the-token")
        refused.expect(.unauthorized)
        #expect(refused.json["error"] != nil, "\(refused.body)")

        // Each webhook attempt is counted once the receiver has answered, and an event still on its way to the
        // failing receiver is in the outbox too: wait until every answer is counted and every event was tried.
        var metrics = Samples()
        let deadline = ContinuousClock.now + .seconds(30)
        repeat {
            metrics = try await Self.scrape(server)
            let (attempts, accepted) = (receiver.deliveries("down").count, receiver.deliveries("up").count)
            if attempts > 0, metrics["ploton_webhook_attempts_total", ["outcome": "failed", "status_class": "5xx"]] == Double(attempts),
                accepted > 0,
                metrics["ploton_webhook_attempts_total", ["outcome": "succeeded", "status_class": "2xx"]] == Double(accepted),
                metrics["ploton_webhook_outbox_depth", [:]] == Double(attempts)
            {
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        } while ContinuousClock.now < deadline
        let attempts = Double(receiver.deliveries("down").count)
        let accepted = Double(receiver.deliveries("up").count)

        #expect(metrics["ploton_tasks_accepted_total", ["environment": "live"]] == 6)
        #expect(metrics["ploton_tasks_completed_total", ["environment": "live"]] == 4)
        #expect(metrics["ploton_tasks_cancelled_total", ["environment": "live"]] == 1)
        #expect(metrics["ploton_tasks_failed_total", ["environment": "live", "code": code]] == 1)
        #expect(metrics["ploton_task_duration_seconds_count", ["outcome": "complete"]] == 4)
        #expect(metrics["ploton_task_duration_seconds_count", ["outcome": "cancelled"]] == 1)
        #expect(metrics["ploton_step_recoveries_total", ["type": "retry"]] == 1)
        let failedStep = ["tool": "weather", "capability": "current", "outcome": "failed"]
        #expect(
            metrics["ploton_step_duration_seconds_count", failedStep] == 1
                && metrics.sum("ploton_step_duration_seconds_count", ["outcome": "failed"]) == 1)
        #expect(metrics["ploton_step_duration_seconds_count", ["tool": "weather", "capability": "geocode", "outcome": "complete"]] == 5)
        #expect(metrics["ploton_step_duration_seconds_count", ["tool": "weather", "capability": "current", "outcome": "complete"]] == 4)
        #expect(metrics["ploton_webhook_attempts_total", ["outcome": "failed", "status_class": "5xx"]] == attempts)
        #expect(metrics["ploton_webhook_attempts_total", ["outcome": "succeeded", "status_class": "2xx"]] == accepted)
        #expect(metrics["ploton_webhook_delivery_latency_seconds_count", [:]] == accepted, "each 2xx timed from its event")
        #expect(metrics["ploton_webhook_outbox_depth", [:]] == attempts, "each failed attempt waits an hour for its retry")
        #expect(metrics["ploton_task_queue_depth", [:]] == 0 && metrics["ploton_tasks_running", [:]] == 0)
        #expect(metrics["ploton_task_oldest_pending_age_seconds", [:]] == 0)
        #expect((metrics["ploton_database_pool_wait_seconds", [:]] ?? -1) >= 0)
        #expect(metrics["ploton_connections", ["status": "active"]] == 0)
        #expect((metrics["process_resident_memory_bytes", [:]] ?? 0) > 1_000_000)
        let notFound = ["route": "/v1/tasks/:id", "method": "GET", "status_class": "4xx"]
        #expect(metrics["ploton_http_request_duration_seconds_count", notFound] == 1)
        #expect(
            metrics["ploton_http_request_duration_seconds_count", ["route": "/v1/tasks", "method": "POST", "status_class": "2xx"]] == 6)
        #expect(
            metrics[
                "ploton_http_request_duration_seconds_count", ["route": "/v1/tasks/:id/cancel", "method": "POST", "status_class": "2xx"]]
                == 1)
        #expect(metrics.all.allSatisfy { !"\($0.labels)".contains("task_") }, "no ids in labels")

        await server.expectCleanStop()
        try await receiver.stop()
        try await weather.stop()
        await env.drop()
    }

    @Test func a_worker_process_with_metrics_on_listens_for_metrics_only() async throws {
        #expect(throws: ConfigError.self) { try PlotonConfig.load(from: ["PLOTON_METRICS": "on", "PLOTON_METRICS_TOKEN": "short"]) }
        let env = try await ProcessEnvironment.make()
        let worker = try await PlotonProcess.serve(
            environment: env.variables([
                "PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys, "PLOTON_ROLE": "worker", "PLOTON_METRICS": "on",
                "PLOTON_METRICS_TOKEN": Self.token,
            ]), workingDirectory: env.directory)
        let metrics = try await Self.scrape(worker)
        #expect(metrics["ploton_tasks_running", [:]] == 0)
        try await worker.request(.GET, "/v1/tasks", key: Self.token).expect(.notFound, "no API in a worker")
        await worker.expectCleanStop()
        await env.drop()
    }

    private func run(_ body: String, on server: PlotonProcess, key: String) async throws -> [String: Any] {
        let id = try #require(try await server.request(.POST, "/v1/tasks", key: key, json: body).json["id"] as? String)
        return try await TaskProcessTests.waitForFinalStatus(id, on: server, key: key)
    }

    /// GET /metrics with the token, parsed by prometheus_client (Tests/MetricsPeers/parse.py).
    static func scrape(_ server: PlotonProcess) async throws -> Samples {
        let response = try await server.request(.GET, "/metrics", key: token)
        try response.require(.ok)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-\(UUID().uuidString).txt")
        try Data(response.body.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = RepositoryPaths.root.appendingPathComponent("Tests/MetricsPeers/parse.py").path
        let parsed = try ProcessRunner.run("python3", [script, file.path])
        try #require(parsed.status == 0, "prometheus_client rejected the exposition: \(parsed.output)")
        return try Samples(json: parsed.output)
    }

    struct Samples {
        struct Sample: Decodable {
            var name: String
            var labels: [String: String]
            var value: Double
        }
        var all: [Sample] = []

        init() {}
        init(json: String) throws { all = try JSONDecoder().decode([Sample].self, from: Data(json.utf8)) }

        subscript(name: String, labels: [String: String]) -> Double? {
            all.first { $0.name == name && $0.labels == labels }?.value
        }

        /// Summed over the series whose labels include `labels`.
        func sum(_ name: String, _ labels: [String: String]) -> Double {
            all.filter { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }.map(\.value).reduce(
                0, +)
        }
    }
}
