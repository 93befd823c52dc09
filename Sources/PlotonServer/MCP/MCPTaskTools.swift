import Foundation
import MCP
import PlotonAPI
import PlotonCore

/// The task tools every Ploton MCP endpoint offers: run a task from a prompt and wait for it, read,
/// cancel and answer tasks, and list the tools tasks can use.
enum MCPTaskTools {
    static let runTask = "run_task"
    static let getTask = "get_task"
    static let cancelTask = "cancel_task"
    static let answerTask = "answer_task"
    static let listTools = "list_tools"

    static let names: Set<String> = [runTask, getTask, cancelTask, answerTask, listTools]

    static let defaultTimeout = 30
    static let maxTimeout = 300

    /// On a subagent's endpoint the subagent is fixed, so `run_task` takes no `sub_agent`.
    static func tools(subagentEndpoint: Bool) -> [Tool] {
        var run: [String: Value] = [
            "prompt": property("string", "The work in plain language, e.g. \"Pull all open deals from user_123's CRM account\"."),
            "user_id": property("string", "The end user the work is for; needed when a service they authorise is used."),
            "tool": property("string", "Pin the primary tool instead of letting the planner choose (see list_tools)."),
            "timeout_seconds": .object([
                "type": "integer", "minimum": 0, "maximum": .int(maxTimeout), "default": .int(defaultTimeout),
                "description": "How long to wait for the task before answering with its task_id to poll.",
            ]),
        ]
        if !subagentEndpoint { run["sub_agent"] = property("string", "Run inside this deployed subagent's tool boundary.") }
        let taskID = ["task_id": property("string", "The task's id (task_…).")]
        return [
            Tool(
                name: runTask, title: "Run a task",
                description:
                    "Run a task in Ploton: it plans the prompt over this environment's tools, runs it server-side and waits up to "
                    + "timeout_seconds. Answers with the result; or, when the task waits for the end user, the reason and the "
                    + "auth_url to show them, with the task_id to check later with get_task.",
                inputSchema: schema(run, required: ["prompt"]),
                annotations: .init(readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true)),
            Tool(
                name: getTask, title: "Get a task", description: "A task's status and its result, what it waits for, or why it failed.",
                inputSchema: schema(taskID, required: ["task_id"]), annotations: .init(readOnlyHint: true, openWorldHint: false)),
            Tool(
                name: cancelTask, title: "Cancel a task", description: "Cancel a task that has not finished.",
                inputSchema: schema(taskID, required: ["task_id"]),
                annotations: .init(readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false)),
            Tool(
                name: answerTask, title: "Answer a task",
                description:
                    "Answer a task waiting for input (input: an object matching waiting.input_schema) or for approval "
                    + "(approve: true or false); the task then goes on.",
                inputSchema: schema(
                    taskID.merging([
                        "input": .object(["type": "object", "description": "Answers for input_required."]),
                        "approve": property("boolean", "The decision for approval_required."),
                    ]) { first, _ in first }, required: ["task_id"]),
                annotations: .init(readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true)),
            Tool(
                name: listTools, title: "List tools",
                description: "The tools (services) tasks here can use, with their capabilities and which of them act or need approval.",
                inputSchema: schema([:], required: []), annotations: .init(readOnlyHint: true, openWorldHint: false)),
        ]
    }

    static func property(_ type: String, _ description: String) -> Value {
        .object(["type": .string(type), "description": .string(description)])
    }

    static func schema(_ properties: [String: Value], required: [String]) -> Value {
        .object([
            "type": "object", "properties": .object(properties), "required": .array(required.map(Value.string)),
            "additionalProperties": false,
        ])
    }
}
