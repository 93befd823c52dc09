import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

@Suite struct ToolMemoryTests {
    @Test func memory_counts_runs_failures_retries_and_rate_limits_per_capability() async throws {
        try await withPloton { t async throws in
            let tool = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            tool.script(
                "read",
                { _ in .completed(.object(["balance": .number(1)])) },
                { _ in throw ToolFailure(code: "rate_limited", message: "429", retryable: true, retryAfter: 0.002) },
                { _ in .completed(.object(["balance": .number(2)])) },
                { _ in throw ToolFailure(code: "not_allowed", message: "no") })
            for _ in 0..<3 { _ = try await t.createTask(#"{"prompt":"read"}"#) }
            try await t.drain()

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
