import Foundation
import MCP
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// `/mcp` used by clients we did not write, over a real socket: the official Python SDK
/// (Tests/MCPPeers/client.py) and the Swift SDK's client. The test drains the task queue while a
/// client waits, as a worker would.
@Suite struct MCPClientsTests {
    static let deals = "Pull all open deals from user_123's CRM account. Return deal name, amount, stage, and expected close date."

    @Test func the_python_sdk_lists_tools_calls_a_sandbox_capability_and_sees_errors_in_mcp_shapes() async throws {
        try await withServer { t, url in
            let report = try await t.python(
                url, key: t.testKey,
                #"""
                [{"op":"list"}, {"op":"call","name":"weather__geocode","arguments":{"name":"San Francisco"}},
                 {"op":"call","name":"weather__geocode","arguments":{"name":5}}, {"op":"call","name":"weather__teleport"},
                 {"op":"call","name":"list_tools"}]
                """#)
            #expect(report["protocol_version"] as? String == "2025-11-25")
            #expect(report["server"] as? String == "ploton")
            let results = try #require(report["results"] as? [[String: Any]])
            let tools = try #require(results[0]["tools"] as? [[String: Any]])
            let geocode = try #require(tools.first { $0["name"] as? String == "weather__geocode" })
            #expect((geocode["annotations"] as? [String: Any])?["readOnlyHint"] as? Bool == true)
            #expect(tools.contains { $0["name"] as? String == "run_task" })

            #expect(results[1]["is_error"] as? Bool == false)
            let structured = try #require(results[1]["structured"] as? [String: Any])
            #expect(structured["status"] as? String == "complete")
            #expect("\(structured["result"] ?? "")".contains("San Francisco"))
            #expect(results[2]["is_error"] as? Bool == true)
            #expect((results[2]["text"] as? String)?.hasPrefix("validation_error:") == true)
            #expect((results[3]["error"] as? [String: Any])?["code"] as? Int == -32602)
            #expect((results[4]["text"] as? String)?.contains("weather") == true)
        }
    }

    @Test func the_python_sdk_runs_a_task_that_waits_for_consent_and_completes_once_it_is_approved() async throws {
        try await withServer { t, url in
            let first = try await t.python(
                url, key: t.testKey,
                #"[{"op":"call","name":"run_task","arguments":{"prompt":"\#(Self.deals)","timeout_seconds":60},"progress":true}]"#)
            let waiting = try #require((first.results.first?["structured"] as? [String: Any]))
            #expect(waiting["status"] as? String == "waiting")
            let progress = try #require(first.results.first?["progress"] as? [[String: Any]])
            #expect(!progress.isEmpty)
            let details = try #require(waiting["waiting"] as? [String: Any])
            #expect(details["reason"] as? String == "oauth_consent_required")
            let taskID = try #require(waiting["task_id"] as? String)

            let callback = try await t.consent(try #require(details["auth_url"] as? String))  // the end user approves
            #expect(callback.status == .ok)
            try await eventually("the task resumed and finished") {
                try await t.drain()
                return try await t.task(taskID)["status"] as? String == "complete"
            }
            let second = try await t.python(url, key: t.testKey, #"[{"op":"call","name":"get_task","arguments":{"task_id":"\#(taskID)"}}]"#)
            let done = try #require(second.results.first?["structured"] as? [String: Any])
            #expect(done["status"] as? String == "complete", "\(done)")
            let deals = try #require(done["result"] as? [[String: Any]])
            #expect(!deals.isEmpty)
            #expect(deals.allSatisfy { $0["stage"] != nil && $0["amount"] != nil })
        }
    }

    @Test func the_python_sdk_on_a_subagent_endpoint_sees_and_reaches_only_its_tools() async throws {
        try await withServer { t, url in
            let report = try await t.python(
                url + "/subagents/billing", key: t.testKey,
                #"[{"op":"list"}, {"op":"call","name":"crm__list_deals"}]"#)
            let names = (report.results.first?["tools"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(names.contains("payments__list_invoices"))
            #expect(!names.contains { $0.hasPrefix("crm__") || $0.hasPrefix("weather__") })
            #expect((report.results.last?["error"] as? [String: Any])?["code"] as? Int == -32602)
        }
    }

    @Test func the_python_sdk_with_a_test_key_reaches_sandboxes_and_no_live_tool() async throws {
        try await withServer { t, url in
            let live = try await t.send(.POST, "v1/tools", key: t.liveKey, json: ToolsAPITests.definition())
            #expect(live.status == .created)
            let report = try await t.python(
                url, key: t.testKey,
                #"[{"op":"list"}, {"op":"call","name":"internal-crm__list_contacts"}, {"op":"call","name":"payments__list_customers"}]"#)
            let names = (report.results[0]["tools"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(!names.contains { $0.hasPrefix("internal-crm__") })
            #expect((report.results[1]["error"] as? [String: Any])?["code"] as? Int == -32602)
            let customers = try #require(report.results[2]["structured"] as? [String: Any])
            #expect(customers["status"] as? String == "complete", "\(customers)")
            let task = try await t.task(try #require(customers["task_id"] as? String))
            #expect(task["livemode"] as? Bool == false)

            let refused = try await t.python(url, key: "pk_test_not_a_real_key", #"[{"op":"list"}]"#)
            #expect(((refused["refused"] as? [String: Any])?["message"] as? String)?.hasPrefix("invalid_api_key:") == true)
        }
    }

    @Test func the_swift_sdk_client_lists_tools_and_calls_a_capability() async throws {
        try await withServer { t, url in
            let key = t.testKey
            let transport = HTTPClientTransport(
                endpoint: try #require(URL(string: url)), streaming: false,
                requestModifier: { request in
                    var request = request
                    request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
                    return request
                })
            let client = Client(name: "ploton-tests", version: "1")
            let initialized = try await client.connect(transport: transport)
            #expect(initialized.serverInfo.name == "ploton")
            let (tools, _) = try await client.listTools()
            #expect(tools.contains { $0.name == "weather__geocode" && $0.annotations.readOnlyHint == true })
            let call = try await t.draining { try await client.callTool(name: "weather__geocode", arguments: ["name": "San Francisco"]) }
            #expect(call.isError == false)
            #expect(call.content.contains { if case .text(let text, _, _) = $0 { text.contains("San Francisco") } else { false } })
            await client.disconnect()
        }
    }

    /// A test app listening on a loopback port; `url` is its `/mcp`.
    private func withServer(_ body: (TestApp, String) async throws -> Void) async throws {
        try await withPloton { t in
            let port = try FreePort.pick()
            try await t.app.server.start(address: .hostname("127.0.0.1", port: port))
            do {
                try await body(t, "http://127.0.0.1:\(port)/mcp")
            } catch {
                await t.app.server.shutdown()
                throw error
            }
            await t.app.server.shutdown()
        }
    }
}

extension TestApp {
    /// Runs the Python SDK client with these operations, working the task queue meanwhile.
    func python(_ url: String, key: String, _ operations: String) async throws -> [String: Any] {
        let script = RepositoryPaths.root.appendingPathComponent("Tests/MCPPeers/client.py").path
        let run = try await draining { try await ProcessRunner.runAsync("python3", [script, url, key, operations]) }
        #expect(run.status == 0, "\(run.output)")
        let line = run.output.split(separator: "\n").last.map(String.init) ?? ""
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(run.output)")
    }

    /// Awaits `work` while running queued tasks, as a worker process would.
    func draining<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let running = Task { try await work() }
        let worker = Task {
            while !Task.isCancelled {
                try await drain()
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        defer { worker.cancel() }
        return try await running.value
    }
}

extension [String: Any] {
    fileprivate var results: [[String: Any]] { self["results"] as? [[String: Any]] ?? [] }
}

extension ProcessRunner {
    /// `run` on a thread of its own, so a waiting test leaves the concurrency pool to the server.
    static func runAsync(_ command: String, _ arguments: [String]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Swift.Result { try run(command, arguments) }) }
        }
    }
}
