import Fluent
import SQLKit

/// The claim counts lost claims per task (poison tasks fail after a few), looks up each account's
/// oldest claimable task and its running count by index, whatever the backlog, and lets accounts
/// take turns by when they were last served.
struct UpdateTasksFairClaims: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AgentTask.schema).field("lost_claims", .int, .required, .sql(.default(0))).update()
        try await SQLIndex.create(
            on: database, name: "tasks_by_account_status", table: AgentTask.schema, columns: ["account_id", "status", "created_at"])
        try await database.schema(Account.schema).field("last_claimed_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Account.schema).deleteField("last_claimed_at").update()
        try await SQLIndex.drop(on: database, name: "tasks_by_account_status")
        try await database.schema(AgentTask.schema).deleteField("lost_claims").update()
    }
}
