import Foundation

/// An API key as the API shows it. `secret` is present only in the create and roll responses.
public struct APIKeyObject: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case active, expired, revoked }

    public var id: String
    public var object = "api_key"
    public var name: String
    public var environment: PlotonEnvironment
    public var prefix: String
    public var last4: String
    public var status: Status
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var expiresAt: Date?
    public var secret: String?

    public init(
        id: String, name: String, environment: PlotonEnvironment, prefix: String, last4: String, status: Status,
        createdAt: Date, lastUsedAt: Date?, expiresAt: Date?, secret: String? = nil
    ) {
        self.id = id
        self.name = name
        self.environment = environment
        self.prefix = prefix
        self.last4 = last4
        self.status = status
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.expiresAt = expiresAt
        self.secret = secret
    }

    enum CodingKeys: String, CodingKey {
        case id, object, name, environment, prefix, last4, status, secret
        case createdAt = "created_at"
        case lastUsedAt = "last_used_at"
        case expiresAt = "expires_at"
    }

    // Nullable fields are written as `null` rather than left out; `secret` appears only when set.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(object, forKey: .object)
        try container.encode(name, forKey: .name)
        try container.encode(environment, forKey: .environment)
        try container.encode(prefix, forKey: .prefix)
        try container.encode(last4, forKey: .last4)
        try container.encode(status, forKey: .status)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(lastUsedAt, forKey: .lastUsedAt)
        try container.encode(expiresAt, forKey: .expiresAt)
        try container.encodeIfPresent(secret, forKey: .secret)
    }
}
