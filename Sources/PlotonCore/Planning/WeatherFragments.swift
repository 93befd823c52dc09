import Foundation

/// A weather question written short, then where and when as a fragment: "☔️? London today", "rain? Oslo
/// tomorrow", "temp?? Berlin now". The fragment was a part of its own ("no tool here can london that").
enum WeatherFragments {
    static let pattern = try? NSRegularExpression(
        pattern: #"^(\s*\S{1,12}?)\s*\?+\s+(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2})"#
            + #"(\s+(?:today|now|right\s+now|atm|tonight|tomorrow|tmrw|this\s+morning|this\s+afternoon|this\s+evening))?\s*[.?!]*\s*$"#)

    /// Weather shown as pictures: rain, umbrella, sun, cloud, snow, storm, wind, thermometer, fog.
    static let pictures: Set<Unicode.Scalar> = [
        "\u{2614}", "\u{2602}", "\u{1F302}", "\u{1F327}", "\u{2600}", "\u{1F324}", "\u{1F325}", "\u{1F326}", "\u{26C5}",
        "\u{2601}", "\u{1F328}", "\u{2744}", "\u{2603}", "\u{26C4}", "\u{26C8}", "\u{1F329}", "\u{1F32C}", "\u{1F321}",
        "\u{1F32B}", "\u{1F308}", "\u{1F30A}",
    ]

    /// "🌧️☂️ Dublin?", "Oslo ❄️?", "☀️ Lisbon today?": weather pictures and a place, nothing else, ask for the weather
    /// there (the place was read as a verb: "no tool here can dublin that").
    static let placeOnly = try? NSRegularExpression(
        pattern: #"^\s*(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2})"#
            + #"(\s+(?:today|now|right\s+now|atm|tonight|this\s+morning|this\s+afternoon|this\s+evening))?\s*[.?!]*\s*$"#)

    static func pictured(_ prompt: String) -> String? {
        guard prompt.count <= 60, let placeOnly else { return nil }
        let pictured = prompt.unicodeScalars.contains(where: pictures.contains)
        // The variation selector and joiner that draw a picture in colour belong to it.
        let text = String(
            String.UnicodeScalarView(prompt.unicodeScalars.filter { !pictures.contains($0) && !["\u{FE0F}", "\u{200D}"].contains($0) }))
        guard pictured, let match = placeOnly.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let place = Range(match.range(at: 1), in: text)
        else { return nil }
        let time = Range(match.range(at: 2), in: text).map { String(text[$0]) } ?? ""
        return "weather in \(text[place])\(time)?"
    }

    static func resolved(_ prompt: String) -> String {
        // "the Monday forecast call", "the Q1 sales forecast deck": a meeting or a document about sales, not the weather (the
        // deals asked for were refused as a forecast the weather tool cannot give).
        let prompt = prompt.replacingMatches(
            of:
                #"(?i)\b(?:sales\s+|revenue\s+|pipeline\s+)?forecast(?=\s+(?:call|meeting|review|sync|deck|numbers|report|model|spreadsheet|sheet|doc|session)\b)"#,
            with: "planning")
        if let pictured = pictured(prompt) { return pictured }
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
