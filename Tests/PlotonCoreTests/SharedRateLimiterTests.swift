import Foundation
import PlotonCore
import Synchronization
import Testing

/// Several processes (limiters) leasing from one shared bucket hold a key to one limit.
@Suite struct SharedRateLimiterTests {
    /// The shared bucket as the database keeps it, with a counter of round trips.
    final class MemoryBuckets: TokenBucketStore {
        private let state = Mutex<(tokens: [String: Double], at: [String: TimeInterval], trips: Int)>(([:], [:], 0))
        var trips: Int { state.withLock { $0.trips } }

        func take(key: String, capacity: Double, ratePerSecond: Double, want: Int, now: TimeInterval) async throws
            -> (taken: Int, left: Double)
        {
            return state.withLock { state in
                state.trips += 1
                let elapsed = now - (state.at[key] ?? now)
                let tokens = min(capacity, (state.tokens[key] ?? capacity) + elapsed * ratePerSecond)
                let taken = min(want, Int(tokens.rounded(.down)))
                state.tokens[key] = tokens - Double(taken)
                state.at[key] = now
                return (taken, tokens - Double(taken))
            }
        }
    }

    @Test(arguments: [1, 2, 4])
    func a_key_hammered_across_processes_gets_its_limit_within_ten_percent(processes: Int) async throws {
        let time = RateLimiterTests.ManualTime()
        let buckets = MemoryBuckets()
        let limiters = (0..<processes).map { _ in SharedRateLimiter(store: buckets, now: { time.now }) }
        let policy = RateLimitPolicy(limit: 100)
        var allowed = 0
        // 10 s at 1,000 requests/s spread over the processes: ten times the limit.
        for request in 0..<10_000 {
            if try await limiters[request % processes].consume(key: "k", policy: policy).allowed { allowed += 1 }
            time.advance(0.001)
        }
        let expected = 100.0 + 10 * 100  // the initial burst, then the rate
        #expect(Double(allowed) <= expected + 1)
        #expect(Double(allowed) >= expected * 0.9, "allowed \(allowed) of \(expected)")
        #expect(buckets.trips < 10_000 / 5, "leases, not a round trip per request: \(buckets.trips)")
    }

    @Test func within_the_limit_one_round_trip_serves_a_batch() async throws {
        let time = RateLimiterTests.ManualTime()
        let buckets = MemoryBuckets()
        let limiter = SharedRateLimiter(store: buckets, now: { time.now })
        let policy = RateLimitPolicy(limit: 100)
        for _ in 0..<50 {
            #expect(try await limiter.consume(key: "k", policy: policy).allowed)
            time.advance(0.02)
        }
        #expect(buckets.trips == 5)
    }

    @Test func refusals_say_when_to_retry_and_keys_are_independent() async throws {
        let time = RateLimiterTests.ManualTime()
        let limiter = SharedRateLimiter(store: MemoryBuckets(), now: { time.now })
        let policy = RateLimitPolicy(limit: 3)
        let decisions = try await (0..<4).asyncMap { _ in try await limiter.consume(key: "a", policy: policy) }
        #expect(decisions.map(\.allowed) == [true, true, true, false])
        #expect(decisions[3].retryAfterSeconds == 1)
        #expect(try await limiter.consume(key: "b", policy: policy).allowed)
        time.advance(1)
        #expect(try await limiter.consume(key: "a", policy: policy).allowed)
    }
}

extension Sequence {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
