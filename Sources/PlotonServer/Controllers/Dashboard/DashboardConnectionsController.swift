import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// End users' connections in the dashboard: by user, tool and status, with scopes and expiry, and
/// revocation (tokens deleted at once, revoked at the provider where it can) as in `/v1/connections`.
struct DashboardConnectionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let connections = routes.grouped("dashboard", "connections")
        connections.get(use: list)
        connections.post(":id", "revoke", use: revoke)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let connections = try await ConnectionsController.listQuery(req).limit(Pagination.maxLimit).all()
            .map { ConnectionPresenter.object($0) }
        let user = req.queryValue("user_id") ?? ""
        let statuses = DashboardPage.filter(
            id: "status", name: "status", values: ["active", "expired", "revoked"], selected: req.queryValue("status"))
        let rows = connections.map { connection in
            DashboardPage.row([
                HostedPage.escape(connection.userID), HostedPage.escape(connection.tool), connection.type,
                connection.status == "active" ? "<span class=\"ok\">active</span>" : "<span class=\"bad\">\(connection.status)</span>",
                "<code>\(HostedPage.escape(connection.scopes.joined(separator: " ")))</code>", DashboardPage.date(connection.expiresAt),
                DashboardPage.date(connection.createdAt),
                connection.status == "revoked"
                    ? ""
                    : DashboardPage.button(req, action: "/dashboard/connections/\(connection.id)/revoke", label: "Revoke", confirm: true),
            ])
        }
        let body = """
            <form method="get" action="/dashboard/connections"><label for="user_id">End user</label>\
            <input id="user_id" name="user_id" type="text" value="\(HostedPage.escape(user))">\
            <label for="status">Status</label>\(statuses) \
            <button type="submit">Filter</button></form>
            \(DashboardPage.table(["End user", "Tool", "Type", "Status", "Scopes", "Token expires", "Connected", ""], rows, empty: "No connections match."))
            """
        return DashboardPage.render(req, title: "Connections", body: body)
    }

    @Sendable func revoke(req: Request) async throws -> Response {
        try DashboardPage.requireConfirmation(req, "revoke a connection")
        let connection = try await ConnectionsController.find(req)
        let (outcome, message) = try await ConnectionsController.revoke(connection, req: req)
        let body = """
            <p role="status">The connection of <strong>\(HostedPage.escape(connection.userID))</strong> to \
            <strong>\(HostedPage.escape(connection.tool))</strong> is revoked; its tokens are deleted.</p>
            <p>At the provider: \(outcome.rawValue)\(message.map { " — \(HostedPage.escape($0))" } ?? "").</p>
            <p><a href="/dashboard/connections">Back to the connections</a></p>
            """
        return DashboardPage.render(req, title: "Connection revoked", body: body)
    }
}
