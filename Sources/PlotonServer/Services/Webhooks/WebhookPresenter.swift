import Foundation
import PlotonAPI
import PlotonCore

/// Webhook endpoints, events and delivery attempts as the API shows them (the shared PlotonAPI types).
enum WebhookPresenter {
    static func endpoint(_ endpoint: WebhookEndpoint) -> WebhookEndpointObject {
        WebhookEndpointObject(
            id: endpoint.id ?? "", url: endpoint.url, events: endpoint.events, enabled: endpoint.enabled,
            description: endpoint.endpointDescription, disabledReason: endpoint.disabledReason,
            livemode: endpoint.environment == .live, createdAt: endpoint.createdAt, updatedAt: endpoint.updatedAt)
    }

    /// The webhook body's fields, plus `object`, `livemode` and `delivery_status` (derived from the
    /// event's attempts: `EventDeliveryStatus`).
    static func event(_ event: TaskEvent, deliveryStatus: WebhookDelivery.Status?) throws -> EventObject {
        try TaskEvent.object(
            id: event.id ?? "", type: event.type.rawValue, taskID: event.taskID, createdAt: event.createdAt, dataJSON: event.dataJSON.text,
            metadataJSON: event.metadataJSON.text, livemode: event.environment == .live,
            deliveryStatus: deliveryStatus?.rawValue)
    }

    static func delivery(_ delivery: WebhookDelivery) -> WebhookDeliveryObject {
        WebhookDeliveryObject(
            id: delivery.id ?? "", eventID: delivery.eventID, endpointID: delivery.endpointID, url: delivery.url, attempt: delivery.attempt,
            status: delivery.status.rawValue, statusCode: delivery.statusCode, durationMs: delivery.durationMs, error: delivery.error,
            scheduledAt: delivery.scheduledAt, attemptedAt: delivery.attemptedAt, nextAttemptAt: delivery.nextAttemptAt,
            createdAt: delivery.createdAt)
    }
}
