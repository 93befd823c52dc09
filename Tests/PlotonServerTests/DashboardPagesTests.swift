import Fluent
import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

/// The dashboard's webhooks, events, connections and tools pages: forms go through the API's own
/// validation, change what the API would, and explain refusals without changing anything.
@Suite struct DashboardPagesTests {
    @Test func webhook_endpoints_are_added_edited_disabled_and_deleted_and_the_secret_rolls() async throws {
        try await withPloton({ $0.allowPrivateNetwork = true }) { t async throws in
            let browser = try await DashboardClient.signIn(t)
            let page = try await browser.get("dashboard/webhooks")
            #expect(page.status == .ok && page.body.string.contains(t.firstRun.testWebhookSecret.value))
            #expect(page.body.string.contains(#"data-copy="webhook-secret""#))

            let refused = try await browser.post("dashboard/webhooks/endpoints", ["url": "ftp://example.com/hook"])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("absolute http:// or https:// URL"))
            #expect(try await WebhookEndpoint.query(on: t.db).count() == 0, "a refused form changes nothing")

            let added = try await browser.post(
                "dashboard/webhooks/endpoints",
                ["url": "http://127.0.0.1:9/hook", "description": "Ops", "event.task.complete": "on", "event.task.failed": "on"])
            #expect(added.status == .seeOther)
            let endpoint = try #require(try await WebhookEndpoint.query(on: t.db).first())
            #expect(endpoint.events == ["task.complete", "task.failed"] && endpoint.enabled && endpoint.endpointDescription == "Ops")
            let id = try #require(endpoint.id)
            #expect(try await browser.get("dashboard/webhooks").body.string.contains("http://127.0.0.1:9/hook"))

            #expect(try await browser.post("dashboard/webhooks/endpoints/\(id)", ["enabled": "false"]).status == .seeOther)
            #expect(try await WebhookEndpoint.find(id, on: t.db)?.enabled == false)
            let edit = try await browser.get("dashboard/webhooks/endpoints/\(id)")
            #expect(edit.body.string.contains(#"name="event.task.complete" value="on" checked"#))
            try await browser.post("dashboard/webhooks/endpoints/\(id)", ["url": "http://127.0.0.1:9/other", "description": ""])
            let edited = try #require(try await WebhookEndpoint.find(id, on: t.db))
            #expect(edited.url == "http://127.0.0.1:9/other" && edited.events == ["*"] && edited.endpointDescription == nil)

            #expect(try await browser.post("dashboard/webhooks/endpoints/\(id)/delete").status == .unprocessableEntity)
            #expect(try await browser.post("dashboard/webhooks/endpoints/\(id)/delete", ["confirm": "yes"]).status == .seeOther)
            #expect(try await WebhookEndpoint.query(on: t.db).count() == 0)
            #expect(try await browser.get("dashboard/webhooks/endpoints/\(id)").status == .notFound)

            #expect(try await browser.post("dashboard/webhooks/secret/roll", ["expires_in": "3600"]).status == .seeOther)
            let rolled = try await browser.get("dashboard/webhooks").body.string
            #expect(!rolled.contains(t.firstRun.testWebhookSecret.value) && rolled.contains("The previous secret also signs until"))
            let api = try await t.send(.GET, "v1/webhook_secret", key: t.testKey).object
            #expect((api["secret"] as? String).map(rolled.contains) == true, "the API sees the same new secret")
        }
    }

    @Test func the_event_log_shows_delivery_attempts_and_redelivers() async throws {
        try await withPloton({ $0.allowPrivateNetwork = true }) { t async throws in
            let browser = try await DashboardClient.signIn(t)
            let id = try await t.createTask(#"{"prompt":"\#(TasksTests.example1)","user_id":"ann"}"#)
            try await t.drain()
            let completed = try #require(try await t.events(for: id).first { $0.type == .taskComplete }?.id)
            let log = try await browser.get("dashboard/events?event=task.complete")
            #expect(log.status == .ok && log.body.string.contains(completed) && log.body.string.contains("no destinations"))
            let nowhere = try await browser.post("dashboard/events/\(completed)/redeliver")
            #expect(nowhere.status == .conflict && nowhere.body.string.contains("No enabled webhook endpoint"))

            try await browser.post("dashboard/webhooks/endpoints", ["url": "http://127.0.0.1:9/hook"])
            #expect(try await browser.post("dashboard/events/\(completed)/redeliver").status == .seeOther)
            let attempts = try await WebhookDelivery.query(on: t.db).filter(\.$eventID == completed).all()
            #expect(attempts.count == 1 && attempts.first?.retries == false, "one manual attempt, no automatic retries")
            let detail = try await browser.get("dashboard/events/\(completed)").body.string
            #expect(detail.contains("Delivery attempts") && detail.contains("http://127.0.0.1:9/hook") && detail.contains("pending"))
            #expect(detail.contains("&quot;temperature&quot;"), "the payload is shown")
            #expect(try await browser.get("dashboard/events?event=nonsense").status == .unprocessableEntity)
        }
    }

    @Test func connections_are_listed_by_user_and_revoked() async throws {
        try await withPloton { t async throws in
            let browser = try await DashboardClient.signIn(t)
            try await t.connect("bob", "email")
            try await t.connect("cy", "chat")
            let list = try await browser.get("dashboard/connections?user_id=bob").body.string
            #expect(list.contains(">bob<") && list.contains(">email<") && !list.contains(">cy<") && list.contains("active"))
            let connection = try #require(try await Connection.query(on: t.db).filter(\.$userID == "bob").first())
            let id = try #require(connection.id)
            #expect(try await browser.post("dashboard/connections/\(id)/revoke").status == .unprocessableEntity, "needs confirmation")
            let revoked = try await browser.post("dashboard/connections/\(id)/revoke", ["confirm": "yes"])
            #expect(revoked.status == .ok && revoked.body.string.contains("Connection revoked"))
            #expect(try await Connection.find(id, on: t.db)?.status == .revoked)
            let api = try await t.send(.GET, "v1/connections/\(id)", key: t.testKey).object
            #expect(api["status"] as? String == "revoked")
            #expect(try await browser.get("dashboard/connections?status=revoked").body.string.contains(">bob<"))
        }
    }

    static let toolJSON = """
        {"name":"acme_crm","description":"Acme CRM","base_url":"https://crm.acme.example","auth":{"type":"api_key","header":"X-API-Key"},
        "capabilities":[{"name":"list_contacts","description":"List contacts","method":"GET","path":"/contacts","parameters":{}}]}
        """

    @Test func custom_tools_are_registered_edited_given_credentials_and_deleted() async throws {
        try await withPloton { t async throws in
            let browser = try await DashboardClient.signIn(t)
            let list = try await browser.get("dashboard/tools").body.string
            #expect(list.contains(#"href="/dashboard/tools/weather""#) && list.contains("current"))
            #expect(list.contains("<code>http://localhost:8080/mcp</code> with a test API key"))

            let broken = try await browser.post("dashboard/tools", ["definition": "{not json"])
            #expect(broken.status == .badRequest && broken.body.string.contains("not valid JSON"))
            let unknown = try await browser.post("dashboard/tools", ["definition": #"{"name":"x","color":"red"}"#])
            #expect(unknown.status == .badRequest && unknown.body.string.contains("Unknown parameter: color"))
            #expect(try await CustomTool.query(on: t.db).count() == 0)

            let registered = try await browser.post("dashboard/tools", ["definition": Self.toolJSON])
            #expect(registered.status == .seeOther && registered.headers.first(name: .location) == "/dashboard/tools/acme_crm")
            let page = try await browser.get("dashboard/tools/acme_crm").body.string
            #expect(page.contains("list_contacts") && page.contains("No credentials set") && page.contains("Delete tool"))

            let edited = Self.toolJSON.replacingOccurrences(of: #""description":"Acme CRM""#, with: #""description":"Acme CRM v2""#)
            #expect(try await browser.post("dashboard/tools/acme_crm", ["definition": edited]).status == .seeOther)
            #expect(try await t.send(.GET, "v1/tools/acme_crm", key: t.testKey).object["description"] as? String == "Acme CRM v2")

            let secret = "acme-secret-123456"
            #expect(try await browser.post("dashboard/tools/acme_crm/credentials", ["api_key": secret]).status == .seeOther)
            let withCredentials = try await browser.get("dashboard/tools/acme_crm").body.string
            #expect(withCredentials.contains("Credentials are set") && !withCredentials.contains(secret), "write-only")
            #expect(try await t.send(.GET, "v1/tools/acme_crm", key: t.testKey).object["credentials_configured"] as? Bool == true)

            let builtIn = try await browser.post("dashboard/tools/weather/delete", ["confirm": "yes"])
            #expect(builtIn.status == .forbidden && builtIn.body.string.contains("built-in"))
            #expect(try await browser.post("dashboard/tools/acme_crm/delete", ["confirm": "yes"]).status == .seeOther)
            #expect(try await t.send(.GET, "v1/tools/acme_crm", key: t.testKey).status == .notFound)
        }
    }

    @Test func a_tool_page_shows_its_capabilities_scopes_and_execution_memory() async throws {
        try await withPloton { t async throws in
            let browser = try await DashboardClient.signIn(t)
            #expect(try await browser.get("dashboard/tools/weather").body.string.contains("No runs in this environment yet."))
            _ = try await t.createTask(#"{"prompt":"\#(TasksTests.example1)","user_id":"ann"}"#)
            try await t.drain()
            let page = try await browser.get("dashboard/tools/weather").body.string
            #expect(page.contains("Execution memory") && page.contains("<td>current</td><td>1</td><td>1</td>"), "\(page)")
            let email = try await browser.get("dashboard/tools/email").body.string
            #expect(email.contains("oauth2") && email.contains("gmail.send"), "built-in auth and scopes")
            #expect(try await browser.get("dashboard/tools/nope").status == .notFound)
        }
    }

    @Test func subagents_are_deployed_changed_and_deleted() async throws {
        try await withPloton { t async throws in
            let browser = try await DashboardClient.signIn(t)
            let list = try await browser.get("dashboard/subagents").body.string
            #expect(list.contains(">billing<") && list.contains("prebuilt") && list.contains("payments"))
            let vague = try await browser.post("dashboard/subagents", ["name": "helper", "prompt": "Be nice."])
            #expect(vague.status == .unprocessableEntity && vague.body.string.contains("names no service"))
            let deployed = try await browser.post("dashboard/subagents", ["name": "desk", "prompt": "Invoices and refunds in Stripe"])
            let location = try #require(deployed.headers.first(name: .location))
            let id = String(location.split(separator: "/").last ?? "")
            #expect(try await t.send(.GET, "v1/subagents/desk", key: t.testKey).object["tools"] as? [String] == ["payments"])
            #expect(try await browser.get(String(location.dropFirst())).body.string.contains("Tools: <strong>payments</strong>"))
            try await browser.post("dashboard/subagents/\(id)", ["name": "desk", "prompt": "Posts to Slack channels"])
            #expect(try await t.send(.GET, "v1/subagents/desk", key: t.testKey).object["tools"] as? [String] == ["chat"])
            #expect(try await browser.get("dashboard/subagents/sa_prebuilt_sales").status == .notFound, "prebuilt ones are not editable")
            #expect(try await browser.post("dashboard/subagents/\(id)/delete", ["confirm": "yes"]).status == .seeOther)
            #expect(try await t.send(.GET, "v1/subagents/desk", key: t.testKey).status == .notFound)
        }
    }

    @Test func dashboard_pages_load_only_their_own_script_and_refuse_forms_without_the_session_token() async throws {
        try await withPloton { t async throws in
            let browser = try await DashboardClient.signIn(t)
            for section in DashboardPage.sections {
                let page = try await browser.get(String(section.path.dropFirst()))
                #expect(page.status == .ok, "\(section.path)")
                let policy = page.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(policy.contains("default-src 'none'") && policy.contains("script-src 'self'"))
                #expect(page.body.string.contains(#"aria-current="page">\#(section.title)<"#), "\(section.path)")
            }
            let script = try await t.send(.GET, "dashboard/assets/dashboard.js")
            #expect(script.status == .ok && script.headers.contentType?.subType == "javascript")
            #expect(script.body.string.contains("data-copy") || script.body.string.contains("dataset.copy"))

            let forged = try await browser.post("dashboard/webhooks/endpoints", ["url": "https://example.com/h", "csrf_token": "forged"])
            #expect(forged.status == .forbidden)
            #expect(try await WebhookEndpoint.query(on: t.db).count() == 0)
            let anonymous = try await DashboardClient.post(t, "dashboard/tools", ["definition": "{}"], cookie: nil)
            #expect(anonymous.status == .forbidden)
            #expect(try await t.send(.GET, "dashboard/connections").headers.first(name: .location) == "/dashboard/sign-in")
        }
    }
}
