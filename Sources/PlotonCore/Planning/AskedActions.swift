import Foundation

/// A last guard against silent drops: a request put politely ("could you please change the Pied Piper deal amount to
/// 72000?", "please refund …") asks for an action whatever the words around it made of the part it is in. A plan of
/// reads only, for such a prompt, missed it: the plan fails naming the request instead of completing without it.
enum AskedActions {
    /// The verbs guarded: every action kind, and the deliveries that are not the answer itself ("send me …" is); and, where a
    /// sentence or a label's text opens with it ("IT cleanup: delete the file …"), an act no tool does, taking its object.
    private static let request =
        #"(?i)\b(?:(?:could|can|would|will)\s+you|please|pls|kindly)\s+(?:please\s+|kindly\s+|just\s+|also\s+)?"#
        + #"(update|change|set|move|mark|edit|rename|add|create|register|schedule|book|arrange|refund|upload|send|email|e-mail|post|share)"#
        + #"\b(?!\s+(?:me|us|up|together|them\s+up|it\s+up)\b)"#
        + #"|(?:^|(?<=[.!?:;\]]\s)|(?<=\n))\s*(?:please\s+)?(update|change|move|mark|rename|add|create|schedule|book|refund|upload|delete|"#
        + #"remove|cancel|archive|unsubscribe|pause|void|erase|trash)\s+(?:the|my|our|this|that|all|their|his|her|its|every)\b"#

    /// An order opening a sentence, a line or a numbered step ("Tasks: 1. Move the Globex deal to closed won. 2. Tell #sales."),
    /// and the capabilities that carry it out.
    private static let order =
        #"(?i)(?:^|(?<=[.!?:;\]]\s)|(?<=\n)|(?<=\d[.)]\s))\s*(?:please\s+)?(update|change|move|mark|rename|add|create|schedule|book|refund|upload)"#
        + #"\s+(?:the|my|our|this|that|their|his|her|its)\b"#
    private static let carriedOut: [String: [String]] = [
        "update": ["update_"], "change": ["update_"], "move": ["update_"], "mark": ["update_"], "rename": ["update_", "upload_"],
        "add": ["create_", "upload_", "update_"], "create": ["create_", "upload_"], "schedule": ["create_event"], "book": ["create_event"],
        "refund": ["create_refund"], "upload": ["upload_"],
    ]

    /// The polite request no acting step does, as written; nil when the plan acts, or nothing is asked that way. Where the plan
    /// acts, an order opening a sentence that no step of its kind carries out (an update asked beside a post).
    static func unplanned(in prompt: String, steps: [PlannedStep], catalog: ToolCatalog) -> String? {
        let unquoted = PromptText.quotedTexts(in: prompt).reduce(prompt) { $0.replacingOccurrences(of: $1, with: "") }
        let acting = steps.filter { catalog.tool($0.tool)?.capability($0.capability)?.sideEffect == true }
        guard acting.isEmpty else {
            var rest = unquoted[...]
            while let found = rest.rangeOfMatch(of: order) {
                let verb = String(rest[found].split(whereSeparator: \.isWhitespace).drop { $0.lowercased() == "please" }.first ?? "")
                    .lowercased()
                if let kinds = carriedOut[verb], !acting.contains(where: { step in kinds.contains { step.capability.hasPrefix($0) } }) {
                    return sentence(from: found.lowerBound, in: unquoted)
                }
                rest = rest[found.upperBound...]
            }
            return nil
        }
        guard let match = unquoted.rangeOfMatch(of: request) else { return nil }
        return sentence(from: match.lowerBound, in: unquoted)
    }

    /// The words from `start` to the sentence's end: "… old-backup-2025.zip from Drive." ends at a stop before a space, not
    /// at a file's dot.
    static func sentence(from start: String.Index, in text: String) -> String {
        let sentenceEnd = text[start...].dropFirst().rangeOfMatch(of: #"[.?!](?=\s|$)|\n"#)?.lowerBound ?? text.endIndex
        return String(text[start..<sentenceEnd]).trimmingCharacters(in: .whitespaces)
    }
}
