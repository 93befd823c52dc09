import Fluent
import Foundation
import PlotonCore

/// An event in the durable stream (`task.progress`, `task.complete`, …), written in the same
/// transaction as the change it reports; webhook delivery reads from here.
final class TaskEvent: Model, @unchecked Sendable {
    static let schema = "events"

    typealias Kind = EventType

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "created_at") var createdAt: Date
    @Parent(key: "account_id") var account: Account
    @Field(key: "environment") var environment: PlotonEnvironment
    @Field(key: "type") var type: EventType
    @OptionalField(key: "task_id") var taskID: String?
    @Field(key: "data") var dataJSON: JSONText
    @Field(key: "metadata") var metadataJSON: JSONText
    /// `pending`, `succeeded` or `failed` across the event's destinations; nil when it had none.
    @OptionalField(key: "delivery_status") var deliveryStatus: WebhookDelivery.Status?

    init() {}

    /// The webhook body, byte for byte the same on every attempt.
    var payload: JSONValue {
        get throws(Corrupt) {
            try Self.payload(
                id: id ?? "", type: type.rawValue, taskID: taskID, createdAt: createdAt, dataJSON: dataJSON.text,
                metadataJSON: metadataJSON.text, timestamps: ISO8601Timestamps())
        }
    }

    /// The webhook body from the event's columns (`EventObject.webhookBody`); the dispatcher reads
    /// those with plain SQL and shares one `timestamps` across a batch.
    static func payload(
        id: String, type: String, taskID: String?, createdAt: Date, dataJSON: String, metadataJSON: String, timestamps: ISO8601Timestamps
    ) throws(Corrupt) -> JSONValue {
        try object(id: id, type: type, taskID: taskID, createdAt: createdAt, dataJSON: dataJSON, metadataJSON: metadataJSON)
            .webhookBody(timestamps: timestamps)
    }

    /// The event as the API shows it, from its columns.
    static func object(
        id: String, type: String, taskID: String?, createdAt: Date, dataJSON: String, metadataJSON: String, livemode: Bool = false,
        deliveryStatus: String? = nil
    ) throws(Corrupt) -> EventObject {
        guard let data = JSONValue.parse(dataJSON) else { throw Corrupt(eventID: id, column: "data") }
        guard let metadata = JSONValue.parse(metadataJSON) else { throw Corrupt(eventID: id, column: "metadata") }
        return EventObject(
            id: id, event: type, taskID: taskID, timestamp: createdAt, data: data, metadata: metadata, livemode: livemode,
            deliveryStatus: deliveryStatus)
    }

    /// A stored event whose data or metadata does not read as JSON: no webhook body is made from it
    /// (its deliveries fail) and the API does not show it as empty.
    struct Corrupt: Error, CustomStringConvertible {
        let eventID: String
        let column: String

        var description: String { "The event's stored \(column) is not valid JSON; it cannot be delivered." }
    }

    /// A connection event: about the task that led to it, if any.
    init(kind: Kind, accountID: String, environment: PlotonEnvironment, task: AgentTask?, data: JSONValue, now: Date) {
        self.id = ObjectID.generateSortable(ObjectIDPrefix.event.rawValue)
        self.createdAt = now
        self.$account.id = accountID
        self.environment = environment
        self.type = kind
        self.taskID = task?.id
        self.dataJSON = JSONText(data.jsonText)
        self.metadataJSON = task?.metadataJSON ?? JSONText("{}")
    }

    convenience init(kind: Kind, task: AgentTask, data: JSONValue, now: Date) throws {
        try self.init(kind: kind, task: task, dataText: JSONText(data.jsonText), now: now)
    }

    /// An event about `task` whose data is already JSON text (a run's result, written once: `ShapedResults`).
    init(kind: Kind, task: AgentTask, dataText: JSONText, now: Date) throws {
        self.id = ObjectID.generateSortable(ObjectIDPrefix.event.rawValue)
        self.createdAt = now
        self.$account.id = task.$account.id
        self.environment = task.environment
        self.type = kind
        self.taskID = try task.requireID()
        self.dataJSON = dataText
        self.metadataJSON = task.metadataJSON
    }
}
