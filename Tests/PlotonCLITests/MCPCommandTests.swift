import Foundation
import PlotonTestSupport
import Testing

/// `ploton mcp` started by the official Python MCP SDK's stdio client, as a desktop client starts
/// it, forwarding to a running `ploton serve`.
@Suite(.serialized) struct MCPCommandTests {
    @Test func a_desktop_client_reaches_the_servers_tools_through_ploton_mcp() async throws {
        let env = try await ProcessEnvironment.make()
        let server = try await PlotonProcess.serve(
            environment: env.variables(["PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys]), workingDirectory: env.directory)
        let key = try #require(FirstRunBanner.value(after: "Test API key:", in: server.stdout))
        let script = RepositoryPaths.root.appendingPathComponent("Tests/MCPPeers/client.py").path
        let operations = #"""
            [{"op":"list"}, {"op":"call","name":"weather__geocode","arguments":{"name":"San Francisco"}},
             {"op":"call","name":"weather__teleport"}]
            """#
        let run = try ProcessRunner.run(
            "python3", [script, "stdio:" + PlotonProcess.binary.path, key, operations],
            environment: env.variables(["PLOTON_BASE_URL": server.baseURL + "/v1"]))
        #expect(run.status == 0, "\(run.output)")
        let line = run.output.split(separator: "\n").last.map(String.init) ?? ""
        let report = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(run.output)")
        #expect(report["server"] as? String == "ploton")
        let results = try #require(report["results"] as? [[String: Any]])
        let names = (results[0]["tools"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names.contains("run_task") && names.contains("weather__geocode"))
        let geocoded = try #require(results[1]["structured"] as? [String: Any])
        #expect(geocoded["status"] as? String == "complete")
        #expect("\(geocoded["result"] ?? "")".contains("San Francisco"))
        #expect((results[2]["error"] as? [String: Any])?["code"] as? Int == -32602)

        let noKey = try PlotonCommandRunner.run(["mcp"], environment: env.variables(), workingDirectory: env.directory)
        #expect(noKey.status == 2 && noKey.stderr.contains("PLOTON_API_KEY"))
        await server.expectCleanStop()
        await env.drop()
    }
}
