import Foundation
import PlotonAPI
import PlotonCore

// The API's objects that the server builds as JSON; their shapes are checked against a running
// server by PlotonKitTests (and, on the server side, against openapi.json), so they cannot drift.

/// An end user's grant to a tool (never its tokens).
public struct Connection: Codable, Sendable, Equatable {
    public var id: String
    public var userID: String
    public var tool: String
    public var type: String
    public var status: String
    public var scopes: [String]
    public var expiresAt: Date?
    public var livemode: Bool
    public var createdAt: Date
    public var revokedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, tool, type, status, scopes, livemode
        case userID = "user_id"
        case expiresAt = "expires_at"
        case createdAt = "created_at"
        case revokedAt = "revoked_at"
    }
}

/// `POST /v1/connections/authorize`: the link to send the end user to.
public struct ConnectionAuthorization: Codable, Sendable, Equatable {
    public var authURL: String
    public var expiresAt: Date

    enum CodingKeys: String, CodingKey {
        case authURL = "auth_url"
        case expiresAt = "expires_at"
    }
}

/// An event of the environment: the webhook body's fields, and how its delivery went.
public struct Event: Codable, Sendable, Equatable {
    public var id: String
    public var event: String
    public var taskID: String?
    public var timestamp: Date
    public var data: JSONValue
    public var metadata: JSONValue
    public var deliveryStatus: String?

    enum CodingKeys: String, CodingKey {
        case id, event, timestamp, data, metadata
        case taskID = "task_id"
        case deliveryStatus = "delivery_status"
    }
}

/// One delivery attempt of an event.
public struct WebhookDelivery: Codable, Sendable, Equatable {
    public var id: String
    public var eventID: String
    public var endpointID: String?
    public var url: String
    public var attempt: Int
    public var status: String
    public var statusCode: Int?
    public var durationMs: Int?
    public var error: String?
    public var nextAttemptAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, url, attempt, status, error
        case eventID = "event_id"
        case endpointID = "endpoint_id"
        case statusCode = "status_code"
        case durationMs = "duration_ms"
        case nextAttemptAt = "next_attempt_at"
    }
}

public struct WebhookEndpoint: Codable, Sendable, Equatable {
    public var id: String
    public var url: String
    public var events: [String]
    public var enabled: Bool
    public var description: String?
    public var disabledReason: String?

    enum CodingKeys: String, CodingKey {
        case id, url, events, enabled, description
        case disabledReason = "disabled_reason"
    }
}

public struct WebhookSecretObject: Codable, Sendable, Equatable {
    public var secret: String
    public var previousExpiresAt: Date?

    enum CodingKeys: String, CodingKey {
        case secret
        case previousExpiresAt = "previous_expires_at"
    }
}

/// A tool as the API shows it; the full definition stays available as JSON.
public struct Tool: Codable, Sendable, Equatable {
    public var name: String
    public var type: String
    public var description: String
}

struct Deleted: Codable, Sendable {
    var id: String?
    var deleted: Bool
}
