extension ToolFailure {
    /// What went wrong with a step, as a task's `error.code` and its step log show it. The codes
    /// tools, sandboxes and the engine use are named here, and code that decides by a failure's
    /// code compares with these names (`failure.code == .rateLimited`), never with text. A literal
    /// (`code: "invalid_input"`) reads as the code it spells, and a step logged by an earlier
    /// version reads back with whatever code it stored, so the set stays open.
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
        public let rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }

        public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }

        public var description: String { rawValue }
    }
}

extension ToolFailure.Code {
    // The service answered, but not as asked.
    public static let authFailed: Self = "auth_failed"
    public static let rateLimited: Self = "rate_limited"
    public static let serviceError: Self = "service_error"
    public static let serviceUnreachable: Self = "service_unreachable"
    public static let unexpectedResponse: Self = "unexpected_response"
    public static let invalidResponse: Self = "invalid_response"
    public static let notFound: Self = "not_found"
    public static let placeNotFound: Self = "place_not_found"

    // The step itself cannot run.
    public static let invalidInput: Self = "invalid_input"
    public static let unknownTool: Self = "unknown_tool"
    public static let unknownCapability: Self = "unknown_capability"
    public static let sandboxUnavailable: Self = "sandbox_unavailable"
    public static let internalError: Self = "internal_error"
    /// An action on a record a search named, when the search found several (`AmbiguousRecords`).
    public static let ambiguousMatch: Self = "ambiguous_match"
    /// A refund asked in another currency than the payment's (`RefundCurrency`).
    public static let currencyMismatch: Self = "currency_mismatch"

    // Where a live call may go.
    public static let invalidDestination: Self = "invalid_destination"
    public static let destinationNotAllowed: Self = "destination_not_allowed"

    // Credentials and the end user's connection.
    public static let userIDRequired: Self = "user_id_required"
    public static let credentialsMissing: Self = "credentials_missing"
    public static let authTokenExpired: Self = "auth_token_expired"
    public static let oauthNotConfigured: Self = "oauth_not_configured"
    public static let oauthUnavailable: Self = "oauth_unavailable"
    public static let tokenRefreshFailed: Self = "token_refresh_failed"
    public static let tokenRefreshTimeout: Self = "token_refresh_timeout"
    public static let connectionRevoked: Self = "connection_revoked"
}
