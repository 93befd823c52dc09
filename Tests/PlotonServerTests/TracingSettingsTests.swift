import Foundation
import NIOHTTP1
import Testing

@testable import PlotonServer

/// Tracing is on only with an OTLP endpoint, never over gRPC, and costs a server without one nothing.
@Suite struct TracingSettingsTests {
    @Test func tracing_is_on_only_with_an_otlp_endpoint() throws {
        #expect(try PlotonConfig.load(from: [:]).tracing == nil)
        #expect(try PlotonConfig.load(from: ["OTEL_SERVICE_NAME": "ploton-eu"]).tracing == nil, "no endpoint: off")
        let on = try #require(
            try PlotonConfig.load(from: [
                "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_EXPORTER_OTLP_HEADERS": "x-honeycomb-team=abc",
                "PLOTON_PORT": "9000",
            ]).tracing)
        #expect(on.environment.value.keys.sorted() == ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_HEADERS"])
        #expect("\(on.environment)" == "<redacted>", "headers may hold a collector's key")
        #expect(try PlotonConfig.load(from: ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://c:4318/v1/traces"]).tracing != nil)
        let disabled = ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_SDK_DISABLED": "true"]
        #expect(try PlotonConfig.load(from: disabled).tracing == nil)
        #expect(throws: ConfigError.self) {
            try PlotonConfig.load(from: ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4317", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"])
        }
    }

    @Test func without_tracing_a_task_stores_no_trace_context_and_sends_no_traceparent() async throws {
        try await withPloton { t async throws in
            let incoming: HTTPHeaders = ["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"]
            let created = try await t.send(
                .POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"\#(TasksTests.example1)"}"#, headers: incoming)
            let id = try #require(try created.object["id"] as? String)
            try await t.drain()
            #expect(try await AgentTask.find(id, on: t.app.db)?.traceContext == nil)
            let trace = try await t.send(.GET, "v1/tasks/\(id)/trace", key: t.testKey).object
            #expect(trace["trace_id"] is NSNull)
            #expect(PlotonTracing.currentTraceparent() == nil)
        }
    }
}
