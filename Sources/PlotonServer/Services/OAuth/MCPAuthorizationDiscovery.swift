import Foundation
import NIOCore
import NIOHTTP1
import PlotonAPI
import PlotonCore

/// OAuth 2.1 for a remote MCP server, as the MCP authorization spec defines it: the server's `401`
/// names its protected-resource metadata (RFC 9728; else the well-known URLs are tried), which
/// names the authorisation server, whose metadata (RFC 8414 or OpenID Connect discovery) gives the
/// endpoints; a client is registered dynamically (RFC 7591) unless the definition brings one. What
/// it finds fills the definition's `auth`, so consent, the vault and refresh then run exactly as for
/// any OAuth tool, with PKCE and the RFC 8707 `resource`. Every request goes through `OutboundHTTP`.
struct MCPAuthorizationDiscovery {
    let http: OutboundHTTP
    /// `{PLOTON_PUBLIC_URL}/oauth/callback/{tool}`, registered as the client's only redirect URI.
    let redirectURI: String

    func configure(_ definition: ToolDefinition) async throws -> ToolDefinition {
        var configured = definition
        let challenge = try await challenge(definition)
        let candidates =
            challenge["resource_metadata"].map { [$0] }
            ?? OAuthDiscovery.protectedResourceMetadataURLs(resource: definition.baseURL)
        let resourceMetadata = try await firstDocument(candidates) { $0.value(at: "authorization_servers")?.arrayValue?.isEmpty == false }
        // A server without resource metadata (MCP 2025-03-26) is its own authorisation server.
        let issuer = resourceMetadata?.value(at: "authorization_servers")?.arrayValue?.first?.stringValue ?? Self.origin(definition.baseURL)
        let resource = resourceMetadata?.value(at: "resource")?.stringValue ?? definition.baseURL
        guard OAuthDiscovery.sameOrigin(resource, definition.baseURL) else {
            throw refusal("names \(resource) as the resource its tokens are for, which is not the server at base_url.")
        }
        guard
            let server = try await firstDocument(
                OAuthDiscovery.authorizationServerMetadataURLs(issuer: issuer),
                accept: { $0.value(at: "authorization_endpoint") != nil && $0.value(at: "token_endpoint") != nil })
        else { throw refusal("names the authorization server \(issuer), whose metadata could not be read.") }
        let methods = server.value(at: "code_challenge_methods_supported")?.arrayValue?.compactMap(\.stringValue) ?? []
        guard methods.contains("S256") else {
            throw refusal("uses an authorization server that does not offer PKCE with S256, which MCP requires.")
        }
        var auth = configured.auth
        auth.authorizeURL = server.value(at: "authorization_endpoint")?.stringValue
        auth.tokenURL = server.value(at: "token_endpoint")?.stringValue
        auth.revokeURL = auth.revokeURL ?? server.value(at: "revocation_endpoint")?.stringValue
        auth.resource = resource
        auth.scopes =
            auth.scopes ?? challenge["scope"].map(OAuthScopes.parse)
            ?? resourceMetadata?.value(at: "scopes_supported")?.arrayValue?.compactMap(\.stringValue)
        let supported = server.value(at: "token_endpoint_auth_methods_supported")?.arrayValue?.compactMap(\.stringValue)
        if auth.clientID == nil, auth.clientIDEnv == nil {
            guard let endpoint = server.value(at: "registration_endpoint")?.stringValue else {
                throw refusal(
                    "uses an authorization server that offers no dynamic client registration: register Ploton there with the redirect URI \(redirectURI), then add auth.client_id and auth.client_secret."
                )
            }
            try await register(at: endpoint, method: OAuthDiscovery.clientAuthentication(supported: supported), into: &auth)
        } else {
            auth.tokenEndpointAuthMethod = auth.tokenEndpointAuthMethod ?? OAuthDiscovery.clientAuthentication(supported: supported)
        }
        configured.auth = auth
        do {
            try ToolDefinitionValidator.validate(configured)
        } catch {
            throw refusal("published metadata Ploton cannot use (\(error.description)).")
        }
        return configured
    }

    /// The parameters of the server's `Bearer` challenge to a request without a token.
    private func challenge(_ definition: ToolDefinition) async throws -> [String: String] {
        let initialize = JSONValue.object([
            "jsonrpc": .string("2.0"), "id": .number(1), "method": .string("initialize"),
            "params": .object([
                "protocolVersion": .string(MCPRemoteClient.protocolVersion), "capabilities": .object([:]),
                "clientInfo": .object(["name": .string("ploton"), "version": .string("1.0.0")]),
            ]),
        ])
        let reply = try await reach {
            try await http.send(
                .POST, definition.baseURL,
                headers: HTTPHeaders([("Content-Type", "application/json"), ("Accept", "application/json, text/event-stream")]),
                body: ByteBuffer(string: initialize.jsonText))
        }
        guard reply.status == 401 else { return [:] }
        return OAuthDiscovery.bearerChallenge(reply.headers[canonicalForm: "WWW-Authenticate"].joined(separator: ", "))
    }

    /// RFC 7591: a confidential client (or a public one, when that is all the server takes) whose one
    /// redirect URI is Ploton's callback for this tool.
    private func register(
        at endpoint: String, method: ToolDefinition.Auth.ClientAuthentication, into auth: inout ToolDefinition.Auth
    ) async throws {
        var metadata: [String: JSONValue] = [
            "client_name": .string("Ploton"), "redirect_uris": .array([.string(redirectURI)]),
            "grant_types": .array([.string("authorization_code"), .string("refresh_token")]),
            "response_types": .array([.string("code")]), "token_endpoint_auth_method": .string(method.rawValue),
        ]
        if let scopes = auth.scopes, !scopes.isEmpty { metadata["scope"] = .string(scopes.joined(separator: " ")) }
        let reply = try await reach {
            try await http.send(
                .POST, endpoint, headers: HTTPHeaders([("Content-Type", "application/json"), ("Accept", "application/json")]),
                body: ByteBuffer(string: JSONValue.object(metadata).jsonText))
        }
        guard (200..<300).contains(reply.status), let client = reply.json, let id = client.value(at: "client_id")?.stringValue else {
            let reason = reply.json?.value(at: "error_description")?.stringValue ?? reply.json?.value(at: "error")?.stringValue
            throw refusal("refused to register Ploton as a client (HTTP \(reply.status)\(reason.map { ": \($0)" } ?? "")).")
        }
        auth.clientID = id
        auth.clientSecret = client.value(at: "client_secret")?.stringValue
        auth.tokenEndpointAuthMethod =
            client.value(at: "token_endpoint_auth_method")?.stringValue.flatMap(ToolDefinition.Auth.ClientAuthentication.init)
            ?? method
    }

    /// The first URL that answers with a JSON object `accept` takes; nil when none does.
    private func firstDocument(_ urls: [String], accept: (JSONValue) -> Bool) async throws -> JSONValue? {
        for url in urls {
            let reply = try await reach { try await http.get(url, headers: HTTPHeaders([("Accept", "application/json")])) }
            if (200..<300).contains(reply.status), let document = reply.json, accept(document) { return document }
        }
        return nil
    }

    private func reach(_ request: () async throws -> OutboundHTTP.Reply) async throws -> OutboundHTTP.Reply {
        do {
            return try await request()
        } catch let failure as ToolFailure {
            throw ToolError.mcpOAuthUnreachable(failure)
        }
    }

    private func refusal(_ reason: String) -> ToolError { .mcpOAuthRefused(reason: reason) }

    private static func origin(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = ""
        components.query = nil
        components.fragment = nil
        return components.string ?? url
    }
}
