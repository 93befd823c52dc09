import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// Inputs shaped to slip past a check: dot segments in path parameters, reserved keys in answers,
/// names with a trailing newline, and webhook URLs naming non-public addresses in unusual forms.
@Suite(.serialized) struct HostileInputTests {
    @Test(arguments: ["..", "."])
    func a_dot_segment_path_parameter_is_refused_before_any_request_is_made(_ value: String) async throws {
        try await CustomToolExecutionTests().withCRM { t, service in
            let id = try await t.createTask(#"{"prompt":"Get the contact","tool":"internal-crm"}"#)
            try await t.drain()
            #expect((try await t.task(id)["waiting"] as? [String: Any])?["reason"] as? String == "input_required")
            let answered = try await t.send(.POST, "v1/tasks/\(id)/input", key: t.testKey, json: #"{"input":{"id":"\#(value)"}}"#)
            #expect(answered.status == .ok)
            try await t.drain()
            let task = try await t.task(id)
            let error = try #require(task["error"] as? [String: Any], "\(task)")
            #expect(error["code"] as? String == "invalid_input")
            #expect((error["message"] as? String)?.contains("path parameter id") == true, "\(error)")
            #expect(service.received.isEmpty, "nothing reached the service: \(service.received.map(\.path))")
        }
    }

    @Test func answers_may_not_carry_reserved_dollar_keys_at_any_depth() async throws {
        try await withPloton { t async throws in
            let id = try await t.createTask(#"{"prompt":"What's the weather like right now?"}"#)
            try await t.drain()
            for (input, param) in [
                (#"{"location":"Paris","$approved_steps":[0]}"#, "input.$approved_steps"),
                (#"{"location":"Paris","extra":{"$approved_steps":[0]}}"#, "input.extra.$approved_steps"),
                (#"{"location":"Paris","list":[{"ok":1},{"$x":1}]}"#, "input.list[1].$x"),
            ] {
                let response = try await t.send(.POST, "v1/tasks/\(id)/input", key: t.testKey, json: #"{"input":\#(input)}"#)
                #expect(response.status == .unprocessableEntity, "\(response.body.string)")
                #expect(response.errorCode == "validation_error")
                #expect(try response.error["param"] as? String == param)
            }
            let task = try #require(try await AgentTask.find(id, on: t.db))
            #expect(task.status == .waiting)
            #expect(try task.input.keys.allSatisfy { !$0.hasPrefix("$") })
            let resumed = try await t.send(.POST, "v1/tasks/\(id)/input", key: t.testKey, json: #"{"input":{"location":"Paris"}}"#)
            #expect(resumed.status == .ok)
        }
    }

    /// An answer becomes a step's input, and a sandbox step stores it as `jsonb` on PostgreSQL, which
    /// refuses U+0000: the task failed there on every run until its worker was counted lost.
    @Test func answers_may_not_carry_nul_at_any_depth() async throws {
        try await withPloton { t async throws in
            let id = try await t.createTask(#"{"prompt":"What's the weather like right now?"}"#)
            try await t.drain()
            for (input, param) in [
                (#"{"location":"Par\u0000is"}"#, "input.location"),
                (#"{"location":"Paris","extra":{"a\u0000":1}}"#, "input.extra.a\u{0}"),
                (#"{"location":"Paris","list":["ok","\u0000"]}"#, "input.list[1]"),
            ] {
                let response = try await t.send(.POST, "v1/tasks/\(id)/input", key: t.testKey, json: #"{"input":\#(input)}"#)
                #expect(response.status == .unprocessableEntity, "\(response.body.string)")
                #expect(response.errorCode == "validation_error")
                #expect(try response.error["param"] as? String == param)
            }
            #expect(try await AgentTask.find(id, on: t.db)?.status == .waiting)
            let resumed = try await t.send(.POST, "v1/tasks/\(id)/input", key: t.testKey, json: #"{"input":{"location":"Paris"}}"#)
            #expect(resumed.status == .ok)
        }
    }

    @Test func json_that_foundation_reads_but_that_is_not_json_is_refused_as_malformed() async throws {
        try await withPloton { t async throws in
            for body in [#"{"prompt":"a",}"#, #"{"prompt":"a","metadata":{"k":"v",}}"#, "{\"prompt\":\"a\u{09}b\"}", #"{"prompt":"a"} "#] {
                let response = try await t.send(.POST, "v1/tasks", key: t.testKey, json: body)
                let malformed = body.hasSuffix(" ") ? HTTPStatus.created : .badRequest  // trailing whitespace is JSON
                #expect(response.status == malformed, "\(body): \(response.body.string)")
                if malformed == .badRequest { #expect(response.errorCode == "invalid_request", "\(body)") }
            }
            #expect(try await AgentTask.query(on: t.db).count() == 1)
            let endpoint = try await t.send(.POST, "v1/webhook_endpoints", key: t.testKey, json: #"{"url":"https://example.com/h",}"#)
            #expect(endpoint.status == .badRequest && endpoint.errorCode == "invalid_request")

            let session = try await t.mcpSession()
            let listed = try await t.mcp(#"{"jsonrpc":"2.0","id":2,"method":"tools/list",}"#, session: session)
            #expect(listed.status == .badRequest)
            #expect((try listed.object["error"] as? [String: Any])?["code"] as? Int == -32700, "\(listed.body.string)")
        }
    }

    /// A 1 KB body nested 500 deep took seconds of CPU to decode (about the cube of the depth), on every JSON surface.
    @Test func json_nested_past_the_limit_is_refused_at_once() async throws {
        try await withPloton { t async throws in
            let nested = { (depth: Int) in String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth) }
            let deep = try await t.send(.POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"a","metadata":\#(nested(500))}"#)
            #expect(deep.status == .badRequest && deep.errorCode == "invalid_request", "\(deep.body.string)")
            #expect(deep.body.string.contains("deeper than \(StrictJSON.maxDepth) levels"), "\(deep.body.string)")
            #expect(try await AgentTask.query(on: t.db).count() == 0)

            let session = try await t.mcpSession()
            let ping = try await t.mcp(#"{"jsonrpc":"2.0","id":3,"method":"ping","params":\#(nested(500))}"#, session: session)
            #expect(ping.status == .badRequest)
            #expect((try ping.object["error"] as? [String: Any])?["code"] as? Int == -32700, "\(ping.body.string)")
        }
    }

    /// PostgreSQL text cannot hold U+0000: a dashboard or hosted form with one failed as a 500 there, even signing in.
    @Test func a_form_carrying_nul_is_refused_before_it_is_read() async throws {
        try await withPloton { t async throws in
            for body in ["email=a%00b%40example.com&password=x", "email=a\u{0}b%40example.com&password=x"] {
                let form = try await t.app.testing().sendRequest(
                    .POST, "dashboard/sign-in", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: body))
                #expect(form.status == .badRequest && form.headers.contentType == .html, "\(form.status)")
                #expect(form.body.string.contains("NUL"), "\(form.body.string)")
            }
            // "%000" is NUL then "0"; "%2500" is the text "%00", which a form may carry.
            let escaped = try await t.app.testing().sendRequest(
                .POST, "dashboard/sign-in", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "email=a%2500b%40example.com&password=x"))
            #expect(escaped.status != .badRequest && escaped.status.code < 500, "\(escaped.status)")
        }
    }

    @Test func names_with_a_trailing_newline_are_refused() async throws {
        try await withPloton { t async throws in
            let good = ToolsAPITests.definition()
            for (json, field) in [
                (good.replacingOccurrences(of: #""name":"internal-crm""#, with: #""name":"internal-crm\n""#), "name"),
                (good.replacingOccurrences(of: #""name":"list_contacts""#, with: #""name":"list_contacts\n""#), "capabilities[0].name"),
            ] {
                let response = try await t.send(.POST, "v1/tools", key: t.testKey, json: json)
                #expect(response.status == .unprocessableEntity, "\(response.body.string)")
                #expect(try response.error["param"] as? String == field)
            }
            #expect((try await t.send(.GET, "v1/tools?type=custom", key: t.testKey).object["data"] as? [Any])?.isEmpty == true)
            #expect(try await t.send(.POST, "v1/tools", key: t.testKey, json: good).status == .created)
        }
    }

    @Test func webhook_urls_naming_non_public_addresses_in_any_form_are_refused() async throws {
        try await withPloton({ $0.allowPrivateNetwork = false }) { t async throws in
            for url in [
                "http://[::ffff:127.0.0.1]/hook", "http://[::ffff:7f00:1]/hook", "http://2130706433/hook", "http://0x7f.1/hook",
                "http://127.1/hook", "http://[64:ff9b::a9fe:a9fe]/hook", "http://[fec0::1]/hook", "http://[fe80::1]/hook",
                "http://[::]/hook", "http://[::a00:1]/hook", "http://198.18.0.1/hook", "http://224.0.0.1/hook", "http://240.0.0.1/hook",
                "http://[2002:a00:1::1]/hook", "http://localhost./hook", "http://api.localhost/hook",
            ] {
                let response = try await t.send(.POST, "v1/webhook_endpoints", key: t.testKey, json: #"{"url":"\#(url)"}"#)
                #expect(response.status == .unprocessableEntity, "\(url): \(response.body.string)")
                #expect(try response.error["param"] as? String == "url", "\(url)")
            }
            #expect(try await WebhookEndpoint.query(on: t.db).count() == 0)
            for url in ["https://8.8.8.8/hook", "https://[2606:4700:4700::1111]/hook", "https://example.com/hook"] {
                let response = try await t.send(.POST, "v1/webhook_endpoints", key: t.testKey, json: #"{"url":"\#(url)"}"#)
                #expect(response.status == .created, "\(url): \(response.body.string)")
            }
        }
    }

    @Test func outbound_requests_are_refused_for_every_resolved_address_form() async throws {
        for url in ["http://[::ffff:127.0.0.1]:9/", "http://2130706433:9/", "http://[64:ff9b::7f00:1]:9/", "http://198.18.0.1:9/"] {
            await #expect(throws: ToolFailure.self, "\(url)") { try await NetworkPolicy.check(url: url, allowPrivate: false) }
        }
        #expect(
            try await NetworkPolicy.check(url: "http://[2606:4700:4700::1111]/", allowPrivate: false)?.address == "2606:4700:4700::1111")
    }
}
