import Fluent
import SQLKit
import Vapor

/// When an embedded SQLite commit is on disk (`PLOTON_SQLITE_SYNCHRONOUS`). The file is in WAL
/// mode either way, so a crashed or killed process loses nothing it committed.
/// - `normal` (default): a commit is written to the WAL but not flushed; the WAL is flushed at each
///   checkpoint. A power loss or OS crash can lose the last commits before it (never corrupt the
///   file).
/// - `full`: every commit is flushed before it returns; a `201` survives a power loss too.
public enum SQLiteSynchronous: String, Sendable, CaseIterable {
    case normal, full
}

extension Application {
    /// Sets up each connection of an embedded database file (one per event loop, kept open):
    /// the synchronous mode, and a busy timeout, so a connection that finds another one writing
    /// sleeps until it is done instead of spinning.
    func tuneSQLiteConnections(_ synchronous: SQLiteSynchronous) async throws {
        for loop in eventLoopGroup.makeIterator() {
            guard let sql = databases.database(logger: logger, on: loop) as? any SQLDatabase else { continue }
            try await sql.raw("PRAGMA synchronous = \(unsafeRaw: synchronous.rawValue.uppercased())").run()
            try await sql.raw("PRAGMA busy_timeout = 5000").run()
        }
    }
}
