import Fluent

/// Pacing reads one row per account, environment, tool and capability instead of scanning the
/// recent steps of that capability (`PacingWindows`).
struct CreatePacingWindows: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PacingWindows.schema)
            .field("account_id", .string, .required, .references(Account.schema, "id", onDelete: .cascade))
            .field("environment", .string, .required)
            .field("tool", .string, .required)
            .field("capability", .string, .required)
            .field("paced_until", .datetime, .required)
            .unique(on: "account_id", "environment", "tool", "capability")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PacingWindows.schema).delete()
    }
}
