import Crypto
import Foundation
import Synchronization
import Vapor

/// A small, standards-following OAuth 2.0 authorisation server with a protected CRM-like API, run
/// locally for the tests: authorization code with PKCE (S256 only), client authentication with
/// HTTP Basic, refresh tokens with rotation, RFC 7009 revocation, scopes, and counters.
public final class FakeOAuthProvider: Sendable {
    public static let clientID = "ploton-test-client"
    public static let clientSecret = "s3cr3t:with/odd+chars"

    public struct Settings: Sendable {
        /// Seconds the first access token lives (`nil` = no `expires_in` in the response).
        public var initialLifetime: Int? = 3600
        /// Seconds refreshed access tokens live.
        public var refreshedLifetime: Int? = 3600
        /// Sent as `expires_in` in place of the lifetime (a provider with absurd numbers).
        public var expiresInOverride: Double?
        /// Whether a refresh returns a new refresh token (and retires the old one).
        public var rotateRefreshTokens = true
        /// Grant fewer scopes than asked (nil = what was asked).
        public var grantOnly: [String]?
        /// Every refresh fails with `invalid_grant`.
        public var refuseRefresh = false
        /// Every refresh fails with `server_error`, its description quoting the refresh token and
        /// the client's credentials it was sent (a careless provider).
        public var failRefreshQuotingSecrets = false
        /// Refreshes are granted at once, but the answer waits at this gate (a slow token endpoint).
        public var holdRefreshAnswers: Gate?
        public init() {}
    }

    struct Token {
        var scopes: [String]
        var expires: Date
        var revoked = false
    }

    struct State {
        var settings = Settings()
        var codes: [String: (challenge: String, redirect: String, scopes: [String])] = [:]
        var access: [String: Token] = [:]
        var refresh: [String: Token] = [:]
        var refreshRequests = 0
        var revocations: [String] = []
        var authorizeRequests: [[String: String]] = []
        var apiCalls = 0
    }

    private let state = Mutex(State())
    public let service: FakeService

    public var baseURL: String { service.baseURL }
    public var refreshRequests: Int { state.withLock { $0.refreshRequests } }
    public var revocations: [String] { state.withLock { $0.revocations } }
    public var apiCalls: Int { state.withLock { $0.apiCalls } }
    public var authorizeRequests: [[String: String]] { state.withLock { $0.authorizeRequests } }
    /// Every access and refresh token issued so far (to check they never leak).
    public var issuedTokens: [String] { state.withLock { Array($0.access.keys) + Array($0.refresh.keys) } }
    public func configure(_ change: (inout Settings) -> Void) { state.withLock { change(&$0.settings) } }
    /// Makes every current access token fail (as a provider does after a password change).
    public func invalidateAccessTokens() { state.withLock { for key in $0.access.keys { $0.access[key]?.revoked = true } } }

    public static func start() async throws -> FakeOAuthProvider {
        let holder = Holder()
        let service = try await FakeService.start { app in
            app.get("authorize") { req in try holder.provider!.authorize(req) }
            app.post("token") { req async throws in try await holder.provider!.token(req) }
            app.post("revoke") { req in try holder.provider!.revoke(req) }
            app.get("crm", "v3", "objects", "deals") { req in try holder.provider!.deals(req) }
        }
        let provider = FakeOAuthProvider(service: service)
        holder.provider = provider
        return provider
    }

    private final class Holder: @unchecked Sendable { var provider: FakeOAuthProvider? }

    private init(service: FakeService) { self.service = service }
    public func stop() async throws { try await service.stop() }

    func authorize(_ req: Request) throws -> Response {
        let query = try req.query.decode([String: String].self)
        state.withLock { $0.authorizeRequests.append(query) }
        guard query["client_id"] == Self.clientID, let redirect = query["redirect_uri"], query["response_type"] == "code" else {
            return Response(status: .badRequest, body: "invalid request")
        }
        guard query["code_challenge_method"] == "S256", let challenge = query["code_challenge"] else {
            return Self.redirect(redirect, ["error": "invalid_request", "state": query["state"] ?? ""])
        }
        if query["login_hint"] == "deny" { return Self.redirect(redirect, ["error": "access_denied", "state": query["state"] ?? ""]) }
        let code = "code_" + UUID().uuidString
        let asked = (query["scope"] ?? "").split(separator: " ").map(String.init)
        state.withLock { $0.codes[code] = (challenge, redirect, $0.settings.grantOnly ?? asked) }
        return Self.redirect(redirect, ["code": code, "state": query["state"] ?? ""])
    }

