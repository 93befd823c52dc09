import Foundation
import Logging
import MCP
import PlotonAPI
import PlotonCore

/// Answers `tools/call` for one session: the task tools, and capability tools run as pinned
/// one-step tasks through the task engine (so consent, refresh, approvals, traces, events and
/// webhooks apply as to any task).
struct MCPToolCalls {
    let scope: MCPScope
    let logger: Logger
    /// Told about a running task's status (becomes `notifications/progress` when the client asked).
    let progress: @Sendable (TaskObject) async -> Void

    func call(_ name: String, arguments: [String: Value]) async throws -> CallTool.Result {
        let arguments = arguments.mapValues(MCPValues.json)
        do {
            switch name {
            case MCPTaskTools.runTask: return try await runTask(arguments)
            case MCPTaskTools.getTask:
                return MCPResults.task(try await scope.task(try TaskIDArguments(arguments).taskID).toObject())
            case MCPTaskTools.cancelTask:
                let task = try await scope.task(try TaskIDArguments(arguments).taskID)
                return MCPResults.task(try await scope.tasks.cancel(try task.requireID()).toObject())
            case MCPTaskTools.answerTask: return try await answerTask(arguments)
            case MCPTaskTools.listTools:
                try MCPArguments.refuseUnknown(arguments, allowed: [])
                return try await listTools()
            default:
                let (catalog, subagent) = try await scope.catalog()
                guard let (tool, capability) = MCPCapabilityTools.resolve(name, in: catalog) else {
                    throw MCPError.invalidParams("Unknown tool '\(name)'. Call tools/list for the tools this endpoint offers.")
                }
                return try await runCapability(tool, capability, arguments, subagent: subagent)
            }
        } catch let error as MCPError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            if let failure = APIFailure(reporting: error) { return MCPResults.failure(failure) }
            logger.error("mcp tools/call failed", metadata: ["tool": "\(name)", "error": "\(String(reflecting: type(of: error)))"])
            throw MCPError.internalError("internal_error: the call could not be completed; retry shortly.")
        }
    }

    private func runTask(_ arguments: [String: JSONValue]) async throws -> CallTool.Result {
        let run = try RunTaskArguments(arguments, subagentEndpoint: scope.subagentName != nil)
        var (catalog, subagent) = try await scope.catalog()
        if let name = run.subAgent {
            guard let found = try await scope.subagent(named: name) else {
                throw APIFailure.invalid("sub_agent", "No subagent named '\(name)' is deployed here.")
            }
            subagent = found
            catalog = catalog.restricted(to: found.tools)
        }
        let new = try TaskService.NewTask(
            prompt: run.prompt, userID: run.userID, metadata: [:],
            tool: TaskFields.tool(run.tool, catalog: catalog, subAgent: subagent), subAgent: subagent, webhookURL: nil)
        let task = try await scope.tasks.create(new)
        return MCPResults.task(try await waiter.wait(for: try task.requireID(), timeout: .seconds(run.timeoutSeconds)))
    }

    private func runCapability(
        _ tool: ToolDescriptor, _ capability: CapabilityDescriptor, _ arguments: [String: JSONValue], subagent: SubagentObject?
    ) async throws -> CallTool.Result {
        var input = arguments
        var userID: String?
        if capability.parameters[MCPCapabilityTools.userIDArgument] == nil,
            let value = input.removeValue(forKey: MCPCapabilityTools.userIDArgument)
        {
            userID = try CapabilityUserArgument.userID(value)
        }
        try MCPArguments.refuseUnknown(input, allowed: Set(capability.parameters.keys).union([MCPCapabilityTools.userIDArgument]))
        try InputValidation.refuseReservedKeys(.object(input))
        try InputValidation.validate(input, against: MCPValues.json(MCPCapabilityTools.inputSchema(capability)))
        let name = MCPCapabilityTools.name(tool.name, capability.name)
        let step = PlannedStep(
            tool: tool.name, capability: capability.name, input: input.mapValues(JSONInput.literal), reason: "Called as \(name) over MCP.")
        let new = TaskService.NewTask(
            prompt: "\(name) (MCP tool call)", userID: userID, metadata: [:], tool: tool.name, subAgent: subagent, webhookURL: nil,
            workflow: Workflow(steps: [step], userID: userID))
        let task = try await scope.tasks.create(new)
        return MCPResults.task(try await waiter.wait(for: try task.requireID(), timeout: .seconds(MCPTaskTools.defaultTimeout)))
    }

    private func answerTask(_ arguments: [String: JSONValue]) async throws -> CallTool.Result {
        let answer = try AnswerTaskArguments(arguments)
        let task = try await scope.task(answer.taskID)
        let (input, approve) = (answer.input, answer.approve)
        guard input != nil || approve != nil else {
            throw APIFailure(
                .invalidRequest, "Send input (an object) for input_required, or approve (true or false) for approval_required.")
        }
        let answered = try await scope.tasks.answer(try task.requireID(), input: input, approve: approve)
        return MCPResults.task(try answered.toObject())
    }

    private func listTools() async throws -> CallTool.Result {
        let (catalog, _) = try await scope.catalog()
        let tools = catalog.tools.map { tool -> JSONValue in
            .object([
                "name": .string(tool.name), "description": .string(tool.description),
                "capabilities": .array(
                    tool.capabilities.map { capability in
                        .object([
                            "name": .string(capability.name), "mcp_tool": .string(MCPCapabilityTools.name(tool.name, capability.name)),
                            "description": .string(capability.description), "side_effect": .bool(capability.sideEffect),
                            "requires_approval": .bool(capability.requiresApproval),
                        ])
                    }),
            ])
        }
        let names = catalog.tools.map(\.name).joined(separator: ", ")
        return MCPResults.result(
            "\(catalog.tools.count) tools: \(names). Each capability is also an MCP tool named tool__capability.",
            facts: .object(["tools": .array(tools)]))
    }

    private var waiter: MCPTaskWaiter { MCPTaskWaiter(scope: scope, progress: progress) }
}
