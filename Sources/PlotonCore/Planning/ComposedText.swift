import Foundation

/// Text a step composes at run time from earlier outputs: `TextTemplate` placeholders, plus
/// `{{N.path|summary}}` (records as readable lines), `{{N.path|csv}}` (records as CSV) and a `{{#base64url}}…{{/base64url}}` section,
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
            if let total = total(expression, outputs: outputs) ?? amount(expression, outputs: outputs) {
                result += TextTemplate.render(String(rest[..<open.lowerBound]), outputs: outputs) + total
                rest = rest[close.upperBound...]
                continue
            }
            guard let filter = ["|summary", "|csv"].first(where: expression.hasSuffix) else {
                result += TextTemplate.render(String(rest[..<close.upperBound]), outputs: outputs)
                rest = rest[close.upperBound...]
                continue
            }
            result += TextTemplate.render(String(rest[..<open.lowerBound]), outputs: outputs)
            let reference = expression.dropLast(filter.count).split(separator: ".", maxSplits: 1).map(String.init)
            let value = reference.first.flatMap(Int.init).flatMap { outputs[$0] }.flatMap {
                reference.count > 1 ? $0.value(at: reference[1]) : $0
            }
            result += filter == "|csv" ? RecordTable.csv(value ?? .null) : RecordSummary.text(value ?? .null)
            rest = rest[close.upperBound...]
        }
        return result + TextTemplate.render(String(rest), outputs: outputs)
    }

    /// `{{N.0.amount_due|amount}}`: an amount in minor units as money in its record's currency ("$19.00", "€5.00"; the
    /// figure was sent as "1900"); nil for any other expression.
    static func amount(_ expression: Substring, outputs: [Int: JSONValue]) -> String? {
        guard expression.hasSuffix("|amount") else { return nil }
        let reference = expression.dropLast("|amount".count).split(separator: ".").map(String.init)
        guard let step = reference.first.flatMap(Int.init), let output = outputs[step] else { return nil }
        let record = reference.count > 2 ? output.value(at: reference.dropFirst().dropLast().joined(separator: ".")) : output
        guard let minor = (reference.count > 1 ? output.value(at: reference.dropFirst().joined(separator: ".")) : nil)?.numberValue else {
            return "—"
        }
        let currency = record?.value(at: "currency")?.stringValue?.lowercased() ?? "usd"
        return RecordSummary.money(minor, currency: currency)
    }

    /// `{{N|total:amount}}`, `{{N|total_cents:amount_due}}`: what a field of step N's records adds up to, amounts in
    /// minor units written as money per currency (`$1497.00`); nil for any other expression.
    static func total(_ expression: Substring, outputs: [Int: JSONValue]) -> String? {
        let parts = expression.split(separator: "|", maxSplits: 1)
        guard parts.count == 2, let step = Int(parts[0]), let colon = parts[1].firstIndex(of: ":"),
            ["total", "total_cents"].contains(parts[1][..<colon])
        else { return nil }
        let path = String(parts[1][parts[1].index(after: colon)...])
        let field = ResultField(name: path, paths: [path], description: parts[1].hasPrefix("total_cents") ? "in cents" : nil)
        let records = ResultAggregation.records(in: outputs[step] ?? .null)
        return TextTemplate.format(ResultAggregation.total(of: field, in: records), nil)
    }
}

