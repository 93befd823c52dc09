import PlotonCore

/// Why a change to an account environment's tools was refused. A definition that does not read is
/// `ToolDefinitionValidator.Problem`; the HTTP edge reports both (HTTP/DomainFailures.swift).
enum ToolError: Error, Equatable {
    case notFound(String)
    /// A built-in tool cannot be changed or deleted.
    case builtIn(String)
    /// A custom tool cannot take a built-in tool's name.
    case builtInName(String)
    case nameTaken(String)
    case renamed
    /// A client variable (`client_id_env`, `client_secret_env`) not named after the tool.
    case foreignClientVariable(ToolDefinition.ClientVariable, named: String, allowed: String?)
    case missingCredential(String)
    case usernameTooLong
    case takesNoCredentials(tool: String, auth: ToolDefinition.Auth.Kind)
    case notMCP(String)
    /// The MCP server at `base_url` could not list its tools.
    case mcpUnreachable(ToolFailure)
    case needsConnectedUser(String)
    case noActiveConnection(userID: String, tool: String)
    case userTokenFailed(ToolFailure)
    /// Setting up OAuth for an MCP server: its discovery documents could not be fetched, or what
    /// they say rules it out (`reason` completes "it …").
    case mcpOAuthUnreachable(ToolFailure)
    case mcpOAuthRefused(reason: String)

    static let maxUsernameLength = 1024
}
