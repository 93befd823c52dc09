import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import SQLKit
import Testing

@testable import PlotonServer

/// A task created while the process's worker has a free slot runs from the create at once, under
/// a lease taken in the create's transaction; otherwise it goes to the queue as before, and the
/// limits hold either way.
@Suite struct CreateRunsTests {
    @Test func a_task_created_while_the_worker_has_a_slot_is_claimed_by_its_create_and_completes_once() async throws {
        // The worker claims once at start and then only when woken, so no claim holds the slots
        // at the moment of the create (a claim in flight reserves every free slot).
        try await withPloton({ $0.tasks.pollInterval = 3_600 }) { t async throws in
            let tool = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            let worker = t.worker()
            let loop = Task { await worker.run() }
            try await eventually("the worker takes tasks from creates") { t.app.ploton.engineSlots.reserve().map { _ in true } ?? false }
            t.app.ploton.engineSlots.cancel(queued: false)

            let created = try await t.send(.POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"read"}"#)
            #expect(created.status == .created)
            #expect(try created.object["status"] as? String == "running", "claimed in the create's transaction")
            let id = try #require(try created.object["id"] as? String)
            try await eventually("the task completes") { try await AgentTask.find(id, on: t.db)?.status == .complete }
            loop.cancel()
            await loop.value

            let task = try #require(try await AgentTask.find(id, on: t.db))
            #expect(task.claims == 1 && task.lostClaims == 0 && task.leaseOwner == nil)
            #expect(tool.count("read") == 1)
            #expect(try await t.events(for: id).filter { $0.type == .taskComplete }.count == 1)
        }
    }

    @Test func a_create_claims_its_task_only_within_its_accounts_limit_and_behind_its_queued_tasks() async throws {
        try await withPloton({ $0.tasks.accountConcurrency = 1 }) { t async throws in
            _ = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            let settings = t.app.ploton.config.tasks
            let admission = TaskAdmission(database: t.db, settings: settings, now: t.clock.now)
            let first = AgentTask(accountID: t.accountID, environment: .test, prompt: "first", now: t.clock.now)
            #expect(try await admission.insert(first, claimingFor: "wrk_a"))
            #expect(first.status == .running && first.leaseOwner == "wrk_a" && first.claims == 1)
            let account = try await Account.find(t.accountID, on: t.db)
            let served = try #require(account?.lastClaimedAt, "a run from its create counts as the account's claim")
            #expect(abs(served.timeIntervalSince(t.clock.now)) < 0.001)

            let second = AgentTask(accountID: t.accountID, environment: .test, prompt: "second", now: t.clock.now)
            #expect(try await admission.insert(second, claimingFor: "wrk_a") == false, "the account is at its limit")
            let queue = TaskQueue(database: t.db, settings: settings)
            #expect(try await queue.claim(workerID: "wrk_b", now: t.clock.now, limit: 5).isEmpty, "the create's task counts")

            // The first task's lease runs out: its account has room, but a queued task goes first.
            t.clock.advance(by: settings.leaseSeconds + 1)
            let later = TaskAdmission(database: t.db, settings: settings, now: t.clock.now)
            let third = AgentTask(accountID: t.accountID, environment: .test, prompt: "third", now: t.clock.now)
            #expect(try await later.insert(third, claimingFor: "wrk_a") == false, "the second task is queued before it")
            let stored = Dictionary(uniqueKeysWithValues: try await AgentTask.query(on: t.db).all().map { ($0.prompt, $0) })
            #expect(stored.mapValues(\.status) == ["first": .running, "second": .pending, "third": .pending])
            #expect(stored.mapValues(\.claims) == ["first": 1, "second": 0, "third": 0])
        }
    }

    @Test func on_postgresql_a_create_waits_for_its_accounts_lock_and_claims_its_task_instead_of_queueing_it() async throws {
        guard TestDatabase.isPostgres else { return }  // SQLite: creates take turns on the write lock
        try await withPloton { t async throws in
            _ = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            let holder = try await AccountLockHolder.hold(t.accountID, on: t.db)

            let task = AgentTask(accountID: t.accountID, environment: .test, prompt: "read", now: t.clock.now)
            let admission = TaskAdmission(database: t.db, settings: t.app.ploton.config.tasks, now: t.clock.now)
            let create = Task { try await admission.insert(task, claimingFor: "wrk_a") }
            try await eventually("the create waits for the account's lock") { try await Self.advisoryWaiters(on: t.db) == 1 }
            try await holder.release()

            #expect(try await create.value, "claimed once the lock was free, not queued")
            let stored = try #require(try await AgentTask.find(task.requireID(), on: t.db))
            #expect(stored.status == .running && stored.leaseOwner == "wrk_a" && stored.claims == 1)
        }
    }

    /// Transactions waiting for an account's claim lock in this test's database (PostgreSQL: the
    /// cluster's other tests wait for theirs).
    static func advisoryWaiters(on database: any Database) async throws -> Int {
        let sql = try #require(database as? any SQLDatabase)
        let row = try await sql.raw(
            """
            SELECT COUNT(*) AS waiting FROM pg_locks WHERE locktype = 'advisory' AND classid = \(literal: TaskQueue.accountLock) \
            AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """
        ).first()
        return try row?.decode(column: "waiting", as: Int.self) ?? 0
    }
}

/// An account's claim lock held by a transaction of its own until `release()` (PostgreSQL), as a
/// claim or a create inserting a `running` task holds it.
struct AccountLockHolder {
    private let releasing: AsyncStream<Void>.Continuation
    private let holder: Task<Void, any Error>

    static func hold(_ accountID: String, on database: any Database) async throws -> AccountLockHolder {
        let (held, holding) = AsyncStream<Void>.makeStream()
        let (release, releasing) = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await database.transaction { database in
                let sql = try #require(database as? any SQLDatabase)
                try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: TaskQueue.accountLock), hashtext(\(bind: accountID)))").run()
                holding.yield()
                for await _ in release {}
            }
        }
        for await _ in held { break }
        return AccountLockHolder(releasing: releasing, holder: holder)
    }

    func release() async throws {
        releasing.finish()
        try await holder.value
    }
}
