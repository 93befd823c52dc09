import PlotonAPI
import Vapor

/// While the database is known to be unreachable, answers `503 service_unavailable` at once
/// (one request a second still tries it), so no request hangs on a pool that cannot connect.
/// Liveness, readiness and the contract do not depend on the database and always pass.
struct DatabaseOutageMiddleware: Middleware {
    static let exemptPaths: Set<String> = ["/", "/health", "/ready", "/v1/openapi.json"]

    /// Whether the request is for one of `exemptPaths`: decided from the matched route's
    /// segments (a route of constants only: these four), or from the path when no route matched.
    static func isExempt(_ request: Request) -> Bool {
        guard let route = request.route?.path else { return exemptPaths.contains(request.url.path) }
        switch route.count {
        case 0: return true
        case 1: return route[0] == .constant("health") || route[0] == .constant("ready")
        case 2: return route[0] == .constant("v1") && route[1] == .constant("openapi.json")
        default: return false
        }
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard !Self.isExempt(request) else { return next.respond(to: request) }
        let availability = request.application.availability
        guard availability.admitsDatabaseRequest() else { return request.eventLoop.makeFailedFuture(APIFailure.databaseUnavailable) }
        return next.respond(to: request).map { response in
            if response.status.code < 500 { availability.databaseAnswered(logger: request.logger) }
            return response
        }
    }
}

extension APIFailure {
    static let databaseUnavailable = APIFailure(
        .serviceUnavailable,
        "The database is unreachable right now. Retry after the number of seconds in the Retry-After header; the server recovers by itself."
    )
}
