import FluentKit
import FluentSQL
import NIOCore
import SQLKit
import SQLiteKit

/// The `Database` a write transaction on the SQLite writer (`SQLiteWriter`) hands its body: every
/// statement, whether SQLKit's or a Fluent model's, runs on the writer's connection on the
/// calling thread with its statement prepared once. It is always inside that transaction:
/// `transaction` and `withConnection` run their closure on it as it is.
struct SQLiteWriterDatabase: Database, SQLDatabase {
    let handle: SQLiteHandle
    let context: DatabaseContext

    var inTransaction: Bool { true }

    // SQLDatabase

    var dialect: any SQLDialect { SQLiteDialect() }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        do {
            try run(query, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try run(query, onRow)
    }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> Void) throws {
        var serializer = SQLSerializer(database: self)
        query.serialize(to: &serializer)
        let binds = try serializer.binds.map { try SQLiteDataEncoder().encode($0) }
        try handle.rows(serializer.sql, binds: binds) { onRow($0) }
    }

    // Database

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        var statement = SQLQueryConverter(delegate: SQLiteConverter()).convert(query)
        // A create returns the ids it generated, as the driver's does.
        if case .create = query.action, query.customIDKey != .some(.string("")) {
            statement = SQLKit.SQLList(
                [statement, SQLReturning(SQLColumn((query.customIDKey ?? .id).description))], separator: SQLRaw(" "))
        }
        return execute(sql: statement) { onOutput(RowOutput(row: $0, schema: nil)) }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        eventLoop.makeFailedFuture(SchemaChangeInWriteBatch())
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { eventLoop.makeSucceededVoidFuture() }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> { closure(self) }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> { closure(self) }

    struct SchemaChangeInWriteBatch: Error {}

    /// The driver's column types, for the SQL of Fluent queries.
    private struct SQLiteConverter: SQLConverterDelegate {
        func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? {
            switch dataType {
            case .string, .enum: SQLRaw("TEXT")
            case .datetime: SQLRaw("REAL")
            case .int64: SQLRaw("INTEGER")
            default: nil
            }
        }
    }

    /// A row as a Fluent model reads it (the driver's own adapter is not public).
    private struct RowOutput: DatabaseOutput {
        let row: any SQLRow
        let schema: String?

        var description: String { String(describing: row) }

        func schema(_ schema: String) -> any DatabaseOutput { RowOutput(row: row, schema: schema) }

        func contains(_ key: FieldKey) -> Bool { row.contains(column: column(key)) }

        func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: column(key)) }

        func decode<T: Decodable>(_ key: FieldKey, as: T.Type) throws -> T { try row.decode(column: column(key), as: T.self) }

        private func column(_ key: FieldKey) -> String {
            (schema.map { FieldKey.prefix(.prefix(.string($0), "_"), key) } ?? key).description
        }
    }
}
