import PlotonAPI
import PlotonCore

/// The one place domain errors become the API's: each service throws its own error type (what
/// went wrong, typed), and this turns it into the documented code, message and parameter. Callers
/// that report errors (the envelope, MCP, the dashboard) all go through `APIFailure(reporting:)`.
extension APIFailure {
    /// The failure an error is reported as to the caller; nil for an error that is not the caller's
    /// (a fault of ours or of the database: `ErrorResponse` answers those with a 500 or a 503).
    package init?(reporting error: any Error) {
        switch error {
        case let failure as APIFailure: self = failure
        case let error as RequestBodyError: self.init(error)
        case let error as ToolError: self = error.failure
        case let problem as ToolDefinitionValidator.Problem:
            self.init(
                problem.kind == .missing ? .invalidRequest : .validationError, "\(problem.field) \(problem.message).", param: problem.field)
        case let error as SubagentError: self = error.failure
        case let error as TaskFieldError: self = error.failure
        case let error as TaskError: self = error.failure
        case let error as InputError: self = error.failure
        case let error as ConnectionError: self = error.failure
        case let error as EventError: self = error.failure
        case let error as WebhookEndpointError: self = error.failure
        case let error as KeyError: self = error.failure
        case let error as IdempotencyError: self = error.failure
        case let error as OperatorError: self = error.failure
        default: return nil
        }
    }
}

extension ToolError {
    fileprivate var failure: APIFailure {
        switch self {
        case .notFound(let name): .notFound("tool", id: name)
        case .builtIn(let name): APIFailure(.forbidden, "'\(name)' is a built-in tool; it cannot be changed or deleted.")
        case .builtInName(let name): .invalid("name", "'\(name)' is a built-in tool; choose another name.")
        case .nameTaken(let name): .invalid("name", "A tool named '\(name)' is already registered; update it with PATCH /v1/tools/\(name).")
        case .renamed: .invalid("name", "A tool's name cannot change; register a new tool instead.")
        case .foreignClientVariable(let variable, let named, let allowed):
            APIFailure(
                .validationError,
                "\(variable.field) '\(named)' "
                    + "\(allowed.map { "must be \($0) (named after the tool)" } ?? "cannot be used: this tool's name maps into the reserved PLOTON_ namespace")."
                    + " Or give the value itself in the definition; it is sealed at rest.",
                param: variable.field)
        case .missingCredential(let field): .missing(field)
        case .usernameTooLong: .invalid("username", "username must be at most \(Self.maxUsernameLength) characters.")
        case .takesNoCredentials(let tool, let auth):
            APIFailure(.validationError, "\(tool) uses \(auth.rawValue) authentication, which takes no account credentials.")
        case .notMCP(let name): APIFailure(.validationError, "Only tools of kind mcp are refreshed; '\(name)' declares its capabilities.")
        case .mcpUnreachable(let failure):
            APIFailure(
                .validationError,
                "Could not list the tools of the MCP server at base_url: \(failure.message)" + (failure.suggestion.map { " \($0)" } ?? ""),
                param: "base_url")
        case .needsConnectedUser(let tool):
            APIFailure(
                .validationError,
                "\(tool) lists its tools only to a connected end user: connect one (POST /v1/connections/authorize), then refresh with their user_id.",
                param: "user_id")
        case .noActiveConnection(let userID, let tool):
            APIFailure(
                .validationError, "\(userID) has no active connection to \(tool); connect them with POST /v1/connections/authorize.",
                param: "user_id")
        case .userTokenFailed(let failure): APIFailure(.validationError, "\(failure.message) \(failure.suggestion ?? "")", param: "user_id")
        case .mcpOAuthUnreachable(let failure):
            APIFailure(.validationError, "Could not set up OAuth for the MCP server at base_url: \(failure.message)", param: "base_url")
        case .mcpOAuthRefused(let reason):
            APIFailure(.validationError, "Could not set up OAuth for the MCP server at base_url: it \(reason)", param: "base_url")
        }
    }
}

extension SubagentError {
    fileprivate var failure: APIFailure {
        switch self {
        case .notFound(let reference): .notFound("subagent", id: reference)
        case .prebuilt(let reference): APIFailure(.forbidden, "'\(reference)' is a prebuilt subagent; it cannot be changed or deleted.")
        case .invalidName: .invalid("name", "name must be 1 to \(SubagentService.maxNameLength) characters and must not start with sa_.")
        case .prebuiltName(let name): .invalid("name", "'\(name)' is a prebuilt subagent; choose another name.")
        case .nameTaken(let name, let id): .invalid("name", "A subagent named '\(name)' is already deployed (\(id)).")
        case .noTools(let available):
            .invalid(
                "prompt",
                "The prompt names no service that a tool here covers, so the subagent would have no tools. Say what it works with "
                    + "(for example \"invoices and refunds in Stripe\"). Tools: \(available.joined(separator: ", ")).")
        }
    }
}

