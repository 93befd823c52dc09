import Foundation

/// Gmail's search syntax, as the email sandbox answers it: terms are ANDed, `OR` (or `|`) joins
/// the terms either side, `-` negates one. A word or a quoted phrase matches whole words, in order,
/// anywhere in From, To, Subject or the text; `from:`/`to:`/`subject:` match in that header only;
/// `after:`/`before:` take `YYYY/MM/DD` (or `-`, or Unix seconds; midnight UTC, the sandbox's time
/// zone), `newer_than:`/`older_than:` `Nd`, `Nm` or `Ny`; `is:unread`, `is:read`, `is:starred`,
/// `in:`/`label:`/`category:` test the labels. An operator Gmail does not know is searched as words.
struct GmailQuery {
    private enum Term {
        case words([String], headers: [String])
        case from(Date)
        case until(Date)
        case label(String, present: Bool)
        case anything
    }

    private struct Clause {
        var alternatives: [Term]
        var negated: Bool
    }

    private static let textHeaders = ["from", "to", "subject", "snippet"]
    private var clauses: [Clause] = []

    init(_ query: String, now: Date) {
        var joinNext = false
        for token in Self.tokens(query) {
            if token == "OR" || token == "|" {
                joinNext = !clauses.isEmpty
                continue
            }
            let negated = token.hasPrefix("-") && token.count > 1
            guard let term = Self.term(negated ? String(token.dropFirst()) : token, now: now) else { continue }
            if joinNext, !negated, let last = clauses.indices.last {
                clauses[last].alternatives.append(term)
            } else {
                clauses.append(Clause(alternatives: [term], negated: negated))
            }
            joinNext = false
        }
    }

    func matches(_ message: JSONValue) -> Bool {
        clauses.allSatisfy { clause in clause.alternatives.contains { Self.holds($0, message) } != clause.negated }
    }

    // MARK: Parsing

    /// The query split at spaces outside quotes, parentheses dropped; quotes stay on their token.
    private static func tokens(_ query: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quoted = false
        for character in query {
            if character == "\"" { quoted.toggle() }
            if !quoted && (character.isWhitespace || character == "(" || character == ")") {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    private static func term(_ token: String, now: Date) -> Term? {
        let parts = token.split(separator: ":", maxSplits: 1).map(String.init)
        let words = { (text: String, headers: [String]) -> Term? in
            let found = Self.words(text)
            return found.isEmpty ? nil : .words(found, headers: headers)
        }
        guard parts.count == 2, !parts[1].isEmpty else { return words(token, textHeaders) }
        let (key, value) = (parts[0].lowercased(), parts[1].replacingOccurrences(of: "\"", with: ""))
        switch key {
        case "from", "to", "subject": return words(value, [key])
        case "after": return date(value).map(Term.from) ?? words(token, textHeaders)
        case "before": return date(value).map(Term.until) ?? words(token, textHeaders)
        case "newer_than": return age(value, now: now).map(Term.from) ?? words(token, textHeaders)
        case "older_than": return age(value, now: now).map(Term.until) ?? words(token, textHeaders)
        case "is":
            switch value.lowercased() {
            case "unread": return .label("UNREAD", present: true)
            case "read": return .label("UNREAD", present: false)
            default: return .label(value.uppercased(), present: true)
            }
        case "in", "label":
            return value.lowercased() == "anywhere" ? .anything : .label(value.uppercased(), present: true)
        case "category": return .label("CATEGORY_" + value.uppercased(), present: true)
        default: return words(token, textHeaders)
        }
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }()

    private static func date(_ text: String) -> Date? {
        if let seconds = Double(text), !text.contains("/"), !text.contains("-") { return Date(timeIntervalSince1970: seconds) }
        let numbers = text.split(whereSeparator: { $0 == "/" || $0 == "-" }).compactMap { Int($0) }
        guard numbers.count == 3 else { return nil }
        return utc.date(from: DateComponents(year: numbers[0], month: numbers[1], day: numbers[2]))
    }

    private static func age(_ text: String, now: Date) -> Date? {
        guard let unit = text.last, let count = Int(text.dropLast()) else { return nil }
        let component: Calendar.Component? = ["d": .day, "m": .month, "y": .year][unit.lowercased()]
        return component.flatMap { utc.date(byAdding: $0, value: -count, to: now) }
    }

    // MARK: Matching

    private static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    private static func holds(_ term: Term, _ message: JSONValue) -> Bool {
        switch term {
        case .words(let wanted, let headers):
            return headers.contains { header in
                let found = words(text(header, message))
                guard found.count >= wanted.count else { return false }
                return (0...(found.count - wanted.count)).contains { Array(found[$0..<($0 + wanted.count)]) == wanted }
            }
        case .from(let date): return sent(message) >= date
        case .until(let date): return sent(message) < date
        case .label(let label, let present):
            return (message.value(at: "labelIds")?.arrayValue?.contains(.string(label)) == true) == present
        case .anything: return true
        }
    }

    private static func text(_ header: String, _ message: JSONValue) -> String {
        if header == "snippet" { return message.value(at: "snippet")?.stringValue ?? "" }
        let headers = message.value(at: "payload.headers")?.arrayValue ?? []
        return headers.first { $0.value(at: "name")?.stringValue?.lowercased() == header }?.value(at: "value")?.stringValue ?? ""
    }

    private static func sent(_ message: JSONValue) -> Date {
        Date(timeIntervalSince1970: EmailSandbox.sentAt(message) / 1_000)
    }
}
