import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import SQLKit

/// Periodic upkeep: fail tasks that waited too long, roll finished steps up into execution memory,
/// drop execution logs past retention, forget idempotency records past 24 hours, expired
/// dashboard sessions and idle rate-limit buckets.
/// Every worker asks every minute; one process runs it (`UpkeepSchedule`).
struct Maintenance {
    let database: any Database
    let settings: PlotonConfig
    let now: Date

    func run() async throws {
        guard try await UpkeepSchedule(database: database).claim("maintenance", now: now) else { return }
        try await expireWaitingTasks()
        // Before the logs it reads are pruned.
        try await ToolMemoryRollup(database: database).fold()
        try await pruneLogs()
        try await IdempotencyStore.prune(database: database, now: now)
        try await pruneDashboardSessions()
        try await PostgresTokenBuckets.prune(database: database, idleSince: now.addingTimeInterval(-bucketIdleTime))
    }

    /// A bucket idle for longer than its window is full again, the same as the new one a next
    /// request would start (a minute at least, so a key busy now and then keeps its row).
    var bucketIdleTime: TimeInterval {
        TimeInterval(max(60, settings.rateLimits.values.map(\.windowSeconds).max() ?? 0))
    }

    /// Dashboard sessions and one-time sign-in links past their expiry serve nobody.
    func pruneDashboardSessions() async throws {
        try await DashboardSession.query(on: database).filter(\.$expiresAt < now).delete()
        try await SignInLink.query(on: database).filter(\.$expiresAt < now).delete()
    }

    func expireWaitingTasks() async throws {
        let expired = try await AgentTask.query(on: database)
            .filter(\.$status == TaskStatus.waiting).filter(\.$waitingExpiresAt < now).all()
        let transitions = TaskTransitions(database: database, now: now)
        for task in expired {
            // A waiting request that does not read (StoredValueError) must not hold up the upkeep of
            // every other task: the task expires all the same, as one waiting for input.
            let waiting: WaitingRequest?
            do { waiting = try task.waiting } catch is StoredValueError { waiting = nil }
            let reason = waiting?.reason.rawValue ?? "input"
            try await transitions.fail(
                try task.requireID(), ownedBy: nil,
                failure: TaskFailure(
                    code: .waitingExpired, message: "The task waited too long for \(reason) and expired.", tool: waiting?.service,
                    recoverable: true, suggestion: "Create the task again and complete the pending step sooner."))
        }
    }

    /// Step logs and events of tasks that finished before the retention window are deleted; the
    /// tasks themselves (and their results) stay. Found by the logs' own age (indexed), in bounded
    /// batches, so a run costs what is left to prune rather than the whole history.
    func pruneLogs() async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let cutoff = now.addingTimeInterval(-settings.tasks.logRetention)
        for (table, age) in [(TaskStep.schema, "started_at"), (TaskEvent.schema, "created_at")] {
            while true {
                let ids = try await sql.raw(
                    """
                    SELECT id FROM \(ident: table) l WHERE l.\(ident: age) < \(bind: cutoff)
                      AND EXISTS (SELECT 1 FROM \(ident: AgentTask.schema) t WHERE t.id = l.task_id AND t.completed_at < \(bind: cutoff))
                    LIMIT \(literal: Self.pruneBatch)
                    """
                ).all(decoding: Row.self).map(\.id)
                guard !ids.isEmpty else { break }
                try await sql.delete(from: table).where("id", .in, SQLBind.group(ids)).run()
                guard ids.count == Self.pruneBatch else { break }
            }
        }
    }

    private static let pruneBatch = 500

    private struct Row: Decodable {
        var id: String
    }
}
