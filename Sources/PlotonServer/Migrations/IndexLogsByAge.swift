import Fluent

/// Upkeep finds what is past retention by age, so its cost follows what is left to prune, not the
/// whole history: steps by start, events by creation, idempotency records by expiry.
struct IndexLogsByAge: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await SQLIndex.create(on: database, name: "task_steps_by_start", table: TaskStep.schema, columns: ["started_at"])
        try await SQLIndex.create(on: database, name: "events_by_age", table: TaskEvent.schema, columns: ["created_at"])
        try await SQLIndex.create(
            on: database, name: "idempotency_records_by_expiry", table: IdempotencyRecord.schema, columns: ["expires_at"])
    }

    func revert(on database: any Database) async throws {
        for name in ["task_steps_by_start", "events_by_age", "idempotency_records_by_expiry"] {
            try await SQLIndex.drop(on: database, name: name)
        }
    }
}
