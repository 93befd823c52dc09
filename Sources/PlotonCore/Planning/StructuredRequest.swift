import Foundation

/// A request written as data rather than a sentence: a JSON object (`{"action": "send_email",
/// "to": "ann@…", "subject": "…", "body": "…"}`) or "key: value" lines ("channel: #random",
/// "message: Lunch is here"), as agents pass them on. It is read as the sentence it stands for
/// ("send email to ann@… with subject "…" saying "…""), so the rest of the planner sees one
/// phrasing. Anything else is returned as written.
enum StructuredRequest {
    /// Keys naming what to do; their value, with `_` as spaces, opens the sentence.
    static let actionKeys = ["action", "intent", "command", "operation", "task", "capability"]
    static let recipientKeys = ["to", "recipient", "recipients", "email", "address"]
    static let channelKeys = ["channel", "channel_name"]
    static let subjectKeys = ["subject", "title", "summary"]
    static let textKeys = ["body", "text", "message", "content", "contents"]
    static let nameKeys = ["name", "file", "filename", "file_name", "dealname", "deal_name"]
    static let amountKeys = ["amount", "value", "price"]
    static let stageKeys = ["stage", "dealstage", "deal_stage"]
    static let paymentKeys = ["payment_intent", "payment", "payment_id", "charge"]
    static let startKeys = ["start", "start_time", "starts", "when", "datetime"]
    static let attendeeKeys = ["attendees", "invitees", "guests", "participants"]
    static let countKeys = ["limit", "count", "max", "max_results"]
    /// Keys listing the fields to return.
    static let fieldKeys = ["return", "returns", "fields", "output"]
    /// Keys that only say which service, which the action's words already imply.
    static let serviceKeys = ["tool", "service", "app"]
    /// Keys holding the request itself in words (`{"source": "support-bot", "user_request": "Add …"}`).
    static let requestKeys = [
        "user_request", "request", "prompt", "query", "instruction", "instructions", "ask", "question", "utterance", "user_message",
        "user_input",
    ]

    static var knownKeys: Set<String> {
        Set(
            actionKeys + recipientKeys + channelKeys + subjectKeys + textKeys + nameKeys + countKeys + fieldKeys + serviceKeys
                + amountKeys + stageKeys + paymentKeys + startKeys + attendeeKeys + requestKeys + AgentFields.ignored)
    }

