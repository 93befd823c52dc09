import Dispatch
import Foundation
import Synchronization

/// SIGTERM or SIGINT, for processes without Vapor's own HTTP `serve` handling. Caught from the
/// moment `catching()` returns: a signal that arrives before anyone waits (while the listener
/// opens, say) is kept, so `wait()` returns at once, instead of killing the process by its default
/// action (a SIGTERM just after startup read as a crash, a non-zero exit).
final class TerminationSignal: @unchecked Sendable {  // `state` is a Mutex; `sources` is only kept alive after setup
    private struct State {
        var received = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    private let sources: [any DispatchSourceSignal]

    private init(sources: [any DispatchSourceSignal]) { self.sources = sources }

    /// Starts catching SIGTERM and SIGINT; from now on they no longer end the process by themselves.
    static func catching() -> TerminationSignal {
        let queue = DispatchQueue(label: "ploton.signals")
        let sources = [SIGTERM, SIGINT].map { code in
            signal(code, SIG_IGN)
            return DispatchSource.makeSignalSource(signal: code, queue: queue)
        }
        let signals = TerminationSignal(sources: sources)
        for source in sources {
            source.setEventHandler { signals.receive() }
            source.resume()
        }
        return signals
    }

    /// Waits for SIGTERM or SIGINT (caught since `catching()`).
    static func wait() async { await catching().wait() }

    /// Returns once a signal has arrived since `catching()`, at once if one already has.
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let pending = state.withLock { state in
                guard !state.received else { return true }
                state.waiters.append(continuation)
                return false
            }
            if pending { continuation.resume() }
        }
    }

    private func receive() {
        let waiters = state.withLock { state in
            state.received = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
