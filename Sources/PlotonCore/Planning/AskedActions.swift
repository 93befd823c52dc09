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

    /// The polite request no acting step does, as written; nil when the plan acts, or nothing is asked that way.
    static func unplanned(in prompt: String, steps: [PlannedStep], catalog: ToolCatalog) -> String? {
        guard !steps.contains(where: { catalog.tool($0.tool)?.capability($0.capability)?.sideEffect == true }) else { return nil }
        let unquoted = PromptText.quotedTexts(in: prompt).reduce(prompt) { $0.replacingOccurrences(of: $1, with: "") }
        guard let match = unquoted.rangeOfMatch(of: request) else { return nil }
        // "… old-backup-2025.zip from Drive.": a sentence ends at a stop before a space, not at a file's dot.
        let rest = unquoted[match.upperBound...]
        let sentenceEnd = rest.rangeOfMatch(of: #"[.?!](?=\s|$)|\n"#)?.lowerBound ?? unquoted.endIndex
        return String(unquoted[match.lowerBound..<sentenceEnd]).trimmingCharacters(in: .whitespaces)
    }
}
