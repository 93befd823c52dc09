import Foundation

/// Times, lengths and days said in words, as a dictated prompt writes them ("at three pm", "nine thirty
/// am", "for forty five minutes", "on the fifth of january"), in the digits the rest of the planner
/// reads ("at 3pm", "9:30am", "for 45 minutes", "on january 5"). Unread, an event asked its start again
/// or the schedule became a calendar read. Quoted text is left as written.
enum SpokenNumbers {
    static let hours = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
        "twelve": 12,
    ]
    static let tens = ["twenty": 20, "thirty": 30, "forty": 40, "fifty": 50]
    static let teens = ["ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50]
    static let ordinals = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
        "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
        "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    ]

    static func written(_ prompt: String) -> String {
        let lower = prompt.lowercased()
        // Nothing to do without a word that can start one: most prompts pass untouched.
        guard
            hours.keys.contains(where: lower.contains) || ordinals.keys.contains(where: lower.contains) || lower.contains("hour")
                || lower.contains("minute")
        else { return prompt }
        let quoted = PromptText.quotedTexts(in: prompt).map { $0.lowercased() }
        var tokens = prompt.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < tokens.count {
            if opensMessageText(tokens[index], in: lower) || (index > 0 && opensToldText(tokens[index], after: tokens[index - 1])) { break }
            if let (text, length) = phrase(at: index, in: tokens), !quoted.contains(where: { $0.contains(tokens[index].lowercased()) }) {
                tokens.replaceSubrange(index..<(index + length), with: [text])
            }
            index += 1
        }
        return tokens.joined(separator: " ")
    }

    /// "body: …", "saying …", a dictated "… subject lunch body can we move lunch to one o'clock": the words after it are a
    /// message's own, written as its writer wrote them (they were sent as "1pm").
    static func opensMessageText(_ token: String, in lower: String) -> Bool {
        let word = token.lowercased()
        return ["body:", "message:", "text:", "content:", "saying", "saying:"].contains(word)
            || (word == "body" && lower.contains("subject"))
    }

    /// "post in #sales that I'm running ten minutes late", "let them know that …": what follows is what is told, in its
    /// writer's words (it was posted as "10 minutes late").
    static func opensToldText(_ token: String, after previous: String) -> Bool {
        let before = previous.lowercased()
        return token.lowercased() == "that"
            && (before.hasPrefix("#") || before.contains("@")
                || ["know", "him", "her", "them", "everyone", "team", "channel", "all", "us", "me"].contains(before))
    }

    /// The digits for the words starting at `index`, and how many tokens they take.
    static func phrase(at index: Int, in tokens: [String]) -> (String, Int)? {
        let words = tokens[index...].prefix(5).map { $0.lowercased() }
        let bare = words.map { $0.trimmingCharacters(in: .punctuationCharacters.subtracting(["-"])) }
        let ending = { (offset: Int) in
            String(words[offset].reversed().prefix { ",.;:!?".contains($0) }.reversed())
        }
        guard let first = bare.first else { return nil }
        // "three pm", "nine thirty am", "ten fifteen p.m.".
        if let hour = hours[first] {
            let (minute, used) = minutes(Array(bare.dropFirst()))
            let at = 1 + used
            if at < bare.count, let meridiem = ["am": "am", "pm": "pm", "a.m": "am", "p.m": "pm"][bare[at]] {
                return ("\(hour):\(String(format: "%02d", minute))\(meridiem)" + ending(at), at + 1)
            }
            if at < bare.count, bare[at] == "o'clock" { return ("\(hour):00" + ending(at), at + 1) }
        }
        // "four pm till five": the hour the event ends.
        if ["till", "til", "until", "'til"].contains(first), bare.count >= 2, let hour = hours[bare[1]] {
            return ("\(words[0]) \(hour)" + ending(1), 2)
        }
        // "forty five minutes", "thirty minutes", "two hours".
        if let (number, used) = count(bare), used < bare.count,
            ["minute", "minutes", "min", "mins", "hour", "hours"].contains(bare[used])
        {
            return ("\(number) \(bare[used])" + ending(used), used + 1)
        }
        // "the fifth of january", "january the fifth".
        if first == "the", bare.count >= 4, let day = ordinals[bare[1]], bare[2] == "of", PromptText.months.contains(bare[3]) {
            return ("\(bare[3]) \(day)" + ending(3), 4)
        }
        if PromptText.months.contains(first), bare.count >= 2 {
            let at = bare[1] == "the" && bare.count >= 3 ? 2 : 1
            if let day = ordinals[bare[at]] { return ("\(first) \(day)" + ending(at), at + 1) }
        }
        return nil
    }

    /// "thirty", "forty five", "fifteen" after an hour: the minutes and the words they take.
    static func minutes(_ words: [String]) -> (Int, Int) {
        guard let first = words.first else { return (0, 0) }
        if let ten = tens[first], words.count > 1, let unit = hours[words[1]], unit < 10 { return (ten + unit, 2) }
        if let minute = teens[first] { return (minute, 1) }
        return (0, 0)
    }

    /// "forty five", "thirty", "two", "ninety": a count said in words, and the words it takes.
    static func count(_ words: [String]) -> (Int, Int)? {
        // "forty-five".
        if let first = words.first, first.contains("-") {
            let halves = first.split(separator: "-").map(String.init)
            guard let value = PromptText.wordedNumber(halves), value > 0, value < 100 else { return nil }
            return (Int(value), 1)
        }
        var used = 0
        while used < min(words.count, 3), PromptText.numberWords[words[used]] != nil, !["a", "an", "and"].contains(words[used]) {
            used += 1
        }
        guard used > 0, let value = PromptText.wordedNumber(words.prefix(used)), value > 0, value < 1000 else { return nil }
        return (Int(value), used)
    }
}
