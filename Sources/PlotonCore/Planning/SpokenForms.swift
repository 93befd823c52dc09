import Foundation

/// What people dictate or type as they speak, written as the planner reads it: "john dot obrien at
/// acme dot com" is john.obrien@acme.com, and "mark priya patel as a customer" names a person though
/// in lower case (read as a payments customer, the update failed).
enum SpokenForms {
    static let topLevelDomains = "com|org|net|io|co|ai|dev|app|example|edu|gov|uk|de|fr|es|it|nl|ca|au|us|me|info|biz"
    /// "john dot obrien at acme dot com", "sales at north-wind dot co dot uk".
    static let address = try? NSRegularExpression(
        pattern: #"\b([a-z0-9][a-z0-9_-]*(?:\s+dot\s+[a-z0-9_-]+)*)\s+at\s+([a-z0-9][a-z0-9-]*(?:\s+dot\s+[a-z0-9-]+)*\s+dot\s+(?:"#
            + topLevelDomains + #"))\b"#,
        options: [.caseInsensitive])
    /// Words before "at" that are no mailbox: "email me at acme dot com" gives no address.
    static let notMailboxes: Set<String> = ["me", "us", "him", "her", "them", "it", "is", "are", "and", "or", "the", "a", "an", "be"]

    /// "mark priya patel as a customer": up to three lower-case words between "mark" and a lifecycle stage.
    static let markedPerson = try? NSRegularExpression(
        pattern:
            #"\bmark\s+(?:the\s+)?(?:contact\s+)?([a-z][a-z'-]*(?:\s+[a-z][a-z'-]*){0,2})\s+as\s+(?:an?\s+)?(?:customer|lead|subscriber|opportunity|evangelist|mql|sql|marketing\s+qualified|sales\s+qualified)\b"#
    )
    /// "add contact named john o'brien, email …": a person's name in lower case after "named".
    static let namedPerson = try? NSRegularExpression(
        pattern:
            #"\b(?:contact|person|lead)\s+(?:named|called)\s+([a-z][a-z'-]*(?:\s+[a-z][a-z'-]*){0,2}?)(?=\s*(?:,|$|\.|\s(?:email|e-mail|with|at|from|phone|company|and|who|to|in)\b))"#
    )
    /// Words that point at a record rather than name a person.
    static let notNames: Set<String> = [
        "them", "him", "her", "it", "all", "this", "that", "these", "those", "my", "our", "their", "every", "each", "contact",
        "contacts", "deal", "lead", "leads", "everyone", "everybody", "her's", "his",
    ]

    static func resolved(_ prompt: String) -> String {
        names(addresses(prompt))
    }

    static func addresses(_ prompt: String) -> String {
        guard let address, prompt.range(of: " dot ", options: .caseInsensitive) != nil else { return prompt }
        var text = prompt
        for match in address.matches(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)).reversed() {
            guard let whole = Range(match.range, in: text), let local = Range(match.range(at: 1), in: text),
                let domain = Range(match.range(at: 2), in: text), !notMailboxes.contains(text[local].lowercased())
            else { continue }
            let dotted = { (spoken: Substring) in
                spoken.replacingOccurrences(of: #"\s+dot\s+"#, with: ".", options: [.regularExpression, .caseInsensitive]).lowercased()
            }
            text.replaceSubrange(whole, with: dotted(text[local]) + "@" + dotted(text[domain]))
        }
        return text
    }

    static func names(_ prompt: String) -> String {
        var text = prompt
        let range = NSRange(prompt.startIndex..., in: prompt)
        let matches = [markedPerson, namedPerson].compactMap { $0 }.flatMap { $0.matches(in: prompt, range: range) }
        for match in matches.sorted(by: { $0.range.location > $1.range.location }) {
            guard let name = Range(match.range(at: 1), in: text) else { continue }
            let words = text[name].split(separator: " ")
            guard words.allSatisfy({ !notNames.contains($0.lowercased()) }) else { continue }
            text.replaceSubrange(name, with: words.map(capitalised).joined(separator: " "))
        }
        return text
    }

    /// "o'brien" → "O'Brien", "ruiz-park" → "Ruiz-Park".
    static func capitalised(_ word: Substring) -> String {
        var result = ""
        var previous: [Character] = []
        for character in word {
            let starts = previous.isEmpty || previous.last == "-" || (previous.count == 2 && previous.last == "'")
            result += starts ? character.uppercased() : String(character)
            previous.append(character)
        }
        return result
    }
}
