import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// `/dashboard`: sign-in with the one-time link, the environment switch, API keys and the webhook
/// secret. Sessions are HttpOnly, SameSite=Lax cookies (Secure when the public URL is https);
/// every form carries the session's CSRF token. The pages use the same services as the API.
struct DashboardController: RouteCollection {
    static let cookie = "ploton_session"
    static let sessionLifetime: TimeInterval = 12 * 3600

    func boot(routes: any RoutesBuilder) throws {
        let dashboard = routes.grouped("dashboard")
        dashboard.get("sign-in", use: signIn)
        dashboard.get(use: home)
        dashboard.post("environment", use: switchEnvironment)
        dashboard.post("sign-out", use: signOut)
    }

    /// The one-time link: a session for the account's operator (created on first use).
    @Sendable func signIn(req: Request) async throws -> Response {
        guard let token = req.queryValue("token") else {
            return HostedPage.message(
                title: "Sign in",
                message: "Open the one-time sign-in link printed when the server first started, or ask an operator for one.")
        }
        let now = req.now
        let link = try await req.db.writeTransaction { database -> SignInLink? in
            guard let link = try await SignInLink.query(on: database).filter(\.$tokenHash == SecretDigest.sha256Hex(token)).first(),
                link.usedAt == nil, link.expiresAt > now
            else { return nil }
            link.usedAt = now
            try await link.update(on: database)
            return link
        }
        guard let link else {
            return HostedPage.message(
                status: .gone, title: "Link used or expired", message: "This sign-in link was already used or has expired.")
        }
        let existing = try await OperatorUser.query(on: req.db).filter(\.$account.$id == link.$account.id).first()
        let user = existing ?? OperatorUser(accountID: link.$account.id, name: "owner", now: now)
        if existing == nil { try await user.create(on: req.db) }
        let sessionToken = Base62.random(count: 43)
        try await DashboardSession(user: user, token: sessionToken, now: now, lifetime: Self.sessionLifetime).create(on: req.db)
        let response = HostedPage.redirect(to: "/dashboard")
        response.cookies[Self.cookie] = HTTPCookies.Value(
            string: sessionToken, maxAge: Int(Self.sessionLifetime), path: "/dashboard",
            isSecure: req.ploton.config.publicURL.hasPrefix("https://"), isHTTPOnly: true, sameSite: .lax)
        return response
    }

    @Sendable func home(req: Request) async throws -> Response {
        guard let session = try await Self.session(req) else { return HostedPage.redirect(to: "/dashboard/sign-in") }
        let environment = session.plotonEnvironment
        let keys = try await APIKey.query(on: req.db)
            .filter(\.$account.$id == session.$account.id).filter(\.$environment == environment.rawValue)
            .sort(\.$createdAt, .descending).all().map { $0.toObject(at: req.now) }
        let (secret, previousExpiresAt) = try await WebhookSecretService(database: req.db, secretBox: req.ploton.secretBox, now: req.now)
            .current(accountID: session.$account.id, environment: environment)
        let csrf = HostedPage.hidden(["csrf_token": session.csrfToken])
        let rows = keys.map { key in
            let actions =
                key.status == .revoked
                ? ""
                : """
                <form method="post" action="/dashboard/keys/\(key.id)/roll">\(csrf)<label for="exp-\(key.id)">Old key lives</label>\
                <select id="exp-\(key.id)" name="expires_in"><option value="0">0 s</option><option value="3600">1 hour</option>\
                <option value="86400">1 day</option></select> <button type="submit">Roll</button></form>
                <form method="post" action="/dashboard/keys/\(key.id)/revoke">\(csrf)\
                <label><input type="checkbox" name="confirm" value="yes" required> I am sure</label> <button type="submit">Revoke</button></form>
                """
            return
                "<tr><td>\(HostedPage.escape(key.name))</td><td><code>\(HostedPage.escape(key.prefix))…\(HostedPage.escape(key.last4))</code></td>"
                + "<td>\(DashboardDate.text(key.createdAt))</td><td>\(DashboardDate.text(key.lastUsedAt))</td><td>\(key.status.rawValue)</td>"
                + "<td>\(actions)</td></tr>"
        }
        let body = """
            <h2>API keys</h2>
            <table><thead><tr><th>Name</th><th>Key</th><th>Created</th><th>Last used</th><th>Status</th><th></th></tr></thead>
            <tbody>\(rows.joined())</tbody></table>
            <form method="post" action="/dashboard/keys">\(csrf)<label for="key-name">New \(environment.rawValue) key name</label>\
            <input id="key-name" name="name" type="text" required maxlength="100"> <button type="submit">Create key</button></form>
            <h2>Webhook secret</h2>
            <details><summary>Reveal the \(environment.rawValue) webhook secret</summary><p><code>\(HostedPage.escape(secret.value))</code></p>\
            \(previousExpiresAt.map { "<p class=\"muted\">The previous secret also signs until \(DashboardDate.text($0)).</p>" } ?? "")</details>
            """
        return Self.page(session, title: "API keys and webhook secret", body: body)
    }

