import FluentSQLiteDriver
import VaporCSQLite

/// Whether an error is SQLite's "busy": another connection holds the write lock past the busy
/// timeout, or committed between a transaction's read and its write (`SQLITE_BUSY_SNAPSHOT`,
/// which no busy handler waits out). Read from the driver's result code, never from a message.
enum SQLiteBusy {
    static func matches(_ error: any Error) -> Bool {
        // The writer's own connection (`SQLiteHandle`): the primary result code, extended ones included.
        if let error = error as? SQLiteHandle.Failed { return error.code & 0xFF == SQLITE_BUSY }
        guard let error = error as? SQLiteError else { return false }
        return [.busy, .busyInSnapshot, .busyInRecovery, .busyTimeout].contains(error.reason)
    }
}