extension TaskFieldError {
    fileprivate var failure: APIFailure {
        switch self {
        case .promptTooLong(let count):
            APIFailure(
                .promptTooLong,
                "prompt is \(count) characters; the limit is \(TaskFields.maxPromptLength). Shorten it or split the task.", param: "prompt")
        case .blank(let field): .invalid(field, "\(field) must not be blank.")
        case .tooManyMetadataKeys(let count):
            .invalid("metadata", "metadata has \(count) keys; at most \(TaskFields.maxMetadataKeys) are allowed.")
        case .metadataKeyLength: .invalid("metadata", "metadata keys must be 1 to 40 characters.")
        case .metadataValueTooLong(let key):
            .invalid("metadata.\(key)", "metadata.\(key) is too long; values are limited to 500 characters of JSON.")
        case .unknownTool(let tool, let available):
            .invalid("tool", "Unknown tool '\(tool)'. Available tools: \(available.joined(separator: ", ")).")
        case .outsideSubagent(let tool, let subagent, let available):
            .invalid("tool", "'\(tool)' is outside the tools of subagent '\(subagent)': \(available.joined(separator: ", ")).")
        case .unknownSubagent(let reference):
            .invalid(
                "sub_agent",
                "No subagent named '\(reference)' is deployed here. Deploy it with POST /v1/subagents, or list them with GET /v1/subagents."
            )
        case .webhookURL: .invalid("webhook_url", "webhook_url must be an absolute http(s) URL.")
        }
    }
}

extension TaskError {
    fileprivate var failure: APIFailure {
        switch self {
        case .notFound(let id): .notFound("task", id: id)
        case .alreadyFinished(let status): APIFailure(.taskAlreadyFinished, "This task is already \(status); it cannot change any more.")
        case .notWaiting(let status, let reason):
            APIFailure(.taskNotWaiting, "This task is \(status)\(reason.map { " for \($0)" } ?? ""), not waiting for input or approval.")
        case .approvalExpected:
            APIFailure(.invalidRequest, "This task waits for approval: send {\"approve\": true} or {\"approve\": false}.", param: "approve")
        case .inputExpected:
            APIFailure(.invalidRequest, "This task waits for input: send {\"input\": {…}} matching waiting.input_schema.", param: "input")
        }
    }
}

extension InputError {
    fileprivate var failure: APIFailure {
        switch self {
        case .required(let field): APIFailure(.validationError, "\(field) is required.", param: field)
        case .wrongType(let field, let expected, let actual):
            APIFailure(.validationError, "\(field) must be a \(expected), not a \(actual).", param: field)
        case .blank(let field): APIFailure(.validationError, "\(field) must not be blank.", param: field)
        case .reservedKey(let field): APIFailure(.validationError, "\(field): keys starting with $ are reserved.", param: field)
        }
    }
}

extension ConnectionError {
    fileprivate var failure: APIFailure {
        switch self {
        case .notFound(let id): .notFound("connection", id: id)
        case .unknownStatus: .invalid("status", "status must be \"active\", \"expired\" or \"revoked\".")
        }
    }
}

extension EventError {
    fileprivate var failure: APIFailure {
        switch self {
        case .notFound(let id): .notFound("event", id: id)
        case .unknownType: .invalid("event", "event must be one of: \(WebhookEventType.all.joined(separator: ", ")).")
        case .deliverySuccessNotBoolean: .invalid("delivery_success", "delivery_success must be true or false.")
        case .noDestinations(let type):
            APIFailure(
                .noWebhookDestinations,
                "No enabled webhook endpoint receives \(type) events in this environment. Add or enable one, then redeliver.")
        }
    }
}

extension WebhookEndpointError {
    fileprivate var failure: APIFailure {
        switch self {
        case .notFound(let id): .notFound("webhook endpoint", id: id)
        case .notAnHTTPURL: .invalid("url", "url must be an absolute http:// or https:// URL, such as https://example.com/webhooks.")
        case .privateAddress(let reason):
            .invalid(
                "url",
                "url points at a \(reason) address (this machine or a private network); set PLOTON_ALLOW_PRIVATE_NETWORK=true to allow that."
            )
        case .unknownEventType(let type):
            .invalid("events", "Unknown event type \(type). Use one of: \(WebhookEventType.all.joined(separator: ", ")), or *.")
        }
    }
}

extension KeyError {
    fileprivate var failure: APIFailure {
        switch self {
        case .notFound(let id): .notFound("api key", id: id)
        case .inactive(let status):
            APIFailure(.apiKeyInactive, "Only active keys can be rolled; this key is \(status). Create a new key instead.")
        case .invalidKey: APIFailure(.invalidAPIKey, "The API key is not valid: it is unknown, revoked or expired. Use an active key.")
        case .rollOverlapOutOfRange: .invalid("expires_in", "expires_in must be between 0 and \(APIKeyService.maxRollOverlap) seconds.")
        case .noSuchAccount(let name):
            APIFailure(.notFound, "No account named '\(name)'. Run `ploton serve` once to create the default account.")
        }
    }
}

extension IdempotencyError {
    fileprivate var failure: APIFailure {
        switch self {
        case .inProgress: APIFailure(.idempotencyConflict, "Another request with this Idempotency-Key is in progress. Retry shortly.")
        case .keyReused:
            APIFailure(
                .idempotencyKeyReused, "This Idempotency-Key was already used with a different request. Use a new key for a new request.",
                param: IdempotencyMiddleware.header)
        case .unreadable:
            APIFailure(
                .idempotencyConflict,
                "The first response to this Idempotency-Key can no longer be read (its encryption key was retired). "
                    + "Check whether that request took effect, then use a new Idempotency-Key.")
        }
    }
}

extension OperatorError {
    fileprivate var failure: APIFailure {
        switch self {
        case .weakPassword(let problem): .invalid("password", problem)
        case .wrongCurrentPassword: .invalid("current_password", "The current password is not right.")
        case .invalidEmail: .invalid("email", "Enter an email address such as ops@example.com.")
        case .emailTaken(let email): .invalid("email", "Another operator already uses \(email).")
        case .notFound(let email, let account): APIFailure(.notFound, "No operator with the email \(email) in account '\(account)'.")
        }
    }
}
