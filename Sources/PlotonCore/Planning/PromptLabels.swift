import Foundation

/// Values a prompt labels or places: "subject: Lunch on Friday? body: works for me", "post … to random".
extension PromptText {
    /// The text after `label:` up to the next `word:` label or the end ("subject: Lunch on Friday? body: …" → "Lunch on Friday?").
    public static func labelled(_ label: String, in text: String) -> String? {
        let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let start = tokens.firstIndex(where: { $0.lowercased() == label + ":" }) else { return nil }
        let value = tokens[(start + 1)...].prefix { token in
            !(token.hasSuffix(":") && token.count <= 13 && token.dropLast().allSatisfy(\.isLetter))
        }
        // "subject: thanks! body: …": an exclamation is the text's own.
        let joined = value.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " .,;\"'"))
        return joined.isEmpty ? nil : joined
    }

    static let subjectLeads = [
        "subject line can be ", "subject line should be ", "subject line is ", "subject line: ", "subject can be ", "subject should be ",
        "subject is ", "subject will be ", "use the subject ", "subject line ",
    ]

    /// "… Subject can be Contract draft.": a subject the prompt states in a sentence of its own, to
    /// the end of that sentence.
    public static func statedSubject(in prompt: String) -> String? {
        guard let lead = subjectLeads.lazy.compactMap({ prompt.range(of: $0, options: .caseInsensitive) }).first else { return nil }
        var rest = prompt[lead.upperBound...]
        // "email its subject line to lea@…", "the subject line of the invoice email": a message's own subject, relayed.
        let before = prompt[..<lead.lowerBound].lowercased()
        if ["its ", "his ", "her ", "their "].contains(where: before.hasSuffix)
            || rest.rangeOfMatch(of: #"^(?:to|of|from)\s"#, options: .caseInsensitive) != nil
        {
            return nil
        }
        // "the subject is 'Riunione' and say him …": a quoted subject ends at its closing quote.
        if let open = rest.first, let closing = LabelledLines.closingQuotes[open],
            let close = rest.dropFirst().firstIndex(of: closing), close > rest.index(after: rest.startIndex)
        {
            return String(rest[rest.index(after: rest.startIndex)..<close])
        }
        // "the subject is Riunione and tell him …": an unquoted one ends where the message is said.
        if let said = rest.rangeOfMatch(
            of:
                #"(?i)(?:,\s*|\s+)(?:and\s+)?(?:then\s+)?(?:say|tell|write|saying|telling|the\s+(?:body|message|text)\s+(?:is|should|says))\b"#
        ) {
            rest = rest[..<said.lowerBound]
        }
        let end =
            rest.indices.first { index in
                guard ".!?;\n".contains(rest[index]) else { return false }
                let next = rest.index(after: index)
                return next == rest.endIndex || rest[next].isWhitespace
            } ?? rest.endIndex
        let value = rest[..<end].trimmingCharacters(in: CharacterSet(charactersIn: " \"'“”"))
        return value.isEmpty ? nil : value
    }

    /// "post "standup moved" to random": the last word after "to" / "in", outside quotes, as a channel name.
    public static func bareChannel(in text: String) -> String? {
        let unquoted = quotedTexts(in: text).reduce(text) { $0.replacingOccurrences(of: $1, with: " ") }
        let tokens = unquoted.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
            .filter { !$0.isEmpty }
        guard tokens.count >= 2, ["to", "in", "on"].contains(tokens[tokens.count - 2]), let name = tokens.last else { return nil }
        let generic: Set<String> = ["me", "us", "everyone", "slack", "chat", "team", "channel", "it", "them", "there", "here", "email"]
        // ("… the bake sale has moved to Monday": a day, not a channel.)
        return !generic.contains(name) && !PromptClauses.objectWords.contains(name) && !PromptText.namesTime(name)
            && name.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }) ? name : nil
    }
}
