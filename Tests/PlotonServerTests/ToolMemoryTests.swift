import Fluent
import Foundation
import PlotonCore
import SQLKit
import Testing
import VaporTesting

@testable import PlotonServer

@Suite struct ToolMemoryTests {
    /// Three tasks read `vault.read`: the first succeeds, the second after a rate limit, the third
    /// fails `not_allowed`. A fourth read returns a balance.
    private func threeVaultReads(_ t: TestApp) async throws {
        let tool = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
        tool.script(
            "read",
            { _ in .completed(.object(["balance": .number(1)])) },
            { _ in throw ToolFailure(code: .rateLimited, message: "429", retryable: true, retryAfter: 0.002) },
            { _ in .completed(.object(["balance": .number(2)])) },
            { _ in throw ToolFailure(code: "not_allowed", message: "no") })
        for _ in 0..<3 { _ = try await t.createTask(#"{"prompt":"read"}"#) }
        try await t.drain()
        tool.script("read", { _ in .completed(.object(["balance": .number(3)])) })
    }

    @Test func memory_counts_runs_failures_retries_and_rate_limits_per_capability() async throws {
        try await withPloton { t async throws in
            try await threeVaultReads(t)

            let response = try await t.send(.GET, "v1/tools/vault/memory", key: t.testKey)
            #expect(response.status == .ok)
            let memory = try response.object
            #expect(memory["object"] as? String == "tool_memory")
            let read = try #require((memory["capabilities"] as? [[String: Any]])?.first)
            #expect(read["capability"] as? String == "read")
            #expect(read["runs"] as? Double == 3)
            #expect(read["successes"] as? Double == 2)
            #expect(read["failures"] as? [String: Double] == ["not_allowed": 1])
            #expect(read["attempts"] as? Double == 4)
            #expect(read["rate_limited"] as? Double == 1)
            #expect(read["average_latency_ms"] is Double)

            // Another environment has its own memory.
            let live = try await t.send(.GET, "v1/tools/vault/memory", key: t.liveKey).object
            #expect((live["capabilities"] as? [Any])?.isEmpty == true)
            #expect(try await t.send(.GET, "v1/tools/nope/memory", key: t.testKey).status == .notFound)
        }
    }

    /// Issue 16, item 5: upkeep rolls finished steps up into one row per capability; the report
    /// reads those rows plus the steps not rolled up yet, so it says the same before and after a
    /// fold, counts no step twice, and keeps what the pruned logs taught.
    @Test func memory_reads_rolled_up_rows_and_counts_each_step_once() async throws {
        try await withPloton { t async throws in
            try await threeVaultReads(t)
            func memory() async throws -> String { try await t.send(.GET, "v1/tools/vault/memory", key: t.testKey).body.string }
            let fromSteps = try await memory()
            let sql = try #require(t.db as? any SQLDatabase)
            func unfolded() async throws -> Int {
                try #require(try await sql.raw("SELECT COUNT(*) AS n FROM task_steps WHERE memory_folded = false").first())
                    .decode(column: "n", as: Int.self)
            }
            #expect(try await unfolded() == 3)

            let rollup = ToolMemoryRollup(database: t.db)
            #expect(try await rollup.fold() == 3)
            #expect(try await unfolded() == 0)
            #expect(try await rollup.fold() == 0, "a folded step is not folded again")
            #expect(try await memory() == fromSteps)

            // A step not folded yet adds to the row; folded, the report is the same again.
            _ = try await t.createTask(#"{"prompt":"read"}"#)
            try await t.drain()
            let read = try #require(
                (try await t.send(.GET, "v1/tools/vault/memory", key: t.testKey).object["capabilities"] as? [[String: Any]])?.first)
            #expect(read["runs"] as? Double == 4)
            #expect(read["successes"] as? Double == 3)
            #expect(read["failures"] as? [String: Double] == ["not_allowed": 1])
            #expect(read["rate_limited"] as? Double == 1)
            let beforeFold = try await memory()
            #expect(try await rollup.fold() == 1)
            #expect(try await memory() == beforeFold)

            // The rows outlive the step log: pruned logs leave the memory as it was.
            try await sql.raw("DELETE FROM task_steps").run()
            #expect(try await memory() == beforeFold)
        }
    }

    /// One fold writes every key of its batch in one statement: two capabilities in two
    /// environments, folded onto rows that already hold counts, each row adding up exactly.
    @Test func a_fold_writes_every_key_of_its_batch_at_once() async throws {
        try await withPloton { t async throws in
            let tool = t.useScriptedTool([
                PlannedStep(tool: "vault", capability: "read", input: [:]), PlannedStep(tool: "vault", capability: "log", input: [:]),
            ])
            tool.script("read", { _ in throw ToolFailure(code: "not_allowed", message: "no") })
            func run(_ keys: [String]) async throws {
                for key in keys { _ = try await t.createTask(#"{"prompt":"read and log"}"#, key: key) }
                try await t.drain()
            }
            func memory(_ key: String) async throws -> String { try await t.send(.GET, "v1/tools/vault/memory", key: key).body.string }
            func runs(_ key: String) async throws -> [String: Double] {
                let capabilities = try await t.send(.GET, "v1/tools/vault/memory", key: key).object["capabilities"] as? [[String: Any]]
                let pairs = (capabilities ?? []).map { ($0["capability"] as? String ?? "", $0["runs"] as? Double ?? 0) }
                return Dictionary(uniqueKeysWithValues: pairs)
            }
            let rollup = ToolMemoryRollup(database: t.db)
            try await run([t.testKey, t.testKey, t.liveKey])
            let (test, live) = (try await memory(t.testKey), try await memory(t.liveKey))
            #expect(try await rollup.fold() == 5, "the failed read ended its task: 3 reads and 2 logs")
            #expect(try await memory(t.testKey) == test)
            #expect(try await memory(t.liveKey) == live)

            try await run([t.testKey, t.liveKey, t.liveKey])
            let (test2, live2) = (try await memory(t.testKey), try await memory(t.liveKey))
            #expect(try await rollup.fold() == 6)
            #expect(try await memory(t.testKey) == test2)
            #expect(try await memory(t.liveKey) == live2)
            #expect(try await runs(t.testKey) == ["read": 3, "log": 2])
            #expect(try await runs(t.liveKey) == ["read": 3, "log": 3])
            let sql = try #require(t.db as? any SQLDatabase)
            let rows = try #require(try await sql.raw("SELECT COUNT(*) AS n FROM tool_memory").first()).decode(column: "n", as: Int.self)
            #expect(rows == 4)
        }
    }

    @Test func steps_of_a_task_still_waiting_are_not_rolled_up() async throws {
        try await withPloton { t async throws in
            let tool = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            tool.script("read", { _ in .suspend(WaitingRequest(reason: .inputRequired, message: "which vault?")) })
            let id = try await t.createTask(#"{"prompt":"read"}"#)
            try await t.drain()
            #expect(try await t.task(id)["status"] as? String == "waiting")
            #expect(try await ToolMemoryRollup(database: t.db).fold() == 0, "its step may still change")
            let read = try #require(
                (try await t.send(.GET, "v1/tools/vault/memory", key: t.testKey).object["capabilities"] as? [[String: Any]])?.first)
            #expect(read["runs"] as? Double == 1, "counted from the step log until folded")
        }
    }

    @Test func a_rate_limit_seen_is_paced_on_the_next_call() async throws {
        try await withPloton { t async throws in
            let tool = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            tool.script("read", { _ in throw ToolFailure(code: "rate_limited", message: "429", retryable: true, retryAfter: 0.3) })
            let first = try await t.createTask(#"{"prompt":"read"}"#)
            try await t.drain()
            let second = try await t.createTask(#"{"prompt":"read"}"#)
            try await t.drain()
            func recoveries(_ id: String) async throws -> [[String: Any]] {
                let trace = try await t.send(.GET, "v1/tasks/\(id)/trace", key: t.testKey).object
                return ((trace["steps"] as? [[String: Any]])?.first?["recoveries"] as? [[String: Any]]) ?? []
            }
            #expect(try await recoveries(first).map { $0["type"] as? String } == ["rate_limit_wait"])
            let paced = try #require(try await recoveries(second).first)
            #expect(paced["type"] as? String == "rate_limit_pace")
            #expect((paced["delay_ms"] as? Double ?? 0) >= 300, "the provider's window, from the memory of the first call")
            #expect(tool.count("read") == 3)
        }
    }
}
