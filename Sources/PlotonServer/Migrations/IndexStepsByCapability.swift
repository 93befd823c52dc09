import Fluent

/// Execution memory reads recent steps of one tool capability (rate-limit pacing) on every step.
struct IndexStepsByCapability: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await SQLIndex.create(
            on: database, name: "task_steps_by_capability", table: TaskStep.schema, columns: ["tool", "capability", "started_at"])
    }

    func revert(on database: any Database) async throws {
        try await SQLIndex.drop(on: database, name: "task_steps_by_capability")
    }
}
