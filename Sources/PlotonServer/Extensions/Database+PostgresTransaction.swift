import Fluent
import PostgresNIO
import SQLKit

/// A statement's or transaction's connection closed (the database restarted or ended the backend)
/// and its statements stopped answering (`PostgresConnection.untilLost`). Answered as a retryable `503`.
struct DatabaseConnectionLost: Error, CustomStringConvertible {
    var description: String { "the database connection closed with a statement or transaction unfinished" }
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
    /// that connection has been closed for half a second with the transaction unfinished
    /// (`untilLost`); the connection goes back to the pool, which drops it as closed and opens
    /// another. The abandoned statement's task stays suspended (a few hundred bytes per lost connection).
    func postgresTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard !inTransaction, self is any PostgresDatabase else { return try await transaction(body) }
        return try await withConnection { database in
            guard let sql = database as? any SQLDatabase, let postgres = database as? any PostgresDatabase else {
                throw DatabaseConnectionLost()  // Fluent's PostgreSQL connections are both
            }
            let connection = try await postgres.withConnection { $0.eventLoop.makeSucceededFuture($0) }.get()
            return try await connection.untilLost {
                try await sql.raw("BEGIN").run()
                do {
                    let result = try await body(database)
                    try await sql.raw("COMMIT").run()
                    return result
                } catch {
                    try? await sql.raw("ROLLBACK").run()
                    throw error
                }
            }.get()
        }
    }
}
