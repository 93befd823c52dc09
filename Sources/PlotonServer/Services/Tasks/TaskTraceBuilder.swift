import Fluent
import Foundation
import PlotonAPI
import PlotonCore

/// Assembles `GET /v1/tasks/{id}/trace` from the task and its step log.
enum TaskTraceBuilder {
    static func trace(for task: AgentTask, on database: any Database) async throws -> TaskTraceObject {
        let steps = try await TaskStep.query(on: database).filter(\.$task.$id == task.requireID()).sort(\.$index).all()
        return try TaskTraceObject(
            taskID: task.requireID(), status: task.status, planner: task.planner, workflow: task.workflow.map(redacted),
            steps: steps.map { step in
                let output = try step.output.map(Redaction.redact)
                return try TaskTraceObject.Step(
                    index: step.index, tool: step.tool, capability: step.capability, status: step.status.rawValue,
                    input: step.input, output: output, outputSummary: output.map(summary),
                    error: step.error, attempts: step.attempts, recoveries: step.recoveries,
                    sideEffect: step.sideEffect, idempotencyKey: step.idempotencyKey, startedAt: step.startedAt,
                    finishedAt: step.finishedAt,
                    durationMs: step.finishedAt.map { Int(($0.timeIntervalSince(step.startedAt) * 1000).rounded()) })
            }, traceID: PlotonTracing.traceID(of: task.traceContext))
    }

    /// The plan with secret-looking literal inputs hidden, as in the step log.
    static func redacted(_ workflow: Workflow) -> Workflow {
        var copy = workflow
        for index in copy.steps.indices {
            copy.steps[index].input = Dictionary(
                uniqueKeysWithValues: copy.steps[index].input.map { key, value in
                    guard case .literal(let literal) = value else { return (key, value) }
                    return (key, .literal(Redaction.isSecretKey(key) ? .string("<redacted>") : Redaction.redact(literal)))
                })
        }
        return copy
    }

    /// A short, human-readable account of an output: a list's length, or the JSON, cut at 200 characters.
    static func summary(_ output: JSONValue) -> String {
        if case .array(let items) = output { return "\(items.count) items" }
        let text = output.jsonText
        return text.count <= 200 ? text : String(text.prefix(199)) + "…"
    }
}
