import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// The dashboard's home (API keys, and the webhook secret next to them), the environment switch,
/// sign-out, and the operator's own account (email and password).
struct DashboardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let dashboard = routes.grouped("dashboard")
        dashboard.get(use: home)
        dashboard.post("environment", use: switchEnvironment)
        dashboard.post("sign-out", use: signOut)
        dashboard.get("account", use: account)
        dashboard.post("account", use: updateAccount)
    }

    @Sendable func home(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let keys = try await APIKey.query(on: req.db)
            .filter(\.$account.$id == principal.accountID).filter(\.$environment == principal.environment)
            .sort(\.$createdAt, .descending).all().map { $0.toObject(at: req.now) }
        let (secret, _) = try await WebhookSecretService(database: req.db, secretBox: req.ploton.secretBox, now: req.now)
            .current(accountID: principal.accountID, environment: principal.environment)
        let model = KeysPageView.Model(
            environment: principal.environment, keys: keys, webhookSecret: secret.value,
            needsPassword: try await DashboardPage.needsPassword(req), csrf: DashboardPage.csrf(req))
        return DashboardPage.render(req, title: "API keys", body: KeysPageView.body(model))
    }

    @Sendable func switchEnvironment(req: Request) async throws -> Response {
        guard let environment = req.formFields["environment"].flatMap(PlotonEnvironment.init(rawValue:)) else {
            throw APIFailure.invalid("environment", "Choose test or live.")
        }
        let session = req.dashboardSession
        session.environment = environment
        try await session.update(on: req.db)
        return HostedPage.redirect(to: "/dashboard")
    }

    @Sendable func signOut(req: Request) async throws -> Response {
        try await req.dashboardSession.delete(on: req.db)
        let response = HostedPage.redirect(to: "/dashboard/sign-in")
        response.cookies[DashboardSessionMiddleware.cookie] = HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), path: "/dashboard", isHTTPOnly: true)
        return response
    }

    @Sendable func account(req: Request) async throws -> Response {
        let user = try await req.dashboardSession.$user.get(on: req.db)
        return accountPage(req, user)
    }

    private func accountPage(_ req: Request, _ user: OperatorUser, saved: Bool = false) -> Response {
        let model = AccountPageView.Model(
            shownName: user.email ?? user.name, email: user.email ?? "", hasPassword: user.passwordHash != nil, saved: saved,
            minimumPasswordLength: OperatorPasswordRule.minimumLength, csrf: DashboardPage.csrf(req))
        return DashboardPage.render(req, title: "Account", body: AccountPageView.body(model))
    }

    @Sendable func updateAccount(req: Request) async throws -> Response {
        let fields = req.formFields
        let session = req.dashboardSession
        let user = try await session.$user.get(on: req.db)
        try await OperatorPasswords(database: req.db, threadPool: req.application.threadPool, now: req.now).setCredentials(
            of: user, email: fields["email"] ?? "", newPassword: fields["password"] ?? "", currentPassword: fields["current_password"])
        // A new password signs the operator out everywhere else.
        try await DashboardSession.query(on: req.db).filter(\.$user.$id == session.$user.id).filter(\.$id != session.id ?? "").delete()
        return accountPage(req, user, saved: true)
    }
}
