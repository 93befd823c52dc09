import Foundation

/// A value said again, differently, later in the prompt, as people correct themselves in a chat: "put a call on my
/// calendar tomorrow at 10 … Oh and actually make it 4pm instead of 10", "book 30 minutes with Ana. Change that to 45
/// minutes". The later value replaces the earlier one and the correction itself asks nothing (the first time was
/// booked).
enum PromptCorrections {
    enum Kind: CaseIterable {
        case duration, day, time

        var pattern: String {
            switch self {
            case .duration: #"\d+(?:\.\d+)?\s*(?:minutes?|mins?|hours?|hrs?)"#
            case .day: #"(?:today|tomorrow|(?:next\s+|this\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))"#
            case .time: #"(?:\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|noon|midday|midnight)"#
            }
        }

        /// Where the prompt states a value of this kind: a bare time only after "at", "from" or "@" ("Q1", "30 minutes"
        /// and "#2" are no times).
        var statedPattern: String {
            switch self {
            case .time:
                #"(?:(?<=\bat\s)|(?<=\bfrom\s)|(?<=@)|(?<=@\s))\d{1,2}(?::\d{2})?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?![\w:])"#
                    + #"|\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w)|\b\d{1,2}:\d{2}\b|\b(?:noon|midday|midnight)\b"#
            default: #"\b"# + pattern + #"\b"#
            }
        }

        static func of(_ value: String) -> Kind? {
            allCases.first { value.rangeOfMatch(of: "^" + $0.pattern + "$", options: .caseInsensitive) != nil }
        }
    }

    static let value =
        #"(\d+(?:\.\d+)?\s*(?:minutes?|mins?|hours?|hrs?)|\d{1,2}(?::\d{2})?(?:\s*(?:am|pm))?|noon|midday|midnight|today|tomorrow"#
        + #"|(?:next\s+|this\s+)?[a-z]+day)"#
    static let correction = try? NSRegularExpression(
        pattern: #"(?:^|(?<=[.!?,;]\s)|(?<=\n))(?:(?:oh|and|also|sorry|wait|hmm|um|actually|no|ok|okay)[,!]?\s+){0,4}"#
            + #"(?:please\s+)?(?:make|change|move|switch|push)\s+(?:it|that|the\s+(?:time|meeting|call|event|duration|length|day))\s+"#
            + #"(?:to\s+)?"# + value + #"(?:\s+instead)?(?:\s+(?:of|not)\s+"# + value + #")?(?:\s+instead)?\s*(?:[.!]|$)"#,
        options: [.caseInsensitive])

    /// "… post it in #sales. Actually, post it in #sales-emea instead of #sales", "actually make it #random instead",
    /// "Actually use #status-internal instead",
    /// "actually send it to cfo@… instead, subject …": the channel or address said later replaces the one said first (both
    /// were written to).
    static let destination = #"(#[\w-]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"#
    static let destinationCorrection = try? NSRegularExpression(
        pattern: #"(?:^|(?<=[.!?,;]\s)|(?<=\n))(?:(?:oh|and|also|sorry|wait|hmm|um|actually|no|ok|okay)[,!]?\s+){0,4}"#
            + #"(?:please\s+)?(?:post|send|email|mail|put|make|change|move|switch|drop|address|use|go\s+with)\s+(?:it|that|this)?\s*"#
            + #"(?:to|in|into|on)?\s*"#
            + destination + #"(?:\s+instead)?(?:\s+(?:of|not)\s+"# + destination + #")?(?:\s+instead)?\s*(?:[.!,;]|$)"#,
        options: [.caseInsensitive])

