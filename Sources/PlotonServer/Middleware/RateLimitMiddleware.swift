import PlotonAPI
import PlotonCore
import Vapor

/// Per-key rate limiting (across all processes on PostgreSQL) with the IETF httpapi `RateLimit-Policy` / `RateLimit` headers on every
/// authenticated response and `Retry-After` on 429.
struct RateLimitMiddleware: AsyncMiddleware {
    static let policyName = "\"per-key\""

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let principal = try request.requirePrincipal()
        guard let policy = request.ploton.config.rateLimits[principal.environment] else {
            return try await next.respond(to: request)
        }
        let decision = try await request.ploton.rateLimiter.consume(key: principal.keyID, policy: policy)
        let response: Response
        if decision.allowed {
            do {
                response = try await next.respond(to: request)
            } catch {
                response = ErrorResponse.response(for: error, request: request)
            }
        } else {
            let failure = APIFailure(
                .rateLimitExceeded,
                "Too many requests for this API key (\(policy.limit) per \(policy.windowSeconds) s). Retry after \(decision.retryAfterSeconds ?? 1) s."
            )
            response = ErrorResponse.response(for: failure, request: request)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(decision.retryAfterSeconds ?? 1))
        }
        response.headers.replaceOrAdd(name: "RateLimit-Policy", value: "\(Self.policyName);q=\(policy.limit);w=\(policy.windowSeconds)")
        response.headers.replaceOrAdd(name: "RateLimit", value: "\(Self.policyName);r=\(decision.remaining);t=\(decision.resetSeconds)")
        return response
    }
}
