import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Testing

@testable import PlotonServer

/// A built-in sandbox's read-only steps are written with the run's next write; a step with a side
/// effect still has its intent, and every step before it, written before it is called.
@Suite struct DeferredStepsTests {
    @Test func read_only_sandbox_steps_commit_with_the_next_write_and_intent_still_comes_first() async throws {
        try await withPloton { t async throws in
            let tool = t.useScriptedTool([
                PlannedStep(tool: "vault", capability: "read", input: [:]),
                PlannedStep(tool: "vault", capability: "log", input: [:]),
                PlannedStep(tool: "vault", capability: "read", input: [:]),
            ])
            let db = t.db
            let seen = Seen()
            tool.script(
                "read",
                { request in
                    await seen.record("first read", try await Self.steps(of: request.taskID, on: db))
                    return .completed(.object(["n": .number(1)]))
                },
                { request in
                    await seen.record("last read", try await Self.steps(of: request.taskID, on: db))
                    return .completed(.object(["n": .number(3)]))
                })
            tool.script(
                "log",
                { request in
                    await seen.record("log", try await Self.steps(of: request.taskID, on: db))
                    return .completed(.object(["n": .number(2)]))
                })
            let id = try await t.createTask(#"{"prompt":"read, log, read"}"#)
            try await t.drain()

            #expect(await seen.at["first read"] == [])
            #expect(await seen.at["log"] == ["0:complete", "1:running"], "the read before, and the intent, are written before the call")
            #expect(await seen.at["last read"] == ["0:complete", "1:complete"])
            #expect(try await Self.steps(of: id, on: db) == ["0:complete", "1:complete", "2:complete"])
            #expect(try await t.task(id)["status"] as? String == "complete")
            #expect(
                try await t.events(for: id).map(\.type.rawValue) == ["task.progress", "task.progress", "task.progress", "task.complete"])
        }
    }

    static func steps(of taskID: String, on db: any Database) async throws -> [String] {
        try await TaskStep.query(on: db).filter(\.$task.$id == taskID).sort(\.$index).all().map { "\($0.index):\($0.status)" }
    }
}

private actor Seen {
    var at: [String: [String]] = [:]
    func record(_ moment: String, _ steps: [String]) { at[moment] = steps }
}
