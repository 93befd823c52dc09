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

/// The process's copy of the open windows: its own windows at once, another process's within its
/// age bound.
@Suite struct OpenPacingWindowsTests {
    @Test func a_process_sees_its_own_window_at_once_and_another_processs_when_its_copy_is_read_again() async throws {
        try await withPloton { t async throws in
            let read = PacingWindows.Key(accountID: t.accountID, environment: "test", tool: "vault", capability: "read")
            let now = t.clock.now
            let elsewhere = PacingWindows(database: t.db)  // another process: no copy of this one's
            let lasting = PacingWindows(database: t.db, known: OpenPacingWindows(maxAge: .seconds(3_600)))
            let rereading = PacingWindows(database: t.db, known: OpenPacingWindows(maxAge: .zero))

            #expect(try await lasting.remaining(read, now: now) == nil, "none open: the copy is read once")
            try await elsewhere.record(read, until: now.addingTimeInterval(2))
            #expect(try await lasting.remaining(read, now: now) == nil, "within its age a copy misses another process's window")
            #expect(abs((try await rereading.remaining(read, now: now) ?? 0) - 2) < 0.001, "a copy read again sees it")

            var log = read
            log.capability = "log"
            try await lasting.record(log, until: now.addingTimeInterval(3))
            #expect(abs((try await lasting.remaining(log, now: now) ?? 0) - 3) < 0.001, "its own window is in the copy at once")
            #expect(try await lasting.remaining(log, now: now.addingTimeInterval(3.5)) == nil, "closed")
        }
    }
}
