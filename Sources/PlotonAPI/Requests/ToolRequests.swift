/// `POST /v1/tools` and `PATCH /v1/tools/{name}`: a custom tool's definition, or the top-level
/// fields to change in one. Definitions are open-ended documents, so the fields stay JSON here;
/// the server validates them as a whole (its messages name the nested field at fault).
public struct ToolDefinitionRequest: RequestBody, Equatable {
    public var fields: [String: JSONValue]

    public init(_ fields: [String: JSONValue]) { self.fields = fields }

    public enum Field: String, CodingKey, CaseIterable {
        case name, description, version, categories, kind, auth, capabilities
        case baseURL = "base_url"
        case requestFormat = "request_format"
    }
    /// Required of a new definition; checked with the rest of it, since an update takes any of them.
    public static let requiredFields: Set = ["name", "base_url", "capabilities"]

    public init(from decoder: any Decoder) throws { fields = try RequestFields<Field>(from: decoder).fields }
    public func encode(to encoder: any Encoder) throws { try JSONValue.object(fields).encode(to: encoder) }
}

/// `PUT /v1/tools/{name}/credentials`: `api_key`, `token`, or `username` and `password`, as the
/// tool's auth type takes.
public struct ToolCredentialsRequest: RequestBody, Equatable {
    public var apiKey: String?
    public var token: String?
    public var username: String?
    public var password: String?

    public init(apiKey: String? = nil, token: String? = nil, username: String? = nil, password: String? = nil) {
        self.apiKey = apiKey
        self.token = token
        self.username = username
        self.password = password
    }

    public enum Field: String, CodingKey, CaseIterable {
        case apiKey = "api_key"
        case password, token, username
    }
    public static let requiredFields: Set<String> = []
    public static let maxLength = 4096

    /// Every field given is held to its type, also one the tool's auth type does not read.
    public init(from decoder: any Decoder) throws {
        let fields = try RequestFields<Field>(from: decoder)
        func read(_ field: Field) throws -> String? {
            let value = try fields.string(field, maxLength: Self.maxLength)
            if value == "", field == .apiKey || field == .token {
                throw RequestBodyError.invalid(field.stringValue, message: "\(field.stringValue) must not be empty.")
            }
            return value
        }
        // In the order of their names, as the server has always reported the first bad one.
        apiKey = try read(.apiKey)
        password = try read(.password)
        token = try read(.token)
        username = try read(.username)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Field.self)
        try container.encodeIfPresent(apiKey, forKey: .apiKey)
        try container.encodeIfPresent(token, forKey: .token)
        try container.encodeIfPresent(username, forKey: .username)
        try container.encodeIfPresent(password, forKey: .password)
    }
}

/// `POST /v1/tools/{name}/refresh`: an MCP server's tools, listed again; for a server that wants
/// OAuth, as the end user `user_id`.
public struct RefreshToolRequest: RequestBody, Equatable {
    public var userID: String?

    public init(userID: String? = nil) { self.userID = userID }

    public enum Field: String, CodingKey, CaseIterable { case userID = "user_id" }
    public static let requiredFields: Set<String> = []

    public init(from decoder: any Decoder) throws { userID = try RequestFields<Field>(from: decoder).string(.userID, maxLength: 256) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Field.self)
        try container.encodeIfPresent(userID, forKey: .userID)
    }
}
