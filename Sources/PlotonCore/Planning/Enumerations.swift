import Foundation

/// "ok so i need two things: weather in chicago and the list of open invoices", "three things pls: a, b, and c",
/// "quick qs: 1) … 2) …": a request announced as a count of things, then listed. Each item becomes a sentence of its
/// own, so each is read (the items were one part, and only the first was planned: the second silently dropped).
enum Enumerations {
    static let announced = try? NSRegularExpression(
        pattern: #"(?i)\b(?:(two|2|three|3|four|4|a\s+couple\s+of|couple\s+of|a\s+few|few|several)\s+"#
            + #"(?:things|questions|qs|q's|items|requests|tasks|asks|bits)|(both)|(quick\s+(?:qs|q's|questions)))\b"#
            + #"([^:\n—–]{0,24}?)\s*(?::|—|–|\s-\s)\s*"#)

    static let counts: [String: Int] = [
        "two": 2, "2": 2, "three": 3, "3": 3, "four": 4, "4": 4, "a couple of": 2, "couple of": 2, "both": 2,
    ]

    static func resolved(_ prompt: String) -> String {
        guard let pattern = announced,
            let match = pattern.firstMatch(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)),
            let whole = Range(match.range, in: prompt)
        else { return prompt }
        let before = prompt[..<whole.lowerBound]
        let rest = String(prompt[whole.upperBound...])
        // Whom or where it goes stays with the words that say so; quoted text keeps its "and".
        // Only words before it that ask ("Can you check", "ok so i need"), not a request of their own.
        guard !before.contains(where: { "@#\"“'".contains($0) }), before.split(whereSeparator: \.isWhitespace).count <= 6,
            PromptText.quotedTexts(in: rest).isEmpty,
            !rest.contains("\n\n")
        else { return prompt }
        let counted = [1, 2, 3].lazy.compactMap { group -> String? in
            Range(match.range(at: group), in: prompt).map {
                prompt[$0].lowercased().replacingMatches(of: #"\s+"#, with: " ")
            }
        }.first
        let expected = counted.flatMap { counts[$0] }
        guard let items = items(of: rest, expected: expected), items.count >= 2 else { return prompt }
        return items.map { item in
            let trimmed = item.trimmingCharacters(in: CharacterSet(charactersIn: " ,;\n\t"))
            return trimmed.last.map { ".?!".contains($0) } == true ? trimmed : trimmed + "."
        }.joined(separator: " ")
    }

    /// The listed items: numbered ("1) … 2) …"), or cut at semicolons, commas and a last "and", when that gives the number
    /// announced (any number of two or more when none is).
    static func items(of list: String, expected: Int?) -> [String]? {
        let fits = { (items: [String]) in expected.map { items.count == $0 } ?? (items.count >= 2) }
        let numbered = cut(list, at: #"(?:^|\s)(?:\(?\d[).]|\(?[a-c]\))\s+"#)
        if numbered.count >= 2, fits(numbered) { return numbered }
        var pieces = cut(list, at: #"\s*;\s*|,\s*(?:and\s+|&\s+)?"#)
        if fits(pieces), pieces.count >= 2 { return pieces }
        // "weather in chicago and the list of open invoices": the one "and" between two items.
        if let last = pieces.last {
            let halves = cut(last, at: #"\s+(?:and|&|plus)\s+"#)
            if halves.count == 2 {
                pieces = pieces.dropLast() + halves
                if fits(pieces) { return pieces }
            }
        }
        return nil
    }

    /// The text cut where the pattern matches, without empty pieces.
    static func cut(_ text: String, at pattern: String) -> [String] {
        text.replacingMatches(of: pattern, with: "\u{1F}").split(separator: "\u{1F}").map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
    }
}
