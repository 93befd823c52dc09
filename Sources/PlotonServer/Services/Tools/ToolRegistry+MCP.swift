import Foundation
import PlotonAPI
import PlotonCore

/// Custom tools that are remote MCP servers: their capabilities are what `tools/list` answers,
/// read at registration (when the server needs no credentials), on refresh, and after the first
/// end user connects one that uses OAuth.
extension ToolRegistry {
    /// A definition about to be registered: an OAuth server's authorisation discovered (and a client
    /// registered), and the tools of a server that needs no credentials listed.
    func prepare(_ definition: ToolDefinition) async throws -> ToolDefinition {
        guard definition.isMCP else { return definition }
        var prepared = definition
        if prepared.auth.type == .oauth2, prepared.auth.authorizeURL == nil || prepared.auth.tokenURL == nil {
            prepared = try await MCPAuthorizationDiscovery(
                http: services.outbound,
                redirectURI: OAuthProvider.redirectURI(publicURL: services.config.publicURL, tool: definition.name)
            ).configure(prepared)
        }
        if prepared.capabilities.isEmpty, prepared.auth.type == .none {
            prepared = try await discover(prepared, credentials: nil)
        }
        return prepared
    }

    /// The definition with the server's tools as its capabilities. With OAuth, each needs the
    /// tool's scopes, so consent asks for them.
    func discover(_ definition: ToolDefinition, credentials: ToolCredentials?) async throws -> ToolDefinition {
        var discovered = definition
        let executor = HTTPToolExecutor(http: services.outbound)
        do {
            let headers = try executor.authHeaders(definition, credentials: credentials)
            let client = MCPRemoteClient(http: services.outbound, url: definition.baseURL, headers: headers, service: definition.name)
            discovered.capabilities = MCPToolImport.capabilities(try await client.listTools()).map { capability in
                var capability = capability
                if definition.auth.type == .oauth2 { capability.scopes = definition.auth.scopes ?? [] }
                return capability
            }
        } catch let failure as ToolFailure {
            // The server's error may quote the credentials it was sent.
            throw ToolError.mcpUnreachable(executor.scrubber(definition, credentials: credentials).scrub(failure))
        }
        return discovered
    }

    /// Reads the tools of a registered MCP server again, with its stored credentials or, for OAuth,
    /// the token of the end user `userID` (refreshed first when it is about to expire).
    func refresh(_ tool: CustomTool, userID: String?) async throws -> CustomTool {
        let definition = tool.definition
        guard definition.isMCP else {
            throw ToolError.notMCP(tool.name)
        }
        var credentials = try await credentials(for: tool.name)
        if let userID {
            credentials = .bearer(try await userToken(tool.name, userID: userID))
        } else if definition.auth.type == .oauth2, credentials == nil {
            throw ToolError.needsConnectedUser(tool.name)
        }
        return try await replace(tool, with: try await discover(definition, credentials: credentials))
    }

    /// After an end user's consent: an OAuth MCP server whose tools are not known yet is asked for
    /// them with the new token, so it can be planned at once. A failure leaves it as it was.
    func discoverAfterConsent(_ tool: String, accessToken: String) async {
        guard let custom = try? await find(tool), case let definition = custom.definition, definition.isMCP,
            definition.auth.type == .oauth2, definition.capabilities.isEmpty,
            let discovered = try? await discover(definition, credentials: .bearer(accessToken))
        else { return }
        _ = try? await replace(custom, with: discovered)
    }

    private func userToken(_ tool: String, userID: String) async throws -> String {
        let vault = ConnectionVault(database: database, services: services)
        guard let provider = try await oauthProvider(for: tool),
            let connection = try await vault.current(accountID: accountID, environment: environment, userID: userID, tool: tool),
            connection.status == Connection.Status.active, let id = connection.id
        else {
            throw ToolError.noActiveConnection(userID: userID, tool: tool)
        }
        do {
            return try await vault.accessToken(for: id, provider: provider, task: nil).token
        } catch let failure as ToolFailure {
            throw ToolError.userTokenFailed(failure)
        }
    }
}