/// Records as short readable lines for a message: names and headline fields first. Amounts of a
/// record with a `currency` are in its minor unit, as payment services send them, and read as money
/// ("$12.50"); dates sent as Unix seconds read as ISO dates; an event's start and end are its times.
public enum RecordSummary {
    static let preferred = [
        "name", "dealname", "firstname", "lastname", "summary", "subject", "number", "customer_name", "title", "email", "phone",
        "company", "start", "end", "amount", "amount_due", "amount_paid", "unit_amount", "currency", "status", "dealstage",
        "closedate", "dateTime", "due_date", "current_period_end", "nickname", "temperature", "conditions", "humidity", "wind_speed",
        "snippet", "text", "mimeType", "size", "modifiedTime", "webViewLink",
    ]
    static let maxItems = 50
    static let moneyKeys: Set<String> = ["amount", "amount_due", "amount_paid", "amount_remaining", "unit_amount", "total", "subtotal"]
    static let secondsKeys: Set<String> = [
        "created", "due_date", "current_period_end", "current_period_start", "period_end", "period_start", "trial_end",
        "canceled_at", "ended_at", "start_date", "paid_at",
    ]
    /// Currencies Stripe counts in whole units (no cents).
    static let zeroDecimal: Set<String> = [
        "jpy", "krw", "vnd", "clp", "pyg", "ugx", "xaf", "xof", "bif", "djf", "gnf", "kmf", "mga", "rwf", "vuv", "xpf",
    ]
    static let symbols = ["usd": "$", "eur": "€", "gbp": "£", "cad": "CA$", "aud": "A$", "jpy": "¥", "inr": "₹"]

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
        // A Gmail message keeps its subject and sender in a list of headers, so only "snippet: …" showed.
        if value.value(at: "payload.headers") != nil { return GmailMessageText.line(value) }
        let fields = readableFields(value)
        var chosen = Array(preferred.compactMap { key in fields[key].map { (key, TextTemplate.format($0, nil)) } }.prefix(7))
        guard !chosen.isEmpty else { return value.jsonText }
        // A person's name reads "Noah Dubois", not "Noah, Dubois".
        if let first = chosen.firstIndex(where: { $0.0 == "firstname" }), chosen.indices.contains(first + 1),
            chosen[first + 1].0 == "lastname"
        {
            chosen[first].1 += " " + chosen[first + 1].1
            chosen.remove(at: first + 1)
        }
        return chosen.map { key, text in
            ["name", "dealname", "firstname", "lastname", "summary", "subject"].contains(key)
                ? text : "\(label(key)): \(readable(key, text))"
        }
        .joined(separator: ", ")
    }

    /// The record's scalars with amounts as money and Unix seconds as ISO dates.
    static func readableFields(_ value: JSONValue) -> [String: JSONValue] {
        var fields = flattened(value)
        let currency = fields["currency"]?.stringValue?.lowercased()
        var shownAsMoney = false
        for (key, field) in fields {
            guard case .number(let number) = field else { continue }
            if let currency, moneyKeys.contains(key) {
                fields[key] = .string(money(number, currency: currency))
                shownAsMoney = true
            } else if secondsKeys.contains(key), (1e9..<1e11).contains(number) {
                fields[key] = .string(String(Date(timeIntervalSince1970: number).formatted(.iso8601).prefix(10)))
            }
        }
        if shownAsMoney { fields["currency"] = nil }
        return fields
    }

    /// `1250` cents of `usd` → "$12.50"; `1500` `jpy` → "¥1500"; `900` `chf` → "9.00 CHF".
    static func money(_ minor: Double, currency: String) -> String {
        let amount = zeroDecimal.contains(currency) ? String(format: "%.0f", minor) : String(format: "%.2f", minor / 100)
        return symbols[currency].map { $0 + amount } ?? "\(amount) \(currency.uppercased())"
    }

    /// Scalars of the record and of its nested objects (`properties.dealname` → `dealname`); an
    /// event's `start` and `end` objects are their `dateTime` (or all-day `date`).
    static func flattened(_ value: JSONValue, depth: Int = 0) -> [String: JSONValue] {
        guard let object = value.objectValue, depth < 3 else { return [:] }
        var fields: [String: JSONValue] = [:]
        for (key, child) in object {
            switch child {
            case .string(let text) where !text.isEmpty: fields[key] = child
            case .number, .bool: fields[key] = child
            case .object(let time) where ["start", "end"].contains(key) && (time["dateTime"] ?? time["date"]) != nil:
                fields[key] = time["dateTime"] ?? time["date"]
            case .object: fields.merge(flattened(child, depth: depth + 1)) { outer, _ in outer }
            default: continue
            }
        }
        return fields
    }
}
