import Fluent
import Foundation
import PlotonCore
import SQLKit

/// The durable queue is the `tasks` table. A worker claims a task by taking a lease on it; it
/// renews the lease while it works, and a task whose lease ran out (its worker died) is claimable
/// again. Claims are serialised (an advisory lock on PostgreSQL, the write lock on SQLite) so the
/// per-account concurrency limit holds across processes; `SKIP LOCKED` keeps claims from queueing
/// behind rows another transaction holds.
struct TaskQueue {
    let database: any Database
    let settings: TaskSettings

    private static let claimLock = 727_001

    func claim(workerID: String, now: Date) async throws -> AgentTask? {
        try await database.writeTransaction { database in
            guard let sql = database as? any SQLDatabase else { return nil }
            let isPostgres = sql.dialect.name == "postgresql"
            if isPostgres { try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: Self.claimLock))").run() }

            let locking: SQLQueryString = isPostgres ? " FOR UPDATE SKIP LOCKED" : ""
            let candidates = try await sql.raw(
                """
                SELECT id, account_id FROM tasks
                WHERE status = 'pending' OR (status = 'running' AND (lease_expires_at IS NULL OR lease_expires_at < \(bind: now)))
                ORDER BY created_at LIMIT 50\(locking)
                """
            ).all(decoding: Candidate.self)
            guard !candidates.isEmpty else { return nil }

            let busy = try await sql.raw(
                """
                SELECT account_id, COUNT(*) AS running FROM tasks
                WHERE status = 'running' AND lease_expires_at >= \(bind: now) GROUP BY account_id
                """
            ).all(decoding: AccountLoad.self)
            var load = Dictionary(uniqueKeysWithValues: busy.map { ($0.account_id, $0.running) })
            guard let chosen = candidates.first(where: { (load[$0.account_id] ?? 0) < settings.accountConcurrency }) else { return nil }
            load[chosen.account_id, default: 0] += 1

            guard let task = try await AgentTask.find(chosen.id, on: database) else { return nil }
            task.status = TaskStatus.running.rawValue
            task.leaseOwner = workerID
            task.leaseExpiresAt = now.addingTimeInterval(settings.leaseSeconds)
            task.claims += 1
            task.updatedAt = now
            try await task.update(on: database)
            return task
        }
    }

    /// Extends the lease; `false` when this worker no longer owns the task (it finished, was
    /// cancelled, or the lease was lost and someone else took it).
    func renew(taskID: String, workerID: String, now: Date) async throws -> Bool {
        let owned = try await AgentTask.query(on: database)
            .filter(\.$id == taskID).filter(\.$leaseOwner == workerID).filter(\.$status == TaskStatus.running.rawValue)
            .count()
        guard owned > 0 else { return false }
        try await AgentTask.query(on: database)
            .filter(\.$id == taskID).filter(\.$leaseOwner == workerID)
            .set(\.$leaseExpiresAt, to: now.addingTimeInterval(settings.leaseSeconds))
            .update()
        return true
    }

    /// Gives up a lease at once (graceful shutdown), so another worker can resume the task now.
    func release(taskID: String, workerID: String, now: Date) async throws {
        try await AgentTask.query(on: database)
            .filter(\.$id == taskID).filter(\.$leaseOwner == workerID).filter(\.$status == TaskStatus.running.rawValue)
            .set(\.$leaseExpiresAt, to: now)
            .update()
    }

    private struct Candidate: Decodable {
        var id: String
        var account_id: String
    }

    private struct AccountLoad: Decodable {
        var account_id: String
        var running: Int
    }
}
