import Foundation
import Plot
import PlotonAPI
import PlotonCore

/// Tools: the catalogue with the register form, and one tool's capabilities, execution memory,
/// MCP names, credentials form and (custom tools) its definition to edit.
enum ToolsPageView {
    struct Row {
        var definition: ToolDefinition
        var type: String
        var hasCredentials: Bool
    }

    struct ListModel {
        var rows: [Row]
        var mcpURL: String
        var environment: String
        var csrf: String
    }

    static func list(_ model: ListModel) -> Markup {
        let rows = model.rows.map { row in
            let definition = row.definition
            return Markup.row(
                .a(.href("/dashboard/tools/\(definition.name)"), .plain(definition.name)), .plain(row.type), .plain(definition.description),
                .plain(definition.capabilities.map(\.name).joined(separator: ", ")), .plain(definition.auth.type.rawValue),
                .plain(row.hasCredentials ? "set" : "-"))
        }
        return .group(
            .p(
                "MCP clients reach these tools at ", .code(.plain(model.mcpURL)), .plain(" with a \(model.environment) API key in "),
                .code("Authorization: Bearer …"), ": ", .code("run_task"), ", and each capability as ", .code("tool__capability"), "."),
            .table(["Tool", "Type", "Description", "Capabilities", "Auth", "Credentials"], rows, empty: "No tools."),
            .h2("Register a custom tool"),
            .post(
                "/dashboard/tools", .csrf(model.csrf),
                .label(.for("definition"), "Tool definition (JSON, as for ", .code("POST /v1/tools"), ")"),
                .textarea(.id("definition"), .name("definition"), .attr("rows", "14"), .flag("required"), .attr("spellcheck", "false")),
                .div(.class("actions"), .button(.class("primary"), .type("submit"), "Register tool"))))
    }

    struct Model {
        var definition: ToolDefinition
        var builtIn: Bool
        /// `ToolMemory.report`'s `capabilities`.
        var memory: [JSONValue]
        var scopesRequired: [String]
        var mcpURL: String
        var environment: String
        var hasCredentials: Bool
        var csrf: String
    }

    static func show(_ model: Model) -> Markup {
        let definition = model.definition
        let capabilities = definition.capabilities.map { capability in
            Markup.row(
                .code(.plain(capability.name)), .plain(capability.description), .plain(capability.scopes.joined(separator: " ")),
                .plain(capability.sideEffect ? (capability.requiresApproval ? "yes, with approval" : "yes") : "no"))
        }
        let learned = model.memory.map { entry in
            let keys = ["capability", "runs", "successes", "retries", "average_latency_ms", "rate_limited", "last_run_at"]
            return Markup.row(
                keys.map { key in Markup.plain(entry.value(at: key).map { $0.stringValue ?? $0.jsonText } ?? "-") }
                    + [.plain(failures(entry.value(at: "failures")))])
        }
        return .group(
            .p(.plain(definition.description)),
            .p(
                .plain(model.builtIn ? "Built-in tool (sandboxed with test keys)" : "Custom tool"), " · auth ",
                .code(.plain(definition.auth.type.rawValue)),
                definition.auth.scopes.map { Markup.group(" · scopes ", .code(.plain($0.joined(separator: " ")))) } ?? .empty),
            .h2("Capabilities"),
            .table(["Capability", "Description", "Scopes", "Side effect"], capabilities, empty: "No capabilities."),
            .h2("Execution memory"),
            .table(
                ["Capability", "Runs", "Successes", "Retries", "Average ms", "Rate limited", "Last run", "Failures"], learned,
                empty: "No runs in this environment yet."),
            model.scopesRequired.isEmpty
                ? .empty
                : .p("Scopes end users granted, asked for up front: ", .code(.plain(model.scopesRequired.joined(separator: " ")))),
            mcp(model), credentialsForm(model), model.builtIn ? .empty : editForm(definition, csrf: model.csrf))
    }

    /// Where MCP clients reach the tool's capabilities and, for a remote MCP server, a button that
    /// lists its tools again (as a connected end user, for a server that wants OAuth).
    private static func mcp(_ model: Model) -> Markup {
        let definition = model.definition
        let names = definition.capabilities.map { Markup.code(.plain("\(definition.name)__\($0.name)")) }
        let reach = Markup.group(
            .h2("MCP"),
            .p(
                "MCP clients reach ", names.isEmpty ? "its capabilities" : .joined(names, separator: ", "), " at ",
                .code(.plain(model.mcpURL)), .plain(" with a \(model.environment) API key.")))
        guard definition.isMCP else { return reach }
        let oauth = definition.auth.type == .oauth2
        return .group(
            reach,
            .p(
                "Its capabilities are the tools of the MCP server at ", .code(.plain(definition.baseURL)),
                oauth ? ", listed with an end user's connection (the first user to connect lists them)" : .empty, "."),
            .post(
                "/dashboard/tools/\(definition.name)/refresh", .csrf(model.csrf),
                oauth
                    ? .group(
                        .label(.for("refresh-user"), "As end user (user_id)"),
                        .input(.id("refresh-user"), .name("user_id"), .type("text"), .flag("required")))
                    : .empty,
                .div(.class("actions"), .button(.type("submit"), "Refresh tools"))))
    }

    /// "rate_limited × 2, timeout × 1", or "-".
    private static func failures(_ counts: JSONValue?) -> String {
        let entries = (counts?.objectValue ?? [:]).sorted { $0.key < $1.key }
        guard !entries.isEmpty else { return "-" }
        return entries.map { "\($0.key) × \($0.value.jsonText)" }.joined(separator: ", ")
    }

    /// Write-only: the page says whether credentials are set, never what they are.
    private static func credentialsForm(_ model: Model) -> Markup {
        let definition = model.definition
        let inputs: [(name: String, label: String, type: String)]
        switch definition.auth.type {
        case .none: return .empty
        case .apiKey: inputs = [("api_key", "API key", "password")]
        case .bearer, .oauth2: inputs = [("token", "Token", "password")]
        case .basic: inputs = [("username", "Username", "text"), ("password", "Password", "password")]
        }
        var note = model.hasCredentials ? "Credentials are set; saving replaces them." : "No credentials set."
        if definition.auth.type == .oauth2 { note += " For OAuth tools this is an account-wide token; end users still connect their own." }
        return .group(
            .h2("Account credentials"), .p(.plain(note)),
            .post(
                "/dashboard/tools/\(definition.name)/credentials", .csrf(model.csrf),
                .group(
                    inputs.map { input in
                        Markup.group(
                            .label(.for("cred-\(input.name)"), .plain(input.label)),
                            .input(
                                .id("cred-\(input.name)"), .name(input.name), .type(input.type), .attr("autocomplete", "off"),
                                .flag("required")))
                    }),
                .div(.class("actions"), .button(.type("submit"), "Save credentials"))))
    }

    private static func editForm(_ definition: ToolDefinition, csrf: String) -> Markup {
        var shown = definition
        shown.auth.clientSecret = nil
        return .group(
            .h2("Edit"),
            .post(
                "/dashboard/tools/\(definition.name)", .csrf(csrf),
                .label(.for("definition"), "Definition (the client secret is kept unless you add a new one)"),
                .textarea(
                    .id("definition"), .name("definition"), .attr("rows", "16"), .flag("required"), .attr("spellcheck", "false"),
                    .plain(shown.jsonValue.prettyJSONText)),
                .div(.class("actions"), .button(.class("primary"), .type("submit"), "Save definition"))),
            .button(csrf: csrf, action: "/dashboard/tools/\(definition.name)/delete", label: "Delete tool", confirm: true))
    }
}
