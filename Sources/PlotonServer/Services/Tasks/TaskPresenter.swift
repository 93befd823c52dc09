import Foundation
import PlotonAPI
import PlotonCore

extension AgentTask {
    /// The task as the API shows it; throws `StoredValueError` when a column does not read.
    func toObject() throws -> TaskObject {
        try TaskObject(
            id: id ?? "", status: status, prompt: prompt, userID: userID, tool: primaryTool ?? pinnedTool, tools: tools,
            subAgent: subAgent, metadata: metadata, result: storedJSON($resultJSON, as: JSONValue.self),
            error: failure.map(TaskObject.Failure.init),
            waiting: waiting.map { waiting in
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
