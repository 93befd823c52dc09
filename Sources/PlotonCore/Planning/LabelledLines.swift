import Foundation

/// Labelled values an agent writes inline, put one to a line so `StructuredRequest` reads them as it reads
/// labelled lines: "Details -> name: Ølstad Shipping; value: 42,000 NOK; stage: appointment scheduled",
/// "customer email = lena@…. Need: the Stripe customer record", "Query: 'nguyen'. Return name, email".
/// A label starts a line only where a sentence, a clause or a heading ends before it, and only when a line
/// holds two labels or more; anything else is returned as written.
enum LabelledLines {
    /// Words that head the labels after them ("Details -> name: …", "Fields: name: …").
    static let headings: Set<String> = [
        "details", "detail", "fields", "info", "data", "params", "parameters", "inputs", "input", "payload",
    ]

    static func split(_ prompt: String) -> String {
        prompt.split(separator: "\n", omittingEmptySubsequences: false).map { split(line: String($0)) }.joined(separator: "\n")
    }

    /// Whether the words ("Subject", "customer email", "tool request") are a label requests are written with.
    static func known(_ words: ArraySlice<String>) -> Bool {
        words.allSatisfy({ $0.allSatisfy { $0.isLetter || $0 == "_" || $0 == "-" } })
            && StructuredRequest.labelKey(words.joined(separator: " ")) != nil
    }

    static func split(line: String) -> String {
        // "customer email = x@…", "Details -> name: …": an equals sign or an arrow after a label is its colon.
        var tokens = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var index = 0
        var converted = false
        while index + 1 < tokens.count {
            if ["=", "->", "=>", "→"].contains(tokens[index + 1]), !tokens[index].hasSuffix(":") {
                tokens[index] += ":"
                tokens.remove(at: index + 1)
                converted = true
            }
            index += 1
        }
        // A label's first word, where a line starts before it: after the start, a sentence or clause end, or a heading.
        var starts: [Int] = []
        var labelled = 0
        for (end, token) in tokens.enumerated() where token.hasSuffix(":") && token.count > 1 {
            let word = String(token.dropLast())
            let start = (max(0, end - 2)...end).first { start in
                let boundary = start == 0 || tokens[start - 1].last.map { ".;!?|:)".contains($0) } == true
                var words = tokens[start..<end]
                words.append(word)
                return boundary && (known(words) || (start == end && headings.contains(word.lowercased())))
            }
            guard let start else { continue }
            if !headings.contains(word.lowercased()) || start != end { labelled += 1 }
            if start > 0 { starts.append(start) }
        }
        // "  channel = ops-alerts" (Semantic Kernel's arguments, one to a line): the one label opening it, with its colon.
        guard labelled >= 2 else {
            let indent = line.prefix { $0 == " " || $0 == "\t" }
            return converted && labelled == 1 && starts.isEmpty ? indent + tokens.joined(separator: " ") : line
        }
        var lines: [[String]] = []
        var current: [String] = []
        for (index, token) in tokens.enumerated() {
            if starts.contains(index), !current.isEmpty {
                lines.append(current)
                current = []
            }
            current.append(token)
        }
        lines.append(current)
        return lines.flatMap(sentencesAfterValue).map {
            $0.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " ;|"))
        }.joined(separator: "\n")
    }

    static let closingQuotes: [Character: Character] = ["\"": "\"", "'": "'", "“": "”", "‘": "’"]

    /// "Query: 'nguyen'. Return name, email": a value other than a message's text ends with its sentence.
    static func sentencesAfterValue(_ line: [String]) -> [[String]] {
        guard let label = line.firstIndex(where: { $0.hasSuffix(":") }) else { return [line] }
        var words = Array(line[...label].suffix(3))
        words[words.count - 1].removeLast()
        let key = (0..<words.count).lazy.compactMap { StructuredRequest.labelKey(words[$0...].joined(separator: " ")) }.first
        guard let key else { return [line] }
        // "Content: "Competitors: Globex, Hooli". Please upload it.": a quoted text ends at its closing quote.
        if StructuredRequest.textKeys.contains(key) {
            guard let first = line.dropFirst(label + 1).first?.first, let closing = closingQuotes[first],
                let end = line.indices.dropFirst(label + 1).dropLast().first(where: { index in
                    let token = line[index].trimmingCharacters(in: CharacterSet(charactersIn: ".!?"))
                    // `"Kickoff on Monday". thx`: a full stop after the quote ends it whatever follows.
                    return token.count > (index == label + 1 ? 1 : 0) && token.last == closing
                        && (line[index].last.map({ ".!?".contains($0) }) == true || line[index + 1].first?.isUppercase == true)
                })
            else { return [line] }
            return [Array(line[...end]), Array(line[(end + 1)...])]
        }
        guard
            let end = line.indices.dropFirst(label + 1).dropLast().first(where: { index in
                guard let last = line[index].last, ".?!".contains(last), line[index].count > 3 || last != "." else { return false }
                return line[index + 1].first?.isUppercase == true
            })
        else { return [line] }
        return [Array(line[...end]), Array(line[(end + 1)...])]
    }
}
