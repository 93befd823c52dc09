import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// `/v1/tools`: the built-in catalogue and the account environment's custom tools.
struct ToolsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let tools = routes.grouped("tools")
        tools.get(use: list)
        tools.post(use: register)
        tools.get(":name", use: show)
        tools.patch(":name", use: update)
        tools.delete(":name", use: delete)
        tools.put(":name", "credentials", use: setCredentials)
        tools.get(":name", "memory", use: memory)
        tools.post(":name", "refresh", use: refresh)
    }

    enum ToolType: String, CaseIterable { case builtin, custom }

    @Sendable func list(req: Request) async throws -> Response {
        let registry = try registry(req)
        let type: ToolType? = try TasksController.queryEnum(req, "type")
        var all: [JSONValue] = []
        if type != .custom {
            for definition in ToolCatalog.builtInDefinitions {
                all.append(
                    ToolPresenter.builtIn(definition, credentialsConfigured: try await registry.hasCredentials(for: definition.name)))
            }
        }
        if type != .builtin {
            for tool in try await registry.customTools() {
                all.append(ToolPresenter.custom(tool, credentialsConfigured: try await registry.hasCredentials(for: tool.name)))
            }
        }
        let page = try Pagination(req)
        let slice = Array(all.dropFirst(page.offset).prefix(page.limit))
        return try ListObject(data: slice, hasMore: all.count > page.offset + slice.count).jsonResponse()
    }

    @Sendable func register(req: Request) async throws -> Response {
        let body = try req.decodeStrictly(ToolDefinitionRequest.self)
        let registry = try registry(req)
        // An MCP server that needs no credentials is asked for its tools now; one that does, on refresh.
        let tool = try await registry.register(try await registry.prepare(try Self.definition(from: .object(body.fields))))
        return try ToolPresenter.custom(tool, credentialsConfigured: false).jsonResponse(status: .created)
    }

    /// `POST /v1/tools/{name}/refresh`: an MCP server's tools, listed again (for OAuth, as `user_id`).
    @Sendable func refresh(req: Request) async throws -> Response {
        let body = try req.decodeStrictly(RefreshToolRequest.self)
        let registry = try registry(req)
        let name = try req.parameters.require("name")
        try Self.refuseBuiltIn(name)
        let refreshed = try await registry.refresh(
            try await Self.custom(name, registry), userID: body.userID)
        return try ToolPresenter.custom(refreshed, credentialsConfigured: try await registry.hasCredentials(for: name)).jsonResponse()
    }

    @Sendable func show(req: Request) async throws -> Response {
        let registry = try registry(req)
        let name = try req.parameters.require("name")
        if let builtIn = ToolCatalog.builtInDefinitions.first(where: { $0.name == name }) {
            return try ToolPresenter.builtIn(builtIn, credentialsConfigured: try await registry.hasCredentials(for: name)).jsonResponse()
        }
        let tool = try await Self.custom(name, registry)
        return try ToolPresenter.custom(tool, credentialsConfigured: try await registry.hasCredentials(for: name)).jsonResponse()
    }

    /// Merges the given top-level fields over the stored definition and validates the result.
    @Sendable func update(req: Request) async throws -> Response {
        let registry = try registry(req)
        let name = try req.parameters.require("name")
        let updated = try await Self.update(name, with: try req.decodeStrictly(ToolDefinitionRequest.self), registry: registry)
        return try ToolPresenter.custom(updated, credentialsConfigured: try await registry.hasCredentials(for: name)).jsonResponse()
    }

    /// Shared with the dashboard. A stored client secret is kept unless `auth` brings a new one; a new
    /// `base_url` or `auth` drops it with the tool's other secrets (`ToolRegistry.replace`).
    static func update(_ name: String, with body: ToolDefinitionRequest, registry: ToolRegistry) async throws -> CustomTool {
        try refuseBuiltIn(name)
        let tool = try await Self.custom(name, registry)
        var merged = (tool.definition.jsonValue.objectValue ?? [:]).merging(body.fields) { _, new in new }
        if body.fields["auth"] != nil, body.fields["auth"]?.value(at: "client_secret") == nil, tool.sealedClientSecret != nil {
            merged["auth"] = .object((merged["auth"]?.objectValue ?? [:]).filter { $0.key != "client_secret" })
        }
        return try await registry.replace(tool, with: try await registry.prepare(try definition(from: .object(merged))))
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let name = try req.parameters.require("name")
        try await Self.delete(name, registry: try registry(req))
        return try JSONValue.object(["object": .string("tool"), "name": .string(name), "deleted": .bool(true)]).jsonResponse()
    }

    static func delete(_ name: String, registry: ToolRegistry) async throws {
        try refuseBuiltIn(name)
        try await registry.delete(try await custom(name, registry))
    }

    @Sendable func setCredentials(req: Request) async throws -> Response {
        let name = try req.parameters.require("name")
        let body = try req.decodeStrictly(ToolCredentialsRequest.self)
        let (type, updatedAt) = try await Self.setCredentials(name, from: body, registry: try registry(req))
        return try JSONValue.object([
            "object": .string("tool_credentials"), "tool": .string(name), "type": .string(type.rawValue),
            "configured": .bool(true), "updated_at": .string(ISO8601DateFormatter().string(from: updatedAt)),
        ]).jsonResponse()
    }

    /// The account credentials a tool's auth type takes (`api_key`, `token`, or `username` and `password`).
    static func setCredentials(_ name: String, from body: ToolCredentialsRequest, registry: ToolRegistry) async throws -> (
        ToolDefinition.Auth.Kind, Date
    ) {
        let definition: ToolDefinition
        if let builtIn = ToolCatalog.builtInDefinitions.first(where: { $0.name == name }) {
            definition = builtIn
        } else {
            definition = try await custom(name, registry).definition
        }
        let credentials: ToolCredentials
        switch definition.auth.type {
        case .apiKey: credentials = .apiKey(try required(body.apiKey, "api_key"))
        case .bearer, .oauth2: credentials = .bearer(try required(body.token, "token"))
        case .basic:
            let username = try required(body.username, "username")
            guard username.count <= 1024 else { throw APIFailure.invalid("username", "username must be at most 1024 characters.") }
            credentials = .basic(username: username, password: try required(body.password, "password"))
        case .none:
            throw APIFailure(
                .validationError,
                "\(name) uses \(definition.auth.type.rawValue) authentication, which takes no account credentials.")
        }
        return (definition.auth.type, try await registry.setCredentials(credentials, for: name))
    }

    private static func required(_ value: String?, _ field: String) throws -> String {
        guard let value else { throw APIFailure.missing(field) }
        return value
    }

    /// `GET /v1/tools/{name}/memory`: what this environment's runs of the tool have taught us.
    @Sendable func memory(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let name = try req.parameters.require("name")
        guard try await registry(req).catalog().tool(name) != nil else { throw APIFailure.notFound("tool", id: name) }
        return try await ToolMemory.report(tool: name, accountID: principal.accountID, environment: principal.environment, on: req.db)
            .jsonResponse()
    }

    private func registry(_ req: Request) throws -> ToolRegistry { try Self.registry(req) }

    static func registry(_ req: Request) throws -> ToolRegistry {
        let principal = try req.requirePrincipal()
        return ToolRegistry(database: req.db, services: req.ploton, accountID: principal.accountID, environment: principal.environment)
    }

    static func custom(_ name: String, _ registry: ToolRegistry) async throws -> CustomTool {
        guard let tool = try await registry.find(name) else { throw APIFailure.notFound("tool", id: name) }
        return tool
    }

    static func refuseBuiltIn(_ name: String) throws {
        guard ToolCatalog.builtIn.tool(name) == nil else {
            throw APIFailure(.forbidden, "'\(name)' is a built-in tool; it cannot be changed or deleted.")
        }
    }

    static func definition(from value: JSONValue) throws -> ToolDefinition {
        let definition: ToolDefinition
        do {
            definition = try ToolDefinitionValidator.decode(value)
        } catch {
            switch error.kind {
            case .missing: throw APIFailure(.invalidRequest, "\(error.field) \(error.message).", param: error.field)
            case .invalid: throw APIFailure(.validationError, "\(error.field) \(error.message).", param: error.field)
            }
        }
        try refuseForeignClientVariables(definition)
        return definition
    }

    /// A custom tool may read only the client variables named after itself (see `allowedClientVariable`).
    static func refuseForeignClientVariables(_ definition: ToolDefinition) throws {
        for variable in ToolDefinition.ClientVariable.allCases {
            let named = variable == .id ? definition.auth.clientIDEnv : definition.auth.clientSecretEnv
            guard let named, definition.permittedClientVariable(variable) == nil else { continue }
            let allowed = definition.allowedClientVariable(variable).map { "must be \($0) (named after the tool)" }
            throw APIFailure(
                .validationError,
                "\(variable.field) '\(named)' \(allowed ?? "cannot be used: this tool's name maps into the reserved PLOTON_ namespace")."
                    + " Or give the value itself in the definition; it is sealed at rest.",
                param: variable.field)
        }
    }
}
