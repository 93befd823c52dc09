import CoreMetrics
import Prometheus

/// The process's one metrics backend: swift-metrics bootstrapped with a Prometheus registry, once,
/// the first time an application is configured with `PLOTON_METRICS=on`. Until then (and in a
/// process where it is off) `PlotonMetrics` records nothing.
enum MetricsBackend {
    static let registry = PrometheusCollectorRegistry()

    private static let bootstrapped: Void = {
        var factory = PrometheusMetricsFactory(registry: registry)
        let long: [Duration] = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600].map { .milliseconds(Int64($0 * 1000)) }
        for name in PlotonMetrics.longTimers { factory.durationHistogramBuckets[name] = long }
        MetricsSystem.bootstrap(factory)
        PlotonMetrics.isOn.store(true, ordering: .relaxed)
    }()

    static func bootstrap() { _ = bootstrapped }

    /// The Prometheus text exposition of everything recorded so far.
    static func exposition() -> [UInt8] { registry.emitToBuffer() }
}
