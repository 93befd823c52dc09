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
        try await PostgresColumnTypes.alter(Self.columns, to: "jsonb", on: database)
    }

    func revert(on database: any Database) async throws {
        try await PostgresColumnTypes.alter(Self.columns, to: "text", on: database)
    }
}
