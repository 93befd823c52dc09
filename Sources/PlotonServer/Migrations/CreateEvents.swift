import Fluent

struct CreateEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TaskEvent.schema)
            .field("id", .string, .identifier(auto: false))
            .field("account_id", .string, .required, .references(Account.schema, "id", onDelete: .cascade))
            .field("environment", .string, .required)
            .field("type", .string, .required)
            .field("task_id", .string)
            .field("data", .string, .required)
            .field("metadata", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await SQLIndex.create(on: database, name: "events_by_task", table: TaskEvent.schema, columns: ["task_id", "created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TaskEvent.schema).delete()
    }
}
