import Foundation
import NIOCore
import Synchronization

/// Active API keys by the SHA-256 of their secret (never the secret itself), so most requests
/// skip their key's statement. An entry is trusted for `lifetime` from the moment the read that
/// found it began, and no longer. Revocation stays immediate on every process (SPEC §2): the
/// process that revokes or ends a key forgets it at once, and `APIKeyService` returns only after
/// `lifetime` has passed since its commit, by when every other process's entry, read before that
/// commit, has expired. A lifetime of zero caches nothing.
final class KeyCache: Sendable {
    /// A read of the key's row about to begin: when, and which forgetting it must not outlive.
    struct Read: Sendable {
        fileprivate let started: NIODeadline
        fileprivate let generation: Int
    }

    private struct Entry {
        var principal: APIPrincipal
        var expiresAt: Date?
        var lastUsedAt: Date?
        var trustedUntil: NIODeadline
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Raised by every `forget`: a read begun before it stores nothing.
        var generation = 0
    }

    let lifetime: TimeAmount
    private let capacity: Int
    private let state = Mutex(State())

    init(lifetime: TimeAmount, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The principal of the active key with this hash when a trusted entry holds it, and whether
    /// this request should write the key's `last_used_at` (at most once per `granularity`: the
    /// entry takes `now` as its last use before answering, so one request of many writes it).
    func use(hash: String, now: Date, granularity: TimeInterval) -> (principal: APIPrincipal, writesLastUsed: Bool)? {
        guard lifetime > .zero else { return nil }
        let clock = NIODeadline.now()
        return state.withLock { state in
            guard var entry = state.entries[hash], clock < entry.trustedUntil, entry.expiresAt.map({ now < $0 }) ?? true else {
                return nil
            }
            let due = entry.lastUsedAt.map { now.timeIntervalSince($0) >= granularity } ?? true
            if due {
                entry.lastUsedAt = now
                state.entries[hash] = entry
            }
            return (entry.principal, due)
        }
    }

    /// Whether a trusted entry holds the active key with this hash (its last use left as it is).
    func trusts(hash: String, now: Date) -> Bool {
        guard lifetime > .zero else { return false }
        let clock = NIODeadline.now()
        return state.withLock { state in
            state.entries[hash].map { clock < $0.trustedUntil && $0.expiresAt.map { now < $0 } ?? true } ?? false
        }
    }

    /// Call just before the key's row is read, and give the result to `store`.
    func beginRead() -> Read {
        Read(started: .now(), generation: state.withLock { $0.generation })
    }

    /// Keeps an active key found by a read begun at `read`, unless a key was forgotten since.
    func store(hash: String, principal: APIPrincipal, expiresAt: Date?, lastUsedAt: Date?, read: Read) {
        guard lifetime > .zero else { return }
        let entry = Entry(principal: principal, expiresAt: expiresAt, lastUsedAt: lastUsedAt, trustedUntil: read.started + lifetime)
        state.withLock { state in
            guard state.generation == read.generation else { return }
            if state.entries.count >= capacity, state.entries[hash] == nil {
                let clock = NIODeadline.now()
                state.entries = state.entries.filter { clock < $0.value.trustedUntil }
                if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            }
            state.entries[hash] = entry
        }
    }

    /// This process stops trusting the key at once (revoked, or its expiry moved).
    func forget(keyID: String) {
        state.withLock { state in
            state.generation += 1
            state.entries = state.entries.filter { $0.value.principal.keyID != keyID }
        }
    }

    /// Waits until every entry that any process read before now has expired.
    func outlastOtherProcesses() async throws {
        guard lifetime > .zero else { return }
        try await Task.sleep(nanoseconds: UInt64(lifetime.nanoseconds))
    }
}
