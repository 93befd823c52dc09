import Fluent
import PlotonCore
import SQLKit

/// One claim of one task: the worker holding it and which of the task's claims it is. Every write
/// a claimed run makes is fenced by it, so a run that lost its lease writes nothing once the task
/// has moved on: when the lease expired and another worker (or this one, again) claimed the task,
/// when the task was cancelled, or when the claim overran `PLOTON_TASK_MAX_CLAIM_SECONDS` and the
/// run comes unstuck later. The claim number tells this worker's old run from its new one.
struct TaskLease: Sendable, Hashable {
    let taskID: String
    let owner: String
    let claim: Int

    /// Whether `task` still runs under this lease.
    func holds(_ task: AgentTask) -> Bool {
        task.status == TaskStatus.running && task.leaseOwner == owner && task.claims == claim
    }

    /// Runs `body` in a write transaction that first checks the lease (shared with other runs'
    /// writes through `commits`); throws `LeaseLost` (and writes nothing) when it no longer holds.
    func fenced<T: Sendable>(
        on database: any Database, via commits: GroupCommit? = nil, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        let write: @Sendable (any Database) async throws -> T = { database in
            guard try await isHeld(on: database) else { throw LeaseLost() }
            return try await body(database)
        }
        guard let commits else { return try await database.writeTransaction(write) }
        return try await commits.write(on: database, write)
    }

    /// Checks the lease inside the caller's transaction. On PostgreSQL the task row stays locked
    /// until the commit, so no claim or cancellation can slip in between this check and the write;
    /// on SQLite the write transaction already keeps other writers out.
    func isHeld(on database: any Database) async throws -> Bool {
        try await TaskRow.lock(
            taskID, on: database,
            where: { $0.where("status", .equal, "running").where("lease_owner", .equal, owner).where("claims", .equal, claim) })
    }
}

/// A fenced write found that the run no longer owns its task; the run stops without writing.
struct LeaseLost: Error {}

extension AgentTask {
    /// The lease a claim just took on this task.
    var lease: TaskLease? {
        guard let id, let leaseOwner else { return nil }
        return TaskLease(taskID: id, owner: leaseOwner, claim: claims)
    }
}

enum TaskRow {
    /// Whether the task row exists (and matches `filter`), locking it for the rest of the
    /// transaction on PostgreSQL so concurrent status changes of one task take turns.
    static func lock(
        _ taskID: String, on database: any Database, where filter: (SQLSelectBuilder) -> SQLSelectBuilder = { $0 }
    ) async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { return true }
        var select = filter(sql.select().column("id").from(AgentTask.schema).where("id", .equal, taskID))
        if sql.dialect.name == "postgresql" { select = select.for(.update) }
        return try await select.first() != nil
    }
}
