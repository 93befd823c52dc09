import Foundation

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
        "deal_name": ["dealname", "properties.dealname", "name"],
        "name": ["name", "properties.dealname", "properties.firstname"],
        "amount": ["amount", "properties.amount", "plan.amount", "amount_due", "unit_amount"],
        "stage": ["stage", "properties.dealstage", "dealstage", "status"],
        "deal_stage": ["properties.dealstage", "dealstage"],
        "expected_close_date": ["properties.closedate", "closedate", "close_date"],
        "close_date": ["properties.closedate", "closedate"],
        "plan_name": ["plan.nickname", "items.data.0.price.nickname", "plan_name"],
        "plan": ["plan.nickname", "items.data.0.price.nickname"],
        "next_billing_date": ["current_period_end", "next_billing_date"],
        "billing_date": ["current_period_end"],
        "renewal_date": ["current_period_end"],
        "email": ["email", "properties.email"],
        "company": ["company", "properties.company"],
        "first_name": ["properties.firstname", "firstname"],
        "last_name": ["properties.lastname", "lastname"],
        "created": ["properties.createdate", "createdAt", "created"],
        "created_date": ["properties.createdate", "createdAt", "created"],
        "status": ["status", "properties.dealstage"],
        "id": ["id"],
    ]

    /// `snake_case` of a requested field: "expected close date" → `expected_close_date`.
    public static func key(for field: String) -> String {
        field.lowercased()
            .split { !$0.isLetter && !$0.isNumber }
            .joined(separator: "_")
    }

    /// Unix seconds under a `…date` key read better as ISO 8601.
    static func dated(_ value: JSONValue) -> JSONValue {
        guard case .number(let seconds) = value, seconds > 1_000_000_000 else { return value }
        return .string(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: seconds)))
    }

    public static func shape(_ output: JSONValue, fields: [String]) -> JSONValue {
        guard !fields.isEmpty else { return output }
        // `{"deals": [...]}` around the records asked for: shape the records.
        if let object = output.objectValue, object.count == 1, let list = object.values.first, list.arrayValue != nil,
            !fields.contains(where: { object[key(for: $0)] != nil })
        {
            return shape(list, fields: fields)
        }
        switch output {
        case .array(let items): return .array(items.map { shape($0, fields: fields) })
        case .object:
            var shaped: [String: JSONValue] = [:]
            for field in fields {
                let key = key(for: field)
                let candidates = [key] + (synonyms[key] ?? [])
                let value = candidates.lazy.compactMap { output.value(at: $0) }.first ?? .null
                shaped[key] = key.hasSuffix("date") ? dated(value) : value
            }
            return .object(shaped)
        default: return output
        }
    }
}
