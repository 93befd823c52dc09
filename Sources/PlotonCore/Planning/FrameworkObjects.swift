import Foundation

/// A request an agent framework hands over as the object it builds, written as code: LlamaIndex's
/// `QueryBundle(query_str='…')`, Haystack's `ChatMessage.from_user("…")` and `ChatMessage(role=<ChatRole.USER: 'user'>,
/// content='…')`, LangChain's `HumanMessage(content="…")`. The request is the object's text; its class, role and keyword
/// names are no words of it (a spelling pass made `query_str` "query_store", and "user" was searched for).
enum FrameworkObjects {
    static let call = try? NSRegularExpression(
        // `kernel.invoke(ploton_plugin["run"], input="…")`: a method of an object in lower case too.
        pattern: #"^\s*(?:[A-Z]\w*(?:\.\w+)?|[a-z_]\w*(?:\.\w+)+)\s*\((.*)\)\s*[.;]?\s*$"#, options: [.dotMatchesLineSeparators])
    /// A keyword argument that holds the text, or the first argument when it is a string.
    static let text = try? NSRegularExpression(
        pattern: #"(?:^\s*|\b(?:content|query_str|query|text|prompt|input|message|task|question|instruction)\s*=\s*)"#
            + #"(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')"#)

    static func unwrapped(_ prompt: String) -> String {
        let whole = NSRange(prompt.startIndex..., in: prompt)
        guard let call, let text, let match = call.firstMatch(in: prompt, range: whole),
            let arguments = Range(match.range(at: 1), in: prompt)
        else { return prompt }
        let inside = String(prompt[arguments])
        guard let found = text.firstMatch(in: inside, range: NSRange(inside.startIndex..., in: inside)),
            let value = [1, 2].lazy.compactMap({ Range(found.range(at: $0), in: inside) }).first
        else { return prompt }
        let request = inside[value].replacingOccurrences(of: #"\\n"#, with: "\n").replacingMatches(
            of: #"\\(["'\\])"#, with: "$1"
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        // A sentence, not an identifier (a tool's call in code, `post_message(channel=…)`, is `ToolCallText`'s).
        return request.contains(" ") ? request : prompt
    }
}
