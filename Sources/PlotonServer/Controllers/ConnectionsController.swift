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

    /// Filtered by `user_id`, `tool` and `status`.
    @Sendable func list(req: Request) async throws -> Response {
        let (items, hasMore) = try await Pagination(req).page(try req.connections().query(try ConnectionService.Filters(query: req)))
        return try ListObject(data: items.map { ConnectionPresenter.object($0) }, hasMore: hasMore).jsonResponse()
    }

    @Sendable func show(req: Request) async throws -> Response {
        try ConnectionPresenter.object(try await req.connections().find(try req.parameters.require("id"))).jsonResponse()
    }

    /// Deletes the tokens at once and revokes them at the provider (RFC 7009) where it can;
    /// `revocation` reports how that went. A revoked connection stays readable.
    @Sendable func revoke(req: Request) async throws -> Response {
        let connections = try req.connections()
        let id = try req.parameters.require("id")
        let (outcome, message) = try await connections.revoke(try await connections.find(id))
        return try ConnectionPresenter.object(
            try await connections.find(id), revocation: .init(provider: outcome.rawValue, message: message)
        ).jsonResponse()
    }

    /// A consent link for a user and tool ahead of any task.
    @Sendable func authorize(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let body = try req.decodeStrictly(AuthorizeConnectionRequest.self)
        let (userID, tool, redirectURL) = (body.userID, body.tool, body.redirectURL)
        let registry = try req.toolRegistry()
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
}
