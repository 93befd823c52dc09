import Foundation
import MCP
import PlotonAPI
import PlotonCore

/// Tool results as MCP clients read them: one short text for the model, the same facts as
/// `structuredContent`, and `isError` when the tool could not do its job. Protocol problems
/// (an unknown tool) are JSON-RPC errors instead, thrown by the caller.
enum MCPResults {
    /// A task as it stands: its result, what it waits for (with the link to show the end user),
    /// or why it failed.
    static func task(_ task: TaskObject) -> CallTool.Result {
        var facts: [String: JSONValue] = ["task_id": .string(task.id), "status": .string(task.status.rawValue)]
        let text: String
        switch task.status {
        case .complete:
            facts["result"] = task.result ?? .null
            text = "Task \(task.id) is complete. Result: \((task.result ?? .null).jsonText)"
        case .waiting:
            let waiting = task.waiting
            var details: [String: JSONValue] = ["reason": .string(waiting?.reason ?? "unknown")]
            if let service = waiting?.service { details["service"] = .string(service) }
            if let url = waiting?.authURL { details["auth_url"] = .string(url) }
            if let message = waiting?.message { details["message"] = .string(message) }
            if let schema = waiting?.inputSchema { details["input_schema"] = schema }
            facts["waiting"] = .object(details)
            text = waitingText(task.id, waiting)
        case .failed:
            let error = task.error
            facts["error"] = .object([
                "code": .string(error?.code ?? "internal_error"), "message": .string(error?.message ?? ""),
                "suggestion": error?.suggestion.map(JSONValue.string) ?? .null,
            ])
            text =
                "Task \(task.id) failed: \(error?.code ?? "internal_error"): \(error?.message ?? "")"
                + (error?.suggestion.map { " \($0)" } ?? "")
        case .cancelled:
            text = "Task \(task.id) was cancelled."
        case .pending, .running:
            text = "Task \(task.id) is still \(task.status.rawValue). Call get_task with task_id \(task.id) to see how it ends."
        }
        return result(text, facts: .object(facts), isError: [.failed, .cancelled].contains(task.status))
    }

    private static func waitingText(_ id: String, _ waiting: TaskObject.Waiting?) -> String {
        let reason = waiting?.reason ?? "unknown"
        var text = "Task \(id) is waiting (\(reason)\(waiting?.service.map { " for \($0)" } ?? ""))."
        if let message = waiting?.message { text += " \(message)" }
        if let url = waiting?.authURL {
            text += " Show the end user this link to continue: \(url) — the task resumes by itself once they do."
        } else if reason == "approval_required" {
            text += " Approve or deny it with answer_task (approve: true or false)."
        } else if reason == "input_required" {
            text += " Answer with answer_task (input matching waiting.input_schema)."
        }
        return text + " Then call get_task with task_id \(id)."
    }

    /// A Ploton error, with its code first so clients and models can act on it.
    static func failure(_ failure: APIFailure) -> CallTool.Result {
        var facts: [String: JSONValue] = ["code": .string(failure.code.rawValue), "message": .string(failure.message)]
        if let param = failure.param { facts["param"] = .string(param) }
        return result("\(failure.code.rawValue): \(failure.message)", facts: .object(["error": .object(facts)]), isError: true)
    }

    static func result(_ text: String, facts: JSONValue, isError: Bool = false) -> CallTool.Result {
        CallTool.Result(
            content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: Optional.some(MCPValues.value(facts)),
            isError: isError)
    }
}
