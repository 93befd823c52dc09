import Foundation
import PlotonCore

/// OpenTelemetry tracing, on when `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`)
/// is set and `OTEL_SDK_DISABLED` is not true. The standard `OTEL_*` variables are handed to
/// swift-otel as they are; their values (headers may hold a collector's API key) are never printed.
public struct TracingSettings: Sendable {
    /// Every `OTEL_*` variable of the environment.
    public var environment: Redacted<[String: String]>

    public init(environment: [String: String]) {
        self.environment = Redacted(environment)
    }

    static func load(_ environment: [String: String], problems: inout [String]) -> TracingSettings? {
        let otel = environment.filter { $0.key.hasPrefix("OTEL_") && !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
        guard otel["OTEL_EXPORTER_OTLP_ENDPOINT"] ?? otel["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] != nil,
            otel["OTEL_SDK_DISABLED"]?.lowercased() != "true", otel["OTEL_TRACES_EXPORTER"]?.lowercased() != "none"
        else { return nil }
        // The gRPC exporter is not built in (it would double the build); OTLP over HTTP is.
        for name in ["OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"] {
            if let value = otel[name], !["http/protobuf", "http/json"].contains(value.lowercased()) {
                problems.append("\(name) must be http/protobuf or http/json (this build exports OTLP over HTTP only)")
            }
        }
        if let exporter = otel["OTEL_TRACES_EXPORTER"], exporter.lowercased() != "otlp" {
            problems.append("OTEL_TRACES_EXPORTER must be otlp or none")
        }
        return TracingSettings(environment: otel)
    }
}
