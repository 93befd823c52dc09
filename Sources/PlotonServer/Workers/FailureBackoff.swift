import Foundation
import Logging

/// How a background loop lives through a database outage: waits that double from `base` up to
/// `ceiling` while it keeps failing, one log line when the failures start and then one per
/// `logEvery` (with how many there were), and one when it works again. It never gives up.
struct FailureBackoff {
    let what: String
    let logger: Logger
    var base: TimeInterval = 0.5
    var ceiling: TimeInterval = 5
    var logEvery: Duration = .seconds(30)
    private var failures = 0
    private var unlogged = 0
    private var lastLog: ContinuousClock.Instant?

    init(what: String, logger: Logger) {
        self.what = what
        self.logger = logger
    }

    /// Records a failure; returns how long to wait before trying again.
    mutating func failed(_ error: any Error) -> TimeInterval {
        failures += 1
        unlogged += 1
        let now = ContinuousClock.now
        if lastLog.map({ now - $0 >= logEvery }) ?? true {
            logger.error(
                "\(what) failed; retrying with backoff",
                metadata: ["error": "\(LoggedError.description(error))", "failures_since_last_log": "\(unlogged)"])
            lastLog = now
            unlogged = 0
        }
        return min(ceiling, base * pow(2, Double(min(failures - 1, 16))))
    }

    mutating func succeeded() {
        guard failures > 0 else { return }
        logger.notice("\(what) works again", metadata: ["failures": "\(failures)"])
        failures = 0
        unlogged = 0
        lastLog = nil
    }
}
