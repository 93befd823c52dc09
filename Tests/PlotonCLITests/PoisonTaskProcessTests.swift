import Foundation
import PlotonTestSupport
import Synchronization
import Testing

/// A task whose processing kills its worker, with real processes: every time a worker looks up
/// the poison task's place, the test SIGKILLs that worker (as a crash would) and starts another.
@Suite(.serialized) struct PoisonTaskProcessTests {
    static func prompt(_ place: String) -> String {
        "Look up the current weather in \(place) and return temperature, conditions, and humidity"
    }

    @Test func a_task_that_keeps_killing_its_worker_fails_with_worker_crashed_and_the_others_complete() async throws {
        let env = try await ProcessEnvironment.make()
        let fake = try await FakeOpenMeteo.start()
        let receiver = try await WebhookReceiver.start()
        let variables = env.variables([
            "PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys, "PLOTON_ALLOW_PRIVATE_NETWORK": "true",
            "PLOTON_WEATHER_GEOCODING_URL": fake.baseURL, "PLOTON_WEATHER_FORECAST_URL": fake.baseURL,
            "PLOTON_TASK_LEASE_SECONDS": "1",
        ])
        let current = Mutex<PlotonProcess?>(nil)
        let armed = Mutex(false)
        let kills = Mutex(0)
        fake.onLookup(of: "Poisonville") {
            // Kill once every task is created, and only the worker the test started last (the
            // asking one may have just started: wait until it is `current`).
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline {
                if armed.withLock({ $0 }), let worker = current.withLock({ $0 }), worker.process.isRunning {
                    kill(worker.process.processIdentifier, SIGKILL)
                    kills.withLock { $0 += 1 }
                    return
                }
                try? await Task.sleep(for: .milliseconds(10))
            }
        }

        var server = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        current.withLock { $0 = server }
        let live = try #require(ServeTests.value(after: "Live API key:", in: server.stdout))
        let poison = try #require(
            try await server.request(
                .POST, "/v1/tasks", key: live,
                json: #"{"prompt":"\#(Self.prompt("Poisonville"))","webhook_url":"\#(receiver.url("poison"))"}"#
            ).json["id"] as? String)
        var others: [String] = []
        for place in ["San Francisco", "Lisbon", "Oslo", "Nairobi"] {
            let created = try await server.request(.POST, "/v1/tasks", key: live, json: #"{"prompt":"\#(Self.prompt(place))"}"#)
            others.append(try #require(created.json["id"] as? String, "\(created.body)"))
        }
        armed.withLock { $0 = true }

        // A supervisor's loop: restart the worker whenever it dies, until the poison task is final.
        var restarts = 0
        while try await Self.finalStatus(poison, on: server, key: live) == nil {
            restarts += 1
            try #require(restarts <= 5, "the poison task kept killing workers: \(kills.withLock { $0 }) kills")
            server = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
            current.withLock { $0 = server }
        }

        let failed = try await server.request(.GET, "/v1/tasks/\(poison)", key: live).json
        #expect(failed["status"] as? String == "failed", "\(failed)")
        let error = try #require(failed["error"] as? [String: Any])
        #expect(error["code"] as? String == "worker_crashed")
        #expect(error["recoverable"] as? Bool == false)
        #expect((error["suggestion"] as? String)?.isEmpty == false)
        #expect(kills.withLock { $0 } == 3, "claimed three times (PLOTON_TASK_MAX_CRASHES), each one killed its worker")
        #expect(restarts == 3)

        for id in others {
            let task = try await TaskProcessTests.waitForFinalStatus(id, on: server, key: live)
            #expect(task["status"] as? String == "complete", "\(task)")
        }
        let events = try await server.request(.GET, "/v1/events?task_id=\(poison)", key: live).json
        #expect((events["data"] as? [[String: Any]])?.first?["event"] as? String == "task.failed")
        try await eventually("the task.failed webhook is delivered") {
            receiver.deliveries("poison").contains { $0.body.contains(#""task.failed""#) }
        }
        await server.expectCleanStop()
        try await receiver.stop()
        try await fake.stop()
        await env.drop()
    }

    /// The task's final status, or nil once `server` has died (polling: another process, nothing to await).
    static func finalStatus(_ id: String, on server: PlotonProcess, key: String) async throws -> String? {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline, server.process.isRunning {
            if let status = try? await server.request(.GET, "/v1/tasks/\(id)", key: key).json["status"] as? String,
                ["complete", "failed", "cancelled"].contains(status)
            {
                return status
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        try #require(!server.process.isRunning, "task \(id) did not finish within a minute")
        return nil
    }
}
