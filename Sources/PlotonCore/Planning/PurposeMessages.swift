import Foundation

/// "email jane@… to welcome her to the team", "… and thank him for the referral": a message described by what it is
/// for, not quoted. The planner writes the line such a message opens with and sends that (the body and subject were asked
/// for, or "congratulate" refused as a verb no tool has).
enum PurposeMessages {
    private static let sender = #"((?:e-?mail|mail|message|ping|dm|send)\s+(?:[^.!?\n]|\.(?=\S)){1,60}?)"#
    private static let person = #"(?:him|her|them|everyone|everybody|the\s+team|all)"#
    private static let purposes: [(verb: String, compose: @Sendable (String) -> String)] = [
        ("welcome", { object in object.isEmpty ? "Welcome!" : "Welcome \(object)!" }),
        ("thank", { object in object.isEmpty ? "Thank you!" : "Thank you \(object)!" }),
        ("congratulate", { object in object.isEmpty ? "Congratulations!" : "Congratulations \(object)!" }),
        ("apologi[sz]e", { object in object.isEmpty ? "Apologies." : "Apologies \(object)." }),
    ]

    static func resolved(_ prompt: String) -> String {
        var text = prompt
        for purpose in purposes {
            let pattern =
                sender + #"\s+(?:to|and)\s+"# + purpose.verb + #"\s+"# + person
                + #"(?:\s+((?:to|for|on|aboard)\b[^.!?\n]*))?(?=[.!?\n]|$)"#
            guard let expression = CompiledPatterns.expression(pattern, caseInsensitive: true),
                let match = expression.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)),
                let whole = Range(match.range, in: text), let order = Range(match.range(at: 1), in: text)
            else { continue }
            let object = Range(match.range(at: 2), in: text).map { addressed(String(text[$0])) } ?? ""
            text.replaceSubrange(whole, with: "\(text[order]) saying: \(purpose.compose(object))")
        }
        return text
    }

    /// "for her referral" → "for your referral": the message speaks to its reader.
    private static func addressed(_ object: String) -> String {
        object.trimmingCharacters(in: .whitespaces)
            .replacingMatches(of: #"(?i)\b(?:his|her|their)\b"#, with: "your")
            .replacingMatches(of: #"(?i)\b(?:him|them)\b"#, with: "you")
    }
}
