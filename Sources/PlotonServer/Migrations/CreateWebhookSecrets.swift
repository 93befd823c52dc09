import Fluent

struct CreateWebhookSecrets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(WebhookSigningSecret.schema)
            .id()
            .field("account_id", .string, .required, .references(Account.schema, "id", onDelete: .cascade))
            .field("environment", .string, .required)
            .field("sealed_secret", .string, .required)
            .field("sealed_previous_secret", .string)
            .field("previous_expires_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "account_id", "environment")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WebhookSigningSecret.schema).delete()
    }
}
