import PlotonAPI
import PlotonCore
import Tracing
import Vapor

/// Per-key rate limiting (across all processes on PostgreSQL) with the IETF httpapi `RateLimit-Policy` / `RateLimit` headers on every
/// authenticated response and `Retry-After` on 429. `APIKeyAuthenticator` consumes the token in
/// the same chain of futures that looked the key up; answering is then synchronous.
struct KeyRateLimit: Sendable {
    static let policyName = "\"per-key\""
    let policy: RateLimitPolicy
    let decision: RateLimitDecision

    /// Takes a token from the key's bucket; nil when its environment has no limit. Decided on the
    /// event loop when the limiter can answer from memory, else in a task that asks its store.
    static func consume(for principal: APIPrincipal, request: Request, services: PlotonServices) -> EventLoopFuture<KeyRateLimit?> {
        guard let policy = services.config.rateLimits[principal.environment] else {
            return request.eventLoop.makeSucceededFuture(nil)
        }
        let limiter = services.rateLimiter
        if let decision = limiter.consumeWithoutWaiting(key: principal.keyID, policy: policy) {
            return request.eventLoop.makeSucceededFuture(KeyRateLimit(policy: policy, decision: decision))
        }
        return request.eventLoop.makeFutureWithTask {
            KeyRateLimit(policy: policy, decision: try await limiter.consume(key: principal.keyID, policy: policy))
        }
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard decision.allowed else {
            let failure = APIFailure(
                .rateLimitExceeded,
                "Too many requests for this API key (\(policy.limit) per \(policy.windowSeconds) s). Retry after \(decision.retryAfterSeconds ?? 1) s."
            )
            let response = ErrorResponse.response(for: failure, request: request)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(decision.retryAfterSeconds ?? 1))
            return request.eventLoop.makeSucceededFuture(headed(response))
        }
        let context = ServiceContext.current  // the request's trace, for the error's log line
        return next.respond(to: request)
            .recover { error in ServiceContext.withValue(context) { ErrorResponse.response(for: error, request: request) } }
            .map(headed)
    }

    private func headed(_ response: Response) -> Response {
        response.headers.replaceOrAdd(name: "RateLimit-Policy", value: "\(Self.policyName);q=\(policy.limit);w=\(policy.windowSeconds)")
        response.headers.replaceOrAdd(name: "RateLimit", value: "\(Self.policyName);r=\(decision.remaining);t=\(decision.resetSeconds)")
        return response
    }
}