    static func sentence(for prompt: String) -> String {
        let trimmed = prompt.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{"), trimmed.hasSuffix("}"), let fields = jsonFields(trimmed) {
            return sentence(fields, opening: nil) ?? prompt
        }
        // "Execute this: {"action": "post_message", …}": a few words handing over the request, then the data.
        if trimmed.hasSuffix("}"), let brace = trimmed.firstIndex(of: "{"), let colon = trimmed[..<brace].lastIndex(of: ":"),
            trimmed[trimmed.index(after: colon)..<brace].allSatisfy(\.isWhitespace), trimmed[..<colon].split(separator: " ").count <= 4,
            let fields = jsonFields(String(trimmed[brace...])), let written = sentence(fields, opening: nil)
        {
            return written
        }
        // "- title: Quarterly review", "**File name**: notes.md", "Constraints:": bullets and emphasis mark no words, and a
        // label alone on its line only heads the values under it.
        var lines = trimmed.split(whereSeparator: \.isNewline).map { AgentFields.plain(String($0)) }.filter {
            !$0.isEmpty && !AgentFields.heading($0)
        }
        guard lines.count >= 2 else { return prompt }
        // "…\nReturn the refund confirmation.": what to answer with is no value of the request.
        if let last = lines.last, keyValue(last) == nil, AgentFields.asksConfirmation(last) { lines.removeLast() }
        // "upload a file\nname: notes.txt\ncontent: …": a first line in words, then its values.
        let opening = keyValue(lines[0]) == nil ? lines[0] : nil
        let pairs = lines.dropFirst(opening == nil ? 0 : 1).map(keyValue)
        guard !pairs.isEmpty, pairs.allSatisfy({ $0 != nil }) else {
            return AgentFields.sentence(lines, opening: opening) ?? prompt
        }
        return sentence(pairs.compactMap { $0 }, opening: opening) ?? AgentFields.sentence(lines, opening: opening) ?? prompt
    }

    static func jsonFields(_ text: String) -> [(String, String)]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return nil }
        var fields: [(String, String)] = []
        for (key, value) in object {
            switch value {
            case let text as String: fields.append((key.lowercased(), text))
            case let number as NSNumber: fields.append((key.lowercased(), number.stringValue))
            case let list as [String]: fields.append((key.lowercased(), list.joined(separator: ", ")))
            // `"meta": {"source": "bot"}` beside the request: data about it, not part of it.
            case is [String: Any] where !object.keys.contains(where: { requestKeys.contains($0.lowercased()) }): return nil
            default: continue
            }
        }
        return fields
    }

    /// "subject: Q3 budget" → ("subject", "Q3 budget"), for the keys a request is written with only.
    static func keyValue(_ line: String) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "_")
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        // "fields: {firstname: …}": a record's own fields, which `AgentFields` reads.
        guard knownKeys.contains(key), !value.isEmpty, !value.hasPrefix("{") else { return nil }
        // `attendees: ["ceo@…", "cfo@…"]`: a list, as words.
        return (key, value.hasPrefix("[") && value.hasSuffix("]") ? AgentFields.unquoted(value) : value)
    }

    /// Nil when the fields say neither what to do nor carry a message with somewhere to send it:
    /// then they are not a request written as data.
    static func sentence(_ fields: [(String, String)], opening: String?) -> String? {
        let value = { (keys: [String]) in keys.lazy.compactMap { key in fields.first { $0.0 == key }?.1 }.first }
        let recipient = value(recipientKeys)
        let channel = value(channelKeys).map { $0.hasPrefix("#") ? $0 : "#" + $0 }
        let text = value(textKeys)
        let returned = value(fieldKeys).map { ". Return \($0)" } ?? ""
        // "Request: upload a file for the user. File name: … Content: …": the request in words opens the sentence its
        // values go on; alone, it is the request.
        let asked = value(requestKeys)
        // "Query: "Globex renewal"" under a request in words: what to search for, which `AgentFields` says.
        if let asked, opening != nil, PromptClauses.classify(asked).1 == nil { return nil }
        if let asked, value(nameKeys) == nil, text == nil { return asked + returned }
        // `{"intent": "calendar", "text": "Block 2-4pm on Wed for 'Deep work'"}`: the action key names only the
        // service, and the text, with nowhere to send it, is the request.
        if let action = value(actionKeys), !action.contains(" "), PromptClauses.classify(action).1 == nil, let text, recipient == nil,
            channel == nil, PromptClauses.classify(text).1 != nil
        {
            return text + returned
        }
        // With no action named, a message with an address is emailed and one with a channel posted.
        let action =
            asked.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".;")) }

            // "Task: Send a follow-up email to kira@….": the sentence goes on with the values.
            ?? value(actionKeys).map {
                $0.replacingOccurrences(of: "_", with: " ").trimmingCharacters(in: CharacterSet(charactersIn: ".;"))
            }
            ?? opening ?? (text == nil ? nil : recipient != nil ? "send email" : channel != nil ? "post message" : nil)
        guard let action else { return nil }
        var parts = [action]
        if let count = value(countKeys) { parts.append("the last \(count)") }
        if let name = value(nameKeys) { parts.append("named \(name)") }
        // "amount": 9000, "stage": "closedwon", "payment_intent": "pi_…": the values an action takes, as a sentence says them.
        // "amount: 25.00 USD": a currency the value names is kept; a bare number is dollars.
        if let amount = value(amountKeys) {
            parts.append(amount.contains(where: { $0.isLetter || "$€£".contains($0) }) ? "for \(amount)" : "for $\(amount)")
        }
        if let payment = value(paymentKeys) { parts.append("on \(payment)") }
        if let start = value(startKeys) { parts.append("at \(start)") }
        if let attendees = value(attendeeKeys) { parts.append("with \(attendees)") }
        if let stage = value(stageKeys) { parts.append("stage \(stage)") }
        if let recipient { parts.append("to \(recipient)") }
        if let channel { parts.append("in \(channel)") }
        // "Task: create a calendar event. - title: Quarterly review": an event's title is its name, not a subject.
        if let subject = value(subjectKeys) {
            let event = !PromptText.words(action).isDisjoint(with: ReadIntents.calendarWords.union(["call", "sync"]))
            parts.append(event ? "called \"\(subject)\"" : "with subject \"\(subject)\"")
        }
        if let text { parts.append("saying \"\(text)\"") }
        return parts.joined(separator: " ") + returned
    }
}
