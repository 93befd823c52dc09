import FluentPostgresDriver
import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO
import SQLKit

extension SQLDatabase {
    /// Runs `query` as a prepared statement kept per connection on PostgreSQL (`PreparedStatements`);
    /// on SQLite, or for a query it cannot prepare, as `execute(sql:)` does.
    func executePrepared(_ query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        guard dialect.name == "postgresql", let postgres = self as? any PostgresDatabase,
            let statement = PreparedStatements.statement(for: query, on: self)
        else { return try await execute(sql: query, onRow) }
        // A transaction's database has one connection; any other lends one for the statement.
        let rows = try await postgres.withConnection { statement.futureRows(on: $0) }.get()
        for row in rows { onRow(row.sql()) }
    }

    /// Runs a statement prepared with its binds (`PreparedStatements.statement(key:…)`); PostgreSQL only.
    func run(_ statement: PreparedStatements.Statement) async throws {
        guard let postgres = self as? any PostgresDatabase else { preconditionFailure("a prepared statement needs PostgreSQL") }
        _ = try await postgres.withConnection { statement.futureRows(on: $0) }.get()
    }

    func runPrepared(_ query: any SQLExpression) async throws {
        try await executePrepared(query) { _ in }
    }

    /// A statement written as a literal (`"… \(bind: value) …"`).
    func runPrepared(_ query: SQLQueryString) async throws {
        try await runPrepared(query as any SQLExpression)
    }

    func allPrepared(_ query: any SQLExpression) async throws -> [any SQLRow] {
        let rows = NIOLockedValueBox<[any SQLRow]>([])
        try await executePrepared(query) { row in rows.withLockedValue { $0.append(row) } }
        return rows.withLockedValue { $0 }
    }

    func allPrepared(_ query: SQLQueryString) async throws -> [any SQLRow] {
        try await allPrepared(query as any SQLExpression)
    }
}
