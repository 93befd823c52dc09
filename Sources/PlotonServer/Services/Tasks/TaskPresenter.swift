import Foundation
import PlotonAPI
import PlotonCore

extension AgentTask {
    /// The task as the API shows it; throws `StoredValueError` when a column does not read.
    func toObject() throws -> TaskObject {
        try TaskColumns(
            id: id ?? "", status: status, prompt: prompt, userID: userID, tool: primaryTool ?? pinnedTool, tools: toolsJSON,
            subAgent: subAgent, metadata: metadataJSON, result: resultJSON, error: errorJSON, waiting: waitingJSON,
            waitingExpiresAt: waitingExpiresAt, environment: environment, createdAt: createdAt, updatedAt: updatedAt,
            completedAt: completedAt
        ).object(row: id ?? "(unsaved)")
    }
}

/// The columns of a task the API shows, from the model (`toObject`) or straight from a row
/// (`TaskReads.object`, which skips building the model).
struct TaskColumns {
    var id: String
    var status: TaskStatus
    var prompt: String
    var userID: String?
    var tool: String?
    var tools: JSONText
    var subAgent: String?
    var metadata: JSONText
    var result: JSONText?
    var error: JSONText?
    var waiting: JSONText?
    var waitingExpiresAt: Date?
    var environment: PlotonEnvironment
    var createdAt: Date
    var updatedAt: Date
    var completedAt: Date?

    /// `row` names the task in a `StoredValueError` when a JSON column does not read.
    func object(row: String) throws -> TaskObject {
        func value<Value: Decodable>(_ text: JSONText, _ column: String, as type: Value.Type) throws -> Value {
            if let value = JSONValue.decoded(text.text, as: type) { return value }
            do {
                return try JSONDecoder().decode(type, from: Data(text.text.utf8))
            } catch {
                throw StoredValueError(table: AgentTask.schema, column: column, row: row, problem: "not JSON of a \(Value.self)")
            }
        }
        return try TaskObject(
            id: id, status: status, prompt: prompt, userID: userID, tool: tool, tools: value(tools, "tools", as: [String].self),
            subAgent: subAgent, metadata: value(metadata, "metadata", as: [String: JSONValue].self),
            result: result.map { try value($0, "result", as: JSONValue.self) },
            error: error.map { TaskObject.Failure(try value($0, "error", as: TaskFailure.self)) },
            waiting: waiting.map { try value($0, "waiting", as: WaitingRequest.self) }.map { waiting in
                TaskObject.Waiting(
                    reason: waiting.reason.rawValue, service: waiting.service, authURL: waiting.authURL, inputSchema: waiting.inputSchema,
                    scopes: waiting.scopes, message: waiting.message, expiresAt: waitingExpiresAt ?? updatedAt)
            },
            livemode: environment == .live, createdAt: createdAt, updatedAt: updatedAt, completedAt: completedAt)
    }
}

extension TaskObject.Failure {
    /// The task's failure as the API shows it: the code as its raw string.
    init(_ failure: TaskFailure) {
        self.init(
            code: failure.code.rawValue, message: failure.message, tool: failure.tool, recoverable: failure.recoverable,
            suggestion: failure.suggestion)
    }
}

extension Encodable {
    /// This value as wire JSON (for event payloads).
    var jsonValue: JSONValue {
        (try? PlotonJSON.encoder().encode(self)).flatMap { JSONValue.parse(String(decoding: $0, as: UTF8.self)) } ?? .null
    }
}
