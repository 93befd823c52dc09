import Foundation
import Logging
import OTel
import ServiceLifecycle
import Synchronization
import Tracing
import Vapor

/// The process's tracer: swift-otel exporting OTLP over HTTP, bootstrapped once, the first time an
/// application is configured with `OTEL_EXPORTER_OTLP_ENDPOINT` set. Until then (and in a process
/// where it is unset) spans go to swift-distributed-tracing's no-op tracer, and the seams in
/// `PlotonTracing` skip even that.
package enum TracingBackend {
    private static let exporter = Mutex<ServiceGroup?>(nil)

    /// Bootstraps the tracer (once per process) and runs its exporter while `app` runs.
    static func start(_ settings: TracingSettings, on app: Application) throws {
        let group = try exporter.withLock { running in
            if let running { return running }
            var configuration = OTel.Configuration.default
            configuration.serviceName = "ploton"
            configuration.logs.enabled = false
            configuration.metrics.enabled = false
            // Its own diagnostics go through the process's log handler (which redacts the variables'
            // values it prints), and only when something goes wrong.
            configuration.diagnosticLogger = .custom(Logger(label: "swift-otel"))
            configuration.diagnosticLogLevel = .warning
            // swift-otel reads the standard OTEL_* variables (endpoint, headers, protocol, sampler,
            // service name) from the process's environment: those given in `.env` are put there.
            for (name, value) in settings.environment.value where ProcessInfo.processInfo.environment[name] == nil {
                setenv(name, value, 0)
            }
            let backend = try OTel.makeTracingBackend(configuration: configuration)
            InstrumentationSystem.bootstrap(QuerySpanFilter(wrapped: backend.factory))
            let service = backend.service
            let group = ServiceGroup(services: [service], gracefulShutdownSignals: [], cancellationSignals: [], logger: app.logger)
            running = group
            PlotonTracing.isOn.store(true, ordering: .relaxed)
            return group
        }
        app.lifecycle.use(TracingLifecycle(exporter: group))
    }

    /// `trace_id` and `span_id` on every log line written inside a span; with tracing off, a check
    /// of one flag per line.
    package static let logMetadata: Logger.MetadataProvider = {
        let spanIDs = OTel.makeLoggingMetadataProvider()
        return Logger.MetadataProvider { PlotonTracing.enabled ? spanIDs.get() : [:] }
    }()
}

/// Runs the exporter from boot; on shutdown, sends the spans still batched before the process ends.
private final class TracingLifecycle: LifecycleHandler {
    let exporter: ServiceGroup
    private let running = Mutex<Task<Void, Never>?>(nil)

    init(exporter: ServiceGroup) {
        self.exporter = exporter
    }

    func didBootAsync(_ app: Application) async throws {
        let exporter = exporter
        running.withLock { task in
            guard task == nil else { return }
            task = Task { try? await exporter.run() }
        }
    }

    func shutdownAsync(_ app: Application) async {
        guard let task = running.withLock({ $0 }) else { return }
        await exporter.triggerGracefulShutdown()
        await task.value
    }
}
