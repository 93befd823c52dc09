import Foundation
import PlotonCore

/// The entries of a step's `recoveries` log, as the trace shows them: what the engine did to get
/// past a failure, and when.
enum StepRecovery {
    static func pace(_ wait: TimeInterval, at now: Date) -> JSONValue {
        .object([
            "type": .string("rate_limit_pace"), "reason": .string("rate_limited_recently"),
            "message": .string("The provider rate limited this capability recently; waiting out its window before calling."),
            "delay_ms": .number((wait * 1000).rounded()), "at": .string(timestamp(now)),
        ])
    }

    /// A per-user key the service refused.
    static func credentialsRejected(at now: Date) -> JSONValue {
        .object([
            "type": .string("credentials_rejected"), "reason": .string("auth_failed"),
            "message": .string("The service refused the end user's key; the connection expired and the user is asked for a new one."),
            "at": .string(timestamp(now)),
        ])
    }

    /// A token refresh: before use (about to expire) or after the provider refused it.
    static func tokenRefresh(before: Bool, at now: Date) -> JSONValue {
        .object([
            "type": .string("token_refresh"),
            "reason": .string(before ? "token_expiring" : "auth_failed"),
            "message": .string(
                before
                    ? "The access token was about to expire; it was refreshed."
                    : "The provider refused the access token; it was refreshed and the call retried."),
            "at": .string(timestamp(now)),
        ])
    }

    /// A retry after `delay`; a `rate_limit_wait` when the provider rate limited the call.
    static func retry(_ failure: ToolFailure, attempt: Int, delay: TimeInterval, at now: Date) -> JSONValue {
        .object([
            "type": .string(failure.code == .rateLimited ? "rate_limit_wait" : "retry"),
            "reason": .string(failure.code.rawValue), "message": .string(failure.message),
            "attempt": .number(Double(attempt)), "delay_ms": .number((delay * 1000).rounded()),
            "at": .string(timestamp(now)),
        ])
    }

    /// The step failed for good and the planner decides what to do instead.
    static func replan(_ failure: ToolFailure, attempt: Int, at now: Date) -> JSONValue {
        .object([
            "type": .string("replan"), "reason": .string(failure.code.rawValue), "message": .string(failure.message),
            "attempt": .number(Double(attempt)), "at": .string(timestamp(now)),
        ])
    }

    static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }
}

extension TaskStep {
    func addRecovery(_ entry: JSONValue) throws {
        recoveriesJSON = JSONText(JSONValue.array(try recoveries + [entry]).jsonText)
        PlotonMetrics.recovery(entry)
    }
}
