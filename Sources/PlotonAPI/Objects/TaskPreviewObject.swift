/// `mode: "test"`: what a task would do, without doing it or storing anything.
public struct TaskPreviewObject: Codable, Sendable, Equatable {
    public struct Step: Codable, Sendable, Equatable {
        public var tool: String
        public var capability: String
        public var input: [String: JSONInput]
        public var sideEffect: Bool
        public var requiresApproval: Bool
        /// The step's filter and reason, as the task would run it: a preview shows the same plan.
        public var keep: [OutputCondition]?
        public var reason: String?

        public init(
            tool: String, capability: String, input: [String: JSONInput], sideEffect: Bool, requiresApproval: Bool,
            keep: [OutputCondition]? = nil, reason: String? = nil
        ) {
            self.tool = tool
            self.capability = capability
            self.input = input
            self.sideEffect = sideEffect
            self.requiresApproval = requiresApproval
            self.keep = keep
            self.reason = reason
        }

        enum CodingKeys: String, CodingKey {
            case tool, capability, input, keep, reason
            case sideEffect = "side_effect"
            case requiresApproval = "requires_approval"
        }
    }

    /// What an end user would be asked for before a tool runs.
    public struct Authorization: Codable, Sendable, Equatable {
        public var tool: String
        /// `oauth_consent_required`, `additional_scopes_required`, `credentials_required` or `user_id_required`.
        public var reason: String
        public var scopes: [String]

        public init(tool: String, reason: String, scopes: [String]) {
            self.tool = tool
            self.reason = reason
            self.scopes = scopes
        }
    }

    public var object = "task_preview"
    public var prompt: String
    public var planner: String
    public var tool: String?
    public var tools: [String]
    public var steps: [Step]
    public var resultFields: [String]
    /// The figure the result would be of its records ("how many", "the total"), as the task would compute it.
    public var aggregate: ResultAggregate?
    /// Set when the task would stop to ask for input before running.
    public var waiting: TaskObject.Waiting?
    /// Set when the prompt could not be planned; a real task would fail with this error.
    public var error: TaskObject.Failure?
    public var livemode: Bool
    public var authorizationsRequired: [Authorization] = []

    public init(
        prompt: String, planner: String, tool: String?, tools: [String], steps: [Step], resultFields: [String],
        waiting: TaskObject.Waiting?, error: TaskObject.Failure?, livemode: Bool
    ) {
        self.prompt = prompt
        self.planner = planner
        self.tool = tool
        self.tools = tools
        self.steps = steps
        self.resultFields = resultFields
        self.waiting = waiting
        self.error = error
        self.livemode = livemode
    }

    enum CodingKeys: String, CodingKey {
        case object, prompt, planner, tool, tools, steps, waiting, error, livemode, aggregate
        case resultFields = "result_fields"
        case authorizationsRequired = "authorizations_required"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(object, forKey: .object)
        try container.encode(prompt, forKey: .prompt)
        try container.encode(planner, forKey: .planner)
        try container.encode(tool, forKey: .tool)
        try container.encode(tools, forKey: .tools)
        try container.encode(steps, forKey: .steps)
        try container.encode(resultFields, forKey: .resultFields)
        try container.encodeIfPresent(aggregate, forKey: .aggregate)
        try container.encode(waiting, forKey: .waiting)
        try container.encode(error, forKey: .error)
        try container.encode(livemode, forKey: .livemode)
        try container.encode(authorizationsRequired, forKey: .authorizationsRequired)
    }
}
