/// `POST /v1/webhook_endpoints`.
public struct CreateWebhookEndpointRequest: RequestBody, Equatable {
    public var url: String
    /// Event types, or `["*"]` (the default) for all of them.
    public var events: [String]?
    public var enabled: Bool?
    public var description: String?

    public init(url: String, events: [String]? = nil, enabled: Bool? = nil, description: String? = nil) {
        self.url = url
        self.events = events
        self.enabled = enabled
        self.description = description
    }

    public typealias Field = WebhookEndpointField
    public static let requiredFields: Set = ["url"]

    public init(from decoder: any Decoder) throws {
        let fields = try RequestFields<Field>(from: decoder)
        url = try fields.requiredString(.url, maxLength: Field.maxURLLength)
        events = try Field.events(fields)
        description = try fields.string(.description, maxLength: Field.maxDescriptionLength)
        enabled = try fields.bool(.enabled)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Field.self)
        try container.encode(url, forKey: .url)
        try container.encodeIfPresent(events, forKey: .events)
        try container.encodeIfPresent(enabled, forKey: .enabled)
        try container.encodeIfPresent(description, forKey: .description)
    }
}

/// `PATCH /v1/webhook_endpoints/{id}`: what is given changes; a `description` of `null` removes it.
public struct UpdateWebhookEndpointRequest: RequestBody, Equatable {
    public var url: String?
    public var events: [String]?
    public var enabled: Bool?
    /// `nil`: unchanged; `.some(nil)`: removed.
    public var description: String??

    public init(url: String? = nil, events: [String]? = nil, enabled: Bool? = nil, description: String?? = nil) {
        self.url = url
        self.events = events
        self.enabled = enabled
        self.description = description
    }

    public typealias Field = WebhookEndpointField
    public static let requiredFields: Set<String> = []

    public init(from decoder: any Decoder) throws {
        let fields = try RequestFields<Field>(from: decoder)
        url = try fields.string(.url, maxLength: Field.maxURLLength)
        events = try Field.events(fields)
        enabled = try fields.bool(.enabled)
        let given = try fields.string(.description, maxLength: Field.maxDescriptionLength)
        description = fields.isNull(.description) ? .some(nil) : given.map(Optional.some)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Field.self)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(events, forKey: .events)
        try container.encodeIfPresent(enabled, forKey: .enabled)
        if let description { try container.encode(description, forKey: .description) }
    }
}

/// The fields of both webhook endpoint requests.
public enum WebhookEndpointField: String, CodingKey, CaseIterable {
    case url, events, enabled, description

    static let maxURLLength = 2048
    static let maxDescriptionLength = 500

    static func events(_ fields: RequestFields<Self>) throws -> [String]? {
        try fields.strings(
            .events, notAList: "events must be a non-empty list of event types, or [\"*\"] for all of them.",
            notStrings: "events must list event types as strings.")
    }
}
