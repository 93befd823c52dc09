import Fluent
import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

/// The dashboard's first slice: the one-time sign-in link from the first run, the session
/// cookie, CSRF-protected forms, the environment switch, API keys and the webhook secret.
@Suite struct DashboardTests {
    func cookie(_ response: TestingHTTPResponse) throws -> String {
        let header = try #require(response.headers.first(name: .setCookie))
        return String(try #require(header.split(separator: ";").first))
    }

    @Test func the_first_run_link_signs_in_once_and_the_dashboard_shows_keys_and_the_secret() async throws {
        try await withPloton { t async throws in
            let banner = t.firstRun.banner
            #expect(banner.contains("Dashboard sign-in (one time"))
            let link = try #require(
                banner.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                    .first { $0.hasPrefix("http://localhost:8080/dashboard/sign-in?token=") })
            #expect(try await t.send(.GET, "dashboard").headers.first(name: .location) == "/dashboard/sign-in")

            let signedIn = try await t.send(.GET, try TestApp.local(link))
            #expect(signedIn.status == .seeOther && signedIn.headers.first(name: .location) == "/dashboard/overview")
            let setCookie = try #require(signedIn.headers.first(name: .setCookie))
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && setCookie.contains("Path=/dashboard"))
            #expect(try await t.send(.GET, try TestApp.local(link)).status == .gone, "the link works once")

            let session = try cookie(signedIn)
            let page = try await t.send(.GET, "dashboard", headers: ["Cookie": session])
            #expect(page.status == .ok)
            let html = page.body.string
            let testKey = t.testKey
            #expect(
                html.contains("\(testKey.prefix(12))…\(testKey.suffix(4))") && !html.contains(testKey), "keys by prefix and last four only")
            #expect(html.contains(t.firstRun.testWebhookSecret.value) && html.contains("Reveal"))
            #expect(!html.contains(t.liveKey.suffix(4) + "</code>"), "live keys are not on the test page")

            // Forms need the session's CSRF token.
            let csrf = try #require(
                html.components(separatedBy: #"name="csrf_token" value=""#).dropFirst().first?.split(separator: "\"").first)
            func post(_ path: String, _ form: String) async throws -> TestingHTTPResponse {
                try await t.app.testing().sendRequest(
                    .POST, path, headers: ["Cookie": session, "Content-Type": "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: form))
            }
            let forged = try await post("dashboard/environment", "environment=live&csrf_token=forged")
            #expect(forged.status == .forbidden, "\(forged.status) \(forged.body.string)")
            #expect(try await post("dashboard/environment", "environment=live&csrf_token=\(csrf)").status == .seeOther)
            let live = try await t.send(.GET, "dashboard", headers: ["Cookie": session]).body.string
            #expect(live.contains("Viewing <strong>live</strong>") && live.contains(t.firstRun.liveWebhookSecret.value))

            #expect(try await post("dashboard/sign-out", "csrf_token=\(csrf)").status == .seeOther)
            #expect(try await t.send(.GET, "dashboard", headers: ["Cookie": session]).status == .seeOther, "signed out")
        }
    }

    @Test func keys_are_created_used_and_revoked_from_the_dashboard_and_tasks_are_shown() async throws {
        try await withPloton { t async throws in
            let browser = try await DashboardClient.signIn(t)
            let created = try await browser.post("dashboard/keys", ["name": "Agent one"])
            #expect(created.status == .ok && created.body.string.contains("shown only this once"))
            let secret = try #require(
                DashboardClient.value(of: "secret", in: created.body.string))
            #expect(secret.hasPrefix("pk_test_"))
            #expect(try await t.send(.GET, "v1/tasks", key: String(secret)).status == .ok, "the new key works against the API")

            let key = try #require(try await APIKey.query(on: t.db).filter(\.$name == "Agent one").first())
            #expect(try await browser.post("dashboard/keys/\(key.id!)/revoke").status == .unprocessableEntity, "needs confirmation")
            #expect(try await browser.post("dashboard/keys/\(key.id!)/revoke", ["confirm": "yes"]).status == .seeOther)
            #expect(try await t.send(.GET, "v1/tasks", key: String(secret)).status == .unauthorized, "revoked at once")

            let id = try await t.createTask(#"{"prompt":"\#(TasksTests.example1)","user_id":"ann"}"#)
            try await t.drain()
            let list = try await browser.get("dashboard/tasks?status=complete&user=ann")
            #expect(list.status == .ok && list.body.string.contains(id))
            let detail = try await browser.get("dashboard/tasks/\(id)").body.string
            #expect(detail.contains("weather.geocode") && detail.contains("weather.current") && detail.contains("temperature"))
            #expect(!detail.contains("Trace ID"), "no trace without tracing")
            // A task stored with its request's trace context (tracing on) links to its trace.
            let task = try #require(try await AgentTask.find(id, on: t.db))
            task.traceContext = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
            try await task.save(on: t.db)
            let traced = try await browser.get("dashboard/tasks/\(id)").body.string
            #expect(traced.contains("Trace ID") && traced.contains("4bf92f3577b34da6a3ce929d0e0e4736"))
            #expect(try await browser.get("dashboard/tasks/task_missing").status == .notFound)
        }
    }
}
