import NIOCore
import PlotonAPI
import Synchronization

/// The `GET /v1/tasks/{id}` bodies of final tasks (`complete`, `failed`, `cancelled`) this process
/// served, so reading one again costs no statement. A final task never changes: every status
/// change checks that the move is allowed from the stored status (`TaskTransitions`,
/// `TaskCompletion`), a run's deferred writes are flushed only while its lease holds, and
/// retention deletes a finished task's steps and events, never the task. So an entry is never
/// stale, on any process. Memory is bounded by entries and bytes; the oldest go first.
final class FinishedTaskBodies: Sendable {
    struct Body: Sendable {
        let accountID: String
        let environment: PlotonEnvironment
        let bytes: ByteBuffer
    }

    /// A body larger than this is read from the database each time.
    static let largestBody = 64 * 1024

    private struct State {
        var bodies: [String: Body] = [:]
        /// Ids in the order they were kept, for eviction (`head` is the oldest still counted).
        var order: [String] = []
        var head = 0
        var bytes = 0
    }

    private let maxEntries: Int
    private let maxBytes: Int
    private let state = Mutex(State())

    init(maxEntries: Int = 10_000, maxBytes: Int = 16 * 1024 * 1024) {
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
    }

    func body(of taskID: String) -> Body? {
        state.withLock { $0.bodies[taskID] }
    }

    /// Keeps the body of a task read in `status`; anything but a final status is not kept.
    func keep(_ bytes: ByteBuffer, of taskID: String, status: TaskStatus, accountID: String, environment: PlotonEnvironment) {
        guard status.isFinal, bytes.readableBytes <= Self.largestBody, maxEntries > 0 else { return }
        let body = Body(accountID: accountID, environment: environment, bytes: bytes)
        state.withLock { state in
            guard state.bodies[taskID] == nil else { return }
            while state.bodies.count >= maxEntries || (state.bytes + bytes.readableBytes > maxBytes && !state.bodies.isEmpty) {
                let oldest = state.order[state.head]
                state.head += 1
                if let evicted = state.bodies.removeValue(forKey: oldest) { state.bytes -= evicted.bytes.readableBytes }
            }
            if state.head > maxEntries {
                state.order.removeFirst(state.head)
                state.head = 0
            }
            state.bodies[taskID] = body
            state.order.append(taskID)
            state.bytes += bytes.readableBytes
        }
    }
}
