import Fluent

/// Execution memory is read from rolled-up rows (one per account, environment, tool and
/// capability) plus the steps not yet rolled up, instead of from every retained step: each step
/// records whether upkeep has folded it into its row (`ToolMemoryRollup`).
struct CreateToolMemory: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ToolMemoryRollup.schema)
            .field("account_id", .string, .required, .references(Account.schema, "id", onDelete: .cascade))
            .field("environment", .string, .required)
            .field("tool", .string, .required)
            .field("capability", .string, .required)
            .field("runs", .int, .required)
            .field("successes", .int, .required)
            .field("attempts", .int, .required)
            .field("retries", .int, .required)
            .field("latency_total_ms", .double, .required)
            .field("latency_count", .int, .required)
            .field("latency_max_ms", .double)
            .field("rate_limited", .int, .required)
            .field("last_retry_after_ms", .double)
            .field("last_retry_at", .string)
            .field("last_run_at", .datetime)
            .field("failures", .string, .required)
            .unique(on: "account_id", "environment", "tool", "capability")
            .create()
        // Steps already logged start unfolded: upkeep folds them in batches.
        try await database.schema(TaskStep.schema).field("memory_folded", .bool, .required, .sql(.default(false))).update()
        try await SQLIndex.create(
            on: database, name: "task_steps_by_memory_folded", table: TaskStep.schema, columns: ["memory_folded", "tool"])
    }

    func revert(on database: any Database) async throws {
        try await SQLIndex.drop(on: database, name: "task_steps_by_memory_folded")
        try await database.schema(TaskStep.schema).deleteField("memory_folded").update()
        try await database.schema(ToolMemoryRollup.schema).delete()
    }
}
