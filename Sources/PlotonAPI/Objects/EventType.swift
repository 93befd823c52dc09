import Foundation

/// Every event Ploton records, named once: the API's `event` field and filter, webhook bodies,
/// endpoint subscriptions, the dashboard and the SDK.
public enum EventType: String, CaseIterable, Codable, Sendable {
    case taskProgress = "task.progress"
    case taskWaiting = "task.waiting"
    case taskComplete = "task.complete"
    case taskFailed = "task.failed"
    case taskCancelled = "task.cancelled"
    case connectionCreated = "connection.created"
    case connectionExpired = "connection.expired"
    case connectionRevoked = "connection.revoked"

    /// Every name, in the order the documentation lists them.
    public static let names = allCases.map(\.rawValue)
}

extension EventObject {
    /// The event's type; nil only for a name this version does not know.
    public var type: EventType? { EventType(rawValue: event) }

    /// The webhook body: this event without `object`, `livemode` and `delivery_status`, written
    /// with `JSONValue.jsonText` so every attempt sends the same bytes. A batch passes one
    /// `timestamps` for all its events.
    public func webhookBody(timestamps: ISO8601Timestamps = ISO8601Timestamps()) -> JSONValue {
        .object([
            "id": .string(id), "event": .string(event), "task_id": taskID.map(JSONValue.string) ?? .null,
            "timestamp": .string(timestamps.string(from: timestamp)), "data": data, "metadata": metadata,
        ])
    }
}
