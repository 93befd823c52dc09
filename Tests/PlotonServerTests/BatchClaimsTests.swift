import Fluent
import PlotonCore
import PlotonTestSupport
import Testing

@testable import PlotonServer

/// One claim takes many tasks (a worker asks for its free slots) without giving up the limits.
@Suite struct BatchClaimsTests {
    @Test func one_claim_takes_its_batch_shared_among_accounts_and_within_each_accounts_limit() async throws {
        try await withPloton({ $0.tasks.accountConcurrency = 3 }) { t async throws in
            _ = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            for index in 0..<5 {
                _ = try await t.createTask(#"{"prompt":"task \#(index)"}"#)
                t.clock.advance(by: 1)
            }
            let other = Account(name: "other", createdAt: t.clock.now)
            try await other.create(on: t.db)
            let foreign = AgentTask(accountID: try other.requireID(), environment: .test, prompt: "x", now: t.clock.now)
            try await foreign.create(on: t.db)

            let queue = TaskQueue(database: t.db, settings: t.app.ploton.config.tasks)
            let batch = try await queue.claim(workerID: "wrk_a", now: t.clock.now, limit: 10)
            #expect(batch.count == 4, "three of the first account (its limit) and the other account's one")
            #expect(batch.contains { $0.id == foreign.id })
            #expect(batch.allSatisfy { $0.status == .running && $0.leaseOwner == "wrk_a" && $0.claims == 1 })
            let stored = try await AgentTask.query(on: t.db).filter(\.$status == TaskStatus.running).all()
            #expect(Set(stored.compactMap(\.id)) == Set(batch.compactMap(\.id)))
            #expect(stored.allSatisfy { $0.leaseOwner == "wrk_a" && $0.claims == 1 && $0.leaseExpiresAt != nil })
            #expect(try await queue.claim(workerID: "wrk_b", now: t.clock.now, limit: 10).isEmpty, "every account is at its limit")

            let small = try await queue.claim(workerID: "wrk_c", now: t.clock.now, limit: 1)
            #expect(small.isEmpty)
            for task in batch where task.id != foreign.id {
                try await TaskEngine(database: t.db, services: t.app.ploton, lease: try #require(task.lease), claimed: task).run()
            }
            let next = try await queue.claim(workerID: "wrk_b", now: t.clock.now, limit: 10)
            #expect(next.count == 2, "the first account's last two tasks")
        }
    }

    @Test func a_batch_run_by_the_worker_completes_every_task_once() async throws {
        try await withPloton({ $0.tasks.accountConcurrency = 50 }) { t async throws in
            let tool = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            var ids: [String] = []
            for index in 0..<20 { ids.append(try await t.createTask(#"{"prompt":"task \#(index)"}"#)) }
            let worker = t.worker()
            let loop = Task { await worker.run() }
            try await eventually("every task completes", timeout: .seconds(20)) {
                try await AgentTask.query(on: t.db).filter(\.$status == TaskStatus.complete).count() == 20
            }
            loop.cancel()
            await loop.value
            #expect(tool.count("read") == 20, "each task ran once")
            for id in ids { #expect(try await t.events(for: id).filter { $0.type == .taskComplete }.count == 1) }
        }
    }
}
