import Fluent
import PlotonCore
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// Limits that must hold however many processes share the database.
@Suite struct ScaleOutLimitsTests {
    /// `batch`: how many tasks each worker's claim asks for.
    @Test(arguments: [1, 2])
    func concurrent_claims_from_many_workers_never_exceed_the_account_concurrency(batch: Int) async throws {
        try await withPloton({ $0.tasks.accountConcurrency = 3 }) { t async throws in
            _ = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            for index in 0..<10 {
                _ = try await t.createTask(#"{"prompt":"task \#(index)"}"#)
                t.clock.advance(by: 1)
            }
            let settings = t.app.ploton.config.tasks
            let (db, now) = (t.db, t.clock.now)
            // Twelve workers (each claim on its own pooled connection, as separate processes would be) race.
            let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
                for worker in 0..<12 {
                    group.addTask {
                        try await TaskQueue(database: db, settings: settings).claim(workerID: "wrk_\(worker)", now: now, limit: batch)
                            .compactMap(\.id)
                    }
                }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            #expect(claimed.count == 3)
            #expect(Set(claimed).count == 3)
            let running = try await AgentTask.query(on: t.db).filter(\.$status == TaskStatus.running).count()
            #expect(running == 3)
        }
    }

    @Test func the_shared_buckets_give_a_new_key_its_burst_then_refill_at_the_rate() async throws {
        try await withPloton { t async throws in
            let buckets = PostgresTokenBuckets(database: { t.db })
            guard TestDatabase.isPostgres else { return }  // SQLite keeps its buckets in memory
            let first = try await buckets.take(key: "k", capacity: 10, ratePerSecond: 10, want: 4, now: 1000)
            #expect(first.taken == 4)
            #expect(abs(first.left - 6) < 0.01)
            let second = try await buckets.take(key: "k", capacity: 10, ratePerSecond: 10, want: 8, now: 1000)
            #expect(second.taken == 6, "what is left, not more")
            let empty = try await buckets.take(key: "k", capacity: 10, ratePerSecond: 10, want: 8, now: 1000)
            #expect(empty.taken == 0)
            let later = try await buckets.take(key: "k", capacity: 10, ratePerSecond: 10, want: 8, now: 1000.5)
            #expect(later.taken == 5, "refilled at 10 a second for half a second")
        }
    }
}
