import PlotonCore

/// Picks the executor for a step: the tool's sandbox with test keys, its live implementation with
/// live keys. Both sides are registered per tool name.
struct ToolRouter: ToolExecutor {
    var sandbox: [String: any ToolExecutor]
    var live: [String: any ToolExecutor]

    func execute(_ request: StepRequest) async throws -> StepOutcome {
        let executors = request.mode == .live ? live : sandbox
        guard let executor = executors[request.tool] else {
            throw ToolFailure(code: "unknown_tool", message: "No \(request.mode.rawValue) implementation of tool '\(request.tool)'.")
        }
        return try await executor.execute(request)
    }
}
