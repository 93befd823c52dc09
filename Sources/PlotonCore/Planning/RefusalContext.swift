import Foundation

/// What a `planning_failed` message says about services, so a refusal tells the user what to ask
/// for instead: the tools the prompt names (by name, brand, or the records they hold) with what
/// each can do, and a service it names that no tool here connects to.
enum RefusalContext {
    /// Well-known services no built-in tool reaches, as people write them. Matched only when
    /// capitalised ("my Trello cards", "a Jira ticket"), so "zoom in" or "linear growth" are not services.
    static let otherServices: Set<String> = [
        "Trello", "Jira", "Asana", "Notion", "Zoom", "Outlook", "Discord", "WhatsApp", "Telegram", "Twitter", "LinkedIn",
        "GitHub", "GitLab", "Linear", "Shopify", "QuickBooks", "Xero", "Zendesk", "Intercom", "Mailchimp", "Twilio",
        "Airtable", "Confluence", "Pipedrive", "Figma", "Instagram", "Facebook", "Spotify", "Uber", "PayPal", "Venmo",
        "Calendly", "Todoist", "Evernote", "OneDrive", "Box", "Freshdesk", "ClickUp", "Basecamp", "Excel", "Sheets",
    ]

    /// "Show my Trello cards": the services named that no tool connects to, as written in the prompt.
    static func unknownServices(in prompt: String, catalog: ToolCatalog) -> [String] {
        let names = Set(catalog.tools.map { $0.name.lowercased() })
        var found: [String] = []
        for token in prompt.split(whereSeparator: { !$0.isLetter && $0 != "'" }) {
            let word = String(token.hasSuffix("'s") ? token.dropLast(2) : token)
            guard word.first?.isUppercase == true,
                let service = otherServices.first(where: { $0.lowercased() == word.lowercased() }),
                !names.contains(service.lowercased()), !found.contains(service)
            else { continue }
            found.append(service)
        }
        return found
    }

    /// "post the open deals to our Asana board": a service no tool connects to, named as where the
    /// action goes (after "to", "on", "in", "into" or "via"), which no question about a channel could fix.
    static func unknownDestination(in text: String, catalog: ToolCatalog) -> String? {
        let tokens = text.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        for (index, token) in tokens.enumerated() where ["to", "on", "in", "into", "onto", "via"].contains(token.lowercased()) {
            let rest = tokens.dropFirst(index + 1).drop { ["our", "my", "the", "a", "their", "your"].contains($0.lowercased()) }
            if let next = rest.first, let service = unknownServices(in: next, catalog: catalog).first { return service }
        }
        return nil
    }

    /// The tools a prompt names, with the words that named each: "the Acme deal from HubSpot" → crm (HubSpot, deal).
    static func namedTools(in prompt: String, catalog: ToolCatalog) -> [(tool: ToolDescriptor, by: [String])] {
        let words = PromptText.serviceWords(prompt)
        // "HubSpot" as the prompt spells it, not "hubspot".
        var spelled: [String: String] = [:]
        for token in prompt.split(whereSeparator: { !$0.isLetter }) {
            spelled[token.lowercased()] = spelled[token.lowercased()] ?? String(token)
        }
        return catalog.tools.compactMap { tool in
            var by = ServiceMatcher.brands.filter { $0.value == tool.name && words.contains($0.key) }.keys.sorted().map {
                spelled[$0] ?? $0
            }
            let records = Set(tool.capabilities.map { StepReferences.noun(of: $0.name) }).filter { !$0.isEmpty && !$0.contains(" ") }
            by += records.filter { words.contains($0) || words.contains($0 + "s") }.sorted()
            return by.isEmpty && !words.contains(tool.name.lowercased()) ? nil : (tool, by)
        }
    }

    /// "list contacts, search contacts, create contact, …": a tool's capabilities as a person reads them.
    static func abilities(of tool: ToolDescriptor) -> String {
        tool.capabilities.map { $0.name.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", ")
    }

    /// The understood items and the suggestion's opening for a refusal of `prompt`.
    static func describe(_ prompt: String, catalog: ToolCatalog) -> (understood: [String], suggestion: String?) {
        var understood = unknownServices(in: prompt, catalog: catalog).map { "\($0), which no tool here connects to" }
        let named = namedTools(in: prompt, catalog: catalog)
        understood += named.map { "the \($0.tool.name) tool" + ($0.by.isEmpty ? "" : " (\($0.by.joined(separator: ", ")))") }
        guard !named.isEmpty else { return (understood, nil) }
        let lines = named.prefix(3).map { "\($0.tool.name) can \(abilities(of: $0.tool))" }
        return (understood, lines.joined(separator: "; ") + ": ask for one of those")
    }
}
