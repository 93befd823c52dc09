import Foundation
import Synchronization

public struct RateLimitPolicy: Sendable, Equatable {
    /// Requests allowed per window; also the burst size.
    public var limit: Int
    public var windowSeconds: Int

    public init(limit: Int, windowSeconds: Int = 1) {
        self.limit = limit
        self.windowSeconds = windowSeconds
    }
}

public struct RateLimitDecision: Sendable, Equatable {
    public var allowed: Bool
    public var limit: Int
    public var remaining: Int
    /// Seconds until the bucket is full again (the `t` of the `RateLimit` header).
    public var resetSeconds: Int
    /// Seconds to wait before the next request can succeed; set only when refused.
    public var retryAfterSeconds: Int?
}

/// Decides whether a key's request is within its limit, and what the RateLimit headers say.
public protocol RateLimiting: Sendable {
    func consume(key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision
    /// The decision when this process can make it without waiting on a shared store (nil: use
    /// `consume`), so a request answered from memory needs no hop into Swift concurrency.
    func consumeWithoutWaiting(key: String, policy: RateLimitPolicy) -> RateLimitDecision?
}

/// A token bucket per client key, held in this process's memory: the limiter of the embedded
/// database, where one process serves everything. Several processes share `SharedRateLimiter`.
///
/// Buckets refill continuously at `limit / window` tokens per second up to `limit`, so a client may
/// burst up to its limit and then sustain its rate.
public final class RateLimiter: RateLimiting {
    private struct Bucket {
        var tokens: Double
        var updatedAt: TimeInterval
    }

    private let buckets = Mutex<[String: Bucket]>([:])
    private let now: @Sendable () -> TimeInterval
    private let maxTrackedKeys: Int

    public init(maxTrackedKeys: Int = 100_000, now: @escaping @Sendable () -> TimeInterval = { Date().timeIntervalSince1970 }) {
        self.now = now
        self.maxTrackedKeys = maxTrackedKeys
    }

    public func consume(key: String, policy: RateLimitPolicy) -> RateLimitDecision {
        let capacity = Double(max(policy.limit, 1))
        let ratePerSecond = capacity / Double(max(policy.windowSeconds, 1))
        let now = self.now()
        return buckets.withLock { buckets in
            if buckets.count >= maxTrackedKeys, buckets[key] == nil {
                Self.forgetFullBuckets(&buckets, now: now, capacity: capacity, rate: ratePerSecond)
            }
            var bucket = buckets[key] ?? Bucket(tokens: capacity, updatedAt: now)
            bucket.tokens = min(capacity, bucket.tokens + max(0, now - bucket.updatedAt) * ratePerSecond)
            bucket.updatedAt = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            buckets[key] = bucket
            // A limit near Int.max has a capacity Int cannot hold once it is a Double: clamp, never convert.
            let reset = ((capacity - bucket.tokens) / ratePerSecond).rounded(.up).clampedInt(in: 0...Int.max) ?? 0
            let retryAfter = allowed ? nil : ((1 - bucket.tokens) / ratePerSecond).rounded(.up).clampedInt(in: 1...Int.max) ?? 1
            return RateLimitDecision(
                allowed: allowed, limit: policy.limit, remaining: bucket.tokens.clampedInt(in: 0...Int.max) ?? 0,
                resetSeconds: reset, retryAfterSeconds: retryAfter)
        }
    }

    public func consumeWithoutWaiting(key: String, policy: RateLimitPolicy) -> RateLimitDecision? {
        consume(key: key, policy: policy)
    }

    /// Idle buckets that have refilled completely carry no information; drop them to bound memory.
    private static func forgetFullBuckets(_ buckets: inout [String: Bucket], now: TimeInterval, capacity: Double, rate: Double) {
        buckets = buckets.filter { _, bucket in bucket.tokens + (now - bucket.updatedAt) * rate < capacity }
    }
}
