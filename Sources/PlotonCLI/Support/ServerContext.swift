import Foundation
import Logging
import PlotonServer
import Synchronization
import Vapor

/// Builds the application the way `serve` does, for commands that work on the configured database.
enum ServerContext {
    private static let loggingBootstrapped = Mutex(false)

    /// Logging is process-wide and may be set up once; `PLOTON_LOG_FORMAT=json` selects JSON lines.
    static func bootstrapLogging(defaultLevel: Logger.Level) {
        loggingBootstrapped.withLock { done in
            guard !done else { return }
            done = true
            let environment = ProcessInfo.processInfo.environment
            let level = environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? defaultLevel
            let json = environment["PLOTON_LOG_FORMAT"] == "json"
            // Lines written inside a span carry its trace_id and span_id (tracing on; nothing otherwise).
            LoggingSystem.bootstrap(
                { label, provider in
                    var handler: any LogHandler =
                        json
                        ? JSONLogHandler(label: label, level: level, metadataProvider: provider)
                        : StreamLogHandler.standardError(label: label, metadataProvider: provider)
                    handler.logLevel = level
                    return RedactingLogHandler(handler)
                }, metadataProvider: TracingBackend.logMetadata)
        }
    }

    static func loadConfig() throws -> PlotonConfig {
        try PlotonConfig.load(from: DotEnv.environment())
    }

    /// Runs `body` with a configured, migrated application, then shuts it down. A one-shot command
    /// waits up to 15 s for a database connection: unlike `serve` (3 s, so an outage is a fast 503),
    /// it has nobody to answer in the meantime, and a busy database is no reason to fail.
    static func withApplication<T>(
        config: PlotonConfig, arguments: [String] = ["ploton"], migrating: Bool = true, _ body: (Application) async throws -> T
    ) async throws -> T {
        var config = config
        config.databaseConnectSeconds = max(config.databaseConnectSeconds, 15)
        let app = try await Application.make(Environment(name: "production", arguments: arguments))
        do {
            try configure(app, config: config)
            if migrating { try await migrate(app) }
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
