import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Testing

@testable import PlotonServer

/// Tasks that wedge or kill their workers end with `worker_crashed` after a bounded number of
/// claims, and a task that lost a worker runs with nothing beside it.
@Suite struct PoisonTaskTests {
    @Test func a_task_that_wedges_its_worker_is_given_up_each_claim_and_then_fails_with_worker_crashed() async throws {
        try await withPloton({
            // Long enough for a claim to reach the step while the whole suite runs in parallel on two cores
            // (2 s was not at a load average of 20).
            $0.tasks.maxClaimDuration = 6
            $0.tasks.maxCrashes = 2
        }) { t async throws in
            let tool = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            let gate = Gate()  // never released while the test runs: the step ignores cancellation
            let wedged: ScriptedTool.Answer = { _ in
                await gate.enterAndWait()
                return .completed(.object([:]))
            }
            tool.script("read", wedged, wedged)
            let id = try await t.createTask(#"{"prompt":"read"}"#)

            #expect(try await t.drain() == 1, "the first claim overruns and is given up")
            #expect(try await AgentTask.find(id, on: t.db)?.status == .running)
            t.clock.advance(by: 3)
            #expect(try await t.drain() == 1, "the second claim counts the first as lost, runs and overruns too")
            #expect(tool.count("read") == 2)
            t.clock.advance(by: 3)
            #expect(try await t.drain() == 1, "the third claim finds two lost claims and fails the task")
            #expect(tool.count("read") == 2, "the task did not run a third time")

            let task = try await t.task(id)
            #expect(task["status"] as? String == "failed")
            let error = try #require(task["error"] as? [String: Any])
            #expect(error["code"] as? String == "worker_crashed")
            #expect(error["recoverable"] as? Bool == false)
            let failed = try #require(try await t.events(for: id).first { $0.type == .taskFailed })
            #expect(JSONValue.parse(failed.dataJSON.text)?.value(at: "code") == .string("worker_crashed"))
            await gate.release()
        }
    }

    @Test func a_task_that_lost_its_worker_runs_only_on_an_idle_worker() async throws {
        try await withPloton { t async throws in
            _ = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            let lost = try await t.createTask(#"{"prompt":"lost"}"#)
            let queue = TaskQueue(database: t.db, settings: t.app.ploton.config.tasks)
            #expect(try await queue.claim(workerID: "wrk_dead", now: t.clock.now)?.id == lost)
            t.clock.advance(by: t.app.ploton.config.tasks.leaseSeconds + 1)
            let other = try await t.createTask(#"{"prompt":"other"}"#)

            #expect(try await queue.claim(workerID: "wrk_busy", now: t.clock.now, busy: true) == nil, "a busy worker drains first")
            let claimed = try #require(try await queue.claim(workerID: "wrk_idle", now: t.clock.now))
            #expect(claimed.id == lost)
            #expect(claimed.lostClaims == 1)
            #expect(try await queue.claim(workerID: "wrk_busy", now: t.clock.now, busy: true)?.id == other)
        }
    }

    @Test func a_lease_given_back_on_shutdown_is_not_a_lost_claim() async throws {
        try await withPloton { t async throws in
            _ = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            let id = try await t.createTask(#"{"prompt":"read"}"#)
            let queue = TaskQueue(database: t.db, settings: t.app.ploton.config.tasks)
            let claimed = try #require(try await queue.claim(workerID: "wrk_a", now: t.clock.now))
            try await queue.release(try #require(claimed.lease))
            let resumed = try #require(try await queue.claim(workerID: "wrk_b", now: t.clock.now, busy: true))
            #expect(resumed.id == id)
            #expect(resumed.lostClaims == 0)
        }
    }
}
