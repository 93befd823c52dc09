import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// Guards every signed-in dashboard route: a live session cookie (else GETs go to the sign-in
/// page and anything else is refused), the session's CSRF token on every form, and the session's
/// account and environment as the request's principal, so pages call the API's own services.
/// Failures those services raise become a page in the dashboard's layout.
struct DashboardSessionMiddleware: AsyncMiddleware {
    static let cookie = "ploton_session"
    static let lifetime: TimeInterval = 12 * 3600

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let session = try await Self.session(req) else {
            return req.method == .GET ? HostedPage.redirect(to: "/dashboard/sign-in") : DashboardPage.refused()
        }
        if req.method != .GET, req.formFields["csrf_token"] != session.csrfToken { return DashboardPage.refused() }
        req.dashboardSession = session
        req.principal = APIPrincipal(
            keyID: "dashboard:\(session.$user.id)", accountID: session.$account.id, environment: session.environment)
        do {
            return try await next.respond(to: req)
        } catch {
            guard let failure = APIFailure(reporting: error) else { throw error }
            return DashboardPage.failure(req, failure)
        }
    }

    static func session(_ req: Request) async throws -> DashboardSession? {
        guard let token = req.cookies[cookie]?.string, !token.isEmpty,
            let session = try await DashboardSession.query(on: req.db).filter(\.$tokenHash == SecretDigest.sha256Hex(token)).first(),
            session.expiresAt > req.now
        else { return nil }
        return session
    }

    /// Starts a session for `user` and sets its cookie on `response`.
    static func start(for user: OperatorUser, req: Request, response: Response) async throws {
        let token = Base62.random(count: 43)
        try await DashboardSession(user: user, token: token, now: req.now, lifetime: lifetime).create(on: req.db)
        response.cookies[cookie] = HTTPCookies.Value(
            string: token, maxAge: Int(lifetime), path: "/dashboard", isSecure: req.ploton.config.publicURL.hasPrefix("https://"),
            isHTTPOnly: true, sameSite: .lax)
    }
}

extension Request {
    private struct DashboardSessionKey: StorageKey { typealias Value = DashboardSession }

    /// The signed-in session; set by `DashboardSessionMiddleware` on every dashboard route.
    var dashboardSession: DashboardSession {
        get {
            guard let session = storage[DashboardSessionKey.self] else { fatalError("dashboard route outside DashboardSessionMiddleware") }
            return session
        }
        set { storage[DashboardSessionKey.self] = newValue }
    }
}
