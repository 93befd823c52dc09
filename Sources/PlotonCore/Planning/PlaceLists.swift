import Foundation

/// "weather in Nairobi + Kampala", "Oslo & Bergen", "Nairobi/Kampala", "Tokyo vs Seoul": places joined
/// by a sign or a comparison are as many places as "Nairobi and Kampala", each looked up on its own.
enum PlaceLists {
    static let joined = try? NSRegularExpression(
        pattern: #"\b(\p{Lu}\p{L}+)\s*(?:\+|&|/|\bvs\.?(?=\s)|\bversus\b)\s*(\p{Lu}\p{L}+)"#)

    static func resolved(_ prompt: String) -> String {
        guard let joined, !PromptText.words(prompt).isDisjoint(with: EmbeddedPlanner.weatherWords) else { return prompt }
        let range = NSRange(prompt.startIndex..., in: prompt)
        return joined.stringByReplacingMatches(in: prompt, range: range, withTemplate: "$1 and $2")
    }
}
