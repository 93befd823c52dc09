import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// An operator as `ploton users` prints it: never the password hash.
package struct OperatorUserSummary: Codable, Sendable {
    package var id: String
    package var object = "operator_user"
    package var email: String?
    package var name: String
    package var passwordSet: Bool
    package var createdAt: Date
    /// The one-time sign-in link for a user created without a password.
    package var signInURL: String?

    enum CodingKeys: String, CodingKey {
        case id, object, email, name
        case passwordSet = "password_set"
        case createdAt = "created_at"
        case signInURL = "sign_in_url"
    }
}

/// Offline operator administration for `ploton users`: adding dashboard operators to an account,
/// with a password read from standard input or a one-time link to set one, and resetting a
/// forgotten password.
package struct OperatorAdministration {
    let app: Application

    package init(app: Application) { self.app = app }

    private var now: Date { app.ploton.clock.now() }

    package func create(account: String, email: String, name: String?, password: String?) async throws -> OperatorUserSummary {
        let accountID = try await KeyAdministration(app: app).accountID(named: account)
        let normalised = OperatorPasswords.normalised(email: email)
        let user = OperatorUser(accountID: accountID, name: name ?? normalised, now: now)
        try await user.create(on: app.db)
        do {
            let passwords = OperatorPasswords(database: app.db, threadPool: app.threadPool, now: now)
            if let password {
                try await passwords.setCredentials(of: user, email: email, newPassword: password, currentPassword: nil)
                return summary(user, signInURL: nil)
            }
            // Claims the email now (and validates it); the password is set after the link is used.
            try await passwords.claim(email: email, for: user)
        } catch {
            try await user.delete(on: app.db)
            throw error
        }
        return summary(user, signInURL: try await link(for: user))
    }

    /// A forgotten password: the operator's password and sessions are cleared, the lock lifted,
    /// and a new one-time link lets them in to set a new password.
    package func reset(account: String, email: String) async throws -> OperatorUserSummary {
        let accountID = try await KeyAdministration(app: app).accountID(named: account)
        let normalised = OperatorPasswords.normalised(email: email)
        guard
            let user = try await OperatorUser.query(on: app.db).filter(\.$account.$id == accountID).filter(\.$email == normalised).first()
        else { throw OperatorError.notFound(email: normalised, account: account) }
        user.passwordHash = nil
        user.failedSignIns = 0
        user.lockedUntil = nil
        try await user.update(on: app.db)
        try await DashboardSession.query(on: app.db).filter(\.$user.$id == user.id ?? "").delete()
        return summary(user, signInURL: try await link(for: user))
    }

    private func link(for user: OperatorUser) async throws -> String {
        let token = Base62.random(count: 40)
        try await SignInLink(
            accountID: user.$account.id, userID: user.id, token: token, expiresAt: now.addingTimeInterval(FirstRun.signInLinkLifetime)
        ).create(on: app.db)
        return "\(app.ploton.config.publicURL)/dashboard/sign-in?token=\(token)"
    }

    package func list(account: String) async throws -> [OperatorUserSummary] {
        let accountID = try await KeyAdministration(app: app).accountID(named: account)
        return try await OperatorUser.query(on: app.db).filter(\.$account.$id == accountID).sort(\.$createdAt).all()
            .map { summary($0, signInURL: nil) }
    }

    private func summary(_ user: OperatorUser, signInURL: String?) -> OperatorUserSummary {
        OperatorUserSummary(
            id: user.id ?? "", email: user.email, name: user.name, passwordSet: user.passwordHash != nil, createdAt: user.createdAt,
            signInURL: signInURL)
    }
}
