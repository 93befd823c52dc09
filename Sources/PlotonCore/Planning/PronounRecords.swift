import Foundation

/// A record asked for with a pronoun whose person or company an earlier sentence named: "Ingrid Solberg called asking
/// what she owes. Look up her latest invoice …" (the newest invoice of anyone was read, and its amount emailed to
/// her), "Pinecrest signed this morning! Please mark their deal as closed won" (the deal was asked for by id),
/// "Context: the customer ben.chen@… says … Task: list his subscriptions" (every customer's were listed). The pronoun
/// becomes the name ("Ingrid Solberg's latest invoice", "the Pinecrest deal", "the subscriptions of ben.chen@…"), and
/// only when the sentences before it name one person or company, so no record is guessed.
enum PronounRecords {
    /// "her latest invoice", "their deal", "his open invoices", "her contact".
    static let pointed = try? NSRegularExpression(
        pattern: #"\b(?:her|his|their)\s+((?:(?:latest|last|most\s+recent|newest|open|unpaid|outstanding|overdue|past[- ]due|current|"#
            + #"active|recent|upcoming|pending|paid|previous|renewal)\s+){0,3})(invoices?|deals?|subscriptions?|payments?|charges?|bills?|"#
            + #"contact(?:\s+record)?|crm\s+record|record|contact\s+details)\b"#,
        options: [.caseInsensitive])

    /// A name opening a sentence, a line or a clause after a label or a dash, before what it did or its own "'s":
    /// "Ingrid Solberg called", "Meridian Bank's legal review", "Good news - Pinecrest signed". After "customer" anywhere.
    /// Not one of two ("Ana Ruiz and Ben Ito called").
    static let named = try? NSRegularExpression(
        pattern: #"(?:(?:^|[.!?]\s+|\n|:\s+|\s[-–—]\s+)|\b(?i:customer|client|contact)\s+)"#
            + #"((?:[A-Z][\w&'.-]*|[A-Z]{2,})(?:\s+(?:[A-Z][\w&'-]*|&)){0,3}?)(?=(?:['’]s)?\s+(?!and\s|or\s)[a-z])"#)

    /// Words that open a sentence without naming anyone.
    static let openers: Set<String> = [
        "the", "a", "an", "please", "i", "we", "they", "he", "she", "it", "you", "our", "my", "your", "their", "his", "her", "this",
        "that", "these", "those", "good", "great", "hi", "hello", "hey", "task", "context", "note", "report", "next", "update",
        "look", "find", "get", "email", "post", "send", "add", "create", "mark", "push", "move", "set", "check", "list", "show",
        "can", "could", "would", "will", "thanks", "fyi", "quick", "so", "also", "just", "today", "tomorrow", "yesterday", "then",
        "ok", "okay", "sure", "new", "customer", "client", "user", "agent", "assistant", "orchestrator", "subagent", "hand-off",
        "handoff", "there", "here", "if", "when", "after", "before", "once", "since", "as", "in", "on", "for", "from", "per",
        "hubspot", "stripe", "slack", "gmail", "google", "drive", "crm", "ploton", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "what", "who", "which", "how", "why", "where", "is", "are", "do", "does", "did", "pls",
        "re", "subject", "goal", "output", "constraints", "background", "request", "notes", "all", "every", "each", "no", "not",
        "below", "above", "following", "attached", "forwarded", "fwd", "dear", "thank", "regards", "best", "cheers",
    ]

    static func resolved(_ prompt: String) -> String {
        // "Maya Brooks has a new email address - maya@…. Update her contact please.": the change told is read there.
        guard let pointed, let match = pointed.firstMatch(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)),
            let whole = Range(match.range, in: prompt), let adjectives = Range(match.range(at: 1), in: prompt),
            let noun = Range(match.range(at: 2), in: prompt), PointedBackRecords.resolved(prompt) == prompt
        else { return prompt }
        // Only sentences before the pronoun's own say whom it means.
        let before = prompt[..<whole.lowerBound]
        // A sentence ends at a stop before white space ("ana@corvid.ai" holds a dot) or a line break.
        guard
            let sentenceStart = before.indices.last(where: { index in
                let next = before.index(after: index)
                return before[index] == "\n" || (".!?".contains(before[index]) && next < before.endIndex && before[next].isWhitespace)
            })
        else { return prompt }
        let context = String(prompt[..<sentenceStart])
        let ownSentence = prompt[sentenceStart..<whole.lowerBound]
        // "Look up Ana's invoices and email her …": a name in the pronoun's sentence is read there.
        guard ownSentence.rangeOfMatch(of: #"\b[A-Z][a-z]+\s+[A-Z][a-z]+|@"#) == nil else { return prompt }
        let record = prompt[noun].lowercased()
        let named = names(in: context)
        let emails = Set(PromptText.emails(in: context).map { $0.lowercased() })
        let replacement: String
        if named.count == 1, let name = named.first {
            replacement =
                record.hasPrefix("deal")
                ? "the \(name) \(prompt[adjectives])\(prompt[noun])" : "\(name)'s \(prompt[adjectives])\(prompt[noun])"
        } else if named.isEmpty, emails.count == 1, let email = emails.first,
            // "Context: customer li@… says …\nTask: list her invoices": the labelled task is read without its context (the
            // customer is found from the context's sentence when they are read together).
            prompt[..<whole.lowerBound].rangeOfMatch(of: #"(?i)(?:^|\n)\s*(?:task|request|next|action|todo|ask)\s*:[^\n@]*$"#) != nil,
            ["invoice", "subscription", "payment", "charge", "bill"].contains(where: record.hasPrefix)
        {
            replacement = "the \(prompt[adjectives])\(prompt[noun]) of \(email)"
        } else {
            return prompt
        }
        return prompt.replacingCharacters(in: whole, with: replacement)
    }

    /// The distinct names the text opens a sentence with, or gives after "customer".
    static func names(in text: String) -> Set<String> {
        guard let named else { return [] }
        var found: Set<String> = []
        for match in named.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let range = Range(match.range(at: 1), in: text) else { continue }
            var words = text[range].replacingMatches(of: #"['’]s$"#, with: "").split(separator: " ").map(String.init)
            // "Good news - Pinecrest": the opener goes, the name stays.
            while let first = words.first, openers.contains(first.lowercased()) { words.removeFirst() }
            // "Below is what Tomasz sent": a word of any request, capitalised to open the sentence, is no name.
            // "I'm on the phone with …": a contraction neither.
            guard !words.isEmpty,
                words.count > 1 || !(LowercaseNames.isEveryday(words[0]) || words[0].contains(where: { "'’".contains($0) }))
            else { continue }
            found.insert(words.joined(separator: " "))
        }
        return found
    }
}
