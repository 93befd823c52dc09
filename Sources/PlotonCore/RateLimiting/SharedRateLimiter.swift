import Foundation
import Synchronization

/// Takes whole tokens from one bucket per key that every process shares (a database row).
public protocol TokenBucketStore: Sendable {
    /// Refills the key's bucket to at most `capacity` at `ratePerSecond` since it was last touched
    /// (a new bucket starts full; `now` is seconds since 1970, and a clock behind the last writer's
    /// refills nothing), takes up to `want` whole tokens, and returns how many were taken and how
    /// many are left.
    func take(key: String, capacity: Double, ratePerSecond: Double, want: Int, now: TimeInterval) async throws
        -> (taken: Int, left: Double)
}

/// A per-key rate limit that holds across processes: each process leases small batches of tokens
/// from the shared bucket and spends them locally, so a key's limit is the same whether its
/// requests reach one process or many, at one store round trip per batch instead of per request.
///
/// Tokens only come out of the shared bucket, so the processes together never allow more than
/// the bucket gives; a leased token unused after `leaseLifetime` is dropped (a key whose traffic
/// moves to another process loses at most one batch per process). While the bucket is empty a
/// process waits locally until a batch has refilled before asking again, so a key hammering
/// far over its limit costs the store a few round trips a second per process, not one per request.
public final class SharedRateLimiter: RateLimiting {
    private struct Lease {
        var tokens = 0
        var expiresAt: TimeInterval = 0
        /// Until when the shared bucket is known to be too empty to ask again.
        var emptyUntil: TimeInterval = 0
        var left: Double = 0
    }

    public static let leaseLifetime: TimeInterval = 1
    private let store: any TokenBucketStore
    private let now: @Sendable () -> TimeInterval
    private let leases = Mutex<[String: Lease]>([:])
    private let maxTrackedKeys: Int

    public init(
        store: any TokenBucketStore, maxTrackedKeys: Int = 100_000,
        now: @escaping @Sendable () -> TimeInterval = { Date().timeIntervalSince1970 }
    ) {
        self.store = store
        self.now = now
        self.maxTrackedKeys = maxTrackedKeys
    }

    /// A tenth of the limit per lease: at most a tenth of a window is held by any one process.
    public static func batchSize(limit: Int) -> Int { max(1, limit / 10) }

    /// From this process's lease; nil when the shared bucket must be asked.
    public func consumeWithoutWaiting(key: String, policy: RateLimitPolicy) -> RateLimitDecision? {
        let rate = Double(max(policy.limit, 1)) / Double(max(policy.windowSeconds, 1))
        let now = self.now()
        return leases.withLock { leases in
            guard var lease = leases[key] else { return nil }
            if lease.tokens > 0, now < lease.expiresAt {
                lease.tokens -= 1
                leases[key] = lease
                return Self.decision(allowed: true, policy: policy, lease: lease, rate: rate, now: now)
            }
            if now < lease.emptyUntil {
                return Self.decision(allowed: false, policy: policy, lease: lease, rate: rate, now: now)
            }
            return nil
        }
    }

    public func consume(key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision {
        if let decision = consumeWithoutWaiting(key: key, policy: policy) { return decision }
        let capacity = Double(max(policy.limit, 1))
        let rate = capacity / Double(max(policy.windowSeconds, 1))
        let batch = Self.batchSize(limit: policy.limit)
        let started = now()
        let (taken, left) = try await store.take(key: key, capacity: capacity, ratePerSecond: rate, want: batch, now: started)
        let now = self.now()
        return leases.withLock { leases in
            if leases.count >= maxTrackedKeys, leases[key] == nil {
                leases = leases.filter { _, lease in lease.expiresAt > now || lease.emptyUntil > now }
            }
            var lease = leases[key] ?? Lease()
            if lease.expiresAt <= now { lease.tokens = 0 }
            lease.tokens += taken
            lease.expiresAt = now + Self.leaseLifetime
            lease.left = left
            let allowed = lease.tokens > 0
            if allowed {
                lease.tokens -= 1
            } else {
                lease.emptyUntil = now + (Double(batch) - left) / rate
            }
            leases[key] = lease
            return Self.decision(allowed: allowed, policy: policy, lease: lease, rate: rate, now: now)
        }
    }

    private static func decision(allowed: Bool, policy: RateLimitPolicy, lease: Lease, rate: Double, now: TimeInterval)
        -> RateLimitDecision
    {
        let remaining = lease.left + Double(lease.tokens)
        let reset = ((Double(policy.limit) - remaining) / rate).rounded(.up).clampedInt(in: 0...Int.max) ?? 0
        let retryAfter =
            allowed ? nil : (max(lease.emptyUntil - now, (1 - lease.left) / rate)).rounded(.up).clampedInt(in: 1...Int.max) ?? 1
        return RateLimitDecision(
            allowed: allowed, limit: policy.limit, remaining: remaining.clampedInt(in: 0...Int.max) ?? 0, resetSeconds: reset,
            retryAfterSeconds: retryAfter)
    }
}
