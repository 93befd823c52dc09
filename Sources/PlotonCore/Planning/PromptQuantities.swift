import Foundation

/// Amounts, calendar days and time ranges as people write them: "30 dollars", "€15", "12k",
/// "$1,200.50", "March 20", "20th of March", "2pm-4pm", "from 15:00 to 16:30".
extension PromptText {
    static let currencyWords: Set<String> = [
        "dollars", "dollar", "usd", "euros", "euro", "eur", "bucks", "pounds", "gbp", "quid", "yen", "jpy",
    ]
    /// Codes written before an amount ("EUR 45,50", "USD 1,200").
    static let currencyCodes: Set<String> = [
        "usd", "eur", "gbp", "chf", "cad", "aud", "jpy", "nok", "sek", "dkk", "pln", "czk", "nzd", "sgd", "hkd", "inr", "brl", "mxn",
        "zar", "cny",
    ]

    /// Amounts in order, in the currency's main unit: a currency sign, a currency word after the
    /// number, or a thousands `k` ("12k", "$45k").
    public static func amounts(in prompt: String) -> [Double] {
        let tokens = prompt.split(whereSeparator: \.isWhitespace).map { token -> String in
            let text = token.trimmingCharacters(in: .init(charactersIn: ",;:!?\"'()"))
            return text.hasSuffix(".") ? String(text.dropLast()) : text
        }
        return tokens.indices.compactMap { index in
            // "five thousand dollars": a number in words before a currency word.
            if index + 1 < tokens.count, currencyWords.contains(tokens[index + 1].lowercased()),
                let worded = wordedNumber(tokens[..<(index + 1)].reversed().prefix { numberWords[$0.lowercased()] != nil }.reversed())
            {
                return worded
            }
            var text = tokens[index]
            // "EUR 45,50", "45,50 €", "US$ 120", "45€": the currency written apart from the number or after it.
            let before = index > 0 ? tokens[index - 1].lowercased() : ""
            let after = index + 1 < tokens.count ? tokens[index + 1] : ""
            let codeBefore = Self.currencyCodes.contains(before) || ["$", "€", "£", "¥", "₹", "us$", "rs", "rs."].contains(before)
            var signed =
                ["$", "€", "£", "¥", "₹"].contains { text.hasPrefix($0) } || codeBefore || ["$", "€", "£", "¥", "₹"].contains(after)
            if ["$", "€", "£", "¥", "₹"].contains(where: { text.hasPrefix($0) }) { text = String(text.dropFirst()) }
            if let last = text.last, "€£¥₹".contains(last) {
                text.removeLast()
                signed = true
            }
            for code in ["usd", "eur", "gbp", "jpy"] where text.lowercased().hasSuffix(code) { text = String(text.dropLast(3)) }
            var multiplier = 1.0
            if let last = text.last, "kK".contains(last), text.dropLast().allSatisfy({ $0.isNumber || $0 == "." || $0 == "," }) {
                multiplier = 1_000
                text.removeLast()
            } else if ["grand", "k"].contains(after.lowercased()), text.allSatisfy({ $0.isNumber || $0 == "." }) {
                // "15 grand", "15 k".
                multiplier = 1_000
            }
            // "42,000 NOK", "9,500 CHF": a currency's code after the number.
            let worded =
                index + 1 < tokens.count
                && (currencyWords.contains(tokens[index + 1].lowercased()) || Self.currencyCodes.contains(tokens[index + 1].lowercased()))
            guard signed || worded || multiplier > 1 || text != tokens[index],
                !text.isEmpty, text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "," }),
                // "8.500 euro", "8.500EUR": a dot before three digits groups thousands, as with "€8.500".
                let number = decimal(
                    text,
                    euro: tokens[index].hasPrefix("€") || tokens[index].hasSuffix("€") || tokens[index].lowercased().hasSuffix("eur")
                        || ["eur", "€"].contains(before) || ["euro", "euros", "eur", "€"].contains(after.lowercased()))
            else { return nil }
            return number * multiplier
        }
    }

    /// Number words and their values; "hundred", "thousand" and "million" multiply.
    static let numberWords: [String: Double] = {
        let units = [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
            "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
        ]
        let tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
        var values = Dictionary(uniqueKeysWithValues: units.enumerated().map { ($1, Double($0)) })
        for (index, word) in tens.enumerated() { values[word] = Double(20 + 10 * index) }
        values.merge(["a": 1, "an": 1, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "and": 0]) { $1 }
        return values
    }()

    /// "five thousand", "twelve hundred", "a million", "two hundred and fifty" → the number; nil when
    /// the words name none ("a" alone).
    static func wordedNumber<Words: Collection<String>>(_ words: Words) -> Double? {
        var total = 0.0
        var current = 0.0
        var named = false
        for word in words.map({ $0.lowercased() }) {
            guard let value = numberWords[word] else { return nil }
            switch word {
            case "hundred": current = max(current, 1) * 100
            case "thousand", "million":
                total += max(current, 1) * value
                current = 0
            case "a", "an", "and": continue
            default: current += value
            }
            named = named || !["a", "an", "and"].contains(word)
        }
        return named ? total + current : nil
    }

    /// "1,250.50" and, as written in Europe, "1.250,50" and "45,00": the separator last written before
    /// two digits is the decimal one; a euro amount's "1.200" is a thousand and two hundred.
    static func decimal(_ text: String, euro: Bool) -> Double? {
        let comma = text.lastIndex(of: ","), dot = text.lastIndex(of: ".")
        let decimalComma: Bool
        if let comma, let dot {
            decimalComma = comma > dot
        } else if let comma {
            decimalComma = text.distance(from: comma, to: text.endIndex) == 3
        } else if dot != nil, euro {
            decimalComma = text.components(separatedBy: ".").dropFirst().allSatisfy { $0.count == 3 }
        } else {
            decimalComma = false
        }
        let plain =
            decimalComma
            ? text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
            : text.replacingOccurrences(of: ",", with: "")
        return Double.finite(plain)
    }

    /// "the last 10 messages", "top 5 deals", "10 most recent emails" → 10 (not "the last 3 months").
    public static func count(in prompt: String) -> Int? {
        let tokens = prompt.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        let units: Set<String> = [
            "days", "weeks", "months", "years", "hours", "minutes", "day", "week", "month", "year", "hour", "minute", "hrs", "hr", "mins",
            "min", "weekdays", "nights",
            "business", "working", "quarters", "quarter",
        ]
        for (index, token) in tokens.enumerated() {
            // "the last five emails": a count in words too ("one" only as a digit: "the last one" is no count).
            guard let number = Int(token) ?? numberWords[token].map(Int.init), (1...1_000).contains(number), token != "one" else {
                continue
            }
            let before = index > 0 ? tokens[index - 1] : ""
            let after = index + 1 < tokens.count ? tokens[index + 1] : ""
            guard !units.contains(after) else { continue }
            // "my next 5 meetings", "the 3 upcoming events", "the oldest 2 invoices".
            if ["last", "latest", "top", "first", "recent", "newest", "next", "upcoming", "oldest", "earliest"].contains(before)
                || ["most", "latest", "recent", "newest", "next", "upcoming", "oldest", "earliest"].contains(after)
            {
                return number
            }
        }
        return nil
    }

    static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]

    /// "december", "dec", "sept" → 12, 12, 9.
    static func monthNumber(_ word: String) -> Int? {
        if let full = PromptText.months.firstIndex(of: word) { return full + 1 }
        let short = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        return short.firstIndex(of: word == "sept" ? "sep" : word).map { $0 + 1 }
    }

    /// "March 20", "Mar 20th", "20 March", "the 20th of March" (the coming one unless a year follows).
    /// "the fifth of december", "twenty-first": days written as ordinal words.
    static let ordinals: [String: Int] = {
        let firsts = [
            "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
            "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
        ]
        var days = Dictionary(uniqueKeysWithValues: firsts.enumerated().map { ($1, $0 + 1) })
        days["twentieth"] = 20
        days["thirtieth"] = 30
        for (index, word) in firsts.prefix(9).enumerated() { days["twenty-" + word] = 21 + index }
        days["thirty-first"] = 31
        return days
    }()

    static func monthDay(in words: [String], now: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        func month(_ word: String) -> Int? {
            months.firstIndex { $0 == word || (word.count >= 3 && word != "may" && $0.hasPrefix(word) && word.count <= $0.count) }
                .map { $0 + 1 } ?? (word == "may" ? 5 : nil)
        }
        func dayNumber(_ word: String?) -> Int? {
            guard var word else { return nil }
            if let ordinal = ordinals[word] { return ordinal }
            for suffix in ["st", "nd", "rd", "th"] where word.hasSuffix(suffix) { word = String(word.dropLast(2)) }
            return Int(word).flatMap { (1...31).contains($0) ? $0 : nil }
        }
        for (index, written) in words.enumerated() {
            let word = written.hasPrefix("mid-") ? String(written.dropFirst(4)) : written
            guard let month = month(word) else { continue }
            let next = index + 1 < words.count ? words[index + 1] : nil
            let previous = written == word ? (index > 0 ? words[index - 1] : nil) : "mid"
            let before = index > 1 && previous == "of" ? words[index - 2] : previous
            // "end of April", "mid May", "early June": a part of the month stands for a day in it.
            let part = ["end": 31, "late": 31, "mid": 15, "middle": 15, "start": 1, "beginning": 1, "early": 1][before ?? ""]
            guard let day = dayNumber(next) ?? dayNumber(before) ?? part else { continue }
            let yearWord = dayNumber(next) != nil && index + 2 < words.count ? words[index + 2] : next
            let stated = yearWord.flatMap { $0.count == 4 ? Int($0) : nil }
            let year = stated ?? calendar.component(.year, from: now)
            let days = calendar.date(from: DateComponents(year: year, month: month)).flatMap {
                calendar.range(of: .day, in: .month, for: $0)
            }
            guard var date = calendar.date(from: DateComponents(year: year, month: month, day: min(day, days?.count ?? day))) else {
                continue
            }
            if stated == nil, date < calendar.startOfDay(for: now), let later = calendar.date(byAdding: .year, value: 1, to: date) {
                date = later
            }
            return date
        }
        return nil
    }

    /// "2pm-4pm", "2-4pm", "14:00–15:30", "from 15:00 to 16:30", "between 2pm and 4pm".
    public static func timeRange(in prompt: String) -> (start: (hour: Int, minute: Int), end: (hour: Int, minute: Int))? {
        var tokens = prompt.lowercased().replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: "—", with: "-")
            .split(whereSeparator: \.isWhitespace).map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".,;!?\"'()")) }
        // "9am PT to 11am PT", "2pm eastern time - 3pm": a zone after a clock time is no part of the range.
        for index in tokens.indices.reversed() where index > 0 && clock(tokens[index - 1], meridiem: nil) != nil {
            let zone = tokens[index]
            guard zones[zone] != nil, zone.count <= 4 || (index + 1 < tokens.count && tokens[index + 1] == "time") else { continue }
            tokens.removeSubrange(index..<min(index + (index + 1 < tokens.count && tokens[index + 1] == "time" ? 2 : 1), tokens.count))
        }
        func pair(_ first: String, _ second: String) -> ((Int, Int), (Int, Int))? {
            guard let end = clock(second, meridiem: nil) else { return nil }
            let endMeridiem = ["am", "pm"].first { second.hasSuffix($0) }
            guard let start = clock(first, meridiem: nil) ?? clock(first, meridiem: endMeridiem) else { return nil }
            // "2-4pm", "2:00–3:30pm": the start shares the end's afternoon when that keeps it first.
            if !first.hasSuffix("am"), !first.hasSuffix("pm"), endMeridiem == "pm", start.0 < 12,
                start.0 + 12 <= end.0
            {
                return ((start.0 + 12, start.1), end)
            }
            return (start, end)
        }
        // "from 12:30 to 1:30 pm": a meridiem written apart belongs to the clock before it (the end was read as 01:30).
        for index in tokens.indices.reversed()
        where index > 0 && ["am", "pm"].contains(tokens[index]) && tokens[index - 1].first?.isNumber == true
            && !tokens[index - 1].hasSuffix("am") && !tokens[index - 1].hasSuffix("pm")
        {
            tokens[index - 1] += tokens[index]
            tokens.remove(at: index)
        }
        for (index, token) in tokens.enumerated() {
            let parts = token.split(separator: "-").map(String.init)
            if parts.count == 2, parts.allSatisfy({ $0.first?.isNumber == true }),
                parts.contains(where: { $0.contains(":") || $0.hasSuffix("am") || $0.hasSuffix("pm") }),
                let range = pair(parts[0], parts[1])
            {
                return (range.0, range.1)
            }
            if ["from", "between"].contains(token), index + 3 < tokens.count,
                ["to", "and", "until", "till", "-"].contains(tokens[index + 2]),
                let range = pair(tokens[index + 1], tokens[index + 3])
                    ?? bareHours(tokens[index + 1], tokens[index + 3], then: tokens[(index + 4)...].first)
            {
                return (range.0, range.1)
            }
            // "tomorrow 9 to 5", "hold Friday 10-12": hours without am or pm, right after the day they fall on.
            if index > 0, weekdays.contains(tokens[index - 1]) || ["tomorrow", "today"].contains(tokens[index - 1]) {
                let parts = token.split(separator: "-").map(String.init)
                if parts.count == 2, let range = bareHours(parts[0], parts[1], then: tokens[(index + 1)...].first) {
                    return (range.0, range.1)
                }
                if index + 2 < tokens.count, ["to", "until", "till", "-"].contains(tokens[index + 1]),
                    let range = bareHours(token, tokens[index + 2], then: tokens[(index + 3)...].first)
                        ?? (tokens[index + 2].hasSuffix("am") || tokens[index + 2].hasSuffix("pm") ? pair(token, tokens[index + 2]) : nil)
                {
                    return (range.0, range.1)
                }
            }
            // "Friday 9am to 11am": a clock time written as one, then "to" and another.
            if index + 2 < tokens.count, ["to", "until", "till", "-"].contains(tokens[index + 1]),
                token.hasSuffix("am") || token.hasSuffix("pm") || token.contains(":"),
                index == 0 || !["from", "between"].contains(tokens[index - 1]),
                let range = pair(token, tokens[index + 2])
            {
                return (range.0, range.1)
            }
        }
        return nil
    }

    /// "until 5:15pm", "till 4": the clock an event ends at, when no range gives it.
    public static func endClock(in prompt: String) -> (hour: Int, minute: Int)? {
        let tokens = prompt.lowercased().split(whereSeparator: \.isWhitespace).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,;!?"))
        }
        guard let marker = endMarker(in: tokens), marker + 1 < tokens.count else { return nil }
        let next = tokens[marker + 1]
        let meridiem = marker + 2 < tokens.count && ["am", "pm"].contains(tokens[marker + 2]) ? tokens[marker + 2] : nil
        return clock(next, meridiem: meridiem).map { (hour: $0.0, minute: $0.1) }
    }

    /// Where the words saying when an event ends stop ("until", "till", "ending at", "ends at", "finishing at"): the
    /// time follows.
    static func endMarker(in tokens: [String]) -> Int? {
        for (index, token) in tokens.enumerated() {
            if ["until", "till", "til"].contains(token) { return index }
            if ["ending", "ends", "end", "finishing", "finishes", "finish"].contains(token), index + 1 < tokens.count {
                if ["at", "by"].contains(tokens[index + 1]) { return index + 1 }
                // "ending 2pm": a clock written right after.
                if tokens[index + 1].first?.isNumber == true, index > 0, !["the", "an", "a"].contains(tokens[index - 1]) { return index }
            }
        }
        return nil
    }

    /// "tomorrow 10 o'clock until 11": an end hour written as a bare number (1 to 12), which the
    /// event's start places in the morning or the afternoon. Not when a noun follows ("until 5 deals").
    public static func bareEndHour(in prompt: String) -> Int? {
        let tokens = prompt.lowercased().split(whereSeparator: \.isWhitespace).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,;!?"))
        }
        guard let marker = endMarker(in: tokens), marker + 1 < tokens.count, let hour = Int(tokens[marker + 1]), (1...12).contains(hour)
        else { return nil }
        if marker + 2 < tokens.count, let letter = tokens[marker + 2].first, letter.isLetter,
            !["and", "with", "for", "on", "the", "called", "titled", "named", "please", "thanks", "thank", "o'clock", "oclock"].contains(
                tokens[marker + 2])
        {
            return nil
        }
        return hour
    }

    /// One clock time token ("4pm", "16:30", "9:15am"); a bare number only with `meridiem`.
    /// "from 9 to 5", "between 2 and 4": hours without am or pm, as a working day reads them (a start before 7 is
    /// the afternoon's; an end before the start is the afternoon's). Not when a noun follows ("from 2 to 4 deals").
    static func bareHours(_ first: String, _ second: String, then next: String?) -> ((Int, Int), (Int, Int))? {
        guard let start = Int(first), let end = Int(second), (1...12).contains(start), (1...12).contains(end), start != end else {
            return nil
        }
        if let next, let letter = next.first, letter.isLetter,
            !(["for", "on", "tomorrow", "today", "with", "and", "to", "next", "this", "called", "titled", "named", "at", "in"].contains(
                next)
                || weekdays.contains(next) || months.contains(next))
        {
            return nil
        }
        let afternoon = { (hour: Int) in hour == 12 ? 12 : hour + 12 }
        if start < end {
            return start >= 7 || start == 12 ? ((start, 0), (end == 12 ? 12 : end, 0)) : ((afternoon(start), 0), (afternoon(end), 0))
        }
        return ((start == 12 ? 12 : start, 0), (afternoon(end), 0))
    }

    static func clock(_ token: String, meridiem: String?) -> (Int, Int)? {
        var text = token
        var suffix = meridiem
        for candidate in ["am", "pm"] where text.hasSuffix(candidate) {
            suffix = candidate
            text = String(text.dropLast(2))
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isNumber) }),
            parts.count == 1 || parts[1].count == 2, suffix != nil || parts.count == 2,
            let hour = Int(parts[0]), let minute = parts.count == 2 ? Int(parts[1]) : 0, hour <= 23, minute <= 59
        else { return nil }
        switch suffix {
        case "pm" where hour < 12: return (hour + 12, minute)
        case "am" where hour == 12: return (0, minute)
        default: return (hour, minute)
        }
    }
}

