import Fluent

/// A task keeps the trace context of the request that accepted it, so the worker that runs it, in
/// any process and after a restart, continues the same trace.
struct UpdateTasksTraceContext: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AgentTask.schema).field("trace_context", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AgentTask.schema).deleteField("trace_context").update()
    }
}
