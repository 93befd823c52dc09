import Fluent
import Synchronization

/// Writes of one run that may wait for its next commit: finished read-only steps of a built-in
/// sandbox and their `task.progress` events. Lost in a crash, such a step just runs again (it has
/// no effect to repeat), so the steps of a sandbox read and the task's completion commit together
/// instead of one by one. Every fenced write of the run, and every status change it makes, writes
/// them first, in its own transaction, and calls `committed()` once that transaction committed.
final class DeferredWrites: Sendable {
    typealias Write = @Sendable (any Database) async throws -> Void

    private struct State {
        var writes: [Write] = []
        var flushed = 0
    }

    private let state = Mutex(State())

    func add(_ write: @escaping Write) {
        state.withLock { $0.writes.append(write) }
    }

    /// Runs the waiting writes in order inside the caller's transaction. They stay waiting until
    /// `committed()`, so a transaction that is rolled back and tried again writes them again.
    func flush(on database: any Database) async throws {
        let writes = state.withLock { state in
            state.flushed = state.writes.count
            return state.writes
        }
        for write in writes { try await write(database) }
    }

    /// The transaction that flushed the writes committed.
    func committed() {
        state.withLock { state in
            state.writes.removeFirst(state.flushed)
            state.flushed = 0
        }
    }
}