extension PromptText {
    static let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// A day or a month, written out or short ("wed", "dec", "thurs", "sept").
    static func namesDay(_ word: String) -> Bool {
        let word = word.trimmingCharacters(in: .punctuationCharacters)
        return namesTime(word) || monthNumber(word) != nil
            || ["mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri", "sat", "sun"].contains(word)
    }

    /// A word that names a day or a time ("Friday", "March", "11am", "15:00", "tomorrow"): never part of a name.
    static func namesTime(_ word: String) -> Bool {
        weekdays.contains(word) || months.contains(word) || ["tomorrow", "today", "tonight", "noon", "midnight"].contains(word)
            || (word.first?.isNumber == true && (word.hasSuffix("am") || word.hasSuffix("pm")))
            || timeRange(in: word) != nil
    }

    /// What a message says when the prompt reports it: "letting them know the release is delayed",
    /// "thanking her for the meeting" → "Thank you for the meeting", "asking him to sign" → "Could you sign?".
    /// Compiled once: the ways a prompt reports what a message says, and how each becomes its text.
    static let reportedPatterns: [(NSRegularExpression, @Sendable (String) -> String)] = {
        let people = "(?:them|him|her|us|everyone|everybody|the team|the group|all)"
        // "ask #sales if anyone has …": a channel is asked as a person is.
        let asked = "(?:them|him|her|us|everyone|everybody|the team|the group|all|(?:in )?#[\\w-]+)"
        let patterns: [(String, @Sendable (String) -> String)] = [
            ("(?:letting|let) \(people) know (?:that )?(.+)", { $0 }),
            ("(?:telling|tell) \(people) (?:that )?(.+)", { $0 }),
            ("thanking \(people) for (.+)", { "Thank you for \($0)." }),
            ("(?:asking|ask) \(people) to (.+)", { "Could you \($0)?" }),
            // "email him asking for a quick call" → "Could I ask for a quick call?" (it sent his contact record).
            ("asking (?:\(people) )?for (.+)", { "Could I ask for \(addressed($0))?" }),
            // "ask him whether Thursday works" → "Could you let me know whether Thursday works?"
            ("(?:asking|ask) \(asked) (?:whether|if) (.+)", { "Could you let me know whether \(addressed($0))?" }),
            // "ask if he wants to grab lunch" → "Could you let me know whether you want to grab lunch?"
            ("(?:asking|ask) (?:whether|if) (.+)", { "Could you let me know whether \(addressed($0))?" }),
            ("reminding \(people) (?:that |to |about )?(.+)", { "A reminder: \($0)." }),
        ]
        return patterns.compactMap { pattern, compose in
            (try? NSRegularExpression(pattern: "\\b" + pattern)).map { ($0, compose) }
        }
    }()

