import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import SQLKit
import Synchronization
import Testing

@testable import PlotonServer

/// Task runs' leased writes queued while a commit runs share the next transaction; one that fails
/// (a lost lease, a database error) is rolled back alone and the others commit.
@Suite struct GroupCommitTests {
    struct Refused: Error {}

    @Test func writes_queued_behind_a_commit_share_the_next_and_a_failing_one_leaves_the_others() async throws {
        try await withPloton { t async throws in
            var ids: [String] = []
            for _ in 0..<4 { ids.append(try await t.createTask(#"{"prompt":"What's the weather in Paris?"}"#)) }
            let queue = TaskQueue(database: t.db, settings: t.app.ploton.config.tasks)
            let leases = try await queue.claim(workerID: "wrk_a", now: t.clock.now, limit: 4).compactMap(\.lease)
            #expect(leases.count == 4)
            let byTask = Dictionary(uniqueKeysWithValues: leases.map { ($0.taskID, $0) })
            let commits = GroupCommit(postgresLanes: 1)
            let held = Gate()
            let first = Task { try await commits.write(on: t.db) { _ in await held.enterAndWait() } }
            await held.waitUntilEntered()

            // Queued in this order while that transaction is open.
            let transitions = TaskTransitions(database: t.db, now: t.clock.now, commits: commits)
            let complete = { (lease: TaskLease) in
                Task { try await transitions.move(lease.taskID, to: .complete, ownedBy: lease, event: .taskComplete) != nil }
            }
            let (done, other, stale) = (try #require(byTask[ids[0]]), try #require(byTask[ids[1]]), try #require(byTask[ids[2]]))
            let untouched = ids[3]
            let refused = { Task { () -> Bool in try await commits.write(on: t.db) { try await Self.touchThenFail(untouched, on: $0) } } }
            var queued: [Task<Bool, any Error>] = []
            let lost = TaskLease(taskID: stale.taskID, owner: stale.owner, claim: stale.claim + 1)
            for start in [{ complete(done) }, refused, { complete(lost) }, { complete(other) }] {
                queued.append(start())
                let count = queued.count
                try await eventually("\(count) writes queued") { commits.queued == count }
            }
            await held.release()
            try await first.value

            #expect(try await queued[0].value == true)
            await #expect(throws: (any Error).self) { try await queued[1].value }
            #expect(try await queued[2].value == false, "a lease that no longer holds moves nothing")
            #expect(try await queued[3].value == true)
            #expect(commits.transactions == 2)
            for (id, status) in zip(ids, ["complete", "complete", "running", "running"]) {
                #expect(try await t.task(id)["status"] as? String == status)
                let completions = try await t.events(for: id).filter { $0.type == .taskComplete }.count
                #expect(completions == (status == "complete" ? 1 : 0))
            }
            #expect(try await Self.metadata(of: untouched, t).isEmpty, "the failed write was rolled back")
        }
    }

    @Test func a_write_that_fails_alone_is_rolled_back() async throws {
        try await withPloton { t async throws in
            let id = try await t.createTask(#"{"prompt":"What's the weather in Paris?"}"#)
            await #expect(throws: (any Error).self) { try await GroupCommit().write(on: t.db) { try await Self.touchThenFail(id, on: $0) } }
            #expect(try await Self.metadata(of: id, t).isEmpty)
        }
    }

    /// SQLite: a batch member's write that finds its snapshot stale (another connection committed
    /// since the transaction read) gets the batch written again, not the busy error: the creates
    /// of a 100-account load answered `500` with it.
    @Test func a_batch_whose_sqlite_snapshot_went_stale_is_written_again() async throws {
        guard !TestDatabase.isPostgres else { return }  // PostgreSQL writes each group alone
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ploton-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // A file in WAL mode, as in production (the in-memory test database locks instead).
        try await withPloton({ $0.database = .sqliteFile(path: directory.appendingPathComponent("ploton.sqlite").path) }) {
            t async throws in
            let db = t.db  // one event loop's connection for every write: each loop has its own
            let writer = try #require(db as? any SQLDatabase)
            let id = try await t.createTask(#"{"prompt":"What's the weather in Paris?"}"#)
            let loops = Array(t.app.eventLoopGroup.makeIterator())
            let elsewhere = try #require(
                loops.lazy.compactMap { t.app.databases.database(logger: t.app.logger, on: $0) as? any SQLDatabase }
                    .first { $0.eventLoop !== writer.eventLoop })
            let commits = GroupCommit()
            let held = Gate()
            let first = Task { try await commits.write(on: db) { _ in await held.enterAndWait() } }
            await held.waitUntilEntered()
            let attempts = Counter()
            let stale = Task {
                try await commits.write(on: db) { database in
                    let sql = try #require(database as? any SQLDatabase)
                    _ = try await sql.raw("SELECT id FROM tasks WHERE id = \(bind: id)").all()
                    if attempts.next() == 1 {
                        try await elsewhere.raw("UPDATE tasks SET prompt = 'elsewhere' WHERE id = \(bind: id)").run()
                    }
                    try await sql.raw("UPDATE tasks SET metadata = '{\"stale\":false}' WHERE id = \(bind: id)").run()
                    return true
                }
            }
            let other = Task { try await commits.write(on: db) { _ in true } }
            try await eventually("both writes queued") { commits.queued == 2 }
            await held.release()
            try await first.value
            let (written, alongside) = (try await stale.value, try await other.value)
            #expect(written && alongside)
            #expect(attempts.value >= 2, "written again")
            #expect(try await Self.metadata(of: id, t)["stale"] as? Bool == false)
        }
    }

    /// An SQLite file's batches run on its own write connection (`SQLiteWriter`): SQLKit and
    /// Fluent model writes alike commit together, a failing member is rolled back alone, and what
    /// committed is what the driver's connections read.
    @Test func an_sqlite_files_batches_run_on_its_writer() async throws {
        guard !TestDatabase.isPostgres else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ploton-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withPloton({ $0.database = .sqliteFile(path: directory.appendingPathComponent("ploton.sqlite").path) }) {
            t async throws in
            let commits = t.app.ploton.groupCommit
            #expect(commits.sqliteWriter != nil)
            var ids: [String] = []
            for _ in 0..<3 { ids.append(try await t.createTask(#"{"prompt":"What's the weather in Paris?"}"#)) }
            let held = Gate()
            let first = Task { try await commits.write(on: t.db) { _ in await held.enterAndWait() } }
            await held.waitUntilEntered()
            let (plain, model, failing) = (ids[0], ids[1], ids[2])
            let writes = [
                Task { () -> Bool in
                    try await commits.write(on: t.db) { database in
                        let sql = try #require(database as? any SQLDatabase)
                        try await sql.update(AgentTask.schema).set("metadata", to: #"{"plain":true}"#).where("id", .equal, plain).run()
                        return true
                    }
                },
                Task { () -> Bool in
                    try await commits.write(on: t.db) { database in
                        let task = try #require(try await AgentTask.find(model, on: database))
                        task.metadataJSON = JSONText(#"{"model":true}"#)
                        try await task.save(on: database)
                        return true
                    }
                },
                Task { () -> Bool in try await commits.write(on: t.db) { try await Self.touchThenFail(failing, on: $0) } },
            ]
            try await eventually("the writes queued") { commits.queued == 3 }
            let before = commits.transactions
            await held.release()
            try await first.value
            #expect(try await writes[0].value)
            #expect(try await writes[1].value)
            await #expect(throws: (any Error).self) { try await writes[2].value }
            #expect(commits.transactions - before == 1, "one transaction for the three")
            #expect(try await Self.metadata(of: plain, t)["plain"] as? Bool == true)
            #expect(try await Self.metadata(of: model, t)["model"] as? Bool == true)
            #expect(try await Self.metadata(of: failing, t).isEmpty, "the failed write was rolled back")
        }
    }

    final class Counter: Sendable {
        private let count = Mutex(0)
        func next() -> Int {
            count.withLock {
                $0 += 1; return $0
            }
        }
        var value: Int { count.withLock { $0 } }
    }

    /// Writes to the task, then fails with a database error.
    @Sendable static func touchThenFail(_ taskID: String, on database: any Database) async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { throw Refused() }
        try await sql.update(AgentTask.schema).set("metadata", to: #"{"touched":true}"#).where("id", .equal, taskID).run()
        try await sql.raw("SELECT missing FROM no_such_table").run()
        throw Refused()
    }

    static func metadata(of taskID: String, _ t: TestApp) async throws -> [String: Any] {
        try await t.task(taskID)["metadata"] as? [String: Any] ?? ["unreadable": true]
    }
}
