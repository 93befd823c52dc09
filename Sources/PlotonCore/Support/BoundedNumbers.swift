import Foundation

// Numbers from outside (prompts, bodies, tool answers, headers) reach conversions that trap on
// values out of range: `Int(1e300)`, `Duration.seconds(.nan)`, and PostgresNIO writing a Date
// as Int64 microseconds. These helpers bound them first; see docs/api.md, "How numbers are bounded".

extension Double {
    /// A finite number from text; nil for `nan`, `inf` and values too large for a Double (`1e400`).
    /// (A static function, not an `init`, so `flatMap(Double.init)` elsewhere stays unambiguous.)
    public static func finite(_ text: some StringProtocol) -> Double? {
        guard let value = Double(String(text)), value.isFinite else { return nil }
        return value
    }

    /// Rounded toward zero and clamped into `range`; nil for NaN, which has no nearest integer.
    public func clampedInt(in range: ClosedRange<Int> = Int.min...Int.max) -> Int? {
        guard !isNaN else { return nil }
        let whole = rounded(.towardZero)
        // Double(Int.max) rounds up to 2^63, which Int cannot hold: compare as Doubles, convert inside.
        if whole >= Double(range.upperBound) { return range.upperBound }
        if whole <= Double(range.lowerBound) { return range.lowerBound }
        return Int(whole)
    }

    /// Whole numbers without a fraction (`42`, not `42.0`); anything else as Swift prints it (`1e+300`).
    /// Past 10^15 a Double no longer holds every integer, so those keep the exponent form.
    public var plainText: String {
        if abs(self) < 1e15, let integer = Int(exactly: self) { return String(integer) }
        return String(self)
    }
}

extension TimeInterval {
    /// A wait or lifetime someone else chose (`Retry-After`, `expires_in`), made safe to sleep on,
    /// schedule and store: nil when absent, NaN or negative, and at most `limit` seconds.
    public static func boundedDelay(_ seconds: Double?, atMost limit: TimeInterval) -> TimeInterval? {
        guard let seconds, !seconds.isNaN, seconds >= 0 else { return nil }
        return Swift.min(seconds, limit)
    }
}

extension Date {
    /// Unix seconds from 0001-01-01 to 9999-12-31T23:59:59Z: the dates ISO 8601, SQLite and
    /// PostgreSQL all store. A timestamp from outside is refused beyond them.
    public static let storableSeconds: ClosedRange<TimeInterval> = -62_135_596_800...253_402_300_799
}
