import Fluent
import PostgresNIO
import SQLKit
import Synchronization

/// A transaction's connection closed (the database restarted or ended the backend) and the
/// transaction's statements stopped answering. Answered as a retryable `503`.
struct DatabaseConnectionLost: Error, CustomStringConvertible {
    var description: String { "the database connection closed with a transaction unfinished" }
}

extension Database {
    /// A PostgreSQL transaction that cannot keep its pooled connection for good.
    ///
    /// PostgresNIO 1.33 drops a statement written to a connection whose channel has closed: the
    /// statement never answers (upstream postgres-nio#487, reverted by #501). Fluent's transaction
    /// then waits forever for its next statement or its `ROLLBACK`, and AsyncKit's pool never gets
    /// the connection back: after a database restart amid writes each such transaction took one of
    /// an event loop's connections for good, until the loop answered only `503`s (issue 18). Here
    /// the transaction runs on one pooled connection and fails with `DatabaseConnectionLost` once
    /// that connection has been closed for `grace` with the transaction unfinished; the connection
    /// goes back to the pool, which drops it as closed and opens another. The abandoned statement's
    /// task is cancelled and stays suspended (a few hundred bytes per lost connection).
    func postgresTransaction<T: Sendable>(
        grace: Duration = .milliseconds(500), _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        guard !inTransaction, self is any PostgresDatabase else { return try await transaction(body) }
        return try await withConnection { database in
            guard let sql = database as? any SQLDatabase, let postgres = database as? any PostgresDatabase else {
                throw DatabaseConnectionLost()  // Fluent's PostgreSQL connections are both
            }
            let connection = try await postgres.withConnection { $0.eventLoop.makeSucceededFuture($0) }.get()
            return try await FirstOutcome.of(
                work: {
                    try await sql.raw("BEGIN").run()
                    do {
                        let result = try await body(database)
                        try await sql.raw("COMMIT").run()
                        return result
                    } catch {
                        try? await sql.raw("ROLLBACK").run()
                        throw error
                    }
                }, orLossOf: connection, grace: grace)
        }
    }
}

/// Whichever comes first: the work's outcome, or its connection closed for a grace period.
private final class FirstOutcome<T: Sendable>: Sendable {
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
