import Foundation

/// Renders `{{0.number}}`-style placeholders from earlier step outputs, for text a workflow
/// composes ("post a summary of their latest invoice").
public enum TextTemplate {
    public static func render(_ template: String, outputs: [Int: JSONValue]) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += rest[..<open.lowerBound]
            // `{{}}`, `{{|money}}` and `{{.x}}` name no step: they render as a missing value.
            let expression = rest[open.upperBound..<close.lowerBound].split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            let reference = expression[0].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            let value = Int(reference[0]).flatMap { outputs[$0] }.flatMap { reference.count > 1 ? $0.value(at: String(reference[1])) : $0 }
            result += format(value ?? .null, expression.count > 1 ? String(expression[1]) : nil)
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// "Diego Rossi <diego@acme.example>", "\"Rossi, Diego\" <…>" → the name; a bare address → its local part's words.
    static func displayName(_ mailbox: String) -> String {
        guard mailbox.contains("@") else { return mailbox }
        let name = (mailbox.firstIndex(of: "<").map { String(mailbox[..<$0]) } ?? "").trimmingCharacters(
            in: CharacterSet(charactersIn: " \"'"))
        if !name.isEmpty { return name }
        let local = address(mailbox).split(separator: "@").first.map(String.init) ?? ""
        return local.split(whereSeparator: { ".-_".contains($0) }).map { $0.capitalized }.joined(separator: " ")
    }

    static func address(_ mailbox: String) -> String {
        guard let open = mailbox.lastIndex(of: "<"), let close = mailbox[open...].firstIndex(of: ">") else {
            return mailbox.trimmingCharacters(in: .whitespaces)
        }
        return String(mailbox[mailbox.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
    }

    static func format(_ value: JSONValue, _ format: String?) -> String {
        switch (format, value) {
        case ("money", .number(let cents)): return String(format: "$%.2f", cents / 100)
        case ("upper", .string(let text)): return text.uppercased()
        // A person's full name as first name and the rest ("Diego Rossi" → "Diego", "Rossi"); a mailbox's display name
        // ("Diego Rossi <diego@…>").
        case ("first", .string(let text)): return displayName(text).split(separator: " ").first.map(String.init) ?? ""
        case ("rest", .string(let text)): return displayName(text).split(separator: " ").dropFirst().joined(separator: " ")
        // A mailbox's address ("Diego Rossi <diego@…>" → "diego@…").
        case ("address", .string(let text)): return address(text)
        case ("count", .array(let items)): return String(items.count)
        // A Gmail message forwarded: "Fwd: …" and the "Forwarded message" block with its text.
        case ("forwarded_subject", .object): return GmailMessageText.forwardedSubject(of: value)
        case ("forwarded", .object): return GmailMessageText.forwarded(value)
        case ("date", .number(let seconds)):
            return String(Date(timeIntervalSince1970: seconds).formatted(.iso8601).prefix(10))
        case (_, .string(let text)): return text
        case (_, .number(let number)): return number.plainText
        case (_, .bool(let bool)): return bool ? "true" : "false"
        case (_, .null): return "—"
        default: return value.jsonText
        }
    }
}
