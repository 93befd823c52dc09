import AsyncHTTPClient
import Foundation
import NIOCore
import PlotonTestSupport
import Testing

/// Traces of a real `ploton serve`, exported over OTLP/HTTP to a real receiver that decodes them
/// with the OpenTelemetry protobuf definitions (Tests/OTelPeers/receiver.py): one trace from the
/// agent's request through the worker, the steps' tool calls and the webhook attempts.
@Suite(.serialized) struct TracingProcessTests {
    static let agentTrace = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let agentSpan = "00f067aa0ba902b7"

    @Test func one_trace_runs_from_the_agent_request_to_each_webhook_attempt() async throws {
        let env = try await ProcessEnvironment.make()
        let weather = try await FakeOpenMeteo.start()
        let receiver = try await WebhookReceiver.start()
        let (collector, spansFile) = try await Self.startCollector(in: env.directory)
        defer { collector.terminate() }
        let server = try await PlotonProcess.serve(
            environment: env.variables([
                "PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys, "PLOTON_ALLOW_PRIVATE_NETWORK": "true",
                "PLOTON_WEATHER_GEOCODING_URL": weather.baseURL, "PLOTON_WEATHER_FORECAST_URL": weather.baseURL,
                "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:\(collector.port)", "OTEL_SERVICE_NAME": "ploton-test",
                "OTEL_EXPORTER_OTLP_HEADERS": "X-Collector-Key=secret-collector-key", "OTEL_BSP_SCHEDULE_DELAY": "100",
                "OTEL_LOG_LEVEL": "info",
            ]), workingDirectory: env.directory)
        let live = try #require(ServeTests.value(after: "Live API key:", in: server.stdout))

        let body = #"{"prompt":"\#(TaskProcessTests.prompt)","webhook_url":"\#(receiver.url("traced"))"}"#
        let id = try await Self.createTask(body, on: server, key: live, traceparent: "00-\(Self.agentTrace)-\(Self.agentSpan)-01")
        let task = try await TaskProcessTests.waitForFinalStatus(id, on: server, key: live)
        #expect(task["status"] as? String == "complete", "\(task)")
        let trace = try await server.request(.GET, "/v1/tasks/\(id)/trace", key: live).json
        #expect(trace["trace_id"] as? String == Self.agentTrace)
        // Reads start no trace of their own (the polls above made none); one sent with traceparent joins its caller's.
        var read = HTTPClientRequest(url: server.baseURL + "/v1/tasks/\(id)")
        read.headers.add(name: "Authorization", value: "Bearer \(live)")
        read.headers.add(name: "traceparent", value: "00-\(Self.agentTrace)-\(Self.agentSpan)-01")
        #expect(try await HTTPClient.shared.execute(read, timeout: .seconds(30)).status == .ok)

        // progress ×2 and complete, each delivered once; every attempt's span reaches the collector.
        try await eventually("the webhooks and their spans arrive", timeout: .seconds(30)) {
            let hooks = receiver.deliveries("traced").count
            let exported = try Self.spans(spansFile)
            let attempts = exported.filter { $0.name == "webhook.attempt" }.count
            return hooks == 3 && attempts == hooks && exported.contains { $0.name == "GET /v1/tasks/:id" }
        }
        let reads = try Self.spans(spansFile).filter { $0.name.hasPrefix("GET /v1/tasks") }
        #expect(reads.count == 1 && reads.first?.parent_span_id == Self.agentSpan, "\(reads.map(\.name))")
        let spans = try Self.spans(spansFile).filter { $0.trace_id == Self.agentTrace }
        #expect(spans.allSatisfy { $0.service == "ploton-test" && $0.header == "secret-collector-key" })
        let request = try #require(spans.first { $0.name == "POST /v1/tasks" }, "\(spans.map(\.name))")
        #expect(request.parent_span_id == Self.agentSpan && request.kind == 2, "a server span, child of the agent's")
        #expect(request.attributes["http.response.status_code"] == .int(201))
        let run = try #require(spans.first { $0.name == "task.run" })
        let queued = try #require(spans.first { $0.name == "task.queued" })
        #expect(run.parent_span_id == request.span_id && queued.parent_span_id == request.span_id)
        #expect(queued.start <= queued.end && queued.end <= run.end)
        #expect(spans.first { $0.name == "task.plan" }?.parent_span_id == run.span_id)
        let steps = spans.filter { $0.name.hasPrefix("step weather.") }
        #expect(steps.count == 2 && steps.allSatisfy { $0.parent_span_id == run.span_id }, "\(spans.map(\.name))")

        // The tool calls: client spans under their steps, each one's context sent as traceparent.
        let calls = spans.filter { $0.name == "GET" && $0.kind == 3 }
        #expect(calls.count == 2 && Set(calls.map(\.parent_span_id)) == Set(steps.map(\.span_id)))
        #expect(Set(weather.traceparents) == Set(calls.map { "00-\(Self.agentTrace)-\($0.span_id)-01" }))

        // The webhook attempts: children of the request's span, each POST's context on the webhook.
        let attempts = spans.filter { $0.name == "webhook.attempt" }
        #expect(attempts.count == 3 && attempts.allSatisfy { $0.parent_span_id == request.span_id })
        let posts = spans.filter { $0.name == "POST" && $0.kind == 3 }
        #expect(Set(posts.map(\.parent_span_id)) == Set(attempts.map(\.span_id)))
        let sent = receiver.deliveries("traced").compactMap { $0.headers["traceparent"] }
        #expect(Set(sent) == Set(posts.map { "00-\(Self.agentTrace)-\($0.span_id)-01" }), "\(sent)")

        await server.expectCleanStop()
        #expect(server.stderr.contains("trace_id=\(Self.agentTrace)"), "the request's log line carries its trace")
        #expect(!server.stderr.contains("secret-collector-key"))
        try await receiver.stop()
        try await weather.stop()
        await env.drop()
    }

