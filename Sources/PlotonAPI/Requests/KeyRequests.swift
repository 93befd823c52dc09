/// `POST /v1/api_keys`.
public struct CreateAPIKeyRequest: RequestBody, Equatable {
    public var name: String
    public var environment: PlotonEnvironment

    public init(name: String, environment: PlotonEnvironment) {
        self.name = name
        self.environment = environment
    }

    public enum Field: String, CodingKey, CaseIterable { case name, environment }
    public static let requiredFields: Set = ["name", "environment"]

    public init(from decoder: any Decoder) throws {
        let fields = try RequestFields<Field>(from: decoder)
        name = try fields.requiredString(.name, maxLength: 100)
        environment = try fields.requiredEnumeration(.environment)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Field.self)
        try container.encode(name, forKey: .name)
        try container.encode(environment, forKey: .environment)
    }
}

/// `POST /v1/api_keys/{id}/roll`, `POST /v1/webhook_secret/roll` and
/// `POST /v1/users/{user_id}/settings_link`: how many seconds something stays valid, or the
/// endpoint's default.
public struct ExpiresInRequest: RequestBody, Equatable {
    public var expiresIn: Int?

    public init(expiresIn: Int? = nil) { self.expiresIn = expiresIn }

    public enum Field: String, CodingKey, CaseIterable { case expiresIn = "expires_in" }
    public static let requiredFields: Set<String> = []

    public init(from decoder: any Decoder) throws {
        expiresIn = try RequestFields<Field>(from: decoder).integer(.expiresIn)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Field.self)
        try container.encodeIfPresent(expiresIn, forKey: .expiresIn)
    }
}
