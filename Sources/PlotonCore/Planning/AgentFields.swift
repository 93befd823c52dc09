import Foundation

/// The values an agent hands over as labelled lines, which `StructuredRequest`'s keys do not cover: a record's
/// fields ("fields: {firstname: "Siobhan", …}", "- title: Quarterly review"), what an update changes ("* deal:
/// "Wayne Enterprises - Renewal"", "* new stage: contract sent"), a search's query. Read as the sentence a person
/// would write ("add a contact: first name Siobhan, …", "update the deal "…": stage to contract sent"); each asked
/// for what the lines already gave.
enum AgentFields {
    /// "- title: …", "* deal: …", "**File name**: …" → "title: …", "deal: …", "File name: …".
    static func plain(_ line: String) -> String {
        var text = line.replacingOccurrences(of: "**", with: "").trimmingCharacters(in: .whitespaces)
        if let first = text.first, "-*•".contains(first), text.dropFirst().first == " " {
            text = String(text.dropFirst(2)).trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    /// "Constraints:", "Details:": a label alone on its line.
    static func heading(_ line: String) -> Bool {
        line.hasSuffix(":") && line.split(separator: " ").count <= 2 && line.dropLast().allSatisfy { $0.isLetter || $0 == " " }
    }

    /// "Return the refund confirmation.": the outcome the action reports anyway.
    static func asksConfirmation(_ line: String) -> Bool {
        let words = PromptText.words(line)
        return words.contains("return") && !words.isDisjoint(with: ["confirmation", "result", "outcome", "receipt"])
    }

    static let contactKeys: [(String, String)] = [
        ("firstname", "first name"), ("first_name", "first name"), ("lastname", "last name"), ("last_name", "last name"),
        ("email", "email"), ("company", "company"), ("phone", "phone"), ("jobtitle", "job title"), ("job_title", "job title"),
        ("lifecyclestage", "lifecycle stage"), ("lifecycle_stage", "lifecycle stage"),
    ]
    static let records: Set<String> = ["deal", "contact", "lead", "customer", "event", "file", "channel"]
    /// Keys that describe a request without changing it.
    static let ignored: Set<String> = [
        "reason", "priority", "source", "requested_by", "note", "notes", "mimetype", "mime_type", "content_type", "constraints",
        "constraint", "rules",
        // "user_id: user_789": the end user, which the planner reads from the whole prompt.
        "user_id", "userid", "end_user", "end_user_id", "user", "enduser", "end-user", "on_behalf_of", "acting_for",
    ]

    /// "firstname: \"Siobhan\"", "{firstname: \"Siobhan\", email: \"…\"}": keys and their values, unquoted.
    static func pairs(_ lines: [String]) -> [(String, String)]? {
        var pairs: [(String, String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "_")
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard key.count <= 20, key.allSatisfy({ $0.isLetter || $0 == "_" }), !value.isEmpty else { return nil }
            if value.hasPrefix("{"), value.hasSuffix("}") {
                let inner = value.dropFirst().dropLast().split(separator: ",").map(String.init)
                guard let nested = self.pairs(inner) else { return nil }
                pairs += nested
                continue
            }
            value = unquoted(value)
            pairs.append((key, value))
        }
        return pairs
    }

    static func unquoted(_ value: String) -> String {
        var text = value.trimmingCharacters(in: .whitespaces)
        // `["ceo@…", "cfo@…"]`: a list, as words.
        if text.hasPrefix("["), text.hasSuffix("]") {
            return text.dropFirst().dropLast().split(separator: ",").map { unquoted(String($0)) }.joined(separator: ", ")
        }
        if text.count > 1, let first = text.first, "\"'“".contains(first), let last = text.last, "\"'”".contains(last) {
            text = String(text.dropFirst().dropLast())
        }
        return text
    }

    /// "The user wants to add a lead to the CRM." → "add a lead to the CRM"; "The user is looking for a deal in
    /// HubSpot." → "find a deal in HubSpot".
    static func request(_ opening: String) -> String {
        var text = opening.trimmingCharacters(in: CharacterSet(charactersIn: " .;:"))
        if let lead = text.rangeOfMatch(
            of: #"(?i)^(?:the\s+)?(?:end\s+)?(?:user|customer|client)\s+(?:wants|would like|needs|asked me|asks)\s+(?:me\s+|us\s+)?to\s+"#)
        {
            text = String(text[lead.upperBound...])
        } else if let lead = text.rangeOfMatch(
            of: #"(?i)^(?:the\s+)?(?:end\s+)?(?:user|customer|client)\s+is\s+(?:looking|searching)\s+for\s+"#)
        {
            text = "find " + text[lead.upperBound...]
        }
        return text
    }

    static let returnedClause = try? NSRegularExpression(
        pattern: #"(?:^|[;,.]\s*|\band\s+)(?:please\s+)?(?:only\s+)?(?:return|output|include|respond\s+with|reply\s+with)\s+"#
            + #"(?:back\s+)?(?:only\s+|just\s+)?([^;.]+?)\s*(?:[;.]|$)"#,
        options: [.caseInsensitive])

    /// "do not modify anything; return only the file name and modified time" → "the file name and modified time": the
    /// fields a constraint asks for (dropped with the constraint, every field came back).
    static func returnedFields(in constraint: String) -> String? {
        guard let match = returnedClause?.firstMatch(in: constraint, range: NSRange(constraint.startIndex..., in: constraint)),
            let fields = Range(match.range(at: 1), in: constraint)
        else { return nil }
        let text = String(constraint[fields])
        return PromptFraming.withoutFormat(text).isEmpty || StructuredRequest.answerFormat(text) ? nil : text
    }

    static let wanted = try? NSRegularExpression(
        pattern:
            #"^(?:the\s+)?(?:end\s+)?(?:user|customer|client|they|he|she|i|we)\s+(?:wants|want|would\s+like|needs|need|asked\s+for|asks\s+for)\s+"#
            + #"([^.!?;:]{1,80}?)\s+(saved|uploaded|stored|written|exported|posted|sent|emailed)\b([^!?;:]*?)[.!]?$"#,
        options: [.caseInsensitive])

    /// "The user wants a file saved to their Drive." → "save a file to their Drive": a wish for something done, as the
    /// action (read as words, it listed the Drive's files: a silent drop). Nil for anything else.
    static func wantedDone(_ opening: String) -> String? {
        let text = opening.trimmingCharacters(in: .whitespaces)
        guard let match = wanted?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let object = Range(match.range(at: 1), in: text), let participle = Range(match.range(at: 2), in: text),
            let rest = Range(match.range(at: 3), in: text), let verb = PromptLeadIns.participles[text[participle].lowercased()]
        else { return nil }
        return "\(verb) \(text[object])\(text[rest])"
    }

    /// The sentence labelled lines stand for, or nil when they are not a record's fields, a change or a query.
    static func sentence(_ lines: [String], opening: String?) -> String? {
        guard let opening, let all = pairs(Array(lines.dropFirst())) else { return nil }
        let given = all.filter { !ignored.contains($0.0) }
        let value = { (key: String) in given.first { $0.0 == key }?.1 }
        let action = request(opening)
        let words = PromptText.words(action)
        // "* deal: "Wayne Enterprises - Renewal"", "* new stage: contract sent": the record, then what changes.
        let changes = given.filter { $0.0.hasPrefix("new_") }
        if !changes.isEmpty, let record = given.first(where: { records.contains($0.0) }), changes.count + 1 == given.count {
            let set = changes.map { "\($0.0.dropFirst(4).replacingOccurrences(of: "_", with: " ")) to \($0.1)" }
            return "update the \(record.0) \"\(record.1)\": " + set.joined(separator: " and ")
        }
        // "fields: {firstname: …, email: …}": a contact's fields, as "first name …, email …" says them.
        if !words.isDisjoint(with: ["contact", "lead", "person", "crm", "hubspot"]),
            given.allSatisfy({ pair in contactKeys.contains { $0.0 == pair.0 } || pair.0 == "fields" })
        {
            let fields = given.compactMap { pair in contactKeys.first { $0.0 == pair.0 }.map { "\($0.1) \(pair.1)" } }
            return fields.isEmpty ? nil : action + ": " + fields.joined(separator: ", ")
        }
        // "Query: "Globex renewal"": what the records are searched for.
        if let query = value("query") ?? value("search"), given.count <= 2, !query.contains(" ") || query.split(separator: " ").count <= 5 {
            let returned = (value("return") ?? value("fields")).map { ". Return \($0)" } ?? ""
            return action + " named \"\(query)\"" + returned
        }
        return nil
    }
}
