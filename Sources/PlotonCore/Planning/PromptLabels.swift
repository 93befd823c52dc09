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
        let joined = value.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " .!,\"'"))
        return joined.isEmpty ? nil : joined
    }

    /// "post "standup moved" to random": the last word after "to" / "in", outside quotes, as a channel name.
    public static func bareChannel(in text: String) -> String? {
        let unquoted = quotedTexts(in: text).reduce(text) { $0.replacingOccurrences(of: $1, with: " ") }
        let tokens = unquoted.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
            .filter { !$0.isEmpty }
        guard tokens.count >= 2, ["to", "in", "on"].contains(tokens[tokens.count - 2]), let name = tokens.last else { return nil }
        let generic: Set<String> = ["me", "us", "everyone", "slack", "chat", "team", "channel", "it", "them", "there", "here", "email"]
        return !generic.contains(name) && !PromptClauses.objectWords.contains(name)
            && name.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }) ? name : nil
    }
}
