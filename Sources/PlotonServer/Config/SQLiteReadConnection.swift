import NIOCore
import SQLiteKit
import VaporCSQLite

/// One connection to the embedded SQLite file that answers short reads on the calling thread, with
/// its statements prepared once (`SQLiteReadConnections` gives each event loop its own). In WAL
/// mode a read never waits for the writer: it reads the last commit before it began. It never
/// waits for anything else either: with no busy handler, a read that would have to wait (the WAL
/// being recovered after a crash) fails at once with `busy`, and its caller reads the usual way.
///
/// Not thread-safe: used only on the thread that asked for it (`SQLiteReadConnections`).
final class SQLiteReadConnection: @unchecked Sendable {
    struct Failed: Error {
        let code: Int32
        var busy: Bool { code & 0xFF == SQLITE_BUSY || code & 0xFF == SQLITE_LOCKED }
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

    /// Statements kept at most: the key lookups of a few routes, each one text.
    static let statementLimit = 32

    private var handle: OpaquePointer?
    private var statements: [String: Prepared] = [:]

    init(path: String) throws {
        var handle: OpaquePointer?
        let opened = sqlite_nio_sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, nil)
        guard opened == SQLITE_OK, let handle else {
            sqlite_nio_sqlite3_close(handle)
            throw Failed(code: opened)
        }
        // Reads only, whatever a caller passes.
        let queryOnly = sqlite_nio_sqlite3_exec(handle, "PRAGMA query_only = 1", nil, nil, nil)
        guard queryOnly == SQLITE_OK else {
            sqlite_nio_sqlite3_close(handle)
            throw Failed(code: queryOnly)
        }
        self.handle = handle
    }

    deinit { close() }

    /// The first row `sql` returns with `binds` (`?NNN` placeholders, as SQLKit's SQLite dialect
    /// writes them), or nil when it returns none.
    func first(_ sql: String, binds: [SQLiteData]) throws -> SQLiteReadRow? {
        let statement = try prepared(sql)
        let handle = statement.handle
        // Reset at once: a statement left open would hold its snapshot of the WAL. Its bindings
        // are not cleared: every call binds them all, and clearing them would have SQLite prepare
        // the statement again at the next step (it does when a binding may change the plan).
        defer { sqlite_nio_sqlite3_reset(handle) }
        for (index, bind) in binds.enumerated() { try check(Self.bind(bind, at: Int32(index + 1), in: handle)) }
        let stepped = sqlite_nio_sqlite3_step(handle)
        guard stepped == SQLITE_ROW else {
            if stepped == SQLITE_DONE { return nil }
            throw Failed(code: stepped)
        }
        let values = try (0..<Int32(statement.columns.names.count)).map { try Self.value(at: $0, in: handle) }
        return SQLiteReadRow(columns: statement.columns, values: values)
    }

    func close() {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement.handle) }
        statements = [:]
        if let handle { sqlite_nio_sqlite3_close(handle) }
        handle = nil
    }

    private func prepared(_ sql: String) throws -> Prepared {
        if let statement = statements[sql] { return statement }
        guard let handle else { throw Failed(code: SQLITE_MISUSE) }
        if statements.count >= Self.statementLimit {
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

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw Failed(code: code) }
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
