import PlotonAPI

/// Why a task failed. One typed value from where the failure arises (a step's `ToolFailure`, the
/// planner's `PlanningFailure`, the engine and the upkeep) to the stored task and its `task.failed`
/// event; the API shows it as PlotonAPI's `TaskObject.Failure`, whose code is the raw string.
/// Its JSON (the task's `error` column, the event's `data`) has every key, `null` when absent,
/// as the wire does.
public struct TaskFailure: Error, Sendable, Equatable, Codable {
    /// A task's `error.code`: a tool's code, a planning code, or one of the engine's named below.
    /// A task stored by an earlier version reads back with whatever code it holds.
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
        public let rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public init(_ code: ToolFailure.Code) { self.rawValue = code.rawValue }
        public init(_ code: PlanningFailure.Code) { self.rawValue = code.rawValue }

        public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }

        public var description: String { rawValue }
    }

    public var code: Code
    public var message: String
    /// The tool whose step failed, if a step did.
    public var tool: String?
    public var recoverable: Bool
    public var suggestion: String?

    public init(code: Code, message: String, tool: String? = nil, recoverable: Bool = false, suggestion: String? = nil) {
        self.code = code
        self.message = message
        self.tool = tool
        self.recoverable = recoverable
        self.suggestion = suggestion
    }

    /// A step of `tool` failed for good.
    public init(_ failure: ToolFailure, tool: String) {
        self.init(
            code: Code(failure.code), message: failure.message, tool: tool, recoverable: failure.recoverable, suggestion: failure.suggestion
        )
    }

    /// The prompt could not be planned; the caller can change it and try again.
    public init(_ failure: PlanningFailure, suggestion: String? = nil) {
        self.init(code: Code(failure.code), message: failure.message, recoverable: true, suggestion: suggestion ?? failure.suggestion)
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

extension TaskFailure.Code {
    // The engine's and the upkeep's own; a step's failure keeps its tool's code.
    public static let workerCrashed: Self = "worker_crashed"
    public static let waitingExpired: Self = "waiting_expired"
    public static let approvalDenied: Self = "approval_denied"
    public static let consentDeclined: Self = "consent_declined"
}
