import Foundation
import PlotonTestSupport
import Testing

/// Tasks across real processes: a SIGKILL in the middle of a task, and API and worker roles apart.
@Suite(.serialized) struct TaskProcessTests {
    static let prompt = "Look up the current weather in San Francisco and return temperature, conditions, and humidity"

    @Test func a_task_killed_mid_run_resumes_from_the_first_unfinished_step() async throws {
        let env = try await ProcessEnvironment.make()
        let fake = try await FakeOpenMeteo.start()
        let variables = env.variables([
            "PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys, "PLOTON_ALLOW_PRIVATE_NETWORK": "true",
            "PLOTON_WEATHER_GEOCODING_URL": fake.baseURL, "PLOTON_WEATHER_FORECAST_URL": fake.baseURL,
            "PLOTON_TASK_LEASE_SECONDS": "1",
        ])
        fake.holdFirstForecast()
        let first = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let live = try #require(ServeTests.value(after: "Live API key:", in: first.stdout))
        let created = try await first.request(.POST, "/v1/tasks", key: live, json: #"{"prompt":"\#(Self.prompt)"}"#)
        let id = try #require(created.json["id"] as? String, "\(created.body)")

        // Step 0 (geocode) has finished and step 1 (forecast) is in flight: kill the process now.
        await fake.waitForHeldForecast()
        let midway = try await first.request(.GET, "/v1/tasks/\(id)/trace", key: live).json
        #expect((midway["steps"] as? [[String: Any]])?.first?["status"] as? String == "complete")
        #expect(try await first.stop(signal: SIGKILL) == SIGKILL)
        fake.releaseHeldForecast()

        let second = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let task = try await Self.waitForFinalStatus(id, on: second, key: live)
        #expect(task["status"] as? String == "complete", "\(task)")
        #expect(Set((task["result"] as? [String: Any])?.keys ?? [:].keys) == ["temperature", "conditions", "humidity"])
        #expect(fake.currentCounts() == .init(geocode: 1, forecast: 2), "the finished step was not repeated")

        let trace = try await second.request(.GET, "/v1/tasks/\(id)/trace", key: live).json
        let steps = try #require(trace["steps"] as? [[String: Any]])
        #expect(steps.map { $0["attempts"] as? Int } == [1, 2])
        await second.expectCleanStop()
        try await fake.stop()
        await env.drop()
    }

    @Test func tasks_killed_under_load_each_complete_once_after_a_restart() async throws {
        let env = try await ProcessEnvironment.make()
        let variables = env.variables([
            "PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys, "PLOTON_TASK_LEASE_SECONDS": "1", "PLOTON_RATE_LIMIT_TEST": "100000",
        ])
        let first = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let test = try #require(ServeTests.value(after: "Test API key:", in: first.stdout))

        // 60 sandbox tasks posted at once (most run from their create, the rest queue); the process
        // is killed once 20 are accepted, with the others in flight.
        let accepted = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<60 {
                group.addTask {
                    let created = try? await first.request(.POST, "/v1/tasks", key: test, json: #"{"prompt":"\#(Self.prompt)"}"#)
                    return created?.status == .created ? created?.json["id"] as? String : nil
                }
            }
            var ids: [String] = []
            var killed = false
            for try await id in group {
                if let id { ids.append(id) }
                if ids.count == 20, !killed {
                    killed = true
                    #expect(try await first.stop(signal: SIGKILL) == SIGKILL)
                }
            }
            return ids
        }
        #expect(accepted.count >= 20)

        let second = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        for id in accepted {
            let task = try await Self.waitForFinalStatus(id, on: second, key: test)
            #expect(task["status"] as? String == "complete", "\(task)")
            let completions = try await second.request(.GET, "/v1/events?task_id=\(id)&event=task.complete", key: test).json
            #expect((completions["data"] as? [Any])?.count == 1, "\(id) completed once")
        }
        await second.expectCleanStop()
        await env.drop()
    }

    @Test func api_and_worker_roles_split_across_processes() async throws {
        let env = try await ProcessEnvironment.make()
        var variables = env.variables(["PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys])
        variables["PLOTON_ROLE"] = "api"
        let api = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let test = try #require(ServeTests.value(after: "Test API key:", in: api.stdout))
        let id = try #require(
            try await api.request(.POST, "/v1/tasks", key: test, json: #"{"prompt":"\#(Self.prompt)"}"#).json["id"] as? String)
        #expect(
            try await api.request(.GET, "/v1/tasks/\(id)", key: test).json["status"] as? String == "pending", "no worker in an api process")

        variables["PLOTON_ROLE"] = "worker"
        let worker = try PlotonProcess.start(arguments: ["serve"], environment: variables, workingDirectory: env.directory)
        let task = try await Self.waitForFinalStatus(id, on: api, key: test)
        #expect(task["status"] as? String == "complete")
        await worker.expectCleanStop()
        await api.expectCleanStop()
        await env.drop()
    }

    /// Polls another process (bounded): there is no in-process signal to await.
    static func waitForFinalStatus(_ id: String, on server: PlotonProcess, key: String, timeout: Duration = .seconds(60)) async throws
        -> [String: Any]
    {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let task = try await server.request(.GET, "/v1/tasks/\(id)", key: key).json
            if let status = task["status"] as? String, ["complete", "failed", "cancelled"].contains(status) { return task }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("task \(id) did not finish within \(timeout)")
        return [:]
    }
}
