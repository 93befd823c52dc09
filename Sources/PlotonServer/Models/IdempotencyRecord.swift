import Fluent
import Foundation

/// The first response to a POST carrying an `Idempotency-Key`, kept for replay.
final class IdempotencyRecord: Model, @unchecked Sendable {
    static let schema = "idempotency_records"

    enum State: String, Codable { case inProgress = "in_progress", complete }

    @ID(key: .id) var id: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    @Parent(key: "account_id") var account: Account

    @Field(key: "environment") var environment: String
    @Field(key: "idempotency_key") var key: String
    /// SHA-256 of method, path and body: the same key with another request is refused.
    @Field(key: "fingerprint") var fingerprint: String
    @Field(key: "state") var state: String
    /// The id of the request that produced the stored response; replays carry it again.
    @OptionalField(key: "request_id") var requestID: String?
    @OptionalField(key: "response_status") var responseStatus: Int?
    @OptionalField(key: "response_content_type") var responseContentType: String?
    @OptionalField(key: "response_body") var responseBody: Data?

    init() {}

    init(accountID: String, environment: String, key: String, fingerprint: String, now: Date, ttl: TimeInterval) {
        self.$account.id = accountID
        self.environment = environment
        self.key = key
        self.fingerprint = fingerprint
        self.state = State.inProgress.rawValue
        self.createdAt = now
        self.expiresAt = now.addingTimeInterval(ttl)
    }
}