    @Sendable func switchEnvironment(req: Request) async throws -> Response {
        guard let (session, fields) = try await Self.verifiedForm(req) else { return Self.refused() }
        guard let environment = fields["environment"].flatMap(PlotonEnvironment.init(rawValue:)) else {
            return HostedPage.message(status: .badRequest, title: "Not understood", message: "Choose test or live.")
        }
        session.environment = environment.rawValue
        try await session.update(on: req.db)
        return HostedPage.redirect(to: "/dashboard")
    }

    @Sendable func signOut(req: Request) async throws -> Response {
        guard let (session, _) = try await Self.verifiedForm(req) else { return Self.refused() }
        try await session.delete(on: req.db)
        let response = HostedPage.redirect(to: "/dashboard/sign-in")
        response.cookies[Self.cookie] = HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), path: "/dashboard", isHTTPOnly: true)
        return response
    }

    /// Every signed-in page: navigation, the environment switch and sign-out around `body`.
    static func page(_ session: DashboardSession, title: String, body: String) -> Response {
        let environment = session.plotonEnvironment
        let other: PlotonEnvironment = environment == .test ? .live : .test
        let csrf = HostedPage.hidden(["csrf_token": session.csrfToken])
        let header = """
            <nav aria-label="Dashboard"><a href="/dashboard">Keys and secret</a> · <a href="/dashboard/tasks">Tasks</a></nav>
            <form method="post" action="/dashboard/environment">\(csrf)\(HostedPage.hidden(["environment": other.rawValue]))\
            <p>Viewing <strong>\(environment.rawValue)</strong> data. <button type="submit">Switch to \(other.rawValue)</button></p></form>
            """
        let footer = """
            <form method="post" action="/dashboard/sign-out">\(csrf)<div class="actions"><button type="submit">Sign out</button></div></form>
            """
        return HostedPage.response(title: title, body: header + body + footer)
    }

    static func session(_ req: Request) async throws -> DashboardSession? {
        guard let token = req.cookies[cookie]?.string, !token.isEmpty,
            let session = try await DashboardSession.query(on: req.db).filter(\.$tokenHash == SecretDigest.sha256Hex(token)).first(),
            session.expiresAt > req.now
        else { return nil }
        return session
    }

    /// A form from a signed-in browser with its session's CSRF token; nil for anything else.
    static func verifiedForm(_ req: Request) async throws -> (DashboardSession, [String: String])? {
        let fields = req.formFields
        guard let session = try await session(req), fields["csrf_token"] == session.csrfToken else { return nil }
        return (session, fields)
    }

    static func refused() -> Response {
        HostedPage.message(
            status: .forbidden, title: "Not allowed", message: "This form is not from your signed-in session. Sign in again.")
    }
}

/// Dates on dashboard pages.
enum DashboardDate {
    static func text(_ date: Date?) -> String { date.map { ISO8601DateFormatter().string(from: $0) } ?? "never" }
}
