import Foundation
import PlotonAPI

/// "Add a deal "Kaiser rollout" …, then let #sales know it's been created": a short message that
/// says only "it" is about the record the steps before it made or changed, and says which
/// ("Kaiser rollout: it's been created"), as a person relaying it would (the channel read only "it's
/// been created").
enum NamedAnaphora {
    /// Inputs that name what an action made or changed, in the order they are looked for.
    private static let nameKeys = ["dealname", "summary", "name", "title", "query", "email"]

    static func named(_ steps: [PlannedStep], prompt: String) -> [PlannedStep] {
        var steps = steps
        // "post exactly "Vandelay went with a competitor, closing it out."": quoted words are sent as written.
        let quoted = PromptText.quotedTexts(in: prompt).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let saysOnlyIt = { (text: String) in
            Self.saysOnlyIt(text) && !quoted.contains(text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        for index in steps.indices {
            let step = steps[index]
            guard ["post_message", "send_message"].contains(step.capability),
                let name = steps[..<index].reversed().lazy.compactMap({ recordName(of: $0, among: steps) }).first
            else { continue }
            if step.capability == "post_message", case .literal(.string(let text))? = step.input["text"], saysOnlyIt(text) {
                steps[index].input["text"] = .literal(.string("\(name): \(text)"))
            } else if step.capability == "send_message", case .literal(.string(let raw))? = step.input["raw"],
                let data = Base64URL.data(raw), let message = String(data: data, encoding: .utf8),
                let split = message.range(of: "\r\n\r\n"), saysOnlyIt(String(message[split.upperBound...]))
            {
                let body = message[split.upperBound...]
                steps[index].input["raw"] = .literal(
                    .string(Data((message[..<split.upperBound] + "\(name): \(body)").utf8).base64URLEncoded))
            }
        }
        return steps
    }

    /// "it's booked", "that it's on the calendar", "we lost it": a few words whose only subject is "it".
    static func saysOnlyIt(_ text: String) -> Bool {
        let words = text.lowercased().split(whereSeparator: { $0.isWhitespace }).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        return (1...8).contains(words.count) && words.contains(where: { ["it", "it's", "it’s", "its"].contains($0) })
            && !text.contains("{{") && !text.contains("\n")
    }

    /// What an action step made or changed is called: a deal's, event's or file's name as written, or the search that
    /// found the record it changed.
    private static func recordName(of step: PlannedStep, among steps: [PlannedStep]) -> String? {
        guard step.capability.hasPrefix("create_") || step.capability.hasPrefix("update_") || step.capability.hasPrefix("upload")
        else { return nil }
        if let name = nameKeys.lazy.compactMap({ literal(step.input, key: $0) }).first { return name }
        for case .reference(let read, _) in step.input.values where steps.indices.contains(read) {
            if let name = literal(steps[read].input, key: "query") { return name }
        }
        return nil
    }

    private static func literal(_ input: [String: JSONInput], key: String) -> String? {
        for (name, value) in input {
            guard case .literal(let literal) = value else { continue }
            if name == key, let text = literal.stringValue, !text.isEmpty { return text }
            if let text = literal.value(at: key)?.stringValue, !text.isEmpty { return text }
        }
        return nil
    }
}
