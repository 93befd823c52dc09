import Fluent

struct CreateCustomTools: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CustomTool.schema)
            .id()
            .field("account_id", .string, .required, .references(Account.schema, "id", onDelete: .cascade))
            .field("environment", .string, .required)
            .field("name", .string, .required)
            .field("definition", .string, .required)
            .field("sealed_client_secret", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "account_id", "environment", "name")
            .create()
        try await database.schema(ToolCredential.schema)
            .id()
            .field("account_id", .string, .required, .references(Account.schema, "id", onDelete: .cascade))
            .field("environment", .string, .required)
            .field("tool", .string, .required)
            .field("kind", .string, .required)
            .field("sealed_secret", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "account_id", "environment", "tool")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ToolCredential.schema).delete()
        try await database.schema(CustomTool.schema).delete()
    }
}
