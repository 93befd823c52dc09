import Foundation

/// The unit a field is wanted in, written in brackets after it: "the temperature (°C) and humidity (%)",
/// "wind speed (km/h)". The tools answer in their own units, so the brackets ask for nothing;
/// read as words, "(°C)" ended the place and the next words ("report") were geocoded as a second city.
enum UnitAnnotations {
    static let pattern = try? NSRegularExpression(
        pattern: #"\s*\((?:in\s+)?(?:°\s*[CcFf]?|º\s*[CcFf]?|%|percent|celsius|fahrenheit|km/h|kph|mph|m/s|hpa)\)"#,
        options: [.caseInsensitive])

    static func removed(_ prompt: String) -> String {
        guard prompt.contains("("), let pattern else { return prompt }
        return pattern.stringByReplacingMatches(in: prompt, range: NSRange(prompt.startIndex..., in: prompt), withTemplate: "")
    }
}
