import Foundation

/// Requests agents hand over in shapes other than JSON, read as the labelled lines and calls the rest of the planner
/// knows: XML-ish tags (`<location>Cape Town</location>` asked for the location), a heading of `=` signs, LlamaIndex's
/// "Calling function: search_contacts with args: {…}" and Haystack's `ToolCall(tool_name='…', arguments={'…': '…'})`
/// (each was refused, or its value kept a quote and a brace).
enum MarkupRequests {
    /// A tag, its attributes (`<amount currency="USD">15.00</amount>`: the currency is the value's), and its value.
    static let tag = try? NSRegularExpression(pattern: #"<([A-Za-z][\w-]{0,30})((?:\s+[\w-]+\s*=\s*"[^"<>]*")*)\s*>([^<>]*)</\1>"#)
    static let wrapper = try? NSRegularExpression(pattern: #"</?[A-Za-z][\w-]{0,30}(?:\s+[\w-]+\s*=\s*"[^"<>]*")*\s*>"#)
    static let unit = try? NSRegularExpression(pattern: #"\b(?:currency|unit)\s*=\s*"([^"<>]{1,10})""#)
    /// `<deal name="Fenwick Q2" amount="72000" currency="EUR"/>`: an element that is its attributes.
    static let empty = try? NSRegularExpression(pattern: #"<([A-Za-z][\w-]{0,30})((?:\s+[\w-]+\s*=\s*"[^"<>]*")+)\s*/>"#)
    static let attribute = try? NSRegularExpression(pattern: #"([\w-]+)\s*=\s*"([^"<>]*)""#)
    static let haystackCall = try? NSRegularExpression(
        pattern: #"^ToolCall\(\s*tool_name\s*=\s*['"]([\w.-]+)['"]\s*,\s*arguments\s*=\s*(\{[^{}]*\})\s*(?:,[^()]*)?\)$"#)

    static func resolved(_ prompt: String) -> String {
        var text = prompt.trimmingCharacters(in: .whitespacesAndNewlines)
        // "=== Calling Function ===": a heading line says nothing. "**Create contact**" over labelled lines names the action
        // they are the data of (the heading was dropped and the lines read as a search).
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        text = lines.enumerated().compactMap { index, line -> Substring? in
            guard line.rangeOfMatch(of: #"^\s*[=#*-]{2,}[^=#*]*[=#*-]{2,}\s*$"#) != nil else { return line }
            let heading = line.trimmingCharacters(in: CharacterSet(charactersIn: "=#*- \t"))
            let labelled =
                lines.dropFirst(index + 1).first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                .map { $0.rangeOfMatch(of: #"^\s*(?:[-*•]\s+)?[A-Za-z][\w ]{0,25}:\s*\S"#) != nil } ?? false
            let (kind, verb) = PromptClauses.classify(heading)
            guard labelled, verb != nil, kind != .read, kind != .unsupported else { return nil }
            return Substring("action: " + heading)
        }.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        // "Calling function: search_contacts with args: {…}" → "Call function search_contacts with args {…}".
        text = text.replacingMatches(
            of: #"^(?i:calling|invoking|running|executing)\s+(?i:function|tool)\s*:?\s*"#, with: "Call function ")
        // Semantic Kernel's plan: "Available plugin: Ploton.Execute" names the means, and "Call Ploton.Execute with "list active
        // subscriptions …"" hands over the request itself (refused: no tool can "call").
        text = text.replacingMatches(
            of: #"(?im)^[ \t]*available\s+(?:plugins?|tools?|functions?|skills?)\s*:[^\n]*(?:\n|$)"#, with: ""
        ).replacingMatches(
            of: #"(?i)\b(?:call|invoke|use|run)\s+(?:the\s+)?(?:plugin\s+|function\s+|tool\s+)?ploton(?:[.:_/][\w.]+)?\s+"#
                + #"(?:with|on|using)\s+(?:the\s+)?(?:(?:input|query|prompt|request|task|argument)\s+)?"([^"\n]+)""#,
            with: "$1")
        text = tableWritten(text)
        // Semantic Kernel's `ChatHistory:` with "[system] …" and "[user] …" lines: speakers, as "System:" and "User:" name them
        // (the user's create was read as a search).
        // `"Email finance@… the number of open invoices we have."`, `User: "…"`: a request quoted whole is its words (the
        // quote was sent as the message, and the count never read).
        text = text.replacingMatches(
            of: #"^(?i:(?:user|human|customer|client)\s*:\s*)?["“]([^"”\n]+)["”]$"#, with: "$1")
        text = text.replacingMatches(of: #"(?im)^[ \t]*chat\s*history\s*:\s*"#, with: "")
            // `[AuthorRole.User] "Email finance@… the number of open invoices."`: a turn quoted whole is its words (the
            // quote was sent as the message).
            .replacingMatches(
                of: #"(?im)^[ \t]*\[(?:AuthorRole\.)?(user|human)\][ \t]*["“]([^"”\n]+)["”][ \t]*$"#, with: "$1: $2"
            )
            .replacingMatches(
                of: #"(?im)^[ \t]*\[(?:AuthorRole\.)?(user|human|system|assistant|ai|bot)\][ \t]*:?[ \t]*"#, with: "$1: ")
        if let call = haystack(text) { return call }
        return tagged(text) ?? (text == prompt.trimmingCharacters(in: .whitespacesAndNewlines) ? prompt : text)
    }

    /// A markdown table of steps ("| step | what |", "|---|---|", "| 1 | book … |"): each row a line of its cells, its number
    /// left out; the header and the rule go (the rows were one read, and the post in the second refused).
    static func tableWritten(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let ruled = #"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$"#
        guard let rule = lines.firstIndex(where: { $0.rangeOfMatch(of: ruled) != nil }), rule > 0,
            lines[rule - 1].contains("|")
        else { return text }
        let rows = lines[(rule + 1)...].map { line -> String in
            guard line.trimmingCharacters(in: .whitespaces).hasPrefix("|") else { return line }
            var cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if cells.count > 1, cells[0].allSatisfy(\.isNumber) { cells.removeFirst() }
            return cells.joined(separator: " ")
        }
        return (lines[..<(rule - 1)] + rows).joined(separator: "\n")
    }

    /// `ToolCall(tool_name='get_payment', arguments={'payment_id': 'pi_…'})` → `Call function get_payment with args {"payment_id": …}`.
    static func haystack(_ text: String) -> String? {
        guard let match = haystackCall?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let name = Range(match.range(at: 1), in: text), let arguments = Range(match.range(at: 2), in: text)
        else { return nil }
        // Python's quotes, as JSON writes them (a value with a quote inside is left as it is, and read as words).
        let json = text[arguments].replacingOccurrences(of: "'", with: "\"")
        guard (try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil else { return nil }
        return "Call function \(text[name]) with args \(json)"
    }

    /// `<task><intent>current weather</intent><location>Cape Town</location></task>` → "intent: current weather\nlocation: Cape
    /// Town", when the prompt is tags alone.
    static func tagged(_ text: String) -> String? {
        guard text.hasPrefix("<"), text.hasSuffix(">"), let tag, let wrapper else { return nil }
        let text = attributesWritten(text)
        let range = NSRange(text.startIndex..., in: text)
        let pairs = tag.matches(in: text, range: range).compactMap { match -> String? in
            guard let name = Range(match.range(at: 1), in: text), let value = Range(match.range(at: 3), in: text) else { return nil }
            let said = text[value].trimmingCharacters(in: .whitespacesAndNewlines)
            let attributes = Range(match.range(at: 2), in: text).map { String(text[$0]) } ?? ""
            let suffix =
                unit?.firstMatch(in: attributes, range: NSRange(attributes.startIndex..., in: attributes))
                .flatMap { Range($0.range(at: 1), in: attributes) }.map { " " + attributes[$0] } ?? ""
            return said.isEmpty ? nil : "\(text[name]): \(said)\(suffix)"
        }
        // Only tags: nothing but their values and whitespace once they are taken out.
        let values = tag.stringByReplacingMatches(in: text, range: range, withTemplate: "")
        let left = wrapper.stringByReplacingMatches(in: values, range: NSRange(values.startIndex..., in: values), withTemplate: "")
        guard !pairs.isEmpty, left.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return pairs.joined(separator: "\n")
    }

    /// `<deal name="Fenwick Q2" amount="72000"/>` → `<deal-name>Fenwick Q2</deal-name><amount>72000</amount>`: each
    /// attribute a tag of its own, a name the element's (the element was left, and the action read as a search).
    static func attributesWritten(_ text: String) -> String {
        guard let empty, let attribute else { return text }
        var written = text
        for match in empty.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            guard let whole = Range(match.range, in: text), let element = Range(match.range(at: 1), in: text),
                let list = Range(match.range(at: 2), in: text)
            else { continue }
            let attributes = String(text[list])
            let tags = attribute.matches(in: attributes, range: NSRange(attributes.startIndex..., in: attributes)).compactMap {
                match -> String? in
                guard let name = Range(match.range(at: 1), in: attributes), let value = Range(match.range(at: 2), in: attributes)
                else { return nil }
                let label =
                    ["name", "id", "title"].contains(attributes[name].lowercased())
                    ? "\(text[element])-\(attributes[name])" : "\(attributes[name])"
                return "<\(label)>\(attributes[value])</\(label)>"
            }
            written.replaceSubrange(whole, with: tags.joined())
        }
        return written
    }
}