    /// A question reported about the recipient, put to them: "he wants to grab lunch" → "you want to
    /// grab lunch", "she is free" → "you are free", "his contract" → "your contract".
    static func addressed(_ text: String) -> String {
        let subjects: Set<String> = ["he", "she", "they"]
        let forms: [String: String] = [
            "is": "are", "was": "were", "has": "have", "does": "do", "he's": "you're", "she's": "you're", "they're": "you're",
            "his": "your", "their": "your", "him": "you", "them": "you", "her": "your",
        ]
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < words.count {
            let word = words[index].lowercased()
            if subjects.contains(word) {
                words[index] = "you"
                // The verb after the subject agrees with "you": "wants" → "want", "is" → "are".
                if index + 1 < words.count {
                    let verb = words[index + 1].lowercased()
                    if let form = forms[verb], ["is", "was", "has", "does"].contains(verb) {
                        words[index + 1] = form
                    } else if verb.count > 3, verb.hasSuffix("s"), !verb.hasSuffix("ss"), verb.allSatisfy(\.isLetter) {
                        words[index + 1] =
                            String(words[index + 1].dropLast(verb.hasSuffix("ies") ? 3 : 1)) + (verb.hasSuffix("ies") ? "y" : "")
                    }
                    index += 1
                }
            } else if let form = forms[word], !["is", "was", "has", "does"].contains(word) {
                words[index] = form
            }
            index += 1
        }
        return words.joined(separator: " ")
    }

