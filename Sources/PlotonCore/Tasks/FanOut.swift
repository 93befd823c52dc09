import Foundation

/// A read run once for each item of an earlier list: "show my unread emails" reads each message the
/// search found, since a search answers with ids alone. An input reference whose path holds `*`
/// (`{"$step": 0, "path": "*.id"}`) resolves to the list of values, and the step calls its capability
/// once per value, in order, for at most `limit` of them; its output is the list of what each call
/// returned. Only a step without side effects may fan out: a retried read repeats nothing.
public enum FanOut {
    /// Calls one step makes at most (the first items of the list: a search lists the newest first).
    public static let limit = 50

    /// Whether `step` runs once per item of an earlier list.
    public static func applies(to step: PlannedStep) -> Bool { !parameters(of: step).isEmpty }

    /// The failure of a step that would act once per item: refused before any call.
    public static func refusal(_ step: PlannedStep) -> ToolFailure {
        ToolFailure(
            code: "invalid_workflow",
            message: "Step \(step.tool).\(step.capability) acts on the outside world, so it cannot run once per item of a list.",
            suggestion: "Ask for one record at a time (\"email the latest invoice to …\"), or run one task per record.")
    }

    /// Runs `request` (its input resolved, a fanned-out parameter holding the list) once per item with
    /// `execute`, or once as it is when the step does not fan out. A call that must wait ends the step.
    public static func run(
        _ request: StepRequest, step: PlannedStep, execute: (StepRequest) async throws -> StepOutcome
    ) async throws -> StepOutcome {
        let fanned = parameters(of: step)
        guard !fanned.isEmpty else { return try await execute(request) }
        let lists = fanned.map { request.input[$0]?.arrayValue ?? [] }
        let count = min(lists.map(\.count).min() ?? 0, limit)
        var outputs: [JSONValue] = []
        for item in 0..<count {
            var call = request
            for (parameter, list) in zip(fanned, lists) { call.input[parameter] = list[item] }
            switch try await execute(call) {
            case .completed(let output): outputs.append(output)
            case .suspend(let waiting): return .suspend(waiting)
            }
        }
        return .completed(.array(outputs))
    }

    private static func parameters(of step: PlannedStep) -> [String] {
        step.input.compactMap { parameter, value in
            guard case .reference(_, let path) = value, path.split(separator: ".").contains("*") else { return nil }
            return parameter
        }.sorted()
    }
}
