import Foundation

/// "📅 tmrw 9am standup w/ the team, 15 min": a meeting, its time and how long it lasts, with no verb, as people note a
/// booking. A length is said only of time being booked, so it is one to schedule (the day's events were listed).
enum VerblessEvents {
    static let events: Set<String> = [
        "meeting", "standup", "stand-up", "sync", "call", "1:1", "one-on-one", "review", "demo", "lunch", "interview", "retro",
        "kickoff", "check-in", "catch-up", "huddle", "session", "appointment", "workshop", "briefing",
    ]

    static let shortDays: Set<String> = ["mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"]

    static func resolved(_ prompt: String) -> String {
        guard !prompt.contains("\n"), !prompt.contains("?"), PromptClauses.classify(prompt).1 == nil,
            !PromptText.words(prompt).isDisjoint(with: events), PromptText.timeOfDay(in: prompt) != nil,
            // A length, or a time range ("from 09:00 till 10:30"), is said only of time being booked.
            prompt.rangeOfMatch(of: #"(?i)\b\d+\s?(?:min|mins|minutes?|h|hrs?|hours?)\b"#) != nil
                || prompt.rangeOfMatch(of: #"(?i)\bfrom\s+\d{1,2}(?::\d{2})?\s*(?:am|pm)?\s+(?:till|until|to|-)\s+\d{1,2}(?::\d{2})?"#)
                    != nil,
            // "Liam Dubois is our champion at Stark. Put a call with him …": a verb later says what to do.
            !PromptClauses.split(prompt).contains(where: \.isAction)
        else { return prompt }
        // "tomorrow 9am standup with the team": the meeting first, then when, as the title is read from the words after the verb.
        let tokens = prompt.split(whereSeparator: \.isWhitespace).map(String.init).filter {
            $0.contains(where: { $0.isLetter || $0.isNumber })
        }
        let units: Set<String> = ["min", "mins", "minute", "minutes", "h", "hr", "hrs", "hour", "hours"]
        let when = tokens.indices.prefix { index in
            let word = tokens[index].lowercased().trimmingCharacters(in: .punctuationCharacters)
            // "30 min mtg w/ chloe …": a length is the meeting's, not when it is.
            let length = index + 1 < tokens.count && units.contains(tokens[index + 1].lowercased())
            return PromptText.namesTime(word) || shortDays.contains(word) || ["at", "on", "next", "this"].contains(word)
                || (word.rangeOfMatch(of: #"^\d{1,2}(?::\d{2})?(?:am|pm)?$"#) != nil && !length)
        }.map { tokens[$0] }
        let rest = tokens.dropFirst(when.count).joined(separator: " ")
        return (["schedule", rest] + when).joined(separator: " ")
    }
}
