import Fluent
import Foundation
import PlotonAPI

/// The first response to a POST carrying an `Idempotency-Key`, kept (sealed) for replay.
final class IdempotencyRecord: Model, @unchecked Sendable {
    static let schema = "idempotency_records"

    enum State: String, Codable { case inProgress = "in_progress", complete }

    @ID(key: .id) var id: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    @Parent(key: "account_id") var account: Account

    @Field(key: "environment") var environment: PlotonEnvironment
    @Field(key: "idempotency_key") var key: String
    /// SHA-256 of method, path and body: the same key with another request is refused.
    @Field(key: "fingerprint") var fingerprint: String
    /// A stored state that is neither fails the query (the request answers 500), never reads as in progress.
    @Field(key: "state") var state: State
    /// The id of the request that produced the stored response; replays carry it again.
    @OptionalField(key: "request_id") var requestID: String?
    @OptionalField(key: "response_status") var responseStatus: Int?
    @OptionalField(key: "response_content_type") var responseContentType: String?
    /// The response body, sealed with the key ring: replays of key creation and secret rolls carry secrets.
    @OptionalField(key: "sealed_response_body") var sealedResponseBody: String?

    init() {}

    init(accountID: String, environment: PlotonEnvironment, key: String, fingerprint: String, now: Date, ttl: TimeInterval) {
        self.$account.id = accountID
        self.environment = environment
        self.key = key
        self.fingerprint = fingerprint
        self.state = .inProgress
        self.createdAt = now
        self.expiresAt = now.addingTimeInterval(ttl)
    }

    /// Binds a sealed body to its account, environment and key, so it cannot be replayed elsewhere.
    var associatedData: String { "idempotency_response|\($account.id)|\(environment.rawValue)|\(key)" }
}
