import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// `/v1/connections`: end users' grants (never their tokens), revocation, and consent ahead of a task.
struct ConnectionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let connections = routes.grouped("connections")
        connections.get(use: list)
        connections.post("authorize", use: authorize)
        connections.get(":id", use: show)
        connections.delete(":id", use: revoke)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let (items, hasMore) = try await Pagination(req).page(try Self.listQuery(req))
        return try ListObject(data: items.map { ConnectionPresenter.object($0) }, hasMore: hasMore).jsonResponse()
    }

    /// The environment's connections, newest first, filtered by `user_id`, `tool` and `status`.
    static func listQuery(_ req: Request) throws -> QueryBuilder<Connection> {
        let principal = try req.requirePrincipal()
        let query = Connection.query(on: req.db)
            .filter(\.$account.$id == principal.accountID).filter(\.$environment == principal.environment)
        if let user = req.queryValue("user_id") { query.filter(\.$userID == user) }
        if let tool = req.queryValue("tool") { query.filter(\.$tool == tool) }
        if let status = req.queryValue("status") {
            guard let status = Connection.Status(rawValue: status) else {
                throw APIFailure.invalid("status", "status must be \"active\", \"expired\" or \"revoked\".")
            }
            query.filter(\.$status == status)
        }
        return query.sort(\.$id, .descending)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try ConnectionPresenter.object(try await Self.find(req)).jsonResponse()
    }

    /// Deletes the tokens at once and revokes them at the provider (RFC 7009) where it can;
    /// `revocation` reports how that went. A revoked connection stays readable.
    @Sendable func revoke(req: Request) async throws -> Response {
        let connection = try await Self.find(req)
        let (outcome, message) = try await Self.revoke(connection, req: req)
        return try ConnectionPresenter.object(
            try await Self.find(req), revocation: .init(provider: outcome.rawValue, message: message)
        ).jsonResponse()
    }

    static func revoke(_ connection: Connection, req: Request) async throws -> (TokenClient.Revocation, String?) {
        guard connection.status != Connection.Status.revoked else { return (.succeeded, "The connection was already revoked.") }
        let registry = ToolRegistry(
            database: req.db, services: req.ploton, accountID: connection.$account.id, environment: connection.environment)
        let provider = try? await registry.oauthProvider(for: connection.tool)
        return try await ConnectionVault(database: req.db, services: req.ploton).revoke(connection, provider: provider)
    }

    /// A consent link for a user and tool ahead of any task.
    @Sendable func authorize(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let body = try req.decodeStrictly(AuthorizeConnectionRequest.self)
        let (userID, tool, redirectURL) = (body.userID, body.tool, body.redirectURL)
        let registry = ToolRegistry(
            database: req.db, services: req.ploton, accountID: principal.accountID, environment: principal.environment)
        let provider: OAuthProvider
        do {
            guard let found = try await registry.oauthProvider(for: tool) else {
                throw APIFailure.invalid("tool", "\(tool) is not a tool that uses OAuth; nothing to authorise.")
            }
            provider = found
        } catch let failure as ToolFailure {
            throw APIFailure.invalid("tool", failure.suggestion ?? failure.message)
        }
        var scopes = provider.scopes
        if let list = body.scopes {
            if let unknown = list.first(where: { !provider.scopes.contains($0) }) {
                throw APIFailure.invalid(
                    "scopes", "\(tool) has no scope \(unknown). Its scopes: \(provider.scopes.joined(separator: ", ")).")
            }
            scopes = list
        }
        if let redirectURL {
            guard let url = URL(string: redirectURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw APIFailure.invalid("redirect_url", "redirect_url must be an absolute http(s) URL.")
            }
        }
        let expiresAt = req.now.addingTimeInterval(AuthFlow.stateLifetime)
        let (_, url) = try await AuthFlow(database: req.db, services: req.ploton).createSession(
            accountID: principal.accountID, environment: principal.environment, userID: userID, tool: tool, scopes: scopes, taskID: nil,
            redirectURL: redirectURL, expiresAt: expiresAt)
        return try ConnectionAuthorizationObject(authURL: url, userID: userID, tool: tool, scopes: scopes, expiresAt: expiresAt)
            .jsonResponse(status: .created)
    }

    static func find(_ req: Request) async throws -> Connection {
        let principal = try req.requirePrincipal()
        let id = try req.parameters.require("id")
        guard
            let connection = try await Connection.query(on: req.db)
                .filter(\.$id == id).filter(\.$account.$id == principal.accountID)
                .filter(\.$environment == principal.environment).first()
        else { throw APIFailure.notFound("connection", id: id) }
        return connection
    }
}
