import Fluent
import Foundation
import PlotonCore

/// One executed (or executing) step of a task: the persisted step log behind the trace and resumption.
final class TaskStep: Model, @unchecked Sendable {
    static let schema = "task_steps"

    enum Status: String, Codable { case running, complete, failed, waiting }

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Parent(key: "task_id") var task: AgentTask
    @Field(key: "step_index") var index: Int
    @Field(key: "tool") var tool: String
    @Field(key: "capability") var capability: String
    @Field(key: "status") var status: Status
    @Field(key: "input") var inputJSON: JSONText
    @OptionalField(key: "output") var outputJSON: JSONText?
    @OptionalField(key: "error") var errorJSON: JSONText?
    @Field(key: "attempts") var attempts: Int
    /// What the engine did to get past failures: `[{"type":"retry","reason":…,"at":…}]`.
    @Field(key: "recoveries") var recoveriesJSON: JSONText
    @Field(key: "idempotency_key") var idempotencyKey: String
    @Field(key: "side_effect") var sideEffect: Bool
    @Field(key: "started_at") var startedAt: Date
    @OptionalField(key: "finished_at") var finishedAt: Date?

    init() {}

    init(taskID: String, index: Int, step: PlannedStep, input: [String: JSONValue], idempotencyKey: String, sideEffect: Bool, now: Date) {
        self.id = ObjectIDPrefix.step.generate()
        self.$task.id = taskID
        self.index = index
        self.tool = step.tool
        self.capability = step.capability
        self.status = .running
        self.inputJSON = JSONText(JSONValue.object(input).jsonText)
        self.attempts = 0
        self.recoveriesJSON = JSONText("[]")
        self.idempotencyKey = idempotencyKey
        self.sideEffect = sideEffect
        self.startedAt = now
    }

    // The typed values of the text columns; a stored value that does not read throws
    // StoredValueError (which column of which step), never turns into a default.

    var input: JSONValue { get throws { try storedJSON($inputJSON, as: JSONValue.self) } }
    var output: JSONValue? { get throws { try storedJSON($outputJSON, as: JSONValue.self) } }
    var error: JSONValue? { get throws { try storedJSON($errorJSON, as: JSONValue.self) } }
    var recoveries: [JSONValue] { get throws { try storedJSON($recoveriesJSON, as: [JSONValue].self) } }
    var failure: ToolFailure? {
        get throws { try storedJSON($errorJSON, as: StoredFailure.self).map { ToolFailure(code: $0.code, message: $0.message) } }
    }

    /// The step failed for good: its tool's code and message, what the trace shows.
    func setFailure(_ failure: ToolFailure) throws {
        errorJSON = try StoredFailure.text(of: failure)
    }

    /// What `errorJSON` holds: sorted keys, slashes as they are (as the step log has always held it).
    private struct StoredFailure: Codable {
        var code: ToolFailure.Code
        var message: String

        static func text(of failure: ToolFailure) throws -> JSONText {
            JSONText(String(decoding: try PlotonJSON.encoder().encode(Self(code: failure.code, message: failure.message)), as: UTF8.self))
        }
    }
}
