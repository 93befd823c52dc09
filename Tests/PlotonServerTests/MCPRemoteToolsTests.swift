import Foundation
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// A remote MCP server as a custom tool (`kind: "mcp"`), against a server we did not write: the
/// official Python SDK's MCPServer (Tests/MCPPeers/server.py), which wants an `X-Api-Key` header.
@Suite struct MCPRemoteToolsTests {
    @Test func an_mcp_server_with_header_auth_is_registered_refreshed_and_called_by_a_task() async throws {
        try await withPloton({ $0.allowPrivateNetwork = true }) { t in
            let (server, port) = try await Self.startServer(key: "sekret")
            defer { server.stop() }
            let registered = try await t.send(
                .POST, "v1/tools", key: t.testKey,
                json: MCPRemoteOAuthTests.definition(port: port, auth: #"{"type":"api_key","header":"X-Api-Key"}"#))
            #expect(registered.status == .created, "\(registered.body.string)")
            #expect(try registered.object["kind"] as? String == "mcp")
            #expect((try registered.object["capabilities"] as? [Any])?.isEmpty == true)

            let noKey = try await t.send(.POST, "v1/tools/notes/refresh", key: t.testKey)
            #expect(noKey.status == .unprocessableEntity)
            #expect(try noKey.error["param"] as? String == "base_url")
            let credentials = try await t.send(.PUT, "v1/tools/notes/credentials", key: t.testKey, json: #"{"api_key":"sekret"}"#)
            #expect(credentials.status == .ok)
            let refreshed = try await t.send(.POST, "v1/tools/notes/refresh", key: t.testKey)
            #expect(refreshed.status == .ok, "\(refreshed.body.string)")
            let capabilities = try #require(try refreshed.object["capabilities"] as? [[String: Any]])
            let byName = Dictionary(uniqueKeysWithValues: capabilities.map { ($0["name"] as? String ?? "", $0) })
            #expect(byName["add"]?["side_effect"] as? Bool == false)
            #expect((byName["add"]?["parameters"] as? [String: Any])?["a"] != nil)
            #expect(byName["save_note"]?["path"] as? String == "/save-note")
            #expect(byName["save_note"]?["side_effect"] as? Bool == true)

            let browser = try await DashboardClient.signIn(t)
            #expect(try await browser.get("dashboard/tools").body.string.contains("custom (MCP server)"))
            let page = try await browser.get("dashboard/tools/notes").body.string
            #expect(page.contains("http://localhost:8080/mcp") && page.contains("notes__save_note"), "\(page)")
            #expect(page.contains(#"action="/dashboard/tools/notes/refresh""#) && page.contains("Refresh tools"))
            #expect(try await browser.post("dashboard/tools/notes/refresh", [:]).status == .seeOther)

            let session = try await t.mcpSession()
            async let added = t.mcp(TestApp.call(3, "notes__add", #"{"a":2,"b":3}"#), session: session)
            try await eventually("the step ran") { try await t.drain() > 0 }
            let answer = try await added
            let structured = try answer.structured
            #expect(structured["status"] as? String == "complete", "\(structured)")
            #expect("\(structured["result"] ?? "")".contains("5"))

            async let saved = t.mcp(TestApp.call(4, "notes__save_note", #"{"text":"hello"}"#), session: session)
            try await eventually("the step ran") { try await t.drain() > 0 }
            let note = try await saved.structured
            #expect((note["result"] as? [String: Any])?["saved"] as? String == "hello", "\(note)")
        }
    }

    @Test func the_embedded_planner_plans_a_capability_of_an_mcp_server_the_prompt_names() async throws {
        try await withPloton({ $0.allowPrivateNetwork = true }) { t in
            let (server, port) = try await Self.startServer([])
            defer { server.stop() }
            let registered = try await t.send(
                .POST, "v1/tools", key: t.testKey,
                json: #"{"name":"notes","kind":"mcp","base_url":"http://127.0.0.1:\#(port)/mcp","auth":{"type":"none"}}"#)
            #expect(registered.status == .created, "\(registered.body.string)")
            let saved = try await t.createTask(#"{"prompt":"Save the note \"hello\" in notes"}"#)
            let added = try await t.createTask(#"{"prompt":"With notes, add a=2 and b=3"}"#)
            try await t.drain()
            let note = try await t.task(saved)
            #expect(note["status"] as? String == "complete", "\(note)")
            #expect((note["result"] as? [String: Any])?["saved"] as? String == "hello", "\(note)")
            let sum = try await t.task(added)
            #expect(sum["status"] as? String == "complete", "\(sum)")
            #expect("\(sum["result"] ?? "")".contains("5"), "\(sum)")
            let trace = try await t.send(.GET, "v1/tasks/\(saved)/trace", key: t.testKey).object
            #expect(trace["planner"] as? String == "embedded", "\(trace)")
        }
    }

    @Test func an_mcp_servers_url_is_held_to_the_destination_policy_and_checked_at_registration() async throws {
        try await withPloton { t in
            let local = try await t.send(
                .POST, "v1/tools", key: t.testKey,
                json: #"{"name":"inside","kind":"mcp","base_url":"http://127.0.0.1:9/mcp","auth":{"type":"none"}}"#)
            #expect(local.status == .unprocessableEntity)
            #expect(try local.error["param"] as? String == "base_url")
            let http = try await t.send(.POST, "v1/tools/weather/refresh", key: t.testKey)
            #expect(http.status == .forbidden)
        }
    }

    /// Starts the Python MCP server on a free loopback port and waits until it answers.
    static func startServer(key: String) async throws -> (Process, Int) {
        try await startServer([key])
    }

    /// The same, with the server's other arguments (`--oauth`, …; see Tests/MCPPeers/server.py).
    static func startServer(_ arguments: [String]) async throws -> (Process, Int) {
        let port = try FreePort.pick()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", RepositoryPaths.root.appendingPathComponent("Tests/MCPPeers/server.py").path, "\(port)"] + arguments
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-server-\(port).log")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        // A server that exits (a port taken meanwhile, a missing module) fails the test at once with its own words.
        try await eventually("the MCP server listens", timeout: .seconds(90)) {
            guard process.isRunning else { return true }
            let probe = try await ProcessRunner.runAsync(
                "python3", ["-c", "import socket; socket.create_connection(('127.0.0.1', \(port)), 1)"])
            return probe.status == 0
        }
        guard process.isRunning else {
            let said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw MCPServerExited(status: process.terminationStatus, stderr: said)
        }
        return (process, port)
    }
}

struct MCPServerExited: Error, CustomStringConvertible {
    let status: Int32
    let stderr: String
    var description: String { "the MCP server exited with status \(status): \(stderr)" }
}
