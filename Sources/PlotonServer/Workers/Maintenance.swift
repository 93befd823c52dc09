import Fluent
import Foundation
import PlotonAPI
import PlotonCore

/// Periodic upkeep: fail tasks that waited too long, drop execution logs past retention, and
/// forget idempotency records past 24 hours.
struct Maintenance {
    let database: any Database
    let settings: PlotonConfig
    let now: Date

    func run() async throws {
        try await expireWaitingTasks()
        try await pruneLogs()
        try await IdempotencyStore.prune(database: database, now: now)
        try await pruneDashboardSessions()
    }

    /// Dashboard sessions and one-time sign-in links past their expiry serve nobody.
    func pruneDashboardSessions() async throws {
        try await DashboardSession.query(on: database).filter(\.$expiresAt < now).delete()
        try await SignInLink.query(on: database).filter(\.$expiresAt < now).delete()
    }

    func expireWaitingTasks() async throws {
        let expired = try await AgentTask.query(on: database)
            .filter(\.$status == TaskStatus.waiting.rawValue).filter(\.$waitingExpiresAt < now).all()
        let transitions = TaskTransitions(database: database, now: now)
        for task in expired {
            let reason = task.waiting?.reason.rawValue ?? "input"
            try await transitions.fail(
                try task.requireID(), ownedBy: nil,
                failure: .init(
                    code: "waiting_expired", message: "The task waited too long for \(reason) and expired.", tool: task.waiting?.service,
                    recoverable: true, suggestion: "Create the task again and complete the pending step sooner."))
        }
    }

    /// Step logs and events of tasks that finished before the retention window are deleted; the
    /// tasks themselves (and their results) stay.
    func pruneLogs() async throws {
        let cutoff = now.addingTimeInterval(-settings.tasks.logRetention)
        let old = try await AgentTask.query(on: database).filter(\.$completedAt < cutoff).all(\.$id)
        guard !old.isEmpty else { return }
        for chunk in stride(from: 0, to: old.count, by: 500).map({ Array(old[$0..<min($0 + 500, old.count)]) }) {
            try await TaskStep.query(on: database).filter(\.$task.$id ~~ chunk).delete()
            try await TaskEvent.query(on: database).filter(\.$taskID ~~ chunk).filter(\.$createdAt < cutoff).delete()
        }
    }
}