    func token(_ req: Request) async throws -> Response {
        let response = try grant(req)
        if (try? req.content.decode([String: String].self))?["grant_type"] == "refresh_token",
            let gate = state.withLock({ $0.settings.holdRefreshAnswers })
        {
            await gate.enterAndWait()
        }
        return response
    }

    private func grant(_ req: Request) throws -> Response {
        guard let basic = req.headers.basicAuthorization, basic.username.removingPercentEncoding == Self.clientID,
            basic.password.removingPercentEncoding == Self.clientSecret
        else { return try Self.json(["error": "invalid_client"], status: .unauthorized) }
        let form = try req.content.decode([String: String].self)
        return try state.withLock { state -> Response in
            switch form["grant_type"] {
            case "authorization_code":
                guard let code = form["code"], let issued = state.codes.removeValue(forKey: code) else {
                    return try Self.json(["error": "invalid_grant"], status: .badRequest)
                }
                let verifier = form["code_verifier"] ?? ""
                let challenge = Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
                    .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
                        of: "=", with: "")
                guard challenge == issued.challenge, form["redirect_uri"] == issued.redirect else {
                    return try Self.json(
                        ["error": "invalid_grant", "error_description": "PKCE or redirect_uri mismatch"], status: .badRequest)
                }
                return try issue(&state, scopes: issued.scopes, lifetime: state.settings.initialLifetime, refresh: nil)
            case "refresh_token":
                state.refreshRequests += 1
                if state.settings.failRefreshQuotingSecrets {
                    let sender = req.headers.first(name: .authorization) ?? ""
                    let quoted = "could not refresh \(form["refresh_token"] ?? "") from \(sender) (\(Self.clientSecret))"
                    return try Self.json(["error": "server_error", "error_description": quoted], status: .badRequest)
                }
                guard !state.settings.refuseRefresh, let old = form["refresh_token"], let token = state.refresh[old], !token.revoked else {
                    return try Self.json(["error": "invalid_grant"], status: .badRequest)
                }
                if state.settings.rotateRefreshTokens { state.refresh[old]?.revoked = true }
                return try issue(
                    &state, scopes: token.scopes, lifetime: state.settings.refreshedLifetime,
                    refresh: state.settings.rotateRefreshTokens ? nil : old)
            default:
                return try Self.json(["error": "unsupported_grant_type"], status: .badRequest)
            }
        }
    }

    private func issue(_ state: inout State, scopes: [String], lifetime: Int?, refresh keep: String?) throws -> Response {
        let access = "at_" + UUID().uuidString
        state.access[access] = Token(scopes: scopes, expires: Date().addingTimeInterval(TimeInterval(lifetime ?? 3600)))
        var body: [String: Any] = ["access_token": access, "token_type": "Bearer", "scope": scopes.joined(separator: " ")]
        if let lifetime { body["expires_in"] = lifetime }
        if let override = state.settings.expiresInOverride { body["expires_in"] = override }
        if keep == nil {
            let refresh = "rt_" + UUID().uuidString
            state.refresh[refresh] = Token(scopes: scopes, expires: .distantFuture)
            body["refresh_token"] = refresh
        }
        return try Self.json(body)
    }

    func revoke(_ req: Request) throws -> Response {
        guard req.headers.basicAuthorization?.username.removingPercentEncoding == Self.clientID else {
            return try Self.json(["error": "invalid_client"], status: .unauthorized)
        }
        let token = (try req.content.decode([String: String].self))["token"] ?? ""
        state.withLock { state in
            state.revocations.append(token)
            state.refresh[token]?.revoked = true
            state.access[token]?.revoked = true
        }
        return Response(status: .ok)
    }

    func deals(_ req: Request) throws -> Response {
        let token = req.headers.bearerAuthorization?.token ?? ""
        let valid = state.withLock { state -> Bool in
            state.apiCalls += 1
            guard let access = state.access[token], !access.revoked else { return false }
            return access.scopes.contains("crm.objects.deals.read")
        }
        guard valid else {
            return try Self.json(["status": "error", "message": "Authentication credentials not found."], status: .unauthorized)
        }
        return try Self.json([
            "results": [
                [
                    "id": "1",
                    "properties": ["dealname": "Live deal", "amount": "500", "dealstage": "qualifiedtobuy", "hs_is_closed": "false"],
                ]
            ]
        ])
    }

    static func redirect(_ url: String, _ items: [String: String]) -> Response {
        var components = URLComponents(string: url)!
        components.queryItems = (components.queryItems ?? []) + items.map { URLQueryItem(name: $0.key, value: $0.value) }
        let response = Response(status: .found)
        response.headers.replaceOrAdd(name: .location, value: components.string!)
        return response
    }

    static func json(_ object: [String: Any], status: HTTPStatus = .ok) throws -> Response { try Response.json(object, status: status) }
}
