import Fluent
import Foundation
import PlotonCore

/// Puts an event's deliveries in the outbox, in the transaction that records the event: one
/// pending row per enabled endpoint whose filter lets the event through, and one for the task's
/// own `webhook_url`.
enum WebhookOutbox {
    static func enqueue(_ event: TaskEvent, webhookURL: String?, now: Date, on database: any Database) async throws {
        let destinations = try await self.destinations(for: event, webhookURL: webhookURL, on: database)
        guard !destinations.isEmpty else { return }
        for destination in destinations {
            try await WebhookDelivery(
                event: event, endpointID: destination.endpointID, url: destination.url, retries: true, scheduledAt: now,
                now: now
            ).create(on: database)
        }
        event.deliveryStatus = WebhookDelivery.Status.pending.rawValue
        try await event.update(on: database)
    }

    /// Where an event goes now: matching enabled endpoints, then the task's `webhook_url`.
    static func destinations(for event: TaskEvent, webhookURL: String?, on database: any Database) async throws -> [(
        endpointID: String?, url: String
    )] {
        let endpoints = try await WebhookEndpoint.query(on: database)
            .filter(\.$account.$id == event.$account.id).filter(\.$environment == event.environment).filter(\.$enabled == true)
            .sort(\.$createdAt).all()
        var destinations: [(endpointID: String?, url: String)] = endpoints.filter { WebhookEventType.matches($0.events, event.type) }
            .map { ($0.id, $0.url) }
        if let webhookURL { destinations.append((nil, webhookURL)) }
        return destinations
    }
}
