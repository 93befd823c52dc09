import Foundation

/// The tool boundary of a subagent, read from its domain prompt: every tool the prompt names by
/// tool name, category, provider brand ("Stripe", "HubSpot") or the things its capabilities work
/// on ("invoices", "deals", "channels"), singular or plural.
public enum SubagentScope {
    /// Capability-name words that say what a capability does rather than what it works on.
    static let verbs: Set<String> = [
        "list", "get", "create", "update", "delete", "search", "find", "read", "send", "post", "latest", "upload", "current",
    ]
    /// Words too common to place a prompt ("customer support" is not billing, "field teams" not chat).
    static let ambiguous: Set<String> = ["customer", "message", "event", "user", "team", "data"]
    /// Domain words that name a tool without being one of its categories.
    static let domainWords: [String: String] = [
        "lead": "crm", "pipeline": "crm", "charge": "payments", "card": "payments", "slack": "chat",
        "stripe": "payments", "appointment": "calendar", "invite": "calendar", "mailbox": "email", "folder": "storage",
        "temperature": "weather", "rain": "weather",
    ]

    /// The names of the tools in `catalog` that `prompt` puts in scope, in catalog order.
    public static func tools(for prompt: String, catalog: ToolCatalog) -> [String] {
        let words = Set(PromptText.words(prompt).map(singular))
        return catalog.tools.filter { !vocabulary(of: $0).isDisjoint(with: words) }.map(\.name)
    }

    static func vocabulary(of tool: ToolDescriptor) -> Set<String> {
        var words = Set([tool.name.lowercased()] + tool.categories.map { $0.lowercased() })
        words.formUnion(ServiceMatcher.brands.filter { $0.value == tool.name }.keys)
        words.formUnion(domainWords.filter { $0.value == tool.name }.keys)
        for capability in tool.capabilities {
            words.formUnion(
                capability.name.lowercased().split(separator: "_").map { singular(String($0)) }.filter {
                    !verbs.contains($0) && !ambiguous.contains($0)
                })
        }
        return Set(words.map(singular)).subtracting(ambiguous)
    }

    /// "invoices" → "invoice"; short words and "-ss" words stay as they are.
    static func singular(_ word: String) -> String {
        guard word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss") else { return word }
        return String(word.dropLast())
    }
}

/// The subagents every account has: scoped agents for common domains, ready to use.
public struct PrebuiltSubagent: Sendable, Equatable {
    public var name: String
    public var prompt: String

    public static let all: [PrebuiltSubagent] = [
        .init(name: "sales", prompt: "A sales assistant: keeps CRM contacts and deals up to date, emails leads and books meetings."),
        .init(
            name: "support",
            prompt: "A customer support agent: reads and answers email, posts to team chat channels, looks up CRM contacts."),
        .init(name: "billing", prompt: "A billing agent: looks up customers, invoices and subscriptions in payments, and issues refunds."),
        .init(name: "scheduling", prompt: "A scheduling assistant: lists and creates calendar events and sends the invites by email."),
        .init(name: "files", prompt: "A files assistant: lists, reads and uploads documents in storage."),
        .init(name: "weather", prompt: "A weather assistant: current weather and forecasts for any place."),
    ]
}

extension ToolCatalog {
    /// Only the named tools: a subagent's boundary.
    public func restricted(to names: [String]) -> ToolCatalog { ToolCatalog(tools: tools.filter { names.contains($0.name) }) }
}
