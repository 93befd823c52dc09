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
        let registry = try ToolsController.registry(req)
        var rows: [String] = []
        let custom = try await registry.customTools()
        for (definition, type) in ToolCatalog.builtInDefinitions.map({ ($0, "built-in") })
            + custom.compactMap({ tool in
                tool.definition.map { ($0, $0.isMCP ? "custom (MCP server)" : "custom") }
            })
        {
            rows.append(
                DashboardPage.row([
                    "<a href=\"/dashboard/tools/\(HostedPage.escape(definition.name))\">\(HostedPage.escape(definition.name))</a>", type,
                    HostedPage.escape(definition.description),
                    HostedPage.escape(definition.capabilities.map(\.name).joined(separator: ", ")),
                    definition.auth.type.rawValue,
                    try await registry.hasCredentials(for: definition.name) ? "set" : "-",
                ]))
        }
        let environment = try req.requirePrincipal().environment.rawValue
        let mcp = HostedPage.escape(req.ploton.config.publicURL + "/mcp")
        let body = """
            <p>MCP clients reach these tools at <code>\(mcp)</code> with a \(environment) API key in \
            <code>Authorization: Bearer …</code>: <code>run_task</code>, and each capability as <code>tool__capability</code>.</p>
            \(DashboardPage.table(["Tool", "Type", "Description", "Capabilities", "Auth", "Credentials"], rows, empty: "No tools."))
            <h2>Register a custom tool</h2>
            <form method="post" action="/dashboard/tools">\(DashboardPage.csrf(req))
            <label for="definition">Tool definition (JSON, as for <code>POST /v1/tools</code>)</label>
            <textarea id="definition" name="definition" rows="14" required spellcheck="false"></textarea>
            <div class="actions"><button class="primary" type="submit">Register tool</button></div></form>
            """
        return DashboardPage.render(req, title: "Tools", body: body)
    }

    @Sendable func register(req: Request) async throws -> Response {
        let body = try JSONBody.parse(req.formFields["definition"] ?? "", allowedKeys: ToolsController.definitionKeys)
        let registry = try ToolsController.registry(req)
        let tool = try await registry.register(try await registry.prepare(try ToolsController.definition(from: .object(body.fields))))
        return HostedPage.redirect(to: "/dashboard/tools/\(tool.name)")
    }

    @Sendable func show(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let registry = try ToolsController.registry(req)
        let name = try req.parameters.require("name")
        let builtIn = ToolCatalog.builtInDefinitions.first { $0.name == name }
        var found = builtIn
        if found == nil { found = try await registry.find(name)?.definition }
        guard let definition = found else { return DashboardPage.notFound(req, "tool") }
        let capabilities = definition.capabilities.map { capability in
            DashboardPage.row([
                "<code>\(HostedPage.escape(capability.name))</code>", HostedPage.escape(capability.description),
                HostedPage.escape(capability.scopes.joined(separator: " ")),
                capability.sideEffect ? (capability.requiresApproval ? "yes, with approval" : "yes") : "no",
            ])
        }
        let memory = try await ToolMemory.report(tool: name, accountID: principal.accountID, environment: principal.environment, on: req.db)
        let learned = (memory.value(at: "capabilities")?.arrayValue ?? []).map { entry in
            DashboardPage.row(
                ["capability", "runs", "successes", "retries", "average_latency_ms", "rate_limited", "last_run_at"].map { key in
                    HostedPage.escape(entry.value(at: key).map { $0.stringValue ?? $0.jsonText } ?? "-")
                } + [failures(entry.value(at: "failures"))])
        }
        let scopesRequired = (memory.value(at: "scopes_required")?.arrayValue ?? []).compactMap(\.stringValue)
        var body = """
            <p>\(HostedPage.escape(definition.description))</p>
            <p>\(builtIn == nil ? "Custom tool" : "Built-in tool (sandboxed with test keys)") · auth <code>\(definition.auth.type.rawValue)</code>\
            \(definition.auth.scopes.map { " · scopes <code>\(HostedPage.escape($0.joined(separator: " ")))</code>" } ?? "")</p>
            <h2>Capabilities</h2>
            \(DashboardPage.table(["Capability", "Description", "Scopes", "Side effect"], capabilities, empty: "No capabilities."))
            <h2>Execution memory</h2>
            \(DashboardPage.table(["Capability", "Runs", "Successes", "Retries", "Average ms", "Rate limited", "Last run", "Failures"], learned, empty: "No runs in this environment yet."))
            \(scopesRequired.isEmpty ? "" : "<p>Scopes end users granted, asked for up front: <code>\(HostedPage.escape(scopesRequired.joined(separator: " ")))</code></p>")
            """
        body += mcpSection(req, definition, environment: principal.environment.rawValue)
        body += try await credentialsForm(req, definition, configured: registry.hasCredentials(for: name))
        if builtIn == nil { body += editForm(req, definition) }
        return DashboardPage.render(req, title: "Tool \(name)", body: body)
    }

    /// Where MCP clients reach the tool's capabilities and, for a remote MCP server, a button that
    /// lists its tools again (as a connected end user, for a server that wants OAuth).
    private func mcpSection(_ req: Request, _ definition: ToolDefinition, environment: String) -> String {
        let url = HostedPage.escape(req.ploton.config.publicURL + "/mcp")
        let names = definition.capabilities.map { "<code>\(HostedPage.escape(definition.name))__\(HostedPage.escape($0.name))</code>" }
        var section = """
            <h2>MCP</h2><p>MCP clients reach \(names.isEmpty ? "its capabilities" : names.joined(separator: ", ")) at \
            <code>\(url)</code> with a \(environment) API key.</p>
            """
        guard definition.isMCP else { return section }
        let oauth = definition.auth.type == .oauth2
        section += """
            <p>Its capabilities are the tools of the MCP server at <code>\(HostedPage.escape(definition.baseURL))</code>\
            \(oauth ? ", listed with an end user's connection (the first user to connect lists them)" : "").</p>
            <form method="post" action="/dashboard/tools/\(HostedPage.escape(definition.name))/refresh">\(DashboardPage.csrf(req))\
            \(oauth ? #"<label for="refresh-user">As end user (user_id)</label><input id="refresh-user" name="user_id" type="text" required>"# : "")\
            <div class="actions"><button type="submit">Refresh tools</button></div></form>
            """
        return section
    }

    /// "rate_limited × 2, timeout × 1", or "-".
    private func failures(_ counts: JSONValue?) -> String {
        let entries = (counts?.objectValue ?? [:]).sorted { $0.key < $1.key }
        guard !entries.isEmpty else { return "-" }
        return entries.map { "\(HostedPage.escape($0.key)) × \($0.value.jsonText)" }.joined(separator: ", ")
    }

    /// Write-only: the page says whether credentials are set, never what they are.
    private func credentialsForm(_ req: Request, _ definition: ToolDefinition, configured: Bool) -> String {
        let inputs: [(name: String, label: String, type: String)]
        switch definition.auth.type {
        case .none: return ""
        case .apiKey: inputs = [("api_key", "API key", "password")]
        case .bearer, .oauth2: inputs = [("token", "Token", "password")]
        case .basic: inputs = [("username", "Username", "text"), ("password", "Password", "password")]
        }
        let fields = inputs.map {
            #"<label for="cred-\#($0.name)">\#($0.label)</label><input id="cred-\#($0.name)" name="\#($0.name)" type="\#($0.type)" autocomplete="off" required>"#
        }
        let note =
            definition.auth.type == .oauth2 ? " For OAuth tools this is an account-wide token; end users still connect their own." : ""
        return """
            <h2>Account credentials</h2><p>\(configured ? "Credentials are set; saving replaces them." : "No credentials set.")\(note)</p>
            <form method="post" action="/dashboard/tools/\(HostedPage.escape(definition.name))/credentials">\(DashboardPage.csrf(req))\
            \(fields.joined())<div class="actions"><button type="submit">Save credentials</button></div></form>
            """
    }

    private func editForm(_ req: Request, _ definition: ToolDefinition) -> String {
        var shown = definition
        shown.auth.clientSecret = nil
        let name = HostedPage.escape(definition.name)
        return """
            <h2>Edit</h2><form method="post" action="/dashboard/tools/\(name)">\(DashboardPage.csrf(req))
            <label for="definition">Definition (the client secret is kept unless you add a new one)</label>
            <textarea id="definition" name="definition" rows="16" required spellcheck="false">\(HostedPage.escape(shown.jsonValue.prettyJSONText))</textarea>
            <div class="actions"><button class="primary" type="submit">Save definition</button></div></form>
            \(DashboardPage.button(req, action: "/dashboard/tools/\(name)/delete", label: "Delete tool", confirm: true))
            """
    }

    @Sendable func update(req: Request) async throws -> Response {
        let name = try req.parameters.require("name")
        let body = try JSONBody.parse(req.formFields["definition"] ?? "", allowedKeys: ToolsController.definitionKeys)
        _ = try await ToolsController.update(name, with: body, registry: try ToolsController.registry(req))
        return HostedPage.redirect(to: "/dashboard/tools/\(name)")
    }

    @Sendable func delete(req: Request) async throws -> Response {
        try DashboardPage.requireConfirmation(req, "delete a tool")
        try await ToolsController.delete(try req.parameters.require("name"), registry: try ToolsController.registry(req))
        return HostedPage.redirect(to: "/dashboard/tools")
    }

    @Sendable func refresh(req: Request) async throws -> Response {
        let name = try req.parameters.require("name")
        let registry = try ToolsController.registry(req)
        let userID = try JSONBody(fields: req.formFields.filter { $0.key == "user_id" && !$0.value.isEmpty }.mapValues(JSONValue.string))
            .string("user_id", maxLength: 256)
        _ = try await registry.refresh(try await ToolsController.custom(name, registry), userID: userID)
        return HostedPage.redirect(to: "/dashboard/tools/\(name)")
    }

    @Sendable func setCredentials(req: Request) async throws -> Response {
        let name = try req.parameters.require("name")
        let fields = req.formFields.filter { ToolsController.credentialKeys.contains($0.key) }.mapValues(JSONValue.string)
        _ = try await ToolsController.setCredentials(name, from: JSONBody(fields: fields), registry: try ToolsController.registry(req))
        return HostedPage.redirect(to: "/dashboard/tools/\(name)")
    }
}
