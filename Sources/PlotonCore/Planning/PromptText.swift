import Foundation

/// Small, tested readers of plain-language prompts.
public enum PromptText {
    public static func words(_ text: String) -> Set<String> {
        Set(text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "'" }.map(String.init))
    }

    static let stopWords: Set<String> = [
        "and", "return", "returning", "with", "today", "now", "right", "please", "then", "tomorrow", "this", "currently",
        "including", "include", "give", "show", "tell", "at", "on", "for", "me", "us", "you", "it", "them", "my", "our",
    ]

    /// The place after "in", "for" or "at": "weather in San Francisco and return …" → "San Francisco".
    public static func location(in prompt: String) -> String? {
        let tokens = prompt.split(whereSeparator: \.isWhitespace).map(String.init)
        for (index, token) in tokens.enumerated() where ["in", "for", "at"].contains(token.lowercased()) {
            var place: [String] = []
            for next in tokens[(index + 1)...] {
                let trimmed = next.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?\"'()"))
                if trimmed.isEmpty || stopWords.contains(trimmed.lowercased()) { break }
                if ["the", "a"].contains(trimmed.lowercased()), place.isEmpty { break }
                place.append(trimmed)
                if next.last.map({ ".,;:!?".contains($0) }) == true { break }
            }
            if !place.isEmpty { return place.joined(separator: " ") }
        }
        return nil
    }

    /// "…and return temperature, conditions, and humidity" → ["temperature", "conditions", "humidity"].
    public static func requestedFields(in prompt: String) -> [String] {
        let lower = prompt.lowercased()
        let markers = ["return ", "returning ", "include ", "including ", "give me ", "with fields "]
        guard let marker = markers.compactMap({ lower.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) else {
            return []
        }
        var tail = String(lower[marker.upperBound...])
        if let end = tail.firstIndex(where: { ".;!?".contains($0) }) { tail = String(tail[..<end]) }
        return tail.replacingOccurrences(of: ", and ", with: ",").replacingOccurrences(of: " and ", with: ",")
            .split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .map { $0.hasPrefix("the ") ? String($0.dropFirst(4)) : $0 }
            .filter { !$0.isEmpty }
    }
}
