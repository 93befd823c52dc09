import Fluent
import Foundation
import PlotonCore
import SQLKit
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
                task.status = finishedAgo == nil ? .waiting : .complete
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

extension MaintenanceTests {
    @Test func upkeep_is_claimed_by_one_caller_per_interval() async throws {
        try await withPloton { t async throws in
            let (db, now) = (t.db, t.clock.now)
            // Twelve workers (each claim on its own pooled connection, as separate processes would be) race.
            let claims = try await withThrowingTaskGroup(of: Bool.self) { group in
                for worker in 0..<12 {
                    group.addTask { try await UpkeepSchedule(database: db).claim("maintenance", now: now, runner: "w\(worker)") }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(claims.filter { $0 }.count == 1)
            let schedule = UpkeepSchedule(database: db)
            #expect(try await !schedule.claim("maintenance", now: now.addingTimeInterval(UpkeepSchedule.interval - 1)))
            #expect(try await schedule.claim("maintenance", now: now.addingTimeInterval(UpkeepSchedule.interval)))
        }
    }

    @Test func idle_rate_limit_buckets_are_pruned_and_busy_ones_kept() async throws {
        try await withPloton { t async throws in
            let sql = try #require(t.db as? any SQLDatabase)
            let now = t.clock.now.timeIntervalSince1970
            let maintenance = Maintenance(database: t.db, settings: t.app.ploton.config, now: t.clock.now)
            for (key, age) in [("idle", maintenance.bucketIdleTime + 1), ("busy", 1)] {
                try await sql.raw(
                    "INSERT INTO rate_limit_buckets (key, tokens, taken, updated_at) VALUES (\(bind: key), 1, 1, \(bind: now - age))"
                ).run()
            }
            try await maintenance.run()
            let keys = try await sql.raw("SELECT key FROM rate_limit_buckets").all().map { try $0.decode(column: "key", as: String.self) }
            #expect(keys == ["busy"])
        }
    }
}
