import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

/// Text that users and API clients choose (a task's prompt, a subagent's domain prompt, a webhook
/// endpoint's URL and description, a custom tool's descriptions, an end user's id, OAuth scopes
/// and state) is shown escaped on every page that displays it, in text and in attribute values.
@Suite struct HostileMarkupTests {
    static let hostile = #"<script>x"'&amp;"#
    static let escaped = "&lt;script&gt;x&quot;&#39;&amp;amp;"

    static func expectEscaped(_ page: TestingHTTPResponse, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let html = page.body.string
        #expect(page.status == .ok, "\(what): \(page.status)", sourceLocation: sourceLocation)
        #expect(html.contains(escaped), "\(what) shows the text, escaped", sourceLocation: sourceLocation)
        #expect(!html.contains("<script>x"), "\(what) takes no markup from the text", sourceLocation: sourceLocation)
    }

    static func json(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test func dashboard_pages_escape_what_users_typed() async throws {
        try await withPloton({ $0.allowPrivateNetwork = true }) { t async throws in
            let browser = try await DashboardClient.signIn(t)

            let task = try await t.createTask(try Self.json(["prompt": "What's the weather in Paris? \(Self.hostile)", "user_id": "ann"]))
            Self.expectEscaped(try await browser.get("dashboard/tasks"), "the task list")
            Self.expectEscaped(try await browser.get("dashboard/tasks/\(task)"), "the task page")

            let deployed = try await browser.post(
                "dashboard/subagents", ["name": "desk", "prompt": "Invoices and refunds in Stripe \(Self.hostile)"])
            let subagent = try #require(deployed.headers.first(name: .location), "\(deployed.body.string)")
            Self.expectEscaped(try await browser.get("dashboard/subagents"), "the subagent list")
            Self.expectEscaped(try await browser.get(String(subagent.dropFirst())), "the subagent's form")

            let url = "http://127.0.0.1:9/hook?a='b'&c=1"
            let added = try await browser.post("dashboard/webhooks/endpoints", ["url": url, "description": Self.hostile])
            #expect(added.status == .seeOther, "\(added.body.string)")
            let webhooks = try await browser.get("dashboard/webhooks")
            Self.expectEscaped(webhooks, "the webhooks page")
            #expect(webhooks.body.string.contains("http://127.0.0.1:9/hook?a=&#39;b&#39;&amp;c=1"))
            let endpoint = try #require(try await WebhookEndpoint.query(on: t.db).first()?.id)
            let edit = try await browser.get("dashboard/webhooks/endpoints/\(endpoint)")
            Self.expectEscaped(edit, "the endpoint's form")
            #expect(edit.body.string.contains(#"value="\#(Self.escaped)""#), "in an attribute value too")

            let tool: [String: Any] = [
                "name": "acme_crm", "description": Self.hostile, "base_url": "https://crm.acme.example",
                "auth": ["type": "api_key", "header": "X-API-Key"],
                "capabilities": [
                    ["name": "list_contacts", "description": Self.hostile, "method": "GET", "path": "/contacts", "parameters": [:]]
                ],
            ]
            let registered = try await browser.post("dashboard/tools", ["definition": try Self.json(tool)])
            #expect(registered.status == .seeOther, "\(registered.body.string)")
            Self.expectEscaped(try await browser.get("dashboard/tools"), "the tool list")
            let page = try await browser.get("dashboard/tools/acme_crm")
            Self.expectEscaped(page, "the tool page")
            #expect(
                page.body.string.contains(#"&quot;description&quot; : &quot;&lt;script&gt;x\&quot;&#39;&amp;amp;&quot;"#),
                "the definition to edit")

            let authorize = try await t.send(
                .POST, "v1/connections/authorize", key: t.testKey, json: try Self.json(["user_id": Self.hostile, "tool": "crm"]))
            #expect(authorize.status == .created, "\(authorize.body.string)")
            try await t.consent(try #require(try authorize.object["auth_url"] as? String))
            Self.expectEscaped(try await browser.get("dashboard/connections"), "the connections page")
            Self.expectEscaped(
                try await browser.get("dashboard/connections?user_id=\(TestApp.formEncoded(Self.hostile))"), "the connections filter")

            let user = try #require(Self.hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            let link = try await t.send(.POST, "v1/users/\(user)/settings_link", key: t.testKey, json: "{}")
            #expect(link.status == .created, "\(link.body.string)")
            Self.expectEscaped(
                try await t.send(.GET, try TestApp.local(try #require(try link.object["url"] as? String))), "the settings page")
        }
    }

    @Test func the_sandbox_consent_page_escapes_scopes_and_state() async throws {
        try await withPloton { t async throws in
            let query = [
                "client_id": "sandbox_crm", "redirect_uri": "http://localhost:8080/oauth/callback/crm", "response_type": "code",
                "code_challenge_method": "S256", "code_challenge": String(repeating: "a", count: 43), "scope": Self.hostile,
                "state": Self.hostile,
            ]
            let encoded = query.sorted { $0.key < $1.key }.map { "\($0.key)=\(TestApp.formEncoded($0.value))" }
            let page = try await t.send(.GET, "sandbox/oauth/crm/authorize?" + encoded.joined(separator: "&"))
            Self.expectEscaped(page, "the consent page")
            #expect(page.body.string.contains("<li><code>\(Self.escaped)</code></li>"))
            #expect(page.body.string.contains(#"name="state" value="\#(Self.escaped)""#))
        }
    }

    @Test func the_chart_escapes_its_labels() {
        let chart = SVGChart.stackedBars(
            [[Self.hostile: 2]], series: [Self.hostile], label: Self.hostile, axis: Self.hostile, from: Self.hostile, to: "now"
        )
        .render(indentedBy: nil)
        #expect(chart.contains(#"aria-label="\#(Self.escaped)""#) && chart.contains("<title>\(Self.escaped): 2</title>"))
        #expect(!chart.contains("<script>x"))
    }
}
