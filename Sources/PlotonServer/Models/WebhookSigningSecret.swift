import Fluent
import Foundation
import PlotonCore

/// The webhook signing secret of one environment of an account, sealed with the key ring.
/// During a roll the previous secret stays valid (and keeps signing) until `previous_expires_at`.
final class WebhookSigningSecret: Model, @unchecked Sendable {
    static let schema = "webhook_secrets"

    @ID(key: .id) var id: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    @Parent(key: "account_id") var account: Account

    @Field(key: "environment") var environment: PlotonEnvironment
    @Field(key: "sealed_secret") var sealedSecret: String
    @OptionalField(key: "sealed_previous_secret") var sealedPreviousSecret: String?
    @OptionalField(key: "previous_expires_at") var previousExpiresAt: Date?

    init() {}

    init(accountID: String, environment: PlotonEnvironment, sealedSecret: String, now: Date) {
        self.$account.id = accountID
        self.environment = environment
        self.sealedSecret = sealedSecret
        self.createdAt = now
        self.updatedAt = now
    }

    /// Associated data for sealing: a ciphertext only opens for the account and environment it was made for.
    static func associatedData(accountID: String, environment: PlotonEnvironment) -> String {
        "webhook_secret|\(accountID)|\(environment.rawValue)"
    }
}
