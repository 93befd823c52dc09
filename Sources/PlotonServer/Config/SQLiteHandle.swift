import NIOCore
import SQLiteKit
import VaporCSQLite

/// A raw connection to the embedded SQLite file whose statements are prepared once and kept, run
/// on the calling thread: what `SQLiteReadConnection` and `SQLiteWriter` run their statements on.
/// The driver would take two thread hops and a fresh prepare per statement.
///
/// Not thread-safe: its owner makes sure that one thread at a time uses it.
final class SQLiteHandle: @unchecked Sendable {
    struct Failed: Error, CustomStringConvertible {
        let code: Int32
        var message = ""
        var busy: Bool { code & 0xFF == SQLITE_BUSY || code & 0xFF == SQLITE_LOCKED }
        var description: String { "SQLite error \(code): \(message)" }
    }

    /// A prepared statement and its result columns, kept for the life of the connection.
    private final class Prepared {
        let handle: OpaquePointer
        let columns: SQLiteReadRow.Columns

        init(handle: OpaquePointer) {
            self.handle = handle
            let names = (0..<sqlite_nio_sqlite3_column_count(handle)).map {
                sqlite_nio_sqlite3_column_name(handle, $0).map { String(cString: $0) } ?? ""
            }
            columns = SQLiteReadRow.Columns(names: names)
        }
    }

    private var handle: OpaquePointer?
    private var statements: [String: Prepared] = [:]
    /// Statements kept at most; past it, all are finalized and prepared again as they come.
    private let statementLimit: Int

    /// Opens `path` (no busy handler: a statement that would wait fails with `busy` at once) and
    /// runs `setup`, statements such as pragmas, once.
    init(path: String, statementLimit: Int, setup: [String]) throws {
        var handle: OpaquePointer?
        let opened = sqlite_nio_sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, nil)
        guard opened == SQLITE_OK, let handle else {
            sqlite_nio_sqlite3_close(handle)
            throw Failed(code: opened)
        }
        self.handle = handle
        self.statementLimit = statementLimit
        do {
            for statement in setup { try execute(statement) }
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// Runs `sql` (one statement, or several without results: `BEGIN`, a pragma) without keeping it.
    func execute(_ sql: String) throws {
        guard let handle else { throw Failed(code: SQLITE_MISUSE) }
        try check(sqlite_nio_sqlite3_exec(handle, sql, nil, nil, nil))
    }

    /// Runs `sql` with `binds` (`?NNN` placeholders, as SQLKit's SQLite dialect writes them),
    /// giving each row it returns to `row`.
    func rows(_ sql: String, binds: [SQLiteData], _ row: (SQLiteReadRow) throws -> Void) throws {
        let statement = try prepared(sql)
        let handle = statement.handle
        // Reset at once: a statement left open would hold its snapshot of the WAL. Its bindings
        // are not cleared: every call binds them all, and clearing them would have SQLite prepare
        // the statement again at the next step (it does when a binding may change the plan).
        defer { sqlite_nio_sqlite3_reset(handle) }
        try bind(binds, to: handle)
        while true {
            let stepped = sqlite_nio_sqlite3_step(handle)
            if stepped == SQLITE_DONE { return }
            guard stepped == SQLITE_ROW else { throw failure(stepped) }
            let values = try (0..<Int32(statement.columns.names.count)).map { try Self.value(at: $0, in: handle) }
            try row(SQLiteReadRow(columns: statement.columns, values: values))
        }
    }

    /// The first row `sql` returns with `binds`, or nil when it returns none.
    func first(_ sql: String, binds: [SQLiteData]) throws -> SQLiteReadRow? {
        let statement = try prepared(sql)
        let handle = statement.handle
        defer { sqlite_nio_sqlite3_reset(handle) }
        try bind(binds, to: handle)
        let stepped = sqlite_nio_sqlite3_step(handle)
        guard stepped == SQLITE_ROW else {
            if stepped == SQLITE_DONE { return nil }
            throw failure(stepped)
        }
        let values = try (0..<Int32(statement.columns.names.count)).map { try Self.value(at: $0, in: handle) }
        return SQLiteReadRow(columns: statement.columns, values: values)
    }

    /// Whether the connection is inside a transaction it began.
    var inTransaction: Bool { handle.map { sqlite_nio_sqlite3_get_autocommit($0) == 0 } ?? false }

    func close() {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement.handle) }
        statements = [:]
        if let handle { sqlite_nio_sqlite3_close(handle) }
        handle = nil
    }

    private func prepared(_ sql: String) throws -> Prepared {
        if let statement = statements[sql] { return statement }
        guard let handle else { throw Failed(code: SQLITE_MISUSE) }
        if statements.count >= statementLimit {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement.handle) }
            statements = [:]
        }
        var statement: OpaquePointer?
        try check(sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil))
        guard let statement else { throw Failed(code: SQLITE_MISUSE) }
        let prepared = Prepared(handle: statement)
        statements[sql] = prepared
        return prepared
    }

    private func bind(_ binds: [SQLiteData], to statement: OpaquePointer) throws {
        for (index, bind) in binds.enumerated() { try check(Self.bind(bind, at: Int32(index + 1), in: statement)) }
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw failure(code) }
    }

    /// The error of `code` with SQLite's message (names of tables and constraints, never values).
    private func failure(_ code: Int32) -> Failed {
        Failed(code: code, message: handle.flatMap { sqlite_nio_sqlite3_errmsg($0).map { String(cString: $0) } } ?? "")
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func bind(_ value: SQLiteData, at index: Int32, in statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let value): sqlite_nio_sqlite3_bind_int64(statement, index, Int64(value))
        case .float(let value): sqlite_nio_sqlite3_bind_double(statement, index, value)
        case .text(let value):
            sqlite_nio_sqlite3_bind_text64(statement, index, value, UInt64(value.utf8.count), transient, UInt8(SQLITE_UTF8))
        case .blob(let value):
            value.withUnsafeReadableBytes { sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), transient) }
        case .null: sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }

    /// A column's value as SQLiteNIO reads it (text up to its first NUL, as it does), so a row
    /// decodes here exactly as through the driver.
    private static func value(at index: Int32, in statement: OpaquePointer) throws -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, index)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, index) else { throw Failed(code: SQLITE_NOMEM) }
            return .text(String(cString: text))
        case SQLITE_BLOB:
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            var buffer = ByteBufferAllocator().buffer(capacity: length)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, index) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: length))
            }
            return .blob(buffer)
        default: return .null
        }
    }
}
