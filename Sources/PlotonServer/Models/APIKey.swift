import Fluent
import Foundation
import PlotonAPI
import PlotonCore

/// An API key. Only the SHA-256 of the secret is stored, with a display prefix and the last four.
final class APIKey: Model, @unchecked Sendable {
    static let schema = "api_keys"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "created_at") var createdAt: Date

    @Parent(key: "account_id") var account: Account

    @Field(key: "environment") var environment: PlotonEnvironment
    @Field(key: "name") var name: String
    @Field(key: "secret_hash") var secretHash: String
    @Field(key: "prefix") var prefix: String
    @Field(key: "last4") var last4: String
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "expires_at") var expiresAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(accountID: String, name: String, secret: APIKeySecret, createdAt: Date) {
        self.id = ObjectIDPrefix.apiKey.generate()
        self.$account.id = accountID
        self.environment = secret.environment
        self.name = name
        self.secretHash = secret.sha256
        self.prefix = secret.displayPrefix
        self.last4 = secret.last4
        self.createdAt = createdAt
    }

    func status(at now: Date) -> APIKeyObject.Status {
        if revokedAt != nil { return .revoked }
        if let expiresAt, expiresAt <= now { return .expired }
        return .active
    }

    func isUsable(at now: Date) -> Bool { status(at: now) == .active }
}

extension APIKey {
    func toObject(at now: Date, secret: APIKeySecret? = nil) -> APIKeyObject {
        APIKeyObject(
            id: id ?? "", name: name, environment: environment, prefix: prefix, last4: last4,
            status: status(at: now), createdAt: createdAt, lastUsedAt: lastUsedAt, expiresAt: expiresAt,
            secret: secret?.value)
    }
}
