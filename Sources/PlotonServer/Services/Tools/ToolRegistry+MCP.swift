import Foundation
import PlotonAPI
import PlotonCore

/// Custom tools that are remote MCP servers: their capabilities are what `tools/list` answers,
/// read at registration (when the server needs no credentials) and on refresh.
extension ToolRegistry {
    /// The definition with the server's tools as its capabilities.
    func discover(_ definition: ToolDefinition, credentials: ToolCredentials?) async throws -> ToolDefinition {
        var discovered = definition
        do {
            let headers = try HTTPToolExecutor(http: services.outbound).authHeaders(definition, credentials: credentials)
            let client = MCPRemoteClient(http: services.outbound, url: definition.baseURL, headers: headers, service: definition.name)
            discovered.capabilities = MCPToolImport.capabilities(try await client.listTools())
        } catch let failure as ToolFailure {
            throw APIFailure(
                .validationError,
                "Could not list the tools of the MCP server at base_url: \(failure.message)"
                    + (failure.suggestion.map { " \($0)" } ?? ""), param: "base_url")
        }
        return discovered
    }

    /// Reads the tools of a registered MCP server again, with its stored credentials.
    func refresh(_ tool: CustomTool) async throws -> CustomTool {
        guard let definition = tool.definition, definition.isMCP else {
            throw APIFailure(.validationError, "Only tools of kind mcp are refreshed; '\(tool.name)' declares its capabilities.")
        }
        return try await replace(tool, with: try await discover(definition, credentials: try await credentials(for: tool.name)))
    }
}
