import Foundation
import PlotonCore
import Synchronization

/// The API keys this process verified lately, so that an authenticated request usually costs no
/// key read: an entry answers without reading its row again for `recheckAfter`, and the key's
/// `expires_at` still applies on every request. A key revoked or rolled in this process
/// (`keysChanged()`) is read again on its next request, so it stops at once here; one revoked by
/// another process (another API replica, `ploton keys revoke`) stops here within `recheckAfter`.
/// Entries are keyed by the SHA-256 digest the database stores, never by the secret, and only
/// active keys are kept: an unknown, revoked or expired key is read from the database each time.
final class VerifiedKeyCache: Sendable {
    /// A verified key: who it acts for, and until when (a rolled key's overlap).
    struct VerifiedKey: Sendable {
        var principal: APIPrincipal
        var expiresAt: Date?

        func isActive(at now: Date) -> Bool { expiresAt.map { now < $0 } ?? true }
    }

    /// How long a verified key is used without its row being read again: the bound on how late
    /// another process's revocation takes effect here.
    static let recheckAfter: Duration = .seconds(1)

    private struct Entry {
        var key: VerifiedKey
        var checkedAt: ContinuousClock.Instant
        var generation: Int
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// Bumped by every revoke or roll in this process: entries read before it are not used.
    private let generation = Atomic<Int>(0)
    private let maxEntries: Int
    private let bound: Duration

    /// `recheckAfter` other than the default only in tests, which must not depend on the machine's speed.
    init(maxEntries: Int = 10_000, recheckAfter: Duration = VerifiedKeyCache.recheckAfter) {
        self.maxEntries = maxEntries
        self.bound = recheckAfter
    }

    /// A key was revoked or rolled in this process: every key is read again on its next request.
    func keysChanged() {
        generation.add(1, ordering: .sequentiallyConsistent)
    }

    /// The active key whose secret has this digest, from this cache when checked lately, or else
    /// from `verify` (which throws for a key that is not active); `KeyError.invalidKey` once a
    /// cached key's `expires_at` has passed. The generation is taken before `verify` reads, so a
    /// read that raced a revoke in this process is never used after it.
    func verified(digest: String, now: Date, verify: () async throws -> VerifiedKey) async throws -> VerifiedKey {
        let generation = generation.load(ordering: .sequentiallyConsistent)
        let checkedAt = ContinuousClock.now
        let cached = entries.withLock { entries -> VerifiedKey? in
            guard let entry = entries[digest], entry.generation == generation, checkedAt - entry.checkedAt < bound else {
                return nil
            }
            return entry.key
        }
        if let cached {
            guard cached.isActive(at: now) else { throw KeyError.invalidKey }
            return cached
        }
        let key = try await verify()
        entries.withLock { entries in
            if entries.count >= maxEntries, entries[digest] == nil {
                entries = entries.filter { _, entry in ContinuousClock.now - entry.checkedAt < bound }
                if entries.count >= maxEntries { entries.removeAll() }
            }
            entries[digest] = Entry(key: key, checkedAt: checkedAt, generation: generation)
        }
        return key
    }
}
