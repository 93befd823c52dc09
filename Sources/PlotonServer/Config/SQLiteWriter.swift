import FluentKit
import NIOConcurrencyHelpers
import NIOPosix

/// The embedded SQLite file's write connection for group commit (`GroupCommit`): a batch of task
/// creates and runs' writes runs its statements on the calling thread, each prepared once
/// (`SQLiteHandle`), where through the driver every statement took a prepare and two thread hops
/// and the one writer waited on them. The transaction begins `IMMEDIATE` (the write lock taken
/// first, so no read in it can go stale) and takes turns with this process's other write
/// transactions (`SQLiteWriteGate`). Its commit runs on a thread of its own: with
/// `PLOTON_SQLITE_SYNCHRONOUS=full`, and at WAL checkpoints, a commit waits for the disk. Not the
/// driver's pool: its threads may all be waiting (busy timeout) for the lock this commit releases.
final class SQLiteWriter: Sendable {
    let path: String
    let synchronous: SQLiteSynchronous
    private let connection = NIOLockedValueBox<SQLiteHandle?>(nil)
    private let commits = NIOThreadPool(numberOfThreads: 1)

    /// Statements kept: a batch's texts (inserts of a few row counts, Fluent's model writes).
    static let statementLimit = 64

    init(path: String, synchronous: SQLiteSynchronous) {
        self.path = path
        self.synchronous = synchronous
        commits.start()
    }

    /// Runs `body` in one write transaction, committed when it returns and rolled back when it
    /// throws. Busy (another process writing) is waited out as `Database.writeTransaction` does:
    /// tried again with a growing pause, `body` run again if it had begun.
    func transaction<T: Sendable>(context: DatabaseContext, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T
    {
        try await SQLiteWriteGate.shared.run {
            let handle = try opened()
            var attempt = 0
            while true {
                do {
                    try handle.execute("BEGIN IMMEDIATE")
                    do {
                        let value = try await body(SQLiteWriterDatabase(handle: handle, context: context))
                        try await commits.runIfActive { try handle.execute("COMMIT") }
                        return value
                    } catch {
                        if handle.inTransaction { try? handle.execute("ROLLBACK") }
                        throw error
                    }
                } catch  where attempt < 40 && SQLiteBusy.matches(error) {
                    attempt += 1
                    // Another process's write is most often one short transaction: first a short pause.
                    try await Task.sleep(for: .microseconds(Int.random(in: 50...min(250 << min(attempt, 10), 200_000))))
                }
            }
        }
    }

    /// Once the transaction running now (if any) has ended.
    func close() async {
        try? await SQLiteWriteGate.shared.run {
            connection.withLockedValue { connection in
                connection?.close()
                connection = nil
            }
        }
        try? await commits.shutdownGracefully()
    }

    /// Opened at the first write, once the file is migrated and in WAL mode.
    private func opened() throws -> SQLiteHandle {
        try connection.withLockedValue { connection in
            if let connection { return connection }
            let opened = try SQLiteHandle(
                path: path, statementLimit: Self.statementLimit,
                // Foreign keys enforced, as on the driver's connections (SQLiteKit turns them on).
                setup: ["PRAGMA synchronous = \(synchronous.rawValue.uppercased())", "PRAGMA foreign_keys = ON"])
            connection = opened
            return opened
        }
    }
}
