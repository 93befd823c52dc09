import Fluent
import SQLKit
import Synchronization

/// Group commit for task creates and the writes task runs make under their leases: whatever queued
/// while the previous commits ran is written in one transaction, each caller's writes inside a savepoint of
/// their own, and every caller returns once that transaction has committed (so a returned write is
/// as durable as one committed alone). A caller whose writes fail (a lease found lost, a constraint)
/// is rolled back to its savepoint and gets its error; the others commit. When the transaction as
/// a whole fails (the database went away, the commit failed), every caller of the batch gets the
/// error, as it would have alone.
final class GroupCommit: Sendable {
    typealias Write = @Sendable (any Database) async throws -> any Sendable

    private struct Member: Sendable {
        let database: any Database
        let handoff: WebhookHandoff?
        let write: Write
        let done: CheckedContinuation<Result<any Sendable, any Error>, Never>
    }

    private struct State {
        var queue: [Member] = []
        /// Transactions being written now.
        var lanes = 0
        var transactions = 0
    }

    private let state = Mutex(State())
    /// The most callers one transaction takes, so a long queue still commits in steps.
    let limit: Int
    /// Transactions written at once on PostgreSQL, where several connections write side by side
    /// (on SQLite one writer does, and one transaction at a time batches most). nil, the default:
    /// no batching on PostgreSQL, each write commits alone: batching measured no faster there, and
    /// with it a PostgreSQL restart amid concurrent creates left every later create hanging
    /// (docs/scaling.md, chaos run).
    let postgresLanes: Int?
    /// An embedded SQLite file's write connection, which runs each batch's statements on the
    /// calling thread (`SQLiteWriter`); nil: the driver's connection of the first caller's loop.
    let sqliteWriter: SQLiteWriter?

    init(limit: Int = 64, postgresLanes: Int? = nil, sqliteWriter: SQLiteWriter? = nil) {
        self.limit = limit
        self.postgresLanes = postgresLanes
        self.sqliteWriter = sqliteWriter
    }

    /// Callers waiting for the next transaction, and transactions run so far.
    var queued: Int { state.withLock { $0.queue.count } }
    var transactions: Int { state.withLock { $0.transactions } }

    /// Runs `write` in the next batch's transaction on `database` and returns its value once that
    /// transaction committed.
    func write<T: Sendable>(on database: any Database, _ write: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        var lanes = 1
        if (database as? any SQLDatabase)?.dialect.name == "postgresql" {
            guard let postgresLanes else { return try await database.writeTransaction(write) }
            lanes = postgresLanes
        }
        let result = await withCheckedContinuation { done in
            let member = Member(database: database, handoff: WebhookHandoff.target, write: { try await write($0) }, done: done)
            let leads = state.withLock { state in
                state.queue.append(member)
                guard state.lanes < lanes else { return false }
                state.lanes += 1
                return true
            }
            if leads { Task { await self.drain() } }
        }
        guard let value = try result.get() as? T else { preconditionFailure("a group commit returned another type") }
        return value
    }

    private func drain() async {
        while let batch = next() { await commit(batch) }
    }

    private func next() -> [Member]? {
        state.withLock { state in
            guard !state.queue.isEmpty else {
                state.lanes -= 1
                return nil
            }
            // Rows a transaction writes are handed to one dispatcher: its writes share one.
            let handoff = state.queue[0].handoff
            var (batch, rest): ([Member], [Member]) = ([], [])
            for member in state.queue {
                if batch.count < limit, member.handoff === handoff { batch.append(member) } else { rest.append(member) }
            }
            state.queue = rest
            state.transactions += 1
            return batch
        }
    }

    private func commit(_ batch: [Member]) async {
        let first = batch[0]
        do {
            let body: @Sendable (any Database) async throws -> [Result<any Sendable, any Error>] = { database in
                var results: [Result<any Sendable, any Error>] = []
                for member in batch { results.append(try await Self.attempt(member.write, alone: batch.count == 1, on: database)) }
                return results
            }
            let results = try await WebhookHandoff.$target.withValue(first.handoff) {
                guard let writer = sqliteWriter else { return try await first.database.writeTransaction(body) }
                return try await WriteTransaction.run(body) { try await writer.transaction(context: first.database.context, $0) }
            }
            for (member, result) in zip(batch, results) { member.done.resume(returning: result) }
        } catch {
            for member in batch { member.done.resume(returning: .failure(error)) }
        }
    }

    /// One caller's writes inside its savepoint: rolled back to it (and their webhook rows not
    /// handed over) when they fail. Throws when the transaction itself is to roll back.
    private static func attempt(_ write: Write, alone: Bool, on database: any Database) async throws -> Result<any Sendable, any Error> {
        // Alone, a failure rolls the whole transaction back (and reaches its caller as such).
        guard !alone, let sql = database as? any SQLDatabase else { return .success(try await write(database)) }
        let outer = WebhookHandoff.collector
        let own = outer.map { WebhookHandoff.Collector(owner: $0.owner, leaseSeconds: $0.leaseSeconds) }
        try await sql.raw("SAVEPOINT member").run()
        do {
            let value = try await WebhookHandoff.$collector.withValue(own) { try await write(database) }
            try await sql.raw("RELEASE SAVEPOINT member").run()
            for handed in own?.collected ?? [] { outer?.add(handed) }
            return .success(value)
        } catch  where !SQLiteBusy.matches(error) {
            // A busy SQLite snapshot is the whole transaction's (another connection committed
            // since it read): thrown on, so that the batch is written again, as a write alone is.
            try await sql.raw("ROLLBACK TO SAVEPOINT member").run()
            try await sql.raw("RELEASE SAVEPOINT member").run()
            return .failure(error)
        }
    }
}
