import Foundation

/// A weather question written short, then where and when as a fragment: "☔️? London today", "rain? Oslo
/// tomorrow", "temp?? Berlin now". The fragment was a part of its own ("no tool here can london that").
enum WeatherFragments {
    static let pattern = try? NSRegularExpression(
        pattern: #"^(\s*\S{1,12}?)\s*\?+\s+(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2})"#
            + #"(\s+(?:today|now|right\s+now|atm|tonight|tomorrow|tmrw|this\s+morning|this\s+afternoon|this\s+evening))?\s*[.?!]*\s*$"#)

    static func resolved(_ prompt: String) -> String {
        guard let pattern, prompt.count <= 60,
            let match = pattern.firstMatch(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)),
            let question = Range(match.range(at: 1), in: prompt), let place = Range(match.range(at: 2), in: prompt),
            PromptText.words(String(prompt[question])).contains(where: EmbeddedPlanner.weatherWords.contains)
                || EmbeddedPlanner.weatherWords.contains(String(prompt[question]).trimmingCharacters(in: .whitespaces))
        else { return prompt }
        let time = Range(match.range(at: 3), in: prompt).map { String(prompt[$0]) } ?? ""
        // "☔️": an emoji is the weather asked about, in words.
        let asked = prompt[question].trimmingCharacters(in: .whitespaces)
        return "\(asked.contains(where: \.isLetter) ? asked : "weather") in \(prompt[place])\(time)?"
    }
}
