import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

@Suite struct RateLimitTests {
    @Test func each_key_gets_its_own_bucket_with_headers_and_retry_after() async throws {
        try await withPloton({ $0.rateLimits = [.live: RateLimitPolicy(limit: 2), .test: RateLimitPolicy(limit: 1)] }) { t in
            let first = try await t.send(.GET, "v1/api_keys", key: t.liveKey)
            #expect(first.status == .ok)
            #expect(first.headers.first(name: "RateLimit-Policy") == #""per-key";q=2;w=1"#)
            #expect(first.headers.first(name: "RateLimit") == #""per-key";r=1;t=1"#)
            #expect(try await t.send(.GET, "v1/api_keys", key: t.liveKey).status == .ok)

            let refused = try await t.send(.GET, "v1/api_keys", key: t.liveKey)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.errorCode == "rate_limit_exceeded")
            #expect(refused.headers.first(name: .retryAfter) == "1")
            #expect(refused.headers.first(name: "RateLimit") == #""per-key";r=0;t=1"#)

            // Another key has its own bucket, with its environment's policy.
            let test = try await t.send(.GET, "v1/api_keys", key: t.testKey)
            #expect(test.status == .forbidden)
            #expect(test.headers.first(name: "RateLimit-Policy") == #""per-key";q=1;w=1"#)

            t.clock.advance(by: 1)
            #expect(try await t.send(.GET, "v1/api_keys", key: t.liveKey).status == .ok)
        }
    }

    @Test func unauthenticated_requests_are_not_counted_against_a_key() async throws {
        try await withPloton({ $0.rateLimits = [.live: RateLimitPolicy(limit: 1)] }) { t in
            for _ in 0..<3 { _ = try await t.send(.GET, "v1/api_keys") }
            #expect(try await t.send(.GET, "v1/api_keys", key: t.liveKey).status == .ok)
        }
    }
}
