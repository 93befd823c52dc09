import Foundation

/// Which tools a prompt names: by tool name, category, or a provider's brand ("HubSpot" is the
/// CRM, "Gmail" is email), best match first.
enum ServiceMatcher {
    static let brands: [String: String] = [
        "hubspot": "crm", "stripe": "payments", "slack": "chat", "gmail": "email", "mail": "email",
        "emails": "email", "inbox": "email", "drive": "storage", "files": "storage", "documents": "storage",
        "meetings": "calendar", "events": "calendar", "meeting": "calendar", "schedule": "calendar", "forecast": "weather",
    ]

    static func tools(in words: Set<String>, catalog: ToolCatalog) -> [ToolDescriptor] {
        let scored = catalog.tools.map { tool -> (ToolDescriptor, Int) in
            var vocabulary = Set(tool.categories.map { $0.lowercased() })
            vocabulary.insert(tool.name.lowercased())
            vocabulary.formUnion(brands.filter { $0.value == tool.name }.keys)
            return (tool, vocabulary.intersection(words).count)
        }
        return scored.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.map(\.0)
    }
}

extension PromptText {
    /// What the embedded planner could read from a prompt, in words, for `planning_failed` messages.
    public static func understanding(of prompt: String, now: Date) -> [String] {
        var understood: [String] = []
        if let user = endUser(in: prompt) { understood.append("end user \(user)") }
        if let channel = channel(in: prompt) { understood.append("channel #\(channel)") }
        let lower = prompt.lowercased()
        if dateRange(in: prompt, now: now) != nil,
            let period = ["this month", "last month", "this week", "last week", "yesterday", "today", "this year"].first(
                where: lower.contains)
        {
            understood.append("the period \"\(period)\"")
        }
        let tokens = prompt.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .init(charactersIn: ".,;:!?\"'()<>")) }
        let emails = emails(in: prompt)
        if !emails.isEmpty { understood.append("email \(emails.joined(separator: ", "))") }
        let amounts = tokens.filter { $0.hasPrefix("$") && Double($0.dropFirst().replacingOccurrences(of: ",", with: "")) != nil }
        if !amounts.isEmpty { understood.append("amount \(amounts.joined(separator: ", "))") }
        if let quoted = quoted(in: prompt) { understood.append("the text \"\(quoted)\"") }
        let fields = requestedFields(in: prompt)
        if !fields.isEmpty { understood.append("the fields \(fields.joined(separator: ", "))") }
        return understood
    }
}
