import Foundation

extension Date {
    /// Whole seconds: the wire format carries no fractions, so stored values round-trip exactly.
    public var truncatedToSeconds: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
