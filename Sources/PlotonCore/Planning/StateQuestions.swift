import Foundation

/// "whether it's been paid yet", "whether it is canceled": a yes/no question about a record's state.
/// It asks for the status field, and filters nothing: the state it names is what is asked, not which
/// records to read (read as a filter, only canceled subscriptions were listed, none when it was not).
enum StateQuestions {
    /// "whether it's been paid yet", "whether they've paid": a yes/no question about a state asks for the
    /// status, even when a word in it ("paid") also names another field (`amount_paid`). The question as
    /// written when the status answers to it, else `status` when the word is one of the states it lists.
    static func field(_ tokens: [String], from index: Int, declared: [ResultField]) -> (field: String, end: Int)? {
        guard let status = declared.first(where: { $0.name == "status" }), index + 1 < tokens.count else { return nil }
        let span = (index + 1)..<min(tokens.count, index + 6)
        if let end = span.reversed().first(where: { status.answers(tokens[index...$0].joined(separator: " ")) }) {
            return (tokens[index...end].joined(separator: " "), end + 1)
        }
        let states = Set(
            (status.description ?? "").lowercased().split { !$0.isLetter && $0 != "_" }.map(String.init).filter {
                $0.count > 2 && $0 != "only"
            })
        guard let end = span.first(where: { states.contains(tokens[$0]) }), asksState(tokens[(index + 1)..<end]) else { return nil }
        return ("status", end + 1)
    }

    /// Whether the words between "whether" and a state word ask about a record's state ("it's been", "the
    /// invoice is"), not whether any such records exist ("whether we have any overdue invoices" filters).
    static func asksState(_ words: ArraySlice<String>) -> Bool {
        words.allSatisfy { !["we", "any", "there", "i", "you", "us", "anything", "anyone"].contains($0) }
    }

    /// States a status may hold, as people write them.
    static let states: Set<String> = [
        "paid", "unpaid", "open", "canceled", "cancelled", "overdue", "active", "void", "trialing", "past", "due", "closed", "won", "lost",
        "late",
    ]

    /// `text` without the states a "whether" question names ("… and whether it's been paid" → "… and whether
    /// it's been"), so no read filters by them. At most the five words after each "whether" are read.
    static func withoutAskedStates(_ text: String) -> String {
        guard text.range(of: "whether", options: .caseInsensitive) != nil else { return text }
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < words.count {
            if words[index].lowercased() == "whether" {
                let bare = words[(index + 1)..<min(words.count, index + 6)].map {
                    $0.lowercased().trimmingCharacters(in: .punctuationCharacters)
                }
                if let state = bare.firstIndex(where: states.contains), asksState(bare[..<state]) { words[index + 1 + state] = "" }
            }
            index += 1
        }
        return words.joined(separator: " ")
    }
}
