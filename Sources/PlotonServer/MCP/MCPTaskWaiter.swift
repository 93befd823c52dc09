import Foundation
import PlotonAPI
import PlotonCore

/// Waits for a task to stop moving (finished, or waiting for someone) within a time limit,
/// reporting each change of status. Tasks are read from the database, so the worker running the
/// task may be any process. Cancelling the waiting (an MCP client's `notifications/cancelled`)
/// cancels the task.
struct MCPTaskWaiter {
    let scope: MCPScope
    /// A status changed, or a quiet interval passed (so clients with request timeouts that reset on
    /// progress keep waiting).
    let progress: @Sendable (TaskObject) async -> Void

    static let pollInterval: Duration = .milliseconds(250)
    static let heartbeat: Duration = .seconds(10)

    func wait(for id: String, timeout: Duration) async throws -> TaskObject {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var reported: TaskStatus?
        var lastReport = clock.now
        while true {
            let task = try await scope.task(id).toObject()
            if task.status.isFinal || task.status == .waiting || clock.now >= deadline { return task }
            if task.status != reported || clock.now - lastReport >= Self.heartbeat {
                await progress(task)
                reported = task.status
                lastReport = clock.now
            }
            do {
                try await Task.sleep(for: Self.pollInterval)
            } catch {
                try await cancel(id)
                throw error
            }
        }
    }

    /// Cancels the task the client gave up on; one already finished stays as it is.
    private func cancel(_ id: String) async throws {
        let tasks = scope.tasks
        // The waiting task is cancelled; run the write in a task of its own so it is not refused.
        try await Task.detached {
            do { _ = try await tasks.cancel(id) } catch TaskError.alreadyFinished {}
        }.value
    }
}
