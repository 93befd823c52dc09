import Foundation

/// Text a step composes at run time from earlier outputs: `TextTemplate` placeholders, plus
/// `{{N.path|summary}}` (records as readable lines) and a `{{#base64url}}…{{/base64url}}` section,
/// so a planned email can carry its RFC 5322 message as Gmail wants it while the plan stays readable.
public enum ComposedText {
    static let sectionOpen = "{{#base64url}}"
    static let sectionClose = "{{/base64url}}"
    static let jsonOpen = "{{#json}}"
    static let jsonClose = "{{/json}}"

    /// A template's value: its text, or for a `{{#json}}…{{/json}}` section the JSON it renders, each
    /// placeholder's value escaped as JSON string text (an event's attendees an earlier step found).
    public static func value(_ template: String, outputs: [Int: JSONValue]) -> JSONValue {
        guard template.hasPrefix(jsonOpen), template.hasSuffix(jsonClose) else { return .string(render(template, outputs: outputs)) }
        var text = ""
        var rest = template.dropFirst(jsonOpen.count).dropLast(jsonClose.count)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            let value = render(String(rest[open.lowerBound..<close.upperBound]), outputs: outputs)
            text += rest[..<open.lowerBound] + JSONValue.string(value).jsonText.dropFirst().dropLast()
            rest = rest[close.upperBound...]
        }
        let json = try? JSONDecoder().decode(JSONValue.self, from: Data((text + rest).utf8))
        return json ?? .string(text + rest)
    }

    /// `{{#json}}…{{/json}}` around JSON text with placeholders.
    static func json(_ text: String) -> JSONInput { .template(jsonOpen + text + jsonClose) }

    public static func render(_ template: String, outputs: [Int: JSONValue]) -> String {
        if template.hasPrefix(sectionOpen), template.hasSuffix(sectionClose) {
            let inner = String(template.dropFirst(sectionOpen.count).dropLast(sectionClose.count))
            return Data(render(inner, outputs: outputs).utf8).base64URLEncoded
        }
        var result = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            let expression = rest[open.upperBound..<close.lowerBound]
            guard expression.hasSuffix("|summary") else {
                result += TextTemplate.render(String(rest[..<close.upperBound]), outputs: outputs)
                rest = rest[close.upperBound...]
                continue
            }
            result += TextTemplate.render(String(rest[..<open.lowerBound]), outputs: outputs)
            let reference = expression.dropLast("|summary".count).split(separator: ".", maxSplits: 1).map(String.init)
            let value = reference.first.flatMap(Int.init).flatMap { outputs[$0] }.flatMap {
                reference.count > 1 ? $0.value(at: reference[1]) : $0
            }
            result += RecordSummary.text(value ?? .null)
            rest = rest[close.upperBound...]
        }
        return result + TextTemplate.render(String(rest), outputs: outputs)
    }
}

/// Records as short readable lines for a message: names and headline fields first.
public enum RecordSummary {
    static let preferred = [
        "name", "dealname", "firstname", "lastname", "summary", "subject", "number", "customer_name", "title", "email", "company",
        "amount", "amount_due", "unit_amount", "currency", "status", "dealstage", "closedate", "dateTime", "due_date",
        "current_period_end", "nickname", "temperature", "conditions", "humidity", "wind_speed", "snippet", "text", "modifiedTime",
    ]
    static let maxItems = 50

    public static func text(_ value: JSONValue) -> String {
        switch value {
        case .array(let items) where items.isEmpty: return "(none)"
        case .array(let items):
            let lines = items.prefix(maxItems).map { "- " + line($0) }
            return (lines + (items.count > maxItems ? ["… and \(items.count - maxItems) more"] : [])).joined(separator: "\n")
        case .null: return "—"
        default: return line(value)
        }
    }

    static func line(_ value: JSONValue) -> String {
        guard case .object = value else { return TextTemplate.render("{{0}}", outputs: [0: value]) }
        let fields = flattened(value)
        let chosen = preferred.compactMap { key in fields[key].map { (key, $0) } }.prefix(6)
        guard !chosen.isEmpty else { return value.jsonText }
        return chosen.map { key, text in
            ["name", "dealname", "firstname", "lastname", "summary", "subject"].contains(key) ? text : "\(key): \(text)"
        }
        .joined(separator: ", ")
    }

    /// Scalars of the record and of its nested objects (`properties.dealname` → `dealname`).
    static func flattened(_ value: JSONValue, depth: Int = 0) -> [String: String] {
        guard let object = value.objectValue, depth < 3 else { return [:] }
        var fields: [String: String] = [:]
        for (key, child) in object {
            switch child {
            case .string(let text) where !text.isEmpty: fields[key] = text
            case .number, .bool: fields[key] = TextTemplate.render("{{0}}", outputs: [0: child])
            case .object: fields.merge(flattened(child, depth: depth + 1)) { outer, _ in outer }
            default: continue
            }
        }
        return fields
    }
}
