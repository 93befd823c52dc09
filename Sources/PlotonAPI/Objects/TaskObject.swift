import Foundation

/// A task as the API shows it. Every field is always present; absent values are `null`.
public struct TaskObject: Codable, Sendable, Equatable {
    public struct Failure: Codable, Sendable, Equatable {
        public var code: String
        public var message: String
        public var tool: String?
        public var recoverable: Bool
        public var suggestion: String?

        public init(code: String, message: String, tool: String? = nil, recoverable: Bool = false, suggestion: String? = nil) {
            self.code = code
            self.message = message
            self.tool = tool
            self.recoverable = recoverable
            self.suggestion = suggestion
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(message, forKey: .message)
            try container.encode(tool, forKey: .tool)
            try container.encode(recoverable, forKey: .recoverable)
            try container.encode(suggestion, forKey: .suggestion)
        }
    }

    public struct Waiting: Codable, Sendable, Equatable {
        public var reason: String
        public var service: String?
        public var authURL: String?
        public var inputSchema: JSONValue?
        public var scopes: [String]
        public var message: String?
        public var expiresAt: Date

        public init(
            reason: String, service: String?, authURL: String?, inputSchema: JSONValue?, scopes: [String], message: String?, expiresAt: Date
        ) {
            self.reason = reason
            self.service = service
            self.authURL = authURL
            self.inputSchema = inputSchema
            self.scopes = scopes
            self.message = message
            self.expiresAt = expiresAt
        }

        enum CodingKeys: String, CodingKey {
            case reason, service, scopes, message
            case authURL = "auth_url"
            case inputSchema = "input_schema"
            case expiresAt = "expires_at"
        }

        // `auth_url` or `input_schema` appear when they apply; the rest always.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(reason, forKey: .reason)
            try container.encode(service, forKey: .service)
            try container.encodeIfPresent(authURL, forKey: .authURL)
            try container.encodeIfPresent(inputSchema, forKey: .inputSchema)
            try container.encode(scopes, forKey: .scopes)
            try container.encodeIfPresent(message, forKey: .message)
            try container.encode(expiresAt, forKey: .expiresAt)
        }
    }

    public var id: String
    public var object = "task"
    public var status: TaskStatus
    public var prompt: String
    public var userID: String?
    public var tool: String?
    public var tools: [String]
    public var subAgent: String?
    public var metadata: [String: JSONValue]
    public var result: JSONValue?
    public var error: Failure?
    public var waiting: Waiting?
    public var livemode: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var completedAt: Date?

    public init(
        id: String, status: TaskStatus, prompt: String, userID: String?, tool: String?, tools: [String], subAgent: String?,
        metadata: [String: JSONValue], result: JSONValue?, error: Failure?, waiting: Waiting?, livemode: Bool, createdAt: Date,
        updatedAt: Date, completedAt: Date?
    ) {
        self.id = id
        self.status = status
        self.prompt = prompt
        self.userID = userID
        self.tool = tool
        self.tools = tools
        self.subAgent = subAgent
        self.metadata = metadata
        self.result = result
        self.error = error
        self.waiting = waiting
        self.livemode = livemode
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.completedAt = completedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, object, status, prompt, tool, tools, metadata, result, error, waiting, livemode
        case userID = "user_id"
        case subAgent = "sub_agent"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case completedAt = "completed_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(object, forKey: .object)
        try container.encode(status, forKey: .status)
        try container.encode(prompt, forKey: .prompt)
        try container.encode(userID, forKey: .userID)
        try container.encode(tool, forKey: .tool)
        try container.encode(tools, forKey: .tools)
        try container.encode(subAgent, forKey: .subAgent)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(result, forKey: .result)
        try container.encode(error, forKey: .error)
        try container.encode(waiting, forKey: .waiting)
        try container.encode(livemode, forKey: .livemode)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(completedAt, forKey: .completedAt)
    }
}
