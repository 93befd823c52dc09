import Fluent
import Foundation
import PlotonCore
import Testing

@testable import PlotonServer

/// Upkeep deletes the step logs and events of tasks that finished before the retention window,
/// and nothing else; the tasks themselves stay.
@Suite struct MaintenanceTests {
    @Test func logs_of_tasks_finished_before_the_retention_window_are_pruned_and_nothing_else() async throws {
        try await withPloton { t async throws in
            let now = t.clock.now
            let retention = t.app.ploton.config.tasks.logRetention
            func task(startedAgo: TimeInterval, finishedAgo: TimeInterval?, steps: Int = 2) async throws -> String {
                let started = now.addingTimeInterval(-startedAgo)
                let task = AgentTask(accountID: t.accountID, environment: .test, prompt: "p", now: started)
                task.status = finishedAgo == nil ? "waiting" : "complete"
                task.completedAt = finishedAgo.map { now.addingTimeInterval(-$0) }
                try await task.create(on: t.db)
                let id = try task.requireID()
                for index in 0..<steps {
                    let planned = PlannedStep(tool: "weather", capability: "current", input: [:])
                    try await TaskStep(
                        taskID: id, index: index, step: planned, input: [:], idempotencyKey: "\(id)-\(index)", sideEffect: false,
                        now: started
                    ).create(on: t.db)
                    try await TaskEvent(kind: .taskProgress, task: task, data: .object([:]), now: started).create(on: t.db)
                }
                return id
            }
            let old = try await task(startedAgo: retention + 7200, finishedAgo: retention + 3600, steps: 3)
            let recent = try await task(startedAgo: retention + 7200, finishedAgo: retention - 3600)
            let unfinished = try await task(startedAgo: retention + 7200, finishedAgo: nil)

            try await Maintenance(database: t.db, settings: t.app.ploton.config, now: now).pruneLogs()

            func logs(_ id: String) async throws -> (steps: Int, events: Int) {
                (
                    try await TaskStep.query(on: t.db).filter(\.$task.$id == id).count(),
                    try await TaskEvent.query(on: t.db).filter(\.$taskID == id).count()
                )
            }
            #expect(try await logs(old) == (0, 0))
            #expect(try await logs(recent) == (2, 2))
            #expect(try await logs(unfinished) == (2, 2))
            #expect(try await AgentTask.query(on: t.db).count() == 3)
        }
    }
}
