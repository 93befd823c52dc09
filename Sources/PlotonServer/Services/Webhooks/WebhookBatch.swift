import Fluent
import Foundation
import PlotonCore

/// Prepares a batch of claimed attempts with one read each of their events, endpoints and
/// signing secrets, and each event's body made once however many destinations it goes to.
struct WebhookBatch {
    let database: any Database
    let signing: WebhookSigningCache
    let secretBox: SecretBox
    let now: Date

    /// One attempt per delivery, in the same order.
    func prepare(_ deliveries: [WebhookDelivery]) async throws -> [WebhookAttempt] {
        guard !deliveries.isEmpty else { return [] }
        let events = try await TaskEvent.query(on: database).filter(\.$id ~~ Set(deliveries.map(\.eventID))).all()
        let eventsByID = Dictionary(events.map { ($0.id ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        let endpointIDs = Set(deliveries.compactMap(\.endpointID))
        let endpoints =
            endpointIDs.isEmpty ? [] : try await WebhookEndpoint.query(on: database).filter(\.$id ~~ endpointIDs).all()
        let endpointsByID = Dictionary(endpoints.map { ($0.id ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        let environments = Set(events.map { WebhookSigningCache.Environment(accountID: $0.$account.id, environment: $0.plotonEnvironment) })
        let secrets = try await signing.signingSecrets(for: environments, database: database, secretBox: secretBox, now: now)

        var bodies: [String: Data] = [:]
        return deliveries.map { delivery in
            let fail = { (reason: String) in
                WebhookAttempt(
                    delivery: delivery, lane: nil, plan: .fail(.init(succeeded: false, error: reason, retry: false)))
            }
            guard let event = eventsByID[delivery.eventID] else { return fail("The event no longer exists.") }
            if let endpointID = delivery.endpointID {
                guard let endpoint = endpointsByID[endpointID] else { return fail("The endpoint was deleted.") }
                guard endpoint.enabled else { return fail("The endpoint is disabled.") }
            }
            let body = bodies[delivery.eventID] ?? Data(event.payload.jsonText.utf8)
            bodies[delivery.eventID] = body
            let environment = WebhookSigningCache.Environment(accountID: event.$account.id, environment: event.plotonEnvironment)
            return WebhookAttempt(
                delivery: delivery, lane: event.taskID.map { "\(delivery.url) \($0)" },
                plan: .send(body: body, secrets: secrets[environment] ?? []))
        }
    }
}
