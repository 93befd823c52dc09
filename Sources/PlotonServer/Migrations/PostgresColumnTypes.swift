import Fluent
import SQLKit

/// Changes columns' types on PostgreSQL, converting the values already there (`USING column::type`):
/// a value that does not convert fails the migration rather than being lost. SQLite keeps its types.
enum PostgresColumnTypes {
    static func alter(_ columns: [(table: String, column: String)], to type: String, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        for (table, column) in columns {
            try await sql.raw(
                "ALTER TABLE \(ident: table) ALTER COLUMN \(ident: column) TYPE \(unsafeRaw: type) USING \(ident: column)::\(unsafeRaw: type)"
            ).run()
        }
    }
}
