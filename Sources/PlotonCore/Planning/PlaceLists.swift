import Foundation

/// "weather in Nairobi + Kampala", "Oslo & Bergen", "Nairobi/Kampala", "Tokyo vs Seoul": places joined
/// by a sign or a comparison are as many places as "Nairobi and Kampala", each looked up on its own.
enum PlaceLists {
    static let joined = try? NSRegularExpression(
        pattern: #"\b(\p{L}+)\s*(?:\+|&|/|\bvs\.?(?=\s)|\bversus\b)\s*(\p{L}+)"#)

    static func resolved(_ prompt: String) -> String {
        guard let joined, !PromptText.words(prompt).isDisjoint(with: EmbeddedPlanner.weatherWords) else { return prompt }
        var text = prompt
        // "schedule 'Walk & talk'": quoted words are said as written.
        let quoted = PromptText.quotedTexts(in: prompt)
        // From the end, so the ranges of earlier matches stay where they are.
        for match in joined.matches(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)).reversed() {
            guard let whole = Range(match.range, in: text), let first = Range(match.range(at: 1), in: text),
                let second = Range(match.range(at: 2), in: text), isPlace(text[first]), isPlace(text[second]),
                !quoted.contains(where: { $0.contains(text[whole]) })
            else { continue }
            text.replaceSubrange(whole, with: "\(text[first]) and \(text[second])")
        }
        return text
    }

    /// "Nairobi", "porto": a capitalised word, or a lower-case one that is no weather word ("humidity + wind")
    /// and no common word.
    static func isPlace(_ word: Substring) -> Bool {
        if word.first?.isUppercase == true { return true }
        return !EmbeddedPlanner.weatherWords.contains(word.lowercased()) && !ReadIntents.commonWords.contains(word.lowercased())
    }
}
