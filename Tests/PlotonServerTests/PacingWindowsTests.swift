import Foundation
import PlotonTestSupport
import Testing

@testable import PlotonServer

/// Rate-limit windows are remembered per account, environment, tool and capability, one row each.
@Suite struct PacingWindowsTests {
    @Test func a_window_paces_its_capability_until_it_closes_and_the_latest_replaces_it() async throws {
        try await withPloton { t async throws in
            let windows = PacingWindows(database: t.db)
            let read = PacingWindows.Key(accountID: t.accountID, environment: "test", tool: "vault", capability: "read")
            var live = read
            live.environment = "live"
            var other = read
            other.capability = "log"
            let now = t.clock.now

            #expect(try await windows.remaining(read, now: now) == nil)
            try await windows.record(read, until: now.addingTimeInterval(2))
            let left = try #require(try await windows.remaining(read, now: now))
            #expect(abs(left - 2) < 0.001)
            #expect(try await windows.remaining(live, now: now) == nil)
            #expect(try await windows.remaining(other, now: now) == nil)
            #expect(try await windows.remaining(read, now: now.addingTimeInterval(2.5)) == nil, "closed")

            try await windows.record(read, until: now.addingTimeInterval(5))
            #expect(abs((try await windows.remaining(read, now: now.addingTimeInterval(2.5)) ?? 0) - 2.5) < 0.001)
        }
    }
}
