import Foundation
import PlotonCore

/// Webhook endpoints, events and delivery attempts as the API shows them (every field present,
/// absent values `null`).
enum WebhookPresenter {
    static func date(_ date: Date?) -> JSONValue {
        date.map { .string(ISO8601DateFormatter().string(from: $0)) } ?? .null
    }

    static func endpoint(_ endpoint: WebhookEndpoint) -> JSONValue {
        .object([
            "id": .string(endpoint.id ?? ""), "object": .string("webhook_endpoint"), "url": .string(endpoint.url),
            "events": .array(endpoint.events.map(JSONValue.string)), "enabled": .bool(endpoint.enabled),
            "description": endpoint.endpointDescription.map(JSONValue.string) ?? .null,
            "disabled_reason": endpoint.disabledReason.map(JSONValue.string) ?? .null,
            "livemode": .bool(endpoint.environment == PlotonEnvironment.live.rawValue),
            "created_at": date(endpoint.createdAt), "updated_at": date(endpoint.updatedAt),
        ])
    }

    /// The webhook body's fields, plus `object`, `livemode` and `delivery_status`.
    static func event(_ event: TaskEvent) -> JSONValue {
        var object = event.payload.objectValue ?? [:]
        object["object"] = .string("event")
        object["livemode"] = .bool(event.environment == PlotonEnvironment.live.rawValue)
        object["delivery_status"] = event.deliveryStatus.map(JSONValue.string) ?? .null
        return .object(object)
    }

    static func delivery(_ delivery: WebhookDelivery) -> JSONValue {
        .object([
            "id": .string(delivery.id ?? ""), "object": .string("webhook_delivery"), "event_id": .string(delivery.eventID),
            "endpoint_id": delivery.endpointID.map(JSONValue.string) ?? .null, "url": .string(delivery.url),
            "attempt": .number(Double(delivery.attempt)), "status": .string(delivery.status),
            "status_code": delivery.statusCode.map { .number(Double($0)) } ?? .null,
            "duration_ms": delivery.durationMs.map { .number(Double($0)) } ?? .null,
            "error": delivery.error.map(JSONValue.string) ?? .null,
            "scheduled_at": date(delivery.scheduledAt), "attempted_at": date(delivery.attemptedAt),
            "next_attempt_at": date(delivery.nextAttemptAt), "created_at": date(delivery.createdAt),
        ])
    }
}
