import Foundation

/// Drive's `files.list` query (`q`), as the storage sandbox answers it: clauses joined by `and`
/// (binding tighter) and `or`, each `field operator 'value'` over `name`, `mimeType`, `fullText`
/// (name or content) and `modifiedTime` with `contains`, `=`, `!=`, `<`, `<=`, `>`, `>=`;
/// `not` before a clause negates it; `trashed = false` holds for every file (the sandbox has no
/// trash). Parentheses are ignored. A clause Drive would refuse matches nothing, so a bad query
/// finds no files rather than all of them.
struct DriveQuery {
    private struct Clause {
        var field: String
        var op: String
        var value: String
        var negated: Bool
    }

    /// Alternatives (`or`) of clauses that must all hold (`and`).
    private let alternatives: [[Clause?]]

    init(_ query: String) {
        let text = query.replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
        alternatives = Self.split(text, on: "or").map { Self.split($0, on: "and").map(Self.clause) }
    }

    func matches(_ file: JSONValue) -> Bool {
        alternatives.isEmpty || alternatives.contains { $0.allSatisfy { clause in clause.map { Self.holds($0, for: file) } ?? false } }
    }

    private static func holds(_ clause: Clause, for file: JSONValue) -> Bool {
        let result: Bool
        switch (clause.field, clause.op) {
        case ("trashed", _):
            result = clause.value == "false" ? clause.op == "=" : clause.op == "!="
        case ("fulltext", "contains"):
            result = ["name", "content"].contains { text(file, $0).localizedCaseInsensitiveContains(clause.value) }
        case ("name", "contains"), ("mimetype", "contains"):
            result = text(file, clause.field == "name" ? "name" : "mimeType").localizedCaseInsensitiveContains(clause.value)
        case ("name", _), ("mimetype", _), ("modifiedtime", _):
            let stored = text(file, ["name": "name", "mimetype": "mimeType", "modifiedtime": "modifiedTime"][clause.field] ?? "")
            result = compare(stored, clause.op, clause.value)
        default:
            result = false
        }
        return result != clause.negated
    }

    private static func compare(_ stored: String, _ op: String, _ value: String) -> Bool {
        switch op {
        case "=": stored == value
        case "!=": stored != value
        case "<": stored < value
        case "<=": stored <= value
        case ">": stored > value
        case ">=": stored >= value
        default: false
        }
    }

    private static func text(_ file: JSONValue, _ key: String) -> String { file.value(at: key)?.stringValue ?? "" }

    /// `field op 'value'` (or `trashed = false`); nil when it is not a clause Drive knows.
    private static func clause(_ text: String) -> Clause? {
        var words = text.trimmingCharacters(in: .whitespaces)
        var negated = false
        if words.lowercased().hasPrefix("not ") {
            negated = true
            words = String(words.dropFirst(4)).trimmingCharacters(in: .whitespaces)
        }
        let pattern = /^(\w+)\s*(contains|!=|<=|>=|=|<|>)\s*(?:'((?:[^'\\]|\\.)*)'|(true|false))$/.ignoresCase()
        guard let match = words.wholeMatch(of: pattern) else { return nil }
        let value = match.3.map { String($0).replacingOccurrences(of: "\\'", with: "'") } ?? String(match.4 ?? "")
        return Clause(field: match.1.lowercased(), op: match.2.lowercased(), value: value, negated: negated)
    }

    /// `text` cut at the word `joiner` (any case) outside quoted values.
    private static func split(_ text: String, on joiner: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var previous: Character = " "
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        for word in words {
            for character in word {
                if character == "'" && previous != "\\" { quoted.toggle() }
                previous = character
            }
            if !quoted, word.lowercased() == joiner {
                parts.append(current)
                current = ""
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
