import Foundation
import PlotonCore
import Vapor

/// The sandbox authorisation server test keys consent against, over HTTP: a consent page with
/// Approve and Deny, a token endpoint (authorization code with PKCE, refresh with rotation) and
/// RFC 7009 revocation. Only Ploton's own callback is a registered redirect URI.
struct SandboxOAuthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let sandbox = routes.grouped("sandbox", "oauth", ":tool")
        sandbox.get("authorize", use: consent)
        sandbox.post("authorize", use: decide)
        sandbox.post("token", use: token)
        sandbox.post("revoke", use: revoke)
    }

    struct AuthorizationRequest {
        var tool: String
        var fields: [String: String]

        /// Checks the request as an authorisation server must before showing any consent.
        init(tool: String, fields: [String: String], publicURL: String) throws {
            func fail(_ message: String) -> AuthFlow.PageError {
                .init(status: 400, title: "Invalid authorisation request", message: message)
            }
            guard fields["client_id"] == "sandbox_\(tool)" else { throw fail("Unknown client_id.") }
            guard fields["redirect_uri"] == OAuthProvider.redirectURI(publicURL: publicURL, tool: tool) else {
                throw fail("redirect_uri is not registered for this client.")
            }
            guard fields["response_type"] == "code" else { throw fail("response_type must be code.") }
            guard fields["code_challenge_method"] == "S256", let challenge = fields["code_challenge"], challenge.count >= 43 else {
                throw fail("PKCE with code_challenge_method=S256 is required.")
            }
            self.tool = tool
            self.fields = fields.filter {
                ["client_id", "redirect_uri", "response_type", "scope", "state", "code_challenge", "code_challenge_method"].contains($0.key)
            }
        }

        var scopes: [String] { OAuthScopes.parse(fields["scope"] ?? "") }
    }

    @Sendable func consent(req: Request) async throws -> Response {
        let tool = try req.parameters.require("tool")
        return try await OAuthPagesController.page {
            let request = try AuthorizationRequest(
                tool: tool, fields: try req.query.decode([String: String].self), publicURL: req.ploton.config.publicURL)
            return HostedPage.response(
                title: "Sandbox: connect \(tool)", body: HostedPageViews.consent(tool: tool, scopes: request.scopes, fields: request.fields)
            )
        }
    }

    @Sendable func decide(req: Request) async throws -> Response {
        let tool = try req.parameters.require("tool")
        return try await OAuthPagesController.page {
            let fields = try req.content.decode([String: String].self)
            let request = try AuthorizationRequest(tool: tool, fields: fields, publicURL: req.ploton.config.publicURL)
            let redirectURI = request.fields["redirect_uri"] ?? ""
            var answer = ["state": request.fields["state"] ?? ""]
            if fields["decision"] == "approve" {
                answer["code"] = try await SandboxAuthorizationServer(database: req.db, now: req.now).issueCode(
                    tool: tool, subject: "sandbox-user", scopes: request.scopes, redirectURI: redirectURI,
                    codeChallenge: request.fields["code_challenge"] ?? "")
            } else {
                answer["error"] = "access_denied"
            }
            return HostedPage.redirect(to: AuthFlow.append(redirectURI, answer))
        }
    }

    @Sendable func token(req: Request) async throws -> Response {
        let tool = try req.parameters.require("tool")
        let fields = req.formFields
        guard Self.clientID(req, fields) == "sandbox_\(tool)" else {
            return try Self.json(["error": "invalid_client", "error_description": "Unknown client."], status: .unauthorized)
        }
        let server = SandboxAuthorizationServer(database: req.db, now: req.now)
        do {
            let grant: TokenGrant
            switch fields["grant_type"] {
            case "authorization_code":
                grant = try await server.exchange(
                    tool: tool, code: fields["code"] ?? "", verifier: fields["code_verifier"], redirectURI: fields["redirect_uri"])
            case "refresh_token":
                grant = try await server.refresh(tool: tool, refreshToken: fields["refresh_token"] ?? "")
            default:
                return try Self.json(["error": "unsupported_grant_type"], status: .badRequest)
            }
            var body: [String: Any] = [
                "access_token": grant.accessToken, "token_type": grant.tokenType, "expires_in": Int(grant.expiresIn),
                "scope": (grant.scopes ?? []).joined(separator: " "),
            ]
            body["refresh_token"] = grant.refreshToken
            return try Self.json(body)
        } catch let error as OAuthError {
            return try Self.json(["error": error.code, "error_description": error.description], status: .badRequest)
        }
    }

    @Sendable func revoke(req: Request) async throws -> Response {
        let tool = try req.parameters.require("tool")
        let fields = req.formFields
        guard Self.clientID(req, fields) == "sandbox_\(tool)" else {
            return try Self.json(["error": "invalid_client"], status: .unauthorized)
        }
        if let token = fields["token"] {
            try await SandboxAuthorizationServer(database: req.db, now: req.now).revoke(tool: tool, token: token)
        }
        return Response(status: .ok)
    }

    /// HTTP Basic (RFC 6749 §2.3.1), or `client_id` in the body.
    static func clientID(_ req: Request, _ fields: [String: String]) -> String? {
        if let basic = req.headers.basicAuthorization { return basic.username.removingPercentEncoding ?? basic.username }
        return fields["client_id"]
    }

    static func json(_ object: [String: Any], status: HTTPStatus = .ok) throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.add(name: "Cache-Control", value: "no-store")
        return Response(status: status, headers: headers, body: .init(data: try JSONSerialization.data(withJSONObject: object)))
    }
}
