import Fluent

struct CreateTaskSteps: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TaskStep.schema)
            .field("id", .string, .identifier(auto: false))
            .field("task_id", .string, .required, .references(AgentTask.schema, "id", onDelete: .cascade))
            .field("step_index", .int, .required)
            .field("tool", .string, .required)
            .field("capability", .string, .required)
            .field("status", .string, .required)
            .field("input", .string, .required)
            .field("output", .string)
            .field("error", .string)
            .field("attempts", .int, .required)
            .field("recoveries", .string, .required)
            .field("idempotency_key", .string, .required)
            .field("side_effect", .bool, .required)
            .field("started_at", .datetime, .required)
            .field("finished_at", .datetime)
            .unique(on: "task_id", "step_index")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TaskStep.schema).delete()
    }
}
