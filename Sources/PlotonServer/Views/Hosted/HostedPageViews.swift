import Foundation
import Plot

/// The pages end users see: sandbox OAuth consent, the per-user key form, their settings
/// (connections with Revoke) and approval of a step.
enum HostedPageViews {
    static func consent(tool: String, scopes: [String], fields: [String: String]) -> Markup {
        .group(
            .p("Ploton (test mode) asks for access to your sandbox ", .strong(.plain(tool)), " account:"),
            .ul(scopes.isEmpty ? .li("basic access") : .group(scopes.map { Markup.li(.code(.plain($0))) })),
            .p(.class("muted"), "This is the sandbox authorisation server: no real account is involved."),
            .post("/sandbox/oauth/\(tool)/authorize", .hidden(fields), decisionButtons))
    }

    static func credentials(tool: String, session: String) -> Markup {
        .group(
            .p("Enter your ", .strong(.plain(tool)), " API key. It is stored encrypted and used only for your requests."),
            .post(
                "/credentials/\(tool)", .hidden(["session": session]), .label(.for("key"), "API key"),
                .input(
                    .id("key"), .name("key"), .type("password"), .attr("autocomplete", "off"), .flag("required"), .attr("maxlength", "4096")
                ),
                .div(.class("actions"), .button(.class("primary"), .type("submit"), "Save"))))
    }

    struct SettingsRow {
        var id: String
        var tool: String
        var status: String
        var scopes: [String]
        var revoked: Bool
    }

    static func settings(userID: String, token: String, rows: [SettingsRow]) -> Markup {
        let rows = rows.map { row in
            Markup.tag(
                "tr", .tag("td", .plain(row.tool)), .tag("td", .plain(row.status)), .tag("td", .plain(row.scopes.joined(separator: ", "))),
                .tag(
                    "td",
                    row.revoked
                        ? .span(.class("muted"), "revoked")
                        : .post(
                            "/settings/\(token)/revoke", .hidden(["connection_id": row.id]),
                            .button(.type("submit"), .attr("aria-label", "Revoke \(row.tool)"), "Revoke"))))
        }
        let headers = ["Service", "Status", "Access", ""].map { Markup.tag("th", .plain($0)) }
        return .group(
            .p(.class("muted"), .plain("Services connected for \(userID). Revoking stops all access at once.")),
            rows.isEmpty
                ? .p("No services are connected.")
                : .tag("table", .tag("thead", .tag("tr", headers)), .tag("tbody", rows)))
    }

    static func approval(message: String, prompt: String, token: String) -> Markup {
        .group(
            .p(.plain(message)), .p(.class("muted"), .plain("Task: \(prompt)")),
            .post("/approve/\(token)", decisionButtons))
    }

    /// Approve and Deny, as the `decision` field.
    private static var decisionButtons: Markup {
        .div(
            .class("actions"), .button(.class("primary"), .type("submit"), .name("decision"), .value("approve"), "Approve"), " ",
            .button(.type("submit"), .name("decision"), .value("deny"), "Deny"))
    }
}
