import Foundation

/// The result fields the read parts of a prompt ask for: "return name and email", "with name and
/// modified time", "each person's name", "when each one renews". Determiners and possessive owners
/// are dropped ("their names" → "names"); the words are otherwise the caller's, and become the keys.
enum PromptFields {
    static let leading: Set<String> = ["the", "their", "each", "every", "his", "her", "its", "our", "my", "your", "a", "an", "all"]

    /// Questions that name a field without listing it.
    static let questions: [(words: Set<String>, cue: Set<String>, field: String)] = [
        (["renews", "renew", "renewal"], ["when"], "renewal date"),
        (["cost", "costs", "price"], ["what", "how"], "cost"),
        (["owe", "owes"], ["what", "how"], "owe"),
        (["plan"], ["what", "which"], "plan"),
        (["billing"], ["when"], "next billing date"),
        // "What does Diego Rossi pay us per month", "what plan is she on and how much does she pay": a subscription's amount
        // (what was paid in total is the invoices' sum).
        (["pay", "pays", "paying"], ["month", "monthly", "plan", "subscription"], "how much"),
    ]

    static func requested(in clauses: [PromptClause]) -> [String] {
        let reads = clauses.filter { !$0.isAction }
        // "Give me the weather for Oslo" opens a read; "…? Give me temperature and humidity" lists fields.
        let text = reads.enumerated().map { index, clause in
            (index == 0 || givesRecords(clause.text)) && !clause.text.contains(",")
                && clause.text.lowercased().split(separator: " ").drop { PromptClauses.fillers.contains(String($0)) }
                    .joined(separator: " ").hasPrefix("give me ")
                ? "" : clause.text
        }.joined(separator: ". ")
        var fields = PromptText.requestedFields(in: text)
        if fields.isEmpty { fields = reads.lazy.compactMap(withList).first ?? [] }
        if fields.isEmpty { fields = needList(text) }
        if fields.isEmpty { fields = reads.enumerated().lazy.compactMap { trailingList($1, first: $0 == 0) }.first ?? [] }
        if fields.isEmpty, let plus = text.range(of: " + "), let comma = text[..<plus.lowerBound].lastIndex(of: ",") {
            // "Weather for St. John's, Newfoundland — temp + wind": a dash after the comma opens the list.
            let dash = [" — ", " – ", " - "].compactMap { text[comma..<plus.lowerBound].range(of: $0, options: .backwards)?.upperBound }
                .max()
            fields = text[(dash ?? text.index(after: comma))...].split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        if fields.isEmpty {
            fields =
                reads.lazy.compactMap(colonList).first ?? reads.lazy.compactMap(plusList).first ?? reads.lazy.compactMap(possessiveList)
                .first
                ?? []
        }
        if fields.isEmpty { fields = reads.dropFirst().lazy.compactMap(bareList).first ?? [] }
        if fields.isEmpty { fields = reads.lazy.compactMap(bracketedList).first ?? [] }
        if fields.isEmpty {
            // "When is the Summit Renewal deal expected to close?": a word of a record's name asks for nothing.
            let named = PartyNames.fullNames(in: text).flatMap { $0.lowercased().split(separator: " ").map(String.init) }
            let words = PromptText.words(text).subtracting(named)
            fields = questions.filter { !$0.words.isDisjoint(with: words) && !$0.cue.isDisjoint(with: words) }.map(\.field)
        }
        var seen = Set<String>()
        // "I need the open deals: name, amount …": what the list's first item opens with is the records, not the field.
        // "Just the titles with start and end times": a field, then more with it.
        let listed = fields.map { field in field.range(of: ": ", options: .backwards).map { String(field[$0.upperBound...]) } ?? field }
            .flatMap { $0.components(separatedBy: " with ").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty } }
        // "the coordinates and the time zone of Wellington, New Zealand": the place's country is no field.
        return listed.map(cleaned).filter {
            !$0.isEmpty && !WeatherPlaces.countries.contains($0.lowercased()) && seen.insert(FieldName.normalized($0)).inserted
        }
    }

