import NIOConcurrencyHelpers
import Vapor

/// The embedded SQLite file's read connections, one per event loop, opened when the loop first
/// asks (`SQLiteReadConnection`). They answer the statement every authenticated request makes,
/// the key's lookup with its route's joined read, on the request's event loop: the driver's one
/// connection per loop would take two thread hops and a fresh prepare per read, and wait behind
/// that loop's write transaction.
final class SQLiteReadConnections: Sendable {
    let path: String
    private let connections = NIOLockedValueBox<[ObjectIdentifier: SQLiteReadConnection]>([:])

    init(path: String) { self.path = path }

    /// The connection of `loop` when called on it; nil elsewhere, or when it does not open.
    func connection(on loop: any EventLoop) -> SQLiteReadConnection? {
        guard loop.inEventLoop else { return nil }
        let key = ObjectIdentifier(loop)
        if let connection = connections.withLockedValue({ $0[key] }) { return connection }
        guard let opened = try? SQLiteReadConnection(path: path) else { return nil }
        connections.withLockedValue { $0[key] = opened }
        return opened
    }

    /// Connections open now (one per event loop that has read).
    var opened: Int { connections.withLockedValue { $0.count } }

    func close() {
        connections.withLockedValue { connections in
            for connection in connections.values { connection.close() }
            connections = [:]
        }
    }
}

extension Application {
    private struct SQLiteReadsKey: StorageKey { typealias Value = SQLiteReadConnections }

    /// Set for an embedded SQLite file (not in memory, where each connection is its own database).
    var sqliteReads: SQLiteReadConnections? {
        get { storage[SQLiteReadsKey.self] }
        set { storage.set(SQLiteReadsKey.self, to: newValue, onShutdown: { $0.close() }) }
    }
}
