import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

/// A task that fails after a step that acted says what was already done, so that the user does
/// not run the same prompt again and repeat it.
@Suite struct DoneBeforeFailureTests {
    let missing: ScriptedTool.Answer = { _ in
        throw ToolFailure(
            code: "not_found", message: "No channel named \"finance\" was found.", recoverable: true, suggestion: "Name a channel.")
    }

    @Test func a_failure_after_an_action_names_the_action_and_that_it_stays() async throws {
        try await withPloton { t async throws in
            let tool = t.useScriptedTool([
                PlannedStep(tool: "vault", capability: "log", input: [:]), PlannedStep(tool: "vault", capability: "read", input: [:]),
            ])
            tool.script("read", missing)
            let id = try await t.createTask(#"{"prompt":"log it, then read"}"#)
            try await t.drain()
            let task = try await t.task(id)
            #expect(task["status"] as? String == "failed", "\(task)")
            let error = try #require(task["error"] as? [String: Any])
            #expect(error["code"] as? String == "not_found")
            #expect(
                error["message"] as? String
                    == "No channel named \"finance\" was found. Already done before this failure, and not undone: step 0, vault.log.")
            #expect(
                error["suggestion"] as? String
                    == "Name a channel. Running the same prompt again would repeat that step; ask only for what is left.")
            // The task.failed event says the same.
            let events = try await t.send(.GET, "v1/events?task_id=\(id)", key: t.testKey).object
            let failed = try #require((events["data"] as? [[String: Any]])?.first { $0["event"] as? String == "task.failed" })
            #expect(((failed["data"] as? [String: Any])?["message"] as? String)?.contains("not undone: step 0, vault.log") == true)
        }
    }

    @Test func a_failure_after_reads_only_is_told_as_it_was() async throws {
        try await withPloton { t async throws in
            let tool = t.useScriptedTool([
                PlannedStep(tool: "vault", capability: "read", input: [:]), PlannedStep(tool: "vault", capability: "read", input: [:]),
            ])
            tool.script("read", { _ in .completed(.object(["balance": .number(1)])) }, missing)
            let id = try await t.createTask(#"{"prompt":"read twice"}"#)
            try await t.drain()
            let error = try #require(try await t.task(id)["error"] as? [String: Any])
            #expect(error["message"] as? String == "No channel named \"finance\" was found.")
            #expect(error["suggestion"] as? String == "Name a channel.")
        }
    }
}
