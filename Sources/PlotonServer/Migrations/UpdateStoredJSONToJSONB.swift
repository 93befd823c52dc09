import Fluent
import SQLKit

/// Stored JSON (`StoredJSON`) becomes `jsonb` on PostgreSQL, converting the text already there; a
/// row that does not parse fails the migration rather than being lost. SQLite keeps JSON text.
struct UpdateStoredJSONToJSONB: AsyncMigration {
    static let columns: [(table: String, column: String)] = [
        (Subagent.schema, "tools"), (Connection.schema, "scopes"), (AuthSession.schema, "scopes"), (SandboxGrant.schema, "scopes"),
        (CustomTool.schema, "definition"), (WebhookEndpoint.schema, "events"), (SandboxRecord.schema, "data"),
    ]

    func prepare(on database: any Database) async throws {
        try await convert(on: database, to: "jsonb")
    }

    func revert(on database: any Database) async throws {
        try await convert(on: database, to: "text")
    }

    private func convert(on database: any Database, to type: String) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        for (table, column) in Self.columns {
            try await sql.raw(
                "ALTER TABLE \(ident: table) ALTER COLUMN \(ident: column) TYPE \(unsafeRaw: type) USING \(ident: column)::\(unsafeRaw: type)"
            ).run()
        }
    }
}
