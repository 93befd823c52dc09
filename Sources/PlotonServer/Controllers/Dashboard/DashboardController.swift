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
            .filter(\.$account.$id == principal.accountID).filter(\.$environment == principal.environment.rawValue)
            .sort(\.$createdAt, .descending).all().map { $0.toObject(at: req.now) }
        let (secret, _) = try await WebhookSecretService(database: req.db, secretBox: req.ploton.secretBox, now: req.now)
            .current(accountID: principal.accountID, environment: principal.environment)
        let rows = keys.map { key in
            let actions =
                key.status == .revoked
                ? ""
                : """
                <form class="inline" method="post" action="/dashboard/keys/\(key.id)/roll">\(DashboardPage.csrf(req))\
                <label for="exp-\(key.id)">Old key lives</label><select id="exp-\(key.id)" name="expires_in">\
                <option value="0">0 s</option><option value="3600">1 hour</option><option value="86400">1 day</option></select> \
                <button type="submit">Roll</button></form>
                \(DashboardPage.button(req, action: "/dashboard/keys/\(key.id)/revoke", label: "Revoke", confirm: true))
                """
            return DashboardPage.row([
                HostedPage.escape(key.name), "<code>\(HostedPage.escape(key.prefix))…\(HostedPage.escape(key.last4))</code>",
                DashboardPage.date(key.createdAt), DashboardPage.date(key.lastUsedAt),
                key.status.rawValue + (key.expiresAt.map { " until \(DashboardPage.date($0))" } ?? ""), actions,
            ])
        }
        let body = """
            \(try await DashboardPage.passwordNotice(req))
            \(DashboardPage.table(["Name", "Key", "Created", "Last used", "Status", ""], rows, empty: "No keys in this environment yet."))
            <form method="post" action="/dashboard/keys">\(DashboardPage.csrf(req))<label for="key-name">New \(principal.environment.rawValue) key name</label>\
            <input id="key-name" name="name" type="text" required maxlength="100"> <button type="submit">Create key</button></form>
            <h2>Webhook secret</h2>
            <details><summary>Reveal the \(principal.environment.rawValue) webhook secret</summary>
            \(DashboardPage.copyable(id: "webhook-secret", label: "Webhook secret", value: secret.value))</details>
            <p class="muted">Roll it and manage endpoints under <a href="/dashboard/webhooks">Webhooks</a>.</p>
            """
        return DashboardPage.render(req, title: "API keys", body: body)
    }

    @Sendable func switchEnvironment(req: Request) async throws -> Response {
        guard let environment = req.formFields["environment"].flatMap(PlotonEnvironment.init(rawValue:)) else {
            throw APIFailure.invalid("environment", "Choose test or live.")
        }
        let session = req.dashboardSession
        session.environment = environment.rawValue
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
        let current =
            user.passwordHash == nil
            ? ""
            : """
            <label for="current-password">Current password</label>\
            <input id="current-password" name="current_password" type="password" autocomplete="current-password" required>
            """
        let body = """
            \(saved ? #"<p class="notice" role="status">Saved. Sign in with this email and password from now on.</p>"# : "")
            <p>Signed in as <strong>\(HostedPage.escape(user.email ?? user.name))</strong>.</p>
            <form method="post" action="/dashboard/account">\(DashboardPage.csrf(req))
            <label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required \
            value="\(HostedPage.escape(user.email ?? ""))">
            \(current)<label for="new-password">New password (at least \(OperatorPasswordRule.minimumLength) characters)</label>\
            <input id="new-password" name="password" type="password" autocomplete="new-password" required \
            minlength="\(OperatorPasswordRule.minimumLength)">
            <div class="actions"><button class="primary" type="submit">Save</button></div></form>
            """
        return DashboardPage.render(req, title: "Account", body: body)
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
