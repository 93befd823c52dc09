import Fluent
import Foundation
import PlotonCore

/// A task: the prompt, where it is in its lifecycle, its plan and its outcome. JSON-shaped fields
/// are stored as text so both databases hold them the same way.
final class AgentTask: Model, @unchecked Sendable {
    static let schema = "tasks"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "completed_at") var completedAt: Date?

    @Parent(key: "account_id") var account: Account
    @Field(key: "environment") var environment: String

    @Field(key: "status") var status: String
    @Field(key: "prompt") var prompt: String
    @OptionalField(key: "user_id") var userID: String?
    @OptionalField(key: "pinned_tool") var pinnedTool: String?
    @OptionalField(key: "primary_tool") var primaryTool: String?
    @Field(key: "tools") var toolsJSON: String
    @OptionalField(key: "sub_agent") var subAgent: String?
    /// The tools of `subAgent` when the task was accepted (a JSON array): the task's boundary.
    @OptionalField(key: "sub_agent_tools") var subAgentToolsJSON: String?
    @Field(key: "metadata") var metadataJSON: String
    @OptionalField(key: "webhook_url") var webhookURL: String?
    @OptionalField(key: "planner") var planner: String?
    @OptionalField(key: "workflow") var workflowJSON: String?
    /// Answers to `input_required` and approval decisions, merged as they arrive.
    @Field(key: "input") var inputJSON: String
    @OptionalField(key: "result") var resultJSON: String?
    @OptionalField(key: "error") var errorJSON: String?
    @OptionalField(key: "waiting") var waitingJSON: String?
    @OptionalField(key: "waiting_expires_at") var waitingExpiresAt: Date?

    // Queue: a worker owns a running task while its lease is in the future.
    @OptionalField(key: "lease_owner") var leaseOwner: String?
    @OptionalField(key: "lease_expires_at") var leaseExpiresAt: Date?
    @Field(key: "claims") var claims: Int
    /// Claims that ended with the worker lost while it held the lease (crash, kill, overrun).
    @Field(key: "lost_claims") var lostClaims: Int
    /// The W3C `traceparent` of the request that accepted the task (tracing on): its worker's spans continue that trace.
    @OptionalField(key: "trace_context") var traceContext: String?

    var subAgentTools: [String]? {
        get { subAgentToolsJSON.flatMap(JSONValue.parse)?.arrayValue?.compactMap(\.stringValue) }
        set { subAgentToolsJSON = newValue.map { JSONValue.array($0.map(JSONValue.string)).jsonText } }
    }

    init() {}

    init(accountID: String, environment: PlotonEnvironment, prompt: String, now: Date) {
        self.id = ObjectIDPrefix.task.generate()
        self.$account.id = accountID
        self.environment = environment.rawValue
        self.status = TaskStatus.pending.rawValue
        self.prompt = prompt
        self.toolsJSON = "[]"
        self.metadataJSON = "{}"
        self.inputJSON = "{}"
        self.claims = 0
        self.lostClaims = 0
        self.createdAt = now
        self.updatedAt = now
    }

    var taskStatus: TaskStatus { TaskStatus(rawValue: status) ?? .failed }
    var plotonEnvironment: PlotonEnvironment { PlotonEnvironment(rawValue: environment) ?? .test }

    var workflow: Workflow? {
        get { workflowJSON.flatMap { try? JSONDecoder().decode(Workflow.self, from: Data($0.utf8)) } }
        set { workflowJSON = newValue.flatMap { try? JSONEncoder().encode($0) }.map { String(decoding: $0, as: UTF8.self) } }
    }

    var input: [String: JSONValue] {
        get { JSONValue.parse(inputJSON)?.objectValue ?? [:] }
        set { inputJSON = JSONValue.object(newValue).jsonText }
    }

    var metadata: [String: JSONValue] { JSONValue.parse(metadataJSON)?.objectValue ?? [:] }
    var tools: [String] { JSONValue.parse(toolsJSON)?.arrayValue?.compactMap(\.stringValue) ?? [] }

    var waiting: WaitingRequest? {
        waitingJSON.flatMap { try? JSONDecoder().decode(WaitingRequest.self, from: Data($0.utf8)) }
    }
}
