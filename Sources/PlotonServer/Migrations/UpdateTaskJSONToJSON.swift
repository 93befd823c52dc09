import Fluent

/// The JSON of tasks, steps and events (`JSONText`) becomes `json` on PostgreSQL, converting the
/// text already there; a row that does not parse fails the migration rather than being lost.
/// `json`, not `jsonb`: the text written is the text read back, and a tool's output may hold
/// `\u0000`, which `jsonb` refuses. SQLite keeps JSON text.
struct UpdateTaskJSONToJSON: AsyncMigration {
    static let columns: [(table: String, column: String)] =
        ["tools", "sub_agent_tools", "metadata", "workflow", "input", "result", "error", "waiting"].map { (AgentTask.schema, $0) }
        + ["input", "output", "error", "recoveries"].map { (TaskStep.schema, $0) }
        + ["data", "metadata"].map { (TaskEvent.schema, $0) }

    func prepare(on database: any Database) async throws {
        try await PostgresColumnTypes.alter(Self.columns, to: "json", on: database)
    }

    func revert(on database: any Database) async throws {
        try await PostgresColumnTypes.alter(Self.columns, to: "text", on: database)
    }
}
