import Fluent
import Foundation
import Vapor

/// The end user's settings page (`/settings/{signed token}`): their connections, each with a
/// Revoke button. The token names one account, environment and user; nothing else is reachable.
struct SettingsPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", ":token", use: show)
        routes.post("settings", ":token", "revoke", use: revoke)
    }

    @Sendable func show(req: Request) async throws -> Response {
        guard let link = SettingsLink(token: try req.parameters.require("token"), services: req.ploton) else { return Self.invalid() }
        let connections = try await Self.connections(link, on: req.db)
        let rows = connections.map { connection in
            HostedPageViews.SettingsRow(
                id: connection.id ?? "", tool: connection.tool, status: connection.status.rawValue, scopes: connection.scopes,
                revoked: connection.status == Connection.Status.revoked)
        }
        return HostedPage.response(
            title: "Your connected services",
            body: HostedPageViews.settings(userID: link.userID, token: try req.parameters.require("token"), rows: rows))
    }

    @Sendable func revoke(req: Request) async throws -> Response {
        guard let link = SettingsLink(token: try req.parameters.require("token"), services: req.ploton) else { return Self.invalid() }
        let id = req.formFields["connection_id"] ?? ""
        guard let connection = try await Self.connections(link, on: req.db).first(where: { $0.id == id }) else {
            return HostedPage.message(status: .notFound, title: "Not found", message: "That connection is not one of yours.")
        }
        let connections = ConnectionService(
            database: req.db, services: req.ploton, accountID: link.accountID, environment: link.environment)
        _ = try await connections.revoke(connection)
        return HostedPage.redirect(to: "/settings/\(try req.parameters.require("token"))")
    }

    static func connections(_ link: SettingsLink, on database: any Database) async throws -> [Connection] {
        try await Connection.query(on: database)
            .filter(\.$account.$id == link.accountID).filter(\.$environment == link.environment)
            .filter(\.$userID == link.userID).sort(\.$createdAt).all()
    }

    static func invalid() -> Response {
        HostedPage.message(
            status: .notFound, title: "Link not valid", message: "This settings link is not valid or has expired. Ask for a new one.")
    }
}
