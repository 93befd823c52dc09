import Foundation

/// Times of day written on a 24-hour clock without a colon, as much of the world writes them: "tomorrow 0800", "at 1430
/// IST", "fri 0930 to 1030", "15/12 at 11h", "from 14h to 15h30". Each is written as "08:00", "14:30", "11:00", the form
/// the rest of the planner reads (the event asked for its start, and "mail … tomorrow 0800" was sent at once).
///
/// Only where the words around it make it a time: after "at", "from", "until", "by", "around", "@", a day or a date, and
/// the time it runs to after "to" or a dash. A bare number stays what it was ("amount to 1500", "deal 2003", "for 2h",
/// "555-0142"), and so does a sentence about money.
enum ClockTimes {
    private static let day =
        #"today|tomorrow|tmrw|tonight|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?"#
    /// A time: "1430", "0800hrs", "14h", "15h30".
    private static let time =
        #"(?:(?:[01]\d|2[0-3])[0-5]\d(?:\s?(?:hrs?|h))?|(?:[01]?\d|2[0-3])h(?:[0-5]\d)?)(?![\w:])(?![/.,]\d|-\d\d(?!\d))"#
    /// What may stand before the time: a word that places it, a day or a date ("15/12", "7.12.2026"); then the time, and
    /// perhaps "to" or a dash and the time it ends.
    private static let expression = try? NSRegularExpression(
        pattern: #"(?i)((?<![\w:/.])(?:(?:at|from|until|till|by|around|"# + day
            + #")\s+|\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\s+(?:at\s+)?|@\s?))"#
            + "(" + time + #")(?:(\s?(?:to|till|until|-|–)\s?)("# + time + "))?")

    /// "1430" → "14:30", "0800hrs" → "08:00", "14h" → "14:00", "15h30" → "15:30".
    static func colon(_ time: Substring) -> String {
        let lower = time.lowercased().replacingOccurrences(of: " ", with: "")
        let bare = lower.hasSuffix("hrs") ? lower.dropLast(3) : lower.hasSuffix("hr") ? lower.dropLast(2) : lower[...]
        if let h = bare.firstIndex(of: "h") {
            let minutes = bare[bare.index(after: h)...]
            return bare[..<h] + ":" + (minutes.isEmpty ? "00" : minutes)
        }
        return bare.prefix(2) + ":" + bare.dropFirst(2)
    }

    /// A sentence about money ("change the amount from 1500 to 2000") holds amounts, not times.
    private static let money =
        #"(?i)[$€£₹]|\b(?:amount|price|value|worth|cost|usd|eur|gbp|inr|dollars?|euros?|pounds?|refund)\b"#

    /// A sentence: a stop ends one only before a space ("7.12.2026" is one date).
    private static let sentence = try? NSRegularExpression(pattern: #"(?:[^.!?\n]|[.!?](?!\s|$))+"#)

    static func resolved(_ prompt: String) -> String {
        guard let sentence, let expression, prompt.rangeOfMatch(of: #"\d{3,4}\b|\dh\b|\dh\d"#) != nil else { return prompt }
        return PromptText.outsideQuotes(prompt) { text in
            var result = ""
            var last = text.startIndex
            for match in sentence.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range, in: text) else { continue }
                result += text[last..<range.lowerBound]
                let said = String(text[range])
                result += said.rangeOfMatch(of: money) != nil ? said : written(said, with: expression)
                last = range.upperBound
            }
            return result + text[last...]
        }
    }

    /// The sentence with each time the expression finds written with a colon.
    static func written(_ sentence: String, with expression: NSRegularExpression) -> String {
        var result = ""
        var last = sentence.startIndex
        for match in expression.matches(in: sentence, range: NSRange(sentence.startIndex..., in: sentence)) {
            guard let whole = Range(match.range, in: sentence), let lead = Range(match.range(at: 1), in: sentence),
                let start = Range(match.range(at: 2), in: sentence)
            else { continue }
            result += sentence[last..<whole.lowerBound] + sentence[lead] + colon(sentence[start])
            if let separator = Range(match.range(at: 3), in: sentence), let end = Range(match.range(at: 4), in: sentence) {
                result += sentence[separator] + colon(sentence[end])
            }
            last = whole.upperBound
        }
        return result + sentence[last...]
    }
}
