import Fluent
import Foundation
import PlotonCore

/// Execution memory of one tool in one account environment, read from the step log: how often
/// each capability ran, how it failed, how long it took, and the rate limits it met.
enum ToolMemory {
    static func report(tool: String, accountID: String, environment: PlotonEnvironment, on database: any Database) async throws -> JSONValue
    {
        let steps = try await TaskStep.query(on: database)
            .join(AgentTask.self, on: \TaskStep.$task.$id == \AgentTask.$id)
            .filter(AgentTask.self, \.$account.$id == accountID)
            .filter(AgentTask.self, \.$environment == environment.rawValue)
            .filter(\.$tool == tool)
            // Only what the report reads: not the steps' inputs and outputs, nor the joined tasks.
            .field(\.$id).field(\.$capability).field(\.$status).field(\.$errorJSON).field(\.$attempts).field(\.$recoveriesJSON)
            .field(\.$startedAt).field(\.$finishedAt)
            .all()
        let byCapability = Dictionary(grouping: steps, by: \.capability)
        let capabilities = byCapability.keys.sorted().map { name -> JSONValue in
            let runs = byCapability[name] ?? []
            let finished = runs.filter { $0.finishedAt != nil }
            let latencies = finished.compactMap { step in step.finishedAt.map { $0.timeIntervalSince(step.startedAt) * 1000 } }
            var failures: [String: JSONValue] = [:]
            for step in runs where step.status == TaskStep.Status.failed.rawValue {
                let code = step.errorJSON.flatMap(JSONValue.parse)?.value(at: "code")?.stringValue ?? "unknown"
                failures[code] = .number((failures[code]?.numberValue ?? 0) + 1)
            }
            let recoveries = runs.flatMap(\.recoveries)
            let rateLimits = recoveries.filter { $0.value(at: "type") == .string("rate_limit_wait") }
            return .object([
                "capability": .string(name),
                "runs": .number(Double(runs.count)),
                "successes": .number(Double(runs.filter { $0.status == TaskStep.Status.complete.rawValue }.count)),
                "failures": .object(failures),
                "attempts": .number(Double(runs.reduce(0) { $0 + $1.attempts })),
                "retries": .number(Double(recoveries.count)),
                "average_latency_ms": latencies.isEmpty ? .null : .number((latencies.reduce(0, +) / Double(latencies.count)).rounded()),
                "max_latency_ms": latencies.max().map { .number($0.rounded()) } ?? .null,
                "rate_limited": .number(Double(rateLimits.count)),
                "last_retry_after_ms": rateLimits.last?.value(at: "delay_ms") ?? .null,
                "last_run_at": runs.map(\.startedAt).max().map { .string(ISO8601DateFormatter().string(from: $0)) } ?? .null,
            ])
        }
        // Scopes end users ended up granting: asked for up front from the next consent on.
        let connections = try await Connection.query(on: database)
            .filter(\.$account.$id == accountID).filter(\.$environment == environment).filter(\.$tool == tool).all()
        let scopes = connections.reduce([String]()) { OAuthScopes.union($0, $1.scopes) }
        return .object([
            "object": .string("tool_memory"), "tool": .string(tool), "capabilities": .array(capabilities),
            "scopes_required": .array(scopes.map(JSONValue.string)),
        ])
    }
}
