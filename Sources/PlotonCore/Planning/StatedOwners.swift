import Foundation

/// Whom "his", "her" or "their" in a request means when the words around it name that person only
/// once: "… on a call with Dmitri Volkov and asked: when does his subscription renew?" (the relayed
/// question alone read every active subscription), and "'What did Lucía say in her most recent
/// email?' Her address is lucia@…" (the address, in a sentence of its own, was a part no step used).
enum StatedOwners {
    static let pronouns: Set<String> = ["his", "her", "their"]

    /// "her address is lucia@…", "His email: ben@…": the address a sentence gives, and nothing else.
    static func address(in sentence: String) -> String? {
        let words = sentence.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,;!?:")) }
        guard (3...6).contains(words.count), pronouns.contains(words[0].lowercased()), let last = words.last,
            PromptText.isAddress(Substring(last)),
            words.dropFirst().dropLast().allSatisfy({ ["email", "e-mail", "address", "is", "mail"].contains($0.lowercased()) })
        else { return nil }
        return last
    }

    /// The prompt with a sentence that only gives "her address" written beside the person the rest names
    /// ("What did Lucía (lucia@…) say …"); as written when the rest gives an address of its own or names nobody.
    static func addressed(_ prompt: String) -> String {
        guard prompt.contains("@") else { return prompt }
        // The closing sentence, after a full stop or a closing quote ("… email?' Her address is …").
        let tokens = prompt.split(separator: " ", omittingEmptySubsequences: false)
        guard
            let start = tokens.indices.dropFirst().reversed().prefix(7).first(where: { index in
                pronouns.contains(tokens[index].lowercased())
                    && tokens[index - 1].last.map({ ".?!'\"”".contains($0) }) == true
            }),
            let address = address(in: tokens[start...].joined(separator: " "))
        else { return prompt }
        let rest = tokens[..<start].joined(separator: " ")
        guard PromptText.emails(in: rest).isEmpty, let name = person(in: rest), let range = rest.range(of: name) else { return prompt }
        return rest.replacingCharacters(in: range, with: "\(name) (\(address))")
    }

    /// The person a request is about: who "did … say", else a name after "with", "to", "for" or a verb that writes to them.
    static func person(in text: String) -> String? {
        if let speaker = ReadIntents.speaker(in: text) { return speaker }
        let tokens = text.split(whereSeparator: \.isWhitespace).map { String($0) }
        for index in tokens.indices.dropLast()
        where ["with", "to", "for", "email", "tell", "remind", "ask"].contains(tokens[index].lowercased()) {
            let run = tokens[(index + 1)...].prefix(3).prefix { token in
                let bare = token.trimmingCharacters(in: PartyNames.edges)
                return bare.first?.isUppercase == true && PartyNames.word(bare) && !PartyNames.openers.contains(bare.lowercased())
                    && !ReadIntents.brands.contains(bare.lowercased())
            }
            var words: [String] = []
            for token in run {
                words.append(token.trimmingCharacters(in: PartyNames.edges))
                if token.last.map({ ",.;:!?)".contains($0) }) == true { break }
            }
            if !words.isEmpty { return words.joined(separator: " ") }
        }
        return nil
    }

    /// A relayed request whose "his"/"her"/"their" is the one person the words before it name: the
    /// pronoun becomes that person's name ("when does Dmitri Volkov's subscription renew?").
    static func owned(_ request: String, lead: String) -> String {
        let tokens = request.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let at = tokens.firstIndex(where: { pronouns.contains($0.lowercased()) }), let name = person(in: lead), name.contains(" ")
        else { return request }
        var owned = tokens
        owned[at] = name + "'s"
        return owned.joined(separator: " ")
    }
}
