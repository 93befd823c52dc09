import Foundation

/// News about a contact, then an order to record it: "Chloe Okafor has changed firms and is now with Globex; please update
/// her record", "Okafor's telephone number has changed to +44 7700 900123 - update her record in the CRM", "grace garcia's
/// email has changed to grace.g@…, could you update it". The news holds the new value; the order only points back at the
/// record. Said as one update of that field (the order was refused, "no tool here can update that", or the record was only
/// looked up, a silent drop).
enum ContactNews {
    private static let name = #"((?-i:\p{Lu})[\p{L}'’-]+(?:\s+(?-i:\p{Lu})[\p{L}'’-]+){0,2})"#
    private static let field =
        #"((?:tele)?phone(?:\s+number)?|mobile(?:\s+number)?|number|e-?mail(?:\s+address)?|address|company|job\s+title|title|role)"#
    /// The order after the news, pointing back at the record ("update her record", "change his company in the CRM",
    /// "update Kira Kowalski's record" once a pronoun was named), with any thanks after it.
    private static let order =
        #"(?:\s*\([^)\n]*\))?\s*(?:[;,.!]|\s[-–—])\s*(?:so\s+|and\s+)?(?:(?:please|pls|kindly|could\s+you|can\s+you|would\s+you)\s+)*"#
        + #"(?:update|change|fix|amend|correct|edit)\s+(?:it|that|the\s+crm|(?:her|his|their|the|[\p{L} '’-]{2,40}?['’]s)\s+"#
        + #"(?:record|contact|details|entry|company|phone(?:\s+number)?|number|mobile|e-?mail(?:\s+address)?|crm\s+record))\b"#
        + #"[^.!?\n]*[.!?]?(?:\s*(?:thanks|thank\s+you|thx|ta|cheers|much\s+appreciated)\b[^.!?\n]*[.!?]?)?\s*$"#

    private static let news: [(pattern: String, template: String)] = [
        // "X's phone has changed to V", "X's email is now V".
        (
            #"(?i)^(?:.*?[.!?]\s+)?"# + name + #"(?:'s|’s)\s+(?:new\s+)?"# + field
                + #"\s+(?:has\s+(?:changed|moved)\s+to|changed\s+to|is\s+now|has\s+become)\s+(\S(?:[^;,\n]*?\S)?)"# + order,
            "update $1's $2 to $3 in the CRM"
        ),
        // "X has a new number: V", "X has a new email, V".
        (
            #"(?i)^(?:.*?[.!?]\s+)?"# + name + #"\s+has\s+(?:a\s+)?new\s+"# + field + #"\s*[:,-]?\s+(\S(?:[^;,\n]*?\S)?)"# + order,
            "update $1's $2 to $3 in the CRM"
        ),
        // "X has changed firms and is now with Globex", "X moved to Hooli".
        (
            #"(?i)^(?:.*?[.!?]\s+)?"# + name
                + #"\s+(?:has\s+(?:changed\s+(?:firms|companies|jobs)\s+and\s+)?|has\s+left\s+[\w&'’.-]+(?:\s+[\w&'’.-]+)?\s+and\s+|has\s+)?"#
                + #"(?:is\s+now\s+(?:with|at)|(?:has\s+)?(?:moved|joined|gone)\s+(?:to|over\s+to)?|now\s+works\s+(?:at|for))\s+"#
                + #"((?-i:\p{Lu})[\w&'’.-]*(?:\s+(?-i:\p{Lu})[\w&'’.-]*){0,2})"# + order,
            "update $1's company to $2 in the CRM"
        ),
    ]

    static func resolved(_ prompt: String) -> String {
        guard !prompt.contains("\n") else { return prompt }
        for rule in news {
            guard prompt.rangeOfMatch(of: rule.pattern) != nil else { continue }
            let said = prompt.replacingMatches(of: rule.pattern, with: rule.template)
            // The name must be a person's, not an opening word ("Update: …", "Great news").
            guard let person = said.captured(of: #"^update (.+?)'s "#, group: 1),
                !DealNews.notCompanies.contains(person.split(separator: " ").first.map { $0.lowercased() } ?? "")
            else { continue }
            // The contact's property, as the update reads it ("mobile number" was asked for again).
            return said.replacingMatches(
                of: #"(?i)^(update .+?['’]s )(?:(?:tele)?phone\s+number|mobile(?:\s+number)?|number|telephone)(?= to )"#, with: "$1phone"
            )
            .replacingMatches(of: #"(?i)^(update .+?['’]s )(?:e-?mail\s+address|e-mail|address)(?= to )"#, with: "$1email")
            .replacingMatches(of: #"(?i)^(update .+?['’]s )(?:title|role)(?= to )"#, with: "$1job title")
        }
        return prompt
    }
}
