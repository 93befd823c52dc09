import Foundation

/// The step for one action a prompt asks for (send, post, create, schedule, update, refund,
/// upload), with the values the prompt states. What only the caller can give comes back as
/// missing inputs in plain terms; an action no tool can take comes back as `cannot`.
enum ActionSteps {
    enum Outcome {
        case steps([PlannedStep])
        /// Plain names → JSON schema of each.
        case missing([String: JSONValue])
        case cannot(String)
    }

    /// Words that name where a message or file goes, not what it carries.
    static func destinationWords(_ kind: PromptClause.Kind) -> Set<String> {
        kind == .upload
            ? ["drive", "google", "dropbox", "file", "note", "docs"]
            : ["slack", "chat", "channel", "gmail", "email", "e-mail", "mail", "team", "emial", "message", "note"]
    }

    static func plan(_ clause: PromptClause, _ request: PlanningRequest, after steps: [PlannedStep]) -> Outcome {
        let words = clause.words
        if let loop = RecordLookups.openingLoop(clause, prompt: request.prompt) { return .cannot(loop) }
        switch clause.kind {
        // "search … and forward the newest one to ap@…", "forward the latest email from ben@… to kim@…".
        case .deliver
        where clause.verb == "forward"
            && (["search_messages", "read_message"].contains(steps.last?.capability ?? "")
                || clause.text.rangeOfMatch(of: #"(?i)\bforward\s+(?:\S+\s+){0,5}?(?:e-?mails?|mail|message)\b"#)
                    != nil):
            return EmailForwarding.forward(clause, request, after: steps)
        case .deliver:
            if let loop = RecordLookups.eachRecipient(clause, prompt: request.prompt) ?? RecordLookups.ownRecordsOfSeveral(clause) {
                return .cannot(loop)
            }
            return deliver(clause, request, after: steps)
        case .refund: return refund(clause, request, after: steps)
        // "Set a meeting for Thursday" schedules one; moving or changing an event is not a capability here.
        // ("isla@hooli-events.example" names no event.)
        case .update
        where !PromptText.words(clause.text.replacingMatches(of: #"[\w.+-]+@[\w.-]+"#, with: " ")).isDisjoint(
            with: ReadIntents.calendarWords):
            return clause.verb == "set"
                ? event(clause, request, after: steps) : .cannot("no tool here can \(clause.verb ?? "change") a calendar event")
        case .update: return update(clause, request, after: steps)
        case .upload: return upload(clause, request, after: steps)
        case .create, .schedule:
            // Records put in a file are saved once, as a list: no loop over them.
            if savesFile(clause) { return upload(clause, request, after: steps) }
            if let loop = RecordLookups.loop(clause, after: steps) { return .cannot(loop) }
            // "create deals for Umbrella ($12k) and Stark ($30k)": one step creates one record.
            if clause.kind == .create, !words.isDisjoint(with: ["deals", "contacts"]),
                PromptText.amounts(in: clause.text).count > 1
                    || PromptText.emails(in: clause.text).count > 1
            {
                return .cannot("one step creates one record; ask for each on its own (\"create a deal …, and create a deal …\")")
            }
            // "stage appointment scheduled" names a deal stage, not an appointment.
            // "Add a new contact to the CRM: …, company Herrera Events": a contact made, whatever its company is called.
            let contactMade =
                clause.text.rangeOfMatch(
                    of:
                        #"(?i)\b(?:new|a|an)\s+(?:crm\s+|hubspot\s+)?contact\b|\bcontact\s+(?:to|in|into)\s+(?:the\s+|our\s+)?(?:crm|hubspot)\b"#
                ) != nil
            let routing =
                contactMade
                ? words.subtracting(ReadIntents.calendarWords)
                : knownStage(in: clause.text) == nil
                    ? words : words.subtracting(["appointment", "appointments", "presentation", "scheduled"])
            let calendarish = !routing.isDisjoint(
                with: ReadIntents.calendarWords.union(["call", "sync", "standup", "appointment", "1:1", "huddle", "check-in"]))
            // "Book a 1:1 with marta@… tomorrow": a schedule verb with a day and someone to meet is an event,
            // its time asked for if missing ("book me a flight … next Tuesday" is not).
            // "block 2 hours for 'deep work' starting in 2 hours": a start from now is a time too.
            let dated =
                PromptText.timeOfDay(in: clause.text) != nil || PromptText.delay(in: clause.text) != nil
                || (PromptText.day(in: clause.text, now: request.now) != nil && !PromptText.emails(in: clause.text).isEmpty)
            // "book a 1:1 with ravi@…": someone to meet is an event too, its time asked for.
            let meets =
                ["book", "schedule", "arrange", "set up"].contains(clause.verb ?? "")
                && (!PromptText.emails(in: clause.text).isEmpty || clause.text.contains("1:1"))
            // "block tomorrow 9 to 5 for offsite", "hold Friday from 10 to 2": time kept free is an event in the calendar.
            let blocksTime =
                ["block", "hold", "reserve"].contains(clause.verb ?? "")
                && (PromptText.timeRange(in: clause.text) != nil || PromptText.day(in: clause.text, now: request.now) != nil
                    || PromptText.delay(in: clause.text) != nil)
            if calendarish || clause.kind == .schedule && (dated || meets || blocksTime) {
                return event(clause, request, after: steps)
            }
            if !words.isDisjoint(with: ["deal", "deals", "opportunity"]) { return deal(clause, request) }
            if !words.isDisjoint(with: ["contact", "contacts", "lead", "leads", "person", "hubspot", "crm"]) {
                return contact(clause, request, after: steps)
            }
            return .cannot("no tool here can \(clause.verb ?? "do") that")
        case .read, .unsupported:
            return .cannot("no tool here can \(clause.verb ?? "do") that")
        }
    }

    /// "create a doc …", "put all customers in customers.csv": a create or schedule verb whose object is a file.
    static func savesFile(_ clause: PromptClause) -> Bool {
        [.create, .schedule].contains(clause.kind)
            && (PromptText.fileName(in: clause.text) != nil || !clause.words.isDisjoint(with: ["drive", "file", "document", "doc"]))
    }

    /// The text a clause gives to send, or nil ("post it", "let #sales know").
    static func literalMessage(_ clause: PromptClause) -> (subject: String?, body: String?) {
        let quoted = PromptText.quotedTexts(in: clause.text)
        let lower = clause.text.lowercased()
        var subject: String?
        // "the link to the file called 'P1 RCA - payments outage'": a file's name, not what to say.
        var bodies = quoted.filter { quote in
            !lower.ranges(of: quote.lowercased()).contains {
                lower[..<$0.lowerBound].rangeOfMatch(
                    of:
                        #"(?:(?:file|doc|document|spreadsheet|sheet|deck|folder|report|presentation)\s+(?:called|named|titled)|link\s+(?:to|for))\s+["'“‘]$"#
                ) != nil
            }
        }
        // "the Q3 numbers email — subject 'Q3 numbers'": the quote's own place, not the same words earlier.
        // "the subject is 'Riunione' and say him …": a subject stated in words, quoted.
        if let first = quoted.first,
            lower.ranges(of: first.lowercased()).contains(where: {
                lower[..<$0.lowerBound].hasSuffix("subject \"") || lower[..<$0.lowerBound].hasSuffix("subject '")
            }) || PromptText.statedSubject(in: clause.text) == first
        {
            subject = first
            bodies.removeFirst()
        }
        // "subject Lunch body see you at noon": both labels, without colons.
        let pair = clause.text.range(of: "subject ", options: .caseInsensitive).flatMap { label in
            clause.text.range(of: " body ", options: .caseInsensitive, range: label.upperBound..<clause.text.endIndex).map {
                (clause.text[label.upperBound..<$0.lowerBound], clause.text[$0.upperBound...])
            }
        }
        // "with subject Lunch tomorrow and body …": the word joining the labels is in neither.
        let joined = pair.map { pair in
            pair.0.split(separator: " ").reversed().drop { ["and", "with", "&"].contains($0.lowercased()) }.reversed().joined(
                separator: " "
            )
            .trimmingCharacters(in: CharacterSet(charactersIn: ", "))
        }
        if subject == nil, !lower.contains("subject:"), let pair, let joined, !joined.isEmpty, !pair.1.isEmpty { subject = joined }
        // "the subject of my latest email", "email its subject line to …": a field of a message read, not one to send.
        let relayed =
            lower.rangeOfMatch(of: #"\b(?:its|his|her|their)\s+subject\b|\bsubject(?:\s+line)?\s+of\b"#) != nil
        if subject == nil, !relayed {
            subject = PromptText.labelled("subject", in: clause.text) ?? PromptText.statedSubject(in: clause.text)
        }
        if subject == nil, lower.contains("subject"), !relayed { subject = ReadIntents.topic(in: clause.text, after: ["subject"]) }
        if subject == nil { subject = ReadIntents.topic(in: clause.text, after: ["titled", "entitled"]) }
        // "subject Quotation saying please find …": the subject ends where what it says begins (it was all the subject).
        subject = subject?.replacingMatches(of: #"(?i)\s+(?:saying|that\s+says|and\s+say|and\s+tell\s+(?:him|her|them))\b.*$"#, with: "")
        // "email john@… re: contract renewal, say …": what it is about, as mail writes it.
        if subject == nil, let regarding = ReadIntents.topic(in: clause.text, after: ["re", "regarding"]) {
            subject = regarding.capitalizedFirst
        }
        if subject == nil, let about = ReadIntents.topic(in: clause.text, after: ["about"]) { subject = about.capitalizedFirst }
        // "subj: Q4 numbers, msg: attached are …": "message:" and "text:" label the body too.
        var body =
            bodies.first ?? ["body", "message", "text"].lazy.compactMap { PromptText.labelled($0, in: clause.text) }.first
            ?? pair.map { String($0.1) }
        // "… saying new mockups are in Figma": after "saying" the words are the message, whatever they open with.
        let said = [" saying ", " that says ", " to say ", " with the message ", " with the text "].contains {
            lower.contains($0)
        }
        // "let them know at r.okoye@…": where it goes is no message.
        if body == nil, let text = PromptText.messageText(in: clause.text), !onlyLeftovers(text), !startsWithVerb(text) || said,
            said || (!namesRecordField(clause.text) && !ReadAsContent.names(text, in: clause.text))
        {
            body = text
        }
        if body == nil { body = PromptText.reportedMessage(in: clause.text) }
        if body == nil, clause.verb == "let", let know = clause.text.range(of: " know ", options: .caseInsensitive) {
            let after = clause.text[know.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " :"))
            let text = after.lowercased().hasPrefix("that ") ? String(after.dropFirst(5)) : after
            if !text.isEmpty, !text.lowercased().hasPrefix("about"), !startsWithVerb(text), !ReadAsContent.names(text, in: clause.text) {
                body = text
            }
        }
        let addressee = clause.text.range(of: "#") ?? PromptText.emails(in: clause.text).first.flatMap { clause.text.range(of: $0) }
        if body == nil, ["tell", "notify", "ping"].contains(clause.verb ?? ""), let addressee {
            let after = clause.text[addressee.lowerBound...].drop { !$0.isWhitespace }.trimmingCharacters(in: .whitespaces)
            // "ping #eng with the weather in berlin": what follows "with" is read, not said.
            if !after.isEmpty, !startsWithVerb(after), !["about", "on ", "with ", "of "].contains(where: after.lowercased().hasPrefix),
                !ReadAsContent.names(after, in: clause.text)
            {
                body = after
            }
        }
        // "let the team know in #sales", "let ann@… know by email", "tell her about it": where and how, no words to say.
        if let text = body, bodies.isEmpty, onlyLeftovers(text) { body = nil }
        // "tell her what the weather is in Oslo": the answer, read, not the question.
        // "let #billing-ops know what it is", "tell him what they said": what was read, pointed back at (the words were posted).
        if let text = body, bodies.isEmpty, !said,
            ReadAsContent.asksRead(text)
                || text.rangeOfMatch(
                    of: #"(?i)^(?:what|how|which|where|when|who)\s+(?:it|they|that|this|those|these|he|she)(?:'s|’s|\s+(?:is|are|was|were|"#
                        + #"says?|said|shows?|showed|looks?|came\s+back|comes\s+back|reads?))?[\s.!?]*$"#) != nil
                // "tell #finance how much it came to and whether it's been paid yet": its figures and state.
                || text.rangeOfMatch(of: #"(?i)^(?:(?:and\s+)?(?:"# + Self.figureAsked + #"|"# + Self.stateAsked + #")\s*){1,2}[.!?]*$"#)
                    != nil
        {
            body = nil
        }
        // The text as written, its final "!", "?" or "." included; only the quotes around it go.
        if let text = body, bodies.isEmpty, clause.text.hasSuffix(text) { body = text + clause.ending }
        // "email roadmap.pdf to ann@…", "send the details of "Meeting notes.txt" to #eng": a file is what is sent, read
        // from Drive (its name went as the message).
        if let text = body, !said, namesFile(text) { body = nil }
        return (subject, body.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) })
    }

    /// "how much it came to", "how much they owe": a figure of what was read.
    static let figureAsked =
        #"how\s+much\s+(?:it|they|that|this)\s+(?:came\s+to|comes?\s+to|is|was|costs?|totals?|totaled|owes?|adds?\s+up\s+to)"#
    /// "whether it's been paid yet", "if it is overdue": a state of what was read.
    static let stateAsked =
        #"(?:whether|if)\s+(?:it|they|that|this)(?:['’]s|\s+(?:is|was|has|have|are|were))?\s+(?:been\s+)?"#
        + #"(?:paid|settled|overdue|due|open|closed|active|cancell?ed)(?:\s+(?:yet|already|or\s+not))?"#

    /// "roadmap.pdf", "the file "Meeting notes.txt"", "the details of budget.xlsx": words that only name a file.
    static func namesFile(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: " \"'“”.!?"))
        // Not the opening word: "Q3 Report.pdf" is one name.
        guard let name = PromptText.fileName(in: "the " + trimmed) else { return false }
        let rest = trimmed.replacingOccurrences(of: name, with: "").replacingMatches(
            of: #"[\"'“”]"#, with: "")
        let filler: Set<String> = [
            "the", "file", "our", "my", "details", "detail", "of", "info", "information", "about", "on", "doc", "document",
        ]
        return PromptText.words(rest).isSubset(of: filler)
    }

    /// "the Globex - Pilot deal amount", "the amount of the Acme deal": a field of a record the prompt names,
    /// which is read and sent, not words to send ("Pilot deal amount" was emailed).
    static let recordField = try? NSRegularExpression(
        pattern:
            #"\bthe\s+(?:[A-Z][^,;.!?]*?\s(?:deal|invoice|subscription|contact)(?:'s)?\s+(?:amount|stage|close date|value|total|status|phone|email|plan)|(?:amount|stage|close date|value|total|status)\s+of\s+the\s+[A-Z][^,;.!?]*?\s(?:deal|invoice|subscription))\b"#
    )

    static func namesRecordField(_ text: String) -> Bool {
        recordField?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// "slack general: …" → "general": the word between a chat verb and a colon.
    static func labelledChannel(in text: String) -> String? {
        let tokens = text.split(whereSeparator: \.isWhitespace)
        guard let verb = tokens.firstIndex(where: { $0.lowercased() == "slack" }), verb + 1 < tokens.count,
            tokens[verb + 1].hasSuffix(":"), tokens[verb + 1].dropLast().allSatisfy({ $0.isLetter || $0.isNumber || "-_".contains($0) })
        else { return nil }
        return tokens[verb + 1].dropLast().lowercased()
    }

    /// "post hello to #general": the words between the verb and where they go, when nothing was read to
    /// carry instead and they name no records ("post an update …" still asks for the text).
    static func bareMessage(_ clause: PromptClause) -> String? {
        let tokens = clause.text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let verb = clause.verb, let start = tokens.firstIndex(where: { $0.lowercased() == verb }) else { return nil }
        let words = tokens[(start + 1)...].prefix { !["to", "in", "on", "into"].contains($0.lowercased()) }
        let rest = tokens[(start + 1 + words.count)...]
        // "post in #general the office is closed friday": where, then what it says.
        if words.isEmpty, let said = saidAfterChannel(Array(rest), verb: verb) { return said }
        // "tell everyone in #random": whom it is for, not what it says.
        let generic: Set<String> = [
            "something", "anything", "message", "note", "update", "summary", "msg", "post", "reminder", "them", "everyone", "everybody",
            "all", "folks", "people", "team", "guys", "y'all",
        ]
        guard let first = words.first?.lowercased(), !PromptClauses.objectWords.contains(first), !generic.contains(first),
            words.count <= 12, !words.contains(where: { $0.hasPrefix("#") || $0.contains("@") }),
            rest.dropFirst().first.map({ $0.hasPrefix("#") || $0.contains("@") }) == true
        else { return nil }
        return words.joined(separator: " ")
    }

    /// "post hello there", "post deploy done": the words after the verb of a post whose channel an earlier part
    /// named.
    static func saidWithoutDestination(_ clause: PromptClause) -> String? {
        let tokens = clause.text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let verb = clause.verb, let start = tokens.firstIndex(where: { $0.lowercased() == verb }) else { return nil }
        var words = Array(tokens[(start + 1)...])
        while let last = words.last?.lowercased().trimmingCharacters(in: .punctuationCharacters), ["there", "too"].contains(last) {
            words.removeLast()
        }
        guard let first = words.first?.lowercased(), !PromptClauses.objectWords.contains(first), words.count <= 12,
            !["it", "them", "a", "an", "the", "this", "that", "in", "to", "on", "there"].contains(first)
        else { return nil }
        return words.joined(separator: " ")
    }

    /// "in #general the office is closed friday", "in general happy holidays everyone" (a chat verb's channel
    /// needs no "#"): the words after the channel, when they are a message rather than what to read or a topic.
    static func saidAfterChannel(_ rest: [String], verb: String) -> String? {
        guard rest.count >= 4, ["in", "to", "on"].contains(rest[0].lowercased()), let channel = channelWord(rest[1], verb: verb)
        else { return nil }
        let said = rest.dropFirst(2)
        let opening: Set<String> = ["about", "that", "saying", "what", "how", "when", "and", "then", "if", "via", "using", "through"]
        guard channel.count > 1, said.count >= 2, said.count <= 40, let first = said.first?.lowercased(), !opening.contains(first),
            !PromptClauses.prepositions.contains(first), !onlyLeftovers(said.joined(separator: " ")),
            !said.contains(where: { $0.hasPrefix("#") || $0.contains("@") })
        else { return nil }
        return said.joined(separator: " ")
    }

    /// "#general", or "general" after a chat verb: a channel named right after "in"/"to".
    static func channelWord(_ token: String, verb: String) -> String? {
        let word = token.lowercased()
        if word.hasPrefix("#") { return String(word.dropFirst()) }
        let generic: Set<String> = [
            "me", "us", "everyone", "slack", "chat", "team", "channel", "it", "them", "there", "here", "email", "the", "a", "an", "our",
            "my",
            "this", "that",
        ]
        guard ["post", "slack"].contains(verb), word.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }), !generic.contains(word),
            !PromptClauses.objectWords.contains(word)
        else { return nil }
        return word
    }

    /// "post in general the office is closed friday": the channel right after the verb, when a message follows.
    static func leadingBareChannel(_ clause: PromptClause) -> String? {
        let tokens = clause.text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let verb = clause.verb, let start = tokens.firstIndex(where: { $0.lowercased() == verb }) else { return nil }
        let rest = Array(tokens[(start + 1)...])
        // "post in general that the coffee machine is fixed": what follows "that" is the message.
        let saysThat =
            rest.count >= 4 && ["in", "to", "on"].contains(rest[0].lowercased()) && ["that", "saying"].contains(rest[2].lowercased())
        guard saysThat || saidAfterChannel(rest, verb: verb) != nil else { return nil }
        return channelWord(rest[1], verb: verb)
    }

    /// A post that also sends by email ("… to #random and to me at me@…", "post it in #ops and email ana@…"): the addresses
    /// written as destinations, that is after "to" or an email verb a few words before; an address the message
    /// speaks of ("post in #sales that ann@… signed") is no destination.
    static func bothDestinationsRecipients(_ clause: PromptClause, _ emails: [String]) -> String? {
        let lower = clause.text.lowercased()
        let destinations = emails.filter { address in
            guard let at = lower.range(of: address.lowercased()) else { return false }
            let before = lower[..<at.lowerBound].split { !$0.isLetter && $0 != "-" }.suffix(4).map(String.init)
            // "tell ana@… and #sales": a verb that names whom it tells, right before the address.
            return !Set(before).isDisjoint(with: ["to", "email", "e-mail", "mail", "emailing", "cc"]) && !before.contains("from")
                || ["tell", "notify", "ping", "inform", "update", "message"].contains(before.last ?? "")
        }
        return destinations.isEmpty ? nil : destinations.joined(separator: ", ")
    }

    /// "email ann@…", "post in #sales", "send it to ann@… by email" has an object; these have none.
    static func sendsOnlyWhere(_ clause: PromptClause) -> Bool {
        guard ["email", "mail", "e-mail", "send", "message", "post", "dm", "slack"].contains(clause.verb ?? "") else { return false }
        let words = clause.text.lowercased().split(whereSeparator: \.isWhitespace).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:!?\"'()"))
        }
        let destination: Set<String> = ["to", "in", "on", "at", "me", "us", "via", "slack", "email", "gmail", "channel", "an", "a", "the"]
        return words.dropFirst().allSatisfy { $0.hasPrefix("#") || $0.contains("@") || destination.contains($0) }
            && words.first == clause.verb
    }

    /// Words that say where or how a message goes, or point back at what was read, and nothing it says.
    static func onlyLeftovers(_ text: String) -> Bool {
        let leftovers: Set<String> = [
            "it", "them", "this", "that", "those", "these", "about", "by", "email", "mail", "e-mail", "slack", "chat", "the", "team",
            "channel", "over", "too", "also", "as", "well", "via", "list", "everyone", "here", "there", "know", "please",
            // "ping #general when done": when, not what.
            "when", "once", "done", "finished",
        ]
        // An address keeps its dots ("r.okoye@studio-9.example").
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).flatMap { token in
            token.contains("@") ? [String(token)] : token.split { ",.!?;:".contains($0) }.map(String.init)
        }
        return !words.isEmpty
            && words.allSatisfy {
                leftovers.contains($0) || PromptClauses.prepositions.contains($0) || $0.hasPrefix("#") || $0.contains("@")
                    || ["to", "me", "us", "him", "her"].contains($0)
            }
    }

    static func startsWithVerb(_ text: String) -> Bool {
        let first = text.lowercased().split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
        return PromptClauses.actionVerbs[first] != nil || ["know", "them", "it"].contains(first)
    }

    static func isAction(_ step: PlannedStep, _ catalog: ToolCatalog) -> Bool {
        catalog.tool(step.tool)?.capability(step.capability)?.sideEffect == true
    }

    /// "save the deals to Drive as deals.csv and share the file with ben@…": the file just uploaded, not the Drive.
    static func uploadedFile(_ clause: PromptClause, after steps: [PlannedStep]) -> JSONInput? {
        guard !clause.words.isDisjoint(with: ["file", "file's"]), let upload = steps.lastIndex(where: { $0.capability == "upload_file" })
        else { return nil }
        // "post the file name in #finance": its name; "email that file to cfo@…": what it holds, not its name
        // and modified time.
        if !clause.words.isDisjoint(with: ["name", "filename"]) { return .template("{{\(upload)|summary}}") }
        return steps[upload].input["content"] ?? .template("{{\(upload)|summary}}")
    }

    static let sentRecordNouns: Set<String> = [
        "invoices", "deals", "contacts", "customers", "subscriptions", "events", "meetings", "files", "leads", "subs",
    ]

    /// "post it in #travel with a note: …", "email them to ann@… saying …": the object is what an earlier step read, right
    /// after the verb and before where it goes.
    static func pointsBack(_ clause: PromptClause) -> Bool {
        let tokens = clause.text.lowercased().split(whereSeparator: \.isWhitespace).map {
            $0.trimmingCharacters(in: .punctuationCharacters)
        }
        guard tokens.count > 2, ["it", "them", "that", "those", "these", "this", "everything"].contains(tokens[1]) else { return false }
        return ["to", "in", "into", "on", "over", "with"].contains(tokens[2]) || tokens[2].hasPrefix("#")
    }

    /// "email *the unpaid invoices* to ar@… and ask them to chase Emma": records named before where they go,
    /// in a send that also says something; they are read and sent with what it says.
    static func sentRecords(_ clause: PromptClause) -> String? {
        let tokens = clause.text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard
            let to = tokens.indices.dropFirst(2).first(where: {
                ["to", "in", "into", "with"].contains(tokens[$0].lowercased()) && $0 + 1 < tokens.count
                    && (tokens[$0 + 1].contains("@") || tokens[$0 + 1].hasPrefix("#"))
            })
        else { return nil }
        let object = tokens[1..<to]
        let words = object.map { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) }
        // "share last month's paid invoice total with #finance - say it's for the April close": a figure of records, of a
        // period, is read too (the note alone was posted).
        let period =
            words.first { !["last", "this"].contains($0) }?.rangeOfMatch(
                of: #"^(?:today|yesterday|week|month|quarter|year|[a-z]+day)['’]s$"#) != nil
        let figure =
            !Set(words).isDisjoint(with: ["total", "sum", "count"])
            && !Set(words).isDisjoint(with: ["invoice", "deal", "payment", "subscription", "refund", "invoices", "deals", "payments"])
        guard let first = words.first, ["the", "all", "our", "my", "today's"].contains(first) || period,
            words.contains(where: sentRecordNouns.contains) || figure
        else { return nil }
        return object.joined(separator: " ")
    }

    /// The earlier output a message or file carries: the last read, else the last step; an action taken
    /// after the last read (a refund, an update, a created record) is what a message after it reports.
    static func content(after steps: [PlannedStep], catalog: ToolCatalog) -> JSONInput? {
        // A lookup (the channel posted to, a place's coordinates) only says where; it is never the content.
        let isRead = { (step: PlannedStep) in
            catalog.tool(step.tool)?.capability(step.capability)?.sideEffect != true
                && !(step.capability == "find_channel" || step.capability == Weather.geocode)
        }
        guard var index = steps.lastIndex(where: isRead) ?? steps.indices.last else { return nil }
        // "refund Diego's last invoice, then let #support know": the refund, not the invoice it was read from.
        if let acted = steps.indices.last(where: {
            !isRead(steps[$0]) && !["post_message", "send_message", "find_channel", Weather.geocode].contains(steps[$0].capability)
        }), acted > index {
            index = acted
        }
        // "Get the coordinates of Reykjavik and post them in #travel": the place as it was found (its name alone was posted).
        if steps[index].capability == "find_channel" || steps[index].capability == Weather.geocode,
            let place = steps.lastIndex(where: { $0.capability == Weather.geocode })
        {
            return .template(
                "{{\(place).name}}, {{\(place).country}}: latitude {{\(place).latitude}}, longitude {{\(place).longitude}}, "
                    + "time zone {{\(place).timezone}}")
        }
        if steps[index].capability == "create_refund" {
            return .template(
                "Refunded {{\(index).amount|money}} {{\(index).currency|upper}} of payment {{\(index).payment_intent}} "
                    + "(status {{\(index).status}}).")
        }
        // "… save it to Drive as notes.txt, then email it to me@…": what the file holds.
        if steps[index].capability == "upload_file", let content = steps[index].input["content"] { return content }
        // "bump the Hooli deal to 120k and let #sales know": the record as the update left it, not as it was read.
        if let changed = steps.indices.last(where: {
            $0 > index && steps[$0].capability.hasPrefix("update_")
                && steps[$0].input["id"]?.referencedStep == index
        }) {
            index = changed
        }
        // "tell ben@… the deal closed and post it in #sales": "it" is the message already written.
        if !isRead(steps[index]), let said = writtenText(of: steps[index]) { return .literal(.string(said)) }
        if steps[index].tool == "payments", steps[index].capability == "latest_invoice" {
            return .template(
                "Latest invoice {{\(index).number}} for {{\(index).customer_name}}: {{\(index).amount_due|money}} {{\(index).currency|upper}}, "
                    + "status {{\(index).status}}, due {{\(index).due_date|date}}.")
        }
        // "read the newest message in #support and repost it in #escalations": that one message's own words, as
        // written (its record as a line was posted, "- text: …").
        if steps[index].capability == "list_messages", singleRead(steps[index]) { return .template("{{\(index).0.text}}") }
        // "the weather in Paris and London": every read like the last one, not just the last.
        let alike = steps.indices.filter { steps[$0].tool == steps[index].tool && steps[$0].capability == steps[index].capability }
        return .template(alike.map { weatherLine(steps, $0) ?? "{{\($0)|summary}}" }.joined(separator: "\n"))
    }

    /// The name of the record the last create step made, as the prompt gave it.
    static func createdName(_ steps: [PlannedStep]) -> String? {
        guard let made = steps.last(where: { $0.capability.hasPrefix("create_") }) else { return nil }
        let literal = { (key: String) -> String? in
            if case .literal(.string(let value))? = made.input[key] { return value }
            guard case .literal(.object(let properties))? = made.input["properties"], case .string(let value)? = properties[key] else {
                return nil
            }
            return value
        }
        switch made.capability {
        case "create_contact":
            let name = [literal("firstname"), literal("lastname")].compactMap { $0 }.joined(separator: " ")
            return name.isEmpty ? literal("email") : name
        case "create_deal": return literal("dealname")
        case "create_event": return literal("summary")
        default: return nil
        }
    }

    /// A read of one record: one asked for, or kept to the newest or oldest one.
    static func singleRead(_ step: PlannedStep) -> Bool {
        step.input["limit"] == .literal(.number(1)) || step.input["maxResults"] == .literal(.number(1))
            || (step.keep ?? []).contains { [.highest, .lowest].contains($0.op) }
    }

    /// "Berlin: Partly cloudy, 1.3 °C, humidity 70 %, wind 4 km/h": the conditions a person reads,
    /// with the place they are for (two places in one message are told apart) and their units.
    static func weatherLine(_ steps: [PlannedStep], _ index: Int) -> String? {
        guard steps[index].capability == Weather.current, let place = steps[index].input["latitude"]?.referencedStep else { return nil }
        return "{{\(place).name}}: {{\(index).conditions}}, {{\(index).temperature}} °C, humidity {{\(index).humidity}} %, "
            + "wind {{\(index).wind_speed}} km/h"
    }

    /// "Save … to Drive as overdue-subs.csv and tell #support when it's done": the file saved, not what it holds.
    static func uploadReport(after steps: [PlannedStep]) -> JSONInput? {
        guard let upload = steps.lastIndex(where: { $0.capability == "upload_file" }),
            !steps[(upload + 1)...].contains(where: { !["find_channel", "post_message", "send_message"].contains($0.capability) })
        else { return nil }
        guard case .literal(.string(let name))? = steps[upload].input["name"] else {
            return .template("Saved {{\(upload).name}} to Drive.")
        }
        return .literal(.string("Saved \(name) to Drive."))
    }

    /// The text an earlier send or post carries when it was written out in the prompt.
    static func writtenText(of step: PlannedStep) -> String? {
        guard case .literal(.string(let value))? = step.input["text"] ?? step.input["raw"] else { return nil }
        guard step.capability == "send_message" else { return value }
        let message = Base64URL.decodedText(value)?.components(separatedBy: "\r\n\r\n")
        return message.flatMap { $0.count > 1 ? $0.dropFirst().joined(separator: "\r\n\r\n") : nil }
    }

    /// "send the total amount due across the unpaid invoices to #finance", "email cfo@… the total of our open deals":
    /// what the records read come to (`{{N|total:…}}`), not how many there are, nor each of them.
    static func sentTotal(_ request: PlanningRequest, after steps: [PlannedStep]) -> JSONInput? {
        let prompt = request.prompt.lowercased()
        let says = { (phrases: [String]) in phrases.contains { prompt.rangeOfMatch(of: "\\b\($0)\\b") != nil } }
        guard says(AggregateQuestions.summing + AggregateQuestions.summingAll) || says(["total", "sum"]),
            !says(["how many", "number of", "count", "total number"]),
            let read = steps.lastIndex(where: { $0.capability.hasPrefix("list_") || $0.capability.hasPrefix("search_") }),
            let declared = request.catalog.tool(steps[read].tool)?.capability(steps[read].capability)?.fields,
            let field = AggregateQuestions.amount(in: declared, prompt: prompt), let path = field.paths.first
        else { return nil }
        let filter = field.description?.lowercased().contains("in cents") == true ? "total_cents" : "total"
        let label = field.name.replacingOccurrences(of: "_", with: " ")
        return .template("Total \(label) of \(title(of: steps[read]).lowercased()) ({{\(read)|count}}): {{\(read)|\(filter):\(path)}}")
    }

    static func title(of step: PlannedStep?) -> String {
        guard let step else { return neutralSubject }
        // An action's subject says what was done with what: "deals.csv", "Deal updated", not "Upload file".
        switch step.capability {
        case "upload_file":
            return step.input["name"].flatMap { if case .literal(.string(let name)) = $0 { name } else { nil } } ?? "File saved"
        case "create_event":
            return step.input["summary"].flatMap { if case .literal(.string(let title)) = $0 { title } else { nil } } ?? "New event"
        case "update_deal", "update_contact", "create_deal", "create_contact":
            let noun = step.capability.hasSuffix("deal") ? "Deal" : "Contact"
            return step.capability.hasPrefix("update") ? "\(noun) updated" : "New \(noun.lowercased())"
        case "create_refund": return "Refund issued"
        // "post 'deploy done' in #eng and email ann@…": the same note, not "Post message".
        case "post_message", "send_message": return neutralSubject
        default: break
        }
        let words = step.capability.split(separator: "_").map(String.init)
        let noun = (["list", "search", "find", "create", "current", "read"].contains(words.first ?? "") ? words.dropFirst() : words[...])
        // "current" (the weather) names no records: the tool does.
        return noun.isEmpty ? step.tool.capitalizedFirst : noun.joined(separator: " ").capitalizedFirst
    }

    // MARK: send / post

    static func deliver(_ clause: PromptClause, _ request: PlanningRequest, after steps: [PlannedStep]) -> Outcome {
        let words = clause.words
        let sources = PromptText.sourceChannels(in: clause.text)
        // "Post this in #general: "… the rota is pinned in #ops."": a channel the message mentions is no destination.
        let unquoted = PromptText.quotedTexts(in: clause.text).reduce(clause.text) { $0.replacingOccurrences(of: $1, with: " ") }
        let destinations = PromptText.channels(in: unquoted)
        var channels = (destinations.isEmpty ? PromptText.channels(in: clause.text) : destinations).filter { !sources.contains($0) }
        if let named = ReadIntents.channelWord(in: unquoted), !channels.contains(named) { channels.append(named) }
        // "post "…" to random": a chat verb's destination is a channel even without "#".
        // Not a place an earlier step looks up: in "post the weather in Valparaíso" the place is what is posted.
        if channels.isEmpty, ["post", "slack"].contains(clause.verb ?? ""),
            let bare = PromptText.bareChannel(in: clause.text) ?? leadingBareChannel(clause),
            !steps.contains(where: {
                $0.capability == "geocode" && $0.input["name"]?.resolved(outputs: [:])?.stringValue?.lowercased() == bare
            })
        {
            channels.append(bare)
        }
        // "slack general: deploy is done"
        if channels.isEmpty, clause.verb == "slack", let named = labelledChannel(in: clause.text) { channels.append(named) }
        // "find the engineering channel and post hello (there)": the channel an earlier part found, or (a part that
        // only names a channel plans no step of its own) the one channel the prompt names.
        if channels.isEmpty, ["post", "slack"].contains(clause.verb ?? ""), PromptText.emails(in: clause.text).isEmpty {
            if case .literal(.string(let name))? = steps.last(where: { $0.capability == "find_channel" })?.input["name"] {
                channels.append(name)
            } else if case let named = PromptText.channels(in: request.prompt), named.count == 1 {
                channels += named
            }
        }
        // … so the words after the verb are the message, with no destination after them.
        let postsElsewhere =
            ["post", "slack"].contains(clause.verb ?? "") && !channels.isEmpty && !clause.text.contains("#")
            && ReadIntents.channelWord(in: clause.text) == nil && PromptText.emails(in: clause.text).isEmpty
        // "Email me the subject of my latest email from kwame@…": whom the read email came from is no recipient (it was sent
        // to him).
        let emails = PromptText.emails(in: clause.text).filter { address in
            clause.text.rangeOfMatch(
                of: #"(?i)\b(?:from|by)\s*:?\s*"# + NSRegularExpression.escapedPattern(for: address))
                == nil
        }
        let byEmail =
            ["email", "emial", "mail", "write", "e-mail"].contains(clause.verb ?? "") || !emails.isEmpty
            || !words.isDisjoint(with: ["email", "gmail", "e-mail"])
        // "… with the subject 'Partnerships channel topic'": a word of the message's own text says nowhere to post.
        let byChat = !channels.isEmpty || !PromptText.words(unquoted).isDisjoint(with: ["slack", "chat", "channel"])
        var message = literalMessage(clause)
        if message.subject == nil { message.subject = PromptText.statedSubject(in: request.prompt) }
        var body =
            message.body.map { JSONInput.literal(.string($0)) }
            ?? (postsElsewhere ? saidWithoutDestination(clause).map { .literal(.string($0)) } : nil) ?? uploadedFile(clause, after: steps)
            ?? content(after: steps, catalog: request.catalog)
            ?? bareMessage(clause).map { .literal(.string($0)) }
        // "Look up how many members #design has and email the number to …": the count found (the channel's summary was sent).
        if case .template(let template)? = body, let channel = steps.lastIndex(where: { $0.capability == "find_channel" }),
            template.hasSuffix("{{\(channel)|summary}}") || template == "{{\(channel)|summary}}",
            request.prompt.rangeOfMatch(of: #"(?i)\bhow\s+many\s+(?:members|people|users)\b|\bmember\s+count\b|\bheadcount\b"#) != nil
        {
            body = .template("#{{\(channel).0.name}} has {{\(channel).0.num_members}} members.")
        }
        // "… export them to Drive as contacts.csv, and email the file link to kira@…": the saved file's link (its CSV went).
        if message.body == nil, !clause.words.isDisjoint(with: ["link", "links", "url"]),
            let upload = steps.lastIndex(where: { $0.capability == "upload_file" }),
            !steps[(upload + 1)...].contains(where: { !["find_channel", "post_message", "send_message"].contains($0.capability) })
        {
            body = .template("{{\(upload).name}}: {{\(upload).webViewLink}}")
        }
        // "refund pi_… in full and let #support know it's done": what was done, as the refund reports it ("it's done" alone
        // told nobody what).
        if case .literal(.string(let said))? = body,
            said.rangeOfMatch(
                of:
                    #"^(?i:(?:that\s+|when\s+|once\s+|after\s+)?(?:it['’]?s|it\s+is|it\s+has|it['’]s\s+been|it\s+has\s+been|it\s+was|this\s+is|all)?\s*"#
                    + #"(?:done|complete|completed|finished|sorted|handled|processed|through|gone\s+through|taken\s+care\s+of))[.!]*$"#)
                != nil,
            steps.contains(where: { isAction($0, request.catalog) && !["post_message", "send_message"].contains($0.capability) }),
            let report = uploadReport(after: steps) ?? content(after: steps, catalog: request.catalog)
        {
            switch report {
            case .template(let text): body = .template("Done: " + text)
            case .literal(.string(let text)): body = .literal(.string("Done: " + text))
            default: body = report
            }
        }
        // "create contact for Raj Patel … and post in #sales that he's been added": who was added ("he's been added" was
        // posted).
        if case .literal(.string(let said))? = body, let named = createdName(steps),
            let pronoun = said.rangeOfMatch(
                of: #"^(?i:he|she|they|it)(?=(?:'s|’s|'ve|’ve|\s+(?:is|was|has|have|are|were|got|gets|just|now)\b))"#)
        {
            // Said of the record by its name: "Raj Patel has been added", not "Raj Patel's been added".
            let rest = String(said[pronoun.upperBound...]).replacingMatches(
                of: #"^(?:'s|’s)(?=\s+(?:been|got|just)\b)"#, with: " has"
            ).replacingMatches(of: #"^(?:'s|’s)"#, with: " is").replacingMatches(of: #"^(?:'ve|’ve|\s+have)\b"#, with: " has")
                .replacingMatches(of: #"^\s+are\b"#, with: " is").replacingMatches(of: #"^\s+were\b"#, with: " was")
            body = .literal(.string(named + rest))
        }
        // "Save them to Drive as pipeline.csv, then email them to ceo@…", "… and ping #general when done": a
        // message carries the records saved as readable lines, not the file's CSV (its columns are the
        // provider's), unless it asks for the CSV or the file.
        if message.body == nil, clause.words.isDisjoint(with: ["csv", "file"]), case .template(let saved)? = body,
            saved.hasSuffix("|csv}}")
        {
            body = .template(saved.replacingOccurrences(of: "|csv}}", with: "|summary}}"))
        }
        // "Update the X deal to contract sent, then email ann@…": after an action, a send that says only where
        // it goes has nothing to carry but what it says, which is asked ("let #sales know" tells the record).
        // After a post or a send ("… -> #travel-desk, and email to ops@…") it carries the same content.
        if message.body == nil, sendsOnlyWhere(clause), let last = steps.last, isAction(last, request.catalog),
            !["post_message", "send_message"].contains(last.capability)
        {
            body = nil
        }
        // "Create a contact for Zoë Clarke … and send her a welcome email with the subject 'Welcome aboard'": a message
        // of its own after a record was made names no content; its words are asked for (the record went as the body).
        if message.body == nil, let last = steps.last(where: { $0.capability != "find_channel" }), last.capability.hasPrefix("create_"),
            clause.text.rangeOfMatch(
                of: #"(?i)\b(?:a|an)\s+(?:[\w'-]+\s+){1,2}(?:e-?mail|message|note)\b"#) != nil,
            clause.words.isDisjoint(with: [
                "it", "its", "details", "detail", "record", "info", "information", "summary", "them", "contact", "deal", "event",
                "meeting", "data", "link", "file",
            ])
        {
            body = nil
        }
        // "tell #general how many there are": the number of records read, not those words.
        // "post how many there are", "How many unread emails do I have? Post the number", "Count the open deals and post it".
        let prompt = request.prompt.lowercased()
        // "post the open deals count": the count after what is counted too.
        // "email the number and amount due of the latest invoice": an invoice's number, a field of the record.
        let counted =
            ["the count", "the total number", "a count", "how many", "the total"].contains { clause.text.lowercased().contains($0) }
            || clause.text.rangeOfMatch(of: #"(?i)\bthe number(?!\s+and\b|\s*,)"#) != nil
            || clause.words.contains("count")
            || ((prompt.contains("how many") || prompt.hasPrefix("count ") || prompt.contains(" count the "))
                && !clause.words.isDisjoint(with: ["it", "that", "number", "count", "total"]))
        // "tell #hiring the number": the words only point at it.
        let pointer = ["the number", "the count", "the total number", "that number", "the figure"].contains(
            message.body?.lowercased().trimmingCharacters(in: .punctuationCharacters) ?? "")
        if message.body?.lowercased().hasPrefix("how many") == true || (counted && (message.body == nil || pointer)),
            let read = steps.lastIndex(where: { !isAction($0, request.catalog) && $0.capability != "find_channel" }),
            // One record read ("the latest invoice") has no count.
            !["latest_", "get_", "read_"].contains(where: steps[read].capability.hasPrefix)
        {
            body = .template("\(title(of: steps[read])): {{\(read)|count}}")
        }
        // "tell #finance how much we're owed across the open invoices": the total, not the question's words.
        let totalAsked = ["how much ", "the total ", "the sum "].contains { message.body?.lowercased().hasPrefix($0) == true }
        if message.body == nil || counted || totalAsked, let total = sentTotal(request, after: steps) { body = total }
        // "look up deal 2002 and tell #sales its amount": that field of the record found, not those words.
        if let said = message.body, let field = foundField(said, request, after: steps) { body = field }
        // "Post just that subject line in #partnerships": a field named after "that", with where it goes (those words were
        // posted).
        if let said = message.body,
            case let named = said.replacingMatches(
                of: #"(?i)\s+(?:in|to|on|into)\s+#[\w-]+\s*[.!]?$"#, with: ""),
            named != said, let field = foundField("the " + named, request, after: steps)
        {
            body = field
        }
        // "email the subject of my latest unread email to me@…", "post its stage to #sales": that field of the record read.
        if message.body == nil, !counted,
            let field = relayedField(clause, request, after: steps) ?? answerSent(clause, request, after: steps)
        {
            body = field
        }
        // "email the unpaid invoices to ar@… and ask them to chase Emma": the records, then what is said about them.
        if let said = message.body, let records = sentRecords(clause),
            let read = steps.lastIndex(where: { !isAction($0, request.catalog) && $0.capability != "find_channel" })
        {
            // "… the paid invoice total with #finance - say …": the total, then what is said.
            let total = PromptText.words(records).isDisjoint(with: ["total", "sum"]) ? nil : sentTotal(request, after: steps)
            let content = total.flatMap { if case .template(let text) = $0 { text } else { nil } } ?? "{{\(read)|summary}}"
            body = .template(content + "\n\n" + said.replacingOccurrences(of: "{{", with: "{ {"))
        }
        // "Check the weather in Oslo and post it in #travel with a note: pack umbrellas", "get the open deals and email them
        // to ann@… saying please review": what was read, then what is said (the note alone was sent).
        if let said = message.body, pointsBack(clause),
            steps.contains(where: { !isAction($0, request.catalog) && !["find_channel", Weather.geocode].contains($0.capability) }),
            let content = content(after: steps, catalog: request.catalog)
        {
            let note = said.replacingOccurrences(of: "{{", with: "{ {")
            switch content {
            case .template(let text): body = .template(text + "\n\n" + note)
            case .literal(.string(let text)): body = .literal(.string(text + "\n\n" + said))
            default: break
            }
        }
        if let loop = RecordLookups.loop(clause, after: steps) { return .cannot(loop) }
        if !byChat, emails.isEmpty, request.input["to"] == nil {
            // "…Chloe Okafor's email … and send her an email": the address the earlier step found.
            if let found = RecordLookups.recipient(clause, prompt: request.prompt, after: steps)
                ?? RecordLookups.billedCustomer(clause, after: steps)
            {
                return email(to: found, message: message, body: body, request, after: steps)
            }
            // "email our contact at Globex that …", "the Initech contact": that contact, found first.
            if message.body != nil, let company = contactCompany(in: clause.text) {
                let search = PlannedStep(
                    tool: "crm", capability: "search_contacts", input: ["query": .literal(.string(company))],
                    reason: "The prompt writes to the contact at \(company); find them first.")
                let sent = email(
                    to: "{{\(steps.count).0.properties.email}}", message: message, body: body, request, after: steps + [search])
                guard case .steps(let planned) = sent else { return sent }
                return .steps([search] + planned)
            }
        }
        if byChat && !(byEmail && channels.isEmpty) {
            let names = channels.isEmpty ? PromptText.channels(in: request.prompt) : channels
            let posted = post(names, text: body, request, after: steps)
            // "Send the weather in Lisbon to #random and to me at me@…": both destinations get the same message.
            guard case .steps(let posts) = posted, !channels.isEmpty, let to = bothDestinationsRecipients(clause, emails) else {
                return posted
            }
            guard case .steps(let sent) = email(to: to, message: message, body: body, request, after: steps + posts) else {
                return posted
            }
            return .steps(posts + sent)
        }
        guard byEmail else {
            // "…find #engineering, and post a summary": the channel the prompt names elsewhere.
            let named = PromptText.channels(in: request.prompt) + (request.input["channel"]?.stringValue.map { [$0] } ?? [])
            if !named.isEmpty || !PromptText.words(request.prompt).isDisjoint(with: ["slack", "chat"]) {
                return post(named, text: body, request, after: steps)
            }
            // "post the weather": a chat verb without a channel asks for one.
            if ["post", "slack"].contains(clause.verb ?? "") {
                return .missing(["channel": schema("Team chat channel to post it in")])
            }
            // "send it": no recipient and no channel.
            if request.input["to"] == nil {
                return .missing([
                    "to": schema("Email address to send it to (or answer `channel` to post it in the team chat instead)"),
                    "channel": schema("Team chat channel to post it in, instead of an email"),
                ])
            }
            return email(to: request.input["to"]?.stringValue ?? "", message: message, body: body, request, after: steps)
        }
        // "Email ben@… and ann@…": every address written is a recipient, except a sender ("from ann@…").
        let lower = clause.text.lowercased()
        let recipients = emails.filter { !lower.contains("from \($0.lowercased())") }
        // "email sam@… cc lee@…": the address copied goes in Cc.
        let copied = recipients.filter { address in
            ["cc ", "cc: ", "cc'ing ", "copy ", "copying "].contains { lower.contains($0 + address.lowercased()) }
        }
        let direct = recipients.filter { !copied.contains($0) }
        let to = direct.isEmpty ? (copied.isEmpty ? emails.first : nil) : direct.joined(separator: ", ")
        return email(
            to: to ?? request.input["to"]?.stringValue, cc: direct.isEmpty ? [] : copied, message: message, body: body, request,
            after: steps)
    }

    /// "its amount", "her email", "their phone numbers" as a whole message: that field of the last
    /// record read, as `{{N.0.path}}` (the first of a list kept to one record) or `{{N.path}}`.
    static func foundField(_ said: String, _ request: PlanningRequest, after steps: [PlannedStep]) -> JSONInput? {
        let words = said.lowercased().replacingOccurrences(of: "’", with: "'").split(separator: " ").map {
            $0.trimmingCharacters(in: .punctuationCharacters.subtracting(["'"]))
        }
        guard words.count >= 2,
            let read = steps.lastIndex(where: { !isAction($0, request.catalog) && $0.capability != "find_channel" }),
            let declared = request.catalog.tool(steps[read].tool)?.capability(steps[read].capability)?.fields,
            let field = ownedField(words, declared: declared) ?? askedField(words, declared: declared),
            field.paths.count == 1, let path = field.paths.first
        else { return nil }
        let list = ["list_", "search_"].contains { steps[read].capability.hasPrefix($0) }
        // An amount in cents as money, a date in Unix seconds as a date ("Amount due: 1900" was sent).
        let description = field.description?.lowercased() ?? ""
        let format = description.contains("in cents") ? "|amount" : description.contains("unix seconds") ? "|date" : ""
        return .template(
            "\(field.name.replacingOccurrences(of: "_", with: " ").capitalizedFirst): {{\(read).\(list ? "0." : "")\(path)\(format)}}")
    }

    /// "What's the topic of #partnerships? Email it to …": "it" is the answer to the question before, the one field it asks
    /// of the record read (the whole channel was sent).
    static let askedOf = try? NSRegularExpression(
        pattern: #"(?i)^(?:what|what's|whats|which)(?:\s+(?:is|are|was))?\s+(?:the|its|their)\s+([a-z ]{2,30}?)\s+(?:of|for|in|on)\b"#)

    static func answerSent(_ clause: PromptClause, _ request: PlanningRequest, after steps: [PlannedStep]) -> JSONInput? {
        guard clause.words.contains("it"),
            let question = PromptClauses.split(request.prompt).last(where: { !$0.isAction }),
            let match = askedOf?.firstMatch(in: question.text, range: NSRange(question.text.startIndex..., in: question.text)),
            let phrase = Range(match.range(at: 1), in: question.text),
            // "What's the weather in Nairobi? Email it …": the weather whole, not the one field "weather" also names (only
            // "Conditions: Light rain" was sent).
            !["weather", "forecast", "weather like"].contains(question.text[phrase].lowercased()),
            // "What's the total of Ava Garcia's paid invoices? Post it": what they come to (`sentTotal`), not one invoice's
            // amount due.
            !["total", "sum", "grand total", "combined total", "total value", "total amount"].contains(question.text[phrase].lowercased()),
            let read = steps.indices.last(where: { !isAction(steps[$0], request.catalog) }),
            let field = request.catalog.tool(steps[read].tool)?.capability(steps[read].capability)?.fields.first(where: {
                $0.answers(String(question.text[phrase]))
            }),
            field.paths.count == 1, let path = field.paths.first
        else { return nil }
        let list = ["list_", "search_", "find_"].contains { steps[read].capability.hasPrefix($0) }
        return .template("\(field.name.replacingOccurrences(of: "_", with: " ").capitalizedFirst): {{\(read).\(list ? "0." : "")\(path)}}")
    }

    /// "email *the subject of* my latest email to …", "post *its stage* to #sales": a field of the one record read, named
    /// as what is sent (before where it goes, after whom it goes to), as `{{N.path}}` or `{{N.0.path}}`.
    static func relayedField(_ clause: PromptClause, _ request: PlanningRequest, after steps: [PlannedStep]) -> JSONInput? {
        let stops: Set<String> = ["of", "to", "in", "into", "on", "with", "for", "from", "over"]
        let tokens = clause.text.lowercased().replacingOccurrences(of: "’", with: "'").split(whereSeparator: \.isWhitespace)
            .dropFirst().drop { ["me", "him", "her", "them", "us", "just", "only"].contains($0) || $0.contains("@") || $0.hasPrefix("#") }
            .prefix { !stops.contains(String($0)) }
        // "send its title and start time to #standup", "the amount due, the due date and the status": each field named.
        var items: [[String]] = [[]]
        for token in tokens {
            let word = token.trimmingCharacters(in: .punctuationCharacters.subtracting(["'"]))
            if ["and", "&", "plus"].contains(word) {
                items.append([])
                continue
            }
            if !word.isEmpty { items[items.count - 1].append(word) }
            if token.hasSuffix(",") { items.append([]) }
        }
        items.removeAll(where: \.isEmpty)
        guard let words = items.first else { return nil }
        // "post its gist", "send the text of it": the whole of what was read, as `content(after:)` writes it.
        let whole: Set<String> = ["gist", "summary", "content", "contents", "text", "body", "message", "details", "snippet", "tl;dr"]
        guard (2...4).contains(words.count), words.dropFirst().allSatisfy({ !whole.contains($0) }),
            let read = steps.lastIndex(where: { !isAction($0, request.catalog) && $0.capability != "find_channel" }),
            !["list_", "search_"].contains(where: steps[read].capability.hasPrefix) || singleRead(steps[read]),
            // The weather's line already names the place and the units a bare figure would lose.
            steps[read].capability != Weather.current,
            let first = foundField(words.joined(separator: " "), request, after: steps)
        else { return nil }
        // "its title and start time": the later fields share the first one's "its" (the start time was dropped).
        let owner = determiners.contains(words[0]) ? words[0] : "the"
        let later = items.dropFirst().map { item in
            foundField(((determiners.contains(item[0]) ? [] : [owner]) + item).joined(separator: " "), request, after: steps)
        }
        guard !later.isEmpty, case .template(let opening) = first else { return first }
        let lines = later.compactMap { field -> String? in
            guard case .template(let line)? = field else { return nil }
            return line
        }
        return lines.count == later.count ? .template(([opening] + lines).joined(separator: "\n")) : first
    }

    static let determiners: Set<String> = ["its", "his", "her", "their", "the", "that", "this"]

    /// "its amount", "the close date": a determiner and a field, as the whole message.
    static func ownedField(_ words: [String], declared: [ResultField]) -> ResultField? {
        guard words.count <= 4, determiners.contains(words[0]) else { return nil }
        return declared.first { $0.answers(words.dropFirst().joined(separator: " ")) }
    }

    /// "what stage it's in", "how much it's worth", "when it closes": a question about the record
    /// found ("it", "they", "she"), as the whole message, names the field that answers it.
    static func askedField(_ words: [String], declared: [ResultField]) -> ResultField? {
        let record: Set<String> = ["it", "it's", "its", "they", "they're", "their", "he", "he's", "she", "she's", "his", "her"]
        guard words.count <= 6, ["what", "which", "how", "when", "who"].contains(words[0]), !record.isDisjoint(with: words) else {
            return nil
        }
        let rest = Array(words.dropFirst())
        let phrase =
            (1...min(3, words.count)).reversed().lazy.map { words.prefix($0).joined(separator: " ") }
            .first { phrase in phrase.contains(" ") && declared.contains { $0.answers(phrase) } }
            ?? QuestionFields.field(words[0], rest, declared: declared)
        return phrase.flatMap { phrase in declared.first { $0.answers(phrase) } }
    }

    /// "our contact at Globex", "the Initech contact": the company whose contact a message goes to.
    static func contactCompany(in text: String) -> String? {
        let patterns = [
            // "the Goldcrest & Finch contact", "our contact at O'Neil & Sons": "&", apostrophes and digits stay.
            #"contact (?:at|from) ([A-Z0-9][\w&.'’-]*(?: (?:&|[A-Z0-9][\w&.'’-]*)){0,3})"#,
            #"the ([A-Z0-9][\w&.'’-]*(?: (?:&|[A-Z0-9][\w&.'’-]*)){0,3}) contact\b"#,
        ]
        for pattern in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern),
                let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                let range = Range(match.range(at: 1), in: text)
            else { continue }
            let company = String(text[range])
            if !ReadIntents.brands.contains(company.lowercased()) { return company }
        }
        return nil
    }

    static func post(_ channels: [String], text: JSONInput?, _ request: PlanningRequest, after steps: [PlannedStep]) -> Outcome {
        let text = text ?? request.input["text"].map(JSONInput.literal)
        var missing: [String: JSONValue] = [:]
        if channels.isEmpty, request.input["channel"] == nil { missing["channel"] = schema("Team chat channel to post in, without #") }
        if text == nil { missing["text"] = schema("The message to post") }
        guard missing.isEmpty, let text else { return .missing(missing) }
        var planned: [PlannedStep] = []
        for channel in channels.isEmpty ? [request.input["channel"]?.stringValue ?? ""] : channels {
            // "find the engineering channel and post hello": the channel an earlier part found is posted to.
            let lookup = PlannedStep(
                tool: "chat", capability: "find_channel", input: ["name": .literal(.string(channel))],
                reason: "The prompt posts to #\(channel); find the channel first.")
            let earlier = steps.lastIndex { $0.capability == lookup.capability && $0.input == lookup.input && $0.keep == nil }
            let found = earlier ?? steps.count + planned.count
            if earlier == nil { planned.append(lookup) }
            planned.append(
                PlannedStep(
                    tool: "chat", capability: "post_message", input: ["channel": .reference(step: found, path: "0.id"), "text": text],
                    reason: "The prompt asks to post a message to #\(channel)."))
        }
        return .steps(planned)
    }

    static func email(
        to: String?, cc: [String] = [], message: (subject: String?, body: String?), body: JSONInput?, _ request: PlanningRequest,
        after steps: [PlannedStep]
    ) -> Outcome {
        let cc = cc.joined(separator: ", ")
        let body = body ?? request.input["body"].map(JSONInput.literal)
        var missing: [String: JSONValue] = [:]
        if to == nil { missing["to"] = schema("Email address to send to") }
        if body == nil { missing["body"] = schema("The message text") }
        if message.subject == nil, body == nil, request.input["subject"] == nil { missing["subject"] = schema("Subject line (optional)") }
        guard missing.filter({ $0.key != "subject" }).isEmpty, let to, let body else {
            return .missing(missing)
        }
        let subject = request.input["subject"]?.stringValue ?? message.subject ?? defaultSubject(message.body, after: steps)
        let raw: JSONInput
        switch body {
        case .literal(let value) where to.contains("{{"):
            // The address comes from an earlier step: composed at run time.
            raw = .template(
                ComposedText.sectionOpen + EmailMessage(to: to, cc: cc, subject: subject, body: value.stringValue ?? value.jsonText).rfc5322
                    + ComposedText.sectionClose)
        case .literal(let value):
            raw = .literal(.string(EmailMessage(to: to, cc: cc, subject: subject, body: value.stringValue ?? value.jsonText).raw))
        case .template(let template):
            raw = .template(
                ComposedText.sectionOpen + EmailMessage(to: to, cc: cc, subject: subject, body: template).rfc5322
                    + ComposedText.sectionClose)
        case .reference(let step, let path):
            raw = .template(
                ComposedText.sectionOpen + EmailMessage(to: to, cc: cc, subject: subject, body: "{{\(step).\(path)|summary}}").rfc5322
                    + ComposedText.sectionClose)
        }
        return .steps([
            PlannedStep(
                tool: "email", capability: "send_message", input: ["raw": raw],
                reason: "The prompt asks to email \(to.contains("{{") ? "the person found" : to) (subject \"\(subject)\").")
        ])
    }

    static func defaultSubject(_ body: String?, after steps: [PlannedStep]) -> String {
        // The records carried, not the post made before ("… post it to #general and also email it").
        // A message written out gets a neutral subject: its first words would say what the user did not write as one.
        guard body == nil else { return neutralSubject }
        return title(
            of: steps.last { !["post_message", "send_message", "find_channel", Weather.geocode].contains($0.capability) } ?? steps.last)
    }

    /// The subject of a message written out with none stated (docs/workflows.md).
    static let neutralSubject = "A quick note"

    // MARK: create / update

    static func contact(_ clause: PromptClause, _ request: PlanningRequest, after steps: [PlannedStep]) -> Outcome {
        var properties: [String: JSONValue] = [:]
        if let email = PromptText.emails(in: clause.text).first ?? request.input["email"]?.stringValue {
            properties["email"] = .string(email)
        }
        // "first name Leo last name Park email leo@… company Park Design" (dictated): each value ends at the next label.
        let untilLabel = { (value: String?) -> String? in
            value.map {
                $0.replacingMatches(
                    of: #"(?i)\s+(?:last\s*name|first\s*name|surname|e-?mail|company|phone|mobile|job\s+title|title)\b.*$"#, with: "")
            }
        }
        let given = untilLabel(
            ReadIntents.topic(in: clause.text.replacingOccurrences(of: "first name", with: "firstname"), after: ["firstname"]))
        let family = untilLabel(
            ReadIntents.topic(in: clause.text.replacingOccurrences(of: "last name", with: "lastname"), after: ["lastname"]))
        // "Add our new AP contact at Brightwave: Lena Park, lena.park@…": the name after the colon (the contact was named "AP",
        // or "Brightwave Lena Park").
        let listed = clause.text.captured(
            of: #":\s*(\p{Lu}\p{Ll}+\s+\p{Lu}[\p{L}'’-]+)(?=\s*[,(]|\s+[\w.+-]+@)"#, group: 1
        )?.split(separator: " ").map(String.init)
        if let given {
            properties["firstname"] = .string(given)
            if let family { properties["lastname"] = .string(family) }
        } else if let listed, listed.count == 2 {
            properties["firstname"] = .string(listed[0])
            properties["lastname"] = .string(listed[1])
        } else if let name = PromptText.personName(in: clause.text),
            // "ana ruiz ana@…, she works at Globex Corporation": a company's capitalised name is no person's.
            ([name.first] + [name.last].compactMap { $0 }).joined(separator: " ") != companyName(in: clause.text)
        {
            properties["firstname"] = .string(name.first)
            if let last = name.last { properties["lastname"] = .string(last) }
        } else if let name = nameBefore(address: properties["email"]?.stringValue, in: clause.text) {
            properties["firstname"] = .string(name[0])
            if name.count > 1 { properties["lastname"] = .string(name.dropFirst().joined(separator: " ")) }
        } else if let name = request.input["name"]?.stringValue {
            let parts = name.split(separator: " ", maxSplits: 1).map(String.init)
            properties["firstname"] = .string(parts[0])
            if parts.count > 1 { properties["lastname"] = .string(parts[1]) }
        }
        let title = jobTitle(in: clause.text)
        // "title: Head of Ops, company Hooli": the company is not the title's "of Ops".
        if let company = companyName(in: title.map { clause.text.replacingOccurrences(of: $0, with: "") } ?? clause.text) {
            properties["company"] = .string(company)
        }
        if let phone = phoneNumber(in: clause.text) { properties["phone"] = .string(phone) }
        if let title { properties["jobtitle"] = .string(title) }
        // "add jonas weber (jonas@…) to hubspot as a lead", "she's a lead, not a customer yet": the lifecycle stage.
        if let stage = clause.text.captured(
            of: #"(?i)\b(?:as\s+(?:a|an)\s+(?:new\s+)?|(?:she|he|they)(?:'s|’s|\s+is|\s+are)\s+(?:a|an)\s+)"#
                + #"(lead|subscriber|customer|opportunity|evangelist|marketing\s+qualified\s+lead|sales\s+qualified\s+lead)\b"#, group: 1)
        {
            properties["lifecyclestage"] = .string(stage.lowercased().replacingOccurrences(of: " ", with: ""))
        }
        // "Just got off a call with Mateo García from Soluciones Pérez-Ruiz, he wants a quote. Add him to the CRM:
        // mateo@…": "him" is the person the words before name, with their company (only the address was kept).
        if properties["email"] != nil, properties["firstname"] == nil, !clause.words.isDisjoint(with: ["him", "her", "them"]),
            let range = request.prompt.range(of: clause.text)
        {
            let before = String(request.prompt[..<range.lowerBound])
            if let person = StatedOwners.person(in: before), let parts = Optional(person.split(separator: " ").map(String.init)),
                parts.count > 1
            {
                properties["firstname"] = .string(parts[0])
                properties["lastname"] = .string(parts.dropFirst().joined(separator: " "))
                if properties["company"] == nil, let company = companyName(in: before) { properties["company"] = .string(company) }
            }
        }
        // "who sent me the email about the Q1 budget? add them to the CRM": the message found, read for its sender.
        if properties["email"] == nil, properties["firstname"] == nil, let search = steps.indices.last,
            steps[search].capability == "search_messages",
            !clause.words.isDisjoint(with: ["them", "him", "her", "sender", "they", "whoever"])
        {
            let read = PlannedStep(
                tool: "email", capability: "read_message", input: ["id": .reference(step: search, path: "0.id")],
                reason: "The prompt asks to add the sender of the message found.")
            if let found = foundPerson(clause, after: steps + [read]) {
                return .steps([
                    read,
                    PlannedStep(
                        tool: "crm", capability: "create_contact", input: ["properties": found],
                        reason: "The prompt asks to add the message's sender as a contact."),
                ])
            }
        }
        // "look up diego@… in Stripe and add him to HubSpot as a contact": the person found, as found.
        if properties["email"] == nil, properties["firstname"] == nil, let found = foundPerson(clause, after: steps) {
            return .steps([
                PlannedStep(
                    tool: "crm", capability: "create_contact", input: ["properties": found],
                    reason: "The prompt asks to add the person found as a contact.")
            ])
        }
        // A contact is created with an email (docs/workflows.md): "Create a contact for Jamie Fox" asks for it.
        guard properties["email"] != nil else {
            var missing = ["email": schema("The contact's email address")]
            if properties["firstname"] == nil { missing["name"] = schema("The contact's full name") }
            return .missing(missing)
        }
        return .steps([
            PlannedStep(
                tool: "crm", capability: "create_contact", input: ["properties": .literal(.object(properties))],
                reason: "The prompt asks to add a contact.")
        ])
    }

    /// "job title CTO", "title: Head of Ops", "role - procurement lead": the contact's job title, to the end of its part.
    static func jobTitle(in text: String) -> String? {
        guard
            let found = text.rangeOfMatch(
                of: #"(?i)\b(?:job\s*title(?:\s*(?:is|of|:|=|-|–|—))?|(?:title|role|position)\s*(?:is|:|=|-|–|—))\s*(?=\S)"#)
        else { return nil }
        let rest = text[found.upperBound...]
        let end = rest.rangeOfMatch(of: #"(?i)[,.;!?\n(]|\s(?:and|with|at|in|on|email|phone|company)\s"#)?.lowerBound ?? rest.endIndex
        let value = rest[..<end].trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
        guard !value.isEmpty, value.split(separator: " ").count <= 6, !value.contains("@") else { return nil }
        return value
    }

    /// "phone 555-0142", "mobile: +1 (415) 555 0199": the number after a phone word, as written.
    static func phoneNumber(in text: String) -> String? {
        let lower = text.lowercased()
        // "the phone of contact Jonas Berg, new number +46 70 …": the label the number follows, wherever it is.
        let labels = ["phone number", "phone", "mobile", "cell", "tel", "new number"].flatMap { lower.ranges(of: $0) }
        guard
            let label = labels.sorted(by: { $0.lowerBound < $1.lowerBound }).first(where: { label in
                let rest = text[label.upperBound...].drop { !$0.isNumber && $0 != "+" && $0 != "(" }
                return text[label.upperBound..<rest.startIndex].count <= 6
            })
        else { return nil }
        let rest = text[label.upperBound...].drop { !$0.isNumber && $0 != "+" && $0 != "(" }
        var number = rest.prefix { $0.isNumber || " +-().".contains($0) }.trimmingCharacters(in: CharacterSet(charactersIn: " -.("))
        // "(…, phone 555-0173)": the bracket closing the aside is not the number's.
        while number.hasSuffix(")"), number.filter({ $0 == ")" }).count > number.filter({ $0 == "(" }).count {
            number = String(number.dropLast()).trimmingCharacters(in: CharacterSet(charactersIn: " -."))
        }
        return number.filter(\.isNumber).count >= 7 ? number : nil
    }

    /// The properties of a contact for "him", "her" or "them" after a step that found one customer or
    /// contact: its email and name, composed at run time.
    static func foundPerson(_ clause: PromptClause, after steps: [PlannedStep]) -> JSONInput? {
        // "Find out who sent me the email about the Q1 budget and add them to the CRM": the message's sender, from its
        // From header ("Ana Ruiz <ana@…>").
        if !clause.words.isDisjoint(with: ["them", "him", "her", "sender", "they", "whoever"]), let read = steps.indices.last,
            steps[read].capability == "read_message"
        {
            let from = "{{\(read).payload.headers[name=From].value"
            return ComposedText.json(
                "{\"email\": \"\(from)|address}}\", \"firstname\": \"\(from)|first}}\", \"lastname\": \"\(from)|rest}}\"}")
        }
        guard !clause.words.isDisjoint(with: RecordLookups.singular.union(["them", "they"])),
            let index = steps.lastIndex(where: {
                RecordLookups.people["\($0.tool).\($0.capability)"] != nil && RecordLookups.identifies($0)
            })
        else { return nil }
        let record = steps[index].tool == "crm" ? "\(index).0.properties" : "\(index).0"
        let (first, last) =
            steps[index].tool == "crm"
            ? ("{{\(record).firstname}}", "{{\(record).lastname}}") : ("{{\(record).name|first}}", "{{\(record).name|rest}}")
        return ComposedText.json("{\"email\": \"{{\(record).email}}\", \"firstname\": \"\(first)\", \"lastname\": \"\(last)\"}")
    }

    /// "add tom baker tom@hooli.example": the words right before the address, in any case.
    static func nameBefore(address: String?, in text: String) -> [String]? {
        guard let address else { return nil }
        let tokens = text.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        guard let at = tokens.firstIndex(where: { $0.lowercased() == address.lowercased() }) else { return nil }
        let generic: Set<String> = [
            "add", "create", "new", "contact", "lead", "a", "an", "the", "named", "called", "email", "with", "as", "person", "hubspot",
            "crm",
            "to", "and", "register", "save", "record", "log", "is", "at", "address", "for", "of", "please", "pls", "me", "my", "our",
            "in", "into", "on",
        ]
        // "mike o'connor mike.oconnor@…": an apostrophe or a hyphen inside a name is the name's.
        let name = tokens[..<at].reversed().prefix {
            !generic.contains($0.lowercased()) && $0.first?.isLetter == true && $0.allSatisfy { $0.isLetter || "'’-".contains($0) }
        }.reversed().drop { PromptText.honorifics.contains($0.lowercased()) }
        return (1...3).contains(name.count) ? Array(name) : nil
    }

    /// "from Stark Industries", "at Globex", "company Vandelay".
    static func companyName(in text: String) -> String? {
        // "(Priya Nair, Hooli)": a name, then the company.
        if let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") {
            let parts = text[text.index(after: open)..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[1].first?.isUppercase == true, !parts[1].contains("@") { return parts[1] }
        }
        // "Add a new contact: Priya Shah, priya@globex.com, Globex": the name, the address, then the company.
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " .;")) }
        if let address = parts.firstIndex(where: { $0.contains("@") && $0.split(separator: " ").count <= 2 }), address > 0,
            address + 1 < parts.count
        {
            // "…, Brightwave as a contact and also open a deal …": the company, before where it goes.
            let next = parts[address + 1].replacingMatches(
                of: #"(?i)\s+(?:(?:as|to|into|in)\s+(?:an?\s+|the\s+|our\s+|my\s+)?(?:new\s+)?(?:contact|lead|crm|hubspot)|and)\b.*$"#,
                with: "")
            let words = next.split(separator: " ").map(String.init)
            let titles: Set<String> = ["ceo", "cto", "cfo", "coo", "vp", "director", "manager", "engineer", "head", "lead", "founder"]
            if (1...4).contains(words.count), words.allSatisfy({ $0 == "&" || $0.first?.isUppercase == true }),
                !next.contains(where: \.isNumber), words.allSatisfy({ !titles.contains($0.lowercased()) })
            {
                return next
            }
        }
        // "she's with Ortega Design": where she works.
        let tokens = text.replacingMatches(
            of: #"(?i)\b(?:she's|he's|they're|she\s+is|he\s+is|they\s+are)\s+(?:now\s+)?with\s+(?=\p{Lu})"#, with: "works at "
        ).split(whereSeparator: \.isWhitespace).map(String.init)
        // "works at o'connor & daughters plumbing": where someone works, in any case, to the end of its clause.
        for (index, token) in tokens.enumerated().dropLast()
        where ["works", "working", "employed"].contains(token.lowercased()) && ["at", "for", "by"].contains(tokens[index + 1].lowercased())
        {
            var words: [String] = []
            for word in tokens[(index + 2)...] {
                let bare = word.trimmingCharacters(in: PartyNames.edges)
                guard word == "&" || (!bare.isEmpty && bare.allSatisfy { $0.isLetter || $0.isNumber || "'’-&.".contains($0) }),
                    !["and", "with", "as", "phone", "email", "in", "on"].contains(bare.lowercased()), words.count < 6
                else { break }
                words.append(word == "&" ? word : bare)
                if word.last.map({ ",;:".contains($0) }) == true { break }
            }
            while words.last == "&" { words.removeLast() }
            if let first = words.first, first != "&" { return words.joined(separator: " ") }
        }
        // "Mateo García of Soluciones Pérez-Ruiz": a company after "of" too.
        for (index, token) in tokens.enumerated() where ["from", "at", "company", "of"].contains(token.lowercased()) {
            // "from O'Connell & Daughters", "at 3M": "&" and digits inside the name stay.
            let run = tokens[(index + 1)...].prefix {
                ($0 == "&" || $0.first?.isUppercase == true || ($0.first?.isNumber == true && $0.contains(where: \.isLetter)))
                    && !["HubSpot", "Hubspot", "CRM"].contains($0)
            }
            var words: [String] = []
            for word in run {
                words.append(word == "&" ? word : word.trimmingCharacters(in: PartyNames.edges))
                if word.last.map({ ",.;:".contains($0) }) == true { break }
            }
            while words.last == "&" { words.removeLast() }
            if let first = words.first, first != "&" { return words.joined(separator: " ") }
        }
        return nil
    }

    /// "add a deal Haddad Trading for $5,000": capitalised words right after the record word name it;
    /// "new deal acme corp renewal 12k closes end of month": lower-case ones too, when an amount or a
    /// close date follows them (what else a new deal says).
    static func namedAfterRecordWord(_ text: String) -> String? {
        guard
            let run = nameRun(in: text, after: ["deal"])?.replacingMatches(
                of: #"(?i)(?:\s+(?:\d[\d,.]*|dollars|euros|pounds|bucks|usd|eur|gbp))+$"#, with: ""),
            !run.isEmpty
        else { return nil }
        let words = run.lowercased().split(separator: " ").map(String.init)
        guard let first = words.first, !ReadIntents.brands.contains(first) else { return nil }
        if run.first?.isUppercase == true { return run }
        let described =
            !PromptText.amounts(in: text).isEmpty || text.rangeOfMatch(of: #"(?i)\b\d+(?:[.,]\d+)?k\b"#) != nil
            || listedAmount(in: text) != nil
            || ["closes", "closing", "close date"].contains(where: text.lowercased().contains)
        let plain = words.allSatisfy {
            !PromptClauses.fillers.contains($0) && !ReadIntents.commonWords.contains($0) && $0.allSatisfy { $0.isLetter || $0 == "-" }
        }
        return described && plain ? run : nil
    }

    static func deal(_ clause: PromptClause, _ request: PlanningRequest) -> Outcome {
        // No stage unless the prompt states one: create_deal does not require it (HubSpot uses the pipeline's first).
        var properties: [String: JSONValue] = [:]
        let name =
            PromptText.quotedTexts(in: clause.text).first ?? nameRun(in: clause.text, after: ["called", "named", "titled", "deal:"])
            // "a deal for the company Tarn Valley Mills": the company names the deal.
            // "Create a deal for the Patel wedding reception, 12,000": what the deal is for names it.
            ?? nameRun(
                in: clause.text.replacingMatches(
                    of: #"(?i)\b(for|with)\s+(?:the\s+)?(?:company|client|customer|account|firm)\s+"#, with: "$1 "
                ).replacingMatches(of: #"(?i)\bfor\s+the\s+(?=(?-i:\p{Lu}))"#, with: "for "),
                after: ["for"]
            ).flatMap { $0.first?.isUppercase == true ? $0 : nil }
            ?? namedAfterRecordWord(clause.text)
            ?? listedName(in: clause.text) ?? request.input["name"]?.stringValue
        guard let name else { return .missing(["name": schema("The deal's name")]) }
        // ("create a deal for hooli expansion forty two thousand dollars": the figure said after the name is its amount.)
        let figure = #"(?i)(?:\s+(?:\d[\d,.]*|dollars|euros|pounds|bucks|usd|eur|gbp))+$"#
        let trimmed = PromptText.quotedTexts(in: clause.text).contains(name) ? name : name.replacingMatches(of: figure, with: "")
        let dealName = trimmed.isEmpty ? name : trimmed
        properties["dealname"] = .string(dealName)
        if let amount = PromptText.amounts(in: clause.text).first ?? bareAmount(in: clause.text) {
            properties["amount"] = .string(plain(amount))
            properties.merge(dealCurrency(amount: properties["amount"], in: clause.text)) { $1 }
        }
        if let stage = knownStage(in: clause.text) ?? stageName(in: clause.text) {
            guard dealStages.contains(where: { $0.id == stage }) else { return .missing(stageQuestion) }
            properties["dealstage"] = .string(stage)
        }
        if let close = closeDate(in: clause.text, now: request.now) { properties["closedate"] = .string(close) }
        return .steps([
            PlannedStep(
                tool: "crm", capability: "create_deal", input: ["properties": .literal(.object(properties))],
                reason: "The prompt asks to create the deal \"\(dealName)\".")
        ])
    }

    /// "for €4,250", "bump the hooli deal to €75k": HubSpot keeps a deal's currency in `deal_currency_code` (the amount
    /// alone is read in the account's, dollars in the sandbox); a currency the account has not enabled fails there
    /// instead of being recorded wrong. The dollar, the account's own, is not written.
    static func dealCurrency(amount: JSONValue?, in text: String) -> [String: JSONValue] {
        guard amount != nil, case let stated = currencies(in: text), stated.count == 1, stated[0] != "USD" else { return [:] }
        return ["deal_currency_code": .string(stated[0])]
    }

    /// "worth 12000", "amount 9400", "valued at 5,000": a number without a currency, after a word saying it is the amount.
    static func bareAmount(in text: String) -> Double? {
        guard
            let match = text.rangeOfMatch(
                of: #"\b(?:worth|amount(?: of| is|:)?|valued at|value(?: of|:)?)\s+(\d[\d,.]*)\b"#,
                options: .caseInsensitive)
        else { return dealFor(in: text) ?? listedAmount(in: text) }
        let number = text[match].split(whereSeparator: \.isWhitespace).last.map(String.init) ?? ""
        return PromptText.amounts(in: "$" + number).first
    }

    /// "New deal: Hooli team offsite dinner, 40 covers, 3,200, stage …", "log a new deal acme corp expansion 12500": a figure
    /// of its own among the deal's values, or at the end (it was dropped, or kept in the name). Not a year.
    static func listedAmount(in text: String) -> Double? {
        guard
            let number = text.captured(
                of: #"(?:[,:;]\s*|\s)(\d{1,3}(?:,\d{3})+|\d{4,})(?:\.\d{1,2})?\s*(?=[,;]|$|\s+(?:closing|closes|stage|in\s+the|by|due)\b)"#,
                group: 1),
            number.rangeOfMatch(of: #"^(?:19|20)\d\d$"#) == nil
        else { return nil }
        return PromptText.amounts(in: "$" + number).first
    }

    /// "a deal "Dubois & Fils - Starter" for 5,000": a number of hundreds or more after "for", of nothing counted
    /// ("for 500 seats", "for 90 minutes") and no year ("for 2027").
    static func dealFor(in text: String) -> Double? {
        guard
            let match = text.rangeOfMatch(
                // "for 18000 in the qualified to buy stage": a word that starts the next part counts nothing.
                of:
                    #"\bfor\s+(?:\d{1,3}(?:,\d{3})+|\d{3,})(?:\.\d{1,2})?(?![\d,.]*\s*(?:(?!(?:in|at|on|and|closing|by|to|with)\b)[a-z%]|\.\d))"#,
                options: .caseInsensitive)
        else { return nil }
        let number = String(text[match].dropFirst(3)).trimmingCharacters(in: .whitespaces)
        guard number.rangeOfMatch(of: #"^(?:19|20)\d\d$"#) == nil else { return nil }
        return PromptText.amounts(in: "$" + number).first
    }

    /// "new deal: Stark Industries - Expansion, $1,200.50, stage …": the first item of the list after
    /// the colon, when it is no amount, stage or date.
    static func listedName(in text: String) -> String? {
        guard let colon = text.range(of: ": ") else { return nil }
        let first = text[colon.upperBound...].split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let words = PromptText.words(first)
        guard !first.isEmpty, first.first?.isNumber == false, !"$€£\"'“".contains(first.first!), PromptText.amounts(in: first).isEmpty,
            words.isDisjoint(with: ["stage", "amount", "closing", "close", "worth", "value"]), knownStage(in: first) == nil,
            words.count <= 8
        else { return nil }
        return first
    }

    /// HubSpot's default pipeline stages, as people write them ("contract sent") and as ids.
    static let dealStages: [(phrase: String, id: String)] = [
        ("appointment scheduled", "appointmentscheduled"), ("qualified to buy", "qualifiedtobuy"),
        ("presentation scheduled", "presentationscheduled"), ("decision maker bought in", "decisionmakerboughtin"),
        ("contract sent", "contractsent"), ("closed won", "closedwon"), ("closed lost", "closedlost"),
    ]

    static var stageQuestion: [String: JSONValue] {
        ["dealstage": schema("The deal's stage, one of: " + dealStages.map(\.phrase).joined(separator: ", "))]
    }

    /// "Move the Stark deal to closed won and to closed lost": one record moved to two stages at once (the first was set).
    static func contradictoryStages(in text: String) -> (String, String)? {
        let phrases = dealStages.map { NSRegularExpression.escapedPattern(for: $0.phrase) }.joined(separator: "|")
        guard
            let found = text.rangeOfMatch(
                of: #"(?i)\bto\s+(?:the\s+)?("# + phrases
                    + #")(?:\s+stage)?\s*(?:,|,?\s*(?:and|&|or))\s+(?!then\b)(?:also\s+)?(?:to\s+)?(?:the\s+)?("#
                    + phrases + #")\b"#)
        else { return nil }
        let said = text[found].lowercased()
        let named = dealStages.compactMap { stage in said.range(of: stage.phrase).map { (stage.phrase, $0.lowerBound) } }
            .sorted { $0.1 < $1.1 }.map(\.0)
        return named.count == 2 ? (named[0], named[1]) : nil
    }

    /// A default pipeline stage the text names in words or by id ("to contract sent", "stage qualified to buy").
    static func knownStage(in text: String) -> String? {
        let lower = text.lowercased()
        // "to contract sent and then closed won": the stage it ends in; "from contract sent to closed won": not the one left.
        let said = dealStages.flatMap { stage in
            [stage.phrase, stage.id].flatMap { lower.ranges(of: $0) }.filter {
                !lower[..<$0.lowerBound].hasSuffix("from ") && !lower[..<$0.lowerBound].hasSuffix("out of ")
            }.map { (stage.id, $0.lowerBound) }
        }
        return said.max { $0.1 < $1.1 }?.0 ?? dealStages.first { lower.contains($0.phrase) || lower.contains($0.id) }?.id
    }

    /// "in the qualifiedtobuy stage", "stage: contract sent" → the stage's id (`qualifiedtobuy`, `contractsent`).
    static func stageName(in text: String) -> String? {
        let tokens = text.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        guard let index = tokens.firstIndex(of: "stage") else { return nil }
        // "deals for Ventimiglia Foods, stage and amount": a field after a comma, not the "foods" stage.
        let listed = index > 0 && text.lowercased().split(whereSeparator: \.isWhitespace).dropFirst(index - 1).first?.hasSuffix(",") == true
        if index > 0, !listed,
            ![
                "the", "a", "deal", "lifecycle", "its", "new", "what", "which", "in", "to", "at", "into", "of", "with", "and", "or",
                "their", "current", "each", "pipeline",
            ].contains(tokens[index - 1]),
            tokens[index - 1].allSatisfy(\.isLetter)
        {
            return tokens[index - 1]
        }
        // "…, stage presentationscheduled"
        if index + 1 == tokens.count - 1, tokens[index + 1].allSatisfy(\.isLetter) { return tokens[index + 1] }
        if index + 1 < tokens.count, ["to", "as", "is"].contains(tokens[index + 1]) || text.lowercased().contains("stage:") {
            let value = tokens[(index + 1)...].drop { ["to", "as", "is", "the"].contains($0) }.prefix {
                !["and", "in", "for"].contains($0)
            }
            return value.isEmpty ? nil : value.joined()
        }
        return nil
    }

    /// "closing 2026-06-30", "close date June 30" → `2026-06-30`.
    static func closeDate(in text: String, now: Date) -> String? {
        let lower = text.lowercased()
        guard let marker = ["closing ", "close date ", "closes ", "close on ", "closing on "].compactMap({ lower.range(of: $0) }).first
        else { return nil }
        let rest = String(text[marker.upperBound...])
        if let end = periodEnd(in: rest, now: now) { return isoDay(end) }
        guard let day = PromptText.day(in: rest, now: now) else { return nil }
        return isoDay(day)
    }

    /// "end of month", "at the end of the month", "by the end of next quarter", "end of year": the last day of that period
    /// ("closing at the end of the month" made the deal with no close date).
    static func periodEnd(in text: String, now: Date) -> Date? {
        // "closing next month", "closes this quarter": its last day too.
        let pattern =
            #"^(?:(?:at|by|on|around|before|for|in|within)\s)?(?:the\s)?(?:end\sof\s(?:the\s|this\s|(next)\s)?|this\s|(next)\s)(month|quarter|year)\b"#
        let lower = text.lowercased()
        guard let match = lower.rangeOfMatch(of: pattern) else { return nil }
        let phrase = lower[match]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let unit = ["month", "quarter", "year"].first { phrase.hasSuffix($0) } ?? "month"
        let next = phrase.contains("next ")
        let components = calendar.dateComponents([.year, .month], from: now)
        guard let year = components.year, let month = components.month else { return nil }
        // The first day after the period, less a day.
        var after: DateComponents
        switch unit {
        case "year": after = DateComponents(year: year + (next ? 2 : 1), month: 1, day: 1)
        case "quarter": after = DateComponents(year: year, month: ((month - 1) / 3 + 1) * 3 + 1 + (next ? 3 : 0), day: 1)
        default: after = DateComponents(year: year, month: month + (next ? 2 : 1), day: 1)
        }
        return calendar.date(from: after).map { $0.addingTimeInterval(-86_400) }
    }

    /// 2026-12-14, as HubSpot's date properties take it.
    static func isoDay(_ day: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: day)
    }

    /// HubSpot's lifecycle stages a contact can be marked as.
    static let lifecycleStages: Set<String> = [
        "subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist", "other",
    ]

    /// "called Roadmap sync tomorrow at 3pm" → "Roadmap sync": the words up to a date, time, amount or preposition.
    static func nameRun(in text: String, after markers: Set<String>) -> String? {
        let stops: Set<String> = [
            "tomorrow", "today", "tonight", "on", "at", "for", "next", "with", "this", "in", "and", "from", "to", "worth", "closing",
            "starting", "by", "closes", "valued", "due",
            // "schedule a site visit there tomorrow": words pointing back at the read are no part of a name.
            "there", "then",
        ]
        let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let index = tokens.firstIndex(where: { markers.contains($0.lowercased()) }) else { return nil }
        var run: [String] = []
        for (offset, token) in tokens[(index + 1)...].enumerated() {
            let word = token.lowercased().trimmingCharacters(in: .punctuationCharacters)
            // "acme corp renewal 12k closes …", "€48,000": an amount ends the name.
            if stops.contains(token.lowercased()) || token.hasPrefix("$") || token.hasPrefix("€") || token.hasPrefix("£")
                || word.rangeOfMatch(of: #"^\d+(?:[.,]\d+)?k$"#) != nil || PromptText.namesTime(word)
            {
                break
            }
            // "a 1.5 hour retro", "2h", "45m sync": the length is not the name; "Sprint 14 retro" keeps its number.
            let next = tokens.dropFirst(index + 2 + offset).first.map { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) }
            let number = Double(word) != nil && next.flatMap(PromptText.durationUnit) == nil
            if isLength(word), !(number && !run.isEmpty) { continue }
            // "Acme - Renewal", "Sorrel & Pike": a dash or an ampersand inside the name stays.
            if ["-", "–", "—", "&"].contains(token) {
                if !run.isEmpty { run.append(token) }
                continue
            }
            run.append(token.trimmingCharacters(in: .punctuationCharacters))
            if token.last.map({ ",.;:!?".contains($0) }) == true { break }
        }
        while let last = run.last, ["-", "–", "—", "&"].contains(last) { run.removeLast() }
        return run.isEmpty ? nil : run.joined(separator: " ")
    }

    static let contactProperties: [(phrase: String, property: String)] = [
        ("lifecycle stage", "lifecyclestage"), ("first name", "firstname"), ("last name", "lastname"), ("company", "company"),
        ("email", "email"), ("phone", "phone"), ("stage", "lifecyclestage"), ("job title", "jobtitle"),
    ]
    static let dealProperties: [(phrase: String, property: String)] = [
        ("close date", "closedate"), ("amount", "amount"), ("stage", "dealstage"), ("name", "dealname"), ("closed won", "dealstage"),
        ("closed lost", "dealstage"), ("won", "dealstage"), ("lost", "dealstage"),
    ]

    /// Whether `text` names a contact's or a deal's property ("phone", "amount", "close date").
    static func namesProperty(_ text: String) -> Bool {
        let lower = text.lowercased()
        return (contactProperties + dealProperties).contains { lower.contains($0.phrase) }
    }

    static func update(_ clause: PromptClause, _ request: PlanningRequest, after steps: [PlannedStep]) -> Outcome {
        if let (first, second) = contradictoryStages(in: clause.text) {
            return .cannot("the change asks for two stages at once (\"\(first)\" and \"\(second)\"); say which one")
        }
        // "Look up contact 1001 and update their company": the record may be named in another part.
        let stated = clause.words.union(PromptText.words(request.prompt))
        // "the Soylent renewal deal's amount": the record word with its possessive.
        let words = stated.union(stated.map(PromptText.withoutPossessive))
        // "update his lifecycle stage to opportunity": a contact's stage, though "opportunity" names deals elsewhere.
        let isDeal = !words.isDisjoint(with: ["deal", "deals", "opportunity"]) && !clause.words.contains("lifecycle")
        let contactField =
            !clause.words.isDisjoint(with: ReadIntents.contactFieldWords)
            || clause.text.rangeOfMatch(of: #"(?i)\b(?:first|last|family|given|sur)\s?name\b"#) != nil
        // "change mei.lin@…'s email to mei@…", "the company of ann@…": a contact by its address.
        let addressed =
            contactField
            && (PromptText.emails(in: clause.text).count > 1 || clause.text.rangeOfMatch(of: #"@\S+['’]s\b"#) != nil
                || clause.text.rangeOfMatch(of: #"\bof \S+@"#) != nil)
        // "change Ava's email to …", "… her last name to Ruiz-Park": a person's contact field names a contact.
        let person =
            addressed || (ReadIntents.possessor(in: clause.text) != nil && contactField)
            // "mark Chloe Okafor as a customer in HubSpot": a person named in full, with a contact's stage or the CRM.
            // "In the CRM, change the email for Leo Park to …": a contact's field of a person named in full.
            || (ReadIntents.properName(in: clause.text)?.contains(" ") == true
                && (markedAs(in: clause.text).map { lifecycleStages.contains($0.lowercased()) } == true
                    || !clause.words.isDisjoint(with: ["hubspot", "crm"]) || contactField))
            // "Look up Cordelia Ashby and update her phone to …": his or her field, on the contact just found.
            || (!clause.words.isDisjoint(with: ["his", "her", "their"]) && contactField
                && (steps.contains { ["search_contacts", "list_contacts"].contains($0.capability) }
                    || Set(PromptText.emails(in: request.prompt).map { $0.lowercased() }).count == 1
                    // "Marcus Greene has changed jobs. Please update his company to …": the person named before.
                    || RecordLookups.personNamed(before: clause, in: request.prompt) != nil))
        guard isDeal || person || !words.isDisjoint(with: ["contact", "contacts", "lead", "person"]) else {
            return .cannot("no tool here can \(clause.verb ?? "change") that")
        }
        let noun = isDeal ? "deal" : "contact"
        let statedID =
            PromptText.identifier(in: clause.text, after: [noun, "id"]) ?? PromptText.identifier(in: request.prompt, after: [noun, "id"])
            ?? request.input["id"]?.stringValue
        guard
            let found = statedID.map({ (search: PlannedStep?.none, id: JSONInput.literal(.string($0))) })
                ?? RecordLookups.record(
                    noun, in: clause, after: steps, prompt: request.prompt,
                    // "Change the email address of contact Ben Carter to ben@new…": the new value is no name to search by
                    // (the contact was searched by the address it does not have yet).
                    newValues: changeParts(in: clause.text, deal: isDeal).compactMap {
                        try? change(in: $0, deal: isDeal, request).get().value
                    })
        else {
            // "move the biggest deal to contract sent": a record picked by comparing them all, then changed, is not planned.
            if let picked = clause.text.rangeOfMatch(
                of: #"(?i)\b(?:biggest|largest|smallest|highest|lowest|most\s+valuable|least\s+valuable|cheapest|priciest|oldest)\b"#)
            {
                return .cannot(
                    "changing the \(noun) that is \(clause.text[picked]) means comparing every \(noun) first, which the embedded planner "
                        + "does not plan (the LLM planner does); name the \(noun) or give its id")
            }
            return .missing(["id": schema("The \(noun)'s id in the CRM")])
        }
        let id = statedID ?? "found"
        let capability = isDeal ? "update_deal" : "update_contact"
        // "her phone to 555-0199 and her company to Vandelay Labs": every change stated, in one update.
        let parts = changeParts(in: clause.text, deal: isDeal)
        if parts.count > 1 {
            var properties: [String: JSONValue] = [:]
            for part in parts {
                switch change(in: part, deal: isDeal, request) {
                case .success(let change): properties[change.property] = .string(change.value)
                case .failure(.unnamed): continue
                case .failure(let question): return question.outcome
                }
            }
            if isDeal { properties.merge(dealCurrency(amount: properties["amount"], in: clause.text)) { $1 } }
            return .steps(
                [found.search].compactMap { $0 } + [
                    PlannedStep(
                        tool: "crm", capability: capability, input: ["id": found.id, "properties": .literal(.object(properties))],
                        reason: "The prompt asks to set the \(noun) \(id)'s \(properties.keys.sorted().joined(separator: ", ")).")
                ])
        }
        switch change(in: clause.text, deal: isDeal, request) {
        case .success(let change):
            var properties: [String: JSONValue] = [change.property: .string(change.value)]
            if isDeal { properties.merge(dealCurrency(amount: properties["amount"], in: clause.text)) { $1 } }
            return .steps(
                [found.search].compactMap { $0 } + [
                    PlannedStep(
                        tool: "crm", capability: capability, input: ["id": found.id, "properties": .literal(.object(properties))],
                        reason: "The prompt asks to set the \(noun) \(id)'s \(change.phrase) to \(change.value).")
                ])
        case .failure(.unnamed):
            // "Update deal 2011": the fields a person would change, or the answers to them.
            let answered = UpdateAnswers.properties(deal: isDeal, request)
            guard !answered.isEmpty else { return .missing(UpdateAnswers.questions(deal: isDeal)) }
            return .steps(
                [found.search].compactMap { $0 } + [
                    PlannedStep(
                        tool: "crm", capability: capability, input: ["id": found.id, "properties": .literal(.object(answered))],
                        reason: "The answers set the \(noun) \(id)'s \(answered.keys.sorted().joined(separator: ", ")).")
                ])
        case .failure(let question): return question.outcome
        }
    }

    /// One property change a prompt states: what it calls the property, the CRM's name for it, the new value.
    struct Change {
        var phrase: String
        var property: String
        var value: String
    }

    /// Why a change could not be read: no property named, or one whose value must be asked for.
    enum ChangeQuestion: Error {
        case unnamed
        case missing([String: JSONValue])

        var outcome: Outcome {
            switch self {
            case .unnamed: return .missing([:])
            case .missing(let questions): return .missing(questions)
            }
        }
    }

    /// "Change deal 2001's stage to closed won and its amount to 45k" → ["Change deal 2001's stage to closed
    /// won", "amount to 45k"]: cut before each further property that is given a value; one part for one change.
    static func changeParts(in text: String, deal: Bool) -> [String] {
        let phrases = (deal ? dealProperties : contactProperties).map(\.phrase).filter {
            !["won", "lost", "closed won", "closed lost"].contains($0)
        }
        // "stage contractsent, close date 2027-02-15": after a comma, a property named opens a part without "to".
        let named = phrases.map(NSRegularExpression.escapedPattern).joined(separator: "|")
        let joint =
            #"(?:\s*,\s*(?:and\s+)?(?:(?:his|her|their|its|the|new)\s+)?(?=(?:"# + named
            + #")\s)|\s+and\s+(?:also\s+)?(?:(?:his|her|their|its|the|new)\s+)?(?=(?:"#
            + named + #")\s+\S))"#
        guard let expression = try? NSRegularExpression(pattern: joint, options: .caseInsensitive) else { return [text] }
        let whole = NSRange(text.startIndex..., in: text)
        var parts: [String] = []
        var start = text.startIndex
        for match in expression.matches(in: text, range: whole) {
            guard let range = Range(match.range, in: text) else { continue }
            parts.append(String(text[start..<range.lowerBound]))
            start = range.upperBound
        }
        parts.append(String(text[start...]))
        return parts
    }

    /// The property `text` changes and its new value.
    static func change(in text: String, deal isDeal: Bool, _ request: PlanningRequest) -> Result<Change, ChangeQuestion> {
        let lower = text.lowercased()
        let words = PromptText.words(text)
        let stage = isDeal ? knownStage(in: text) : nil
        // "mark contact 1003 as a customer": the value names the property.
        let lifecycle = isDeal ? nil : markedAs(in: text).flatMap { lifecycleStages.contains($0.lowercased()) ? $0 : nil }
        guard
            let (phrase, property) = stage.map({ _ in ("stage", "dealstage") })
                ?? (isDeal ? dealProperties : contactProperties).first(where: { lower.contains($0.phrase) })
                ?? lifecycle.map({ _ in ("lifecycle stage", "lifecyclestage") })
                // "update the Hooli deal to 75k": an amount alone is the deal's amount.
                ?? (isDeal && !PromptText.amounts(in: text).isEmpty ? ("amount", "amount") : nil)
        else { return .failure(.unnamed) }
        let value: String
        if property == "email", let email = PromptText.emails(in: text).last {
            // "change mei.lin@…'s email to mei@…": the last address is the new one.
            value = email
        } else if property == "amount", let amount = PromptText.amounts(in: text).first {
            value = plain(amount)
        } else if property == "amount" {
            // "amount to 25000 3. slack #sales: …": only the number is the amount, never the words after it.
            guard let amount = newValue(in: text, after: phrase).flatMap({ bareAmount(in: "amount " + $0) }) else {
                return .failure(.missing([property: schema("The new amount")]))
            }
            value = plain(amount)
        } else if property == "dealstage",
            let stage = stage ?? ["won": "closedwon", "lost": "closedlost"].first(where: { words.contains($0.key) })?.value
        {
            value = stage
        } else if property == "dealstage", let stage = stageName(in: text) {
            value = stage
        } else if property == "closedate",
            let day = newValue(in: text, after: phrase).flatMap({ PromptText.day(in: $0, now: request.now) })
        {
            value = isoDay(day)
        } else if property == "phone", newValue(in: text, after: phrase) == nil, let number = phoneNumber(in: text) {
            // "the phone of contact Jonas Berg, new number +46 70 …": the number, wherever the prompt gives it.
            value = number
        } else if let lifecycle, property == "lifecyclestage" {
            value = lifecycle.lowercased()
        } else if let text = newValue(in: text, after: phrase) ?? markedAs(in: text) {
            value = ["dealstage", "lifecyclestage"].contains(property) ? text.lowercased().replacingOccurrences(of: " ", with: "") : text
        } else {
            return .failure(.missing([property: schema("The new \(phrase)")]))
        }
        // "Move deal 2001 to the banana stage": a stage the pipeline does not have is asked for, not written.
        if property == "dealstage", !dealStages.contains(where: { $0.id == value }) { return .failure(.missing(stageQuestion)) }
        return .success(Change(phrase: phrase, property: property, value: value))
    }

    /// "mark contact 1012 as a customer (lifecycle stage)" → "customer".
    static func markedAs(in text: String) -> String? {
        guard let range = text.range(of: " as ", options: .caseInsensitive) else { return nil }
        let words = text[range.upperBound...].split(whereSeparator: \.isWhitespace).map(String.init)
            .drop { ["a", "an", "the"].contains($0.lowercased()) }
            .prefix {
                !$0.hasPrefix("(")
                    && !["in", "on", "and", "for", "please", "pls", "now", "asap", "today", "too", "right", "immediately", "thanks"]
                        .contains(
                            $0.lowercased().trimmingCharacters(in: .punctuationCharacters))
            }
        let value = words.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " .!\"'"))
        return value.isEmpty ? nil : value
    }

    /// "set company to Hooli in HubSpot" → "Hooli".
    static func newValue(in text: String, after phrase: String) -> String? {
        let lower = text.lowercased()
        guard let at = lower.range(of: phrase) else { return nil }
        let rest = text[at.upperBound...]
        // "fix the email on Ana Lima's contact, it should be ana@…": the value it should have.
        let markers = [" to ", " as ", " is ", " = ", ": ", " should be ", " must be ", " becomes ", " become ", " will be ", " equals "]
        guard let to = markers.lazy.compactMap({ rest.range(of: $0, options: .caseInsensitive) }).first else {
            // "…: stage contractsent, close date 2027-02-15": a part opening with the property gives the value after it.
            let before = lower[..<at.lowerBound].trimmingCharacters(in: .whitespaces)
            guard before.isEmpty || before.hasSuffix(":") || before.hasSuffix(",") else { return nil }
            let value = rest.trimmingCharacters(in: CharacterSet(charactersIn: " .!\"'"))
            return value.isEmpty ? nil : value
        }
        let stops: Set<String> = ["in", "on", "and", "for", "please"]
        // "her company is now Hooli": the value, without the word saying it changed.
        let words = rest[to.upperBound...].split(whereSeparator: \.isWhitespace).map(String.init)
            .drop { $0.lowercased() == "now" }.prefix { !stops.contains($0.lowercased()) }
        let value = words.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " .!\"'"))
        return value.isEmpty ? nil : value
    }

    // MARK: refund, upload, event

    static func refund(_ clause: PromptClause, _ request: PlanningRequest, after steps: [PlannedStep]) -> Outcome {
        // "Refund $5 on pi_1 and $7 on pi_2": a refund for each payment named, each with the amount said with it.
        let payments = paymentSegments(in: clause.text)
        if payments.count > 1 {
            var refunds: [PlannedStep] = []
            for segment in payments {
                var part = clause
                part.text = "refund " + segment
                guard case .steps(let planned) = refund(part, request, after: steps + refunds) else {
                    return refund(part, request, after: steps + refunds)
                }
                refunds += planned
            }
            return .steps(refunds)
        }
        if let (whole, part) = Self.contradictoryAmounts(clause, request) {
            return .cannot(
                "the refund asks for two amounts at once (\"\(whole)\" and \"\(part)\"); say which one to refund")
        }
        let stated =
            PromptText.identifier(in: clause.text, prefixes: ["pi_", "ch_", "py_"]) ?? request.input["payment_intent"]?.stringValue
        guard
            var found = stated.map({ (reads: [PlannedStep](), intent: JSONInput.literal(.string($0))) })
                ?? RecordLookups.payment(clause, request, after: steps)
        else {
            if !clause.words.isDisjoint(with: ["every", "each", "all"]) { return .cannot(RecordLookups.loopProblem(clause)) }
            return .missing(["payment_intent": schema("The payment to refund (its id, pi_…)")])
        }
        let payment = stated ?? "the invoice's payment"
        // "refund 50% of pi_…", "half of it": a share of a payment whose amount the plan cannot see.
        // "a quarter of the 200 dollars charged", "50% of the $120": that share of the one amount stated (the whole
        // $200 was refunded).
        let statedAmounts = PromptText.amounts(in: clause.text)
        let fraction = Self.fraction(in: clause.text)
        let shareOfStated = fraction.flatMap { fraction in statedAmounts.count == 1 ? statedAmounts[0] * fraction : nil }
        let share =
            shareOfStated == nil
            && (clause.text.contains("%") || clause.words.contains("percent") || fraction != nil
                || (statedAmounts.isEmpty && !clause.words.isDisjoint(with: ["half", "quarter", "third", "partial", "partially"])))
        let answered = Self.answeredCents(request.input["amount"])
        if share, answered == nil {
            return .missing([
                "amount": schema(
                    "How much to refund, in the payment's currency, for example 24.50 (the prompt asks for a share of the payment)")
            ])
        }
        // "refund €20 on the USD charge": Stripe refunds in the payment's own currency, so an amount in another
        // would be refunded as that many dollars; the prompt has to say it in the payment's currency.
        let currencies = Self.currencies(in: request.prompt)
        if currencies.count > 1 {
            return .cannot(
                "the refund names more than one currency (\(currencies.joined(separator: " and "))); a refund is made in the "
                    + "payment's own currency, so state the amount in that currency")
        }
        // "refund €40 of pi_…": Stripe refunds in the payment's own currency, which only the payment says; it is
        // read first, so that a refund in another currency is refused before approval (`RefundCurrency`).
        // "refund pi_… in full - the customer paid $40 twice": an amount said of something else is no part of a full refund
        // (it refunded $40).
        let full = clause.text.rangeOfMatch(of: Self.inFull) != nil
        if let stated, stated.hasPrefix("pi_"), currencies.count == 1, found.reads.isEmpty, !full,
            request.catalog.tool("payments")?.capability("get_payment") != nil
        {
            let read = PlannedStep(
                tool: "payments", capability: "get_payment", input: ["id": .literal(.string(stated))],
                reason: "The refund is in \(currencies[0]); the payment's own currency is read first.")
            found = (reads: [read], intent: JSONInput.reference(step: steps.count, path: "id"))
        }
        var input: [String: JSONInput] = ["payment_intent": found.intent]
        if let answered { input["amount"] = .literal(.number(answered)) }
        // Stripe's amounts are in the currency's smallest unit: cents, but yen are whole ("¥3,000" is 3000).
        let minor = currencies == ["JPY"] ? 1.0 : 100.0
        if answered == nil, let shareOfStated, (shareOfStated * minor).isFinite {
            input["amount"] = .literal(.number((shareOfStated * minor).rounded()))
        } else if !full, let amount = Self.refundAmount(clause, request), (amount * minor).isFinite {
            input["amount"] = .literal(.number((amount * minor).rounded()))
        } else if answered == nil, !full,
            Self.namesUnreadAmount(request.prompt)
                // "Refund part of Ava Garcia's last invoice": a part, of an amount not said (it was refunded in full).
                || clause.text.rangeOfMatch(of: #"(?i)\b(?:part\s+of|partial(?:ly)?|some\s+of|a\s+portion\s+of)\b"#) != nil
        {
            // "refund EUR 45 and 50 cents": an amount the plan cannot read is asked for, never refunded in full.
            return .missing([
                "amount": schema("How much to refund, in the payment's currency, for example 24.50 (the prompt names an amount)")
            ])
        }
        return .steps(
            found.reads + [
                PlannedStep(tool: "payments", capability: "create_refund", input: input, reason: "The prompt asks to refund \(payment).")
            ])
    }

    /// "in full", "fully", "the full amount", "a full refund", "the whole payment" (not "not the full amount").
    static let inFull =
        #"(?i)(?<!not |n't |of |than |instead of |not the |n't the |of the |than the |instead of the )"#
        + #"\b(?:in full|fully|(?:the\s+)?(?:full|whole|entire)\s+(?:amount|payment|refund|charge|sum|thing))\b"#

    /// "Refund pi_… in full, but only refund $15 of it": the whole payment and a part of it, both asked of one refund,
    /// as the words that say each (the full payment was refunded). Read over the prompt's refund parts when they name
    /// one payment at most, else over this part; an amount counts when it is what is refunded ("refund $15", "only
    /// $15", "$15 of it"), not one describing the payment ("the $120 charge").
    static func contradictoryAmounts(_ clause: PromptClause, _ request: PlanningRequest) -> (String, String)? {
        let refunds = PromptClauses.split(request.prompt).filter { $0.kind == .refund }.map(\.text).joined(separator: ". ")
        let ids = refunds.matches(of: /\b(?:pi|ch|py)_[A-Za-z0-9]+/).map { String($0.output) }
        let text = Set(ids).count <= 1 ? refunds + ". " + clause.text : clause.text
        let share = #"(?:[$€£¥]\s?\d[\d,.]*[kK]?|\d[\d,.]*\s?(?:%|percent|dollars?|euros?|pounds?|usd|eur|gbp)|half|a\s+quarter|a\s+third)"#
        guard
            let whole = text.rangeOfMatch(of: Self.inFull),
            let part = text.rangeOfMatch(
                of:
                    #"(?i)(?:\brefund(?:ing)?\s+(?:only\s+|just\s+)?\#(share)|\b(?:only|just)\s+\#(share)"#
                    + #"|\#(share)\s+of\s+(?:it|that|this)\b"#
                    + #"|\bpartial(?:ly)?\b)"#)
        else { return nil }
        return (String(text[whole]), String(text[part]))
    }

    /// "half", "a quarter", "three quarters", "two thirds", "25%", "25 percent" of something: the share, or nil.
    static func fraction(in text: String) -> Double? {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        for (index, word) in words.enumerated() {
            let before = index > 0 ? words[index - 1] : ""
            let counts = ["two": 2.0, "three": 3.0]
            switch word {
            case "half": return 0.5
            case "quarter", "quarters": return (counts[before] ?? 1) / 4
            case "third",
                "thirds" where ["a", "one", "two", "1/3"].contains(before):
                return (counts[before] ?? 1) / 3
            case "percent" where Double(before) != nil: return Double(before)! / 100
            default:
                if word.hasSuffix("%"), let number = Double(word.dropLast()), number > 0 { return number / 100 }
            }
        }
        return nil
    }

    /// The amount the refund's part says, or the one amount the whole prompt says ("we owe Initech twelve
    /// hundred euros back from their last invoice, refund it").
    static func refundAmount(_ clause: PromptClause, _ request: PlanningRequest) -> Double? {
        if let amount = PromptText.amounts(in: clause.text).first { return amount }
        // "Refund 15.50 of payment pi_…", "refund pi_… 15.50": a figure with no currency is in the payment's own (it was
        // dropped, and the whole payment refunded).
        for pattern in [
            #"(?i)\brefund\s+(\d+(?:[.,]\d{1,2})?)\s+(?:of|on|from|for|back)\b"#,
            #"(?i)\brefund\s+(?:payment\s+)?pi_\w+\s+(\d+[.,]\d{1,2})\b"#,
        ] {
            let text = clause.text
            if let regex = try? NSRegularExpression(pattern: pattern),
                let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                let figure = Range(match.range(at: 1), in: text),
                let amount = Double(text[figure].replacingOccurrences(of: ",", with: "."))
            {
                return amount
            }
        }
        let amounts = PromptText.amounts(in: refundContext(request.prompt))
        return amounts.count == 1 ? amounts[0] : nil
    }

    /// A currency sign, code or word the amount parser found no single number with: the prompt states an
    /// amount the plan cannot read.
    static func namesUnreadAmount(_ prompt: String) -> Bool {
        let context = refundContext(prompt)
        return !currencies(in: context).isEmpty || PromptText.amounts(in: context).count > 1
    }

    /// The prompt without the parts that ask for other actions: their amounts are theirs ("create a $5k deal
    /// and refund pi_…").
    static func refundContext(_ prompt: String) -> String {
        PromptClauses.split(prompt).filter { !$0.isAction || $0.kind == .refund }.map(\.text).joined(separator: ". ")
    }

    /// An answered refund amount, in the payment's units as the question asks ("24.50", "$24.50",
    /// "12,40"), in cents; nil when the answer is no amount above zero (it is asked again).
    static func answeredCents(_ answer: JSONValue?) -> Double? {
        let amount: Double? =
            switch answer {
            case .number(let number)?: number
            case .string(let text)?:
                PromptText.amounts(in: text).first ?? PromptText.decimal(text.trimmingCharacters(in: .whitespaces), euro: false)
            default: nil
            }
        guard let cents = amount.map({ ($0 * 100).rounded() }), cents >= 1, cents.isFinite else { return nil }
        return cents
    }

    /// "Refund $5 on pi_1 and $7 on pi_2" → ["$5 on pi_1", "$7 on pi_2"]: the words up to each payment id
    /// named, when more than one is; empty for one.
    static func paymentSegments(in text: String) -> [String] {
        let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let isPayment = { (token: String) in
            let bare = token.trimmingCharacters(in: .punctuationCharacters)
            return ["pi_", "ch_", "py_"].contains { bare.hasPrefix($0) && bare.count > $0.count }
        }
        let ids = tokens.indices.filter { isPayment(tokens[$0]) }
        guard Set(ids.map { tokens[$0] }).count > 1 else { return [] }
        var start = 0
        return ids.map { id in
            defer { start = id + 1 }
            let words = tokens[start...id].filter { !["refund", "and", "then", "also", "&", "+"].contains($0.lowercased()) }
            return words.joined(separator: " ")
        }
    }

    /// The currencies a prompt names, by symbol, code or word ("€20", "USD charge", "in dollars"), in order.
    static func currencies(in prompt: String) -> [String] {
        var names: [(code: String, symbols: [Character], words: Set<String>)] = [
            ("USD", ["$"], ["usd", "dollar", "dollars", "bucks"]), ("EUR", ["€"], ["eur", "euro", "euros"]),
            ("GBP", ["£"], ["gbp", "pound", "pounds", "quid"]), ("JPY", ["¥"], ["jpy", "yen"]),
            ("CAD", [], ["cad"]), ("AUD", [], ["aud"]), ("CHF", [], ["chf", "francs"]), ("INR", ["₹"], ["inr", "rupees", "rs"]),
        ]
        // "42,000 NOK": other codes, as written.
        for code in PromptText.currencyCodes.sorted() where !names.contains(where: { $0.code.lowercased() == code }) {
            names.append((code.uppercased(), [], [code]))
        }
        let words = PromptText.words(prompt)
        return names.filter { prompt.contains(where: $0.symbols.contains) || !words.isDisjoint(with: $0.words) }.map(\.code)
    }

    /// "contacts -> csv on drive", "export the open deals to a spreadsheet on Drive": records read, saved in the format
    /// named (CSV when none is), as a file named after them ("contacts.csv") when the prompt gives no name (it was asked
    /// for).
    static func formatNamed(_ clause: PromptClause, after steps: [PlannedStep], catalog: ToolCatalog) -> String? {
        let formats: [String: String] = [
            "csv": "csv", "spreadsheet": "csv", "sheet": "csv", "excel": "csv", "json": "json", "markdown": "md",
        ]
        // "export my contacts to Drive", "save the list of channels to drive": records with no format named are a CSV file.
        let format = clause.words.lazy.compactMap({ formats[$0] }).first ?? "csv"
        guard let read = steps.last(where: { !isAction($0, catalog) && $0.capability.hasPrefix("list_") }),
            content(after: steps, catalog: catalog) != nil
        else { return nil }
        let records = StepReferences.noun(of: read.capability).replacingOccurrences(of: " ", with: "-")
        return "\(records)s.\(format)"
    }

    static func upload(_ clause: PromptClause, _ request: PlanningRequest, after steps: [PlannedStep]) -> Outcome {
        // "a doc called "Q1 hiring plan"": a name without an extension, as stated.
        let called = PromptText.quotedTexts(in: clause.text).first { quoted in
            ["called", "named", "titled"].contains { marker in
                ["\"", "'", "“"].contains { clause.text.range(of: "\(marker) \($0)\(quoted)", options: .caseInsensitive) != nil }
            }
        }
        let stated =
            PromptText.fileName(in: clause.text) ?? called ?? request.input["name"]?.stringValue
            ?? formatNamed(clause, after: steps, catalog: request.catalog)
        let quoted = PromptText.quotedTexts(in: clause.text).filter { $0 != stated }
        // After "…: " the rest is the file's text, verbs and all ("in drive: call ben, renew domain").
        let colon = clause.text.range(of: ": ").flatMap { range -> String? in
            let label = clause.text[..<range.lowerBound].split(whereSeparator: \.isWhitespace).last.map { $0.lowercased() } ?? ""
            let labels: Set<String> = [
                "drive", "dropbox", "docs", "file", "note", "content", "contents", "text", "body", "says", "reads", "saying", "containing",
                "with",
            ]
            guard labels.contains(label) || PromptText.isFileName(label) else { return nil }
            let text = String(clause.text[range.upperBound...])
            return text.isEmpty ? nil : text
        }
        // "… that says buy more coffee": what a file says is its text, even when it opens with a verb; "containing
        // the current weather in Lisbon" names a read, whose result is the text.
        let said = [" that says ", " which says ", " that reads ", " saying ", " containing "].lazy.compactMap { marker in
            clause.text.range(of: marker, options: .caseInsensitive).map { (marker, String(clause.text[$0.upperBound...])) }
        }.first { !$0.1.isEmpty }.flatMap { marker, text in
            marker == " containing " && (ReadAsContent.names(text, in: clause.text) || ReadAsContent.fileRecords(in: clause.text) != nil)
                ? nil : text
        }
        var message =
            quoted.first ?? colon ?? said
            ?? PromptText.messageText(in: clause.text).flatMap {
                startsWithVerb($0) || ReadAsContent.names($0, in: clause.text) || ReadAsContent.fileRecords(in: clause.text) != nil
                    ? nil : $0
            }
        // The text as written, its final "." included, as a message keeps it.
        if let text = message, quoted.isEmpty, clause.text.hasSuffix(text) { message = text + clause.ending }
        guard let name = stated else {
            // "Save the notes to Drive": everything missing is asked at once, not one question after another.
            let empty = message == nil && request.input["content"] == nil && content(after: steps, catalog: request.catalog) == nil
            return .missing(
                ["name": schema("The file name, such as notes.txt")].merging(
                    empty ? ["content": schema("The text to put in the file")] : [:]
                ) {
                    $1
                })
        }
        var input: [String: JSONInput] = ["name": .literal(.string(name))]
        if let text = message.map({ JSONInput.literal(.string($0)) }) ?? request.input["content"].map(JSONInput.literal)
            ?? content(after: steps, catalog: request.catalog) ?? contentWith(after: name, in: clause.text).map({ .literal(.string($0)) })
        {
            // "… as deals.csv": records saved to a CSV file are written as CSV, not as summary lines.
            if name.lowercased().hasSuffix(".csv"), case .template(let template) = text {
                input["content"] = .template(template.replacingOccurrences(of: "|summary}}", with: "|csv}}"))
            } else {
                input["content"] = text
            }
        } else {
            // A file with nothing to put in it is not saved empty: what it should say is asked for.
            return .missing(["content": schema("The text to put in \(name)")])
        }
        let types = ["csv": "text/csv", "md": "text/markdown", "json": "application/json", "html": "text/html"]
        input["mimeType"] = .literal(.string(types[name.split(separator: ".").last.map { $0.lowercased() } ?? ""] ?? "text/plain"))
        return .steps([PlannedStep(tool: "storage", capability: "upload_file", input: input, reason: "The prompt asks to save \(name).")])
    }

    /// "save a note called groceries.txt with milk, eggs and bread": the text after the name and "with",
    /// when nothing was read before to save instead.
    static func contentWith(after name: String, in text: String) -> String? {
        guard let named = text.range(of: name), let with = text.range(of: " with ", range: named.upperBound..<text.endIndex),
            text[named.upperBound..<with.lowerBound].split(whereSeparator: \.isWhitespace).count <= 3
        else { return nil }
        let content = text[with.upperBound...].trimmingCharacters(in: .whitespaces)
        return content.isEmpty ? nil : content
    }

    static let dayPhrase = #"(?i)\b(?:(?:next|this)\s+)?(?:today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"#

    /// The day a prompt names in another part, when `text` names none.
    static func borrowedDay(for text: String, in prompt: String, now: Date) -> String? {
        guard text.rangeOfMatch(of: dayPhrase) == nil, PromptText.day(in: text, now: now) == nil,
            PromptText.dateRange(in: text, now: now) == nil, let day = prompt.rangeOfMatch(of: dayPhrase)
        else { return nil }
        return String(prompt[day])
    }

    /// Default length of an event whose end the prompt does not give.
    static let defaultEventLength: TimeInterval = 30 * 60

    static func event(_ clause: PromptClause, _ request: PlanningRequest, after steps: [PlannedStep]) -> Outcome {
        let text = clause.text.replacingOccurrences(of: "tomorow", with: "tomorrow")
        // "add her to my meeting": a person is no title.
        let title =
            request.input["title"]?.stringValue
            ?? eventTitle(in: text, verb: clause.verb).flatMap {
                ["her", "him", "them", "me", "us", "it"].contains($0.lowercased()) ? nil : $0
            }
            // "hold Friday from 10 to 2", "block my calendar tomorrow 9-12": time kept free, shown as a calendar shows it.
            ?? (["block", "hold", "reserve"].contains(clause.verb ?? "") ? "Busy" : nil)
        let formatter = ISO8601DateFormatter()
        // Times inside a quoted title ("1:1 with Maya") are not the start.
        let unquoted = PromptText.quotedTexts(in: text).reduce(text) { $0.replacingOccurrences(of: $1, with: "") }
        let start =
            request.input["start"]?.stringValue.flatMap {
                formatter.date(from: $0) ?? answeredStart($0, prompt: unquoted, now: request.now)
            }
            // "I'm off on Friday. Block 9am-12pm for errands": the day another part names, for hours given without one (they
            // were booked today).
            ?? borrowedDay(for: unquoted, in: request.prompt, now: request.now).flatMap {
                PromptText.startTime(in: $0 + " " + unquoted, now: request.now)
            }
            ?? PromptText.startTime(in: unquoted, now: request.now)
            // "I'm out tomorrow, so block my calendar 9 to 5": the day said apart from the hours, read with them.
            ?? unquoted.rangeOfMatch(of: Self.dayPhrase).flatMap { day in
                PromptText.startTime(in: unquoted[day] + " " + unquoted.replacingCharacters(in: day, with: ""), now: request.now)
            }
        var missing: [String: JSONValue] = [:]
        if title == nil { missing["title"] = schema("What the event is called") }
        if start == nil {
            missing["start"] = schema("When it starts: a day and time such as \"tomorrow at 3pm\", or ISO 8601 (2026-06-01T15:00:00Z)")
        }
        guard missing.isEmpty, let title, var start else { return .missing(missing) }
        // "in half an hour, 15 min": when it starts is no length.
        let undelayed = unquoted.replacingMatches(
            of: #"(?i)\bin\s+(?:half\s+an\s+hour|(?:an|a|one|\d+)\s+(?:hours?|hrs?|minutes?|mins?)\b)"#
                + #"|\b(?:an|a|one|\d+)\s+(?:hours?|hrs?|minutes?|mins?)\s+from\s+now\b"#,
            with: "")
        // "a 30-minute call tomorrow at 2pm that lasts two hours": two lengths, and neither is taken back; neither is guessed.
        if let (first, second) = contradictoryLengths(in: undelayed) {
            return .cannot("it says the event lasts \(first) and \(second); say which is right")
        }
        var end = start.addingTimeInterval(PromptText.duration(in: undelayed) ?? defaultEventLength)
        // "start 2026-03-12T16:00:00Z, end 2026-03-12T17:30:00Z": a second timestamp is the end.
        if let stated = PromptText.timestamps(in: unquoted).dropFirst().first, stated > start { end = stated }
        // "2pm-4pm", "from 15:00 to 16:30": the end the prompt states.
        if let range = PromptText.timeRange(in: unquoted).map({ $0.end }) ?? PromptText.endClock(in: unquoted) {
            let day = start.addingTimeInterval(-start.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400))
            var stated = day.addingTimeInterval(TimeInterval(range.hour * 3_600 + range.minute * 60))
            // "wed 12:30 to 1:30", "tmrw 2pm-2:30": an end hour said without "pm" is the first one after the start.
            if stated <= start, (1...11).contains(range.hour), stated.addingTimeInterval(12 * 3_600) > start {
                stated.addTimeInterval(12 * 3_600)
            }
            end = stated > start ? stated : stated.addingTimeInterval(86_400)
            // "tomorrow from 3pm to 2pm": past midnight only for a night ("10pm to 1am"), never a 23-hour event.
            if end.timeIntervalSince(start) > 12 * 3_600 {
                return .cannot(
                    "the event would end before it starts (\(String(format: "%02d:%02d", range.hour, range.minute)) is before the start); say the start and end again"
                )
            }
            // "a 30-minute event tomorrow from 2pm to 4pm": a length the times contradict is neither guessed.
            if let length = PromptText.duration(in: undelayed), abs(length - end.timeIntervalSince(start)) >= 60 {
                return .cannot(
                    "it says the event lasts \(Int(length / 60)) minutes but runs \(Int(end.timeIntervalSince(start) / 60)) minutes by its times; say which is right"
                )
            }
        } else if let hour = PromptText.bareEndHour(in: unquoted) {
            // "10 o'clock until 11", "from 2 till 4": the first such hour after the start, morning or afternoon.
            let day = start.addingTimeInterval(-start.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400))
            let ends = [hour % 12, hour % 12 + 12, hour % 12 + 24].map { day.addingTimeInterval(TimeInterval($0 * 3_600)) }
            if let stated = ends.first(where: { $0 > start }) { end = stated }
        }
        // "9am PT": the clock time is the zone's, so the instant moves by its offset; an answer in words ("tomorrow 3pm
        // ET") says its own zone (an ISO 8601 answer or timestamp carries its offset already).
        let answer = request.input["start"]?.stringValue
        let zoned =
            answer.map { formatter.date(from: $0) == nil ? $0 : nil } ?? (PromptText.timestamps(in: unquoted).isEmpty ? unquoted : nil)
        if let zoned, let offset = PromptText.zoneOffset(in: zoned, at: start) {
            start.addTimeInterval(-offset)
            end.addTimeInterval(-offset)
        }
        var input: [String: JSONInput] = [
            "summary": .literal(.string(title)),
            "start": .literal(.object(["dateTime": .string(formatter.string(from: start))])),
            "end": .literal(.object(["dateTime": .string(formatter.string(from: end))])),
        ]
        let attendees = PromptText.emails(in: text)
        let found = RecordLookups.peopleFound(clause, after: steps)
        if !attendees.isEmpty {
            input["attendees"] = .literal(.array(attendees.map { .object(["email": .string($0)]) }))
        } else if found.count > 1 {
            // "Find Chloe Okafor in the CRM. Find Daniel Reyes in the CRM. Invite them to …": each person found attends.
            input["attendees"] = ComposedText.json("[" + found.map { "{\"email\": \"\($0)\"}" }.joined(separator: ", ") + "]")
        } else if let found = RecordLookups.recipient(clause, prompt: request.prompt, after: steps) {
            // "find Hiro's email … and set up a call with him": the person an earlier step found attends.
            input["attendees"] =
                found.contains("{{")
                ? ComposedText.json("[{\"email\": \"\(found)\"}]") : .literal(.array([.object(["email": .string(found)])]))
        }
        // "a call with our contact at Quillstone Bank": that contact, found first, attends (the event was made with no one).
        var lookup: [PlannedStep] = []
        if input["attendees"] == nil, let company = contactCompany(in: text) {
            lookup = [
                PlannedStep(
                    tool: "crm", capability: "search_contacts", input: ["query": .literal(.string(company))],
                    reason: "The prompt invites the contact at \(company); find them first.")
            ]
            input["attendees"] = ComposedText.json("[{\"email\": \"{{\(steps.count).0.properties.email}}\"}]")
        }
        if let description = eventDescription(in: text, request, after: steps + lookup) { input["description"] = description }
        return .steps(
            lookup + [
                PlannedStep(
                    tool: "calendar", capability: "create_event", input: input,
                    reason: "The prompt asks to schedule \"\(title)\" at \(formatter.string(from: start)).")
            ])
    }

    /// "… with the current conditions in the description" after reading the weather: what was read, in the event's
    /// description (the event was made without it); "with the description 'Bring water'": those words.
    static func eventDescription(in text: String, _ request: PlanningRequest, after steps: [PlannedStep]) -> JSONInput? {
        let lower = text.lowercased()
        if let range = text.rangeOfMatch(
            of: #"\b(?:description|notes?)\s*(?:saying|that says|reading|of|:)?\s*["“]([^"”]+)["”]"#,
            options: .caseInsensitive),
            let quoted = PromptText.quotedTexts(in: String(text[range])).first
        {
            return .literal(.string(quoted))
        }
        // "…, so add a short description: review Q3 targets", "Agenda - budget, hiring": the text after its label, to the
        // end of its sentence, in this part or another of the prompt.
        for source in [text, request.prompt] {
            if let label = source.rangeOfMatch(
                of: #"(?i)\b(?:description|agenda|notes)\s*(?::|-|–|—|\bis\b|\bsaying\b|\bthat\s+says\b|\breading\b)\s*(?=[^\s"“])"#)
            {
                let rest = source[label.upperBound...]
                let end = rest.rangeOfMatch(of: #"[.!?](?=\s|$)|\n"#)?.lowerBound ?? rest.endIndex
                let said = rest[..<end].trimmingCharacters(in: .whitespaces)
                if !said.isEmpty, said.split(separator: " ").count <= 40 { return .literal(.string(said)) }
            }
        }
        let placed = [
            "in the description", "as the description", "into the description", "to the description", "in its description",
            "in the event description", "in the notes", "as the notes", "in the event notes", "description with",
        ]
        guard placed.contains(where: lower.contains),
            let read = steps.lastIndex(where: {
                !isAction($0, request.catalog) && !["find_channel", Weather.geocode].contains($0.capability)
            })
        else { return nil }
        return .template("{{\(read)|summary}}")
    }

    /// Two different lengths said of one event, far apart and with no correction between them ("2 hours 30 minutes" is one).
    static func contradictoryLengths(in text: String) -> (String, String)? {
        let length =
            #"(?i)\b(?:\d+(?:\.\d+)?|an?|one|two|three|four|five|six|half\s+an?|fifteen|twenty|thirty|forty[- ]five|forty|sixty|ninety)"#
            + #"\s*-?\s*(?:minutes?|mins?|hours?|hrs?)\b"#
        var said: [(Range<String.Index>, TimeInterval)] = []
        var rest = text[...]
        while let found = rest.rangeOfMatch(of: length), said.count < 4 {
            if let value = PromptText.duration(in: String(text[found])) { said.append((found, value)) }
            rest = text[found.upperBound...]
        }
        guard said.count == 2, said[0].1 != said[1].1 else { return nil }
        let between = text[said[0].0.upperBound..<said[1].0.lowerBound]
        guard between.split(whereSeparator: \.isWhitespace).count >= 3,
            between.rangeOfMatch(of: #"(?i)\b(?:actually|instead|sorry|rather|make\s+it|no|or|and\s+a\s+break|before|after|buffer)\b"#)
                == nil
        else { return nil }
        let minutes = { (length: TimeInterval) in "\(Int(length / 60)) minutes" }
        return (minutes(said[0].1), minutes(said[1].1))
    }

    /// "'Sprint planning'", "called Roadmap sync", "about the contract", "with ann@…", "for Deep work", "Schedule Standup …".
    static func eventTitle(in text: String, verb: String?) -> String? {
        if let quoted = PromptText.quotedTexts(in: text).first { return quoted }
        // "book a site visit … tomorrow 10am for an hour": how long it lasts names nothing (it was titled "An").
        let text = text.replacingMatches(
            of: #"(?i)\s+for\s+(?:an?|one|two|three|half\s+an|\d+(?:\.\d+)?)\s*(?:hours?|hrs?|h|minutes?|mins?)\b"#, with: "")
        if let named = nameRun(in: text, after: ["called", "titled", "named"]) { return named }
        // "…, one hour, name is Design handover", "title: Budget sync", "title Vendor sync", "… call it sprint sync":
        // the name stated as a value.
        if let label = text.rangeOfMatch(
            of: #"\b(?:name|title)\s+(?:is|should be|will be)\s+|\btitle:\s*|\btitle\s+(?=(?-i:\p{Lu}))|\b(?:call|name|title)\s+it\s+"#,
            options: .caseInsensitive),
            let named = nameRun(in: "called " + text[label.upperBound...], after: ["called"])
        {
            return named
        }
        // "add a meeting to my calendar: Quarterly review, Jan 8 …": the words after the colon, up to the when.
        if let colon = text.range(of: ": ") {
            let head = text[colon.upperBound...].prefix { $0 != "," && $0 != ";" }.split(separator: " ")
            let words = head.prefix {
                !PromptText.namesTime($0.lowercased()) && !["on", "at", "from", "with", "for"].contains($0.lowercased())
            }
            if (1...5).contains(words.count), words.first?.first?.isLetter == true {
                return words.joined(separator: " ")
            }
        }
        // "set a reminder in my calendar on 15th December 10 AM - Submit GST returns": what it is, after a dash at the end.
        // "… for 15 Dec 8am - gas safe cert renewal": in lower case too, in two words or more.
        if let named = text.captured(
            of: #"\s[-–—]\s+((?-i:\p{Lu})[^-–—:@\n]{2,60}?|(?-i:\p{Ll})[^-–—:@\n\s]+\s[^-–—:@\n]{2,60}?)[.!]?$"#, group: 1),
            named.split(separator: " ").count <= 6, !named.split(separator: " ").contains(where: { PromptText.namesTime($0.lowercased()) }),
            named.rangeOfMatch(of: #"(?i)^(?:thanks|thank|please|pls|cheers|ta|ty|if|and|but|so|i|we|it|that|this)\b"#) == nil
        {
            return named
        }
        // "… to discuss the renewal": what it is about.
        if let topic = ReadIntents.topic(in: text, after: ["about"]) ?? ReadIntents.topic(in: text, after: ["discuss"]) {
            return "Meeting about \(topic)"
        }
        if let attendee = PromptText.emails(in: text).first {
            // "invite ben@… to the design review on friday": what they are invited to.
            if verb == "invite", let invited = invitedTo(in: text) { return invited }
            // "schedule lunch with ben@…", "set up a quick sync w/ ann@…": the kind of meeting names it.
            // "put a volunteer orientation on the calendar … and invite kira@…", "Add a board meeting on … and invite
            // treasurer@…": what is put there names it.
            return meetingKind(in: text, verb: verb)
                ?? verb.flatMap { verb in
                    placedOnCalendar(in: text, verb: verb).flatMap { $0.contains("@") || $0.split(separator: " ").count > 4 ? nil : $0 }
                }
                ?? namedMeeting(in: text) ?? "Meeting with \(attendee)"
        }
        // "set up a 1:1 with them", "a quick call with her" (someone found before): the kind of meeting names it.
        let tokens = text.lowercased().split(whereSeparator: \.isWhitespace).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;!?"))
        }
        // "create event design crit next tuesday two pm": the words after "event", up to when it is.
        if let event = tokens.indices.dropFirst().first(where: { ["event", "meeting"].contains(tokens[$0]) }),
            tokens[..<event].allSatisfy({ ["create", "new", "add", "an", "a", verb ?? "create"].contains($0) })
        {
            let stops: Set<String> = ["on", "at", "from", "with", "for", "next", "this", "in", "to", "called", "named"]
            let words = tokens.dropFirst(event + 1).prefix {
                !PromptText.namesTime($0) && !stops.contains($0) && $0.allSatisfy { $0.isLetter || $0 == "-" }
            }
            if (1...4).contains(words.count),
                // "a meeting lunch with Ana": whom it is with is named by the paths below.
                tokens.dropFirst(event + 1 + words.count).first.map({ PromptText.namesTime($0) || (stops.contains($0) && $0 != "with") })
                    ?? true
            {
                return words.joined(separator: " ").capitalizedFirst
            }
        }
        // "set up a team standup on Friday at 9am" (no one named): the kind of meeting too.
        let kinds: Set<String> = [
            "1:1", "call", "sync", "catch-up", "standup", "appointment", "review", "retro", "interview", "workshop", "lunch", "dinner",
            "coffee", "breakfast", "demo", "kickoff", "training", "huddle",
        ]
        // "Set up lunch with Hiro Nakamura on the 3rd": the kind of meeting, with whom (the title was asked for).
        if let kind = tokens.indices.dropFirst().first(where: { kinds.contains(tokens[$0]) }), tokens.dropFirst(kind + 1).first == "with",
            let counterpart = nameRun(in: text, after: ["with"]),
            PartyNames.fullNames(in: counterpart) == [counterpart]
                // "Set up lunch with the Hooli team on Tuesday": a company's team.
                || counterpart.rangeOfMatch(
                    of: #"^(?:the\s+)?\p{Lu}[\w&.'’-]*(?:\s+\p{Lu}[\w&.'’-]*)?\s+(?i:team|folks|crew|people|group)$"#) != nil
        {
            let stops = ["a", "an", "quick", "short", "the", "my", "our", "up", "event", "meeting", "new", verb ?? "a"]
            let lead = tokens[..<kind].reversed().prefix { !stops.contains($0) && !isLength($0) }
            if lead.count < 3 { return (lead.reversed() + [tokens[kind]]).joined(separator: " ").capitalizedFirst + " with " + counterpart }
        }
        if let kind = tokens.indices.dropFirst().first(where: { kinds.contains(tokens[$0]) }),
            tokens.dropFirst(kind + 1).first != "with" || ["them", "him", "her"].contains(tokens.dropFirst(kind + 2).first ?? "")
        {
            // "a 30 minute intro call with them" → "Intro call".
            let stops = ["a", "an", "quick", "short", "the", "my", "our", "up", "event", "meeting", "new", verb ?? "a"]
            let lead = tokens[..<kind].reversed().prefix { !stops.contains($0) && !isLength($0) }
            if lead.count < 3 { return (lead.reversed() + [tokens[kind]]).joined(separator: " ").capitalizedFirst }
        }
        // ("the slab pour in the calendar for Wed 9 Dec 7am-11am": a day is no name.)
        let capitalised = { (name: String?) in
            name.flatMap { $0.first?.isUppercase == true && !PromptText.namesDay($0.split(separator: " ")[0].lowercased()) ? $0 : nil }
        }
        if let name = capitalised(nameRun(in: text, after: ["for"])) ?? capitalised(verb.flatMap { nameRun(in: text, after: [$0]) }) {
            return name
        }
        // "put the quarterly numbers call on my calendar": what is put there.
        guard let verb, ["put", "add", "block", "book", "schedule"].contains(verb) else { return nil }
        // "block 2h tomorrow for deep work": what the time is for.
        // ("for the stocktake": "Stocktake".)
        if ["block", "book", "reserve"].contains(verb), let purpose = nameRun(in: text, after: ["for"]) {
            return purpose.replacingMatches(of: #"^(?i:the|a|an|our|my)\s+"#, with: "").capitalizedFirst
        }
        if let placed = placedOnCalendar(in: text, verb: verb) { return placed }
        var words = nameRun(in: text, after: [verb])?.split(separator: " ").drop { ["the", "a", "an", "my"].contains($0.lowercased()) }
        // "put a meeting lunch with Ana on tuesday": what the meeting is.
        if let run = words, run.count > 1, ["meeting", "event"].contains(run.first?.lowercased() ?? ""),
            !["with", "for", "on", "at", "about", "to"].contains(run.dropFirst().first?.lowercased() ?? "")
        {
            words = run.dropFirst()
        }
        // "a vendor call with Okonkwo Freight": whom it is with belongs in the title.
        let counterpart = nameRun(in: text, after: ["with"]).flatMap {
            $0.first?.isUppercase == true && !PromptText.namesTime($0.lowercased()) ? $0 : nil
        }
        // "Book 30 min with Ben Garcia Thursday at 2pm": a meeting with them (the title was asked for).
        guard let title = words.flatMap({ $0.isEmpty ? nil : $0.joined(separator: " ").capitalizedFirst }) else {
            // "book 30 min with him" (someone found before): a meeting.
            let found = text.rangeOfMatch(of: #"(?i)\bwith\s+(?:him|her|them)\b"#) != nil ? "Meeting" : nil
            return counterpart.map { "Meeting with " + $0 } ?? found
        }
        return counterpart.map { title + " with " + $0 } ?? title
    }

    /// An answer for `start` read as the prompt is: "tomorrow at 3pm", or "3pm" on the day the prompt names.
    static func answeredStart(_ answer: String, prompt: String, now: Date) -> Date? {
        if PromptText.day(in: answer, now: now) != nil || PromptText.dateRange(in: answer, now: now) != nil {
            return PromptText.startTime(in: answer, now: now)
        }
        return PromptText.startTime(in: prompt + " at " + answer, now: now) ?? PromptText.startTime(in: answer, now: now)
    }

    /// "invite ben@… to the design review on friday at 3pm" → "Design review".
    static func invitedTo(in text: String) -> String? {
        let tokens = text.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;!?")) }
        guard let to = tokens.firstIndex(where: { $0.lowercased() == "to" }) else { return nil }
        let skipped: Set<String> = ["the", "a", "an", "our", "my", "minute", "minutes", "hour", "hours"]
        let words = tokens[(to + 1)...].prefix {
            !PromptText.namesTime($0.lowercased()) && !["on", "at", "from", "with", "for", "next", "this"].contains($0.lowercased())
                && !$0.contains("@")
        }.filter { !skipped.contains($0.lowercased()) && !isLength($0) }
        guard (1...4).contains(words.count), words.allSatisfy({ $0 == "1:1" || $0.allSatisfy { $0.isLetter || $0 == "-" } }) else {
            return nil
        }
        return words.joined(separator: " ").capitalizedFirst
    }

    /// The words between the verb and "with" when they name a kind of meeting ("lunch", "design review").
    static func meetingKind(in text: String, verb: String?) -> String? {
        let tokens = text.lowercased().split(whereSeparator: \.isWhitespace).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;!?"))
        }
        guard let verb = verb?.split(separator: " ").last.map(String.init), let start = tokens.firstIndex(of: verb),
            let with = tokens[(start + 1)...].firstIndex(where: { ["with", "w/"].contains($0) })
        else { return nil }
        let skipped: Set<String> = ["up", "a", "an", "quick", "short", "the", "new", "in", "minute", "minutes", "hour", "hours", "long"]
        // "a design sync tomorrow at 3pm ET with …": the kind ends where the time starts.
        let kind = tokens[(start + 1)..<with].prefix { !PromptText.namesTime($0) && !["at", "on", "from", "next", "this"].contains($0) }
            .filter { !skipped.contains($0) && !isLength($0) }
        let kinds = ReadIntents.events.union([
            "call", "coffee", "dinner", "breakfast", "chat", "catch-up", "meetup", "check-in", "session", "review", "walk", "retro",
            "workshop", "interview", "huddle", "sync-up", "kickoff", "kick-off",
        ])
        // ("a P1 retro", "a Q4 forecast review": a word with a digit names it too.)
        guard (1...3).contains(kind.count), kind.last.map(kinds.contains) == true,
            kind.allSatisfy({ $0 == "1:1" || ($0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } && $0.contains(where: \.isLetter)) }
            )
        else { return nil }
        return kind.joined(separator: " ").capitalizedFirst
    }

    /// "Add a board meeting on January 12th …": a meeting named by the words before "meeting" (not "a quick meeting").
    static func namedMeeting(in text: String) -> String? {
        guard
            let kind = text.captured(
                of:
                    #"(?i)\b(?:add|schedule|book|create|put|organi[sz]e|arrange|plan|hold)\s+(?:a|an|the|our)\s+([a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)?\s+meeting)\b"#,
                group: 1),
            !kind.split(separator: " ").contains(where: {
                ["quick", "short", "new", "brief", "long", "calendar", "recurring", "virtual", "zoom", "video", "phone"].contains(
                    $0.lowercased())
                    || isLength(String($0))
            })
        else { return nil }
        return kind.capitalizedFirst
    }

    /// "2h", "45m", "1.5", "hour": a word of an event's length.
    static func isLength(_ word: String) -> Bool {
        let word = word.lowercased()
        // "a 45-minute budget review", "2-hour": the length as an adjective.
        let adjective = word.rangeOfMatch(of: #"^\d+(?:\.\d+)?-(?:minute|min|hour|hr)s?$"#) != nil
        return adjective || PromptText.compactDuration(word) != nil || PromptText.durationUnit(word) != nil || Double(word) != nil
    }

    /// "put a 1:1 with Maya on my cal" → "1:1 with Maya": everything the verb puts on the calendar.
    static func placedOnCalendar(in text: String, verb: String) -> String? {
        let lower = text.lowercased()
        guard let verbAt = lower.range(of: verb + " "),
            let on = [" on my ", " in my ", " to my ", " on the ", " into my "].compactMap({
                lower.range(of: $0, range: verbAt.upperBound..<lower.endIndex)
            })
            .min(by: { $0.lowerBound < $1.lowerBound })
        else { return nil }
        let words = text[verbAt.upperBound..<on.lowerBound].split(whereSeparator: \.isWhitespace).drop {
            ["the", "a", "an", "my"].contains($0.lowercased())
        }.filter { !isLength(String($0)) }
        return words.isEmpty || words.count > 6 ? nil : words.joined(separator: " ").capitalizedFirst
    }

    static func schema(_ description: String) -> JSONValue {
        .object(["type": .string("string"), "description": .string(description)])
    }

    static func plain(_ amount: Double) -> String {
        amount.rounded() == amount && abs(amount) < 1e15 ? String(Int(amount)) : String(amount)
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

extension PromptText {
    /// Every `#channel`, in order.
    public static func channels(in prompt: String) -> [String] {
        prompt.split(whereSeparator: \.isWhitespace).filter(PromptText.namesChannel)
            .map { String($0.dropFirst()).trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?\"')")) }
    }

    /// Channels something is read from, not posted to: "email kai@… the last messages *from #support*",
    /// "… what was said *in #eng*".
    public static func sourceChannels(in prompt: String) -> Set<String> {
        let tokens = prompt.split(whereSeparator: \.isWhitespace)
        let words = tokens.map { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) }
        let said: Set<String> = [
            "messages", "message", "msgs", "said", "posted", "history", "conversation", "discussion", "thread", "chatter",
        ]
        let sources = tokens.indices.dropFirst().filter { index in
            words[index - 1] == "from" || (index > 1 && ["in", "of", "on"].contains(words[index - 1]) && said.contains(words[index - 2]))
        }
        return Set(sources.flatMap { channels(in: String(tokens[$0])) })
    }
}
