import Fluent
import Foundation
import PlotonCore
import SQLKit

/// A run's last write, in one transaction of plain SQL: the move to `complete` with the result,
/// fenced by the lease in the update itself (no lock-and-read before it: the `WHERE` matches only
/// while this run owns the task; a run that lost it throws `LeaseLost` and writes nothing), then
/// the run's deferred writes (its plan, its read-only steps and their events) and the
/// `task.complete` event. `completed_at` is read inside the transaction, as near its commit as it
/// can be, so webhook and latency figures time from the moment the outcome became visible. The
/// fenced update runs prepared on PostgreSQL (`PreparedStatements`).
struct TaskCompletion {
    let database: any Database
    let clock: Clock
    let lease: TaskLease
    let deferred: DeferredWrites
    /// Where the write commits, with other runs' writes; nil: a transaction of its own.
    let commits: GroupCommit?

    func complete(_ task: AgentTask, result: JSONValue) async throws {
        let (clock, lease, deferred) = (clock, lease, deferred)
        let resultJSON = JSONText(result.jsonText)
        let write: @Sendable (any Database) async throws -> Date = { database in
            guard let sql = database as? any SQLDatabase else { throw LeaseLost() }
            let now = clock.now()
            let moved = try await sql.allPrepared(
                """
                UPDATE tasks SET status = \(bind: TaskStatus.complete.rawValue), result = \(bind: resultJSON),
                updated_at = \(bind: now), completed_at = \(bind: now), lease_owner = NULL, lease_expires_at = NULL
                WHERE id = \(bind: lease.taskID) AND status = \(bind: TaskStatus.running.rawValue)
                AND lease_owner = \(bind: lease.owner) AND claims = \(bind: lease.claim) RETURNING id
                """
            ).first
            guard moved != nil else { throw LeaseLost() }
            try await deferred.flush(on: database)
            try await EventRecorder.record(.taskComplete, task: task, data: result, now: now, on: database)
            return now
        }
        let completedAt =
            if let commits { try await commits.write(on: database, write) } else { try await database.writeTransaction(write) }
        deferred.committed()
        (task.status, task.resultJSON, task.updatedAt, task.completedAt) = (
            TaskStatus.complete, resultJSON, completedAt, completedAt
        )
        (task.leaseOwner, task.leaseExpiresAt) = (nil, nil)
        PlotonMetrics.taskMoved(task)
    }
}
