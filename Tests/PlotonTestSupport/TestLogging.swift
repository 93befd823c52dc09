import Foundation
import Logging
import Synchronization

/// Quiet logs in tests (`LOG_LEVEL=debug` to see them). Logging may be bootstrapped once per process.
public enum TestLogging {
    private static let done = Mutex(false)

    public static func bootstrap() {
        done.withLock { done in
            guard !done else { return }
            done = true
            let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}
