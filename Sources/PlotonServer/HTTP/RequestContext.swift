import PlotonAPI
import PlotonCore
import Vapor

/// Who is calling: the API key that authenticated the request (or `dashboard:<operator id>` for a
/// signed-in dashboard session) and what it may see.
struct APIPrincipal: Sendable {
    var keyID: String
    var accountID: String
    var environment: PlotonEnvironment
}

extension Request {
    private struct RequestIDKey: StorageKey { typealias Value = String }
    private struct PrincipalKey: StorageKey { typealias Value = APIPrincipal }

    /// Our own `req_…` id; a client-sent `X-Request-Id` is not trusted.
    var requestID: String {
        get { storage[RequestIDKey.self] ?? id }
        set { storage[RequestIDKey.self] = newValue }
    }

    var principal: APIPrincipal? {
        get { storage[PrincipalKey.self] }
        set { storage[PrincipalKey.self] = newValue }
    }

    func requirePrincipal() throws -> APIPrincipal {
        guard let principal else { throw APIFailure.missingAPIKey }
        return principal
    }
}

extension APIFailure {
    static let missingAPIKey = APIFailure(
        .missingAPIKey, "No API key provided. Send `Authorization: Bearer <key>` with a pk_test_ or pk_live_ key.")
}
