import Foundation

/// Values an agent lists as JSON objects beside a request that goes over them: `Inputs: [{"city": "Kraków"},
/// {"city": "Porto"}]. Get the current temperature for each city.` → "Get the current temperature for Kraków and
/// Porto." (it read the weather of "each city"). Nil unless the request says "each" or "every" of what is listed.
enum ListedValues {
    static func resolved(_ prompt: String) -> String? {
        guard let open = prompt.range(of: "[{"), let end = ToolCallText.closing(Array(prompt[open.lowerBound...]), from: 0) else {
            return nil
        }
        let close = prompt.index(open.lowerBound, offsetBy: end)
        guard let list = try? JSONSerialization.jsonObject(with: Data(prompt[open.lowerBound...close].utf8)) as? [[String: Any]],
            list.count >= 2, let key = list.first?.keys.first, list.allSatisfy({ $0.count == 1 && $0[key] is String })
        else { return nil }
        let values = list.compactMap { $0[key] as? String }
        // "Inputs: [...]." → the words around the list, without its label.
        var before = String(prompt[..<open.lowerBound]).trimmingCharacters(in: .whitespaces)
        if before.hasSuffix(":") {
            before = before.split(separator: " ").dropLast().joined(separator: " ")
        }
        let after = prompt[prompt.index(after: close)...].trimmingCharacters(in: CharacterSet(charactersIn: " .;\n"))
        let request = [before, after].filter { !$0.isEmpty }.joined(separator: " ")
        let named =
            values.count == 2 ? values.joined(separator: " and ") : values.dropLast().joined(separator: ", ") + " and " + values.last!
        let noun = key.replacingOccurrences(of: "_", with: " ")
        let pattern =
            #"(?i)\b(?:each|every|all)\s(?:of\sthe\s|the\s)?(?:"# + NSRegularExpression.escapedPattern(for: noun)
            + #"(?:s|es)?|one|of\sthem)\b"#
        guard request.rangeOfMatch(of: pattern) != nil else { return nil }
        return request.replacingMatches(of: pattern, with: named)
    }
}
