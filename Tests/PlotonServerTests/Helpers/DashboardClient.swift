import Foundation
import Testing
import VaporTesting

@testable import PlotonServer

/// A signed-in browser, in memory: the session cookie, and forms posted with its CSRF token.
struct DashboardClient {
    let t: TestApp
    let cookie: String
    let csrf: String

    /// Signs in with the first-run link.
    static func signIn(_ t: TestApp) async throws -> DashboardClient {
        try await signIn(t, response: try await t.send(.GET, try TestApp.local(t.firstRun.signInURL)))
    }

    /// The session that `response` (a sign-in) started.
    static func signIn(_ t: TestApp, response: TestingHTTPResponse) async throws -> DashboardClient {
        let header = try #require(response.headers.first(name: .setCookie), "\(response.status) \(response.body.string)")
        let cookie = String(try #require(header.split(separator: ";").first))
        let html = try await t.send(.GET, "dashboard", headers: ["Cookie": cookie]).body.string
        return DashboardClient(t: t, cookie: cookie, csrf: try #require(Self.value(of: "csrf_token", in: html)))
    }

    func get(_ path: String) async throws -> TestingHTTPResponse {
        try await t.send(.GET, path, headers: ["Cookie": cookie])
    }

    /// Posts a form; the CSRF token is added unless `fields` has one.
    @discardableResult
    func post(_ path: String, _ fields: [String: String] = [:]) async throws -> TestingHTTPResponse {
        try await Self.post(t, path, fields.merging(["csrf_token": csrf]) { given, _ in given }, cookie: cookie)
    }

    static func post(_ t: TestApp, _ path: String, _ fields: [String: String], cookie: String?) async throws -> TestingHTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
        if let cookie { headers.add(name: .cookie, value: cookie) }
        let body = fields.sorted { $0.key < $1.key }.map { "\(TestApp.formEncoded($0.key))=\(TestApp.formEncoded($0.value))" }
        return try await t.app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body.joined(separator: "&")))
    }

    /// The value of the first `<input name="…" value="…">` (or `id`) in a page.
    static func value(of name: String, in html: String) -> String? {
        for marker in [#"name="\#(name)" value=""#, #"id="\#(name)" type="text" readonly value=""#] {
            if let rest = html.components(separatedBy: marker).dropFirst().first, let value = rest.split(separator: "\"").first {
                return String(value)
            }
        }
        return nil
    }
}
