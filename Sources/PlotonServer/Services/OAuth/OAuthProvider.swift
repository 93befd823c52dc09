import Foundation
import PlotonCore

/// Where and as whom Ploton runs one tool's OAuth: the provider's endpoints and Ploton's client
/// credentials there. With test keys it is the built-in sandbox authorisation server.
struct OAuthProvider: Sendable {
    var tool: String
    var authorizeURL: String
    var tokenURL: String
    var revokeURL: String?
    var clientID: String
    var clientSecret: Redacted<String>?
    /// Every scope the tool knows.
    var scopes: [String]
    var isSandbox: Bool
    /// Provider-specific authorisation parameters from the definition.
    var extraParameters: [String: String] = [:]
    /// RFC 8707: the resource the tokens are for, sent with every authorisation and token request.
    var resource: String?
    var clientAuthentication: ToolDefinition.Auth.ClientAuthentication = .clientSecretBasic

    /// `{PLOTON_PUBLIC_URL}/oauth/callback/{tool}`, exactly.
    static func redirectURI(publicURL: String, tool: String) -> String { "\(publicURL)/oauth/callback/\(tool)" }

    /// The provider's authorisation URL for one attempt (RFC 6749 §4.1.1 with PKCE S256).
    func authorizationURL(redirectURI: String, scopes: [String], state: String, verifier: String) -> String {
        guard var components = URLComponents(string: authorizeURL) else { return authorizeURL }
        let existing = components.queryItems ?? []
        components.queryItems =
            existing + [
                URLQueryItem(name: "response_type", value: "code"), URLQueryItem(name: "client_id", value: clientID),
                URLQueryItem(name: "redirect_uri", value: redirectURI),
            ] + (scopes.isEmpty ? [] : [URLQueryItem(name: "scope", value: scopes.joined(separator: " "))]) + [
                URLQueryItem(name: "state", value: state),
                URLQueryItem(name: "code_challenge", value: PKCE.challenge(for: verifier)),
                URLQueryItem(name: "code_challenge_method", value: "S256"),
            ] + (resource.map { [URLQueryItem(name: "resource", value: $0)] } ?? [])
            + extraParameters.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        // `+` in a scope would read as a space; URLComponents leaves it alone.
        let query = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        components.percentEncodedQuery = query
        return components.string ?? authorizeURL
    }
}

extension ToolRegistry {
    /// The definition Ploton runs `tool` with in this environment (live overrides applied).
    func definition(of tool: String) async throws -> ToolDefinition? {
        if environment == .live, let live = services.liveDefinitions[tool] { return live }
        if let builtIn = ToolCatalog.builtInDefinitions.first(where: { $0.name == tool }) { return builtIn }
        guard let custom = try await find(tool) else { return nil }
        var definition = custom.definition
        if let sealed = custom.sealedClientSecret {
            definition.auth.clientSecret = try services.secretBox.open(
                sealed,
                associatedData: CustomTool.associatedData(
                    accountID: accountID, environment: environment.rawValue, tool: tool, purpose: "client_secret"))
        }
        return definition
    }

    /// The OAuth provider of an `oauth2` tool; a live one without a client id is a configuration problem.
    func oauthProvider(for tool: String) async throws -> OAuthProvider? {
        guard let definition = try await definition(of: tool), definition.auth.type == .oauth2 else { return nil }
        let auth = definition.auth
        let scopes = OAuthScopes.union(auth.scopes ?? [], definition.capabilities.flatMap(\.scopes))
        // Built-in tools consent against the sandbox with test keys; custom tools always use their own provider.
        if environment == .test, services.catalog.tool(tool) != nil {
            let base = "\(services.config.publicURL)/sandbox/oauth/\(tool)"
            return OAuthProvider(
                tool: tool, authorizeURL: base + "/authorize", tokenURL: base + "/token", revokeURL: base + "/revoke",
                clientID: "sandbox_\(tool)", clientSecret: nil, scopes: scopes, isSandbox: true)
        }
        let clients = services.config.oauthClients
        let isBuiltIn = services.catalog.tool(tool) != nil
        func variable(_ which: ToolDefinition.ClientVariable) -> String? {
            isBuiltIn
                ? (which == .id ? auth.clientIDEnv : auth.clientSecretEnv) : definition.permittedClientVariable(which)
        }
        guard let authorizeURL = auth.authorizeURL, let tokenURL = auth.tokenURL,
            let clientID = auth.clientID ?? variable(.id).flatMap({ clients[$0]?.value })
        else {
            throw ToolFailure(
                code: "oauth_not_configured", message: "\(tool) has no OAuth client configured for live use.", recoverable: true,
                suggestion: auth.clientIDEnv.map { "Set \($0) (and \(auth.clientSecretEnv ?? "the client secret")) and restart Ploton." }
                    ?? "Add client_id and client_secret to the tool definition.")
        }
        let secret = auth.clientSecret ?? variable(.secret).flatMap { clients[$0]?.value }
        return OAuthProvider(
            tool: tool, authorizeURL: authorizeURL, tokenURL: tokenURL, revokeURL: auth.revokeURL, clientID: clientID,
            clientSecret: secret.map(Redacted.init), scopes: scopes, isSandbox: false, extraParameters: auth.authorizeParams ?? [:],
            resource: auth.resource, clientAuthentication: auth.tokenEndpointAuthMethod ?? .clientSecretBasic)
    }
}
