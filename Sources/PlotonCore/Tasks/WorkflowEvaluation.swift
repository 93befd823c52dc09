import Foundation

// How a planned workflow is evaluated: the types are the wire's (PlotonAPI), the rules the domain's.
extension OutputCondition {
    public func holds(for item: JSONValue) -> Bool {
        guard let field = item.value(at: path) else { return false }
        switch op {
        case .equals:
            guard let text = field.stringValue, let wanted = value.stringValue else { return field == value }
            return text.lowercased() == wanted.lowercased()
        case .since, .before:
            guard let date = Self.date(field), let bound = Self.date(value) else { return false }
            return op == .since ? date >= bound : date < bound
        case .above, .below:
            // Providers send amounts as numbers or as text ("12500.00" in HubSpot).
            guard let number = field.numberValue ?? field.stringValue.flatMap(Double.init),
                let bound = value.numberValue ?? value.stringValue.flatMap(Double.init)
            else { return false }
            return op == .above ? number > bound : number < bound
        case .highest, .lowest:
            return true
        }
    }

    /// ISO 8601 text or Unix seconds.
    static func date(_ value: JSONValue) -> Date? {
        if let seconds = value.numberValue { return Date(timeIntervalSince1970: seconds) }
        return value.stringValue.flatMap { ISO8601DateFormatter().date(from: $0) }
    }

    public static func filter(_ output: JSONValue, _ conditions: [OutputCondition]) -> JSONValue {
        guard !conditions.isEmpty, case .array(let items) = output else { return output }
        var kept = items.filter { item in conditions.allSatisfy { $0.holds(for: item) } }
        for pick in conditions where [.highest, .lowest].contains(pick.op) {
            // A count as the value keeps that many, best first ("the top 5 open deals by amount"); none keeps the one. Equal
            // values keep the provider's order.
            let count = pick.value.numberValue.map { Int(min(max($0, 1), 10_000)) } ?? 1
            let ranked = kept.enumerated().compactMap { index, item in
                item.value(at: pick.path).flatMap(ResultAggregation.rank).map { (item, $0, index) }
            }
            kept = ranked.sorted { first, second in
                first.1 == second.1 ? first.2 < second.2 : (pick.op == .highest ? first.1 > second.1 : first.1 < second.1)
            }.prefix(count).map(\.0)
        }
        return .array(kept)
    }
}

extension JSONInput {
    /// The value once earlier steps produced `outputs`; nil when a referenced value is missing.
    public func resolved(outputs: [Int: JSONValue]) -> JSONValue? {
        switch self {
        case .literal(let literal): literal
        case .reference(let step, let path): outputs[step]?.value(at: path)
        case .template(let template): .string(TextTemplate.render(template, outputs: outputs))
        }
    }
}
