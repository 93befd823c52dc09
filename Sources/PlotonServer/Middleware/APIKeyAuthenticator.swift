import PlotonAPI
import PlotonCore
import Vapor

/// Authenticates `Authorization: Bearer pk_…` against the stored hashes on every request, so a
/// revoked key stops working at once on every process, then holds the key to its rate limit
/// (`KeyRateLimit`). Malformed keys fail the checksum here, without a database lookup. The key
/// lookup and the rate limit share one task: each `AsyncMiddleware` would start its own and hop
/// back per request.
struct APIKeyAuthenticator: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let secret: APIKeySecret
        do {
            guard let parsed = APIKeySecret(parsing: try bearerToken(request)) else {
                throw APIFailure(.invalidAPIKey, "The API key is malformed. Keys look like pk_test_… or pk_live_…; copy it again in full.")
            }
            secret = parsed
        } catch {
            return request.eventLoop.makeFailedFuture(error)
        }
        return request.eventLoop.makeFutureWithTask {
            let principal = try await APIKeyService(database: request.db, now: request.now).principal(for: secret)
            request.principal = principal
            // The rest of the chain starts from this task, so the handler's task inherits its
            // task-locals (the request's trace context).
            let limit = try await KeyRateLimit.consume(for: principal, request: request)
            return try await (limit?.respond(to: request, chainingTo: next) ?? next.respond(to: request)).get()
        }
    }

    private func bearerToken(_ request: Request) throws -> String {
        guard let header = request.headers.first(name: .authorization)?.trimmingCharacters(in: .whitespaces),
            !header.isEmpty
        else { throw APIFailure.missingAPIKey }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIFailure(.invalidAPIKey, "Use the Bearer scheme: `Authorization: Bearer <key>`.")
        }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }
}
