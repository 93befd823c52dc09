import Logging

/// Wraps the process's log handler and blanks metadata that carries stored values. The database
/// drivers log each query's bind values under `binds` at their query log level, and Fluent a created
/// row's under `input` at `debug`: those are session and token hashes, sealed secrets and end users'
/// data, so no log level may print them. swift-otel
/// logs each `OTEL_*` variable it reads with its value, and `OTEL_EXPORTER_OTLP_HEADERS` may hold a
/// collector's API key. Vapor logs each request's head at `trace`, with its `Authorization` (an API
/// key) and `Cookie` (an operator's session): credential headers in a message lose their values.
/// That head's `uri` carries the hosted pages' bearer tokens (`?code=&state=` of an OAuth callback,
/// `?session=`, `?token=`, `/approve/{token}`): it is logged as `LoggedPath` writes paths, with its
/// query as `?<redacted>`.
package struct RedactingLogHandler: LogHandler {
    static let redactedKeys: Set<String> = ["binds", "input", "environment_value", "new_value", "previous_value"]
    /// `Name: value` up to the next `;` or `}`, as NIO prints headers, for headers that carry credentials.
    static var credentialHeader: Regex<(Substring, Substring)> {
        #/(?i)(\b(?:proxy-)?authorization|\b(?:set-)?cookie|[\w-]*(?:api-key|apikey|token|secret)[\w-]*): [^;}]*/#
    }
    /// A request head's `uri: "path?query"`, as NIO prints it.
    static var requestURI: Regex<(Substring, Substring, Substring?)> { #/uri: "([^"?]*)(\?[^"]*)?"/# }

    private var wrapped: any LogHandler
    /// Metadata set one key at a time (Vapor's and then Ploton's request id, on every request): kept here and added to
    /// each event's own when one is logged. Set on the wrapped handler, every change made swift-log's
    /// `StreamLogHandler` render its whole metadata as text again, logged or not: 1.3 % of the server's samples at the
    /// task engine's maximum rate (session 27).
    private var added: Logger.Metadata = [:]

    package init(_ wrapped: any LogHandler) {
        self.wrapped = wrapped
    }

    package var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    package var metadata: Logger.Metadata {
        get { wrapped.metadata.merging(added) { $1 } }
        set {
            wrapped.metadata = newValue.reduce(into: [:]) { $0[$1.key] = Self.redactedKeys.contains($1.key) ? "<redacted>" : $1.value }
            added = [:]
        }
    }

    package var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { added[key] ?? wrapped[metadataKey: key] }
        set {
            added[key] = Self.redactedKeys.contains(key) && newValue != nil ? "<redacted>" : newValue
            if newValue == nil, wrapped[metadataKey: key] != nil { wrapped[metadataKey: key] = nil }
        }
    }

    package func log(event: LogEvent) {
        var event = event
        if !added.isEmpty { event.metadata = added.merging(event.metadata ?? [:]) { $1 } }
        let message = event.message.description
        if message.contains(": "), message.contains(Self.credentialHeader) || message.contains(Self.requestURI) {
            let redacted = message.replacing(Self.credentialHeader) { "\($0.output.1): <redacted>" }
                .replacing(Self.requestURI) { uri in
                    let query = uri.output.2 == nil ? "" : "?<redacted>"
                    return "uri: \"\(LoggedPath.redacting(String(uri.output.1)))\(query)\""
                }
            event.message = "\(redacted)"
        }
        if let metadata = event.metadata, !Self.redactedKeys.isDisjoint(with: metadata.keys) {
            event.metadata = metadata.reduce(into: [:]) { redacted, entry in
                redacted[entry.key] = Self.redactedKeys.contains(entry.key) ? "<redacted>" : entry.value
            }
        }
        wrapped.log(event: event)
    }
}
