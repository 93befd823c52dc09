import Fluent

/// When upkeep is next due, for all processes together (`UpkeepSchedule`): one row per job.
struct CreateUpkeepSchedule: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UpkeepSchedule.schema)
            .field("name", .string, .identifier(auto: false))
            .field("due_at", .double, .required)
            .field("ran_by", .string, .required)
            .field("runs", .int64, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UpkeepSchedule.schema).delete()
    }
}
