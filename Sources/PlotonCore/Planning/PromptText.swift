import Foundation

/// Small, tested readers of plain-language prompts.
public enum PromptText {
    /// The words that can name a service or a capability: an address is one value, not words
    /// ("billing@stripe.com" names neither Stripe nor billing).
    static func serviceWords(_ text: String) -> Set<String> {
        words(text.split(separator: " ", omittingEmptySubsequences: false).filter { !isAddress($0) }.joined(separator: " "))
    }

    public static func words(_ text: String) -> Set<String> {
        // "#eng-standup" names a channel, not a meeting: a channel's name says nothing of what is asked.
        let unchanneled =
            text.contains("#") ? text.split(whereSeparator: \.isWhitespace).filter { !$0.hasPrefix("#") }.joined(separator: " ") : text
        let named = withoutCompanyServiceWords(unchanneled)
        // "customers'" is "customers".
        return Set(
            named.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "'" }.map {
                $0.hasSuffix("'") ? String($0.dropLast()) : String($0)
            })
    }

    /// "the Hawthorn Events deal", "invoices for Meridian Files": a service's word ending a company's name names the
    /// company, not the service (the deal was looked for in the calendar).
    static func withoutCompanyServiceWords(_ text: String) -> String {
        let serviceWords: Set<String> = [
            "events", "meetings", "schedule", "calendar", "chat", "messaging", "channels", "contacts", "mail", "inbox", "billing",
            "payments", "invoices", "subscriptions", "storage", "files", "documents", "weather", "forecast",
        ]
        let tokens = text.split(separator: " ", omittingEmptySubsequences: false)
        let bare = { (token: Substring) in token.trimmingCharacters(in: .punctuationCharacters) }
        // Names are short: a long run of letters is no word of one.
        let capitalised = { (token: Substring) in
            token.first?.isUppercase == true && token.utf8.count <= 40 && bare(token).dropFirst().allSatisfy(\.isLowercase)
        }
        // "Google Calendar", "Outlook Mail", "Shared Documents": a product or a folder, named with the service's word.
        let products: Set<String> = [
            "google", "microsoft", "outlook", "office", "apple", "zoho", "proton", "yahoo", "my", "our", "shared", "team", "company",
            "public", "the", "upcoming", "recent", "new", "all", "important",
        ]
        let records: Set<String> = ["deal", "deals", "invoice", "invoices", "account", "contact", "subscription", "team", "folks"]
        let kept = tokens.indices.filter { index in
            let token = tokens[index]
            guard index > 0, capitalised(token), serviceWords.contains(PromptText.withoutPossessive(bare(token)).lowercased()),
                capitalised(tokens[index - 1]), !".!?:".contains(tokens[index - 1].last ?? "."),
                !products.contains(bare(tokens[index - 1]).lowercased())
            else { return true }
            let lead = index >= 2 ? bare(tokens[index - 2]).lowercased() : ""
            let next = index + 1 < tokens.count ? bare(tokens[index + 1]).lowercased() : ""
            let owned = token.hasSuffix("'s") || token.hasSuffix("’s")
            return !(["at", "from", "with", "for", "of", "the", "to"].contains(lead) || records.contains(next) || owned)
        }
        return kept.count == tokens.count ? text : kept.map { String(tokens[$0]) }.joined(separator: " ")
    }

    /// "deal's" → "deal", "Initech’s" → "Initech".
    static func withoutPossessive(_ word: String) -> String {
        for suffix in ["'s", "’s"] where word.hasSuffix(suffix) { return String(word.dropLast(2)) }
        return word
    }

    /// "ben@acme.com", "<ann@x.io>,": a word that is an email address.
    static func isAddress(_ word: Substring) -> Bool {
        guard let at = word.firstIndex(of: "@"), at > word.startIndex else { return false }
        return word[word.index(after: at)...].contains(".")
    }

    static let stopWords: Set<String> = [
        "and", "return", "returning", "with", "today", "now", "right", "please", "then", "tomorrow", "this", "currently",
        "including", "include", "give", "show", "tell", "at", "on", "for", "me", "us", "you", "it", "them", "my", "our",
        "pls", "plz", "rn", "asap", "thanks", "thx", "are", "is", "like", "to", "into", "via", "later", "tonight", "soon", "tmrw",
        // "Tokyo plus the wind speed", "Oslo as well as …"
        "plus", "as", "also", "along", "alongside",
        // "the temperature in Sevilla actually?": "now", as "actuellement" or "aktuell" says it.
        "actually", "presently",
    ]

    static let units: Set<String> = ["fahrenheit", "celsius", "metric", "imperial", "degrees"]

    /// The place after "in", "for" or "at": "weather in San Francisco and return …" → "San Francisco".
    public static func location(in prompt: String) -> String? {
        let tokens = prompt.split(whereSeparator: \.isWhitespace).map(String.init)
        for (index, token) in tokens.enumerated() where ["in", "for", "at"].contains(token.lowercased()) {
            var place: [String] = []
            for next in tokens[(index + 1)...] {
                // "Bergen - temp and wind", "Trondheim — actually just …": a dash ends the place.
                if next.allSatisfy({ "-—–".contains($0) }) { break }
                // "in Boston (temperature and conditions)": a bracket after the place opens what is asked of it.
                if !place.isEmpty, next.hasPrefix("(") { break }
                var trimmed = next.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?\"'()"))
                // "'s-Hertogenbosch": the apostrophe opening a Dutch name is the name's.
                if next.hasPrefix("'s-") || next.hasPrefix("’s-") { trimmed = String(next.prefix(1)) + trimmed }
                // "paris in fahrenheit": a second "in" or a unit ends the place.
                let lower = trimmed.lowercased()
                if trimmed.isEmpty || stopWords.contains(lower) || (!place.isEmpty && lower == "in") || units.contains(lower) { break }
                if ["the", "a"].contains(trimmed.lowercased()), place.isEmpty { break }
                // "St. John's", "Mt. Hood": a title's dot is the name's.
                let title = next.hasSuffix(".") && LookAhead.titles.contains(lower)
                place.append(title ? trimmed + "." : trimmed)
                if !title, next.last.map({ ".,;:!?".contains($0) }) == true { break }
            }
            // "the weather for user_123 in Berlin": an end user is no place.
            if !place.isEmpty, !place.contains(where: { $0.lowercased().hasPrefix("user_") }) { return place.joined(separator: " ") }
        }
        return placeBefore(weatherWordIn: tokens)
    }

    /// "San Francisco weather now" → "San Francisco": capitalised words right before a weather word.
    static func placeBefore(weatherWordIn tokens: [String]) -> String? {
        let weatherWords: Set<String> = ["weather", "forecast", "temperature", "conditions", "temp", "humidity", "wind"]
        guard
            let index = tokens.firstIndex(where: { weatherWords.contains($0.lowercased().trimmingCharacters(in: .punctuationCharacters)) })
        else { return nil }
        let place = tokens[..<index].reversed().prefix { $0.first?.isUppercase == true && !$0.hasSuffix(",") }.reversed()
        guard place.isEmpty else { return place.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: "'’s")) }
        // "montreal current temp pls", "new york weather": the words the prompt opens with, in any case.
        let modifiers: Set<String> = ["current", "currently", "today's", "todays", "now", "live", "latest", "the"]
        let lead = tokens[..<index].map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?\"'()")) }
            .reversed().drop { modifiers.contains($0) }.reversed()
        let common = stopWords.union(PromptClauses.readVerbs).union(PromptClauses.fillers).union(PromptClauses.actionVerbs.keys)
            .union(["my", "our", "me", "us", "the", "a", "what", "whats", "what's", "how", "is", "it"])
        guard (1...3).contains(lead.count),
            lead.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0 == "-" } && !common.contains($0) })
        else { return nil }
        return lead.joined(separator: " ")
    }

    /// "…and return temperature, conditions, and humidity" → ["temperature", "conditions", "humidity"].
    public static func requestedFields(in prompt: String) -> [String] {
        let lower = prompt.lowercased()
        let markers = ["return ", "returning ", "include ", "including ", "give me ", "with fields "]
        guard let marker = markers.compactMap({ lower.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) ?? withList(in: lower)
        else {
            return []
        }
        var tail = String(lower[marker.upperBound...])
        if let end = tail.firstIndex(where: { ".;!?".contains($0) }) { tail = String(tail[..<end]) }
        // "the temperature and humidity for Berlin, Germany": a place or name after a preposition ends the list.
        if prompt.count == lower.count {
            let original = prompt.suffix(prompt.count - lower.distance(from: lower.startIndex, to: marker.upperBound))
            let words = original.split(separator: " ", omittingEmptySubsequences: false)
            var kept = 0
            for (index, word) in words.enumerated() {
                if index + 1 < words.count, ["for", "in", "at", "from"].contains(word.lowercased()),
                    words[index + 1].first?.isUppercase == true,
                    !units.contains(words[index + 1].lowercased().trimmingCharacters(in: .punctuationCharacters))
                {
                    break
                }
                kept += word.count + 1
            }
            if kept < tail.count { tail = String(tail.prefix(max(0, kept - 1))) }
        }
        // "meeting titles with start and end times": a title, a start time and an end time.
        tail = tail.replacingMatches(
            of: #"\b(\w+) and (\w+) (time|date)s\b"#, with: "$1 $3, $2 $3"
        ).replacingOccurrences(of: " with ", with: ",")
        // "JSON list with fields deal name, …": the answer's form is no field, and "fields" only heads them.
        let formats: Set<String> = ["json", "list", "csv", "table", "array", "a", "an", "format", "yaml", "markdown", "plain", "text"]
        // "return name + size", "subject & sender": joined as with "and".
        return tail.replacingOccurrences(of: ", and ", with: ",").replacingMatches(of: #"\s(?:and|\+|&)\s"#, with: ",")
            .split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .map { $0.hasPrefix("the ") ? String($0.dropFirst(4)) : $0 }
            .map { $0.replacingMatches(of: #"^(?:fields|columns|the\s+fields)\s+"#, with: "") }
            .filter { item in
                !item.isEmpty
                    && !Set(item.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) }).isSubset(of: formats)
            }
    }
}

extension PromptText {
    /// " with " when a list of fields follows it: "… with plan name, amount, and next billing date". Not when a value
    /// does: "the contact with email ann@acme.com, what is her phone?", "the Drive file with id 1Zx9…, and …".
    static func withList(in lower: String) -> Range<String.Index>? {
        lower.range(of: " with ").flatMap { with in
            let first = lower[with.upperBound...].prefix { $0 != "," }
            return lower[with.upperBound...].contains(",") && !first.contains(where: { "@#\"'“".contains($0) || $0.isNumber })
                ? with : nil
        }
    }

    /// The end user a prompt names: `user_123` in "user_123's CRM account" or "for user_123".
    public static func endUser(in prompt: String) -> String? {
        // "[end_user=user_456]": a tag's value; "<user>user_456</user>": an element's.
        let words = prompt.split(whereSeparator: { $0.isWhitespace || $0 == "<" || $0 == ">" }).map { token in
            var word = String(token.split(separator: "=").last ?? token).trimmingCharacters(
                in: CharacterSet(charactersIn: ".,;:!?\"()[]{}“”‘`\\"))
            for suffix in ["'s", "’s", "'"] where word.hasSuffix(suffix) { word = String(word.dropLast(suffix.count)) }
            return word
        }
        // `"arguments": "{\"user_id\": \"user_456\"}"`: JSON escaped in a string; the key is no id.
        for word in words where word.lowercased().hasPrefix("user_") || word.lowercased().hasPrefix("user-") {
            guard word.count > 5, !["user_id", "user-id"].contains(word.lowercased()) else { continue }
            // "user_123s crm account": the possessive written without its apostrophe.
            if word.hasSuffix("s"), word.dropLast().last?.isNumber == true { return String(word.dropLast()) }
            return word
        }
        // "for the user alice_1", "user u-42", "user id: alice_1": an id after the word, one with a digit, "_" or "-"
        // (in "the user wants …" the next word is no id).
        for (index, word) in words.enumerated().dropLast() where ["user", "userid", "user_id", "user-id"].contains(word.lowercased()) {
            var next = words[index + 1]
            if next.lowercased() == "id", index + 2 < words.count { next = words[index + 2] }
            if next.count >= 2, next.contains(where: { $0.isNumber || $0 == "_" || $0 == "-" }),
                next.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }), next.first?.isLetter == true
            {
                return next
            }
        }
        // "list the files in alice_1's Drive": an id written like one (a "_" in it) whose account is named.
        return prompt.captured(
            of: #"(?i)\b([a-z][a-z0-9]*_[a-z0-9_]*[a-z0-9])(?:'s|’s)\s+(?:own\s+)?(?:drive|gmail|inbox|calendar|crm|hubspot|stripe|slack|"#
                + #"e-?mail|mail|files|account|contacts|deals|invoices|workspace|google|outlook|data)\b"#, group: 1)
    }

    /// `#engineering` → "engineering".
    public static func channel(in prompt: String) -> String? {
        prompt.split(whereSeparator: \.isWhitespace).first(where: namesChannel)
            .map { String($0.dropFirst()).trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?\"')")) }
    }

    /// "#engineering", "#q4-launch": a channel; "Ticket #4471", "PR #42", "deal #2007" name a number, not a channel.
    static func namesChannel<Token: StringProtocol>(_ token: Token) -> Bool {
        token.hasPrefix("#") && token.dropFirst().contains(where: \.isLetter)
    }

    /// Email addresses, in order.
    public static func emails(in prompt: String) -> [String] {
        prompt.split(whereSeparator: \.isWhitespace).map { token in
            // "ann@acme.example's last invoice": the address without the possessive.
            let bare = token.replacingOccurrences(of: "’", with: "'")
            return (bare.hasSuffix("'s") ? String(bare.dropLast(2)) : bare).trimmingCharacters(in: .init(charactersIn: ".,;:!?\"'()<>"))
        }
        .filter { $0.contains("@") && $0.split(separator: "@").last?.contains(".") == true }
    }

    /// The first "double-quoted" text.
    public static func quoted(in prompt: String) -> String? {
        let parts = prompt.split(separator: "\"", omittingEmptySubsequences: false)
        return parts.count >= 3 ? String(parts[1]) : nil
    }

    /// "received since December 1", "since Monday", "since 2026-11-20": from that day, the latest such one up to now, to
    /// the end of today (the date was dropped from the search). Only a day written right after "since" ("since it's
    /// Friday" gives a reason).
    static func sinceDay(in lower: String, now: Date) -> (start: Date, end: Date)? {
        let months =
            "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
            + "|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
        let weekdays = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        calendar.firstWeekday = 2
        // "the messages from #ops since yesterday": from yesterday up to the end of today (today's were left out).
        if let period = lower.rangeOfMatch(of: #"\bsince\s+(?:yesterday|last\s+week|last\s+month)\b"#),
            let today = calendar.dateInterval(of: .day, for: now)
        {
            let said = lower[period]
            let component: Calendar.Component = said.hasSuffix("week") ? .weekOfYear : said.hasSuffix("month") ? .month : .day
            guard let shifted = calendar.date(byAdding: component, value: -1, to: now),
                let start = calendar.dateInterval(of: component, for: shifted)?.start
            else { return nil }
            return (start, today.end)
        }
        guard
            let found = lower.rangeOfMatch(
                of: #"\bsince\s+(?:(?:last|the|on)\s+)?(?:\d{4}-\d{2}-\d{2}|(?:\#(months))\.?\s+\d{1,2}(?:st|nd|rd|th)?\b"#
                    + #"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:\#(months))\b|(?:\#(weekdays))\b)"#)
        else { return nil }
        let phrase = String(lower[found].dropFirst("since".count))
        guard let day = PromptText.day(in: phrase, now: now),
            let end = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now))
        else { return nil }
        let weekday = phrase.rangeOfMatch(of: weekdays) != nil
        let start = day < end ? day : calendar.date(byAdding: weekday ? .day : .year, value: weekday ? -7 : -1, to: day) ?? day
        return start < end ? (start, end) : nil
    }

    /// Calendar ranges in UTC: today, yesterday, tomorrow, the day after tomorrow, this/last/next week, month and year.
    public static func dateRange(in prompt: String, now: Date) -> (start: Date, end: Date)? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        calendar.firstWeekday = 2
        // "the day after tomorrow" and "the day before yesterday" hold "tomorrow" and "yesterday": one day off.
        let lower = prompt.lowercased().replacingOccurrences(of: "day after tomorrow", with: "overmorrow")
            .replacingOccurrences(of: "day before yesterday", with: "ereyesterday")
        func interval(_ component: Calendar.Component, offset: Int) -> (Date, Date)? {
            guard let shifted = calendar.date(byAdding: component, value: offset, to: now),
                let interval = calendar.dateInterval(of: component == .day ? .day : component, for: shifted)
            else { return nil }
            return (interval.start, interval.end)
        }
        let periods: [(String, Calendar.Component, Int)] = [
            ("this month", .month, 0), ("last month", .month, -1), ("this week", .weekOfYear, 0), ("last week", .weekOfYear, -1),
            ("yesterday", .day, -1), ("tomorrow", .day, 1), ("next week", .weekOfYear, 1), ("today", .day, 0), ("this year", .year, 0),
            ("next month", .month, 1), ("last year", .year, -1), ("next year", .year, 1), ("overmorrow", .day, 2),
            ("ereyesterday", .day, -2), ("current month", .month, 0), ("current week", .weekOfYear, 0), ("current year", .year, 0),
            ("previous month", .month, -1), ("previous week", .weekOfYear, -1),
        ]
        if let since = sinceDay(in: lower, now: now) { return since }
        // "closed won this quarter", "last quarter", "in Q3": calendar quarters.
        func quarter(offset: Int, number: Int? = nil) -> (Date, Date)? {
            let parts = calendar.dateComponents([.year, .month], from: now)
            guard let year = parts.year, let month = parts.month else { return nil }
            let index = year * 4 + (number.map { $0 - 1 } ?? (month - 1) / 3) + offset
            guard let start = calendar.date(from: DateComponents(year: index / 4, month: index % 4 * 3 + 1, day: 1)),
                let end = calendar.date(byAdding: .month, value: 3, to: start)
            else { return nil }
            return (start, end)
        }
        let quarters: [(String, Int)] = [
            ("this quarter", 0), ("current quarter", 0), ("last quarter", -1), ("previous quarter", -1), ("next quarter", 1),
        ]
        if let named = quarters.first(where: { lower.contains($0.0) }) { return quarter(offset: named.1) }
        if let number = lower.captured(of: #"\bq([1-4])\b(?!\s*(?:20\d\d|'\d\d))"#, group: 1).flatMap(Int.init),
            lower.rangeOfMatch(of: #"\b(?:in|during|for|from|of)\s+(?:the\s+)?q[1-4]\b"#) != nil
        {
            return quarter(offset: 0, number: number)
        }
        let named = periods.filter { lower.contains($0.0) }.compactMap { interval($0.1, offset: $0.2) }
        if let first = named.first {
            // "this week and next week", "today and tomorrow": periods that meet are one range (the second was dropped).
            let sorted = named.sorted { $0.0 < $1.0 }
            let joined = zip(sorted, sorted.dropFirst()).allSatisfy { $1.0 <= $0.1 }
            return named.count > 1 && joined ? (sorted[0].0, sorted.map(\.1).max() ?? first.1) : first
        }
        // "in the last 7 days", "past 2 weeks": up to the end of today.
        let tokens = lower.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        for index in tokens.indices.dropLast(2) where ["last", "past"].contains(tokens[index]) {
            let units: [String: (Calendar.Component, Int)] = [
                "day": (.day, 1), "days": (.day, 1), "week": (.day, 7), "weeks": (.day, 7), "month": (.month, 1), "months": (.month, 1),
            ]
            guard let count = Int(tokens[index + 1]) ?? wordedNumber([tokens[index + 1]]).map({ Int($0) }), count > 0, count <= 366,
                let (unit, size) = units[tokens[index + 2]], let today = interval(.day, offset: 0),
                let start = calendar.date(byAdding: unit, value: -count * size, to: today.1)
            else { continue }
            return (start, today.1)
        }
        return nil
    }
}
