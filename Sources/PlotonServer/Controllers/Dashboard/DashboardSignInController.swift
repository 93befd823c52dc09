import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// Signing in to the dashboard: with an email and password, or with a one-time link (the first
/// run prints one for the owner; `ploton users create` one per new operator). The sign-in form
/// is protected against login CSRF with a double-submit cookie. Also serves the dashboard's script.
struct DashboardSignInController: RouteCollection {
    static let formCookie = "ploton_sign_in"

    func boot(routes: any RoutesBuilder) throws {
        let dashboard = routes.grouped("dashboard")
        dashboard.get("sign-in", use: show)
        dashboard.post("sign-in", use: signIn)
        dashboard.get("assets", "dashboard.js", use: script)
    }

    @Sendable func show(req: Request) async throws -> Response {
        if let token = req.queryValue("token") { return try await linkSignIn(req, token: token) }
        return form(req)
    }

    private func form(_ req: Request, status: HTTPStatus = .ok, error: String? = nil) -> Response {
        let token = Base62.random(count: 32)
        let response = HostedPage.response(
            status: status, title: "Sign in to Ploton", body: SignInPageView.body(formToken: token, error: error))
        response.cookies[Self.formCookie] = HTTPCookies.Value(
            string: token, maxAge: 3600, path: "/dashboard/sign-in", isSecure: req.ploton.config.publicURL.hasPrefix("https://"),
            isHTTPOnly: true, sameSite: .strict)
        return response
    }

    @Sendable func signIn(req: Request) async throws -> Response {
        let fields = req.formFields
        guard let token = fields["form_token"], !token.isEmpty, req.cookies[Self.formCookie]?.string == token else {
            return form(req, status: .forbidden, error: "The sign-in form expired. Try again.")
        }
        let passwords = OperatorPasswords(database: req.db, threadPool: req.application.threadPool, now: req.now)
        switch try await passwords.signIn(email: fields["email"] ?? "", password: fields["password"] ?? "") {
        case .signedIn(let user):
            let response = HostedPage.redirect(to: "/dashboard/overview")
            try await DashboardSessionMiddleware.start(for: user, req: req, response: response)
            return response
        case .refused:
            req.logger.notice("dashboard sign-in refused")
            return form(req, status: .unauthorized, error: "That email and password do not match an operator.")
        case .locked(let until):
            req.logger.notice("dashboard sign-in refused: operator locked after repeated failures")
            let response = form(
                req, status: .tooManyRequests,
                error: "Too many failed sign-ins. This operator is locked until \(until.formatted(.iso8601)); try again then.")
            response.headers.replaceOrAdd(name: .retryAfter, value: String(max(1, Int(until.timeIntervalSince(req.now).rounded(.up)))))
            return response
        }
    }

    /// A one-time link signs in the user it names, or the account's owner (created on first use),
    /// and lands on the keys page, which says how to set a password until one is set.
    private func linkSignIn(_ req: Request, token: String) async throws -> Response {
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
        let user: OperatorUser
        if let id = link.userID, let named = try await OperatorUser.find(id, on: req.db) {
            user = named
        } else if let owner = try await OperatorUser.query(on: req.db).filter(\.$account.$id == link.$account.id).sort(\.$createdAt).first()
        {
            user = owner
        } else {
            user = OperatorUser(accountID: link.$account.id, name: "owner", now: now)
            try await user.create(on: req.db)
        }
        let response = HostedPage.redirect(to: "/dashboard/overview")
        try await DashboardSessionMiddleware.start(for: user, req: req, response: response)
        return response
    }

    /// Copy buttons: `<button data-copy="id">` copies the value of the element with that id.
    static let scriptSource = """
        document.addEventListener("click", async (event) => {
          const button = event.target.closest("button[data-copy]");
          if (!button) return;
          const field = document.getElementById(button.dataset.copy);
          try { await navigator.clipboard.writeText(field.value); } catch { field.select(); document.execCommand("copy"); }
          button.textContent = "Copied";
          setTimeout(() => { button.textContent = "Copy"; }, 2000);
        });
        """

    @Sendable func script(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .init(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])
        headers.add(name: "Cache-Control", value: "public, max-age=3600")
        headers.add(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(string: Self.scriptSource))
    }
}
