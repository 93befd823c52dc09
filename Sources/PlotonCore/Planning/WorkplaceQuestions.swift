import Foundation

/// "Where does Grace Müller work?", "who does ben@… work for": a person's employer, which the CRM keeps as the
/// contact's company. Written as "what is Grace Müller's company", which the planner reads; asked as written,
/// nothing in it named a tool.
enum WorkplaceQuestions {
    static let question = try? NSRegularExpression(
        pattern:
            #"\b(?:where|who)\s+(?:does|did|do)\s+([^\s@?,;]+@[^\s?,;]+[a-z]|[^\s?,.;]+(?:\s[^\s?,.;]+){0,3}?)\s+work(?:\s+(?:for|at))?(?=\s+(?:now|these\s+days|nowadays|today)\b|\s*[?.!,;]|$)"#,
        options: [.caseInsensitive])

    static func resolved(_ prompt: String) -> String {
        guard prompt.range(of: "work", options: .caseInsensitive) != nil, let question,
            let match = question.firstMatch(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)),
            let whole = Range(match.range, in: prompt), let named = Range(match.range(at: 1), in: prompt)
        else { return prompt }
        let person = String(prompt[named])
        // A person named in full or by address: "where does she work" names nobody to look up.
        guard PartyNames.written(person) || PromptText.emails(in: person).count == 1 else { return prompt }
        return prompt.replacingCharacters(in: whole, with: "what is \(person)'s company")
    }
}
