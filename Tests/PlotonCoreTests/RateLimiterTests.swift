import Foundation
import PlotonCore
import Synchronization
import Testing

@Suite struct RateLimiterTests {
    final class ManualTime: Sendable {
        let value = Mutex<TimeInterval>(1000)
        func advance(_ seconds: TimeInterval) { value.withLock { $0 += seconds } }
        var now: TimeInterval { value.withLock { $0 } }
    }

    @Test func a_full_bucket_allows_a_burst_then_refuses_until_it_refills() {
        let time = ManualTime()
        let limiter = RateLimiter(now: { time.now })
        let policy = RateLimitPolicy(limit: 3)
        let decisions = (0..<4).map { _ in limiter.consume(key: "k", policy: policy) }
        #expect(decisions.map(\.allowed) == [true, true, true, false])
        #expect(decisions.map(\.remaining) == [2, 1, 0, 0])
        #expect(decisions[3].retryAfterSeconds == 1)
        #expect(decisions[0].retryAfterSeconds == nil)

        time.advance(1.0 / 3.0 + 0.001)
        #expect(limiter.consume(key: "k", policy: policy).allowed)
        #expect(!limiter.consume(key: "k", policy: policy).allowed)
        time.advance(1)
        #expect(limiter.consume(key: "k", policy: policy).remaining == 2)
    }

    @Test func keys_are_independent() {
        let limiter = RateLimiter(now: { 0 })
        let policy = RateLimitPolicy(limit: 1)
        #expect(limiter.consume(key: "a", policy: policy).allowed)
        #expect(!limiter.consume(key: "a", policy: policy).allowed)
        #expect(limiter.consume(key: "b", policy: policy).allowed)
    }

    @Test func memory_is_bounded_by_forgetting_full_buckets() {
        let time = ManualTime()
        let limiter = RateLimiter(maxTrackedKeys: 2, now: { time.now })
        let policy = RateLimitPolicy(limit: 1)
        _ = limiter.consume(key: "a", policy: policy)
        _ = limiter.consume(key: "b", policy: policy)
        time.advance(5)
        _ = limiter.consume(key: "c", policy: policy)  // forgets a and b, which have refilled
        #expect(limiter.consume(key: "a", policy: policy).allowed)
    }
}
