import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// `/v1/webhook_secret`: the calling environment's signing secret, and rolling it with an overlap.
struct WebhookSecretController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let secret = routes.grouped("webhook_secret")
        secret.get(use: show)
        secret.post("roll", use: roll)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let (secret, previousExpiresAt) = try await service(req).current(accountID: principal.accountID, environment: principal.environment)
        return try Self.object(secret, previousExpiresAt: previousExpiresAt).jsonResponse()
    }

    @Sendable func roll(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let overlap =
            try req.decodeStrictly(ExpiresInRequest.self).expiresIn.within(0...WebhookSecretService.maxOverlap, "expires_in") ?? 86_400
        let (secret, previousExpiresAt) = try await service(req).roll(
            accountID: principal.accountID, environment: principal.environment, overlap: overlap)
        return try Self.object(secret, previousExpiresAt: previousExpiresAt).jsonResponse()
    }

    private func service(_ req: Request) -> WebhookSecretService {
        WebhookSecretService(database: req.db, secretBox: req.ploton.secretBox, now: req.now)
    }

    static func object(_ secret: WebhookSecret, previousExpiresAt: Date?) -> WebhookSecretObject {
        WebhookSecretObject(secret: secret.value, previousExpiresAt: previousExpiresAt)
    }
}
