import PlotonAPI
import PlotonCore
import Vapor

/// Authenticates `Authorization: Bearer pk_…` against the stored hashes on every request, so a
/// revoked key stops working at once on every process. Malformed keys fail the checksum here,
/// without a database lookup.
struct APIKeyAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let token = try bearerToken(request)
        guard let secret = APIKeySecret(parsing: token) else {
            throw APIFailure(.invalidAPIKey, "The API key is malformed. Keys look like pk_test_… or pk_live_…; copy it again in full.")
        }
        request.principal = try await APIKeyService(database: request.db, now: request.now).principal(for: secret)
        return try await next.respond(to: request)
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
