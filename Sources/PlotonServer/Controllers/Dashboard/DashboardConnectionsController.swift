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
        let connections = try await req.connections().query(try ConnectionService.Filters(query: req)).limit(Pagination.maxLimit).all()
            .map { ConnectionPresenter.object($0) }
        let model = ConnectionsPageView.Model(
            connections: connections, user: req.queryValue("user_id") ?? "", status: req.queryValue("status"),
            csrf: DashboardPage.csrf(req))
        return DashboardPage.render(req, title: "Connections", body: ConnectionsPageView.body(model))
    }

    @Sendable func revoke(req: Request) async throws -> Response {
        try DashboardPage.requireConfirmation(req, "revoke a connection")
        let connections = try req.connections()
        let connection = try await connections.find(try req.parameters.require("id"))
        let (outcome, message) = try await connections.revoke(connection)
        let body = ConnectionsPageView.revoked(
            userID: connection.userID, tool: connection.tool, outcome: outcome.rawValue, message: message)
        return DashboardPage.render(req, title: "Connection revoked", body: body)
    }
}
