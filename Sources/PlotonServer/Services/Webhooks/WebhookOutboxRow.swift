import Foundation
import PlotonCore

/// An outbox row as the dispatcher and the outcome recorder need it, read with plain SQL: the hot
/// path decodes these few columns instead of whole `WebhookDelivery` models.
struct WebhookOutboxRow: Decodable, Sendable {
    var id: String
    var event_id: String
    var account_id: String
    var environment: PlotonEnvironment
    var endpoint_id: String?
    var url: String
    var attempt: Int
    var retries: Bool
    var status: WebhookDelivery.Status
    var scheduled_at: Date
    var created_at: Date

    static let columns = "id, event_id, account_id, environment, endpoint_id, url, attempt, retries, status, scheduled_at, created_at"

    /// A first attempt of `event` to `destination`, due now, as `WebhookDelivery(event:…)` makes it
    /// (without building the model on the hot path).
    init(firstAttemptOf event: some EventValues, to destination: WebhookOutbox.Destination, retries: Bool, now: Date) {
        id = ObjectID.generateSortable(ObjectIDPrefix.delivery.rawValue)
        event_id = event.eventID ?? ""
        account_id = event.accountID
        environment = event.environment
        endpoint_id = destination.endpointID
        url = destination.url
        attempt = 1
        self.retries = retries
        status = .pending
        scheduled_at = now
        created_at = now
    }

    init(_ delivery: WebhookDelivery) {
        id = delivery.id ?? ""
        event_id = delivery.eventID
        account_id = delivery.$account.id
        environment = delivery.environment
        endpoint_id = delivery.endpointID
        url = delivery.url
        attempt = delivery.attempt
        retries = delivery.retries
        status = delivery.status
        scheduled_at = delivery.scheduledAt
        created_at = delivery.createdAt
    }
}
