import Fluent
import Foundation
import PlotonCore

/// A task: the prompt, where it is in its lifecycle, its plan and its outcome. JSON-shaped fields
/// are `JSONText`: `json` on PostgreSQL, text on SQLite, read as typed values below.
final class AgentTask: Model, @unchecked Sendable {
    static let schema = "tasks"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "completed_at") var completedAt: Date?

    @Parent(key: "account_id") var account: Account
    @Field(key: "environment") var environment: PlotonEnvironment

    @Field(key: "status") var status: TaskStatus
    @Field(key: "prompt") var prompt: String
    @OptionalField(key: "user_id") var userID: String?
    @OptionalField(key: "pinned_tool") var pinnedTool: String?
    @OptionalField(key: "primary_tool") var primaryTool: String?
    @Field(key: "tools") var toolsJSON: JSONText
    @OptionalField(key: "sub_agent") var subAgent: String?
    /// The tools of `subAgent` when the task was accepted (a JSON array): the task's boundary.
    @OptionalField(key: "sub_agent_tools") var subAgentToolsJSON: JSONText?
    @Field(key: "metadata") var metadataJSON: JSONText
    @OptionalField(key: "webhook_url") var webhookURL: String?
    @OptionalField(key: "planner") var planner: String?
    @OptionalField(key: "workflow") var workflowJSON: JSONText?
    /// Answers to `input_required` and approval decisions, merged as they arrive.
    @Field(key: "input") var inputJSON: JSONText
    @OptionalField(key: "result") var resultJSON: JSONText?
    @OptionalField(key: "error") var errorJSON: JSONText?
    @OptionalField(key: "waiting") var waitingJSON: JSONText?
    @OptionalField(key: "waiting_expires_at") var waitingExpiresAt: Date?

    // Queue: a worker owns a running task while its lease is in the future.
    @OptionalField(key: "lease_owner") var leaseOwner: String?
    @OptionalField(key: "lease_expires_at") var leaseExpiresAt: Date?
    @Field(key: "claims") var claims: Int
    /// Claims that ended with the worker lost while it held the lease (crash, kill, overrun).
    @Field(key: "lost_claims") var lostClaims: Int
    /// The W3C `traceparent` of the request that accepted the task (tracing on): its worker's spans continue that trace.
    @OptionalField(key: "trace_context") var traceContext: String?

    init() {}

    init(accountID: String, environment: PlotonEnvironment, prompt: String, now: Date) {
        self.id = ObjectIDPrefix.task.generate()
        self.$account.id = accountID
        self.environment = environment
        self.status = TaskStatus.pending
        self.prompt = prompt
        self.toolsJSON = JSONText("[]")
        self.metadataJSON = JSONText("{}")
        self.inputJSON = JSONText("{}")
        self.claims = 0
        self.lostClaims = 0
        self.createdAt = now
        self.updatedAt = now
    }

    // The typed values of the text columns. A stored value that does not read throws
    // StoredValueError (which column of which task), never turns into a default: a corrupt
    // workflow is not silently planned again, a corrupt status is not taken for failed.

    /// The plan, once made (or fixed by the caller); nil until then.
    var workflow: Workflow? { get throws { try storedJSON($workflowJSON, as: Workflow.self) } }
    func setWorkflow(_ workflow: Workflow?) throws { workflowJSON = try workflow.map(JSONText.encode) }

    var input: [String: JSONValue] { get throws { try storedJSON($inputJSON, as: [String: JSONValue].self) } }
    func setInput(_ input: [String: JSONValue]) { inputJSON = JSONText(JSONValue.object(input).jsonText) }

    /// Why the task failed, once it has.
    var failure: TaskFailure? { get throws { try storedJSON($errorJSON, as: TaskFailure.self) } }

    var metadata: [String: JSONValue] { get throws { try storedJSON($metadataJSON, as: [String: JSONValue].self) } }
    var tools: [String] { get throws { try storedJSON($toolsJSON, as: [String].self) } }
    func setTools(_ tools: [String]) { toolsJSON = JSONText(JSONValue.array(tools.map(JSONValue.string)).jsonText) }

    /// The tools of `subAgent` when the task was accepted: the task's boundary.
    var subAgentTools: [String]? { get throws { try storedJSON($subAgentToolsJSON, as: [String].self) } }
    func setSubAgentTools(_ tools: [String]?) {
        subAgentToolsJSON = tools.map { JSONText(JSONValue.array($0.map(JSONValue.string)).jsonText) }
    }

    var waiting: WaitingRequest? { get throws { try storedJSON($waitingJSON, as: WaitingRequest.self) } }
}
