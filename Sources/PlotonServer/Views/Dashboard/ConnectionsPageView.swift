import Foundation
import Plot
import PlotonAPI

/// End users' connections, filtered by user and status, each with Revoke; and the page after a
/// revocation.
enum ConnectionsPageView {
    struct Model {
        var connections: [ConnectionObject]
        var user: String
        var status: String?
        var csrf: String
    }

    static func body(_ model: Model) -> Markup {
        let rows = model.connections.map { connection in
            Markup.row(
                .plain(connection.userID), .plain(connection.tool), .plain(connection.type),
                .span(.class(connection.status == "active" ? "ok" : "bad"), .plain(connection.status)),
                .code(.plain(connection.scopes.joined(separator: " "))), .date(connection.expiresAt), .date(connection.createdAt),
                connection.status == "revoked"
                    ? .empty
                    : .button(
                        csrf: model.csrf, action: "/dashboard/connections/\(connection.id)/revoke", label: "Revoke", confirm: true))
        }
        return .group(
            .form(
                .attr("method", "get"), .attr("action", "/dashboard/connections"), .label(.for("user_id"), "End user"),
                .input(.id("user_id"), .name("user_id"), .type("text"), .value(model.user)), .label(.for("status"), "Status"),
                .filter(id: "status", name: "status", values: ["active", "expired", "revoked"], selected: model.status), " ",
                .button(.type("submit"), "Filter")),
            .table(
                ["End user", "Tool", "Type", "Status", "Scopes", "Token expires", "Connected", ""], rows,
                empty: "No connections match."))
    }

    static func revoked(userID: String, tool: String, outcome: String, message: String?) -> Markup {
        .group(
            .p(
                .attr("role", "status"), "The connection of ", .strong(.plain(userID)), " to ", .strong(.plain(tool)),
                " is revoked; its tokens are deleted."),
            .p(.plain("At the provider: \(outcome)" + (message.map { " — \($0)" } ?? "") + ".")),
            .p(.a(.href("/dashboard/connections"), "Back to the connections")))
    }
}
