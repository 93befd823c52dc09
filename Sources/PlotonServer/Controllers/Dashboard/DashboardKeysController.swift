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
        guard let (session, fields) = try await DashboardController.verifiedForm(req) else { return DashboardController.refused() }
        let name = (fields["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100 else {
            return HostedPage.message(status: .badRequest, title: "Name needed", message: "Give the key a name of up to 100 characters.")
        }
        let (key, secret) = try await service(req).create(
            accountID: session.$account.id, name: name, environment: session.plotonEnvironment)
        return shown(session, key: key, secret: secret, what: "created")
    }

    @Sendable func roll(req: Request) async throws -> Response {
        guard let (session, fields) = try await DashboardController.verifiedForm(req) else { return DashboardController.refused() }
        let expiresIn = Int(fields["expires_in"] ?? "0") ?? 0
        guard (0...APIKeyService.maxRollOverlap).contains(expiresIn) else {
            return HostedPage.message(status: .badRequest, title: "Not understood", message: "Choose how long the old key lives.")
        }
        let (key, secret) = try await service(req).roll(
            accountID: session.$account.id, id: try req.parameters.require("id"), expiresIn: expiresIn)
        return shown(session, key: key, secret: secret, what: "rolled")
    }

    @Sendable func revoke(req: Request) async throws -> Response {
        guard let (session, fields) = try await DashboardController.verifiedForm(req) else { return DashboardController.refused() }
        guard fields["confirm"] == "yes" else {
            return HostedPage.message(status: .badRequest, title: "Not revoked", message: "Tick \"I am sure\" to revoke a key.")
        }
        _ = try await service(req).revoke(accountID: session.$account.id, id: try req.parameters.require("id"))
        return HostedPage.redirect(to: "/dashboard")
    }

    private func service(_ req: Request) -> APIKeyService { APIKeyService(database: req.db, now: req.now) }

    /// The secret, once: it is never shown again.
    private func shown(_ session: DashboardSession, key: APIKey, secret: APIKeySecret, what: String) -> Response {
        DashboardController.page(
            session, title: "Key \(what)",
            body: """
                <p>Copy the secret of <strong>\(HostedPage.escape(key.name))</strong> now: it is shown only this once.</p>
                <p><label for="secret">Secret</label><input id="secret" type="text" readonly value="\(HostedPage.escape(secret.value))"></p>
                <p><a href="/dashboard">Back to the keys</a></p>
                """)
    }
}
