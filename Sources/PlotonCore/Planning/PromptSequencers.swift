import Foundation

/// Words that order the parts of a prompt ("after that", "afterwards", "once done", "followed by",
/// "next", "finally"): they sit between one part and the next part's verb and belong to neither,
/// so "Pull the past-due subscriptions, after that email the list to …" is a read, then a send.
extension PromptClauses {
    static let sequencers: [[String]] = [
        ["once", "that's", "done"], ["once", "that", "is", "done"], ["once", "done"], ["when", "done"], ["after", "that"],
        ["after", "which"], ["after", "this"], ["and", "after"], ["followed", "by"], ["and"], ["then"], ["also"], ["please"],
        ["afterwards"],
        ["afterward"], ["subsequently"], ["thereafter"], ["next"], ["finally"], ["lastly"], ["second"], ["secondly"], ["third"],
        ["thirdly"], ["plus"],
    ]

    /// How many of `words` (lower-cased, punctuation trimmed) are sequencing words opening them.
    static func sequencerLength(_ words: [String]) -> Int {
        var count = 0
        while let phrase = sequencers.first(where: { words.dropFirst(count).starts(with: $0) }), count < words.count {
            count += phrase.count
        }
        return count
    }

    /// The part without the sequencing words that open it, when a verb follows them ("after that
    /// email the list …" → "email the list …"); "Next Monday at 9am" keeps its "Next".
    static func withoutSequencer(_ text: String) -> String {
        let tokens = text.split(whereSeparator: \.isWhitespace)
        let words = tokens.prefix(8).map { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) }
        let count = sequencerLength(words)
        guard count > 0, count < words.count else { return text }
        let verb = base(words[count])
        guard actionVerbs[verb] != nil || readVerbs.contains(verb) || brandVerbs.contains(verb) else { return text }
        // "plan, monthly price, next charge": "next" before a last word with no comma is that word's, a field.
        if words[0] == "next", count == 1, words.count == 2, tokens[0].lowercased() == "next" { return text }
        return tokens.dropFirst(count).joined(separator: " ")
    }
}
