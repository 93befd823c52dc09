import Foundation

/// Questions about a figure of records written without the records' owner: "how much are we owed?", "what's owed to
/// us?" is what customers owe us (no service word was in it: nothing matched a tool), and a figure no aggregate
/// computes ("the average invoice amount", "median deal size"), which is refused rather than answered with the
/// records (the task said `complete` with a list, not the average).
enum FigureQuestions {
    static let owed = try? NSRegularExpression(
        pattern:
            #"\b(?:how\s+much(?:\s+money)?|what)\s+(?:(?:are|r)\s+we|is|'s)\s+(?:still\s+)?(?:owed|outstanding)(?:\s+to\s+us)?"#
            + #"(?=\s*(?:[?.!,;]|$|\s+(?:right\s+now|now|currently|in\s+total|overall|total)\b))"#
            + #"|\bhow\s+much\s+(?:money\s+)?is\s+(?:still\s+)?owed\s+to\s+us\b|\bwhat(?:'s|\s+is)\s+owed\s+to\s+us\b"#,
        options: [.caseInsensitive])

    static func resolved(_ prompt: String) -> String {
        guard
            prompt.range(of: "owed", options: .caseInsensitive) != nil || prompt.range(of: "outstanding", options: .caseInsensitive) != nil,
            let owed
        else { return prompt }
        return owed.stringByReplacingMatches(
            in: prompt, range: NSRange(prompt.startIndex..., in: prompt), withTemplate: "how much do customers owe us")
    }

    static let unsupported = try? NSRegularExpression(
        pattern:
            #"\b(?:average|avg\.?|median|the\s+mean)\s+(?:of\s+)?(?:the\s+|our\s+|my\s+|all\s+)?[\p{L}\s]{0,30}?"#
            + #"(?:amount|amounts|size|sizes|value|values|price|prices|invoice|invoices|deal|deals|subscription|subscriptions|count|"#
            + #"number|duration|length|cost|costs|revenue|spend)\b|\bon\s+average\b"#,
        options: [.caseInsensitive])

    /// "the average invoice amount", "avg deal size", "on average": an average or a median of records, which no
    /// aggregate computes (counts, totals and the highest or lowest are what the embedded planner answers).
    static func unsupportedFigure(in prompt: String) -> String? {
        let unquoted = PromptText.quotedTexts(in: prompt).reduce(prompt) { $0.replacingOccurrences(of: $1, with: " ") }
        guard let unsupported,
            let match = unsupported.firstMatch(in: unquoted, range: NSRange(unquoted.startIndex..., in: unquoted)),
            let range = Range(match.range, in: unquoted)
        else { return nil }
        return String(unquoted[range])
    }
}
