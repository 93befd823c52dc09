import Foundation
import PlotonAPI
import PlotonCore

extension AgentTask {
    /// The task as the API shows it; throws `StoredValueError` when a column does not read.
    func toObject() throws -> TaskObject {
        try TaskObject(
            id: id ?? "", status: taskStatus, prompt: prompt, userID: userID, tool: primaryTool ?? pinnedTool, tools: tools,
            subAgent: subAgent, metadata: metadata, result: storedJSON($resultJSON, as: JSONValue.self),
            error: storedJSON($errorJSON, as: TaskObject.Failure.self),
            waiting: waiting.map { waiting in
                TaskObject.Waiting(
                    reason: waiting.reason.rawValue, service: waiting.service, authURL: waiting.authURL, inputSchema: waiting.inputSchema,
                    scopes: waiting.scopes, message: waiting.message, expiresAt: waitingExpiresAt ?? updatedAt)
            },
            livemode: plotonEnvironment == .live, createdAt: createdAt, updatedAt: updatedAt, completedAt: completedAt)
    }

    /// The task's failure, as stored and shown.
    func setFailure(_ failure: TaskObject.Failure) {
        errorJSON = (try? JSONEncoder().encode(failure)).map { String(decoding: $0, as: UTF8.self) }
    }

    func setWaiting(_ waiting: WaitingRequest?) {
        waitingJSON = waiting.flatMap { try? JSONEncoder().encode($0) }.map { String(decoding: $0, as: UTF8.self) }
    }
}

extension Encodable {
    /// This value as wire JSON (for event payloads).
    var jsonValue: JSONValue {
        (try? PlotonJSON.encoder().encode(self)).flatMap { JSONValue.parse(String(decoding: $0, as: UTF8.self)) } ?? .null
    }
}
