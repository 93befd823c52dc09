import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// Tools in the dashboard: the built-in catalogue and custom tools with their capabilities and
/// scopes, registering a custom tool from its JSON definition, editing and deleting it, account
/// credentials (write-only), and each tool's execution memory. The same code as `/v1/tools`.
struct DashboardToolsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let tools = routes.grouped("dashboard", "tools")
        tools.get(use: list)
        tools.post(use: register)
        tools.get(":name", use: show)
        tools.post(":name", use: update)
        tools.post(":name", "delete", use: delete)
        tools.post(":name", "credentials", use: setCredentials)
        tools.post(":name", "refresh", use: refresh)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let registry = try req.toolRegistry()
        var rows: [ToolsPageView.Row] = []
        let custom = try await registry.customTools()
        for (definition, type) in ToolCatalog.builtInDefinitions.map({ ($0, "built-in") })
            + custom.map({ tool in (tool.definition, tool.definition.isMCP ? "custom (MCP server)" : "custom") })
        {
            rows.append(.init(definition: definition, type: type, hasCredentials: try await registry.hasCredentials(for: definition.name)))
        }
        let model = ToolsPageView.ListModel(
            rows: rows, mcpURL: req.ploton.config.publicURL + "/mcp", environment: try req.requirePrincipal().environment.rawValue,
            csrf: DashboardPage.csrf(req))
        return DashboardPage.render(req, title: "Tools", body: ToolsPageView.list(model))
    }

    @Sendable func register(req: Request) async throws -> Response {
        let body = try ToolDefinitionRequest.parse(req.formFields["definition"] ?? "")
        let tool = try await req.toolAdministration().register(body)
        return HostedPage.redirect(to: "/dashboard/tools/\(tool.name)")
    }

    @Sendable func show(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let registry = try req.toolRegistry()
        let name = try req.parameters.require("name")
        let builtIn = ToolCatalog.builtInDefinitions.first { $0.name == name }
        var found = builtIn
        if found == nil { found = try await registry.find(name)?.definition }
        guard let definition = found else { return DashboardPage.notFound(req, "tool") }
        let memory = try await ToolMemory.report(tool: name, accountID: principal.accountID, environment: principal.environment, on: req.db)
        let model = ToolsPageView.Model(
            definition: definition, builtIn: builtIn != nil, memory: memory.value(at: "capabilities")?.arrayValue ?? [],
            scopesRequired: (memory.value(at: "scopes_required")?.arrayValue ?? []).compactMap(\.stringValue),
            mcpURL: req.ploton.config.publicURL + "/mcp", environment: principal.environment.rawValue,
            hasCredentials: try await registry.hasCredentials(for: name), csrf: DashboardPage.csrf(req))
        return DashboardPage.render(req, title: "Tool \(name)", body: ToolsPageView.show(model))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let name = try req.parameters.require("name")
        let body = try ToolDefinitionRequest.parse(req.formFields["definition"] ?? "")
        _ = try await req.toolAdministration().update(name, with: body)
        return HostedPage.redirect(to: "/dashboard/tools/\(name)")
    }

    @Sendable func delete(req: Request) async throws -> Response {
        try DashboardPage.requireConfirmation(req, "delete a tool")
        try await req.toolAdministration().delete(try req.parameters.require("name"))
        return HostedPage.redirect(to: "/dashboard/tools")
    }

    @Sendable func refresh(req: Request) async throws -> Response {
        let name = try req.parameters.require("name")
        let userID = req.formFields["user_id"].flatMap { $0.isEmpty ? nil : $0 }
        _ = try await req.toolAdministration().refresh(name, with: try RefreshToolRequest(userID: userID).validated())
        return HostedPage.redirect(to: "/dashboard/tools/\(name)")
    }

    @Sendable func setCredentials(req: Request) async throws -> Response {
        let name = try req.parameters.require("name")
        let form = req.formFields
        let body = ToolCredentialsRequest(
            apiKey: form["api_key"], token: form["token"], username: form["username"], password: form["password"])
        _ = try await req.toolAdministration().setCredentials(name, from: try body.validated())
        return HostedPage.redirect(to: "/dashboard/tools/\(name)")
    }
}
