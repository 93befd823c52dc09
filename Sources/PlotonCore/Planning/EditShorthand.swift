import Foundation

/// Changes to a record written as shorthand, the way people note them in tickets and chat: "deal 42-Widgets: stage ->
/// contract sent", "contact o'reilly at 3m-partners: company name should be '3M Partners LLC'", "rename deal 'acme
/// pilot' → 'Acme Corp pilot (phase 2)'". Each is written out as the sentence it stands for ("change the stage of deal
/// 42-Widgets to contract sent"); an arrow elsewhere still means "then" (`PromptFraming.arrowsCut`).
enum EditShorthand {
    static let arrow = #"(?:->|→|=>|-->)"#

    static func resolved(_ prompt: String) -> String {
        let line = prompt.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !line.contains("\n") else { return prompt }
        // "deal X: stage -> contract sent", "contact Y: company name should be 'Z'".
        let labelled =
            #"(?i)^(?:the\s+)?(deal|contact)\s+([^:]{1,80}?)\s*:\s*([a-z][a-z ]{1,30}?)\s*(?:"# + arrow
            + #"|\bshould\s+(?:be|read|say)\b|\bis\s+now\b|\bnow\b|\bbecomes\b|=)\s*(.+?)[.!]?$"#
        if let expression = try? NSRegularExpression(pattern: labelled),
            let match = expression.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)),
            let record = Range(match.range(at: 1), in: line), let name = Range(match.range(at: 2), in: line),
            let field = Range(match.range(at: 3), in: line), let value = Range(match.range(at: 4), in: line)
        {
            // "contact lindqvist at northwind": the name is what comes before where they work, quoted so it is searched whole.
            let named = line[name].replacingMatches(of: #"\s+(?:at|from|@)\s+.*$"#, with: "")
            let quoted = named.first.map { "\"'“‘".contains($0) } == true ? named : "\"\(named)\""
            return "change the \(line[field]) of \(line[record].lowercased()) \(quoted) to \(line[value])"
        }
        // "The 'R&D tooling 2027' deal now closes on March 31 2027, please update it": the change said first, then asked.
        let told =
            #"(?:[,.;]|\s[-–—])\s*(?:(?:please|pls|can you|could you)\s+)?(?:update|change|fix|correct)\s+(?:it|that|this|the deal|the record|the amount|the value|the close date|the date)(?:\s+(?:in|on)\s+(?:the\s+)?(?:crm|hubspot))?(?:\s+(?:please|pls|thanks))?\s*[.!]?$"#
        let changes: [(pattern: String, property: String)] = [
            (
                #"(?i)^(?:so\s+)?(?:the\s+)?(.{1,80}?\bdeal)\s+(?:now\s+)?(?:closes|will close|is closing|is expected to close|should close)\s+(?:now\s+)?(?:on\s+|by\s+)?(.+?)"#,
                "close date"
            ),
            (
                #"(?i)^(?:so\s+)?(?:the\s+)?(.{1,80}?\bdeal)\s+is\s+now\s+(?:worth\s+)?([$€£]?\s?[\d.,]+\s?[kKmM]?(?:\s?(?:usd|eur|gbp|dollars|euros))?)"#,
                "amount"
            ),
        ]
        for (pattern, property) in changes {
            let whole = pattern + told
            guard line.rangeOfMatch(of: whole) != nil else { continue }
            return line.replacingMatches(of: whole, with: "update the $1: \(property) to $2")
        }
        // "rename deal 'acme pilot' → '…'", "move the Acme deal -> closed won".
        let verbed = #"(?i)^((?:please\s+)?(?:rename|change|move|update|set|switch)\b[^\n]{1,120}?)\s+"# + arrow + #"\s+(?=\S)"#
        return line.replacingMatches(of: verbed, with: "$1 to ")
    }
}
