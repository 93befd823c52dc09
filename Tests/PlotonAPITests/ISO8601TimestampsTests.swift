import Foundation
import PlotonAPI
import Testing

/// Webhook bodies carry `ISO8601Timestamps`' text and are signed as bytes: it must be what
/// `ISO8601DateFormatter` writes, at a second's edges (the formatter rounds to milliseconds
/// first) and across the calendar (it is Julian before 1582).
@Suite struct ISO8601TimestampsTests {
    @Test func it_writes_what_the_formatter_writes() {
        let formatter = ISO8601DateFormatter()
        let timestamps = ISO8601Timestamps()
        var generator = SystemRandomNumberGenerator()
        var intervals: [TimeInterval] = [
            0, -1, -0.5, 0.0005, 0.001, 0.998_999, 0.999, 0.9995, 0.999_999_9, 951_782_400.5, 1_764_790_400.998_9, 1_764_790_400.001,
            4_107_542_399.5, 253_402_300_799.5, -12_212_553_600.5, -62_135_596_800, 1e12, -1e12,
        ]
        for _ in 0..<20_000 {
            intervals.append(Double.random(in: -62_135_596_800..<253_402_300_800, using: &generator))
            intervals.append(Double.random(in: 1_600_000_000..<2_100_000_000, using: &generator))
            let second = Double(Int.random(in: 0..<253_402_300_799, using: &generator))
            intervals.append(second + Double.random(in: 0.998..<1, using: &generator))
            intervals.append(second + Double.random(in: 0..<0.002, using: &generator))
        }
        for interval in intervals {
            let date = Date(timeIntervalSince1970: interval)
            #expect(timestamps.string(from: date) == formatter.string(from: date), "\(interval)")
        }
    }
}
