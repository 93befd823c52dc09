/// `POST /v1/tasks`: a task to run, or with `mode: "test"` its plan only.
public struct CreateTaskRequest: RequestBody, Equatable {
    public var prompt: String
    public var userID: String?
    public var metadata: [String: JSONValue]?
    /// Pins the task to one tool (a built-in or registered custom tool's name).
    public var tool: String?
    /// Runs the task inside a subagent's tool boundary: its name or id.
    public var subAgent: String?
    public var mode: Mode?
    public var webhookURL: String?

    public enum Mode: String, Sendable, Codable, CaseIterable { case live, test }

    public init(
        prompt: String, userID: String? = nil, metadata: [String: JSONValue]? = nil, tool: String? = nil, subAgent: String? = nil,
        mode: Mode? = nil, webhookURL: String? = nil
    ) {
        self.prompt = prompt
        self.userID = userID
        self.metadata = metadata
        self.tool = tool
        self.subAgent = subAgent
        self.mode = mode
        self.webhookURL = webhookURL
    }

    public enum Field: String, CodingKey, CaseIterable {
        case prompt
        case userID = "user_id"
        case metadata, tool
        case subAgent = "sub_agent"
        case mode
        case webhookURL = "webhook_url"
    }
    public static let requiredFields: Set = ["prompt"]

    public init(from decoder: any Decoder) throws {
        let fields = try RequestFields<Field>(from: decoder)
        subAgent = try fields.string(.subAgent, maxLength: 255)
        prompt = try fields.requiredString(.prompt)
        userID = try fields.string(.userID, maxLength: 255)
        metadata = try fields.object(.metadata)
        tool = try fields.string(.tool, maxLength: 255)
        webhookURL = try fields.string(.webhookURL, maxLength: 2048)
        mode = try fields.enumeration(.mode)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Field.self)
        try container.encode(prompt, forKey: .prompt)
        try container.encodeIfPresent(userID, forKey: .userID)
        try container.encodeIfPresent(metadata, forKey: .metadata)
        try container.encodeIfPresent(tool, forKey: .tool)
        try container.encodeIfPresent(subAgent, forKey: .subAgent)
        try container.encodeIfPresent(mode, forKey: .mode)
        try container.encodeIfPresent(webhookURL, forKey: .webhookURL)
    }
}

/// `POST /v1/tasks/{id}/input`: `input` answers `input_required`, `approve` answers `approval_required`.
public struct TaskInputRequest: RequestBody, Equatable {
    public var input: [String: JSONValue]?
    public var approve: Bool?

    public init(input: [String: JSONValue]? = nil, approve: Bool? = nil) {
        self.input = input
        self.approve = approve
    }

    public enum Field: String, CodingKey, CaseIterable { case input, approve }
    public static let requiredFields: Set<String> = []

    public init(from decoder: any Decoder) throws {
        let fields = try RequestFields<Field>(from: decoder)
        input = try fields.object(.input)
        // An answer becomes a step's input and may be stored in a sandbox record (`jsonb` on PostgreSQL).
        if let field = input.flatMap({ JSONValue.object($0).pathHoldingNUL("input") }) {
            throw RequestBodyError.invalid(field, message: "\(field) must not contain NUL (U+0000) characters.")
        }
        approve = try fields.bool(.approve)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Field.self)
        try container.encodeIfPresent(input, forKey: .input)
        try container.encodeIfPresent(approve, forKey: .approve)
    }
}
