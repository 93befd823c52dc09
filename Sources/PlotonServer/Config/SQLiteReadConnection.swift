import SQLiteKit

/// One connection to the embedded SQLite file that answers short reads on the calling thread, with
/// its statements prepared once (`SQLiteReadConnections` gives each event loop its own). In WAL
/// mode a read never waits for the writer: it reads the last commit before it began. It never
/// waits for anything else either: with no busy handler, a read that would have to wait (the WAL
/// being recovered after a crash) fails at once with `busy`, and its caller reads the usual way.
///
/// Not thread-safe: used only on the thread that asked for it (`SQLiteReadConnections`).
final class SQLiteReadConnection: @unchecked Sendable {
    typealias Failed = SQLiteHandle.Failed

    /// Statements kept at most: the key lookups of a few routes, each one text.
    static let statementLimit = 32

    private let handle: SQLiteHandle

    init(path: String) throws {
        // Reads only, whatever a caller passes.
        handle = try SQLiteHandle(path: path, statementLimit: Self.statementLimit, setup: ["PRAGMA query_only = 1"])
    }

    /// The first row `sql` returns with `binds` (`?NNN` placeholders, as SQLKit's SQLite dialect
    /// writes them), or nil when it returns none.
    func first(_ sql: String, binds: [SQLiteData]) throws -> SQLiteReadRow? {
        try handle.first(sql, binds: binds)
    }

    func close() { handle.close() }
}
