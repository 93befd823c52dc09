import Foundation
import PlotonAPI
import PlotonCore

/// Changes to an account environment's tools: registering, changing, refreshing and deleting custom
/// tools, and the account credentials of any tool. `/v1/tools` and the dashboard both use it.
struct ToolAdministration {
    let registry: ToolRegistry

    /// An MCP server that needs no credentials is asked for its tools now; one that does, on refresh.
    func register(_ body: ToolDefinitionRequest) async throws -> CustomTool {
        try await registry.register(try await registry.prepare(try Self.definition(from: .object(body.fields))))
    }

    func custom(_ name: String) async throws -> CustomTool {
        guard let tool = try await registry.find(name) else { throw ToolError.notFound(name) }
        return tool
    }

    /// Merges the given top-level fields over the stored definition and validates the result. A
    /// stored client secret is kept unless `auth` brings a new one; a new `base_url` or `auth` drops
    /// it with the tool's other secrets (`ToolRegistry.replace`).
    func update(_ name: String, with body: ToolDefinitionRequest) async throws -> CustomTool {
        try Self.refuseBuiltIn(name)
        let tool = try await custom(name)
        var merged = (tool.definition.jsonValue.objectValue ?? [:]).merging(body.fields) { _, new in new }
        if body.fields["auth"] != nil, body.fields["auth"]?.value(at: "client_secret") == nil, tool.sealedClientSecret != nil {
            merged["auth"] = .object((merged["auth"]?.objectValue ?? [:]).filter { $0.key != "client_secret" })
        }
        return try await registry.replace(tool, with: try await registry.prepare(try Self.definition(from: .object(merged))))
    }

    /// An MCP server's tools, listed again (for OAuth, as `user_id`).
    func refresh(_ name: String, with body: RefreshToolRequest) async throws -> CustomTool {
        try Self.refuseBuiltIn(name)
        return try await registry.refresh(try await custom(name), userID: body.userID)
    }

    func delete(_ name: String) async throws {
        try Self.refuseBuiltIn(name)
        try await registry.delete(try await custom(name))
    }

    /// The account credentials a tool's auth type takes (`api_key`, `token`, or `username` and `password`).
    func setCredentials(_ name: String, from body: ToolCredentialsRequest) async throws -> (ToolDefinition.Auth.Kind, Date) {
        let definition: ToolDefinition
        if let builtIn = ToolCatalog.builtInDefinitions.first(where: { $0.name == name }) {
            definition = builtIn
        } else {
            definition = try await custom(name).definition
        }
        let credentials: ToolCredentials
        switch definition.auth.type {
        case .apiKey: credentials = .apiKey(try Self.required(body.apiKey, "api_key"))
        case .bearer, .oauth2: credentials = .bearer(try Self.required(body.token, "token"))
        case .basic:
            let username = try Self.required(body.username, "username")
            guard username.count <= ToolError.maxUsernameLength else { throw ToolError.usernameTooLong }
            credentials = .basic(username: username, password: try Self.required(body.password, "password"))
        case .none:
            throw ToolError.takesNoCredentials(tool: name, auth: definition.auth.type)
        }
        return (definition.auth.type, try await registry.setCredentials(credentials, for: name))
    }

    private static func required(_ value: String?, _ field: String) throws -> String {
        guard let value else { throw ToolError.missingCredential(field) }
        return value
    }

    static func refuseBuiltIn(_ name: String) throws {
        guard ToolCatalog.builtIn.tool(name) == nil else { throw ToolError.builtIn(name) }
    }

    static func definition(from value: JSONValue) throws -> ToolDefinition {
        let definition = try ToolDefinitionValidator.decode(value)
        try refuseForeignClientVariables(definition)
        return definition
    }

    /// A custom tool may read only the client variables named after itself (see `allowedClientVariable`).
    private static func refuseForeignClientVariables(_ definition: ToolDefinition) throws {
        for variable in ToolDefinition.ClientVariable.allCases {
            let named = variable == .id ? definition.auth.clientIDEnv : definition.auth.clientSecretEnv
            guard let named, definition.permittedClientVariable(variable) == nil else { continue }
            throw ToolError.foreignClientVariable(variable, named: named, allowed: definition.allowedClientVariable(variable))
        }
    }
}