    /// "tell the team in #general (that) …": where the message goes is not what it says.
    static func withoutDestination(_ text: String) -> String {
        guard
            let range = text.rangeOfMatch(
                of: #"^(?:in|on|at|to|via|over) (?:#[\w-]+|slack|chat)(?:[\s,:]+|$)(?:that )?"#,
                options: .caseInsensitive)
        else { return text }
        return String(text[range.upperBound...])
    }

    static func reportedMessage(in clause: String) -> String? {
        let lower = clause.lowercased()
        for (regex, compose) in reportedPatterns {
            guard let match = regex.firstMatch(in: lower, range: NSRange(lower.startIndex..., in: lower)),
                let range = Range(match.range(at: 1), in: lower)
            else { continue }
            // The original casing, from the same offsets (lower-casing keeps ASCII offsets).
            let offset = lower.distance(from: lower.startIndex, to: range.lowerBound)
            let length = lower.distance(from: range.lowerBound, to: range.upperBound)
            guard clause.count == lower.count else { return compose(String(lower[range])) }
            let start = clause.index(clause.startIndex, offsetBy: offset)
            let text = withoutDestination(
                String(clause[start..<clause.index(start, offsetBy: length)]).trimmingCharacters(in: CharacterSet(charactersIn: " .!?")))
            return text.isEmpty ? nil : compose(text)
        }
        return nil
    }
}
