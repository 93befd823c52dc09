import Foundation
import PlotonCore

/// Plans a prompt with the embedded planner and runs the plan against in-memory sandboxes, as a
/// test-key task would run: the outcome is the shaped result, or the failure that ended it.
enum SandboxRehearsal {
    enum Outcome: Equatable {
        case result(JSONValue)
        case needsInput
        case failed(String)
    }

    static let now = Date(timeIntervalSince1970: 1_750_000_000)

    static func run(_ prompt: String, tool: String? = nil, input: [String: JSONValue] = [:]) async -> Outcome {
        let request = PlanningRequest(prompt: prompt, userID: "user_1", pinnedTool: tool, input: input, catalog: .builtIn, now: now)
        let workflow: Workflow
        do {
            switch try await EmbeddedPlanner().plan(request) {
            case .needsInput: return .needsInput
            case .workflow(let planned):
                // Stored and read back, as the engine does between steps.
                workflow = try JSONDecoder().decode(Workflow.self, from: JSONEncoder().encode(planned))
            }
        } catch {
            return .failed("\(error)")
        }
        let executors = BuiltInSandboxes.executors(now: { now })
        let storage = InMemorySandboxStorage()
        var outputs: [Int: JSONValue] = [:]
        for (index, step) in workflow.steps.enumerated() {
            let stepRequest = StepRequest(
                taskID: "task_1", accountID: "acct_1", userID: "user_1", stepIndex: index, tool: step.tool, capability: step.capability,
                input: step.input.compactMapValues { $0.resolved(outputs: outputs) }, mode: .sandbox, idempotencyKey: "task_1_\(index)",
                sandbox: storage)
            guard let executor = executors[step.tool] else { return .failed("unknown tool \(step.tool)") }
            do {
                guard case .completed(let output) = try await FanOut.run(stepRequest, step: step, execute: executor.execute) else {
                    return .needsInput
                }
                outputs[index] = OutputCondition.filter(output, step.keep ?? [])
            } catch {
                return .failed("\(error)")
            }
        }
        let index = workflow.resultStep ?? workflow.steps.count - 1
        let declared = ToolCatalog.builtIn.tool(workflow.steps[index].tool)?.capability(workflow.steps[index].capability)?.fields ?? []
        return .result(ResultShaper.shape(outputs[index] ?? .null, fields: workflow.resultFields, declared: declared))
    }
}
