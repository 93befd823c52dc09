import Fluent
import SQLKit

extension Database {
    /// A transaction that reads and then writes. On SQLite (WAL), such a transaction fails with
    /// `SQLITE_BUSY_SNAPSHOT` when another connection commits between its read and its write, and
    /// no busy handler can wait that out; so on SQLite these transactions take turns in this
    /// process, and are retried (up to about four seconds) if another process got in between.
    /// Webhook outbox rows it writes go to this process's dispatcher after the commit (`WebhookHandoff`).
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await WriteTransaction.run(body) { try await retryingTransaction($0) }
    }

    private func retryingTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite" else { return try await postgresTransaction(body) }
        return try await SQLiteWriteGate.shared.run {
            var attempt = 0
            while true {
                do {
                    return try await transaction(body)
                } catch  where attempt < 40 && SQLiteBusy.matches(error) {
                    // Other processes' writers: back off (capped, jittered) and try again.
                    attempt += 1
                    try await Task.sleep(for: .milliseconds(Int.random(in: 1...min(5 << min(attempt, 5), 200))))
                }
            }
        }
    }
}

/// What every write transaction does around its body, whichever connection runs it (the
/// database's own, or the SQLite writer's: `SQLiteWriter`).
enum WriteTransaction {
    /// Runs `body` through `transaction`, which may run it more than once (tried again after
    /// busy): each attempt forgets the webhook rows a rolled-back one collected, and its events
    /// share one read of their webhook endpoints. The rows go to this process's dispatcher once
    /// `transaction` returned, that is, committed (`WebhookHandoff`).
    static func run<T: Sendable>(
        _ body: @escaping @Sendable (any Database) async throws -> T,
        in transaction: (@escaping @Sendable (any Database) async throws -> T) async throws -> T
    ) async throws -> T {
        try await WebhookHandoff.afterCommit { collector in
            try await transaction { database in
                // The body may run outside this task (Fluent's SQLite transaction), so the
                // collector goes with it.
                try await WebhookOutbox.$endpointReads.withValue(WebhookOutbox.EndpointReads()) {
                    guard let collector else { return try await body(database) }
                    collector.reset()
                    return try await WebhookHandoff.$collector.withValue(collector) { try await body(database) }
                }
            }
        }
    }
}

/// One read-write transaction at a time for SQLite in this process (SQLite allows one writer anyway).
actor SQLiteWriteGate {
    static let shared = SQLiteWriteGate()

    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if busy {
            await withCheckedContinuation { waiters.append($0) }
        }
        busy = true
        defer {
            if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
        }
        return try await body()
    }
}
