import Fluent
import Foundation
import PlotonCore

/// One delivery attempt of an event to one destination, and the outbox row it starts as: a
/// `pending` row is due at `scheduled_at`; a worker leases it, makes the attempt, records the
/// outcome on it and, when another attempt is due later, adds the next row.
final class WebhookDelivery: Model, @unchecked Sendable {
    static let schema = "webhook_deliveries"

    enum Status: String, Codable, Sendable { case pending, succeeded, failed }

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "event_id") var eventID: String
    @Parent(key: "account_id") var account: Account
    @Field(key: "environment") var environment: PlotonEnvironment
    /// Nil for a task's own `webhook_url`.
    @OptionalField(key: "endpoint_id") var endpointID: String?
    @Field(key: "url") var url: String
    @Field(key: "attempt") var attempt: Int
    /// Whether a failure schedules the next attempt (false for a manual redelivery).
    @Field(key: "retries") var retries: Bool
    @Field(key: "status") var status: Status
    @Field(key: "scheduled_at") var scheduledAt: Date
    @OptionalField(key: "lease_owner") var leaseOwner: String?
    @OptionalField(key: "lease_expires_at") var leaseExpiresAt: Date?
    @OptionalField(key: "status_code") var statusCode: Int?
    @OptionalField(key: "duration_ms") var durationMs: Int?
    @OptionalField(key: "error") var error: String?
    @OptionalField(key: "next_attempt_at") var nextAttemptAt: Date?
    @OptionalField(key: "attempted_at") var attemptedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(event: TaskEvent, endpointID: String?, url: String, attempt: Int = 1, retries: Bool, scheduledAt: Date, now: Date) {
        self.id = ObjectID.generateSortable(ObjectIDPrefix.delivery.rawValue)
        self.eventID = event.id ?? ""
        self.$account.id = event.$account.id
        self.environment = event.environment
        self.endpointID = endpointID
        self.url = url
        self.attempt = attempt
        self.retries = retries
        self.status = .pending
        self.scheduledAt = scheduledAt
        self.createdAt = now
    }

    /// The attempt after `previous`, to the same destination.
    init(after previous: WebhookOutboxRow, scheduledAt: Date, now: Date) {
        self.id = ObjectID.generateSortable(ObjectIDPrefix.delivery.rawValue)
        self.eventID = previous.event_id
        self.$account.id = previous.account_id
        self.environment = previous.environment
        self.endpointID = previous.endpoint_id
        self.url = previous.url
        self.attempt = previous.attempt + 1
        self.retries = previous.retries
        self.status = .pending
        self.scheduledAt = scheduledAt
        self.createdAt = now
    }
}
