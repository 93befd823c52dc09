import Foundation

/// "What's on my calendar on Monday? And the weather in Oslo that day": a part pointing back at a day
/// another part names. Read alone, "that day" was no day at all (the calendar read every event, the
/// weather read today's).
enum DayReferences {
    static let phrases = ["that same day", "the same day", "that day", "on the day"]

    /// `text` with "that day" replaced by the day the rest of the prompt names ("on 2026-12-07"), when
    /// the part names none of its own.
    static func resolved(_ text: String, in prompt: String, now: Date) -> String {
        let lower = text.lowercased()
        guard let phrase = phrases.first(where: lower.contains), let range = text.range(of: phrase, options: .caseInsensitive),
            PromptText.day(in: text, now: now) == nil, PromptText.dateRange(in: text, now: now) == nil
        else { return text }
        let elsewhere = prompt.replacingOccurrences(of: text, with: " ")
        guard let day = PromptText.day(in: elsewhere, now: now) ?? PromptText.dateRange(in: elsewhere, now: now)?.start else {
            return text
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let on = text[..<range.lowerBound].lowercased().hasSuffix("on ") ? "" : "on "
        return text.replacingCharacters(in: range, with: on + formatter.string(from: day))
    }
}