    /// "list drive files with name and modified time" → ["name", "modified time"].
    static func withList(_ clause: PromptClause) -> [String]? {
        // ("give me the open deals with amounts"; not "give the AE a list … with their phone numbers before the call".)
        guard
            ["list", "show", "get", "pull", "fetch", "find"].contains(clause.verb ?? "")
                || (clause.verb == "give" && clause.text.rangeOfMatch(of: #"(?i)\bgive\s+(?:me|us)\b"#) != nil),
            let with = clause.text.range(of: " with ", options: .caseInsensitive)
        else { return nil }
        let tail = clause.text[with.upperBound...]
        guard !tail.contains(where: { "@#\"'“".contains($0) }) else { return nil }
        // "the files with contract in the name": a word the name holds, which the search looks for.
        guard ReadIntents.nameContains(in: clause.text) == nil else { return nil }
        // "Get the Drive file with id 1Zx9QpLmN0rTsV": the record's id, a value and no field.
        let valued = #"(?i)^(?:the\s)?(?:id|number|no\.?|#)\s*\S*\d\S*$"#
        return tail.replacingOccurrences(of: ", and ", with: ",").replacingOccurrences(of: " and ", with: ",")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.rangeOfMatch(of: valued) == nil }
    }

    /// "Show every open deal in HubSpot: name, value, and expected close date" → the list after the colon.
    static func colonList(_ clause: PromptClause) -> [String]? {
        // "…: name, value" or "… — deal name, amount and close date".
        guard let colon = [": ", " — ", " – ", " - "].lazy.compactMap({ clause.text.range(of: $0, options: .backwards) }).first
        else { return nil }
        let tail = clause.text[colon.upperBound...]
        guard tail.contains(",") || tail.contains(" and "), !tail.contains(where: { "@#\"“".contains($0) }) else { return nil }
        // "Hey — my flight lands in Osaka tonight and …": a dash after a greeting opens the message, not a list.
        let head = clause.text[..<colon.lowerBound].split(whereSeparator: \.isWhitespace)
        guard !head.allSatisfy({ PromptClauses.fillers.contains($0.lowercased().trimmingCharacters(in: .punctuationCharacters)) })
        else { return nil }
        // "UserProxy -> Assistant: pull the weather for Berlin, Germany and report …": after a speaker, the request itself.
        let first = tail.split(whereSeparator: \.isWhitespace).first.map { $0.lowercased() } ?? ""
        let imperative: Set<String> = [
            "please", "pls", "get", "list", "show", "pull", "fetch", "find", "search", "look", "check", "read", "give", "display",
            "retrieve", "summarize", "summarise", "tell", "let", "can", "could", "would",
        ]
        guard !imperative.contains(first), PromptClauses.actionVerbs[first] == nil else { return nil }
        return split(String(tail))
    }

    /// "List every HubSpot contact's first name, last name and company": the list after a possessive.
    static func possessiveList(_ clause: PromptClause) -> [String]? {
        let tokens = clause.text.split(whereSeparator: \.isWhitespace).map(String.init)
        // "What's the humidity in Cartagena, Colombia …": a contraction owns nothing.
        let contractions: Set<String> = ["what's", "it's", "that's", "who's", "here's", "there's", "let's", "where's", "how's", "when's"]
        guard
            let owner = tokens.firstIndex(where: {
                ($0.hasSuffix("'s") || $0.hasSuffix("’s"))
                    && !contractions.contains($0.lowercased().replacingOccurrences(of: "’", with: "'"))
            }), owner + 1 < tokens.count
        else {
            return nil
        }
        let tail = tokens[(owner + 1)...].joined(separator: " ")
        guard tail.contains(","), !tail.contains(where: { "@#\"“".contains($0) }) else { return nil }
        // "Ben's subscription, the plan and …": the record owned comes before its fields.
        return split(tail).enumerated().filter { $0.offset > 0 || !FieldName.recordNouns.contains($0.element.lowercased()) }.map(\.element)
    }

    /// "Show all of user_123's active subscriptions (plan name / amount / next billing date)": a list in brackets,
    /// split at slashes or commas.
    static func bracketedList(_ clause: PromptClause) -> [String]? {
        guard let open = clause.text.lastIndex(of: "("), let close = clause.text[open...].firstIndex(of: ")") else { return nil }
        let inner = clause.text[clause.text.index(after: open)..<close]
        guard inner.contains(" / ") || inner.contains(","), !inner.contains(where: { "@#\"“".contains($0) }) else { return nil }
        let items = inner.replacingOccurrences(of: " / ", with: ",").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        return items.count > 1 && items.allSatisfy({ !$0.isEmpty && $0.split(separator: " ").count <= 4 }) ? items : nil
    }

    /// "temp + humidity in tokyo", "stripe subs - plan name + billing interval for each": the phrases
    /// joined by "+" (up to three words each), without the rest of the sentence.
    static func plusList(_ clause: PromptClause) -> [String]? {
        let tokens = clause.text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let first = tokens.firstIndex(of: "+"), first > 0 else { return nil }
        let bare = { (token: String) in token.trimmingCharacters(in: .punctuationCharacters).lowercased() }
        var before: [String] = []
        for token in tokens[..<first].reversed() {
            if before.count == 3 || bare(token).isEmpty || token.hasSuffix(":") || (token.hasSuffix(",") && !before.isEmpty)
                || phraseStops.contains(bare(token))
            {
                break
            }
            before.insert(token, at: 0)
            if token.hasPrefix("(") { break }
        }
        // "the temp in münchen now + wind": what comes before the plus is no field; the whole record answers.
        if before.isEmpty, phraseStops.contains(bare(tokens[first - 1])) { return nil }
        // "temp in tokyo + humidity": the place the field is asked for is no field; the field is before it.
        let place = first - before.count - 1
        if place > 0, ["in", "at", "for"].contains(bare(tokens[place])) {
            let field = tokens[..<place].reversed().prefix { !phraseStops.contains(bare($0)) && !$0.hasSuffix(":") }.prefix(3)
            if !field.isEmpty { before = field.reversed() }
        }
        var fields = [before.isEmpty ? tokens[first - 1] : before.joined(separator: " ")]
        var index = first
        while index + 1 < tokens.count, tokens[index] == "+" {
            // "my deals + how much each one is worth": a question after the plus runs to the end.
            if ["how", "what", "when", "which", "who"].contains(tokens[index + 1].lowercased()) {
                fields.append(tokens[(index + 1)...].joined(separator: " "))
                break
            }
            var phrase: [String] = []
            index += 1
            while index < tokens.count, tokens[index] != "+", phrase.count < 3, !phraseStops.contains(bare(tokens[index])) {
                phrase.append(tokens[index])
                index += 1
                if phrase.last.map({ $0.hasSuffix(",") || $0.hasSuffix(")") }) == true { break }
            }
            if phrase.isEmpty { break }
            fields.append(phrase.joined(separator: " "))
        }
        // The records themselves ("deals + …") are what is read, not a field; after the plus, "emails" is one.
        let phrases = fields.map { $0.trimmingCharacters(in: .punctuationCharacters) }
        return phrases.enumerated().filter { $0.offset > 0 || !notAsked.contains($0.element.lowercased()) }.map(\.element)
    }

    /// Words that end a field phrase joined by "+".
    static let phraseStops: Set<String> = PromptText.stopWords.union(PromptClauses.prepositions).union(readVerbs)
        .union(objectLead).union(["each", "every", "pls", "please", "of", "per", "and", "only", "now"])

    /// "who do we know at Initech? names and emails": a part that is only a list of nouns.
    static func bareList(_ clause: PromptClause) -> [String]? {
        let words = clause.text.split(whereSeparator: \.isWhitespace)
        guard clause.verb == nil, (2...8).contains(words.count), clause.text.contains(",") || clause.text.contains(" and "),
            !clause.text.contains(where: { "@#\"“:?".contains($0) })
        else { return nil }
        let fields = split(clause.text)
        // "Names and how many people are in each": a question may be one of the fields.
        let asks = { (field: String) in
            ["how ", "what ", "when ", "whether ", "who "].contains(where: field.lowercased().hasPrefix)
                && field.split(separator: " ").count <= 6
        }
        return fields.allSatisfy({ cleaned($0).split(separator: " ").count <= 3 || asks($0) }) ? fields : nil
    }

    /// "…, names and emails only", "…, just temperature and conditions", "just the temp pls" after the
    /// read: a list that closes a part, marked by "just" or "only".
    static func trailingList(_ clause: PromptClause, first: Bool) -> [String]? {
        let marks: Set<String> = ["just", "only", "pls", "please"]
        // "…, just the names", "… — just the gist".
        let segment =
            [", ", " — ", " – ", " - "].compactMap { clause.text.range(of: $0, options: .backwards) }.max { $0.lowerBound < $1.lowerBound }
            .map { String(clause.text[$0.upperBound...]) } ?? (first ? "" : clause.text)
        let words = segment.split(whereSeparator: \.isWhitespace).map(String.init)
        guard ["just", "only"].contains(words.first?.lowercased() ?? "") || words.last?.lowercased() == "only" else { return nil }
        let kept = words.filter { !marks.contains($0.lowercased()) }
        guard let head = kept.first?.lowercased(), PromptClauses.actionVerbs[head] == nil, !PromptClauses.readVerbs.contains(head),
            !PromptClauses.readSynonyms.contains(head), !segment.contains(where: { "@#\"“:?".contains($0) })
        else { return nil }
        let fields = split(kept.joined(separator: " "))
        return fields.allSatisfy({ cleaned($0).split(separator: " ").count <= 3 }) ? fields : nil
    }

    /// "the name amount and close date": declared fields written one after another without a comma,
    /// each on its own; a phrase that is itself a field, or is not made of fields, stays.
    static func separated(_ fields: [String], declared: [ResultField]) -> [String] {
        fields.flatMap { field -> [String] in
            let words = field.split(whereSeparator: \.isWhitespace).map(String.init)
            guard words.count > 1, !declared.contains(where: { $0.answers(field) }) else { return [field] }
            // "montreal humidity": a place or owner glued before a field; the field is what ends the phrase.
            if let tail = (1...min(3, words.count - 1)).reversed().lazy.map({ words.suffix($0).joined(separator: " ") })
                .first(where: { tail in declared.contains { $0.answers(tail) } }),
                !declared.contains(where: { $0.answers(words[0]) })
            {
                return [tail]
            }
            var parts: [String] = []
            var index = 0
            while index < words.count {
                guard
                    let length = (1...min(3, words.count - index)).reversed().first(where: { length in
                        declared.contains { $0.answers(words[index..<(index + length)].joined(separator: " ")) }
                    })
                else { return [field] }
                parts.append(words[index..<(index + length)].joined(separator: " "))
                index += length
            }
            // "meeting titles": two words for one field, the last of them its name.
            let targets = parts.map { part in declared.firstIndex { $0.answers(part) } }
            return Set(targets).count == 1 ? [parts[parts.count - 1]] : parts
        }
    }

    static func split(_ list: String) -> [String] {
        list.replacingOccurrences(of: ", and ", with: ",").replacingOccurrences(of: " and ", with: ",").replacingOccurrences(
            of: " & ", with: ","
        ).replacingOccurrences(of: " + ", with: ",")
            .split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " .!?")) }.filter { !$0.isEmpty }
    }

    /// Words that name what is looked up or how it is filtered, never a field asked about.
    static let notAsked: Set<String> = [
        "weather", "invoice", "invoices", "deal", "deals", "contact", "contacts", "file", "files", "channel", "channels", "event", "events",
        "meeting", "meetings", "message", "messages", "customer", "customers", "subscription", "subscriptions", "email", "emails", "who",
        "when", "what", "for", "time", "date", "due", "open", "closing", "close", "closes", "since", "about", "said", "posted", "sent",
        "people", "person", "account", "business", "from", "until", "state", "added", "opened", "renew", "renews", "pipeline",
    ]
    /// Words between a read's verb and a field it names as its object ("get the current temperature in …").
    static let objectLead: Set<String> = [
        "the", "me", "us", "current", "latest", "today's", "my", "our", "their", "a", "her", "his", "its",
    ]

    /// Fields a question asks about in the result's own terms: "how windy is it … and what the
    /// conditions are like" → `how windy`, `conditions`; "How many members does #general have?" → `members`.
    static func asked(in clauses: [PromptClause], declared: [ResultField]) -> [String] {
        var fields: [String] = []
        // What the declared fields answer to, normalized once (as `ResultField.answers` compares).
        let answerable = Set(
            declared.flatMap { field in
                [field.name] + field.synonyms
                    + (field.paths.count == 1 ? field.paths.compactMap { $0.split(separator: ".").last.map(String.init) } : [])
            }.map(FieldName.normalized).filter { !$0.isEmpty })
        for clause in clauses where !clause.isAction {
            // "the humidity for Stuttgart as of now": when, not the time a reading was taken ("as of" is its synonym).
            let lower = clause.text.lowercased().replacingMatches(of: #"\bas\s+of\s+(?:now|today|right\s+now)\b"#, with: "")
            let raw = lower.split(whereSeparator: \.isWhitespace)
            let tokens = raw.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?\"'()")) }
            // A question asks about what it names; otherwise only "the X of …" names a field.
            let question =
                lower.contains("?") || lower.contains("tell me ")
                || !Set(tokens).isDisjoint(with: ["what", "which", "how", "when", "who", "where", "what's", "whats"])
            let spelled = Set(declared.flatMap { [$0.name.replacingOccurrences(of: "_", with: " ")] + $0.synonyms }.map { $0.lowercased() })
            let polite: Set<String> = ["please", "pls", "plz", "thanks", "thx", "just", "only"]
            let plain = tokens.filter { !polite.contains($0) }
            var index = 0
            // "temp and humidity in berlin": fields the part opens with; "names and emails": a list goes on.
            var leading = true
            var listed = false
            while index < tokens.count {
                if tokens[index] == "whether", let state = StateQuestions.field(tokens, from: index, declared: declared) {
                    fields.append(state.field)
                    index = state.end
                    continue
                }
                let match = (1...3).reversed().lazy.compactMap { length -> String? in
                    guard index + length <= tokens.count else { return nil }
                    let words = tokens[index..<(index + length)]
                    let phrase = words.joined(separator: " ")
                    // "what the conditions" is not a field's name; "how windy" is, when the tool says so.
                    let edges =
                        [words.first ?? "", words.last ?? ""].contains { FieldName.ignored.contains($0) || $0.hasSuffix("'s") }
                        // "customers names": the records' names, not a field called that.
                        || (length > 1 && FieldName.recordNouns.contains(words.first ?? "") && words.first?.hasSuffix("s") == true)
                    // "created this month" filters by the field; it does not ask for it.
                    let next = index + length < tokens.count ? tokens[index + length] : ""
                    // "list the paid invoices", "the open deals": a word before the records says which, not what of them.
                    let filter =
                        ["this", "last", "today", "yesterday", "since", "before", "after", "tomorrow", "next"].contains(next)
                        || FieldName.recordNouns.contains(next)
                        // "the Drive file with id 1q9ZkP4vXmL2", "file ID 1Zx9…": the value looked up by.
                        || (next.count >= 4 && next.contains(where: \.isNumber))
                    // "names pls" after the read: a part that is only the field; "get the current temperature in Tokyo".
                    let whole = clauses.first != clause && plain == Array(words)
                    // "Could you check the humidity in Singapore": the verb after the polite words.
                    let verbAt = tokens.firstIndex { !PromptClauses.fillers.contains($0) } ?? 0
                    let object =
                        index > verbAt && readVerbs.contains(tokens[verbAt])
                        && tokens[(verbAt + 1)..<index].allSatisfy {
                            // "pull up 3M's deal amount": the owner named before the record.
                            objectLead.contains($0) || FieldName.recordNouns.contains($0) || brands.contains($0) || $0 == "up"
                                || $0.hasSuffix("'s")
                        }
                    // "kira's email": a possessive makes even a record word a field; "3M's deal" is the record itself.
                    let possessed =
                        index > 0 && ["'s", "’s", "s'"].contains { tokens[index - 1].hasSuffix($0) }
                        && !FieldName.recordNouns.contains(phrase)
                    // "report the humidity and wind speed for …", "the email and phone number of every contact":
                    // a field joined to another field is a list of them, wherever it stands.
                    let chained = fieldFollows(after: index + length, tokens: tokens, raw: raw, answerable: answerable)
                    // "montreal current temp pls": a part without a verb that ends with the field.
                    let closing =
                        clause.verb == nil && index > 0
                        && tokens[(index + length)...].allSatisfy { polite.contains($0) || $0.isEmpty }
                    // "trialing subscriptions and their plan names": what the records have, after "and their".
                    let owned =
                        index > 1 && ["their", "its"].contains(tokens[index - 1])
                        && ["and", "with", "+", "plus"].contains(tokens[index - 2])
                    // "the temperature in Tokyo plus the wind speed".
                    let added =
                        tokens[..<index].reversed().drop { determiners.contains($0) }.first.map { ["plus", "+", "&"].contains($0) } ?? false
                    // "who wrote the last message": the verb of a "who" question asks who, not what was written.
                    let askedWho = index > 0 && tokens[index - 1] == "who"
                    guard !askedWho,
                        !notAsked.contains(phrase) || possessed || listed || (chained && !FieldName.recordNouns.contains(phrase)),
                        !filter, !edges || spelled.contains(phrase),
                        answerable.contains(FieldName.normalized(phrase)),
                        question || whole || object || possessed || leading || listed || chained || added || closing || owned
                            || (index + length < tokens.count && ["of", "for"].contains(tokens[index + length]))
                            // "the amount due on each".
                            || (index + length + 1 < tokens.count && tokens[index + length] == "on"
                                && ["each", "every", "all"].contains(tokens[index + length + 1]))
                    else { return nil }
                    return phrase
                }.first
                let joiner = index < tokens.count && ["and", "&", "+", ""].contains(tokens[index])
                if let match {
                    fields.append(match)
                    index += match.split(separator: " ").count
                    // "the title, start time and …": a comma after a field goes on with the list.
                    listed = index < tokens.count && (["and", "&", "+", ""].contains(tokens[index]) || raw[index - 1].hasSuffix(","))
                } else {
                    leading = leading && joiner
                    listed = listed && (joiner || determiners.contains(tokens[index]))
                    index += 1
                }
            }
        }
        return fields
    }

    static let determiners: Set<String> = ["the", "their", "its", "his", "her", "our", "my", "each", "every"]
    static let joiners: Set<String> = ["and", "&", "+", "plus"]

    /// Whether, at `index`, a joiner (or the comma ending the word before it) leads to another field
    /// the result declares: "humidity and wind speed", "number, customer".
    static func fieldFollows(after index: Int, tokens: [String], raw: [Substring], answerable: Set<String>) -> Bool {
        guard index > 0, index < tokens.count else { return false }
        var next = index
        if joiners.contains(tokens[next]) {
            next += 1
        } else if !raw[index - 1].hasSuffix(",") {
            return false
        }
        while next < tokens.count, determiners.contains(tokens[next]) { next += 1 }
        return (1...3).contains { length in
            guard next + length <= tokens.count else { return false }
            let phrase = tokens[next..<(next + length)].joined(separator: " ")
            return !notAsked.contains(phrase) && answerable.contains(FieldName.normalized(phrase))
        }
    }

    /// Verbs a read opens with when its object may be a field.
    static let readVerbs: Set<String> = [
        "get", "show", "give", "tell", "fetch", "pull", "check", "find", "retrieve", "read", "display", "list",
        // "… and report the amount due and whether it has been paid", "provide its plan and renewal date".
        "report", "provide",
    ]
    /// Services named before the records ("list stripe customers names and emails").
    static let brands: Set<String> = Set(ServiceMatcher.brands.keys).union(["crm", "hubspot", "stripe", "every", "all"])

    static let fieldMarkers = ["i need ", "i want ", "we need ", "along with ", "need ", ", show ", ". show ", " and their "]

    /// Whether a part only says which fields to return ("I need their emails", "return …").
    static func onlyFields(_ clause: PromptClause) -> Bool {
        var lower = clause.text.lowercased().split(separator: " ").drop { PromptClauses.fillers.contains(String($0)) }
            .joined(separator: " ")
        // "For each subscription, return …"
        if ["for each ", "for every "].contains(where: lower.hasPrefix), let comma = lower.range(of: ", ") {
            lower = String(lower[comma.upperBound...])
        }
        // "Pipeline review at 4. Give me all deals closing this month with amount and stage": records to read, after a part
        // that read already (its filter was lost, and "deals closing this month with amount" became a field).
        if givesRecords(lower) { return false }
        return (fieldMarkers + ["return ", "include ", "including ", "and return ", "give me "]).contains { lower.hasPrefix($0) }
            || bareList(clause) != nil || showsFieldsOfOne(lower) || wantsFieldsOfOne(clause.text)
    }

    /// "What was on our most recent invoice? I want the invoice number and the amount": what to show of the record read
    /// before ("i" is a filler word, so the opening was not seen, and "invoice number" listed every invoice).
    static func wantsFieldsOfOne(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard let opening = ["i want ", "i need ", "we need ", "we want ", "i'd like ", "i would like "].first(where: lower.hasPrefix)
        else {
            return false
        }
        let items = lower.dropFirst(opening.count).components(separatedBy: ",").flatMap { $0.components(separatedBy: " and ") }
        let reading: Set<String> = ["latest", "recent", "newest", "last", "all", "my", "our", "every", "open", "unpaid", "list"]
        return items.allSatisfy { item in
            let words = item.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) }.filter {
                !["", "the", "its", "their", "just", "only", "a", "an", "also"].contains($0)
            }
            guard let head = words.last, (1...4).contains(words.count) else { return false }
            return !recordNouns.contains(head) && !singularRecordNouns.contains(head) && reading.isDisjoint(with: words)
        }
    }

    static let singularRecordNouns: Set<String> = [
        "deal", "contact", "invoice", "customer", "subscription", "event", "meeting", "file", "channel", "payment", "lead",
    ]

    /// "Show the deal name and amount", "list their emails", "display each one's phone": what to show of the records
    /// read before (read again unfiltered, the search before it was lost).
    static func showsFieldsOfOne(_ lower: String) -> Bool {
        guard
            let verb = ["show me ", "show ", "display ", "list ", "give us ", "give ", "provide ", "get me "].first(where: lower.hasPrefix)
        else {
            return false
        }
        let words = lower.dropFirst(verb.count).split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) }
        guard let first = words.first else { return false }
        let singular = singularRecordNouns
        // "Show plan, amount and renewal date": a list of a few words each, none a record or a way of reading them.
        let items = lower.dropFirst(verb.count).components(separatedBy: ",").flatMap { $0.components(separatedBy: " and ") }.map {
            $0.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) }.filter { !$0.isEmpty && $0 != "the" }
        }
        let reading: Set<String> = ["latest", "recent", "newest", "last", "all", "my", "our", "every", "open", "unpaid", "active"]
        if items.count >= 2,
            items.allSatisfy({ item in
                (1...3).contains(item.count)
                    && item.allSatisfy { !singular.contains($0) && !recordNouns.contains($0) && !reading.contains($0) }
            })
        {
            return true
        }
        // "show their latest invoice": records of theirs, read.
        if ["their", "its", "her", "his", "each", "each one's"].contains(first) {
            return words.dropFirst().allSatisfy { !singular.contains($0) && !recordNouns.contains($0) }
        }
        // "Give deal name and stage": the article left out.
        if singular.contains(first), words.count > 1, !["of", "for", "in", "with", "that", "which", "to"].contains(words[1]),
            !singular.contains(words[1]), !recordNouns.contains(words[1]), verb != "list "
        {
            return true
        }
        return first == "the" && words.count > 2 && singular.contains(words[1]) && !["of", "for", "in", "with"].contains(words[2])
    }

    /// "give me all deals closing this month …": records asked for, not the fields of a read before.
    static func givesRecords(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard lower.hasPrefix("give me "),
            let noun = lower.dropFirst(8).split(separator: " ").map({ $0.trimmingCharacters(in: .punctuationCharacters) })
                .first(where: { !["all", "the", "every", "my", "our", "of", "list", "a"].contains($0) })
        else { return false }
        return recordNouns.contains(noun)
    }

    /// What a read lists, as people name the records.
    static let recordNouns: Set<String> = [
        "deals", "contacts", "invoices", "customers", "subscriptions", "events", "meetings", "files", "emails", "messages", "channels",
        "leads", "payments", "charges",
    ]

    /// "…, I need the names and amounts" → ["names", "amounts"].
    static func needList(_ text: String) -> [String] {
        let lower = text.lowercased()
        guard let marker = fieldMarkers.compactMap({ lower.range(of: $0) }).first else { return [] }
        var tail = String(lower[marker.upperBound...])
        if let end = tail.firstIndex(where: { ".;!?".contains($0) }) { tail = String(tail[..<end]) }
        // "I want to know the subscriptions of customer cus_…, which plan and how much they pay": the records to read, then
        // the fields.
        if let lead = ["to know ", "to see ", "to get ", "to have ", "to check "].first(where: tail.hasPrefix) {
            var items = split(String(tail.dropFirst(lead.count)))
            if let first = items.first?.split(separator: " ").map(String.init),
                first.prefix(4).contains(where: { recordNouns.contains($0) || singularRecordNouns.contains($0) || $0 == "weather" })
            {
                items.removeFirst()
            }
            return items
        }
        // "Need it for a shipping form": what the answer is for, no field.
        if ["it", "this", "that", "them", "these", "those"].contains(tail.split(separator: " ").first.map(String.init) ?? "") {
            return []
        }
        // "I need a list of everyone … with their job titles": the records, then the fields after "with".
        // "I need a rundown of every contact … with their phone number": the same with another word for the list.
        let listNouns = ["list", "rundown", "summary", "overview", "breakdown", "table", "report", "roundup"]
        if listNouns.contains(where: { ["a \($0) ", "an \($0) ", "the \($0) ", "\($0) "].contains(where: tail.hasPrefix) }) {
            guard let with = tail.range(of: " with ") ?? tail.range(of: " w/ ") else { return [] }
            tail = String(tail[with.upperBound...])
        }
        // "i need the subscriptions list for user_789 pls, plan + price": the records first, then their fields.
        let items = split(tail.replacingOccurrences(of: " + ", with: ","))
        let records = items.first?.split(separator: " ").prefix(3).contains { recordNouns.contains(String($0)) } ?? false
        return items.count > 1 && records ? Array(items.dropFirst()) : items
    }

    /// "each person's name" → "name", "their phone numbers" → "phone numbers".
    static func cleaned(_ field: String) -> String {
        // "the date each was issued": the issue date; "when they became a customer": since when they are one.
        if let verb = field.rangeOfMatch(
            of: #"(?i)^(?:the\s)?(?:date|day|time)\s(?:each(?:\sone)?|it|they|one)\s(?:was|were|got)\s(\w+)$"#)
        {
            return String(field[verb].split(separator: " ").last ?? "")
        }
        if field.rangeOfMatch(
            of: #"(?i)^when\s(?:they|he|she|it|each)\s(?:became|become)\s(?:a\s)?(?:customer|client)s?$"#)
            != nil
        {
            return "customer since"
        }
        // "the date of the next billing": the next billing's date.
        if let of = field.rangeOfMatch(
            of: #"(?i)^(?:the\s)?(date|day|time|amount)\sof\s(?:the\s)?((?:next|last|latest)\s\w+)$"#)
        {
            let words = field[of].split(separator: " ").filter { !["the", "of"].contains($0.lowercased()) }
            return (words.dropFirst() + words.prefix(1)).joined(separator: " ")
        }
        // "a preview of the body", "the message for each": the field is what comes first.
        var field = field
        // "the temperature and humidity to decide on the outdoor event", "… so we can plan": why it is asked is no field.
        if let purpose = field.rangeOfMatch(
            of:
                #"(?i)(?:^|\s)(?:in\s+order\s+to|so\s+(?:that|we|i|they|she|he|you|everyone|everybody|the\s+team)|because|to\s+(?:decide|plan|check|see|know|figure|help|prepare|make|choose|pick|confirm|compare|share|use|update|finali[sz]e|review|judge|determine|follow|prep))\b"#
        ) {
            field = String(field[..<purpose.lowerBound])
        }
        // "temperature and conditions are enough", "humidity as of now": how much or when, said of the list.
        if let enough = field.rangeOfMatch(
            of: #"(?i)\s+(?:(?:are|is)\s+(?:enough|fine|sufficient|plenty|all\s+i\s+need)|will\s+do|as\s+of\s+(?:now|today)|right\s+now)\b"#
        ) {
            field = String(field[..<enough.lowerBound])
        }
        for marker in [
            " of the ", " of ", " for each", " for every", " for our ", " for the ", " for my ", " for invoice ", " for deal ", " for all",
        ] {
            if let range = field.range(of: marker, options: .caseInsensitive) { field = String(field[..<range.lowerBound]) }
        }
        // "conditions in Berlin", "close date in user_123's CRM": where the records are, not the field ("amount in
        // USD" is the field's unit).
        if let place = field.rangeOfMatch(
            of: #"(?i)\sin\s(?!(?:usd|eur|gbp|cents|dollars|euros|utc|celsius|fahrenheit|local)\b)"#),
            !FieldName.recordNouns.union(["everyone", "everybody", "anyone", "all"]).contains(field[..<place.lowerBound].lowercased())
        {
            field = String(field[..<place.lowerBound])
        }
        // "the time zone for Tromsø": the field, then whose it is.
        if let owner = field.rangeOfMatch(of: #"(?i)\sfor\s(?!(?:each|every|all|them)\b)\p{Lu}"#) {
            field = String(field[..<owner.lowerBound])
        }
        let polite: Set<String> = [
            "please", "pls", "plz", "thanks", "thx", "just", "only", "also", "me", "us", "mostly", "mainly", "primarily",
        ]
        field = field.split(whereSeparator: \.isWhitespace).filter { !polite.contains($0.lowercased()) }.joined(separator: " ")
        // "which company each one works at", "what plan each of them is on": what the question asks for.
        let words = field.split(whereSeparator: \.isWhitespace).map(String.init)
        if let head = words.first?.lowercased(), ["which", "what"].contains(head) {
            let subjects: Set<String> = [
                "each", "every", "they", "he", "she", "it", "is", "are", "does", "do", "we", "you", "its", "their",
            ]
            let asked = words.dropFirst().prefix { !subjects.contains($0.lowercased()) }
            if !asked.isEmpty, asked.count < words.count - 1 { field = asked.joined(separator: " ") }
        }
        // "who's coming": a question's "who's" is no possessive owner.
        let questions: Set<String> = ["who's", "what's", "when's", "where's", "how's", "who’s", "what’s", "when’s"]
        return field.split(whereSeparator: \.isWhitespace).map(String.init)
            .drop {
                leading.contains($0.lowercased())
                    || (($0.hasSuffix("'s") || $0.hasSuffix("’s")) && !questions.contains($0.lowercased()))
            }
            .joined(separator: " ")
            .trimmingCharacters(in: CharacterSet(charactersIn: " .?!"))
    }
}
