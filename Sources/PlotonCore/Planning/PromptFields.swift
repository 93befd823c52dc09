import Foundation

/// The result fields the read parts of a prompt ask for: "return name and email", "with name and
/// modified time", "each person's name", "when each one renews". Determiners and possessive owners
/// are dropped ("their names" → "names"); the words are otherwise the caller's, and become the keys.
enum PromptFields {
    static let leading: Set<String> = ["the", "their", "each", "every", "his", "her", "its", "our", "my", "your", "a", "an", "all"]

    /// Questions that name a field without listing it.
    static let questions: [(words: Set<String>, cue: Set<String>, field: String)] = [
        (["renews", "renew", "renewal"], ["when"], "renewal date"),
        (["cost", "costs", "price"], ["what", "how"], "cost"),
        (["owe", "owes"], ["what", "how"], "amount due"),
        (["plan"], ["what", "which"], "plan"),
    ]

    static func requested(in clauses: [PromptClause]) -> [String] {
        let reads = clauses.filter { !$0.isAction }
        // "Give me the weather for Oslo" opens a read; "…? Give me temperature and humidity" lists fields.
        let text = reads.enumerated().map { index, clause in
            index == 0 && clause.text.lowercased().hasPrefix("give me ") && !clause.text.contains(",") ? "" : clause.text
        }.joined(separator: ". ")
        var fields = PromptText.requestedFields(in: text)
        if fields.isEmpty { fields = reads.lazy.compactMap(withList).first ?? [] }
        if fields.isEmpty { fields = needList(text) }
        if fields.isEmpty, let plus = text.range(of: " + "), let comma = text[..<plus.lowerBound].lastIndex(of: ",") {
            fields = text[text.index(after: comma)...].split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        if fields.isEmpty {
            let words = PromptText.words(text)
            fields = questions.filter { !$0.words.isDisjoint(with: words) && !$0.cue.isDisjoint(with: words) }.map(\.field)
        }
        var seen = Set<String>()
        return fields.map(cleaned).filter { !$0.isEmpty && seen.insert(FieldName.normalized($0)).inserted }
    }

    /// "list drive files with name and modified time" → ["name", "modified time"].
    static func withList(_ clause: PromptClause) -> [String]? {
        guard ["list", "show", "get", "pull", "fetch", "find"].contains(clause.verb ?? ""),
            let with = clause.text.range(of: " with ", options: .caseInsensitive)
        else { return nil }
        let tail = clause.text[with.upperBound...]
        guard !tail.contains(where: { "@#\"'“".contains($0) }) else { return nil }
        return tail.replacingOccurrences(of: ", and ", with: ",").replacingOccurrences(of: " and ", with: ",")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    static let fieldMarkers = ["i need ", "i want ", "we need ", "along with ", "need ", ", show ", ". show ", " and their "]

    /// Whether a part only says which fields to return ("I need their emails", "return …").
    static func onlyFields(_ clause: PromptClause) -> Bool {
        let lower = clause.text.lowercased()
        return (fieldMarkers + ["return ", "include ", "including ", "and return ", "give me "]).contains { lower.hasPrefix($0) }
    }

    /// "…, I need the names and amounts" → ["names", "amounts"].
    static func needList(_ text: String) -> [String] {
        let lower = text.lowercased()
        guard let marker = fieldMarkers.compactMap({ lower.range(of: $0) }).first else { return [] }
        var tail = String(lower[marker.upperBound...])
        if let end = tail.firstIndex(where: { ".;!?".contains($0) }) { tail = String(tail[..<end]) }
        return tail.replacingOccurrences(of: ", and ", with: ",").replacingOccurrences(of: " and ", with: ",")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// "each person's name" → "name", "their phone numbers" → "phone numbers".
    static func cleaned(_ field: String) -> String {
        field.split(whereSeparator: \.isWhitespace).map(String.init)
            .drop { leading.contains($0.lowercased()) || $0.hasSuffix("'s") || $0.hasSuffix("’s") }
            .joined(separator: " ")
            .trimmingCharacters(in: CharacterSet(charactersIn: " .?!"))
    }
}
