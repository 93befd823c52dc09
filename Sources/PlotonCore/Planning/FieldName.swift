import Foundation

/// A requested field as a key: "each person's Phone Numbers" → `phone_number`. Possessive owners,
/// determiners and plural endings go, so the caller's phrasing and a tool's field names meet.
public enum FieldName {
    static let ignored: Set<String> = [
        "the", "a", "an", "each", "every", "all", "their", "his", "her", "its", "our", "my", "your", "one", "person", "people", "any",
        "of", "it", "they", "them", "what", "which", "when", "how", "much", "many", "does", "do", "is", "are", "was", "were", "be",
        "been", "will", "to", "in", "on", "at", "expected", "celsius", "fahrenheit", "percentage", "percent",
    ]
    /// The records a question is about ("when each *deal* is expected to close"): not the field.
    static let recordNouns: Set<String> = [
        "deal", "deals", "contact", "contacts", "invoice", "invoices", "subscription", "subscriptions", "customer", "customers", "file",
        "files", "event", "events", "message", "messages", "channel", "channels", "meetings", "appointments",
    ]

    public static func normalized(_ field: String) -> String {
        let split = String(field.lowercased().map { $0 == "’" ? "'" : $0 })
            .split { !$0.isLetter && !$0.isNumber && $0 != "'" }
            .map(String.init)
        let question = ["when", "what", "how", "which", "who"].contains(split.first ?? "")
        let words = split.filter { !(question && recordNouns.contains($0)) }
            // "the deal's name": the owner is the record itself.
            .filter { !$0.isEmpty && !$0.hasSuffix("'s") && !$0.hasSuffix("'") && !ignored.contains($0) }
            .map(singular)
        // "how much", "how many": a question made only of such words is its own key.
        if words.isEmpty, split.first == "how", split.count == 2 { return split.joined(separator: "_") }
        // "who wrote what and when": a question word alone asks for its field (the time, the author).
        if words.isEmpty, split.count == 1, ["when", "who", "where"].contains(split[0]) { return split[0] }
        return words.joined(separator: "_")
    }

    /// "companies" → "company", "addresses" → "address", "status" stays.
    public static func singular(_ word: String) -> String {
        guard word.count > 2 else { return word }
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if ["sses", "xes", "ches", "shes"].contains(where: word.hasSuffix) { return String(word.dropLast(2)) }
        if word.hasSuffix("s"), !["ss", "us", "is"].contains(where: word.hasSuffix) { return String(word.dropLast()) }
        return word
    }
}
