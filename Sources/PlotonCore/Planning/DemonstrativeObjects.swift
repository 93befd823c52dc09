import Foundation

/// "email that list to ann@…", "post that in #general", "send that over to …": "that" right after a
/// verb that sends is the thing read, not the "that …" opening the message's words, so it is written as
/// the pronoun the parts already read ("it", "the list"). "tell her that …" and "saying that …" keep it.
enum DemonstrativeObjects {
    static let sendingVerbs: Set<String> = [
        "send", "email", "e-mail", "mail", "post", "share", "forward", "slack", "dm", "message", "ping", "drop", "put", "save", "upload",
        "write", "store", "export",
    ]
    /// Words after which "that" stands alone: where it goes, or nothing more.
    static let followers: Set<String> = [
        "to", "in", "into", "on", "onto", "over", "across", "with", "via", "by", "along", "out", "as", "and", "then", "too", "also",
    ]
    /// Nouns "that" points with ("that list", "that summary"): what was read.
    static let readNouns: Set<String> = [
        "list", "lists", "summary", "report", "table", "info", "information", "data", "result", "results", "one", "file", "breakdown",
        "overview", "rundown", "count", "number", "total", "answer",
    ]

    static func resolved(_ prompt: String) -> String {
        guard prompt.range(of: "that", options: .caseInsensitive) != nil else { return prompt }
        var tokens = prompt.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for index in tokens.indices.dropFirst() where tokens[index].lowercased().hasPrefix("that") {
            let bare = tokens[index].trimmingCharacters(in: .punctuationCharacters)
            let verb = tokens[index - 1].lowercased().trimmingCharacters(in: .punctuationCharacters)
            guard bare.lowercased() == "that", sendingVerbs.contains(PromptClauses.base(verb)), !tokens[index - 1].hasSuffix(",") else {
                continue
            }
            let trailing = tokens[index].dropFirst(bare.count)
            let next = index + 1 < tokens.count ? tokens[index + 1].lowercased().trimmingCharacters(in: .punctuationCharacters) : ""
            if !trailing.isEmpty || next.isEmpty || followers.contains(next) || next.hasPrefix("#") || next.contains("@") {
                tokens[index] = "it" + trailing
            } else if readNouns.contains(next) {
                tokens[index] = "the"
            }
        }
        return tokens.joined(separator: " ")
    }
}
