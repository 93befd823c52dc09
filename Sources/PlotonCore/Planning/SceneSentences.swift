import Foundation

/// What a support agent says happened before the request: "Emma Silva can't find her last invoice and needs it for her
/// accounts team today. Look up her latest invoice and email …", "Emma Dubois at Hooli signed and paid this morning - mark her
/// as a customer in the CRM". The scene asks nothing ("no tool here can needs that", "… paid that"); its one person is whom the
/// request's "her", "his" and "him" mean. The scene is left out and the pronouns named. Only a scene that opens the prompt,
/// names one person and carries no value the request may need ("has a new number", "moved to Hooli"); anything else stays.
enum SceneSentences {
    /// Verbs a scene tells with, after the person.
    static let narrating: Set<String> = [
        "can't", "cannot", "couldn't", "won't", "didn't", "doesn't", "isn't", "wasn't", "is", "was", "has", "had", "says", "said",
        "wants", "needs", "asked", "wrote", "writes", "signed", "paid", "complained", "called", "rang", "emailed", "mentioned",
        "reported", "thinks", "thought", "keeps", "forgot", "sent", "received", "just", "still", "never", "already", "loves",
        "hates", "confirmed", "agreed", "renewed", "upgraded", "downgraded", "churned", "replied", "responded",
    ]
    /// Words that make the scene carry a value the request may take, or a request of its own.
    static let carries =
        #"(?i)\b(?:new|now|moved|joined|left|changed|switched|promoted|renamed|works\s+at|went\s+to|wants?\s+(?:a|an|to)|"#
        + #"needs?\s+(?:a|an|to)|would\s+like|asked\s+(?:for|us|me|you)|requested|please|you|your)\b|[?@#"“:]"#

    static func resolved(_ prompt: String) -> String {
        guard let end = sceneEnd(in: prompt) else { return prompt }
        let scene = String(prompt[..<end.lowerBound])
        let names = PartyNames.fullNames(in: scene)
        guard names.count == 1, let name = names.first, scene.hasPrefix(name) else { return prompt }
        let rest = String(prompt[end.upperBound...])
        return named(rest, name)
    }

    /// Where the scene ends: the first sentence end or spaced dash after which an order begins.
    static func sceneEnd(in prompt: String) -> Range<String.Index>? {
        guard let boundary = prompt.rangeOfMatch(of: #"(?:[.!;]\s+|\s+[-–—]\s+)(?=\S)"#) else { return nil }
        let scene = prompt[..<boundary.lowerBound]
        let words = scene.split(whereSeparator: \.isWhitespace).map { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) }
        guard words.count >= 3, words.count <= 30, scene.rangeOfMatch(of: carries) == nil,
            words.contains(where: narrating.contains)
        else { return nil }
        // The order after it: an action or a read said as a verb, which its pronouns point back from.
        let order = String(prompt[boundary.upperBound...])
        let (kind, verb) = PromptClauses.classify(order)
        guard verb != nil, kind != .unsupported,
            order.rangeOfMatch(of: #"(?i)\b(?:her|his|him)\b"#) != nil
        else { return nil }
        return boundary
    }

    /// A rewrite that leaves out a lead-in or an aside ("I'm on a call with Chloe Okafor in 5 min - what plan is she on?"),
    /// with the one person it named kept as whom "she", "her", "his" and "him" mean (everyone's subscriptions were read).
    static func keepingName(_ rewrite: @escaping @Sendable (String) -> String) -> @Sendable (String) -> String {
        { prompt in
            let written = rewrite(prompt)
            guard written != prompt, written.rangeOfMatch(of: #"(?i)\b(?:she|he|her|his|him)\b"#) != nil,
                PartyNames.fullNames(in: written).isEmpty, case let lost = PartyNames.fullNames(in: prompt), lost.count == 1,
                let name = lost.first
            else { return written }
            return named(written.replacingMatches(of: #"(?i)\b(?:she|he)\b"#, with: NSRegularExpression.escapedTemplate(for: name)), name)
        }
    }

    /// "mark her as a customer" → "mark Emma Dubois as a customer"; "Look up her latest invoice" → "Look up Emma Silva's
    /// latest invoice".
    static func named(_ text: String, _ name: String) -> String {
        // "Email him his active subscription's plan": their record, once ("Ben Chen Ben Chen's" was looked up).
        text.replacingMatches(
            of: #"\b(?:him|her)\s+(?:his|her)\b(?=\s+\w)"#, with: NSRegularExpression.escapedTemplate(for: name + "'s")
        )
        .replacingMatches(
            of: #"\b(?:his|her)\b(?=\s+(?!as\b|in\b|on\b|to\b|at\b|a\b|an\b|the\b|that\b|know\b|about\b|and\b|back\b|again\b|up\b)\w)"#,
            with: NSRegularExpression.escapedTemplate(for: name + "'s")
        )
        .replacingMatches(of: #"\b(?:him|her)\b"#, with: NSRegularExpression.escapedTemplate(for: name))
    }
}
