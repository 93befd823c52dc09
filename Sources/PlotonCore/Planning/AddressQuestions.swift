import Foundation

/// "who is ben@acme.example", "what company is ben@… at", "ben@…'s phone number": a question about the person
/// behind an address, which the CRM answers from that contact. Asked as written, the address read as one to send
/// to ("no part of the plan uses ben@…"); asked as the planner reads it, it is a contact look-up.
enum AddressQuestions {
    static let personFields = [
        "phone number", "mobile number", "phone", "mobile", "company", "employer", "job title", "title", "role", "full name",
        "name", "last name", "first name",
    ]

    /// Words that make the address part of another ask (mail, payments, chat, a calendar): those stay as written.
    static let otherAsks: Set<String> = [
        "send", "email", "emails", "mail", "mails", "e-mail", "write", "reply", "forward", "inbox", "message", "messages", "sent", "wrote",
        "invoice", "invoices", "payment", "payments", "subscription", "subscriptions", "refund", "charge", "charged", "customer", "post",
        "slack", "channel", "meeting", "event", "calendar", "invite", "schedule", "drive", "file", "files", "deal", "deals", "update",
        "change", "set", "add", "create",
    ]

    /// "the customer whose email is billing@…", "the contact with the e-mail address ann@…": the record the address
    /// names, written as the planner reads a record by address ("the customer with email …"); "email is" chose mail.
    static func recordByAddress(_ prompt: String) -> String {
        prompt.replacingMatches(
            of: #"(?i)\b(customer|client|contact|person|lead)\s+(?:whose\s+|with\s+(?:the\s+|an?\s+)?)"#
                + #"(?:e-?mail(?:\s+address)?|address)\s+(?:is\s+|of\s+|=\s*|:\s*)?(?=[^\s@]+@)"#,
            with: "$1 with email ")
    }

    /// "do I have any emails from HR this week? (hr@company.example)": an address said after the question
    /// is the one of the name it spells ("HR" → hr@…), placed after that name as people write it inline
    /// ("from HR (hr@…)"); left at the end, "from HR" was searched for and the address read as a recipient.
    static func trailingAddressPlaced(_ prompt: String) -> String {
        guard let match = prompt.rangeOfMatch(of: #"\(\s*[^\s()@]+@[^\s()@]+\.[^\s()@]+\s*\)[\s.!?]*$"#),
            let address = PromptText.emails(in: String(prompt[match])).first
        else { return prompt }
        let before = prompt[..<match.lowerBound]
        let local = address.split(separator: "@")[0].lowercased()
        let spellings = Set([local] + local.split(whereSeparator: { "._-+".contains($0) }).prefix(1).map(String.init))
        guard
            let name = before.ranges(of: #/[\p{L}\d]+/#).last(where: { range in
                spellings.contains(before[range].lowercased()) && before[range].count >= 2
            })
        else { return prompt }
        guard !before[name.upperBound...].hasPrefix(" (") else { return prompt }
        return (String(before[..<name.upperBound]) + " (\(address))" + before[name.upperBound...]).trimmingCharacters(in: .whitespaces)
    }

    static func resolved(_ prompt: String) -> String {
        let emails = PromptText.emails(in: prompt)
        guard emails.count == 1, let address = emails.first, prompt.count <= 160 else { return prompt }
        let lower = prompt.lowercased().replacingOccurrences(of: "’", with: "'")
        let rest = lower.replacingOccurrences(of: address.lowercased(), with: " ")
        guard PromptText.words(rest).isDisjoint(with: otherAsks) else { return prompt }
        let opening = lower.trimmingCharacters(in: .whitespaces)
        let asks = ["who is", "who's", "whos", "what", "which", address.lowercased()].contains { opening.hasPrefix($0) }
        guard asks else { return prompt }
        if opening.hasPrefix("who") {
            return "find the contact \(address) and give me their name, company"
        }
        guard let field = personFields.first(where: { rest.rangeOfMatch(of: "\\b\($0)\\b") != nil }) else {
            return prompt
        }
        return "find the contact \(address) and give me their \(field)"
    }
}
