import Fluent
import SQLKit
import Testing

/// Every value of every column of every table, read as text (bytes as they are, not hex), for
/// asserting that nothing stored holds a secret in the clear.
enum DatabaseText {
    struct Value {
        let table: String
        let column: String
        let text: String
    }

    static func all(in database: any Database) async throws -> [Value] {
        let sql = try #require(database as? any SQLDatabase)
        let sqlite = sql.dialect.name == "sqlite"
        let columns: SQLQueryString =
            sqlite
            ? """
            SELECT m.name AS table_name, p.name AS column_name, lower(p.type) AS data_type
            FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'
            """
            : """
            SELECT table_name::text AS table_name, column_name::text AS column_name, data_type::text AS data_type
            FROM information_schema.columns WHERE table_schema = current_schema()
            """
        var byTable: [String: [(name: String, type: String)]] = [:]
        for row in try await sql.raw(columns).all() {
            let table = try row.decode(column: "table_name", as: String.self)
            byTable[table, default: []].append(
                (try row.decode(column: "column_name", as: String.self), try row.decode(column: "data_type", as: String.self)))
        }
        var values: [Value] = []
        for (table, columns) in byTable {
            for column in columns {
                // PostgreSQL prints bytea as hex; `escape` keeps printable bytes readable.
                let text: SQLQueryString =
                    !sqlite && column.type == "bytea" ? "encode(\(ident: column.name), 'escape')" : "CAST(\(ident: column.name) AS TEXT)"
                for row in try await sql.raw("SELECT \(text) AS value FROM \(ident: table)").all() {
                    if let text = try row.decode(column: "value", as: String?.self) {
                        values.append(Value(table: table, column: column.name, text: text))
                    }
                }
            }
        }
        return values
    }
}
