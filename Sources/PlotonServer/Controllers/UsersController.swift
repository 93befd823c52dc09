import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// `/v1/users/{user_id}/settings_link`: a signed, short-lived link to the end user's settings page.
struct UsersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("users").post(":user_id", "settings_link", use: settingsLink)
    }

    static let maxLifetime = 86_400

    @Sendable func settingsLink(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let userID = try req.parameters.require("user_id")
        guard !userID.isEmpty, userID.count <= 255 else { throw APIFailure.invalid("user_id", "user_id must be 1 to 255 characters.") }
        let lifetime = try req.decodeStrictly(ExpiresInRequest.self).expiresIn.within(60...Self.maxLifetime, "expires_in") ?? 3600
        let expiresAt = req.now.addingTimeInterval(TimeInterval(lifetime))
        let token = SettingsLink.signer(req.ploton).sign(
            .object([
                "a": .string(principal.accountID), "e": .string(principal.environment.rawValue), "u": .string(userID),
                "x": .number(expiresAt.timeIntervalSince1970.rounded(.down)),
            ]))
        return try JSONValue.object([
            "object": .string("settings_link"), "url": .string("\(req.ploton.config.publicURL)/settings/\(token)"),
            "user_id": .string(userID), "expires_at": .string(ISO8601DateFormatter().string(from: expiresAt)),
        ]).jsonResponse(status: .created)
    }
}

/// Whose settings a link opens, once its signature and expiry are checked.
struct SettingsLink {
    var accountID: String
    var environment: PlotonEnvironment
    var userID: String

    static func signer(_ services: PlotonServices) -> SignedToken {
        SignedToken(keyRing: services.secretBox.keyRing, purpose: "settings-link")
    }

    init?(token: String, services: PlotonServices) {
        guard let payload = Self.signer(services).verify(token), let expiry = payload.value(at: "x")?.numberValue,
            Date(timeIntervalSince1970: expiry) > services.clock.now(), let account = payload.value(at: "a")?.stringValue,
            let environment = payload.value(at: "e")?.stringValue.flatMap(PlotonEnvironment.init(rawValue:)),
            let user = payload.value(at: "u")?.stringValue
        else { return nil }
        accountID = account
        self.environment = environment
        userID = user
    }
}
