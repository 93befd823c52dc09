import Foundation
import Synchronization

/// The active API keys this process checked in the last `lifetime`, by secret hash, so an
/// authenticated request needs no database read. A key revoked or rolled through this process is
/// dropped at once; one changed by another process (another server, or `ploton keys`) is read
/// again within `lifetime`. Expiry is checked on every use.
final class APIKeyCache: Sendable {
    struct Entry: Sendable {
        var principal: APIPrincipal
        var expiresAt: Date?
        var lastUsedAt: Date?
        var checkedAt = ContinuousClock.now
    }

    static let lifetime: Duration = .seconds(1)
    /// More distinct keys than this in one lifetime start the cache over, bounding its memory.
    private static let capacity = 10_000

    private struct State {
        var entries: [String: Entry] = [:]
        /// Counts `removeAll()`s, so a lookup that began before a key changed stores nothing.
        var generation = 0
    }

    private let state = Mutex(State())

    var generation: Int { state.withLock { $0.generation } }

    func entry(forHash hash: String) -> Entry? {
        state.withLock { state in
            guard let entry = state.entries[hash] else { return nil }
            guard ContinuousClock.now - entry.checkedAt < Self.lifetime else {
                state.entries[hash] = nil
                return nil
            }
            return entry
        }
    }

    /// Keeps what a lookup that began at `generation` read, unless a key changed since.
    func store(_ entry: Entry, forHash hash: String, readAt generation: Int) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= Self.capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[hash] = entry
        }
    }

    func used(hash: String, at date: Date) {
        state.withLock { $0.entries[hash]?.lastUsedAt = date }
    }

    /// A key changed: every key is read again.
    func removeAll() {
        state.withLock { state in
            state.entries.removeAll()
            state.generation += 1
        }
    }
}
