import Foundation

/// "invoices over $500", "deals worth more than 10k", "subscriptions under 20 dollars": a bound on
/// an amount, kept at run time (`above` / `below`) in the unit the provider counts in.
enum AmountFilters {
    static let pattern = try? NSRegularExpression(
        pattern:
            #"\b(over|above|more than|greater than|larger than|bigger than|exceeding|at least|under|below|less than|at most|cheaper than)\s+([$€£]?\d[\d,.]*(?:\s?[km]\b)?(?:\s+(?:dollars|euros|pounds|bucks|usd|eur|gbp)\b)?)"#,
        options: [.caseInsensitive])

    /// The conditions the text states on the amount at `path`; `cents` when the provider counts minor units.
    static func conditions(in text: String, path: String, cents: Bool) -> [OutputCondition] {
        guard let pattern else { return [] }
        let step = cents ? 1.0 : 0.01
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            guard let wordRange = Range(match.range(at: 1), in: text), let amountRange = Range(match.range(at: 2), in: text),
                // "over 500": a bare number is an amount here too.
                let amount =
                    PromptText.amounts(in: String(text[amountRange])).first
                    ?? Double(text[amountRange].replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces))
            else { return nil }
            let word = text[wordRange].lowercased()
            let value = cents ? (amount * 100).rounded() : amount
            // "at least $500" keeps $500 itself, "at most" likewise; "over" and "under" are strict.
            switch word {
            case "at least": return OutputCondition(path: path, op: .above, value: .number(value - step))
            case "at most": return OutputCondition(path: path, op: .below, value: .number(value + step))
            case "under", "below", "less than", "cheaper than": return OutputCondition(path: path, op: .below, value: .number(value))
            default: return OutputCondition(path: path, op: .above, value: .number(value))
            }
        }
    }
}
