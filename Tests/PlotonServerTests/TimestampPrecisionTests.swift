import Fluent
import Foundation
import SQLKit
import Testing

@testable import PlotonServer

/// Issue 16, item 2: the database keeps the engine's timestamps to the millisecond (latency
/// figures are read from them), on SQLite and PostgreSQL alike; the API may still show seconds.
@Suite struct TimestampPrecisionTests {
    @Test func a_task_its_steps_and_events_keep_milliseconds_in_the_database() async throws {
        try await withPloton { t async throws in
            t.clock.advance(by: 0.123)
            let created = t.clock.now
            let id = try await t.createTask(#"{"prompt":"\#(TasksTests.example1)"}"#)
            t.clock.advance(by: 0.004)
            let completed = t.clock.now
            try await t.drain()

            let sql = try #require(t.db as? any SQLDatabase)
            let task = try #require(
                try await sql.raw("SELECT created_at, completed_at FROM tasks WHERE id = \(bind: id)").first())
            expectMilliseconds(try task.decode(column: "created_at", as: Date.self), equal: created, "tasks.created_at")
            expectMilliseconds(try task.decode(column: "completed_at", as: Date.self), equal: completed, "tasks.completed_at")

            let steps = try await sql.raw("SELECT started_at, finished_at FROM task_steps WHERE task_id = \(bind: id)").all()
            #expect(!steps.isEmpty)
            for step in steps {
                expectMilliseconds(try step.decode(column: "started_at", as: Date.self), equal: completed, "task_steps.started_at")
                expectMilliseconds(try step.decode(column: "finished_at", as: Date.self), equal: completed, "task_steps.finished_at")
            }
            let events = try await sql.raw("SELECT type, created_at FROM events WHERE task_id = \(bind: id)").all()
            #expect(!events.isEmpty)
            for event in events {
                let type = try event.decode(column: "type", as: String.self)
                expectMilliseconds(try event.decode(column: "created_at", as: Date.self), equal: completed, "events.created_at (\(type))")
            }
        }
    }

    private func expectMilliseconds(_ stored: Date, equal expected: Date, _ column: String) {
        let (storedMS, expectedMS) = (
            (stored.timeIntervalSince1970 * 1000).rounded(), (expected.timeIntervalSince1970 * 1000).rounded()
        )
        #expect(storedMS == expectedMS, "\(column): \(stored.timeIntervalSince1970) stored for \(expected.timeIntervalSince1970)")
    }
}
