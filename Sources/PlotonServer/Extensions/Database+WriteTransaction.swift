import Fluent
import SQLKit

extension Database {
    /// A transaction that reads and then writes. On SQLite (WAL), such a transaction fails with
    /// `SQLITE_BUSY_SNAPSHOT` when another connection commits between its read and its write, and
    /// no busy handler can wait that out; so on SQLite these transactions take turns in this
    /// process, and are retried a few times if another process got in between.
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite" else { return try await transaction(body) }
        return try await SQLiteWriteGate.shared.run {
            var attempt = 0
            while true {
                do {
                    return try await transaction(body)
                } catch  where attempt < 5 && "\(error)".contains("busy") {
                    attempt += 1
                    try await Task.sleep(for: .milliseconds(5 << attempt))
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
