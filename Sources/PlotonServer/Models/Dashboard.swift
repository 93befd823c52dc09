import Fluent
import Foundation
import PlotonCore

/// An operator who signs in to the dashboard for one account, with an email and a bcrypt
/// password hash once they have set one, and a count of failed sign-ins for the backoff.
final class OperatorUser: Model, @unchecked Sendable {
    static let schema = "operator_users"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Parent(key: "account_id") var account: Account
    @Field(key: "name") var name: String
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "password_hash") var passwordHash: String?
    @Field(key: "failed_sign_ins") var failedSignIns: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(accountID: String, name: String, now: Date) {
        self.id = ObjectID.generate("usr")
        self.$account.id = accountID
        self.name = name
        self.failedSignIns = 0
        self.createdAt = now
    }
}

/// A one-time sign-in link, stored as a hash: the first run prints one for the account's owner,
/// `ploton users create` one for the user it creates (`user_id`).
final class SignInLink: Model, @unchecked Sendable {
    static let schema = "sign_in_links"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Parent(key: "account_id") var account: Account
    @OptionalField(key: "user_id") var userID: String?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}

    init(accountID: String, userID: String? = nil, token: String, expiresAt: Date) {
        self.id = ObjectID.generate("sil")
        self.$account.id = accountID
        self.userID = userID
        self.tokenHash = SecretDigest.sha256Hex(token)
        self.expiresAt = expiresAt
    }
}

/// A signed-in browser: the cookie's token (hashed), its CSRF token, and the environment it shows.
final class DashboardSession: Model, @unchecked Sendable {
    static let schema = "dashboard_sessions"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Parent(key: "user_id") var user: OperatorUser
    @Parent(key: "account_id") var account: Account
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "environment") var environment: PlotonEnvironment
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(user: OperatorUser, token: String, now: Date, lifetime: TimeInterval) {
        self.id = ObjectID.generate("dss")
        self.$user.id = user.id ?? ""
        self.$account.id = user.$account.id
        self.tokenHash = SecretDigest.sha256Hex(token)
        self.csrfToken = Base62.random(count: 32)
        self.environment = .test
        self.expiresAt = now.addingTimeInterval(lifetime)
        self.createdAt = now
    }
}
