import Foundation

/// A claimed outbox row as the dispatcher needs it, read with plain SQL: the hot path decodes
/// these few columns instead of whole `WebhookDelivery` models.
struct WebhookOutboxRow: Decodable, Sendable {
    var id: String
    var event_id: String
    var account_id: String
    var environment: String
    var endpoint_id: String?
    var url: String
    var attempt: Int
    var retries: Bool
    var scheduled_at: Date

    static let columns = "id, event_id, account_id, environment, endpoint_id, url, attempt, retries, scheduled_at"
}
