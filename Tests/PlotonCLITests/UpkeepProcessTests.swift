import Foundation
import PlotonTestSupport
import Testing

/// Upkeep (expiry, pruning) runs in one of the processes that share a PostgreSQL, not in each.
@Suite(.serialized) struct UpkeepProcessTests {
    @Test(.enabled(if: TestDatabase.isPostgres))
    func two_processes_starting_together_run_upkeep_once() async throws {
        let env = try await ProcessEnvironment.make()
        let variables = env.variables(["PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys])
        let first = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let second = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let key = try #require(ServeTests.value(after: "Test API key:", in: first.stdout))

        // A task run by each process's worker: both worker loops have started, and each asks for
        // upkeep before its first claim.
        for server in [first, second] {
            let created = try await server.request(.POST, "/v1/tasks", key: key, json: #"{"prompt":"\#(TaskProcessTests.prompt)"}"#)
            let id = try #require(created.json["id"] as? String, "\(created.body)")
            let task = try await TaskProcessTests.waitForFinalStatus(id, on: server, key: key)
            #expect(task["status"] as? String == "complete")
        }
        let schedule = try Psql(url: env.databaseURL).lines("SELECT runs, ran_by FROM upkeep_schedule WHERE name = 'maintenance'")
        let row = try #require(schedule.first?.split(separator: "|").map(String.init), "upkeep ran")
        #expect(row.first == "1", "one run for two processes: \(row)")
        let pids = [first, second].map { "\($0.process.processIdentifier)" }
        #expect(pids.contains { row.last?.hasSuffix(":\($0)") == true }, "run by one of them: \(row)")

        await first.expectCleanStop()
        await second.expectCleanStop()
        await env.drop()
    }
}
