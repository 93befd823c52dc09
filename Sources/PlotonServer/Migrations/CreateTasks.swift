import Fluent

struct CreateTasks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AgentTask.schema)
            .field("id", .string, .identifier(auto: false))
            .field("account_id", .string, .required, .references(Account.schema, "id", onDelete: .cascade))
            .field("environment", .string, .required)
            .field("status", .string, .required)
            .field("prompt", .string, .required)
            .field("user_id", .string)
            .field("pinned_tool", .string)
            .field("primary_tool", .string)
            .field("tools", .string, .required)
            .field("sub_agent", .string)
            .field("metadata", .string, .required)
            .field("webhook_url", .string)
            .field("planner", .string)
            .field("workflow", .string)
            .field("input", .string, .required)
            .field("result", .string)
            .field("error", .string)
            .field("waiting", .string)
            .field("waiting_expires_at", .datetime)
            .field("lease_owner", .string)
            .field("lease_expires_at", .datetime)
            .field("claims", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("completed_at", .datetime)
            .create()
        try await SQLIndex.create(on: database, name: "tasks_queue", table: AgentTask.schema, columns: ["status", "created_at"])
        try await SQLIndex.create(
            on: database, name: "tasks_listing", table: AgentTask.schema, columns: ["account_id", "environment", "created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AgentTask.schema).delete()
    }
}
