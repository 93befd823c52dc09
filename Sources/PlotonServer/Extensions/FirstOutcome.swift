import PostgresNIO
import Synchronization

/// Whichever comes first: the work's outcome, or its connection closed for a grace period.
///
/// PostgresNIO 1.33 drops a statement written to a connection whose channel has closed: the
/// statement never answers (upstream postgres-nio#487, reverted by #501). Work on a connection that
/// can close under it (a database restart) runs through this, so that it fails with
/// `DatabaseConnectionLost` instead of waiting forever; the abandoned statement's task stays
/// suspended (a few hundred bytes per lost connection).
final class FirstOutcome<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var tasks: [Task<Void, Never>] = []
    }

    private static var poll: Duration { .milliseconds(100) }
    private let state: Mutex<State>

    private init(_ continuation: CheckedContinuation<T, any Error>) {
        state = Mutex(State(continuation: continuation))
    }

    static func of(
        work: @escaping @Sendable () async throws -> T, orLossOf connection: PostgresConnection, grace: Duration
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let first = FirstOutcome(continuation)
            first.cancelsWhenDone(
                Task {
                    do { first.resume(with: .success(try await work())) } catch { first.resume(with: .failure(error)) }
                })
            first.cancelsWhenDone(
                Task {
                    while !connection.isClosed {
                        guard (try? await Task.sleep(for: poll)) != nil else { return }
                    }
                    guard (try? await Task.sleep(for: grace)) != nil else { return }
                    first.resume(with: .failure(DatabaseConnectionLost()))
                })
        }
    }

    /// The loser is cancelled once an outcome is in (at once if it already is).
    private func cancelsWhenDone(_ task: Task<Void, Never>) {
        let done = state.withLock { state in
            guard state.continuation != nil else { return true }
            state.tasks.append(task)
            return false
        }
        if done { task.cancel() }
    }

    private func resume(with result: Result<T, any Error>) {
        let (continuation, tasks) = state.withLock { state in
            defer { state.tasks = [] }
            return (state.continuation.take(), state.tasks)
        }
        guard let continuation else { return }
        tasks.forEach { $0.cancel() }
        continuation.resume(with: result)
    }
}
