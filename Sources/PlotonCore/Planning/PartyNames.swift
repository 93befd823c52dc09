import Foundation

/// Names of people and firms as they are written: "Fenwick & Daughters", "O'Connell & Sons",
/// "3M", "Ortega-Ruiz", "Dunmore 7 Logistics". A name cut short ("Fenwick" at "&", nothing at "3M")
/// left the look-up it was meant to narrow unfiltered: every customer's subscription was emailed.
enum PartyNames {
    /// Punctuation around a word of a name; "&" is a word of its own ("Baker & Sons"), never trimmed away.
    static let edges = CharacterSet(charactersIn: ",.;:!?\"()“”'’")

    /// A word of a name: letters, digits, an apostrophe, a hyphen or a dot ("Ltd."), with a letter in it.
    static func word<S: StringProtocol>(_ word: S) -> Bool {
        !word.isEmpty && word.contains(where: \.isLetter)
            && word.allSatisfy { $0.isLetter || $0.isNumber || "'’-.".contains($0) } && word.first != "'" && word.first != "’"
    }

    /// Whether `name` is written as a name: words that each start with a capital or a digit, joined by "&",
    /// a number inside ("Dunmore 7 Logistics") but not first.
    static func written(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        guard let first = words.first, word(first), words.last != "&" else { return false }
        return words.enumerated().allSatisfy { offset, token in
            token == "&" || (offset > 0 && token.allSatisfy(\.isNumber))
                || ((token.first?.isUppercase == true || token.first?.isNumber == true) && word(token))
        }
    }

    /// Capitalised words that open a sentence or a question rather than a name ("Email Emma Silva's …").
    static let openers: Set<String> = [
        "what", "what's", "whats", "who", "who's", "where", "when", "how", "which", "why", "can", "could", "would", "will", "do",
        "does", "did", "is", "are", "was", "the", "a", "an", "our", "my", "their", "his", "her", "its", "this", "that", "these",
        "those", "and", "or", "but", "also", "then", "now", "next", "finally", "after", "before", "once", "please", "hey", "hi",
        "hello", "ok", "okay", "so", "i", "we", "you", "me", "us", "it", "it's", "let's", "here's", "there's", "for", "from", "of",
        "to", "in", "on", "at", "with", "by", "about", "all", "every", "each", "any", "some", "no",
    ]

    /// The name a possessive ends: `last` and the capitalised words, digits and "&" written right before it
    /// ("Fenwick & Daughters", "Maya Chen"), never a verb or a word that opens a sentence.
    static func run(ending last: String, before tokens: ArraySlice<String>) -> String {
        var words = [last]
        for token in tokens.reversed() {
            guard words.count < 5 else { break }
            if token == "&" {
                words.insert(token, at: 0)
                continue
            }
            let lower = token.lowercased()
            guard token.first?.isUppercase == true || token.first?.isNumber == true, word(token), !lower.hasSuffix("'s"),
                !lower.hasSuffix("’s"), !openers.contains(lower), PromptClauses.actionVerbs[lower] == nil,
                !PromptClauses.readVerbs.contains(lower), !PromptClauses.fillers.contains(lower),
                !ReadIntents.brands.contains(lower), !PromptText.namesTime(lower)
            else { break }
            words.insert(token, at: 0)
        }
        while words.first == "&" { words.removeFirst() }
        return words.joined(separator: " ")
    }

    /// People named in full outside quotes, in order: two or three capitalised words ("Chloe Okafor", "Ana de Souza" is
    /// not), never a verb, a month, a day or a brand ("Invite Chloe Okafor and Daniel Reyes to …" → both).
    static func fullNames(in text: String) -> [String] {
        let unquoted = text.replacingMatches(of: #""[^"]*"|“[^”]*”"#, with: " , ")
        var names: [String] = []
        var run: [String] = []
        let close = {
            if (2...3).contains(run.count), !names.contains(run.joined(separator: " ")) { names.append(run.joined(separator: " ")) }
            run = []
        }
        for token in unquoted.split(whereSeparator: \.isWhitespace) {
            let word = token.trimmingCharacters(in: edges)
            let lower = word.lowercased()
            let usable =
                word.first?.isUppercase == true && word.allSatisfy({ $0.isLetter || "-'’".contains($0) }) && !openers.contains(lower)
                && PromptClauses.actionVerbs[lower] == nil && !PromptClauses.readVerbs.contains(lower)
                && !ReadIntents.brands.contains(lower) && !PromptText.namesTime(lower)
                && !["crm", "hubspot", "gmail", "slack", "drive", "stripe"].contains(lower)
            if usable { run.append(word) } else { close() }
            if usable, token.last.map({ ",.;:!?)".contains($0) }) == true { close() }
        }
        close()
        return names
    }
}
