import Foundation
import PlotonCore

/// A step of a run at its create (`InlineRun`) as plain values: the columns `TaskRows.insert`
/// writes, the same as a new `TaskStep` model's. A Fluent model allocates one property-wrapper
/// object a field and reads each through it; these rows are made, bound and dropped once per
/// create, and were 3–4.5 % of the server's samples as models (sessions 26–31's profiles).
struct RunStep: Sendable {
    let id: String
    let taskID: String
    let index: Int
    let tool: String
    let capability: String
    let status: TaskStep.Status
    let inputJSON: JSONText
    let outputJSON: JSONText?
    let errorJSON: JSONText?
    let attempts: Int
    let recoveriesJSON: JSONText
    let idempotencyKey: String
    let sideEffect: Bool
    let startedAt: Date
    let finishedAt: Date?

    /// A step that completed on its first attempt, as `TaskStep(taskID:…)` then marking it
    /// complete made it.
    init(
        completed planned: PlannedStep, taskID: String, index: Int, input: [String: JSONValue], output: JSONText, idempotencyKey: String,
        startedAt: Date, finishedAt: Date
    ) {
        id = ObjectIDPrefix.step.generate()
        self.taskID = taskID
        self.index = index
        (tool, capability) = (planned.tool, planned.capability)
        status = .complete
        inputJSON = JSONText(JSONValue.object(input).jsonText)
        (outputJSON, errorJSON) = (output, nil)
        attempts = 1
        recoveriesJSON = JSONText("[]")
        self.idempotencyKey = idempotencyKey
        sideEffect = false
        (self.startedAt, self.finishedAt) = (startedAt, finishedAt)
    }
}

/// An event of a run at its create as plain values: the columns of a new `TaskEvent`'s row.
struct RunEvent: Sendable {
    let id: String
    let createdAt: Date
    let accountID: String
    let environment: PlotonEnvironment
    let type: EventType
    let taskID: String?
    let dataJSON: JSONText
    let metadataJSON: JSONText
    /// `pending` once `route` found a destination for it (`EventRecorder.route`), as a model's.
    var deliveryStatus: WebhookDelivery.Status?

    /// An event about `task` whose data is JSON text already, as `TaskEvent(kind:task:dataText:now:)`.
    init(kind: EventType, task: AgentTask, taskID: String, dataText: JSONText, now: Date) {
        id = ObjectID.generateSortable(ObjectIDPrefix.event.rawValue)
        createdAt = now
        accountID = task.$account.id
        environment = task.environment
        type = kind
        self.taskID = taskID
        dataJSON = dataText
        metadataJSON = task.metadataJSON
    }
}

/// A new event's columns, held by a `TaskEvent` model or a run's `RunEvent`: what its `INSERT`
/// (`TaskRows`) and its outbox rows (`WebhookOutbox.staged`) read.
protocol EventValues {
    var eventID: String? { get }
    var accountID: String { get }
    var environment: PlotonEnvironment { get }
    var type: EventType { get }
    var taskID: String? { get }
    var createdAt: Date { get }
    var dataJSON: JSONText { get }
    var metadataJSON: JSONText { get }
    var deliveryStatus: WebhookDelivery.Status? { get }
}

extension RunEvent: EventValues {
    var eventID: String? { id }
}

extension TaskEvent: EventValues {
    var eventID: String? { id }
    var accountID: String { $account.id }
}
