import NIOCore
import PostgresNIO
import Synchronization

extension PostgresConnection {
    /// Whichever comes first: `work`'s outcome, or `DatabaseConnectionLost` once this connection has
    /// been closed for `LossWatch.grace`.
    ///
    /// PostgresNIO 1.33 drops a statement written to a connection whose channel has closed: the
    /// statement never answers (upstream postgres-nio#487, reverted by #501). Work on a connection that
    /// can close under it (a database restart) runs through this, so that it fails instead of waiting
    /// forever; the abandoned work's task stays suspended (a few hundred bytes per lost connection).
    ///
    /// `work` runs in a task of its own, as `makeFutureWithTask` would run it; what the watch adds is a
    /// dictionary entry under a lock. One callback per connection on its `closeFuture` fails the work
    /// pending on it. The watch it replaced (two more tasks per statement, one polling `isClosed`
    /// every 100 ms) was about 4 % of the server's CPU samples at the engine's maximum rate, most of
    /// it the poll's timers.
    func untilLost<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) -> EventLoopFuture<T> {
        let promise = eventLoop.makePromise(of: T.self)
        let token = LossWatch.add({ promise.fail($0) }, on: self)
        Task {
            let outcome: Result<T, any Error>
            do { outcome = .success(try await work()) } catch { outcome = .failure(error) }
            LossWatch.remove(token)  // before the outcome: its caller finds nothing left of it
            promise.completeWith(outcome)
        }
        return promise.futureResult
    }
}

/// The work pending on each watched connection (`PostgresConnection.untilLost`).
enum LossWatch {
    static let grace = TimeAmount.milliseconds(500)

    struct Token {
        fileprivate let connection: ObjectIdentifier
        fileprivate let work: UInt64
    }

    private struct Watched {
        /// Held so that no other connection takes its identity while it is watched.
        let connection: PostgresConnection
        var pending: [UInt64: @Sendable (any Error) -> Void] = [:]
    }

    private struct State {
        var watched: [ObjectIdentifier: Watched] = [:]
        var next: UInt64 = 0
    }

    private static let state = Mutex(State())

    /// The work pending on `connection` now; nil once it is forgotten, `grace` after it closed.
    static func pending(on connection: PostgresConnection) -> Int? {
        state.withLock { $0.watched[ObjectIdentifier(connection)]?.pending.count }
    }

    fileprivate static func add(_ fail: @escaping @Sendable (any Error) -> Void, on connection: PostgresConnection) -> Token {
        let key = ObjectIdentifier(connection)
        let (work, isNew) = state.withLock { state in
            state.next &+= 1
            let isNew = state.watched[key] == nil
            state.watched[key, default: Watched(connection: connection)].pending[state.next] = fail
            return (state.next, isNew)
        }
        // Outside the lock: a future already complete (a connection closed before) calls back at once.
        if isNew {
            connection.closeFuture.whenComplete { _ in
                connection.eventLoop.scheduleTask(in: grace) { failPending(on: key) }
            }
        }
        return Token(connection: key, work: work)
    }

    fileprivate static func remove(_ token: Token) {
        state.withLock { _ = $0.watched[token.connection]?.pending.removeValue(forKey: token.work) }
    }

    private static func failPending(on key: ObjectIdentifier) {
        // Work added after this (on the closed connection) watches it afresh and fails `grace` later.
        guard let watched = state.withLock({ $0.watched.removeValue(forKey: key) }) else { return }
        for fail in watched.pending.values { fail(DatabaseConnectionLost()) }
    }
}
