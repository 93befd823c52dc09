import Fluent

/// Replay bodies are sealed with the key ring from now on. The plaintext ones stored before
/// (at most a day's worth, some holding new API keys and webhook secrets) are deleted, not
/// migrated: the key ring is not available to migrations.
struct UpdateIdempotencyRecordsSealBodies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await IdempotencyRecord.query(on: database).delete()
        try await database.schema(IdempotencyRecord.schema).deleteField("response_body").update()
        try await database.schema(IdempotencyRecord.schema).field("sealed_response_body", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await IdempotencyRecord.query(on: database).delete()
        try await database.schema(IdempotencyRecord.schema).deleteField("sealed_response_body").update()
        try await database.schema(IdempotencyRecord.schema).field("response_body", .data).update()
    }
}
