import Foundation
import PlotonTestSupport
import Testing

/// `ploton tasks|connections|events …` end to end against a running server, with `--json`.
@Suite(.serialized) struct ClientCommandsTests {
    @Test func tasks_connections_and_events_commands_drive_the_api() async throws {
        let env = try await ProcessEnvironment.make()
        let server = try await PlotonProcess.serve(
            environment: env.variables(["PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys]), workingDirectory: env.directory)
        let key = try #require(FirstRunBanner.value(after: "Test API key:", in: server.stdout))
        let client = env.variables(["PLOTON_API_KEY": key, "PLOTON_BASE_URL": server.baseURL + "/v1"])
        func ploton(_ arguments: String..., environment: [String: String]? = nil) throws -> PlotonCommandRunner.Result {
            try PlotonCommandRunner.run(arguments, environment: environment ?? client, workingDirectory: env.directory)
        }
        func json(_ result: PlotonCommandRunner.Result) throws -> [String: Any] {
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
        }

        let weather = "Look up the current weather in San Francisco and return temperature, conditions, and humidity"
        let done = try json(try ploton("tasks", "create", weather, "--metadata", "order=42", "--wait", "--json"))
        let id = try #require(done["id"] as? String)
        #expect(done["status"] as? String == "complete" && (done["metadata"] as? [String: String]) == ["order": "42"])
        #expect((done["result"] as? [String: Any])?["temperature"] is Double)
        #expect(try json(try ploton("tasks", "get", id, "--json"))["id"] as? String == id)
        #expect(
            (try json(try ploton("tasks", "list", "--status", "complete", "--json"))["data"] as? [[String: Any]])?.first?["id"] as? String
                == id)
        let trace = try ploton("tasks", "trace", id)
        #expect(trace.status == 0 && trace.stdout.contains("weather.geocode") && trace.stdout.contains("weather.current"))
        let human = try ploton("tasks", "get", id)
        #expect(human.stdout.hasPrefix("\(id)  complete  weather"))

        let waiting = try json(try ploton("tasks", "create", "List all deals", "--tool", "crm", "--user", "u1", "--wait", "--json"))
        #expect(waiting["status"] as? String == "waiting")
        #expect(((waiting["waiting"] as? [String: Any])?["auth_url"] as? String)?.contains("/auth/crm?session=") == true)
        let crmID = try #require(waiting["id"] as? String)
        #expect(try json(try ploton("tasks", "cancel", crmID, "--json"))["status"] as? String == "cancelled")
        let again = try ploton("tasks", "cancel", crmID)
        #expect(again.status == 1 && again.stderr.contains("task_already_finished"))

        let link = try ploton("connections", "authorize", "--user", "u1", "--tool", "crm")
        #expect(link.status == 0 && link.stdout.contains("/auth/crm?session=sess_"))
        #expect((try json(try ploton("connections", "list", "--json"))["data"] as? [Any])?.isEmpty == true)

        let events = try #require(try json(try ploton("events", "list", "--task", id, "--json"))["data"] as? [[String: Any]])
        let complete = try #require(events.first { $0["event"] as? String == "task.complete" }?["id"] as? String)
        #expect(try json(try ploton("events", "get", complete, "--json"))["task_id"] as? String == id)
        let redeliver = try ploton("events", "redeliver", complete)
        #expect(redeliver.status == 1 && redeliver.stderr.contains("no_webhook_destinations"))

        var noKey = client
        noKey.removeValue(forKey: "PLOTON_API_KEY")
        let usage = try ploton("tasks", "list", environment: noKey)
        #expect(usage.status == 2 && usage.stderr.contains("PLOTON_API_KEY"))
        #expect(try ploton("tasks", "input", id).status == 2, "input needs --set, --approve or --deny")
        await server.expectCleanStop()
        await env.drop()
    }
}
