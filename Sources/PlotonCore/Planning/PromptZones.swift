import Foundation

/// Time zones written after a clock time ("9am PT", "3pm Eastern", "14:00 CET"): the zone's offset
/// from UTC at that moment, daylight saving included. Without a zone, times are UTC.
extension PromptText {
    static let zones: [String: String] = [
        "pt": "America/Los_Angeles", "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles", "pacific": "America/Los_Angeles",
        "et": "America/New_York", "est": "America/New_York", "edt": "America/New_York", "eastern": "America/New_York",
        "ct": "America/Chicago", "cst": "America/Chicago", "cdt": "America/Chicago", "central": "America/Chicago",
        "mt": "America/Denver", "mst": "America/Denver", "mdt": "America/Denver", "mountain": "America/Denver", "utc": "UTC",
        "gmt": "GMT", "bst": "Europe/London", "cet": "Europe/Berlin", "cest": "Europe/Berlin", "ist": "Asia/Kolkata",
        "jst": "Asia/Tokyo", "aest": "Australia/Sydney", "london": "Europe/London", "paris": "Europe/Paris", "berlin": "Europe/Berlin",
        "tokyo": "Asia/Tokyo", "sydney": "Australia/Sydney", "uk": "Europe/London", "eet": "Europe/Athens",
        "aedt": "Australia/Sydney", "nzst": "Pacific/Auckland", "nzdt": "Pacific/Auckland", "sgt": "Asia/Singapore",
        "hkt": "Asia/Hong_Kong",
    ]
    /// Region words that name a zone by themselves after a clock time ("9am Pacific"); a city needs "time".
    static let regionZones: Set<String> = ["pacific", "eastern", "central", "mountain"]

    /// Seconds east of UTC of the zone named right after a clock time ("9am PT", "9am pacific time",
    /// "9am London time"), at `date`; nil when none is named.
    public static func zoneOffset(in prompt: String, at date: Date) -> TimeInterval? {
        let tokens = prompt.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        for (index, token) in tokens.enumerated() where index > 0 {
            let lower = token.lowercased()
            // "2-4pm UK time": the range's end says it is a clock time.
            let clock = tokens[index - 1].split(separator: "-").last.map(String.init) ?? ""
            guard let identifier = zones[lower], timeOfDay(in: tokens[index - 1]) != nil || timeOfDay(in: clock) != nil else { continue }
            // A city names a zone only as "London time"; "9am Pacific" is the region's.
            let next = index + 1 < tokens.count ? tokens[index + 1].lowercased() : ""
            guard lower.count <= 4 || regionZones.contains(lower) || next == "time" else { continue }
            return TimeZone(identifier: identifier).map { TimeInterval($0.secondsFromGMT(for: date)) }
        }
        return nil
    }
}
