import Fluent
import Foundation
import PlotonCore
import SQLKit

/// Prepares a batch of claimed attempts with one read each of their events, endpoints and
/// signing secrets, and each event's body made once however many destinations it goes to.
struct WebhookBatch {
    let database: any Database
    let signing: WebhookSigningCache
    let secretBox: SecretBox
    let now: Date

    private struct Event: Decodable {
        var id: String
        var created_at: Date
        var account_id: String
        var environment: String
        var type: String
        var task_id: String?
        var data: String
        var metadata: String
    }

    private struct Endpoint: Decodable {
        var id: String
        var enabled: Bool
    }

    /// One attempt per delivery, in the same order.
    func prepare(_ deliveries: [WebhookOutboxRow]) async throws -> [WebhookAttempt] {
        guard !deliveries.isEmpty, let sql = database as? any SQLDatabase else { return [] }
        let eventIDs = SQLList(Set(deliveries.map(\.event_id)).map { SQLBind($0) })
        let events = try await sql.raw(
            "SELECT id, created_at, account_id, environment, type, task_id, data, metadata FROM events WHERE id IN (\(eventIDs))"
        ).all(decoding: Event.self)
        let eventsByID = Dictionary(events.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let traces = try await PlotonTracing.traceparents(ofTasks: Set(events.compactMap(\.task_id)), on: sql)
        let endpointIDs = Set(deliveries.compactMap(\.endpoint_id))
        let endpoints =
            endpointIDs.isEmpty
            ? []
            : try await sql.raw("SELECT id, enabled FROM webhook_endpoints WHERE id IN (\(SQLList(endpointIDs.map { SQLBind($0) })))")
                .all(decoding: Endpoint.self)
        let enabled = Dictionary(endpoints.map { ($0.id, $0.enabled) }, uniquingKeysWith: { first, _ in first })
        let environment = { (event: Event) in
            WebhookSigningCache.Environment(
                accountID: event.account_id, environment: PlotonEnvironment(rawValue: event.environment) ?? .test)
        }
        let secrets = try await signing.signingSecrets(
            for: Set(events.map(environment)), database: database, secretBox: secretBox, now: now)

        let formatter = ISO8601DateFormatter()
        var bodies: [String: Data] = [:]
        return deliveries.map { delivery in
            let fail = { (reason: String) in
                WebhookAttempt(delivery: delivery, lane: nil, plan: .fail(.init(succeeded: false, error: reason, retry: false)))
            }
            guard let event = eventsByID[delivery.event_id] else { return fail("The event no longer exists.") }
            if let endpointID = delivery.endpoint_id {
                guard let isEnabled = enabled[endpointID] else { return fail("The endpoint was deleted.") }
                guard isEnabled else { return fail("The endpoint is disabled.") }
            }
            let body =
                bodies[event.id]
                ?? Data(
                    TaskEvent.payload(
                        id: event.id, type: event.type, taskID: event.task_id, createdAt: event.created_at, dataJSON: event.data,
                        metadataJSON: event.metadata, formatter: formatter
                    ).jsonText.utf8)
            bodies[event.id] = body
            return WebhookAttempt(
                delivery: delivery, lane: event.task_id.map { "\(delivery.url) \($0)" },
                plan: .send(body: body, secrets: secrets[environment(event)] ?? []), traceparent: event.task_id.flatMap { traces[$0] })
        }
    }
}
