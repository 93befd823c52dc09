import Foundation

/// A day or time opening a part before its verb ("Tomorrow at 3pm schedule …", "Next Monday at
/// 10am, schedule …"): it belongs to the action that follows, not a part of its own.
extension PromptClauses {
    static let timeWords: Set<String> = PromptText.weekdays.union([
        "today", "tomorrow", "tonight", "next", "this", "on", "at", "by", "morning", "afternoon", "evening", "noon", "midday",
        "midnight", "am", "pm", "a.m", "p.m",
    ])

    /// "3pm", "10:30", "9am", "tomorrow": a word of a day or a time of day (lower-cased, punctuation trimmed).
    static func isTimeWord(_ token: String) -> Bool {
        if timeWords.contains(token) { return true }
        return token.rangeOfMatch(of: #"^\d{1,2}(:\d{2})?\s?(am|pm|a\.m|p\.m)?$"#) != nil
    }

    /// "Next Monday at 10am": a part made only of a day and a time, which the next part's verb takes.
    static func onlyTime(_ text: String) -> Bool {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        return !words.isEmpty && words.count <= 6 && words.allSatisfy { isTimeWord($0) || fillers.contains($0) }
            && words.contains {
                PromptText.weekdays.contains($0) || ["today", "tomorrow", "tonight"].contains($0) || $0.first?.isNumber == true
            }
    }
}
