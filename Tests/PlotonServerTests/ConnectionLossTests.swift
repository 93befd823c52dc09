import Fluent
import PlotonTestSupport
import PostgresNIO
import SQLKit
import Synchronization
import Testing

@testable import PlotonServer

/// A transaction whose connection the database closes (a restart, `pg_terminate_backend`) fails
/// fast with a retryable error and gives its connection back to the pool (issue 18: PostgresNIO
/// drops a statement written after the close, which before held the connection for good).
@Suite struct ConnectionLossTests {
    @Test(.enabled(if: TestDatabase.isPostgres))
    func a_transaction_whose_connection_closes_fails_fast_and_gives_the_connection_back() async throws {
        try await withPloton { t in
            // One event loop's pool (4 connections): before, each such transaction kept one for good.
            let loop = t.app.eventLoopGroup.next()
            let database = try #require(t.app.databases.database(logger: t.app.logger, on: loop))
            for attempt in 1...5 {
                let outcome = Outcome()
                Task {
                    do {
                        try await database.writeTransaction { database in
                            let sql = try #require(database as? any SQLDatabase)
                            let connection = try await #require(database as? any PostgresDatabase).withConnection {
                                $0.eventLoop.makeSucceededFuture($0)
                            }.get()
                            let pid = try #require(try await sql.raw("SELECT pg_backend_pid() AS pid").first(decoding: Backend.self)).pid
                            try await (t.db as? any SQLDatabase)?.raw("SELECT pg_terminate_backend(\(unsafeRaw: "\(pid)"))").run()
                            try await connection.closeFuture.get()
                            // The next statement is written to a closed channel: PostgresNIO never answers it.
                            try await sql.raw("SELECT 1").run()
                        }
                        outcome.set("committed")
                    } catch {
                        outcome.set(DatabaseUnreachable.matches(error) ? "unreachable" : "\(String(reflecting: error))")
                    }
                }
                // Before the fix it never ended; the deadline only tells a hang from a loaded machine.
                try await eventually("transaction \(attempt) ends", timeout: .seconds(20)) { outcome.value != nil }
                guard outcome.value != nil else { break }  // hung (the fault): the rest would hang alike
                #expect(outcome.value == "unreachable", "answered 503")
            }
            let rows = try await (database as? any SQLDatabase)?.raw("SELECT 1 AS pid").all(decoding: Backend.self)
            #expect(rows?.count == 1, "the event loop's pool still serves")
        }
    }

    /// PostgresNIO writes a prepared statement from the calling task, after the pool handed the connection over: a
    /// connection that closes in between never answers it. Unguarded, such a statement of a task run held the run, and
    /// with it the worker's claims, until the claim deadline (found by `ScaleOutSmokeProcessTests`).
    @Test(.enabled(if: TestDatabase.isPostgres))
    func a_prepared_statement_on_a_connection_that_closed_fails_fast() async throws {
        try await withPloton { t in
            let sql = try #require(t.db as? any SQLDatabase)
            let statement = try #require(PreparedStatements.statement(for: SQLQueryString("SELECT 1 AS pid"), on: sql))
            let outcome = Outcome()
            Task {
                do {
                    _ = try await #require(t.db as? any PostgresDatabase).withConnection { connection in
                        connection.eventLoop.makeFutureWithTask {
                            try await connection.close()
                            return try await statement.rows(on: connection)
                        }
                    }.get()
                    outcome.set("answered")
                } catch {
                    outcome.set(DatabaseUnreachable.matches(error) ? "unreachable" : "\(String(reflecting: error))")
                }
            }
            // Before the fix it never ended; the deadline only tells a hang from a loaded machine.
            try await eventually("the statement ends", timeout: .seconds(20)) { outcome.value != nil }
            #expect(outcome.value == "unreachable", "answered 503")
        }
    }

    /// The watch on a connection is one entry per connection, not per statement: a long-lived connection keeps nothing
    /// of the statements it ran, and a closed one is forgotten once its grace is over.
    @Test(.enabled(if: TestDatabase.isPostgres))
    func a_connection_keeps_nothing_of_its_statements_and_is_forgotten_once_closed() async throws {
        try await withPloton { t in
            let sql = try #require(t.db as? any SQLDatabase)
            let statement = try #require(PreparedStatements.statement(for: SQLQueryString("SELECT 1 AS pid"), on: sql))
            let connection = try await #require(t.db as? any PostgresDatabase).withConnection { connection in
                connection.eventLoop.makeFutureWithTask {
                    for _ in 0..<200 { _ = try await statement.rows(on: connection) }
                    return connection
                }
            }.get()
            #expect(LossWatch.pending(on: connection) == 0, "200 statements ran, none left pending")
            try await connection.close()
            try await eventually("the closed connection is forgotten", timeout: .seconds(20)) {
                LossWatch.pending(on: connection) == nil
            }
        }
    }
}

private struct Backend: Decodable { var pid: Int32 }

private final class Outcome: Sendable {
    private let state = Mutex<String?>(nil)
    var value: String? { state.withLock { $0 } }
    func set(_ value: String) { state.withLock { $0 = value } }
}
