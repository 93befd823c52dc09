import Foundation

/// "Email whoever our latest invoice is for …", "email the customer on our last invoice …": the recipient is the invoice's
/// customer, read first, written as the planner reads a recipient found by a read ("get our latest invoice and email its
/// customer …"; the address was asked for).
enum InvoiceRecipients {
    static let named = try? NSRegularExpression(
        pattern: #"(?i)^(?:please\s+)?(e-?mail|write\s+to|message)\s+(?:whoever|the\s+(?:customer|client|person))\s+"#
            + #"(?:(?:on|of|for)\s+)?(our|my|the)\s+(latest|last|most\s+recent|newest)\s+invoice(?:\s+is\s+(?:for|to|addressed\s+to))?\b"#)

    static func resolved(_ prompt: String) -> String {
        guard let named, let match = named.firstMatch(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)),
            let whole = Range(match.range, in: prompt), let verb = Range(match.range(at: 1), in: prompt),
            let owner = Range(match.range(at: 2), in: prompt), let which = Range(match.range(at: 3), in: prompt)
        else { return prompt }
        let opening =
            "get \(prompt[owner].lowercased()) \(prompt[which].lowercased()) invoice and \(prompt[verb].lowercased()) its customer"
        return prompt.replacingCharacters(in: whole, with: opening)
    }
}
