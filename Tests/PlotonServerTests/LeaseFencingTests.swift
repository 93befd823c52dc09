import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Testing

@testable import PlotonServer

/// A run that lost its lease writes nothing once the task has moved on: not its steps, not their
/// events, not the task's status; even when the same worker claimed the task again.
@Suite struct LeaseFencingTests {
    @Test func a_run_given_up_that_comes_unstuck_after_the_task_was_claimed_again_writes_nothing() async throws {
        try await withPloton { t async throws in
            let tool = t.useScriptedTool([
                PlannedStep(tool: "vault", capability: "log", input: [:]),
                PlannedStep(tool: "vault", capability: "read", input: [:]),
            ])
            let (id, first, second) = try await Self.overrunThenClaimAgain(t, tool: tool, capability: "log", prompt: "log then read")
            #expect(second.owner == first.owner)
            #expect(second.claim == first.claim + 1)
            #expect(try await t.task(id)["status"] as? String == "complete")
            let steps = try await TaskStep.query(on: t.db).filter(\.$task.$id == id).sort(\.$index).all()
            #expect(steps.map(\.index) == [0, 1], "one row per step")
            #expect(steps.first?.attempts == 2, "the second claim's record of the side effect stands")
            #expect(try steps.first?.output?.value(at: "by") == .string("second claim"))
            let events = try await t.events(for: id).map(\.type.rawValue)
            #expect(events.filter { $0 == "task.progress" }.count == 2)
            #expect(events.filter { $0 == "task.complete" }.count == 1)
            #expect(tool.count("read") == 1, "the first run stopped at its first write")
            let queue = TaskQueue(database: t.db, settings: t.app.ploton.config.tasks)
            #expect(try await queue.renew(first, now: t.clock.now) == false)
        }
    }

    /// The completion is fenced by its own update: a run whose read-only steps (written only with
    /// the completion) finish after it lost its lease writes neither them nor the completion.
    @Test func a_completion_after_the_lease_was_lost_writes_nothing_and_stamps_its_event_time() async throws {
        try await withPloton { t async throws in
            let tool = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            let (id, _, _) = try await Self.overrunThenClaimAgain(t, tool: tool, capability: "read", prompt: "read the balance")

            let steps = try await TaskStep.query(on: t.db).filter(\.$task.$id == id).all()
            #expect(try steps.map { try $0.output?.value(at: "by") } == [.string("second claim")], "the first run wrote no step")
            let events = try await t.events(for: id)
            #expect(events.map(\.type.rawValue) == ["task.progress", "task.complete"])
            let task = try #require(try await AgentTask.find(id, on: t.db))
            #expect(task.status == .complete && task.leaseOwner == nil && task.leaseExpiresAt == nil)
            #expect(task.resultJSON.flatMap { JSONValue.parse($0.text) }?.value(at: "by") == .string("second claim"))
            #expect(task.completedAt != nil && task.completedAt == events.last?.createdAt)
            #expect(task.updatedAt == task.completedAt)
        }
    }

    /// A task whose first run blocks in `capability` until its claim overran and was given up and
    /// the same worker claimed the task again and ran it to the end; then the first run goes on.
    static func overrunThenClaimAgain(_ t: TestApp, tool: ScriptedTool, capability: String, prompt: String) async throws -> (
        id: String, first: TaskLease, second: TaskLease
    ) {
        let stuck = Gate()
        tool.script(
            capability,
            { _ in
                await stuck.enterAndWait()
                return .completed(.object(["by": .string("first claim")]))
            },
            { _ in .completed(.object(["by": .string("second claim")])) })
        let id = try await t.createTask(#"{"prompt":"\#(prompt)"}"#)
        let queue = TaskQueue(database: t.db, settings: t.app.ploton.config.tasks)
        let first = try #require(try await queue.claim(workerID: "wrk_a", now: t.clock.now)?.lease)
        let unstuck = Task { try await TaskEngine(database: t.db, services: t.app.ploton, lease: first).run() }
        await stuck.waitUntilEntered()
        try await queue.abandon(first, now: t.clock.now)
        t.clock.advance(by: 1)
        let second = try #require(try await queue.claim(workerID: "wrk_a", now: t.clock.now)?.lease)
        try await TaskEngine(database: t.db, services: t.app.ploton, lease: second).run()
        await stuck.release()
        try await unstuck.value
        return (id, first, second)
    }
}
