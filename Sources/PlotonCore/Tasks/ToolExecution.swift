/// Whether a step touches real services (live keys) or the built-in sandboxes (test keys).
public enum ExecutionMode: String, Sendable, Codable {
    case sandbox, live
}

/// One step, ready to run: its input references already replaced by earlier outputs.
public struct StepRequest: Sendable {
    public var taskID: String
    public var accountID: String
    public var userID: String?
    public var stepIndex: Int
    public var tool: String
    public var capability: String
    public var input: [String: JSONValue]
    public var mode: ExecutionMode
    /// Stable across retries and restarts: services that accept one never act twice.
    public var idempotencyKey: String
    /// The end user's sandbox data (test keys only).
    public var sandbox: (any SandboxStorage)?

    public init(
        taskID: String, accountID: String, userID: String?, stepIndex: Int, tool: String, capability: String,
        input: [String: JSONValue], mode: ExecutionMode, idempotencyKey: String, sandbox: (any SandboxStorage)? = nil
    ) {
        self.taskID = taskID
        self.accountID = accountID
        self.userID = userID
        self.stepIndex = stepIndex
        self.tool = tool
        self.capability = capability
        self.input = input
        self.mode = mode
        self.idempotencyKey = idempotencyKey
        self.sandbox = sandbox
    }
}

/// How a step ended, short of an error.
public enum StepOutcome: Sendable, Equatable {
    case completed(JSONValue)
    /// The task must wait (consent, credentials, approval, input) before this step can run.
    case suspend(WaitingRequest)
}

/// Why a task waits and what would let it go on.
public struct WaitingRequest: Sendable, Equatable, Codable {
    public enum Reason: String, Sendable, Codable {
        case oauthConsentRequired = "oauth_consent_required"
        case additionalScopesRequired = "additional_scopes_required"
        case credentialsRequired = "credentials_required"
        case inputRequired = "input_required"
        case approvalRequired = "approval_required"
    }

    public var reason: Reason
    public var service: String?
    public var authURL: String?
    public var inputSchema: JSONValue?
    public var scopes: [String]
    /// What the waiting step was about to do, for the approver.
    public var message: String?

    public init(
        reason: Reason, service: String? = nil, authURL: String? = nil, inputSchema: JSONValue? = nil, scopes: [String] = [],
        message: String? = nil
    ) {
        self.reason = reason
        self.service = service
        self.authURL = authURL
        self.inputSchema = inputSchema
        self.scopes = scopes
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case reason, service, scopes, message
        case authURL = "auth_url"
        case inputSchema = "input_schema"
    }
}

/// A step that could not complete. `retryable` errors are retried (bounded) before the task fails.
public struct ToolFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, as a task's `error.code` shows it (`ToolFailureCode.swift` names each one).
    public var code: Code
    public var message: String
    public var retryable: Bool
    public var recoverable: Bool
    public var suggestion: String?
    /// Seconds the service asked us to wait (HTTP `Retry-After`).
    public var retryAfter: Double?

    public init(
        code: Code, message: String, retryable: Bool = false, recoverable: Bool = false, suggestion: String? = nil,
        retryAfter: Double? = nil
    ) {
        self.code = code
        self.message = message
        self.retryable = retryable
        self.recoverable = recoverable
        self.suggestion = suggestion
        self.retryAfter = retryAfter
    }

    public var description: String { "\(code): \(message)" }
}

/// Runs one capability of one tool. Sandbox and live implementations share this shape.
public protocol ToolExecutor: Sendable {
    func execute(_ request: StepRequest) async throws -> StepOutcome
}
