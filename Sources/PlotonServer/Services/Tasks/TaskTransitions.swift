import Fluent
import Foundation
import PlotonAPI
import PlotonCore

/// The only way a task's status changes: inside a transaction that re-reads the task, checks the
/// move is allowed (and, for workers, that the lease is still theirs), applies it and appends the
/// event that reports it. Returns the updated task, or nil when the move no longer applies (for
/// example the task was cancelled while a step ran).
struct TaskTransitions {
    let database: any Database
    let now: Date

    @discardableResult
    func move(
        _ taskID: String, to status: TaskStatus, ownedBy workerID: String? = nil, event: TaskEvent.Kind?,
        data: @escaping @Sendable (AgentTask) -> JSONValue = { _ in .null }, apply: @escaping @Sendable (AgentTask) -> Void = { _ in }
    ) async throws -> AgentTask? {
        try await database.writeTransaction { database in
            guard let task = try await AgentTask.find(taskID, on: database) else { return nil }
            guard task.taskStatus.canMove(to: status) else { return nil }
            if let workerID, task.leaseOwner != workerID { return nil }
            task.status = status.rawValue
            task.updatedAt = now
            if status.isFinal { task.completedAt = now }
            if status != .running || workerID == nil {
                task.leaseOwner = nil
                task.leaseExpiresAt = nil
            }
            apply(task)
            try await task.update(on: database)
            if let event { try await EventRecorder.record(event, task: task, data: data(task), now: now, on: database) }
            return task
        }
    }

    func fail(_ taskID: String, ownedBy workerID: String?, failure: TaskObject.Failure) async throws {
        try await move(taskID, to: .failed, ownedBy: workerID, event: .taskFailed, data: { _ in failure.jsonValue }) { task in
            task.setFailure(failure)
            task.setWaiting(nil)
            task.waitingExpiresAt = nil
        }
    }

    func suspend(_ taskID: String, ownedBy workerID: String, waiting: WaitingRequest, ttl: TimeInterval) async throws {
        let expiresAt = now.addingTimeInterval(ttl)
        try await move(taskID, to: .waiting, ownedBy: workerID, event: .taskWaiting, data: { $0.toObject().waiting?.jsonValue ?? .null }) {
            task in
            task.setWaiting(waiting)
            task.waitingExpiresAt = expiresAt
        }
    }
}
