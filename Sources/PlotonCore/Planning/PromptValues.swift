import Foundation

/// Values a prompt states in passing: message text, times and durations, file names, ids, names.
extension PromptText {
    /// Text in "double", “curly” or 'single' quotes, in order ("it's" is not a quote).
    public static func quotedTexts(in prompt: String) -> [String] {
        let characters = Array(prompt)
        return quotedSpans(in: characters).compactMap { open, close in
            let text = String(characters[(open + 1)..<close]).trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : text
        }
    }

    /// `transform` applied to the prompt outside its quoted texts (`quotedTexts`), which stay as written.
    static func outsideQuotes(_ prompt: String, _ transform: (String) -> String) -> String {
        let characters = Array(prompt)
        var result = ""
        var from = 0
        for (open, close) in quotedSpans(in: characters) {
            result += transform(String(characters[from..<open])) + String(characters[open...close])
            from = close + 1
        }
        return result + transform(String(characters[from...]))
    }

    /// `prompt` rewritten by each rule in turn (a pattern and its template), outside its quoted texts.
    static func rewritten(_ prompt: String, by rules: [(NSRegularExpression, String)]) -> String {
        outsideQuotes(prompt) { text in
            rules.reduce(text) { text, rule in
                rule.0.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: rule.1)
            }
        }
    }

    /// The positions of each quote's opening and closing mark.
    private static func quotedSpans(in characters: [Character]) -> [(Int, Int)] {
        var spans: [(Int, Int)] = []
        var index = 0
        while index < characters.count {
            let mark = characters[index]
            let closing: Character? =
                switch mark {
                case "\"": "\""
                case "“": "”"
                case "'" where index == 0 || !(characters[index - 1].isLetter || characters[index - 1].isNumber): "'"
                default: nil
                }
            guard let closing,
                let end = characters[(index + 1)...].indices.first(where: { position in
                    characters[position] == closing
                        && (closing != "'" || position + 1 == characters.count || !characters[position + 1].isLetter)
                })
            else {
                index += 1
                continue
            }
            spans.append((index, end))
            index = end + 1
        }
        return spans
    }

    /// The words after a marker ("saying …", "that …", ": …", " - …") up to the end of the clause.
    public static func messageText(in clause: String) -> String? {
        let lower = clause.lowercased()
        // "and say him the meeting is moved": whom it is said to, as non-native English writes it, is no word of it.
        let markers = [
            " saying that ", " saying ", " that says ", " to say ", " and say him that ", " and say her that ", " and say them that ",
            " and say him ",
            " and say her ", " and say them ", " and say to him ",
            " and say to her ", " and say to them ", " and say ", ", say ",
            // "email dana@… re: board deck - say running late": what to say after the dash, not the topic before it.
            " - say that ", " - say ", " — say ", " – say ", " and tell them ", " and tell him ", " and tell her ",
            " with the message ",
            " with the text ", " the message ",
            " and the body ", " body: ",
            " the body ", " containing ", ": ", " - ", " that ",
        ]
        for marker in markers {
            guard let range = lower.range(of: marker) else { continue }
            // "the subject of the latest email that mentions the NDA": which email, not words to send.
            if marker == " that ",
                lower.rangeOfMatch(
                    of:
                        #"\b(?:e-?mails?|messages?|mails?|invoices?|deals?|files?|docs?|documents?|events?|meetings?|threads?|ones?|posts?)"#
                        + #" that (?:mentions?|contains?|has|have|had|is|are|was|were|came|arrived|includes?|references?|talks?|discuss(?:es)?|"#
                        + #"matches|match|closes?|closed|renews?|starts?|begins?)\b"#) != nil
            {
                continue
            }
            let said = withoutAsides(String(clause[range.upperBound...]))
            let text = (marker == ": " ? withoutSignOff(said, afterColon: true) : withoutSignOff(said))
                .trimmingCharacters(in: CharacterSet(charactersIn: " .!\"'"))
            if !text.isEmpty { return text }
        }
        return nil
    }

    /// "saying thanks for signing. She asked for a confirmation in writing, so the email matters more than the Slack post.":
    /// sentences after the message's first that speak of its recipient or of the message itself are the asker's words to
    /// the agent, not the message's (they were sent to her).
    static func withoutAsides(_ text: String) -> String {
        let aside =
            #"(?i)^(?:(?:she|he|they)\s+(?:asked|wants?|wanted|needs?|needed|requested|said|prefers?|expects?)\b|"#
            + #".*\b(?:keep\s+it\s+(?:short|brief|to)|make\s+sure\s+(?:it|the\s+(?:email|message|post))|that\s+inbox|"#
            + #"the\s+(?:email|e-mail|message|post|slack\s+post|note)\s+(?:matters|is\s+more|should|must|needs|has\s+to)|"#
            + #"(?:don'?t|do\s+not|no\s+need\s+to)\s+(?:mention|include|add|say)\b))"#
        let stop = #"[.!?]\s+(?=\p{Lu})"#
        var rest = text[...]
        while let end = rest.rangeOfMatch(of: stop) {
            let next = rest[end.upperBound...]
            let sentence = next.rangeOfMatch(of: stop).map { next[..<$0.lowerBound] } ?? next
            if sentence.rangeOfMatch(of: aside) != nil { return String(text[...end.lowerBound]) }
            rest = next
        }
        return text
    }

    /// "… by EOD friday. thx": the thanks is the asker's to the agent, not the message's last words.
    /// A letter that opens with a greeting ("Hi Sara, the samples arrived. Thanks!") closes with its own thanks, and so does
    /// a message after a colon that thanks in full words ("Email sara@…: the samples arrived. Thanks!"): the words are
    /// sent as written ("Thanks!" was lost).
    static func withoutSignOff(_ text: String, afterColon: Bool = false) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let stop = trimmed.dropLast().lastIndex(where: { ".!".contains($0) }) else { return text }
        let written = trimmed[trimmed.index(after: stop)...].trimmingCharacters(in: .whitespaces)
        let last = written.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " .!"))
        let signOffs: Set<String> = ["thx", "thanks", "ty", "cheers", "pls", "please", "thank you", "tia", "thanks!", "many thanks"]
        guard signOffs.contains(last) else { return text }
        let greeting = trimmed.rangeOfMatch(
            of: #"^(?i:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hiya|greetings)\b"#)
        let inFull = ["thanks", "thank you", "many thanks", "cheers"].contains(last) && written.first?.isUppercase == true
        return greeting != nil || (afterColon && inFull) ? text : String(trimmed[...stop])
    }

    /// `notes.txt`, `open-deals.txt`, `customers.csv`.
    public static func fileName(in prompt: String) -> String? {
        // "Launch checklist.md" in quotes keeps its spaces.
        if let quoted = quotedTexts(in: prompt).first(where: { isFileName($0) }) { return quoted }
        let tokens = prompt.split(whereSeparator: \.isWhitespace)
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;:!?\"'()“”")) }
            .map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
        guard let index = tokens.firstIndex(where: isFileName) else { return nil }
        // "named Meeting notes.txt": the words between the marker and the extension are the name's.
        let before = tokens[..<index].suffix(3)
        if let marker = before.lastIndex(where: { ["named", "called", "titled"].contains($0.lowercased()) }), marker + 1 < index,
            tokens[(marker + 1)..<index].allSatisfy({ $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } })
        {
            return tokens[(marker + 1)...index].joined(separator: " ")
        }
        // "Find Q3 board report.pdf in Drive": the words back to a capitalised one, after a verb, article or preposition,
        // are the name's (it was searched as "report.pdf").
        let stops: Set<String> = [
            "the", "a", "an", "my", "our", "their", "his", "her", "its", "this", "that", "in", "on", "to", "from", "of", "as", "at", "for",
            "with", "named", "called", "titled", "file", "and", "or", "me", "us", "it",
        ]
        let run = tokens[..<index].suffix(4).enumerated().reversed().prefix { offset, token in
            index - min(index, 4) + offset > 0 && !token.isEmpty && token.allSatisfy { $0.isLetter || $0.isNumber || "-_&".contains($0) }
                && !stops.contains(token.lowercased()) && PromptClauses.actionVerbs[token.lowercased()] == nil
                && !PromptClauses.readVerbs.contains(token.lowercased()) && !Self.namesService(token)
        }.map(\.element).reversed().drop { $0.first?.isUppercase != true }
        if run.count > 1 { return (run + [tokens[index]]).joined(separator: " ") }
        // "Find Customer list.csv in drive": capitalised words right before it (not the opening verb) are the name's.
        let name = before.enumerated().reversed().prefix { offset, token in
            index - before.count + offset > 0 && token.first?.isUppercase == true && token.allSatisfy { $0.isLetter || $0.isNumber }
                // "Q3 report.pdf": a word of the name, though not a customer's; only a service is not.
                && !Self.namesService(token)
        }
        return (name.reversed().map(\.element) + [tokens[index]]).joined(separator: " ")
    }

    /// "Drive", "Slack": a service's name, never a word of a file's name. "Meeting notes.txt": a word that only
    /// hints at one is the name's (read without it, "notes.txt" was searched).
    static func namesService(_ token: String) -> Bool {
        let word = token.lowercased()
        return ServiceMatcher.brands[word] != nil && !["meeting", "meetings", "events", "schedule", "forecast", "documents"].contains(word)
    }

    static func isFileName(_ token: String) -> Bool {
        let extensions: Set<String> = [
            "txt", "csv", "md", "pdf", "docx", "doc", "xlsx", "json", "png", "jpg", "html", "log", "yaml", "yml", "xml", "tsv", "pptx",
            "ppt", "xls", "rtf", "jpeg", "gif", "svg", "ics", "zip", "odt", "ods",
        ]
        guard let dot = token.lastIndex(of: "."), dot != token.startIndex, !token.contains("@") else { return false }
        return extensions.contains(token[token.index(after: dot)...].lowercased())
    }

    /// Tokens that look like provider ids: `pi_3Abc`, `cus_ABC`, or a word made of letters and digits
    /// that follows one of `after` ("contact 1003", "file 1AbC").
    /// `also`: characters an id may hold besides letters, digits and "_" (a Drive file id has "-").
    public static func identifier(in prompt: String, prefixes: [String] = [], after: Set<String> = [], also: Set<Character> = []) -> String?
    {
        let tokens = prompt.split(whereSeparator: \.isWhitespace).map {
            // "deal #2007" names 2007.
            // `{'query': 'refund … pi_3S1a…'}`: a framework's quotes and braces are no part of the id.
            String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?\"'()“”#{}[]"))
        }
        if let prefixed = tokens.first(where: { token in prefixes.contains { token.hasPrefix($0) && token.count > $0.count } }) {
            // "customer cus_Tr55…'s subscription": the id, not its possessive.
            return prefixed.replacingMatches(of: #"['’]s$"#, with: "")
        }
        // "the smallest deal user_123 has": the end user, whose records they are, is none of them.
        let endUser = after.isEmpty ? nil : PromptText.endUser(in: prompt)
        for (index, token) in tokens.enumerated().dropFirst() where after.contains(tokens[index - 1].lowercased()) {
            var word = token
            for suffix in ["'s", "’s"] where word.hasSuffix(suffix) { word = String(word.dropLast(2)) }
            if word.count >= 4, word.contains(where: \.isNumber), word != endUser,
                word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || also.contains($0) })
            {
                return word
            }
        }
        return nil
    }

    /// Titles before a name: no part of it ("Mr. Oluwaseun Adeyemi" was saved as first name "Mr").
    static let honorifics: Set<String> = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "madam", "mme", "mlle", "herr", "frau", "sr", "sra", "srta",
    ]

    /// Capitalised words in a row ("Jane Doe"), skipping the first word of the prompt, brands and titles.
    public static func personName(in prompt: String) -> (first: String, last: String?)? {
        let skip = Set(["HubSpot", "Hubspot", "CRM", "Stripe", "Slack", "Gmail", "Drive", "Google", "Add", "Create", "New", "I"])
            .union(honorifics.map(\.capitalizedFirst))
        let written = prompt.split(whereSeparator: \.isWhitespace)
        let tokens = written.map { String($0).trimmingCharacters(in: .punctuationCharacters) }
        var run: [String] = []
        for (token, said) in zip(tokens, written).dropFirst() {
            // "Ortega-Ruiz", "O'Brien": a hyphen or an apostrophe inside a name.
            if let first = token.first, first.isUppercase, token.allSatisfy({ $0.isLetter || "-'’".contains($0) }),
                token.last?.isLetter == true,
                !skip.contains(token)
            {
                run.append(token)
                // "(Priya Nair, Hooli)": a comma ends the name.
                if run.count == 3 || said.last.map({ ",;:)".contains($0) }) == true { break }
            } else if !run.isEmpty {
                break
            }
        }
        // "Mei Ling Chow": three names are two given names and the family's; a weekday or month after two is no name.
        if run.count == 3, PromptText.weekdays.contains(run[2].lowercased()) || PromptText.months.contains(run[2].lowercased()) {
            run.removeLast()
        }
        guard let first = run.first else { return nil }
        // "Siobhán Ní Bhriain", "Lena Van Dijk": a particle opens the family name.
        let particles: Set<String> = [
            "ní", "nic", "mac", "mc", "van", "von", "de", "da", "del", "della", "di", "du", "la", "le", "bin", "al", "ó", "o'", "st",
        ]
        if run.count == 3 {
            return particles.contains(run[1].lowercased()) ? (run[0], run[1] + " " + run[2]) : (run[0] + " " + run[1], run[2])
        }
        return (first, run.count > 1 ? run[1] : nil)
    }

    /// A clock time: "3pm", "10am", "4:30pm", "9:30", "noon", "15:00".
    static let streetWords: Set<String> = [
        "street", "st", "road", "rd", "avenue", "ave", "lane", "ln", "close", "drive", "dr", "court", "way", "place", "square",
        "terrace", "crescent", "gardens", "grove", "mews", "boulevard", "blvd", "strasse", "straße", "rue", "calle", "via",
    ]

    public static func timeOfDay(in prompt: String) -> (hour: Int, minute: Int)? {
        if let range = timeRange(in: prompt) { return range.start }
        let tokens = prompt.lowercased().split(whereSeparator: \.isWhitespace).map {
            String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?\"'()"))
        }
        if tokens.contains("noon") || tokens.contains("midday") { return (12, 0) }
        for (index, token) in tokens.enumerated() {
            var text = token
            var meridiem: String?
            for suffix in ["am", "pm"] where text.hasSuffix(suffix) {
                meridiem = suffix
                text = String(text.dropLast(2))
            }
            if meridiem == nil, index + 1 < tokens.count, ["am", "pm"].contains(tokens[index + 1]) { meridiem = tokens[index + 1] }
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            // "9:30" and "4:30pm" are times; "1:1" (a one-on-one) is not.
            guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isNumber) }),
                parts.count == 1 || parts[1].count == 2,
                let hour = Int(parts[0]), let minute = parts.count == 2 ? Int(parts[1]) : 0, hour <= 23, minute <= 59,
                meridiem != nil || parts.count == 2 || (index > 0 && tokens[index - 1] == "at"),
                // "a plumbing job at 22 Oak Avenue": a house number, no time (it was booked at 22:00).
                meridiem != nil || parts.count == 2 || !tokens.dropFirst(index + 1).prefix(3).contains(where: streetWords.contains)
            else { continue }
            switch meridiem {
            case "pm" where hour < 12: return (hour + 12, minute)
            case "am" where hour == 12: return (0, minute)
            // "tomorrow at 3", "at 3:30": without am or pm, an hour from 1 to 6 is the afternoon's, as people mean it
            // ("03:30", written with its zero, is the night's).
            case nil where (1...6).contains(hour) && !parts[0].hasPrefix("0"): return (hour + 12, minute)
            default: return (hour, minute)
            }
        }
        return nil
    }

    /// "for an hour", "for 2 hours", "30 minute", "45-minute", "for 90 minutes", "2h", "45m", "1.5 hours",
    /// "an hour and a half", "half an hour" → seconds.
    public static func duration(in prompt: String) -> TimeInterval? {
        let words = prompt.lowercased().replacingOccurrences(of: "-", with: " ").split(whereSeparator: \.isWhitespace).map {
            String($0).trimmingCharacters(in: .punctuationCharacters)
        }
        for (index, word) in words.enumerated() {
            // "in 2 hours, for 30 min": when it starts, not how long; "2 hours from now" too.
            let offset = { (first: Int) in
                (first > 0 && ["in", "within"].contains(words[first - 1]))
                    || words.dropFirst(index + 1).prefix(2).elementsEqual(["from", "now"])
            }
            if let compact = compactDuration(word) {
                if offset(index) { continue }
                return compact
            }
            guard index > 0, let unit = durationUnit(word), !offset(index - 1) else { continue }
            let count = words[index - 1]
            if count == "half", index > 1, words[index - 2] == "a" || words[index - 2] == "an" { return unit / 2 }
            // "for half an hour": an hour was booked.
            if ["an", "a"].contains(count), index > 1, words[index - 2] == "half" { return unit / 2 }
            guard
                let base = ["an", "a", "one"].contains(count) ? unit : Double(count).flatMap({ $0 > 0 && $0 <= 24 * 60 ? $0 * unit : nil })
            else { continue }
            let more = words.dropFirst(index + 1).prefix(3)
            return more.elementsEqual(["and", "a", "half"]) ? base + unit / 2 : base
        }
        return nil
    }

    static func durationUnit(_ word: String) -> TimeInterval? {
        word.hasPrefix("hour") || word == "hr" || word == "hrs" ? 3_600 : word.hasPrefix("min") ? 60 : nil
    }

    /// "2h", "45m", "90min", "1.5hrs".
    public static func compactDuration(_ word: String) -> TimeInterval? {
        for (suffix, unit) in [("hrs", 3_600.0), ("hr", 3_600), ("h", 3_600), ("mins", 60), ("min", 60), ("m", 60)]
        where word.hasSuffix(suffix) {
            let number = word.dropLast(suffix.count)
            guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }), let value = Double(number), value > 0, value <= 1_440
            else { return nil }
            return value * unit
        }
        return nil
    }

    /// A day: an ISO date (2026-06-12), today, tomorrow, a weekday ("Friday", "next Monday").
    public static func day(in prompt: String, now: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let today = calendar.startOfDay(for: now)
        // "on the 24th of June 09:30–11:00": a clock time is no day ("June 09" was the 9th).
        let lower = prompt.lowercased().replacingMatches(of: #"\b\d{1,2}:\d{2}\b"#, with: " ")
        // "set up sync w/ ana mon 2pm": a weekday cut short (not "sat"/"sun", words of their own), read as a day only here
        // (the words of a message stay as written).
        let short = [
            "mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday", "thu": "thursday", "thur": "thursday",
            "thurs": "thursday", "fri": "friday",
        ]
        var words = lower.split { !$0.isLetter && !$0.isNumber && $0 != "-" }.map { short[String($0)] ?? String($0) }
        // "add 'Yoga' to my calendar sat 8am": "sat" and "sun" are days beside a time or after "on", "this" or "next".
        for index in words.indices where ["sat", "sun"].contains(words[index]) {
            let before = index > 0 ? words[index - 1] : ""
            let after = index + 1 < words.count ? words[index + 1] : ""
            let timed = after.rangeOfMatch(
                of: #"^\d{1,2}(?:am|pm)?$|^(?:at|morning|afternoon|evening|night|noon|midday)$"#)
            if timed != nil || ["on", "this", "next", "every"].contains(before) {
                words[index] = words[index] == "sat" ? "saturday" : "sunday"
            }
        }
        if let iso = words.first(where: { $0.count == 10 && $0.split(separator: "-").count == 3 }) {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate]
            if let date = formatter.date(from: iso) { return date }
        }
        if let date = nthWeekday(in: words, now: now) ?? monthDay(in: words, now: now) ?? numericDay(in: prompt, now: now)
            ?? dayOfMonth(in: words, now: now)
        {
            return date
        }
        if let date = daysAhead(in: words, from: today) { return date }
        // "the day after tomorrow" holds "tomorrow", a day early.
        if lower.contains("day after tomorrow") { return calendar.date(byAdding: .day, value: 2, to: today) }
        if words.contains("tomorrow") || words.contains("tomorow") { return calendar.date(byAdding: .day, value: 1, to: today) }
        if words.contains("today") || words.contains("tonight") { return today }
        let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
        // "Friday next week", "on Friday of next week", "next week on Friday": that day of the coming Monday's week (said on
        // a Thursday, the call was booked for the next morning).
        if let at = words.firstIndex(where: { weekdays.contains($0) }), let weekday = weekdays.firstIndex(of: words[at]),
            let next = words.indices.dropLast().first(where: { words[$0] == "next" && words[$0 + 1] == "week" }),
            abs(next - at) <= 3
        {
            let current = calendar.component(.weekday, from: today) - 1
            let toMonday = (1 - current + 7) % 7 == 0 ? 7 : (1 - current + 7) % 7
            let offset = (weekday + 6) % 7
            return calendar.date(byAdding: .day, value: toMonday + offset, to: today)
        }
        // "Friday" and "next Friday" are both the coming one (docs/workflows.md).
        if let weekday = words.lazy.compactMap({ weekdays.firstIndex(of: $0) }).first {
            let current = calendar.component(.weekday, from: today) - 1
            let ahead = (weekday - current + 6) % 7 + 1
            return calendar.date(byAdding: .day, value: ahead, to: today)
        }
        return nil
    }

    /// "between Dec 14 and Dec 18", "from Monday to Wednesday", "Dec 14 through Dec 18": the days from the first to
    /// the end of the last (it read the first day alone).
    public static func dayRange(in prompt: String, now: Date) -> (start: Date, end: Date)? {
        let lower = prompt.lowercased()
        for (opening, joiners) in [
            ("between ", [" and "]), ("from ", [" to ", " until ", " through ", " thru "]), ("", [" through ", " thru "]),
        ] {
            guard let open = opening.isEmpty ? lower.startIndex..<lower.startIndex : lower.range(of: opening) else { continue }
            let rest = lower[open.upperBound...]
            for joiner in joiners {
                guard let join = rest.range(of: joiner) else { continue }
                let first = String(rest[..<join.lowerBound].split(separator: " ").suffix(opening.isEmpty ? 3 : 4).joined(separator: " "))
                let second = String(rest[join.upperBound...].split(separator: " ").prefix(3).joined(separator: " "))
                // Both must be days of their own: "between 2 and 4" are hours.
                guard first.contains(where: \.isLetter) || first.contains("/") || first.contains("-"),
                    let start = day(in: first, now: now), let last = day(in: second, now: now), last >= start,
                    last.timeIntervalSince(start) <= 366 * 86_400
                else { continue }
                return (start, last.addingTimeInterval(86_400))
            }
        }
        return nil
    }

    /// "the first Monday of January", "the last Friday of next month": that weekday of the coming such month (it
    /// read "Monday" alone, the coming Monday).
    static func nthWeekday(in words: [String], now: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let ordinals = ["first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1]
        let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
        for index in words.indices.dropLast(3) {
            guard let nth = ordinals[words[index]], let weekday = weekdays.firstIndex(of: words[index + 1]),
                ["of", "in"].contains(words[index + 2])
            else { continue }
            let today = calendar.startOfDay(for: now)
            let thisMonth = calendar.dateComponents([.year, .month], from: today)
            guard let year = thisMonth.year, let current = thisMonth.month else { return nil }
            var candidates: [(Int, Int)] = []
            if let month = monthNumber(words[index + 3]) {
                candidates = [(year, month), (year + 1, month)]
            } else if index + 4 < words.count, words[index + 4] == "month", ["next", "this", "the"].contains(words[index + 3]) {
                let offset = words[index + 3] == "next" ? 1 : 0
                candidates = [(year + (current + offset - 1) / 12, (current + offset - 1) % 12 + 1)]
            }
            for (year, month) in candidates {
                var components = DateComponents(year: year, month: month, weekday: weekday + 1)
                components.weekdayOrdinal = nth
                if let date = calendar.date(from: components), date >= today { return date }
            }
            return nil
        }
        return nil
    }

    /// "in two weeks", "in 3 days", "a week from today": that many days after today. Unread, the event was
    /// made today, hours in the past.
    static func daysAhead(in words: [String], from today: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let units = ["day": 1, "days": 1, "week": 7, "weeks": 7]
        for index in words.indices.dropLast() {
            guard let unit = units[words[index + 1]] else { continue }
            // "a week from today": "a" is one.
            let count = ["a", "an"].contains(words[index]) ? 1 : Int(words[index]) ?? wordedNumber([words[index]]).map { Int($0) }
            guard let count, count > 0, count <= 366, index > 0 else { continue }
            // "in two weeks", "two weeks from today/now".
            let ahead =
                words[index - 1] == "in"
                || (index + 3 < words.count && words[index + 2] == "from" && ["today", "now"].contains(words[index + 3]))
            if ahead { return calendar.date(byAdding: .day, value: count * unit, to: today) }
        }
        return nil
    }

    /// "on the 10th", "the 3rd": a day of the month without its month, the coming one (this month's, or
    /// next month's once it has passed).
    static func dayOfMonth(in words: [String], now: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard
            let index = words.indices.dropFirst().first(where: { index in
                words[index - 1] == "the" && ["st", "nd", "rd", "th"].contains { words[index].hasSuffix($0) }
                    && Int(words[index].dropLast(2)).map { (1...31).contains($0) } == true
                    // "the 2nd message", "the 3rd one": a place in a list, not a day.
                    && (index + 1 == words.count
                        || !FieldName.recordNouns.union(["email", "emails", "one", "item", "row", "line", "page", "time", "attempt"])
                            .contains(words[index + 1]))
            }), let day = Int(words[index].dropLast(2))
        else { return nil }
        let today = calendar.startOfDay(for: now)
        var month = calendar.dateComponents([.year, .month], from: today)
        for _ in 0..<3 {
            month.day = day
            if let date = calendar.date(from: month), calendar.component(.day, from: date) == day, date >= today { return date }
            month.day = nil
            guard let first = calendar.date(from: month), let next = calendar.date(byAdding: .month, value: 1, to: first) else {
                return nil
            }
            month = calendar.dateComponents([.year, .month], from: next)
        }
        return nil
    }

    /// "14/12", "14/12/2026", "14.12.2026": a day and month as written outside the US; the month comes
    /// first only when the first number cannot be one ("12/14"). Without a year, the coming one.
    static func numericDay(in prompt: String, now: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for token in prompt.split(whereSeparator: \.isWhitespace) {
            let text = token.trimmingCharacters(in: CharacterSet(charactersIn: ",;:!?\"'()"))
            let separator: Character = text.contains("/") ? "/" : "."
            let parts = text.split(separator: separator, omittingEmptySubsequences: false).map { Int($0) }
            guard (2...3).contains(parts.count), parts.allSatisfy({ $0 != nil }), text.count <= 10,
                separator == "/" || parts.count == 3
            else { continue }
            var (day, month) = (parts[0]!, parts[1]!)
            if month > 12, day <= 12 { (day, month) = (month, day) }
            let stated = parts.count == 3 ? (parts[2]! < 100 ? 2_000 + parts[2]! : parts[2]!) : nil
            guard (1...12).contains(month), (1...31).contains(day),
                var date = calendar.date(from: DateComponents(year: stated ?? calendar.component(.year, from: now), month: month, day: day))
            else { continue }
            if stated == nil, date < calendar.startOfDay(for: now), let later = calendar.date(byAdding: .year, value: 1, to: date) {
                date = later
            }
            return date
        }
        return nil
    }

    /// ISO 8601 date-times written out ("2026-03-12T16:00:00Z"), in order.
    public static func timestamps(in prompt: String) -> [Date] {
        let formatter = ISO8601DateFormatter()
        return prompt.split(whereSeparator: \.isWhitespace).compactMap { token in
            let text = token.trimmingCharacters(in: CharacterSet(charactersIn: ",;!?\"'()"))
            guard text.contains("T") else { return nil }
            return formatter.date(from: text.hasSuffix(".") ? String(text.dropLast()) : text)
        }
    }

    /// The day and time a prompt names, in UTC: "tomorrow at 3pm" → 2026-05-29T15:00:00Z.
    public static func startTime(in prompt: String, now: Date) -> Date? {
        if let stated = timestamps(in: prompt).first { return stated }
        // "in 2 hours", "in 30 minutes", "in an hour": from now, to the minute.
        if let delay = delay(in: prompt) {
            let start = now.addingTimeInterval(delay)
            return start.addingTimeInterval(-start.timeIntervalSince1970.truncatingRemainder(dividingBy: 60))
        }
        guard let time = timeOfDay(in: prompt) else { return nil }
        let day = day(in: prompt, now: now) ?? now.addingTimeInterval(-now.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400))
        return day.addingTimeInterval(TimeInterval(time.hour * 3_600 + time.minute * 60))
    }

    /// "in 2 hours", "in 30 minutes", "in an hour", "in half an hour" → seconds from now; nil without "in".
    static func delay(in prompt: String) -> TimeInterval? {
        let words = prompt.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        for index in words.indices.dropLast() where words[index] == "in" {
            let rest = words[(index + 1)...].prefix(4)
            if rest.starts(with: ["half", "an", "hour"]) { return 1_800 }
            // "in 90 minutes", "in 36 hours": up to two days ahead.
            guard let count = rest.first.flatMap({ ["an", "a", "one"].contains($0) ? 1 : Double($0) }), count > 0,
                let unit = rest.dropFirst().first.flatMap(durationUnit), count * unit <= 48 * 3_600
            else { continue }
            return count * unit
        }
        // "2 hours from now", "an hour from now".
        for index in words.indices.dropFirst().dropLast(2) where words[index + 1] == "from" && words[index + 2] == "now" {
            let count = ["an", "a", "one"].contains(words[index - 1]) ? 1 : Double(words[index - 1])
            guard let count, count > 0, let unit = durationUnit(words[index]), count * unit <= 48 * 3_600 else { continue }
            return count * unit
        }
        return nil
    }
}
