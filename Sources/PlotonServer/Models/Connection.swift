import Fluent
import Foundation
import PlotonCore

/// An end user's grant to one tool: OAuth tokens (or a per-user API key) sealed in the vault, the
/// scopes granted, and when the access token expires. Revoked connections stay, without tokens.
final class Connection: Model, @unchecked Sendable {
    static let schema = "connections"

    enum Status: String, Codable { case active, expired, revoked }
    enum Kind: String, Codable { case oauth2, apiKey = "api_key" }

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Parent(key: "account_id") var account: Account
    @Field(key: "environment") var environment: PlotonEnvironment
    @Field(key: "user_id") var userID: String
    @Field(key: "tool") var tool: String
    @Field(key: "kind") var kind: Kind
    @Field(key: "status") var status: Status
    @Field(key: "scopes") var storedScopes: StoredJSON<[String]>
    @OptionalField(key: "sealed_access_token") var sealedAccessToken: String?
    @OptionalField(key: "sealed_refresh_token") var sealedRefreshToken: String?
    @OptionalField(key: "expires_at") var expiresAt: Date?
    /// A process refreshing the tokens holds this until the time given (one refresh at a time).
    @OptionalField(key: "refresh_owner") var refreshOwner: String?
    @OptionalField(key: "refresh_until") var refreshUntil: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(accountID: String, environment: PlotonEnvironment, userID: String, tool: String, kind: Kind, now: Date) {
        self.id = ObjectID.generateSortable("conn")
        self.$account.id = accountID
        self.environment = environment
        self.userID = userID
        self.tool = tool
        self.kind = kind
        self.status = .active
        self.storedScopes = StoredJSON([])
        self.createdAt = now
        self.updatedAt = now
    }

    var scopes: [String] {
        get { storedScopes.value }
        set { storedScopes.value = newValue }
    }

    /// The vault's associated data: a token only opens for its own account, environment, user and tool.
    static func associatedData(accountID: String, environment: String, userID: String, tool: String, purpose: String) -> String {
        "connection_\(purpose)|\(accountID)|\(environment)|\(userID)|\(tool)"
    }

    func associatedData(_ purpose: String) -> String {
        Self.associatedData(accountID: $account.id, environment: environment.rawValue, userID: userID, tool: tool, purpose: purpose)
    }
}

/// A hosted authorisation link (`/auth/{tool}?session=sess_…` or the credentials form) for one end
/// user and tool, and the OAuth `state` and PKCE verifier of the attempt in progress.
final class AuthSession: Model, @unchecked Sendable {
    static let schema = "auth_sessions"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Parent(key: "account_id") var account: Account
    @Field(key: "environment") var environment: PlotonEnvironment
    @Field(key: "user_id") var userID: String
    @Field(key: "tool") var tool: String
    @Field(key: "scopes") var storedScopes: StoredJSON<[String]>
    @OptionalField(key: "task_id") var taskID: String?
    @OptionalField(key: "redirect_url") var redirectURL: String?
    @Field(key: "expires_at") var expiresAt: Date
    /// SHA-256 of the current attempt's `state`; cleared when used (single use).
    @OptionalField(key: "state_hash") var stateHash: String?
    @OptionalField(key: "state_expires_at") var stateExpiresAt: Date?
    @OptionalField(key: "sealed_verifier") var sealedVerifier: String?
    @OptionalField(key: "completed_at") var completedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(
        accountID: String, environment: PlotonEnvironment, userID: String, tool: String, scopes: [String], taskID: String?,
        redirectURL: String?, expiresAt: Date, now: Date
    ) {
        self.id = ObjectID.generate("sess")
        self.$account.id = accountID
        self.environment = environment
        self.userID = userID
        self.tool = tool
        self.storedScopes = StoredJSON(scopes)
        self.taskID = taskID
        self.redirectURL = redirectURL
        self.expiresAt = expiresAt
        self.createdAt = now
    }

    var scopes: [String] { storedScopes.value }

    func associatedData() -> String { "auth_session|\(id ?? "")|\($account.id)|\(environment.rawValue)|\(userID)|\(tool)" }
}

/// The built-in sandbox authorisation server's codes and tokens (test keys), stored as hashes.
final class SandboxGrant: Model, @unchecked Sendable {
    static let schema = "sandbox_oauth_grants"

    enum Kind: String, Codable { case code, accessToken = "access_token", refreshToken = "refresh_token" }

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "kind") var kind: Kind
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "tool") var tool: String
    @Field(key: "subject") var subject: String
    @Field(key: "scopes") var storedScopes: StoredJSON<[String]>
    @OptionalField(key: "redirect_uri") var redirectURI: String?
    @OptionalField(key: "code_challenge") var codeChallenge: String?
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(kind: Kind, token: String, tool: String, subject: String, scopes: [String], expiresAt: Date, now: Date) {
        self.id = ObjectID.generate("sbx")
        self.kind = kind
        self.tokenHash = SecretDigest.sha256Hex(token)
        self.tool = tool
        self.subject = subject
        self.storedScopes = StoredJSON(scopes)
        self.expiresAt = expiresAt
        self.createdAt = now
    }

    var scopes: [String] { storedScopes.value }
}
