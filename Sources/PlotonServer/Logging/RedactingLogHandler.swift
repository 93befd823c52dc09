import Logging

/// Wraps the process's log handler and blanks metadata that carries stored values. The database
/// drivers log each query's bind values under `binds` at their query log level: those are session
/// and token hashes, sealed secrets and end users' data, so no log level may print them.
package struct RedactingLogHandler: LogHandler {
    static let redactedKeys: Set<String> = ["binds"]

    private var wrapped: any LogHandler

    package init(_ wrapped: any LogHandler) {
        self.wrapped = wrapped
    }

    package var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    package var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    package var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    package func log(event: LogEvent) {
        var event = event
        if let metadata = event.metadata, !Self.redactedKeys.isDisjoint(with: metadata.keys) {
            event.metadata = metadata.reduce(into: [:]) { redacted, entry in
                redacted[entry.key] = Self.redactedKeys.contains(entry.key) ? "<redacted>" : entry.value
            }
        }
        wrapped.log(event: event)
    }
}
