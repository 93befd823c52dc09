import Fluent
import Foundation
import PlotonAPI
import PlotonCore

/// The only way a task's status changes: inside a transaction that locks and re-reads the task,
/// checks the move is allowed (and, for workers, that their lease still holds), applies it and
/// appends the event that reports it. Returns the updated task, or nil when the move no longer
/// applies (for example the task was cancelled while a step ran).
struct TaskTransitions {
    let database: any Database
    let now: Date
    /// A run's writes that wait for its next commit: written first when its lease still holds.
    var deferred: DeferredWrites? = nil
    /// Where a run's (leased) moves commit, with other runs' writes; nil: a transaction of its own.
    var commits: GroupCommit? = nil

    @discardableResult
    func move(
        _ taskID: String, to status: TaskStatus, ownedBy lease: TaskLease? = nil, event: TaskEvent.Kind?,
        data: @escaping @Sendable (AgentTask) throws -> JSONValue = { _ in .null },
        apply: @escaping @Sendable (AgentTask) -> Void = { _ in }
    ) async throws -> AgentTask? {
        let write: @Sendable (any Database) async throws -> AgentTask? = { database in
            let locked = if let lease { try await lease.isHeld(on: database) } else { try await TaskRow.lock(taskID, on: database) }
            guard locked else { return nil }
            if lease != nil { try await deferred?.flush(on: database) }
            guard let task = try await AgentTask.find(taskID, on: database), task.status.canMove(to: status) else { return nil }
            task.status = status
            task.updatedAt = now
            if status.isFinal { task.completedAt = now }
            if status != .running || lease == nil {
                task.leaseOwner = nil
                task.leaseExpiresAt = nil
            }
            apply(task)
            try await task.update(on: database)
            if let event { try await EventRecorder.record(event, task: task, data: try data(task), now: now, on: database) }
            return task
        }
        let moved =
            if let commits, lease != nil { try await commits.write(on: database, write) } else {
                try await database.writeTransaction(write)
            }
        if lease != nil { deferred?.committed() }
        PlotonMetrics.taskMoved(moved)
        return moved
    }

    /// The failure (naming the steps that already acted) is stored on the task and is the
    /// `task.failed` event's data, each encoded once.
    func fail(_ taskID: String, ownedBy lease: TaskLease?, failure: TaskFailure) async throws {
        let failure = try await DoneBeforeFailure.noted(failure, taskID: taskID, on: database)
        let stored = try JSONText.encode(failure)
        try await move(taskID, to: .failed, ownedBy: lease, event: .taskFailed, data: { _ in failure.jsonValue }) { task in
            task.errorJSON = stored
            task.waitingJSON = nil
            task.waitingExpiresAt = nil
        }
    }

    func suspend(_ taskID: String, ownedBy lease: TaskLease, waiting: WaitingRequest, ttl: TimeInterval) async throws {
        let (expiresAt, stored) = (now.addingTimeInterval(ttl), try JSONText.encode(waiting))
        try await move(taskID, to: .waiting, ownedBy: lease, event: .taskWaiting, data: { try $0.toObject().waiting?.jsonValue ?? .null }) {
            task in
            task.waitingJSON = stored
            task.waitingExpiresAt = expiresAt
        }
    }
}
