import Foundation

/// An end user's grant to a tool. Never carries a token.
public struct ConnectionObject: Codable, Sendable, Equatable {
    /// How a provider-side revocation went (`DELETE /v1/connections/{id}` only).
    public struct Revocation: Codable, Sendable, Equatable {
        /// `succeeded`, `failed` or `not_supported`.
        public var provider: String
        public var message: String?

        public init(provider: String, message: String?) {
            self.provider = provider
            self.message = message
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(provider, forKey: .provider)
            try container.encode(message, forKey: .message)
        }
    }

    public var id: String
    public var object = "connection"
    public var userID: String
    public var tool: String
    /// `oauth2` or `api_key`.
    public var type: String
    /// `active`, `expired` or `revoked`.
    public var status: String
    public var scopes: [String]
    public var expiresAt: Date?
    public var livemode: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var revokedAt: Date?
    public var revocation: Revocation?

    public init(
        id: String, userID: String, tool: String, type: String, status: String, scopes: [String], expiresAt: Date?, livemode: Bool,
        createdAt: Date, updatedAt: Date, revokedAt: Date?, revocation: Revocation? = nil
    ) {
        self.id = id
        self.userID = userID
        self.tool = tool
        self.type = type
        self.status = status
        self.scopes = scopes
        self.expiresAt = expiresAt
        self.livemode = livemode
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.revokedAt = revokedAt
        self.revocation = revocation
    }

    enum CodingKeys: String, CodingKey {
        case id, object, tool, type, status, scopes, livemode, revocation
        case userID = "user_id"
        case expiresAt = "expires_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case revokedAt = "revoked_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(object, forKey: .object)
        try container.encode(userID, forKey: .userID)
        try container.encode(tool, forKey: .tool)
        try container.encode(type, forKey: .type)
        try container.encode(status, forKey: .status)
        try container.encode(scopes, forKey: .scopes)
        try container.encode(expiresAt, forKey: .expiresAt)
        try container.encode(livemode, forKey: .livemode)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(revokedAt, forKey: .revokedAt)
        try container.encodeIfPresent(revocation, forKey: .revocation)
    }
}

/// `POST /v1/connections/authorize`: the consent link to send the end user to.
public struct ConnectionAuthorizationObject: Codable, Sendable, Equatable {
    public var object = "connection_authorization"
    public var authURL: String
    public var userID: String
    public var tool: String
    public var scopes: [String]
    public var expiresAt: Date

    public init(authURL: String, userID: String, tool: String, scopes: [String], expiresAt: Date) {
        self.authURL = authURL
        self.userID = userID
        self.tool = tool
        self.scopes = scopes
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case object, tool, scopes
        case authURL = "auth_url"
        case userID = "user_id"
        case expiresAt = "expires_at"
    }
}