    static func destinationResolved(_ prompt: String) -> String {
        guard let regex = destinationCorrection,
            let match = regex.matches(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)).last,
            let whole = Range(match.range, in: prompt), let newRange = Range(match.range(at: 1), in: prompt)
        else { return prompt }
        let new = String(prompt[newRange])
        let before = String(prompt[..<whole.lowerBound])
        let named = Set(
            (new.hasPrefix("#") ? PromptText.channels(in: before).map { "#" + $0 } : PromptText.emails(in: before)).map { $0.lowercased() })
        // The one channel or address said before, or the one the correction names ("instead of #sales").
        guard
            let old = Range(match.range(at: 2), in: prompt).map({ String(prompt[$0]).lowercased() })
                ?? (named.count == 1 ? named.first : nil),
            named.contains(old), old != new.lowercased()
        else { return prompt }
        let corrected = before.replacingMatches(
            of: NSRegularExpression.escapedPattern(for: old) + #"(?![\w-])"#, with: new, options: .caseInsensitive
        ).trimmingCharacters(in: .whitespaces)
        // "…, subject "Q3 numbers", and just say …": what the correction goes on to say stays.
        let after = prompt[whole.upperBound...].drop { $0 == " " }
        return after.isEmpty ? corrected : corrected + " " + after
    }

    /// "post the weather in Madrid to #random … actually make it Valencia instead": the place said later replaces the
    /// one said first (both were looked up, or only the first).
    static let place = #"(\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,2})"#
    static let placeCorrection = try? NSRegularExpression(
        pattern: #"(?:^|(?<=[.!?,;]\s)|(?<=\n))(?:(?i:oh|and|also|sorry|wait|hmm|um|actually|no|ok|okay)[,!]?\s+){0,4}"#
            + #"(?i:please\s+)?(?i:make|change|switch|do)\s+(?i:it|that)\s+(?i:to\s+)?"# + place
            + #"(?:\s+(?i:instead))?(?:\s+(?i:of|not)\s+"# + place + #")?(?:\s+(?i:instead))?(?=\s*(?:[.!,;]|$))"#)

    static func placeResolved(_ prompt: String) -> String {
        guard let regex = placeCorrection,
            let match = regex.matches(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)).last,
            let whole = Range(match.range, in: prompt), let newRange = Range(match.range(at: 1), in: prompt)
        else { return prompt }
        let new = String(prompt[newRange])
        let old = Range(match.range(at: 2), in: prompt).map { String(prompt[$0]) }
        guard !PromptText.namesTime(new.lowercased()), Kind.of(new) == nil else { return prompt }
        let before = String(prompt[..<whole.lowerBound])
        // Capitals tell a place's words from the ones after it ("in Madrid to #random"): matched case by case.
        guard let stated = try? NSRegularExpression(pattern: #"(?<=\b(?i:in|for|at)\s)"# + place) else { return prompt }
        let said = stated.matches(in: before, range: NSRange(before.startIndex..., in: before)).compactMap {
            Range($0.range, in: before)
        }.filter { range in old.map { before[range] == $0 } ?? true }
        guard let earlier = said.last, before[earlier] != new else { return prompt }
        let corrected = before.replacingCharacters(in: earlier, with: new).trimmingCharacters(in: .whitespaces)
            .trimmingCharacters(in: CharacterSet(charactersIn: ",;"))
        let after = prompt[whole.upperBound...].drop { " .,;!".contains($0) }
        return after.isEmpty ? corrected : corrected + ", " + after
    }

    /// "Send an email to tom@… — no wait, to tina@… — telling her …", "arrives at 3 — sorry, at 4pm": a value taken back
    /// as soon as it is said, the next one in its place (both addresses were mailed; "3 — sorry, at 4pm" was posted).
    /// Each starts only where a word does: a long run of letters is tried once, not from each of its letters.
    static let inlineValues = [
        #"(#[\w-]+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"#,
        #"\b((?:today|tomorrow|(?:next\s+|this\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day))"#,
        #"(?<![\w$€£.,:])((?:[$€£]\s?)?\d[\d,.:]*(?:\s*(?:am|pm|k|minutes?|mins?|hours?|hrs?)\b)?)"#,
    ]
    /// "ana@… no wait maria@…", as dictated: the words that take it back, with no mark before them.
    static let takenBack =
        #"(?:\s*(?:—|–|--|-|,|\.\.\.|…)\s*(?:(?:no|wait|sorry|oops|actually|i\s+mean|rather|make\s+that|scratch\s+that|correction|"#
        + #"er|erm|um|sorry)[,!:]?\s+){1,3}|\s+(?:no\s+wait|wait\s+no|no\s+sorry|sorry\s+no|i\s+mean|scratch\s+that|make\s+that)"#
        + #"[,!:]?\s+)(?:(?:to|at|in|on|for|by)\s+)?"#

    static func inlineResolved(_ prompt: String) -> String {
        // Opened right after a non-space: opened anywhere in a run of spaces, the runs cost quadratic time.
        guard prompt.rangeOfMatch(of: "(?i)(?<!\\s)" + takenBack) != nil else { return prompt }
        return inlineValues.reduce(prompt) { prompt, value in
            prompt.replacingMatches(
                of: "(?i)" + value + takenBack + value + #"(?:\s*(?:—|–|--)\s*|\s*,\s*)?"#, with: "$2 "
            ).replacingOccurrences(of: "  ", with: " ")
        }
    }

    static func resolved(_ prompt: String) -> String {
        let prompt = placeResolved(destinationResolved(inlineResolved(prompt)))
        guard let regex = correction,
            let match = regex.firstMatch(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)),
            let whole = Range(match.range, in: prompt), let newRange = Range(match.range(at: 1), in: prompt)
        else { return prompt }
        let new = String(prompt[newRange])
        let old = Range(match.range(at: 2), in: prompt).map { String(prompt[$0]) }
        guard let kind = Kind.of(new) else { return prompt }
        let before = String(prompt[..<whole.lowerBound])
        // Without "instead" or "of …" a sentence that states a value no earlier one did is no correction.
        let stated = before.ranges(of: kind.statedPattern).filter { range in
            old.map { before[range].lowercased().contains($0.lowercased()) } ?? true
        }
        guard let earlier = stated.last, old != nil || Set(stated.map { before[$0].lowercased() }).count == 1 else { return prompt }
        let after = prompt[whole.upperBound...].drop { $0 == " " }
        let corrected = before.replacingCharacters(in: earlier, with: new).trimmingCharacters(in: .whitespaces)
        if let (lengthened, rest) = lengthSaid(after: after, replacingIn: corrected) {
            return rest.isEmpty ? lengthened : lengthened + " " + rest
        }
        return after.isEmpty ? corrected : corrected + " " + after
    }

    /// "Actually make it 11am, and an hour long.": a length said right after a corrected time replaces the last length
    /// said in `before` (it was left, and the meeting kept its first length); nil when `after` opens with no length.
    static func lengthSaid(after: Substring, replacingIn before: String) -> (String, Substring)? {
        let duration = #"(\d+(?:\.\d+)?\s*(?:minutes?|mins?|hours?|hrs?)|an?\s+hour|half\s+an\s+hour)"#
        guard
            let length = after.rangeOfMatch(
                of: #"(?i)^[,;\s]*(?:and\s+)?(?:make\s+it\s+|for\s+)?"# + duration + #"(?:\s+long)?\s*[.!]*(?=\s*(?:\n|$))"#),
            let said = before.ranges(of: #"\b(?:for\s+)?"# + duration + #"(?!\w)"#).last,
            let value = after[length].rangeOfMatch(of: "(?i)" + duration)
        else { return nil }
        return (before.replacingCharacters(in: said, with: "for " + after[value]), after[length.upperBound...].drop(while: \.isWhitespace))
    }
}

extension String {
    /// The ranges of every match of a case-insensitive regular expression.
    fileprivate func ranges(of pattern: String) -> [Range<String.Index>] {
        matchRanges(of: pattern, options: .caseInsensitive)
    }
}
