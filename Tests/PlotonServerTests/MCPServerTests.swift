import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// `/mcp` on the wire: sessions, keys, the tool list, tool calls as tasks, errors, progress and
/// cancellation. Independent clients (the Python and Swift SDKs) are in MCPClientsTests.
@Suite struct MCPServerTests {
    @Test func sessions_need_a_key_negotiate_the_version_and_belong_to_their_key() async throws {
        try await withPloton { t in
            let anonymous = try await t.send(
                .POST, "mcp", json: TestApp.initialize(), headers: ["Accept": "application/json, text/event-stream"])
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers.first(name: .wwwAuthenticate) != nil)
            let refusal = try #require(try anonymous.object["error"] as? [String: Any])
            #expect(refusal["code"] as? Int == MCPErrorMiddleware.code)
            #expect((refusal["message"] as? String)?.hasPrefix("missing_api_key: No API key provided.") == true)
            #expect((refusal["data"] as? [String: Any])?["request_id"] as? String == anonymous.headers.first(name: "X-Request-Id"))

            let jsonOnly = try await t.send(
                .POST, "mcp", key: t.testKey, json: TestApp.initialize(), headers: ["Accept": "application/json"])
            #expect(jsonOnly.status == .notAcceptable)
            #expect(jsonOnly.headers.first(name: "Mcp-Session-Id") == nil)

            let older = try await t.mcp(TestApp.initialize(version: "2025-06-18"))
            #expect(older.status == .ok)
            #expect(older.headers.first(name: .contentType) == "application/json")
            #expect(try older.rpcResult["protocolVersion"] as? String == "2025-06-18")
            #expect((try older.rpcResult["serverInfo"] as? [String: Any])?["name"] as? String == "ploton")
            let future = try await t.mcp(TestApp.initialize(version: "2099-01-01"))
            #expect(try future.rpcResult["protocolVersion"] as? String == "2025-11-25")

            let session = try await t.mcpSession()
            let list = #"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#
            #expect(try await t.mcp(list).status == .badRequest)  // no session id
            #expect(try await t.mcp(list, session: "not-a-session").status == .notFound)
            #expect(try await t.mcp(list, key: t.liveKey, session: session).status == .notFound)  // another key's
            #expect(try await t.mcp(list, session: session, path: "mcp/subagents/billing").status == .notFound)
            #expect(try await t.mcp(list, session: session).status == .ok)

            let ended = try await t.send(
                .DELETE, "mcp", key: t.testKey, headers: ["Mcp-Session-Id": session, "MCP-Protocol-Version": TestApp.mcpVersion])
            #expect(ended.status == .ok)
            #expect(try await t.mcp(list, session: session).status == .notFound)
        }
    }

    @Test func a_sessions_key_is_checked_and_rate_limited_on_every_request_as_on_v1() async throws {
        try await withPloton({ $0.rateLimits = [.live: RateLimitPolicy(limit: 2)] }) { t in
            let created = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: #"{"name":"mcp","environment":"live"}"#).object
            let (id, secret) = (try #require(created["id"] as? String), try #require(created["secret"] as? String))
            let session = try await t.mcpSession(key: secret)
            var refused: TestingHTTPResponse?
            for id in 2..<12 where refused == nil {
                let response = try await t.mcp(#"{"jsonrpc":"2.0","id":\#(id),"method":"tools/list"}"#, key: secret, session: session)
                if response.status == .tooManyRequests { refused = response }
            }
            let limited = try #require(refused, "ten quick requests at 2 per second were all served")
            #expect(limited.headers.first(name: .retryAfter) != nil && limited.headers.first(name: "RateLimit") != nil)
            #expect(((try limited.object["error"] as? [String: Any])?["message"] as? String)?.hasPrefix("rate_limit_exceeded:") == true)

            #expect(try await t.send(.DELETE, "v1/api_keys/\(id)", key: t.liveKey).status == .ok)
            let revoked = try await t.mcp(#"{"jsonrpc":"2.0","id":3,"method":"tools/list"}"#, key: secret, session: session)
            #expect(revoked.status == .unauthorized)
            #expect(((try revoked.object["error"] as? [String: Any])?["message"] as? String)?.hasPrefix("invalid_api_key:") == true)
        }
    }

    @Test func the_tool_list_has_the_task_tools_and_every_capability_with_schema_and_annotations() async throws {
        try await withPloton { t in
            let session = try await t.mcpSession()
            let tools = try #require(
                try await t.mcp(#"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#, session: session).rpcResult["tools"] as? [[String: Any]]
            )
            let byName = Dictionary(uniqueKeysWithValues: tools.map { ($0["name"] as? String ?? "", $0) })
            for name in ["run_task", "get_task", "cancel_task", "answer_task", "list_tools", "weather__geocode", "crm__list_deals"] {
                #expect(byName[name] != nil, "\(name) missing")
            }
            let refund = try #require(byName["payments__create_refund"])
            let annotations = try #require(refund["annotations"] as? [String: Any])
            #expect(annotations["readOnlyHint"] as? Bool == false)
            #expect(annotations["destructiveHint"] as? Bool == true)
            #expect(annotations["idempotentHint"] as? Bool == false)
            let geocode = try #require(byName["weather__geocode"])
            #expect((geocode["annotations"] as? [String: Any])?["readOnlyHint"] as? Bool == true)
            let schema = try #require(geocode["inputSchema"] as? [String: Any])
            #expect(schema["required"] as? [String] == ["name"])
            #expect(schema["additionalProperties"] as? Bool == false)
            let properties = try #require(schema["properties"] as? [String: Any])
            #expect((properties["name"] as? [String: Any])?["type"] as? String == "string")
            #expect(properties["user_id"] != nil)
            #expect(((byName["run_task"]?["inputSchema"] as? [String: Any])?["properties"] as? [String: Any])?["sub_agent"] != nil)
        }
    }

    @Test func a_capability_call_is_a_pinned_one_step_task_with_its_trace_and_events() async throws {
        try await withPloton { t in
            let session = try await t.mcpSession()
            async let answered = t.mcp(TestApp.call(3, "weather__geocode", #"{"name":"San Francisco"}"#), session: session)
            try await eventually("the step ran") { try await t.drain() > 0 }
            let answer = try await answered
            #expect(answer.status == .ok)
            #expect(try answer.rpcResult["isError"] as? Bool == false)
            let structured = try answer.structured
            #expect(structured["status"] as? String == "complete")
            let result = try #require(structured["result"] as? [String: Any])
            #expect(result.description.contains("San Francisco"))
            #expect(try answer.toolText.hasPrefix("Task task_"))

            let id = try #require(structured["task_id"] as? String)
            let task = try #require(try await AgentTask.find(id, on: t.db))
            #expect(task.planner == TaskService.pinnedPlanner)
            #expect(try task.toObject().livemode == false)
            #expect(task.primaryTool == "weather")
            let steps = try await TaskStep.query(on: t.db).filter(\.$task.$id == id).all()
            #expect(steps.map(\.capability) == ["geocode"])
            #expect(try await t.events(for: id).map(\.type.rawValue).contains("task.complete"))
        }
    }

    @Test func tool_errors_carry_the_ploton_code_and_protocol_errors_are_json_rpc_errors() async throws {
        try await withPloton { t in
            let session = try await t.mcpSession()
            let badType = try await t.mcp(TestApp.call(4, "weather__geocode", #"{"name":5}"#), session: session)
            #expect(try badType.rpcResult["isError"] as? Bool == true)
            #expect(try badType.toolText.hasPrefix("validation_error: input.name must be a string"))

            let unknownArgument = try await t.mcp(TestApp.call(5, "weather__geocode", #"{"name":"Paris","zoom":3}"#), session: session)
            #expect(try unknownArgument.toolText.hasPrefix("invalid_request: Unknown argument 'zoom'. Allowed: name, user_id."))

            let missingTask = try await t.mcp(TestApp.call(6, "get_task", #"{"task_id":"task_nope"}"#), session: session)
            #expect(try missingTask.toolText.hasPrefix("not_found:"))

            let unknownTool = try await t.mcp(TestApp.call(7, "weather__teleport"), session: session)
            let error = try #require(try unknownTool.object["error"] as? [String: Any])
            #expect(error["code"] as? Int == -32602)
            #expect(try await AgentTask.query(on: t.db).count() == 0)
        }
    }

    @Test func an_id_mcp_cannot_take_or_params_of_the_wrong_type_are_answered_at_once_over_http() async throws {
        try await withPloton({ $0.port = 0 }) { t in
            let live = try t.app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            func post(_ json: String, session: String? = nil) async throws -> TestingHTTPResponse {
                var headers: HTTPHeaders = [
                    "Authorization": "Bearer \(t.testKey)", "Content-Type": "application/json",
                    "Accept": "application/json, text/event-stream", "MCP-Protocol-Version": TestApp.mcpVersion,
                ]
                if let session { headers.add(name: "Mcp-Session-Id", value: session) }
                return try await live.sendRequest(.POST, "mcp", headers: headers, body: ByteBuffer(string: json))
            }
            func rpcError(_ response: TestingHTTPResponse) throws -> (code: Int?, message: String?, id: Any?) {
                let object = try response.object
                let error = try #require(object["error"] as? [String: Any], "\(response.body.string)")
                return (error["code"] as? Int, error["message"] as? String, object["id"])
            }

            let badInitialize = try await post(
                #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":5,"capabilities":{}}}"#)
            #expect(badInitialize.headers.first(name: "Mcp-Session-Id") == nil, "no session is opened")
            let initializeError = try rpcError(badInitialize)
            #expect(initializeError.code == -32602 && initializeError.id as? Int == 1)
            #expect(initializeError.message == "Invalid params: params.protocolVersion must be a string")

            let opened = try await post(TestApp.initialize())
            let session = try #require(opened.headers.first(name: "Mcp-Session-Id"))
            #expect(try await post(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#, session: session).status == .accepted)

            // The SDK's transport waited for an answer to these that never came (the POST hung).
            for id in ["true", "-9223372036854775809", "1e40", "1.5", #"{"x":1}"#, "null"] {
                let started = ContinuousClock.now
                let response = try await post(#"{"jsonrpc":"2.0","id":\#(id),"method":"ping"}"#, session: session)
                #expect(response.status == .badRequest, "\(id)")
                let error = try rpcError(response)
                #expect(error.code == -32600 && error.id is NSNull, "\(id)")
                #expect(error.message == "Invalid Request: id must be a string or an integer", "\(id)")
                #expect(ContinuousClock.now - started < .seconds(5), "\(id)")
            }

            // The SDK answered these -32603 Internal error.
            for (id, params, problem) in [
                (2, #""method":"tools/call","params":"list_tools""#, "params must be an object"),
                (3, #""method":"tools/call","params":{"name":5}"#, "params.name must be a string"),
                (4, #""method":"tools/call","params":{"arguments":{}}"#, "params.name is required"),
                (5, #""method":"tools/call""#, "params is required"),
                (6, #""method":"tools/call","params":{"name":"list_tools","arguments":[1]}"#, "params.arguments must be an object"),
                (7, #""method":"tools/list","params":{"cursor":5}"#, "params.cursor must be a string"),
                (8, #""method":"tools/list","params":[]"#, "params must be an object"),
            ] {
                let response = try await post(#"{"jsonrpc":"2.0","id":\#(id),\#(params)}"#, session: session)
                #expect(response.status == .ok)
                let error = try rpcError(response)
                #expect(error.code == -32602 && error.id as? Int == id, "\(params)")
                #expect(error.message == "Invalid params: \(problem)", "\(params)")
            }

            let listed = try await post(#"{"jsonrpc":"2.0","id":9,"method":"tools/list"}"#, session: session)
            #expect(try (listed.rpcResult["tools"] as? [Any])?.isEmpty == false, "the session goes on")
            #expect(try await AgentTask.query(on: t.db).count() == 0)
        }
    }

    @Test func run_task_streams_progress_when_asked_and_answers_with_what_the_task_waits_for() async throws {
        try await withPloton({ $0.tasks.runsWorkers = false }) { t in
            let session = try await t.mcpSession()
            let prompt = "Pull all open deals from user_123's CRM account. Return deal name, amount, stage, and expected close date."
            async let answered = t.mcp(
                TestApp.call(8, "run_task", #"{"prompt":"\#(prompt)","timeout_seconds":60}"#, progressToken: "p1"), session: session)
            try await eventually("the task exists") { try await AgentTask.query(on: t.db).count() == 1 }
            try await eventually("progress was reported") { try await t.drain() > 0 }
            let response = try await answered
            #expect(response.headers.first(name: .contentType) == "text/event-stream")
            let events = response.body.string.components(separatedBy: "\n").filter { $0.hasPrefix("data: {") }
                .compactMap { try? JSONSerialization.jsonObject(with: Data($0.dropFirst(6).utf8)) as? [String: Any] }
            let progress = events.filter { $0["method"] as? String == "notifications/progress" }
            #expect(!progress.isEmpty)
            #expect((progress.first?["params"] as? [String: Any])?["progressToken"] as? String == "p1")
            let result = try #require(events.last?["result"] as? [String: Any])
            let waiting = try #require((result["structuredContent"] as? [String: Any])?["waiting"] as? [String: Any])
            #expect(waiting["reason"] as? String == "oauth_consent_required")
            #expect((waiting["auth_url"] as? String)?.hasPrefix("http://localhost:8080/auth/crm?session=sess_") == true)
        }
    }

    @Test func a_client_cancelling_run_task_cancels_the_task() async throws {
        try await withPloton({ $0.tasks.runsWorkers = false }) { t in
            let session = try await t.mcpSession()
            async let answered = t.mcp(
                TestApp.call(9, "run_task", #"{"prompt":"Look up the current weather in Paris","timeout_seconds":300}"#), session: session)
            try await eventually("the task exists") { try await AgentTask.query(on: t.db).count() == 1 }
            let cancel = #"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":9,"reason":"user"}}"#
            #expect(try await t.mcp(cancel, session: session).status == .accepted)
            try await eventually("the task is cancelled") {
                try await AgentTask.query(on: t.db).first()?.status == TaskStatus.cancelled
            }
            _ = try await answered  // the request's stream closes without a response
        }
    }

    @Test func a_subagent_endpoint_serves_only_its_tools_and_tasks() async throws {
        try await withPloton { t in
            #expect(try await t.mcp(TestApp.initialize(), path: "mcp/subagents/nobody").status == .notFound)
            let session = try await t.mcpSession(path: "mcp/subagents/billing")
            let tools = try #require(
                try await t.mcp(#"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#, session: session, path: "mcp/subagents/billing")
                    .rpcResult["tools"] as? [[String: Any]])
            let names = tools.compactMap { $0["name"] as? String }
            #expect(names.contains("payments__list_invoices"))
            #expect(!names.contains { $0.hasPrefix("weather__") || $0.hasPrefix("crm__") })
            #expect(
                ((tools.first { $0["name"] as? String == "run_task" }?["inputSchema"] as? [String: Any])?["properties"] as? [String: Any])?[
                    "sub_agent"] == nil)
            let outside = try await t.mcp(
                TestApp.call(3, "weather__geocode", #"{"name":"Paris"}"#), session: session, path: "mcp/subagents/billing")
            #expect((try outside.object["error"] as? [String: Any])?["code"] as? Int == -32602)

            let elsewhere = try await t.createTask(#"{"prompt":"Look up the current weather in Paris"}"#)
            let hidden = try await t.mcp(
                TestApp.call(4, "get_task", #"{"task_id":"\#(elsewhere)"}"#), session: session, path: "mcp/subagents/billing")
            #expect(try hidden.toolText.hasPrefix("not_found:"))
        }
    }
}
