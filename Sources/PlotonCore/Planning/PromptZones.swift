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

    /// Cities people name a meeting's zone by ("11:00 New York time", "3pm in Tokyo"), up to three words.
    static let cityZones: [String: String] = [
        "new york": "America/New_York", "nyc": "America/New_York", "boston": "America/New_York", "miami": "America/New_York",
        "washington": "America/New_York", "atlanta": "America/New_York", "toronto": "America/Toronto",
        "los angeles": "America/Los_Angeles", "la": "America/Los_Angeles", "san francisco": "America/Los_Angeles",
        "sf": "America/Los_Angeles", "seattle": "America/Los_Angeles", "vancouver": "America/Vancouver", "chicago": "America/Chicago",
        "austin": "America/Chicago", "dallas": "America/Chicago", "houston": "America/Chicago", "denver": "America/Denver",
        "mexico city": "America/Mexico_City", "são paulo": "America/Sao_Paulo", "sao paulo": "America/Sao_Paulo",
        "buenos aires": "America/Argentina/Buenos_Aires", "london": "Europe/London", "dublin": "Europe/Dublin",
        "lisbon": "Europe/Lisbon", "madrid": "Europe/Madrid", "barcelona": "Europe/Madrid", "paris": "Europe/Paris",
        "brussels": "Europe/Brussels", "amsterdam": "Europe/Amsterdam", "berlin": "Europe/Berlin", "munich": "Europe/Berlin",
        "zurich": "Europe/Zurich", "vienna": "Europe/Vienna", "rome": "Europe/Rome", "milan": "Europe/Rome", "prague": "Europe/Prague",
        "warsaw": "Europe/Warsaw", "stockholm": "Europe/Stockholm", "oslo": "Europe/Oslo", "copenhagen": "Europe/Copenhagen",
        "helsinki": "Europe/Helsinki", "athens": "Europe/Athens", "istanbul": "Europe/Istanbul", "moscow": "Europe/Moscow",
        "dubai": "Asia/Dubai", "mumbai": "Asia/Kolkata", "delhi": "Asia/Kolkata", "new delhi": "Asia/Kolkata",
        "bangalore": "Asia/Kolkata", "singapore": "Asia/Singapore", "hong kong": "Asia/Hong_Kong", "shanghai": "Asia/Shanghai",
        "beijing": "Asia/Shanghai", "seoul": "Asia/Seoul", "tokyo": "Asia/Tokyo", "sydney": "Australia/Sydney",
        "melbourne": "Australia/Melbourne", "auckland": "Pacific/Auckland", "johannesburg": "Africa/Johannesburg",
        "cairo": "Africa/Cairo", "lagos": "Africa/Lagos", "nairobi": "Africa/Nairobi",
    ]

    /// Seconds east of UTC of the zone a prompt gives its clock times in, at `date`: an IANA name anywhere
    /// ("America/New_York"), a zone right after a clock time ("9am PT", "9am pacific time"), or a city after one
    /// ("11:00 New York time", "3pm in Tokyo"); nil when none is named (times are then UTC).
    public static func zoneOffset(in prompt: String, at date: Date) -> TimeInterval? {
        // "10 am eastern": the clock time and its "am" are one token.
        let tokens = prompt.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }.reduce(
            into: [String]()
        ) { tokens, token in
            if ["am", "pm", "a.m", "p.m"].contains(token.lowercased()), let last = tokens.last, last.first?.isNumber == true,
                last.allSatisfy({ $0.isNumber || $0 == ":" })
            {
                tokens[tokens.count - 1] += token
            } else {
                tokens.append(token)
            }
        }
        let offset = { (identifier: String) in TimeZone(identifier: identifier).map { TimeInterval($0.secondsFromGMT(for: date)) } }
        // "(America/New_York)": a zone's own name says it, wherever it is.
        if let named = tokens.first(where: { $0.contains("/") && $0.first?.isUppercase == true && TimeZone(identifier: $0) != nil }) {
            return offset(named)
        }
        if let city = cityAfterClock(tokens) { return offset(city) }
        for (index, token) in tokens.enumerated() where index > 0 {
            let lower = token.lowercased()
            // "2-4pm UK time": the range's end says it is a clock time.
            let clock = tokens[index - 1].split(separator: "-").last.map(String.init) ?? ""
            guard let identifier = zones[lower], timeOfDay(in: tokens[index - 1]) != nil || timeOfDay(in: clock) != nil else { continue }
            // A city names a zone only as "London time"; "9am Pacific" is the region's.
            let next = index + 1 < tokens.count ? tokens[index + 1].lowercased() : ""
            // "9:30am Central European time": Europe's, not America's Central.
            if next == "european", let european = ["central": "Europe/Berlin", "eastern": "Europe/Athens"][lower] {
                return offset(european)
            }
            guard lower.count <= 4 || regionZones.contains(lower) || next == "time" else { continue }
            return offset(identifier)
        }
        return nil
    }

    /// "11:00 New York time", "3pm in Tokyo", "9:30 Los Angeles time": a city of `cityZones` after a clock time,
    /// followed by "time" or introduced by "in".
    static func cityAfterClock(_ tokens: [String]) -> String? {
        for (index, token) in tokens.enumerated()
        where timeOfDay(in: token) != nil || timeOfDay(in: token.split(separator: "-").last.map(String.init) ?? "") != nil {
            var start = index + 1
            let introduced = start < tokens.count && tokens[start].lowercased() == "in"
            if introduced { start += 1 }
            for length in (1...3).reversed() where start + length <= tokens.count {
                let name = tokens[start..<start + length].joined(separator: " ").lowercased()
                guard let identifier = cityZones[name] else { continue }
                let next = start + length < tokens.count ? tokens[start + length].lowercased() : ""
                if next == "time" || introduced { return identifier }
            }
        }
        return nil
    }
}
