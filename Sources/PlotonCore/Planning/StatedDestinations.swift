import Foundation

/// A last guard against silent drops: every `#channel` and email address the prompt states must be
/// used by some planned step (a post, a send, a search, an attendee). One no step uses means a part
/// of the prompt was not understood, so the plan fails naming it instead of completing without it.
enum StatedDestinations {
    static func unused(in prompt: String, steps: [PlannedStep]) -> String? {
        // "The user is in Asia/Kolkata; their email is arjun@… (do not email them)": whose address it is, nowhere to send.
        let stated = PromptText.channels(in: prompt).map { "#" + $0 } + PromptText.emails(in: prompt).filter { !identifies($0, in: prompt) }
        guard !stated.isEmpty else { return nil }
        let used = steps.flatMap { $0.input.values.map(text) }.joined(separator: " ").lowercased()
        return stated.first { !used.contains($0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "#"))) }
    }

    /// "their email is arjun@…", "the user's address: ana@…": an address said to be someone's, in a context.
    static func identifies(_ address: String, in prompt: String) -> Bool {
        guard let range = prompt.range(of: address) else { return false }
        let before = prompt[..<range.lowerBound].lowercased().trimmingCharacters(in: .whitespaces)
        return [
            "their email is", "his email is", "her email is", "my email is", "their email:", "user's email is", "their address is",
            "email address is", "the user is",
        ].contains(where: before.hasSuffix)
    }

    static func text(_ input: JSONInput) -> String {
        switch input {
        case .literal(let value): return literal(value)
        case .template(let template): return template
        case .reference: return ""
        }
    }

    static func literal(_ value: JSONValue) -> String {
        switch value {
        case .string(let string): return string + " " + (Base64URL.decodedText(string) ?? "")
        case .array(let items): return items.map(literal).joined(separator: " ")
        case .object(let object): return object.values.map(literal).joined(separator: " ")
        default: return ""
        }
    }
}
