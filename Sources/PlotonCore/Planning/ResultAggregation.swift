import Foundation

/// The figure a prompt asks of a list ("how many open deals", "the total of unpaid invoices", "which deal is the
/// largest", "which subscription renews soonest"), computed from the result step's records when the task finishes.
/// Without it the records came back as they were and the task said `complete` without the answer.
public enum ResultAggregation {
    /// - `count`: `{"count": N}`, with the records shaped under `items` when fields were asked for.
    /// - `sum`: `{"total_<field>": …, "count": N}`; an amount in minor units is written as money per currency.
    /// - `max` / `min`: the one record with the highest / lowest value of the field, shaped; `null` when none has it.
    public static func apply(
        _ aggregate: ResultAggregate, to output: JSONValue, fields: [String], declared: [ResultField]
    ) -> JSONValue {
        let items = records(in: output)
        let field = aggregate.field.flatMap { ResultShaper.declaredField(for: $0, in: declared) }
        switch aggregate.op {
        case .count:
            var object: [String: JSONValue] = ["count": .number(Double(items.count))]
            if !fields.isEmpty { object["items"] = ResultShaper.shape(.array(items), fields: fields, declared: declared) }
            return .object(object)
        case .sum:
            guard let field else { return ResultShaper.shape(output, fields: fields, declared: declared) }
            return .object([
                "total_\(ResultShaper.key(for: field.name))": total(of: field, in: items), "count": .number(Double(items.count)),
            ])
        case .max, .min:
            guard let field else { return ResultShaper.shape(output, fields: fields, declared: declared) }
            let ranked = items.compactMap { item in field.value(in: item).flatMap(rank).map { (item, $0) } }
            let picked = aggregate.op == .max ? ranked.max { $0.1 < $1.1 } : ranked.min { $0.1 < $1.1 }
            guard let record = picked?.0 else { return .null }
            return ResultShaper.shape(record, fields: fields, declared: declared)
        }
    }

    /// The records of a list output: the array itself, or the one list an object wraps (`{"deals": […]}`).
    static func records(in output: JSONValue) -> [JSONValue] {
        if let items = output.arrayValue { return items }
        if let object = output.objectValue, object.count == 1, let items = object.values.first?.arrayValue { return items }
        return output == .null ? [] : [output]
    }

    /// A field's values added up: money per currency when the field is in minor units ("$1,497.00"; "$20.00 + €5.00"
    /// when the records are in several), a plain number otherwise (CRM deal amounts are strings of units).
    static func total(of field: ResultField, in items: [JSONValue]) -> JSONValue {
        let inCents = field.description?.lowercased().contains("in cents") == true
        var sums: [String: Double] = [:]
        var currencies: [String] = []
        for item in items {
            guard let number = field.value(in: item).flatMap(numeric) else { continue }
            let currency = inCents ? ((item.value(at: "currency") ?? item.value(at: "plan.currency"))?.stringValue?.lowercased() ?? "") : ""
            if sums[currency] == nil { currencies.append(currency) }
            sums[currency, default: 0] += number
        }
        // Nothing to add up is 0, not an empty text.
        guard inCents, !currencies.isEmpty, !currencies.contains("") else {
            let sum = sums.values.reduce(0, +)
            return .number(sum)
        }
        return .string(currencies.map { RecordSummary.money(sums[$0] ?? 0, currency: $0) }.joined(separator: " + "))
    }

    static func numeric(_ value: JSONValue) -> Double? {
        switch value {
        case .number(let number): return number
        case .string(let text): return Double(text.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    /// A value to compare by: a number (or a number written as text), or a date written in ISO 8601.
    static func rank(_ value: JSONValue) -> Double? {
        if let number = numeric(value) { return number }
        guard let text = value.stringValue else { return nil }
        if let date = try? Date(text, strategy: .iso8601) { return date.timeIntervalSince1970 }
        if let day = try? Date(text + "T00:00:00Z", strategy: .iso8601) { return day.timeIntervalSince1970 }
        return nil
    }
}