    /// POST /v1/tasks as an agent that is itself traced.
    static func createTask(_ body: String, on server: PlotonProcess, key: String, traceparent: String) async throws -> String {
        var request = HTTPClientRequest(url: server.baseURL + "/v1/tasks")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "traceparent", value: traceparent)
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let created = try await response.body.collect(upTo: 1 << 20)
        let object = try JSONSerialization.jsonObject(with: Data(buffer: created)) as? [String: Any]
        return try #require(object?["id"] as? String, "\(String(buffer: created))")
    }

    struct Collector {
        let process: Process
        let port: Int
        func terminate() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The Python OTLP receiver on a free port, writing the spans it decodes to a file.
    static func startCollector(in directory: URL) async throws -> (Collector, URL) {
        let port = try FreePort.pick()
        let file = directory.appendingPathComponent("spans-\(port).jsonl")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", RepositoryPaths.root.appendingPathComponent("Tests/OTelPeers/receiver.py").path, "\(port)", file.path,
        ]
        // Not the test runner's own output: a pipe held open by a leftover receiver would keep it waiting.
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try await eventually("the OTLP receiver listens", timeout: .seconds(30)) {
            let probe = HTTPClientRequest(url: "http://127.0.0.1:\(port)/")
            return (try? await HTTPClient.shared.execute(probe, timeout: .seconds(1))) != nil  // any answer: it listens
        }
        return (Collector(process: process, port: port), file)
    }

    struct Span: Decodable {
        enum Value: Decodable, Equatable {
            case int(Int)
            case string(String)

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let number = try? container.decode(Int.self) {
                    self = .int(number)
                } else {
                    self = .string(try container.decode(String.self))
                }
            }
        }

        var service: String?
        var trace_id: String
        var span_id: String
        var parent_span_id: String
        var name: String
        var kind: Int
        var start: UInt64
        var end: UInt64
        var attributes: [String: Value]
        var header: String?
    }

    static func spans(_ file: URL) throws -> [Span] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Span.self, from: Data($0.utf8)) }
    }
}
