import Fluent

/// Custom subagents, and the tool boundary a task snapshots from its subagent.
struct CreateSubagents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Subagent.schema)
            .field("id", .string, .identifier(auto: false))
            .field("account_id", .string, .required, .references(Account.schema, "id", onDelete: .cascade))
            .field("environment", .string, .required)
            .field("name", .string, .required)
            .field("prompt", .string, .required)
            .field("tools", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "account_id", "environment", "name")
            .create()
        try await database.schema(AgentTask.schema).field("sub_agent_tools", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AgentTask.schema).deleteField("sub_agent_tools").update()
        try await database.schema(Subagent.schema).delete()
    }
}
