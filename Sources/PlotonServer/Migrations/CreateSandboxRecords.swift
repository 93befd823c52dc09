import Fluent

struct CreateSandboxRecords: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SandboxRecord.schema)
            .id()
            .field("account_id", .string, .required, .references(Account.schema, "id", onDelete: .cascade))
            .field("environment", .string, .required)
            .field("user_key", .string, .required)
            .field("tool", .string, .required)
            .field("collection", .string, .required)
            .field("record_id", .string, .required)
            .field("position", .int, .required)
            .field("data", .string, .required)
            .unique(on: "account_id", "environment", "user_key", "tool", "collection", "record_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SandboxRecord.schema).delete()
    }
}
