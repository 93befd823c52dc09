import Dispatch
import Foundation

/// Waits for SIGTERM or SIGINT (for processes without Vapor's own HTTP `serve` handling).
enum TerminationSignal {
    static func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let queue = DispatchQueue(label: "ploton.signals")
            let once = Once(continuation)
            for code in [SIGTERM, SIGINT] {
                signal(code, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: code, queue: queue)
                source.setEventHandler { once.resume() }
                source.resume()
                once.keep(source)
            }
        }
    }

    private final class Once: @unchecked Sendable {
        private var continuation: CheckedContinuation<Void, Never>?
        private var sources: [any DispatchSourceSignal] = []
        private let lock = NSLock()

        init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }

        func keep(_ source: any DispatchSourceSignal) { lock.withLock { sources.append(source) } }

        func resume() {
            let pending = lock.withLock {
                defer { continuation = nil }
                return continuation
            }
            pending?.resume()
        }
    }
}
