import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// Creating, rolling and revoking API keys from the dashboard, through the API's own key service;
/// a new secret is shown once.
struct DashboardKeysController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let keys = routes.grouped("dashboard", "keys")
        keys.post(use: create)
        keys.post(":id", "roll", use: roll)
        keys.post(":id", "revoke", use: revoke)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let name = (req.formFields["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100 else { throw APIFailure.invalid("name", "Give the key a name of up to 100 characters.") }
        let (key, secret) = try await service(req).create(accountID: principal.accountID, name: name, environment: principal.environment)
        return shown(req, key: key, secret: secret, what: "created")
    }

    @Sendable func roll(req: Request) async throws -> Response {
        let expiresIn = Int(req.formFields["expires_in"] ?? "0") ?? -1
        guard (0...APIKeyService.maxRollOverlap).contains(expiresIn) else {
            throw APIFailure.invalid("expires_in", "Choose how long the old key lives.")
        }
        let (key, secret) = try await service(req).roll(
            accountID: try req.requirePrincipal().accountID, id: try req.parameters.require("id"), expiresIn: expiresIn)
        return shown(req, key: key, secret: secret, what: "rolled")
    }

    @Sendable func revoke(req: Request) async throws -> Response {
        try DashboardPage.requireConfirmation(req, "revoke a key")
        _ = try await service(req).revoke(accountID: try req.requirePrincipal().accountID, id: try req.parameters.require("id"))
        return HostedPage.redirect(to: "/dashboard")
    }

    private func service(_ req: Request) -> APIKeyService { APIKeyService(database: req.db, now: req.now, keys: req.ploton.keys) }

    /// The secret, once: it is never shown again.
    private func shown(_ req: Request, key: APIKey, secret: APIKeySecret, what: String) -> Response {
        DashboardPage.render(req, title: "Key \(what)", body: KeysPageView.shown(name: key.name, secret: secret.value))
    }
}
