import NIOCore
import Synchronization
import Vapor

/// The open client connections of one server, by peer address (unique among open TCP
/// connections), so a request can learn when its client went away: it closed the connection, or
/// the idle timer (`PLOTON_HTTP_IDLE_TIMEOUT_SECONDS`, the request deadline) closed it.
final class ClientConnections: Sendable {
    private let open = Mutex<[SocketAddress: ClientConnectionWatch]>([:])

    /// Watches `channel` until it closes (called for each accepted connection).
    func watch(_ channel: any Channel) {
        guard let address = channel.remoteAddress else { return }
        let watch = ClientConnectionWatch()
        open.withLock { $0[address] = watch }
        channel.closeFuture.whenComplete { [self] _ in
            open.withLock { open in
                if open[address] === watch { open[address] = nil }
            }
            watch.closed()
        }
    }

    /// The watch of the connection `request` came on; nil when it is not watched (in-memory tests).
    func watch(of request: Request) -> ClientConnectionWatch? {
        guard let address = request.remoteAddress else { return nil }
        return open.withLock { $0[address] }
    }
}

/// One client connection: whether it has closed, and what to do when it does.
final class ClientConnectionWatch: Sendable {
    private struct State {
        var isClosed = false
        var nextID = 0
        var onClose: [Int: @Sendable () -> Void] = [:]
    }

    private let state = Mutex(State())

    var isClosed: Bool { state.withLock { $0.isClosed } }

    /// Runs `action` once the connection closes; nil (and `action` is not run) when it already has.
    func onClose(_ action: @escaping @Sendable () -> Void) -> Int? {
        state.withLock { state in
            guard !state.isClosed else { return nil }
            state.nextID += 1
            state.onClose[state.nextID] = action
            return state.nextID
        }
    }

    func remove(_ id: Int) {
        _ = state.withLock { $0.onClose.removeValue(forKey: id) }
    }

    func closed() {
        let actions = state.withLock { state in
            state.isClosed = true
            defer { state.onClose = [:] }
            return Array(state.onClose.values)
        }
        actions.forEach { $0() }
    }
}

extension Application {
    private struct ClientConnectionsKey: StorageKey { typealias Value = ClientConnections }

    /// The server's open client connections; set once in `configure`.
    var clientConnections: ClientConnections {
        get {
            guard let connections = storage[ClientConnectionsKey.self] else { fatalError("configure(_:config:) has not run") }
            return connections
        }
        set { storage[ClientConnectionsKey.self] = newValue }
    }
}
