import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

@Suite struct EngineTests {
    let readThenTransfer = [
        PlannedStep(
            tool: "vault", capability: "read", input: ["account": .literal(.string("main")), "password": .literal(.string("hunter2"))]),
        PlannedStep(tool: "vault", capability: "transfer", input: ["amount": .reference(step: 0, path: "balance")]),
    ]

    @Test func approval_required_steps_wait_and_run_only_when_approved() async throws {
        try await withPloton { t async throws in
            let tool = t.useScriptedTool(readThenTransfer)
            tool.script(
                "read", { _ in .completed(.object(["balance": .number(120)])) }, { _ in .completed(.object(["balance": .number(120)])) })
            let approved = try await t.createTask(#"{"prompt":"move it"}"#)
            let denied = try await t.createTask(#"{"prompt":"move it"}"#)
            try await t.drain()
            for id in [approved, denied] {
                let task = try await t.task(id)
                #expect(task["status"] as? String == "waiting")
                let waiting = try #require(task["waiting"] as? [String: Any])
                #expect(waiting["reason"] as? String == "approval_required")
                #expect(waiting["service"] as? String == "vault")
            }
            #expect(tool.count("transfer") == 0)

            let missing = try await t.send(.POST, "v1/tasks/\(approved)/input", key: t.testKey, json: #"{"input":{"x":1}}"#)
            #expect(missing.errorCode == "invalid_request")
            #expect(try await t.send(.POST, "v1/tasks/\(approved)/input", key: t.testKey, json: #"{"approve":true}"#).status == .ok)
            let no = try await t.send(.POST, "v1/tasks/\(denied)/input", key: t.testKey, json: #"{"approve":false}"#)
            #expect(try no.object["status"] as? String == "failed")
            #expect((try no.object["error"] as? [String: Any])?["code"] as? String == "approval_denied")
            try await t.drain()

            #expect(try await t.task(approved)["status"] as? String == "complete")
            #expect(tool.count("transfer") == 1)
            #expect(tool.count("read") == 2, "the approved task did not read again after resuming")
            #expect(tool.requests.last?.input["amount"] == .number(120), "a later step reads an earlier step's output")
        }
    }

    @Test func retryable_failures_are_retried_and_recorded_in_the_trace() async throws {
        try await withPloton { t async throws in
            let tool = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            tool.script(
                "read",
                { _ in throw ToolFailure(code: "service_error", message: "503", retryable: true) },
                { _ in throw ToolFailure(code: "rate_limited", message: "429", retryable: true, retryAfter: 0.001) },
                { _ in .completed(.object(["balance": .number(1)])) })
            let id = try await t.createTask(#"{"prompt":"read"}"#)
            try await t.drain()
            #expect(try await t.task(id)["status"] as? String == "complete")
            let trace = try await t.send(.GET, "v1/tasks/\(id)/trace", key: t.testKey).object
            let step = try #require((trace["steps"] as? [[String: Any]])?.first)
            #expect(step["attempts"] as? Int == 3)
            let recoveries = try #require(step["recoveries"] as? [[String: Any]])
            #expect(recoveries.map { $0["type"] as? String } == ["retry", "rate_limit_wait"])
            #expect(recoveries.map { $0["reason"] as? String } == ["service_error", "rate_limited"])
        }
    }

    @Test func a_step_that_keeps_failing_fails_the_task_with_the_documented_error() async throws {
        try await withPloton { t async throws in
            let tool = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            let failing: ScriptedTool.Answer = { _ in
                throw ToolFailure(code: "service_error", message: "down", retryable: true, recoverable: true)
            }
            tool.script("read", failing, failing, failing, failing)
            let id = try await t.createTask(#"{"prompt":"read"}"#)
            try await t.drain()
            let task = try await t.task(id)
            #expect(task["status"] as? String == "failed")
            let error = try #require(task["error"] as? [String: Any])
            #expect(error["code"] as? String == "service_error")
            #expect(error["tool"] as? String == "vault")
            #expect(error["recoverable"] as? Bool == true)
            #expect(error["suggestion"] is String)
            #expect(tool.count("read") == 3, "bounded: maxStepAttempts")

            let fatal = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            fatal.script("read", { _ in throw ToolFailure(code: "not_allowed", message: "no") })
            let second = try await t.createTask(#"{"prompt":"read"}"#)
            try await t.drain()
            #expect(fatal.count("read") == 1, "non-retryable failures are not retried")
            #expect((try await t.task(second)["error"] as? [String: Any])?["recoverable"] as? Bool == false)
        }
    }

    @Test func the_trace_shows_the_workflow_and_each_step_with_secrets_redacted() async throws {
        try await withPloton { t async throws in
            _ = t.useScriptedTool(readThenTransfer)
            let id = try await t.createTask(#"{"prompt":"move it"}"#)
            try await t.drain()
            let response = try await t.send(.GET, "v1/tasks/\(id)/trace", key: t.testKey)
            #expect(response.status == .ok)
            #expect(!response.body.string.contains("hunter2"))
            let trace = try response.object
            #expect(trace["object"] as? String == "task_trace")
            #expect(trace["task_id"] as? String == id)
            #expect(trace["planner"] as? String == "fixed")
            #expect(((trace["workflow"] as? [String: Any])?["steps"] as? [Any])?.count == 2)
            let step = try #require((trace["steps"] as? [[String: Any]])?.first)
            #expect(step["status"] as? String == "complete")
            #expect((step["input"] as? [String: Any])?["password"] as? String == "<redacted>")
            #expect(step["idempotency_key"] as? String == "\(id)_step_0")
            #expect(step["duration_ms"] is Int)
            #expect(step["output_summary"] is String)
            #expect(try await t.send(.GET, "v1/tasks/task_missing/trace", key: t.testKey).status == .notFound)
        }
    }

    @Test func a_claimed_task_resumes_from_the_first_unfinished_step() async throws {
        try await withPloton { t async throws in
            let tool = t.useScriptedTool([
                PlannedStep(tool: "vault", capability: "read", input: [:]),
                PlannedStep(tool: "vault", capability: "log", input: ["balance": .reference(step: 0, path: "balance")]),
            ])
            let id = try await t.createTask(#"{"prompt":"read and log"}"#)
            // What a crashed worker leaves: the plan stored, step 0 done, step 1 started, lease held.
            let queue = TaskQueue(database: t.db, settings: t.app.ploton.config.tasks)
            let claimed = try #require(try await queue.claim(workerID: "wrk_dead", now: t.clock.now))
            try claimed.setWorkflow(
                Workflow(steps: [
                    PlannedStep(tool: "vault", capability: "read", input: [:]),
                    PlannedStep(tool: "vault", capability: "log", input: ["balance": .reference(step: 0, path: "balance")]),
                ]))
            try await claimed.update(on: t.db)
            let done = try TaskStep(
                taskID: id, index: 0, step: claimed.workflow!.steps[0], input: [:], idempotencyKey: "\(id)_step_0", sideEffect: false,
                now: t.clock.now)
            done.status = .complete
            done.attempts = 1
            done.outputJSON = JSONText(#"{"balance":77}"#)
            try await done.create(on: t.db)
            let started = try TaskStep(
                taskID: id, index: 1, step: claimed.workflow!.steps[1], input: [:], idempotencyKey: "\(id)_step_1", sideEffect: true,
                now: t.clock.now)
            started.attempts = 1
            try await started.create(on: t.db)

            #expect(try await t.drain() == 0, "the dead worker's lease has not expired yet")
            t.clock.advance(by: t.app.ploton.config.tasks.leaseSeconds + 1)
            #expect(try await t.drain() == 1)

            #expect(try await t.task(id)["status"] as? String == "complete")
            #expect(tool.count("read") == 0, "finished steps are not repeated")
            #expect(tool.count("log") == 1)
            #expect(tool.requests.first?.input["balance"] == .number(77))
            #expect(tool.requests.first?.idempotencyKey == "\(id)_step_1", "the retried step keeps its idempotency key")
            let step = try #require(try await TaskStep.query(on: t.db).filter(\.$task.$id == id).filter(\.$index == 1).first())
            #expect(step.attempts == 2)
        }
    }

    @Test func a_worker_that_lost_its_lease_does_not_touch_the_task() async throws {
        try await withPloton { t async throws in
            let tool = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            let id = try await t.createTask(#"{"prompt":"read"}"#)
            let queue = TaskQueue(database: t.db, settings: t.app.ploton.config.tasks)
            let first = try #require(try await queue.claim(workerID: "wrk_a", now: t.clock.now)?.lease)
            #expect(try await queue.claim(workerID: "wrk_b", now: t.clock.now) == nil)
            t.clock.advance(by: t.app.ploton.config.tasks.leaseSeconds + 1)
            let second = try #require(try await queue.claim(workerID: "wrk_b", now: t.clock.now)?.lease)
            #expect(second.taskID == id)
            #expect(try await queue.renew(first, now: t.clock.now) == false)

            try await TaskEngine(database: t.db, services: t.app.ploton, lease: first).run()
            #expect(tool.count("read") == 0)
            try await TaskEngine(database: t.db, services: t.app.ploton, lease: second).run()
            #expect(tool.count("read") == 1)
            #expect(try await t.task(id)["status"] as? String == "complete")
        }
    }

    @Test func tasks_beyond_the_account_concurrency_limit_stay_pending() async throws {
        try await withPloton({ $0.tasks.accountConcurrency = 1 }) { t async throws in
            _ = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            let first = try await t.createTask(#"{"prompt":"one"}"#)
            t.clock.advance(by: 1)
            let second = try await t.createTask(#"{"prompt":"two"}"#)
            let queue = TaskQueue(database: t.db, settings: t.app.ploton.config.tasks)
            let claimed = try #require(try await queue.claim(workerID: "wrk_a", now: t.clock.now))
            #expect(claimed.id == first)
            #expect(try await queue.claim(workerID: "wrk_b", now: t.clock.now) == nil)
            #expect(try await t.task(second)["status"] as? String == "pending")

            // Another account is not held back.
            let other = Account(name: "other", createdAt: t.clock.now)
            try await other.create(on: t.db)
            let foreign = AgentTask(accountID: try other.requireID(), environment: .test, prompt: "x", now: t.clock.now)
            try await foreign.create(on: t.db)
            #expect(try await queue.claim(workerID: "wrk_b", now: t.clock.now)?.id == foreign.id)

            try await TaskEngine(database: t.db, services: t.app.ploton, lease: try #require(claimed.lease)).run()
            #expect(try await queue.claim(workerID: "wrk_b", now: t.clock.now)?.id == second)
        }
    }

    @Test func cancelling_a_running_task_stops_it_before_the_next_step() async throws {
        try await withPloton { t async throws in
            let tool = t.useScriptedTool([
                PlannedStep(tool: "vault", capability: "read", input: [:]),
                PlannedStep(tool: "vault", capability: "log", input: [:]),
            ])
            let app = t.app
            tool.script(
                "read",
                { request in
                    _ = try await TaskService(
                        database: app.db, services: app.ploton,
                        principal: APIPrincipal(keyID: "k", accountID: request.accountID, environment: .test)
                    )
                    .cancel(request.taskID)
                    return .completed(.object([:]))
                })
            let id = try await t.createTask(#"{"prompt":"read then log"}"#)
            try await t.drain()
            #expect(try await t.task(id)["status"] as? String == "cancelled")
            #expect(tool.count("log") == 0)
            #expect(
                try await t.events(for: id).map(\.type.rawValue) == ["task.cancelled"], "the run no longer owns the task: it writes nothing"
            )
        }
    }

    @Test func a_tool_can_suspend_a_task_for_consent() async throws {
        try await withPloton { t async throws in
            let tool = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            tool.script(
                "read",
                { _ in
                    .suspend(
                        WaitingRequest(
                            reason: .oauthConsentRequired, service: "vault", authURL: "http://localhost:8080/auth/vault?session=sess_1",
                            scopes: ["read"]))
                })
            let id = try await t.createTask(#"{"prompt":"read"}"#)
            try await t.drain()
            let waiting = try #require(try await t.task(id)["waiting"] as? [String: Any])
            #expect(waiting["reason"] as? String == "oauth_consent_required")
            #expect(waiting["auth_url"] as? String == "http://localhost:8080/auth/vault?session=sess_1")
            #expect(waiting["scopes"] as? [String] == ["read"])
            #expect(waiting["input_schema"] == nil)
            #expect(try await t.send(.POST, "v1/tasks/\(id)/input", key: t.testKey, json: #"{"input":{}}"#).errorCode == "task_not_waiting")
        }
    }
}

extension EngineTests {
    @Test func a_live_worker_keeps_renewing_its_lease_while_a_step_runs() async throws {
        try await withPloton({ $0.tasks.leaseSeconds = 0.3 }) { t async throws in
            let tool = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            let gate = Gate()
            tool.script(
                "read",
                { _ in
                    await gate.enterAndWait()
                    return .completed(.object(["balance": .number(1)]))
                })
            let id = try await t.createTask(#"{"prompt":"slow read"}"#)
            let queue = TaskQueue(database: t.db, settings: t.app.ploton.config.tasks)
            let lease = try #require(try await queue.claim(workerID: "wrk_a", now: t.clock.now)?.lease)
            let worker = t.worker(id: "wrk_a")
            let running = Task { await worker.process(lease) }
            await gate.waitUntilEntered()

            // Time passes beyond the lease; the running worker must push its lease past it.
            t.clock.advance(by: 10)
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline {
                let task = try #require(try await AgentTask.find(id, on: t.db))
                if let lease = task.leaseExpiresAt, lease > t.clock.now { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(try await queue.claim(workerID: "wrk_b", now: t.clock.now) == nil, "the lease was renewed")

            await gate.release()
            await running.value
            #expect(try await t.task(id)["status"] as? String == "complete")
        }
    }
}
