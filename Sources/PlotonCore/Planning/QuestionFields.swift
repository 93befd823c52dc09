import Foundation

/// Fields asked as "who …" and "when …" questions: "who's attending" → `who` (the attendees), "when is
/// it due" → `due` (the due date), "when they were added" → `added`, "who posted" → `who` (the author).
/// The question word itself when the result answers to it, else the first words after it that do.
enum QuestionFields {
    static let openers: [String: String] = ["who": "who", "who's": "who", "whos": "who", "when": "when", "when's": "when"]

    /// "check if the payment pi_… went through", "see whether it has been paid": a yes-or-no question whose words a
    /// declared field answers (a phrase of two words or more among its synonyms).
    static func whether(in text: String, declared: [ResultField]) -> [String] {
        let lower = text.lowercased().replacingOccurrences(of: "’", with: "'")
        guard let opener = lower.rangeOfMatch(of: #"\b(?:if|whether)\b"#) else { return [] }
        let rest = lower[opener.upperBound...]
        return declared.filter { field in
            field.synonyms.contains {
                $0.contains(" ")
                    && rest.rangeOfMatch(of: "\\b\(NSRegularExpression.escapedPattern(for: $0))\\b") != nil
            }
        }.map(\.name).prefix(1).map { $0 }
    }

    /// The field each "who"/"when" question in `text` asks for, in the result's terms.
    static func asked(in text: String, declared: [ResultField], opening: Bool = true) -> [String] {
        let raw = text.lowercased().replacingOccurrences(of: "’", with: "'").split(whereSeparator: \.isWhitespace)
        let tokens = raw.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?\"()")) }
        var fields: [String] = []
        // "Which Slack channels exist and what is each one about?": what each is about, when the result says so (a topic).
        if text.rangeOfMatch(
            of: #"(?i)\bwhat(?:'s|\s+is|\s+are)?\s+(?:each(?:\s+one)?|it|they|they're|them)\s+(?:is\s+|are\s+)?about\s*(?:[?.!]|$)"#)
            != nil,
            let about = declared.first(where: { $0.answers("about") })
        {
            fields.append(about.name)
        }
        // "Which customers have unpaid invoices?": of invoices, whose they are (the status was returned, or nothing).
        if let which = tokens.firstIndex(where: { ["which", "what"].contains($0) }), which + 1 < tokens.count,
            ["customer", "customers", "client", "clients"].contains(tokens[which + 1]),
            let whose = declared.first(where: { $0.answers("customer") && $0.name != "name" })
        {
            fields.append(whose.name)
        }
        for (index, token) in tokens.enumerated() {
            // "Who's our contact at Initech? need their email": a question opening the part may only name the records.
            guard let opener = openers[token], opening || index > 0 else { continue }
            // The question runs to the next joiner or comma: "who posted last and what did they say".
            var end = index + 1
            if raw[index].hasSuffix(",") || raw[index].hasSuffix("?") {
                end = index + 1
            } else {
                while end < tokens.count, !PromptFields.joiners.contains(tokens[end]) {
                    end += 1
                    if raw[end - 1].hasSuffix(",") || raw[end - 1].hasSuffix("?") { break }
                }
            }
            guard let field = field(opener, Array(tokens[(index + 1)..<end]), declared: declared) else { continue }
            fields.append(field)
            // "who said what", "who posted what": the author, and what each wrote ("posted" alone is when).
            if opener == "who", index + 2 < tokens.count, tokens[index + 2] == "what",
                let said = declared.first(where: { $0.answers("said") }) ?? declared.first(where: { $0.answers(tokens[index + 1]) }),
                !said.answers(field)
            {
                fields.append(said.answers(tokens[index + 1]) ? tokens[index + 1] : said.name)
            }
        }
        return fields
    }

    /// The field one question asks for: the question word, else a phrase of up to three words after it.
    static func field(_ opener: String, _ words: [String], declared: [ResultField]) -> String? {
        // "when is the next design review": the words after "when" say which time, else the start (below).
        if opener != "when", declared.contains(where: { $0.answers(opener) }) { return opener }
        // "who sent it": the sender, as the result names it with the question word ("sent" alone is when).
        if let whole = (1...max(1, min(3, words.count))).reversed().lazy.map({ ([opener] + words.prefix($0)).joined(separator: " ") })
            .first(where: { phrase in declared.contains { $0.answers(phrase) } }), !words.isEmpty
        {
            return whole
        }
        // "when each deal is expected to close": the record asked about is no field.
        // "when is my next meeting": the meeting is the record, not its title.
        let skipped = FieldName.ignored.union(FieldName.recordNouns).union(["meeting", "appointment", "next", "upcoming"])
        for start in words.indices where !skipped.contains(words[start]) {
            for length in (1...min(3, words.count - start)).reversed() where !skipped.contains(words[start + length - 1]) {
                let phrase = words[start..<(start + length)].joined(separator: " ")
                // "when did we first add him": the verb as the field names it ("added"); "when did they sign up": "signed up".
                let verb = words[start]
                let rest = words[(start + 1)..<(start + length)].map { " " + $0 }.joined()
                for form in [phrase, phrase + "ed", phrase + "d", verb + "ed" + rest, verb + "d" + rest]
                where declared.contains(where: { $0.answers(form) }) {
                    return form
                }
            }
        }
        // "when is the next design review": an event asked when is asked for its start.
        if opener == "when", let start = declared.first(where: { $0.name == "start" }) { return start.name }
        return nil
    }

    /// "did acme pay their last invoice?", "has Globex paid?": a yes-or-no about payment, which the status
    /// answers when it can say "paid".
    /// "Is ava@…'s latest invoice paid?" too.
    static func paid(in text: String, declared: [ResultField]) -> [String] {
        let tokens = text.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        if let weather = weatherState(tokens, declared: declared) { return [weather] }
        // "Did payment pi_… succeed?", "has it cleared", "was the charge declined": whether a payment went through is its status.
        let outcomes: Set<String> = [
            "succeed", "succeeded", "successful", "fail", "failed", "declined", "clear", "cleared", "bounce", "bounced", "processed",
            "through",
        ]
        if let opener = tokens.firstIndex(where: { ["did", "has", "have", "was", "is", "were"].contains($0) }),
            tokens[(opener + 1)...].prefix(6).contains(where: outcomes.contains),
            let status = declared.first(where: { $0.name == "status" && $0.description?.contains("succeeded") == true })
        {
            return [status.name]
        }
        // "Is … paid?" opens with the verb; "which invoices are still unpaid", "which customers have unpaid invoices" ask which,
        // not whether.
        if ["which", "what", "who", "whose"].contains(tokens.first ?? "") { return [] }
        let opening = tokens.first.map { ["is", "was", "are", "were"].contains($0) } == true ? 0 : nil
        // "How much did Kowalski & Partners pay us this year?" asks an amount, not whether they paid.
        guard tokens.firstIndex(of: "much").map({ $0 > 0 && tokens[$0 - 1] == "how" }) != true,
            // "the invoices that have been paid": which ones, not whether.
            let opener = opening
                ?? tokens.indices.first(where: { index in
                    ["did", "has", "have"].contains(tokens[index]) && (index == 0 || !["that", "which", "who"].contains(tokens[index - 1]))
                }),
            tokens[(opener + 1)...].prefix(6).contains(where: { ["pay", "paid", "unpaid", "settled", "overdue"].contains($0) }),
            let status = declared.first(where: { $0.name == "status" && $0.description?.contains("paid") == true })
        else { return [] }
        return [status.name]
    }

    /// "How much did Kowalski & Partners pay us?", "how much has she paid": the amount paid, where the records declare it
    /// (the amount still due answered it).
    static func paidAmount(_ fields: [String], in text: String, declared: [ResultField]) -> [String] {
        let tokens = text.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        // "how much did … pay", "how much has she paid"; not "how much is it, and is it paid".
        guard let much = tokens.indices.dropFirst().first(where: { tokens[$0] == "much" && tokens[$0 - 1] == "how" }),
            ["did", "has", "have", "had"].contains(tokens[(much + 1)...].first ?? ""),
            tokens[(much + 1)...].prefix(7).contains(where: { ["pay", "paid"].contains($0) }),
            let paid = declared.first(where: { $0.name == "amount_paid" })
        else { return fields }
        // Asked how much, not whether: "paid" is no field beside it.
        return fields.filter { !["paid", "pay", "status"].contains($0.lowercased()) }.map { $0.lowercased() == "how much" ? paid.name : $0 }
    }

    /// "Is it raining in Dublin right now?", "is it sunny in Rome": a yes-or-no about the sky, which the conditions
    /// answer ("windy": the wind; "humid": the humidity; "cold": the temperature).
    static func weatherState(_ tokens: [String], declared: [ResultField]) -> String? {
        guard let opener = tokens.first.flatMap({ ["is", "was", "it's", "will"].contains($0) ? 0 : nil }),
            let field = tokens[(opener + 1)...].prefix(4).lazy.compactMap({ weatherStates[$0] }).first
        else { return nil }
        return declared.contains(where: { $0.name == field }) ? field : nil
    }

    static let weatherStates: [String: String] = {
        var states: [String: String] = ["windy": "wind_speed", "humid": "humidity", "muggy": "humidity"]
        for sky in ["raining", "rainy", "snowing", "snowy", "sunny", "cloudy", "foggy", "overcast", "stormy", "drizzling"] {
            states[sky] = "conditions"
        }
        for feel in ["hot", "cold", "warm", "chilly", "freezing", "mild"] { states[feel] = "temperature" }
        return states
    }()

    /// "how many people are in #general": a count asked by a word the result declares as a synonym
    /// of one field ("people" for `members`), which the field names normally ignore as a mere owner.
    static func counted(in text: String, declared: [ResultField]) -> [String] {
        let tokens = text.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        return tokens.indices.dropLast(2).compactMap { index in
            guard tokens[index] == "how", tokens[index + 1] == "many" else { return nil }
            return declared.first { $0.synonyms.contains(tokens[index + 2]) }?.name
        }
    }

    /// A listed field written as a question ("name, email, and when they were added"): its field.
    static func answered(_ field: String, declared: [ResultField]) -> String {
        let words = field.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        // "did it go through, and how much was it": the question's own words around a field's ("it go through" and "how
        // much was it" were fields no result has).
        let asking: Set<String> = [
            "did", "does", "do", "has", "have", "had", "was", "is", "were", "are", "it", "it's", "its", "that", "they",
        ]
        let core = Array(Array(words.drop(while: asking.contains).reversed()).drop(while: asking.contains).reversed())
        if !declared.contains(where: { $0.answers(field) }) {
            // "how much was charged": the amount; "did it succeed": whether it went through.
            if words.starts(with: ["how", "much"]), declared.contains(where: { $0.answers("how much") }) { return "how much" }
            if asking.contains(words.first ?? ""), let state = paid(in: field, declared: declared).first { return state }
        }
        if !core.isEmpty, core.count < words.count, !declared.contains(where: { $0.answers(field) }),
            declared.contains(where: { $0.answers(core.joined(separator: " ")) })
        {
            return core.joined(separator: " ")
        }
        // "what they are", "what each one is": the records' own name or title.
        if words.first == "what", (2...4).contains(words.count), ["is", "are"].contains(words.last ?? ""),
            words.dropFirst().dropLast().allSatisfy({ ["they", "it", "each", "one", "these", "those"].contains($0) }),
            let named = declared.first(where: { ["title", "name", "summary"].contains($0.name) })
        {
            return named.name
        }
        // "the plan and whether it is canceled": the status.
        if words.first == "whether", let state = StateQuestions.field(words, from: 0, declared: declared) { return state.field }
        guard let opener = words.first.flatMap({ openers[$0] }), !declared.contains(where: { $0.answers(field) }) else { return field }
        return self.field(opener, Array(words.dropFirst()), declared: declared) ?? field
    }
}
