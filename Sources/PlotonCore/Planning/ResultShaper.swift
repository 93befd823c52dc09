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
        return .string(Date(timeIntervalSince1970: seconds).formatted(.iso8601))
    }

    /// The output with only the requested fields, found through the capability's declared
    /// `fields` first, then by name and synonym. A field no record has is left out and listed
    /// under `unmatched_fields` (when the result is one object) instead of coming back as nulls.
    /// When none of them is there, the records come back whole: the data the step read, not
    /// empty objects (a misread field list must not turn an answer into nothing).
    public static func shape(_ output: JSONValue, fields: [String], declared: [ResultField] = []) -> JSONValue {
        guard !fields.isEmpty else { return output }
        // `{"deals": [...]}` around the records asked for: shape the records.
        if let object = output.objectValue, object.count == 1, let list = object.values.first, list.arrayValue != nil,
            !fields.contains(where: { object[key(for: $0)] != nil })
        {
            return shape(list, fields: fields, declared: declared)
        }
        switch output {
        case .array(let items):
            let found = items.isEmpty ? fields : fields.filter { field in items.contains { value(of: field, in: $0, declared) != nil } }
            return found.isEmpty ? output : .array(items.map { record(of: identified(found, in: items, declared), in: $0, declared) })
        case .object:
            let found = fields.filter { value(of: $0, in: output, declared) != nil }
            var shaped = found.isEmpty ? output : record(of: found, in: output, declared)
            let unmatched = fields.filter { !found.contains($0) }.map(key(for:))
            if !unmatched.isEmpty, case .object(var object) = shaped {
                object["unmatched_fields"] = .array(unmatched.map(JSONValue.string))
                shaped = .object(object)
            }
            return shaped
        default: return output
        }
    }

    /// "list active subscriptions and when each one renews", "slack channels with member counts": several records
    /// shaped to fields none of which says which record it is came back as a column of dates or numbers nobody could
    /// match to anything. The capability's first declared field (its name, title or number) comes first then.
    static func identified(_ fields: [String], in items: [JSONValue], _ declared: [ResultField]) -> [String] {
        guard items.count > 1, let identity = declared.first, identity.name != "id",
            !fields.contains(where: { declaredField(for: $0, in: declared) == identity || key(for: $0) == identity.name }),
            items.contains(where: { identity.value(in: $0) != nil })
        else { return fields }
        return [identity.name] + fields
    }

    /// The requested fields no record of the output has, as result keys: for a list, those the
    /// shaped records leave out (shown in the trace's workflow as `unmatched_fields`).
    public static func unmatched(_ output: JSONValue, fields: [String], declared: [ResultField] = []) -> [String] {
        guard !fields.isEmpty else { return [] }
        if let object = output.objectValue, object.count == 1, let list = object.values.first, list.arrayValue != nil,
            !fields.contains(where: { object[key(for: $0)] != nil })
        {
            return unmatched(list, fields: fields, declared: declared)
        }
        let records = output.arrayValue ?? [output]
        guard !records.isEmpty else { return [] }
        return fields.filter { field in !records.contains { value(of: field, in: $0, declared) != nil } }.map(key(for:))
    }

    static func record(of fields: [String], in output: JSONValue, _ declared: [ResultField]) -> JSONValue {
        var shaped: [String: JSONValue] = [:]
        for field in fields {
            let key = key(for: field)
            let value = value(of: field, in: output, declared) ?? .null
            let declaredField = declaredField(for: field, in: declared)
            // Unix seconds read better as ISO 8601, whatever the caller called the field ("customer since").
            let time = key.hasSuffix("date") || declaredField?.isTime == true
            shaped[key] = time ? dated(value) : money(value, of: declaredField, in: output)
        }
        return .object(shaped)
    }

    /// An amount a provider sends in its currency's minor unit ("Amount due, in cents": 49900) as a
    /// person reads it, with the record's currency ("$499.00"); a reader of 49900 would say $49,900.
    static func money(_ value: JSONValue, of field: ResultField?, in record: JSONValue) -> JSONValue {
        guard case .number(let minor) = value, field?.description?.lowercased().contains("in cents") == true,
            let currency = (record.value(at: "currency") ?? record.value(at: "plan.currency"))?.stringValue
        else { return value }
        return .string(RecordSummary.money(minor, currency: currency.lowercased()))
    }

    /// The declared field a requested one reaches (its name, a synonym or the provider's name),
    /// as the result is shaped at run time; nil when none answers to it.
    public static func declaredField(for field: String, in declared: [ResultField]) -> ResultField? {
        guard !declared.isEmpty else { return nil }
        // "is it paid" is the status's synonym as written, though only "paid" is left of it normalized.
        let written = field.lowercased().trimmingCharacters(in: .whitespaces)
        if let exact = declared.first(where: { $0.writtenSynonyms.contains(written) }) { return exact }
        let wanted = FieldName.normalized(field)
        return declared.first { $0.answersKey(wanted) }
    }

    /// A requested field's value in one record: a declared field that answers to it, then the
    /// field's own name, its singular, and the synonym table.
    static func value(of field: String, in record: JSONValue, _ declared: [ResultField]) -> JSONValue? {
        if let match = declaredField(for: field, in: declared), let value = match.value(in: record) { return value }
        let key = key(for: field)
        let singular = FieldName.normalized(field)
        let candidates = [key, singular] + (synonyms[key] ?? []) + (synonyms[singular] ?? [])
        return candidates.lazy.compactMap { record.value(at: $0) }.first { $0 != .null }
    }
}
