import Foundation

/// A URL that receives an environment's events. Every field is always present; absent values are `null`.
public struct WebhookEndpointObject: Codable, Sendable, Equatable {
    public var id: String
    public var object = "webhook_endpoint"
    public var url: String
    public var events: [String]
    public var enabled: Bool
    public var description: String?
    public var disabledReason: String?
    public var livemode: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, url: String, events: [String], enabled: Bool, description: String?, disabledReason: String?, livemode: Bool,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.url = url
        self.events = events
        self.enabled = enabled
        self.description = description
        self.disabledReason = disabledReason
        self.livemode = livemode
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, object, url, events, enabled, description, livemode
        case disabledReason = "disabled_reason"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(object, forKey: .object)
        try container.encode(url, forKey: .url)
        try container.encode(events, forKey: .events)
        try container.encode(enabled, forKey: .enabled)
        try container.encode(description, forKey: .description)
        try container.encode(disabledReason, forKey: .disabledReason)
        try container.encode(livemode, forKey: .livemode)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}

/// An event as the API shows it: the webhook body's fields plus `object`, `livemode` and
/// `delivery_status` (`pending`, `succeeded`, `failed`, or `null` with no destination).
public struct EventObject: Codable, Sendable, Equatable {
    public var id: String
    public var object = "event"
    public var event: String
    public var taskID: String?
    public var timestamp: Date
    public var data: JSONValue
    public var metadata: JSONValue
    public var livemode: Bool
    public var deliveryStatus: String?

    public init(
        id: String, event: String, taskID: String?, timestamp: Date, data: JSONValue, metadata: JSONValue, livemode: Bool,
        deliveryStatus: String?
    ) {
        self.id = id
        self.event = event
        self.taskID = taskID
        self.timestamp = timestamp
        self.data = data
        self.metadata = metadata
        self.livemode = livemode
        self.deliveryStatus = deliveryStatus
    }

    enum CodingKeys: String, CodingKey {
        case id, object, event, timestamp, data, metadata, livemode
        case taskID = "task_id"
        case deliveryStatus = "delivery_status"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        event = try container.decode(String.self, forKey: .event)
        taskID = try container.decodeIfPresent(String.self, forKey: .taskID)
        timestamp = try container.decode(Date.self, forKey: .timestamp)
        data = try container.decodeIfPresent(JSONValue.self, forKey: .data) ?? .null
        metadata = try container.decodeIfPresent(JSONValue.self, forKey: .metadata) ?? .object([:])
        // A webhook body has no `object`, `livemode` or `delivery_status`; the API object has all three.
        livemode = try container.decodeIfPresent(Bool.self, forKey: .livemode) ?? false
        deliveryStatus = try container.decodeIfPresent(String.self, forKey: .deliveryStatus)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(object, forKey: .object)
        try container.encode(event, forKey: .event)
        try container.encode(taskID, forKey: .taskID)
        try container.encode(timestamp, forKey: .timestamp)
        try container.encode(data, forKey: .data)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(livemode, forKey: .livemode)
        try container.encode(deliveryStatus, forKey: .deliveryStatus)
    }
}

/// One delivery attempt of an event to one destination.
public struct WebhookDeliveryObject: Codable, Sendable, Equatable {
    public var id: String
    public var object = "webhook_delivery"
    public var eventID: String
    /// `nil` for a task's own `webhook_url`.
    public var endpointID: String?
    public var url: String
    public var attempt: Int
    /// `pending`, `succeeded` or `failed`.
    public var status: String
    public var statusCode: Int?
    public var durationMs: Int?
    public var error: String?
    public var scheduledAt: Date
    public var attemptedAt: Date?
    public var nextAttemptAt: Date?
    public var createdAt: Date

    public init(
        id: String, eventID: String, endpointID: String?, url: String, attempt: Int, status: String, statusCode: Int?, durationMs: Int?,
        error: String?, scheduledAt: Date, attemptedAt: Date?, nextAttemptAt: Date?, createdAt: Date
    ) {
        self.id = id
        self.eventID = eventID
        self.endpointID = endpointID
        self.url = url
        self.attempt = attempt
        self.status = status
        self.statusCode = statusCode
        self.durationMs = durationMs
        self.error = error
        self.scheduledAt = scheduledAt
        self.attemptedAt = attemptedAt
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, object, url, attempt, status, error
        case eventID = "event_id"
        case endpointID = "endpoint_id"
        case statusCode = "status_code"
        case durationMs = "duration_ms"
        case scheduledAt = "scheduled_at"
        case attemptedAt = "attempted_at"
        case nextAttemptAt = "next_attempt_at"
        case createdAt = "created_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(object, forKey: .object)
        try container.encode(eventID, forKey: .eventID)
        try container.encode(endpointID, forKey: .endpointID)
        try container.encode(url, forKey: .url)
        try container.encode(attempt, forKey: .attempt)
        try container.encode(status, forKey: .status)
        try container.encode(statusCode, forKey: .statusCode)
        try container.encode(durationMs, forKey: .durationMs)
        try container.encode(error, forKey: .error)
        try container.encode(scheduledAt, forKey: .scheduledAt)
        try container.encode(attemptedAt, forKey: .attemptedAt)
        try container.encode(nextAttemptAt, forKey: .nextAttemptAt)
        try container.encode(createdAt, forKey: .createdAt)
    }
}

/// `GET /v1/webhook_secret`: the environment's signing secret.
public struct WebhookSecretObject: Codable, Sendable, Equatable {
    public var object = "webhook_secret"
    public var secret: String
    public var previousExpiresAt: Date?

    public init(secret: String, previousExpiresAt: Date?) {
        self.secret = secret
        self.previousExpiresAt = previousExpiresAt
    }

    enum CodingKeys: String, CodingKey {
        case object, secret
        case previousExpiresAt = "previous_expires_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(object, forKey: .object)
        try container.encode(secret, forKey: .secret)
        try container.encode(previousExpiresAt, forKey: .previousExpiresAt)
    }
}
