import Fluent
import FluentPostgresDriver
import Logging
import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO
import SQLKit

/// PostgreSQL as Fluent configures it, except that the database a request's work gets (inside
/// `AbandonedRequestMiddleware`) ends that work's statements when the client connection closes.
///
/// Swift task cancellation does not reach PostgreSQL: PostgresNIO 1.33 only stops reading the rows
/// of a cancelled query, PostgreSQL runs it to the end, and Vapor runs each middleware and the
/// handler in a task of its own, so a cancellation would not even reach the query's task. Here each
/// statement (or transaction) of such a request runs on a pooled connection that is closed when
/// the client's closes; PostgreSQL then aborts the statement within
/// `client_connection_check_interval` (set on every pooled connection; also what ends the
/// statements of a process that died), and releases its snapshot and locks. The pool drops the
/// closed connection and opens another. Work outside requests (workers, upkeep) is not affected.
struct AbandonableDatabaseConfiguration: DatabaseConfiguration {
    /// How often PostgreSQL checks, during a statement, that its client (this process) is still there.
    static let clientCheckInterval = "1s"
    /// How long a statement whose connection was closed may take to fail before the request's
    /// work stops waiting for it (PostgresNIO never answers a statement written after the close).
    static let grace = TimeAmount.milliseconds(500)

    var inner: any DatabaseConfiguration

    var middleware: [any AnyModelMiddleware] {
        get { inner.middleware }
        set { inner.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        AbandonableDatabaseDriver(inner: inner.makeDriver(for: databases))
    }
}

struct AbandonableDatabaseDriver: DatabaseDriver {
    let inner: any DatabaseDriver

    func makeDatabase(with context: DatabaseContext) -> any Database {
        let database = inner.makeDatabase(with: context)
        guard let watch = AbandonedRequest.watch else { return database }
        return AbandonableDatabase(inner: database, watch: watch)
    }

    func shutdown() { inner.shutdown() }

    func shutdownAsync() async { await inner.shutdownAsync() }
}

/// The database of one request's work: every statement is tied to the client connection's watch.
struct AbandonableDatabase: Database, SQLDatabase, PostgresDatabase {
    let inner: any Database
    let watch: ClientConnectionWatch

    private var sql: any SQLDatabase { inner as! any SQLDatabase }  // Fluent's PostgreSQL databases are all three
    private var postgres: any PostgresDatabase { inner as! any PostgresDatabase }

    // MARK: Database

    var context: DatabaseContext { inner.context }
    var inTransaction: Bool { inner.inTransaction }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        inner.withConnection { database in tied(database) { database.execute(query: query, onOutput: onOutput) } }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { inner.execute(schema: schema) }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { inner.execute(enum: `enum`) }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        inner.transaction { database in tied(database) { closure(database) } }
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        inner.withConnection { database in tied(database) { closure(database) } }
    }

    // MARK: SQLDatabase

    var logger: Logger { inner.context.logger }
    var eventLoop: any EventLoop { inner.context.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var dialect: any SQLDialect { sql.dialect }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        inner.withConnection { database in
            tied(database) { (database as! any SQLDatabase).execute(sql: query, onRow) }
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await execute(sql: query, onRow).get()
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await inner.withConnection { database in
            tied(database) { database.eventLoop.makeFutureWithTask { try await closure(database as! any SQLDatabase) } }
        }.get()
    }

    // MARK: PostgresDatabase

    func send(_ request: any PostgresRequest, logger: Logger) -> EventLoopFuture<Void> {
        withConnection { $0.send(request, logger: logger) }
    }

    func withConnection<T>(_ closure: @escaping (PostgresConnection) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let closure = UnsafeTransfer(closure)
        return postgres.withConnection { connection in tied(connection) { closure.value(connection) } }
    }

    // MARK: Tying work to the client connection

    /// Runs `work` on `database`'s one pooled connection (Fluent's connection-bound databases).
    private func tied<T>(_ database: any Database, _ work: @escaping @Sendable () -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        guard let postgres = database as? any PostgresDatabase else { return work() }
        return postgres.withConnection { connection in tied(connection, work) }
    }

    /// Runs `work` on `connection`, which is closed if the client connection closes first; the
    /// work then fails at the latest `grace` later. Refused when the client connection already closed.
    private func tied<T>(_ connection: PostgresConnection, _ work: @escaping () -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let loop = connection.eventLoop
        let outcome = loop.makePromise(of: T.self)
        let settled = NIOLockedValueBox(false)
        let settle = UnsafeTransfer { (result: Result<T, any Error>) in
            let first = settled.withLockedValue { done in
                let first = !done
                done = true
                return first
            }
            guard first else { return }
            outcome.completeWith(result)
        }
        guard
            let closing = watch.onClose({
                let _: EventLoopFuture<Void> = connection.close()
                _ = loop.scheduleTask(in: AbandonableDatabaseConfiguration.grace) { settle.value(.failure(RequestAbandoned())) }
            })
        else {
            // The promise is made before the watch is asked; failed here, it is not left pending.
            outcome.fail(RequestAbandoned())
            return outcome.futureResult
        }
        work().whenComplete { [watch] result in
            watch.remove(closing)
            settle.value(result.mapError { watch.isClosed ? RequestAbandoned() : $0 })
        }
        return outcome.futureResult
    }
}

/// Carries a non-`Sendable` value across a concurrency boundary that Fluent's future-based API
/// makes safe in practice (the value is used by one piece of work at a time).
private struct UnsafeTransfer<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
