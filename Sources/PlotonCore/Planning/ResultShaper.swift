/// Makes `result` carry the fields the prompt asked for, looked up in the output by name and synonym.
public enum ResultShaper {
    /// Caller's words → output keys that may hold them.
    static let synonyms: [String: [String]] = [
        "temperature": ["temperature", "temp", "temperature_2m"],
        "temp": ["temperature"],
        "conditions": ["conditions", "condition", "weather", "description", "summary"],
        "condition": ["conditions"],
        "weather": ["conditions"],
        "sky": ["conditions"],
        "humidity": ["humidity", "relative_humidity", "relative_humidity_2m"],
        "relative_humidity": ["humidity"],
        "wind": ["wind_speed"],
        "wind_speed": ["wind_speed"],
        "location": ["name", "location", "city"],
        "city": ["name", "city"],
        "place": ["name"],
        "time": ["observed_at"],
    ]

    /// `snake_case` of a requested field: "expected close date" → `expected_close_date`.
    public static func key(for field: String) -> String {
        field.lowercased()
            .split { !$0.isLetter && !$0.isNumber }
            .joined(separator: "_")
    }

    public static func shape(_ output: JSONValue, fields: [String]) -> JSONValue {
        guard !fields.isEmpty else { return output }
        switch output {
        case .array(let items): return .array(items.map { shape($0, fields: fields) })
        case .object(let object):
            var shaped: [String: JSONValue] = [:]
            for field in fields {
                let key = key(for: field)
                let candidates = [key] + (synonyms[key] ?? [])
                shaped[key] = candidates.lazy.compactMap { object[$0] }.first ?? .null
            }
            return .object(shaped)
        default: return output
        }
    }
}
