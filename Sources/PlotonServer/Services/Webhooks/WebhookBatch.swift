import Fluent
import Foundation
import PlotonCore
import SQLKit

/// An event's columns that its webhook body and lane are made from.
struct WebhookEvent: Decodable, Sendable {
    var id: String
    var created_at: Date
    var account_id: String
    var environment: PlotonEnvironment
    var type: String
    var task_id: String?
    var data: String
    var metadata: String

    /// The event as written, when its body made from memory is the one made from its stored row:
    /// a stored date comes back within a microsecond, and the body's timestamp has whole seconds,
    /// so an event that close to a second's edge is read back instead.
    init?(written event: some EventValues) {
        let fraction = event.createdAt.timeIntervalSince1970.truncatingRemainder(dividingBy: 1)
        guard let id = event.eventID, fraction > 0.001, fraction < 0.999 else { return nil }
        (self.id, created_at, account_id, environment) = (id, event.createdAt, event.accountID, event.environment)
        (type, task_id, data, metadata) = (event.type.rawValue, event.taskID, event.dataJSON.text, event.metadataJSON.text)
    }
}

/// Prepares a batch of claimed attempts with one read each of their events, endpoints and
/// signing secrets, and each event's body made once however many destinations it goes to.
/// Events and endpoints the caller knows already (`known`, `enabled`: handed over with their rows,
/// whose transaction wrote them for enabled endpoints only, or read by the claim) are not read again.
struct WebhookBatch {
    let database: any Database
    let signing: WebhookSigningCache
    let secretBox: SecretBox
    let now: Date

    private struct Endpoint: Decodable {
        var id: String
        var enabled: Bool
    }

    /// One attempt per delivery, in the same order; `enabled` tells whether endpoints are, by id;
    /// `committed` holds when handed rows' transactions committed, by row id.
    func prepare(
        _ deliveries: [WebhookOutboxRow], known: [WebhookEvent] = [], enabled knownEndpoints: [String: Bool] = [:],
        committed: [String: Date] = [:]
    ) async throws -> [WebhookAttempt] {
        guard !deliveries.isEmpty, let sql = database as? any SQLDatabase else { return [] }
        var eventsByID = Dictionary(known.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let unknown = Set(deliveries.map(\.event_id)).subtracting(eventsByID.keys)
        if !unknown.isEmpty {
            let eventIDs = SQLList(unknown.map { SQLBind($0) })
            for event in try await sql.raw(
                "SELECT id, created_at, account_id, environment, type, task_id, data, metadata FROM events WHERE id IN (\(eventIDs))"
            ).all(decoding: WebhookEvent.self) {
                eventsByID[event.id] = event
            }
        }
        let events = Array(eventsByID.values)
        let traces = try await PlotonTracing.traceparents(ofTasks: Set(events.compactMap(\.task_id)), on: sql)
        let endpointIDs = Set(deliveries.compactMap(\.endpoint_id)).subtracting(knownEndpoints.keys)
        let endpoints =
            endpointIDs.isEmpty
            ? []
            : try await sql.raw("SELECT id, enabled FROM webhook_endpoints WHERE id IN (\(SQLList(endpointIDs.map { SQLBind($0) })))")
                .all(decoding: Endpoint.self)
        let enabled = knownEndpoints.merging(endpoints.map { ($0.id, $0.enabled) }, uniquingKeysWith: { known, _ in known })
        let environment = { (event: WebhookEvent) in
            WebhookSigningCache.Environment(
                accountID: event.account_id, environment: event.environment)
        }
        let secrets = try await signing.signingSecrets(
            for: Set(events.map(environment)), database: database, secretBox: secretBox, now: now)

        let timestamps = ISO8601Timestamps()
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
            let body: Data
            if let made = bodies[event.id] {
                body = made
            } else {
                do {
                    body = Data(
                        try TaskEvent.payload(
                            id: event.id, type: event.type, taskID: event.task_id, createdAt: event.created_at, dataJSON: event.data,
                            metadataJSON: event.metadata, timestamps: timestamps
                        ).jsonText.utf8)
                } catch {
                    return fail("\(error)")  // not sent, nor tried again: the stored event will not read better later
                }
                bodies[event.id] = body
            }
            return WebhookAttempt(
                delivery: delivery, lane: WebhookAttempt.lane(url: delivery.url, taskID: event.task_id),
                plan: .send(body: body, secrets: secrets[environment(event)] ?? []), traceparent: event.task_id.flatMap { traces[$0] },
                occurredAt: committed[delivery.id] ?? event.created_at)
        }
    }
}
