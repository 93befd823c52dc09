import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// The signed-in dashboard's layout: navigation, the environment switch and sign-out around each
/// page, plus the small pieces pages share (CSRF field, dates, copy buttons, failure pages).
enum DashboardPage {
    static let sections: [(path: String, title: String)] = [
        ("/dashboard/overview", "Overview"), ("/dashboard", "API keys"), ("/dashboard/webhooks", "Webhooks"),
        ("/dashboard/events", "Events"),
        ("/dashboard/tasks", "Tasks"), ("/dashboard/connections", "Connections"), ("/dashboard/tools", "Tools"),
        ("/dashboard/subagents", "Subagents"), ("/dashboard/account", "Account"),
    ]

    static func render(_ req: Request, title: String, body: String, status: HTTPStatus = .ok) -> Response {
        let session = req.dashboardSession
        let environment = session.plotonEnvironment
        let other: PlotonEnvironment = environment == .test ? .live : .test
        let current = section(of: req.url.path).path
        let links = sections.map { section in
            "<a href=\"\(section.path)\"\(section.path == current ? " aria-current=\"page\"" : "")>\(section.title)</a>"
        }
        let header = """
            <nav aria-label="Dashboard">\(links.joined())</nav>
            <form method="post" action="/dashboard/environment">\(csrf(req))\(HostedPage.hidden(["environment": other.rawValue]))\
            <p>Viewing <strong>\(environment.rawValue)</strong> data. <button type="submit">Switch to \(other.rawValue)</button></p></form>
            """
        let footer = """
            <form method="post" action="/dashboard/sign-out">\(csrf(req))<div class="actions"><button type="submit">Sign out</button></div></form>
            """
        return HostedPage.response(status: status, title: title, body: header + body + footer, layout: .dashboard)
    }

    /// The section a path is in: the longest section path it starts with.
    static func section(of path: String) -> (path: String, title: String) {
        sections.filter { path == $0.path || path.hasPrefix($0.path + "/") }.max { $0.path.count < $1.path.count } ?? sections[1]
    }

    /// Until the operator has a password, a reminder that the one-time link will not work again.
    static func passwordNotice(_ req: Request) async throws -> String {
        let user = try await req.dashboardSession.$user.get(on: req.db)
        guard user.passwordHash == nil else { return "" }
        return
            #"<p class="notice">You signed in with a one-time link. <a href="/dashboard/account">Set an email and password</a> to sign in again later.</p>"#
    }

    /// The hidden field every dashboard form carries.
    static func csrf(_ req: Request) -> String { HostedPage.hidden(["csrf_token": req.dashboardSession.csrfToken]) }

    /// A POST form of one button; `confirm` adds a required "I am sure" checkbox.
    static func button(_ req: Request, action: String, label: String, confirm: Bool = false, fields: [String: String] = [:]) -> String {
        let check = confirm ? #"<label><input type="checkbox" name="confirm" value="yes" required> I am sure</label> "# : ""
        return #"<form class="inline" method="post" action="\#(HostedPage.escape(action))">"#
            + "\(csrf(req))\(HostedPage.hidden(fields))\(check)<button type=\"submit\">\(HostedPage.escape(label))</button></form>"
    }

    /// A read-only field with a copy button (the dashboard script does the copying).
    static func copyable(id: String, label: String, value: String) -> String {
        """
        <label for="\(id)">\(HostedPage.escape(label))</label><input id="\(id)" type="text" readonly value="\(HostedPage.escape(value))">
        <button type="button" data-copy="\(id)">Copy</button>
        """
    }

    /// A timestamp that never wraps inside a table cell.
    static func date(_ date: Date?) -> String {
        guard let text = date?.formatted(.iso8601) else { return "never" }
        return "<time datetime=\"\(text)\">\(text)</time>"
    }

    static func table(_ headers: [String], _ rows: [String], empty: String) -> String {
        guard !rows.isEmpty else { return "<p class=\"muted\">\(HostedPage.escape(empty))</p>" }
        return "<div class=\"scroll\"><table><thead><tr>" + headers.map { "<th>\($0)</th>" }.joined()
            + "</tr></thead><tbody>\(rows.joined())</tbody></table></div>"
    }

    /// A filter's `<select>`: "any" (empty) first, then `values`, with `selected` chosen.
    static func filter(id: String, name: String, values: [String], selected: String?) -> String {
        let options = ([""] + values).map { value in
            "<option value=\"\(HostedPage.escape(value))\"\(value == (selected ?? "") ? " selected" : "")>\(value.isEmpty ? "any" : HostedPage.escape(value))</option>"
        }
        return "<select id=\"\(id)\" name=\"\(name)\">\(options.joined())</select>"
    }

    static func row(_ cells: [String]) -> String { "<tr>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>" }

    /// An API failure raised by a shared service, explained on a page.
    static func failure(_ req: Request, _ failure: APIFailure) -> Response {
        let section = section(of: req.url.path)
        return render(
            req, title: "Not done",
            body: "<p class=\"error\" role=\"alert\">\(HostedPage.escape(failure.message))</p>"
                + "<p><a href=\"\(section.path)\">Back to \(section.title)</a></p>",
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
        render(req, title: "Not found", body: "<p>There is no such \(what) in this environment.</p>", status: .notFound)
    }
}
