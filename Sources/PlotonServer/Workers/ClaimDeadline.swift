import Foundation
import Synchronization

/// Waits for a run for a bounded time without being bound to it: when the time passes first,
/// the waiter returns nil and the run is left to itself (cancelled by the caller), so a run that
/// ignores cancellation cannot hold the waiter. Cancelling the waiter does not end the wait;
/// the caller cancels the run instead, and gets its answer.
enum ClaimDeadline {
    static func value<T: Sendable>(of run: Task<T, Never>, within limit: TimeInterval) async -> T? {
        let first = FirstAnswer<T>()
        let timer = Task {
            try? await Task.sleep(for: .seconds(limit))
            if !Task.isCancelled { first.offer(nil) }
        }
        let waiter = Task { first.offer(await run.value) }
        let answer = await first.value()
        timer.cancel()
        waiter.cancel()
        return answer
    }
}

/// The first of several answers; later ones are dropped.
private final class FirstAnswer<T: Sendable>: Sendable {
    private struct State {
        var answered = false
        var answer: T?
        var waiter: CheckedContinuation<T?, Never>?
    }

    private let state = Mutex(State())

    func offer(_ answer: T?) {
        let waiter = state.withLock { state -> CheckedContinuation<T?, Never>? in
            guard !state.answered else { return nil }
            state.answered = true
            state.answer = answer
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: answer)
    }

    func value() async -> T? {
        await withCheckedContinuation { continuation in
            let answered = state.withLock { state -> T?? in
                guard state.answered else {
                    state.waiter = continuation
                    return nil
                }
                return .some(state.answer)
            }
            if let answered { continuation.resume(returning: answered) }
        }
    }
}
