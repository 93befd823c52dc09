import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// Rendering a dashboard view for a request: the session's environment and CSRF token around it
/// (`DashboardLayout`), and the pages every section shares (failure, refused, not found).
enum DashboardPage {
    static var sections: [(path: String, title: String)] { DashboardLayout.sections }

    static func render(_ req: Request, title: String, body: Markup, status: HTTPStatus = .ok) -> Response {
        let session = req.dashboardSession
        let chrome = DashboardChrome(environment: session.environment, csrfToken: session.csrfToken, path: req.url.path)
        return HostedPage.response(status: status, title: title, body: DashboardLayout.page(chrome, body: body), layout: .dashboard)
    }

    /// The session's CSRF token, for the view's forms.
    static func csrf(_ req: Request) -> String { req.dashboardSession.csrfToken }

    /// Whether the operator still has no password (signed in with the one-time link).
    static func needsPassword(_ req: Request) async throws -> Bool {
        try await req.dashboardSession.$user.get(on: req.db).passwordHash == nil
    }

    /// An API failure raised by a shared service, explained on a page.
    static func failure(_ req: Request, _ failure: APIFailure) -> Response {
        render(
            req, title: "Not done", body: DashboardLayout.failure(failure.message, back: DashboardLayout.section(of: req.url.path)),
            status: HTTPStatus(statusCode: failure.code.httpStatus))
    }

    /// Destructive forms carry a ticked "I am sure" box.
    static func requireConfirmation(_ req: Request, _ action: String) throws {
        guard req.formFields["confirm"] == "yes" else { throw APIFailure.invalid("confirm", "Tick \"I am sure\" to \(action).") }
    }

    static func refused() -> Response {
        HostedPage.message(
            status: .forbidden, title: "Not allowed", message: "This form is not from your signed-in session. Sign in again.")
    }

    static func notFound(_ req: Request, _ what: String) -> Response {
        render(req, title: "Not found", body: .p(.plain("There is no such \(what) in this environment.")), status: .notFound)
    }
}
