import Logging
import Synchronization

/// Records what an app logs, message and metadata, for tests that check what never reaches a log.
/// Give `logger` to the app (`app.logger = capture.logger`): in-memory requests log through it.
public final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    private let level: Logger.Level

    /// `level`: the lowest level recorded (`.info` is what a server logs by default).
    public init(level: Logger.Level = .info) { self.level = level }

    public var logger: Logger {
        var logger = Logger(label: "ploton.test.capture") { _ in Handler(capture: self) }
        logger.logLevel = level
        return logger
    }

    /// A logger whose handler is `wrap` around this capture's, to test handlers that filter.
    public func logger(wrappedIn wrap: (any LogHandler) -> any LogHandler) -> Logger {
        var logger = Logger(label: "ploton.test.capture") { _ in wrap(Handler(capture: self)) }
        logger.logLevel = level
        return logger
    }

    /// Every line so far, one per log call: level, message and metadata.
    public var text: String { lines.withLock { $0.joined(separator: "\n") } }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var metadataProvider: Logger.MetadataProvider?
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            capture.append("\(event.level) \(event.message) \(fields)")
        }
    }
}
