import Foundation

/// What a `planning_failed` message says about services, so a refusal tells the user what to ask
/// for instead: the tools the prompt names (by name, brand, or the records they hold) with what
/// each can do, and a service it names that no tool here connects to.
enum RefusalContext {
    /// Well-known services no built-in tool reaches, as people write them. Matched only when
    /// capitalised ("my Trello cards", "a Jira ticket"), so "zoom in" or "linear growth" are not
    /// services; a two-word name ("Microsoft Teams", "Google Chat") is matched whole, and
    /// "Teams" alone stands for it. Dropbox, OneDrive and Box are not the Google Drive tool.
    static let otherServices: [String] = [
        "Microsoft Teams", "Google Chat", "Google Sheets", "Google Meet", "Trello", "Jira", "Asana", "Notion", "Zoom", "Outlook",
        "Discord", "WhatsApp", "Telegram", "Twitter", "LinkedIn", "GitHub", "GitLab", "Linear", "Shopify", "QuickBooks", "Xero",
        "Zendesk", "Intercom", "Mailchimp", "Twilio", "Airtable", "Confluence", "Pipedrive", "Figma", "Instagram", "Facebook",
        "Spotify", "Uber", "PayPal", "Venmo", "Calendly", "Todoist", "Evernote", "Dropbox", "OneDrive", "Box", "Freshdesk",
        "ClickUp", "Basecamp", "Excel", "Teams", "Mattermost", "Signal", "iMessage", "Webex", "SharePoint", "Salesforce", "Zoho",
    ]
    /// Services whose one-word name is no English word, so that written in lower case it is still the service.
    static let unmistakable: Set<String> = [
        "whatsapp", "jira", "trello", "asana", "dropbox", "onedrive", "sharepoint", "salesforce", "quickbooks", "xero", "zendesk",
        "mailchimp", "twilio", "airtable", "pipedrive", "todoist", "evernote", "freshdesk", "clickup", "imessage", "webex",
        "telegram", "shopify", "paypal", "venmo", "calendly", "instagram", "facebook", "linkedin", "github", "gitlab", "discord",
        "mattermost", "zoho",
    ]
    /// Records no built-in tool holds, as a service's ("our Shopify orders", "the Jira tickets").
    static let foreignRecords: Set<String> = [
        "orders", "order", "tickets", "ticket", "issues", "issue", "cards", "card", "tasks", "task", "pages", "page", "products",
        "product", "boards", "board", "repos", "repo", "store", "shop", "campaigns", "campaign", "sheet", "sheets", "workspace",
    ]

    /// The services named from `start` of `tokens` (as written), with how many tokens each takes.
    static func service(at start: Int, of tokens: [String]) -> (name: String, length: Int)? {
        guard tokens.indices.contains(start) else { return nil }
        let capitalised = tokens[start].first?.isUppercase == true
        for name in otherServices {
            let parts = name.lowercased().split(separator: " ").map(String.init)
            // "our microsoft teams channel", "my whatsapp": a name no everyday word shares, as dictated.
            guard capitalised || parts.count > 1 || unmistakable.contains(parts[0]) else { continue }
            let words = tokens.dropFirst(start).prefix(parts.count).map { $0.lowercased().replacingOccurrences(of: "'s", with: "") }
            if words == parts { return (name == "Teams" ? "Microsoft Teams" : name, parts.count) }
        }
        return nil
    }

    static func tokens(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isLetter && $0 != "'" }).map(String.init)
    }

    /// "Show my Trello cards": the services named that no tool connects to.
    static func unknownServices(in prompt: String, catalog: ToolCatalog) -> [String] {
        let names = Set(catalog.tools.map { $0.name.lowercased() })
        let tokens = tokens(prompt)
        var found: [String] = []
        var index = 0
        while index < tokens.count {
            guard let named = service(at: index, of: tokens) else {
                index += 1
                continue
            }
            if !names.contains(named.name.lowercased()), !found.contains(named.name) { found.append(named.name) }
            index += named.length
        }
        return found
    }

    /// "post the open deals to our Microsoft Teams channel", "send a WhatsApp message to Ben": a
    /// service no tool connects to, named as where an action goes (after "to", "on", "in", "into",
    /// "via" and the like) or as the kind of message; the action would otherwise go to a built-in
    /// tool of the same kind (Slack for Teams, Drive for Dropbox) or ask for a channel.
    static func unknownDestination(in clause: PromptClause, catalog: ToolCatalog) -> String? {
        guard clause.isAction else { return nil }
        // What the message says is no destination ("tell #eng we are moving to Jira", "Post in #design: Mockups v3 are in
        // Figma").
        let said = PromptText.messageText(in: clause.text)
        let tokens = tokens(said.map { clause.instructions.replacingOccurrences(of: $0, with: "") } ?? clause.instructions)
        let lead: Set<String> = ["to", "on", "in", "into", "onto", "via", "through", "using", "with", "a", "an"]
        let determiners: Set<String> = ["our", "my", "the", "a", "an", "their", "your", "his", "her", "its"]
        for (index, token) in tokens.enumerated() where lead.contains(token.lowercased()) {
            var next = index + 1
            while next < tokens.count, determiners.contains(tokens[next].lowercased()) { next += 1 }
            if let named = service(at: next, of: tokens), !catalog.tools.contains(where: { $0.name == named.name.lowercased() }) {
                return named.name
            }
        }
        return nil
    }

    /// "pull yesterday's Shopify orders", "look up the Hooli deal on Salesforce": a service no tool connects to,
    /// named as where a read's records come from (after "from", "on", "in" and the like) or with records no
    /// built-in tool holds. Read from a built-in tool of the same kind, the task sent other data; asked for
    /// a message body, it dropped the read.
    static func unknownSource(in text: String, catalog: ToolCatalog) -> String? {
        let tokens = tokens(text)
        let lead: Set<String> = ["from", "on", "in", "via", "through", "using", "at"]
        let determiners: Set<String> = ["our", "my", "the", "their", "your", "his", "her", "its"]
        for index in tokens.indices {
            guard let named = service(at: index, of: tokens), !catalog.tools.contains(where: { $0.name == named.name.lowercased() })
            else { continue }
            let before = tokens[..<index].reversed().drop { determiners.contains($0.lowercased()) }.first?.lowercased()
            let after = tokens.dropFirst(index + named.length).first?.lowercased()
            // "emails from LinkedIn", "messages from Stripe": who sent the mail, which the mailbox holds.
            if before == "from", index >= 2,
                ["emails", "email", "mails", "mail", "messages", "message", "notifications", "newsletters"].contains(
                    tokens[index - 2].lowercased())
            {
                continue
            }
            if before.map(lead.contains) == true || after.map(foreignRecords.contains) == true { return named.name }
        }
        return nil
    }

    /// The tools a prompt names, with the words that named each: "the Acme deal from HubSpot" → crm (HubSpot, deal).
    static func namedTools(in prompt: String, catalog: ToolCatalog) -> [(tool: ToolDescriptor, by: [String])] {
        let written = PromptText.serviceWords(prompt)
        let words = written.union(written.map(PromptText.withoutPossessive))
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
