/// The stable error codes of the API, each with the HTTP status it is sent with.
public enum ErrorCode: String, Sendable, Codable, CaseIterable {
    case invalidRequest = "invalid_request"
    case missingAPIKey = "missing_api_key"
    case invalidAPIKey = "invalid_api_key"
    case forbidden
    case requestTimeout = "request_timeout"
    case httpsRequired = "https_required"
    case notFound = "not_found"
    case methodNotAllowed = "method_not_allowed"
    case taskAlreadyFinished = "task_already_finished"
    case apiKeyInactive = "api_key_inactive"
    case taskNotWaiting = "task_not_waiting"
    case idempotencyConflict = "idempotency_conflict"
    case noWebhookDestinations = "no_webhook_destinations"
    case payloadTooLarge = "payload_too_large"
    case uriTooLong = "uri_too_long"
    case unsupportedMediaType = "unsupported_media_type"
    case promptTooLong = "prompt_too_long"
    case validationError = "validation_error"
    case idempotencyKeyReused = "idempotency_key_reused"
    case rateLimitExceeded = "rate_limit_exceeded"
    case headerFieldsTooLarge = "header_fields_too_large"
    case internalError = "internal_error"
    case serviceUnavailable = "service_unavailable"

    public var httpStatus: Int {
        switch self {
        case .invalidRequest: 400
        case .missingAPIKey, .invalidAPIKey: 401
        case .forbidden, .httpsRequired: 403
        case .notFound: 404
        case .methodNotAllowed: 405
        case .requestTimeout: 408
        case .taskAlreadyFinished, .apiKeyInactive, .taskNotWaiting, .idempotencyConflict, .noWebhookDestinations: 409
        case .payloadTooLarge: 413
        case .uriTooLong: 414
        case .unsupportedMediaType: 415
        case .promptTooLong, .validationError, .idempotencyKeyReused: 422
        case .rateLimitExceeded: 429
        case .headerFieldsTooLarge: 431
        case .internalError: 500
        case .serviceUnavailable: 503
        }
    }
}
