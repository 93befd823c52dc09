import Foundation
import PlotonTestSupport
import Testing

@Suite(.serialized) struct ToolsCommandTests {
    @Test func tools_commands_drive_the_api_with_json_output_and_meaningful_exit_codes() async throws {
        let env = try await ProcessEnvironment.make()
        let server = try await PlotonProcess.serve(
            environment: env.variables(["PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys]), workingDirectory: env.directory)
        let key = try #require(ServeTests.value(after: "Test API key:", in: server.stdout))
        let client = env.variables(["PLOTON_API_KEY": key, "PLOTON_BASE_URL": server.baseURL + "/v1"])
        func ploton(_ arguments: String..., environment: [String: String]? = nil) throws -> PlotonCommandRunner.Result {
            try PlotonCommandRunner.run(arguments, environment: environment ?? client, workingDirectory: env.directory)
        }
        func json(_ text: String) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
        }

        let file = env.directory.appendingPathComponent("tool.json")
        try
            #"{"name":"notes","base_url":"https://notes.example.com","capabilities":[{"name":"list_notes","description":"List notes","path":"/notes"}]}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let registered = try ploton("tools", "register", "-f", file.path, "--json")
        #expect(registered.status == 0, "\(registered.stderr)")
        #expect(try json(registered.stdout)["name"] as? String == "notes")

        let listed = try json(try ploton("tools", "list", "--json").stdout)
        #expect(
            (listed["data"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == [
                "weather", "crm", "payments", "chat", "email", "calendar", "storage", "notes",
            ])
        let human = try ploton("tools", "get", "notes")
        #expect(human.stdout.contains("list_notes"))

        let missing = try ploton("tools", "get", "nope")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("not_found"))
        let duplicate = try ploton("tools", "register", "-f", file.path)
        #expect(duplicate.status == 1)

        let credentials = try await server.request(
            .PUT, "/v1/tools/payments/credentials", key: key, json: #"{"token":"sk_secret_in_transit_42"}"#)
        credentials.expect(.ok)
        #expect(!credentials.body.contains("sk_secret_in_transit_42"))

        let deleted = try json(try ploton("tools", "delete", "notes", "--json").stdout)
        #expect(deleted["deleted"] as? Bool == true)

        var noKey = client
        noKey.removeValue(forKey: "PLOTON_API_KEY")
        let usage = try ploton("tools", "list", environment: noKey)
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("PLOTON_API_KEY"))
        await server.expectCleanStop()
        #expect(!server.stderr.contains("sk_secret_in_transit_42"), "credentials never reach the log")
        #expect(server.stderr.contains("path=/v1/tools/payments/credentials"))
        await env.drop()
    }
}
