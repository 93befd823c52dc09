import Foundation

extension PromptClause {
    /// The clause without what its message says (quoted or not), so words in the message ("the demo
    /// is at 3pm", "we are moving to Jira") are not read as instructions.
    var instructions: String {
        var text = self.text
        let message = ActionSteps.literalMessage(self)
        for said in [message.subject, message.body].compactMap({ $0 }) + PromptText.quotedTexts(in: text) where !said.isEmpty {
            text = text.replacingOccurrences(of: said, with: " ")
        }
        return text
    }
}

/// "Email ann@… tomorrow at 9am saying …", "On Friday, post … in #eng": a message asked to go out
/// later. No tool here sends later, and sending it now would not be what was asked.
enum DeferredDelivery {
    static let eventWords: Set<String> = [
        "meeting", "meetings", "event", "events", "calendar", "call", "calls", "agenda", "invite", "standup", "appointment",
    ]

    /// The time the message was asked to go out at ("tomorrow at 9am", "on friday"), if any.
    static func later(in clause: PromptClause, now: Date) -> String? {
        guard clause.kind == .deliver else { return nil }
        // Only the words before what the message says: "ask him whether Thursday at 10:00 works" asks about a time.
        var text = clause.instructions
        // (A colon between digits is a time's: "tomorrow 08:00 saying …".)
        if let colon = text.rangeOfMatch(of: #"(?<!\d):|:(?!\d)"#) { text = String(text[..<colon.lowerBound]) }
        // ("send it at that time at tomorrow at 8am": "that" there opens no message.)
        text = text.replacingMatches(of: #"(?i)\b(?:at|by)\s+that\s+time\b"#, with: "then")
        for marker in [
            " saying ", " that ", " to say ", " whether ", " if ", " ask ", " with subject ", " with the ", " about ", " body ",
        ] {
            if let range = text.range(of: marker, options: .caseInsensitive) { text = String(text[..<range.lowerBound]) }
        }
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        // "email ann the meetings tomorrow at 3pm": a time that says which events to read.
        guard Set(words).isDisjoint(with: eventWords) else { return nil }
        let opening = words.prefix { PromptClauses.isTimeWord($0) }
        // "Post in #general on Friday morning: …": a day said right after where it goes.
        if let day = text.captured(
            of:
                #"(?i)(?:#[\w-]+|@[\w-]+(?:\.[\w-]+)+|\b(?:me|him|her|them|everyone))\s+((?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"#
                + #"(?:\s+(?:morning|afternoon|evening|night))?|tomorrow\s+(?:morning|afternoon|evening|night)|first\s+thing\s+tomorrow)\b"#,
            group: 1)
        {
            return day
        }
        let days = PromptText.weekdays.union(["tomorrow", "tonight"])
        if !opening.isEmpty, opening.contains(where: days.contains) { return opening.joined(separator: " ") }
        // "email ann@… tmrw 9am saying …": a day and a clock time, without "at".
        if let day = words.indices.dropLast().first(where: {
            days.contains(words[$0]) && words[$0 + 1].rangeOfMatch(of: #"^\d{1,2}(?::\d{2})?\s*(?:am|pm)$|^\d{1,2}:\d{2}$"#) != nil
        }) {
            return words[day...(day + 1)].joined(separator: " ")
        }
        // ("send it at that time at tomorrow at 8am": the "at" before a clock time.)
        guard PromptText.timeOfDay(in: text) != nil,
            let at = words.indices.dropLast().first(where: { index in
                ["at", "by"].contains(words[index]) && PromptClauses.isTimeWord(words[index + 1])
                    && (words[index + 1].first?.isNumber == true || ["noon", "midnight"].contains(words[index + 1]))
            })
        else { return nil }
        let before = words[..<at].suffix(2).filter { days.contains($0) || $0 == "on" }
        return (before + words[at...].prefix(2)).joined(separator: " ")
    }
}
