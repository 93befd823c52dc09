import Fluent

struct CreateIdempotencyRecords: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(IdempotencyRecord.schema)
            .id()
            .field("account_id", .string, .required, .references(Account.schema, "id", onDelete: .cascade))
            .field("environment", .string, .required)
            .field("idempotency_key", .string, .required)
            .field("fingerprint", .string, .required)
            .field("state", .string, .required)
            .field("request_id", .string)
            .field("response_status", .int)
            .field("response_content_type", .string)
            .field("response_body", .data)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "account_id", "environment", "idempotency_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IdempotencyRecord.schema).delete()
    }
}
