import Foundation

/// Whole-second UTC timestamps (`2026-12-03T19:43:29Z`) exactly as `ISO8601DateFormatter` writes
/// them, without making one per use (making one costs about 100 µs, most of a small webhook
/// batch's preparing). Dates it might write differently go to one: a time within a millisecond of
/// a second's edge (the formatter rounds to milliseconds first) and dates before 1970 or after 9999
/// (the formatter's calendar is Julian before 1582). Not for sharing between threads.
public final class ISO8601Timestamps {
    private var formatter: ISO8601DateFormatter?

    public init() {}

    public func string(from date: Date) -> String {
        if let written = Self.written(date) { return written }
        let formatter = formatter ?? ISO8601DateFormatter()
        self.formatter = formatter
        return formatter.string(from: date)
    }

    /// The timestamp, or nil when `ISO8601DateFormatter` is to write it.
    static func written(_ date: Date) -> String? {
        let interval = date.timeIntervalSince1970
        guard interval >= 0, interval < 253_402_300_800 else { return nil }  // 1970 ..< 10000
        let whole = interval.rounded(.down)
        let fraction = interval - whole
        guard fraction >= 0.001, fraction < 0.999 else { return nil }
        let seconds = Int(whole)
        let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        // Civil date from days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
        let shifted = days + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        func append(_ value: Int, digits: Int) {
            var divisor = 1
            for _ in 1..<digits { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(48 + value / divisor % 10))
                divisor /= 10
            }
        }
        append(year, digits: 4)
        bytes.append(UInt8(ascii: "-"))
        append(month, digits: 2)
        bytes.append(UInt8(ascii: "-"))
        append(day, digits: 2)
        bytes.append(UInt8(ascii: "T"))
        append(secondOfDay / 3600, digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(secondOfDay / 60 % 60, digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(secondOfDay % 60, digits: 2)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
