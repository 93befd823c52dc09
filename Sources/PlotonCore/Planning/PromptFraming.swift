import Foundation

/// The request inside the framing agents wrap around it: "Context: … Task: … Output: …" labels,
/// bullet and numbered lines, a role statement ("You are an ops assistant …") and a request quoted
/// after "They wrote:". Context is dropped, each line is its own part, and "Output: a, b" asks for
/// the fields a and b. A prompt without framing is returned as written.
enum PromptFraming {
    /// Labels whose text describes the situation rather than asking for anything.
    static let contextLabels: Set<String> = [
        "context", "background", "note", "notes", "fyi", "situation", "persona", "role", "system", "constraints", "constraint", "rules",
        // CrewAI's agent: "Role: …\nGoal: …\nBackstory: …".
        "backstory",
    ]
    /// "Restated goal:", "To recap:": the request said again.
    static let restatementLabels: Set<String> = [
        "restating the goal", "restating the task", "to recap", "recap", "in short", "summary of the goal", "goal restated",
        "task restated", "restated goal", "restated", "to restate", "in other words", "to summarize", "to summarise", "reminder",
        "to be clear", "again", "goal again", "once more", "to restate the goal", "to restate the task", "to restate the request",
        "restating the request", "to recap the goal", "restating the user's goal", "the goal restated",
    ]
    /// Labels in front of the request itself.
    static let requestLabels: Set<String> = [
        "task", "tasks", "request", "ask", "goal", "todo", "instruction", "instructions", "steps", "action", "actions", "query",
        "objective", "job", "user",
        // "System: you are an email assistant.\nHuman: who sent me …", "Planner: The customer … Fetch their open invoices": the
        // request, addressed to whoever carries it out (the speaker was read as a verb).
        "human", "planner", "executor",
    ]
    /// Labels in front of the fields to return.
    static let outputLabels: Set<String> = ["output", "format", "fields", "return", "returns", "deliverable", "result", "results"]
    /// A role statement opens with one of these; it describes the agent, not the work.
    static let roleOpenings = ["you are ", "you're ", "i'm an assistant", "i am an assistant", "i'm an agent", "i am an agent"]
    static let arrows = [" -> ", " → ", " => ", " --> "]
    /// "They wrote: '…'": the words after one of these, quoted, are the request.
    static let reportedVerbs: Set<String> = ["wrote", "writes", "said", "says", "asked", "asks", "messaged", "typed"]

    /// Whether a sentence asks for something: an action, or a read put as a command or a question.
    static func asks(_ sentence: String) -> Bool {
        let (kind, verb) = PromptClauses.classify(sentence)
        let reads: Set<String> = [
            "get", "list", "show", "pull", "fetch", "find", "search", "look", "check", "read", "give", "what", "what's", "whats",
            "which", "who", "how", "when", "where",
        ]
        return kind != .read || reads.contains(verb ?? "")
    }

    /// Stands for a line break inside quoted text while lines are read as parts.
    static let quotedBreak = "\u{E000}"

    static func request(in prompt: String) -> String {
        // "saying "Hi Priya,\n…\nBest, Jo"": a message's own line breaks are its text's, not parts of the prompt.
        let kept = linesQuotedKept(prompt)
        let request = request(inLines: kept)
        return (request == kept ? prompt : request).replacingOccurrences(of: quotedBreak, with: "\n")
            // "…tomorrow at 10\nAssistant: For how long?\nUser: make it 90 minutes": the answer is the length ("make it"
            // was read as an action no tool has).
            .replacingMatches(
                of:
                    #"(?i)(?<!\bsorry|\bactually|\bwait|\bno),\s+make\s+it\s+(?=(?:an?|one|two|three|half|\d+(?:\.\d+)?)\s*-?\s*(?:and\s+a\s+half\s+)?(?:hours?|hrs?|h|minutes?|mins?)\b)"#,
                with: ", for ")
    }

    /// The prompt with the line breaks inside double quotes stood for by `quotedBreak`.
    static func linesQuotedKept(_ prompt: String) -> String {
        guard prompt.contains("\n"), prompt.contains("\"") || prompt.contains("'") || prompt.contains("“") else { return prompt }
        let characters = Array(prompt)
        var open: Character?
        var text = ""
        for (index, character) in characters.enumerated() {
            let before = index > 0 ? characters[index - 1] : nil
            let after = index + 1 < characters.count ? characters[index + 1] : nil
            if open == nil, character == "\"" {
                open = character
            } else if open == nil, character == "“" {
                open = "”"
            } else if open == "”", character == "”" {
                open = nil
            } else if open == nil, character == "'", before.map({ !$0.isLetter && !$0.isNumber }) ?? true {
                // "with content 'region,amount\nEMEA,…'": a single quote opens after a space, never inside a word ("don't").
                open = character
            } else if character == open, character == "\"" || after.map({ !$0.isLetter && !$0.isNumber }) ?? true {
                open = nil
            }
            text += open != nil && character.isNewline ? quotedBreak : String(character)
        }
        // An unclosed quote keeps every line break.
        return open != nil ? prompt : text
    }

    static func request(inLines prompt: String) -> String {
        // "I'm new here, what's the weather in Paris?": the remark opening it asks nothing.
        let prompt = StatedOwners.addressed(arrowsCut(prompt)).replacingMatches(
            of: #"(?i)^(?:(?:hi|hello|hey)[,!]?\s)?i(?:'m| am) new(?: here| to this| to ploton)?\s?[,;]\s?"#, with: ""
        )
        // "You have access to the calendar tool.", "You can use these tools: …": what the agent may use, never a request.
        .replacingMatches(
            of: #"(?i)^you(?:\s+now)?\s+(?:have\s+access\s+to|can\s+use|are\s+given|may\s+use)\s+"#
                + #"[^.!?\n]{1,80}?\btools?\b[^.!?\n]{0,80}[.!]\s*"#,
            with: ""
        )
        // "Restating the user's goal to make sure I have it: they want …", "The user's goal, restated: …": what follows
        // is the request (the lead-in was read as one).
        .replacingMatches(
            of: #"(?i)^(?:(?:restating|to\s+restate|recapping|to\s+recap)\s+(?:the\s+)?(?:(?:end\s+)?user's\s+|their\s+|your\s+)"#
                + #"(?:goal|request|task|ask)\b[^:\n]{0,50}|(?:the\s+)?(?:(?:end\s+)?user's|their)\s+(?:goal|request|task|ask),?\s+"#
                + #"(?:restated|again|in\s+short)):\s*(?:(?:they|the\s+user|he|she)\s+wants?\s+(?=(?:an?|the)\s))?"#,
            with: ""
        )
        // "(they want) an email sent to their accountant (hana@…) that says …": the send, put as what is wanted.
        .replacingMatches(
            of: #"(?i)^(?:an?\s+)(e-?mail|message|note)\s+(?:sent|going\s+out|that\s+goes)\s+to\s+"#, with: "send an $1 to "
        )
        // "… Proceeding with the refund.", "Going ahead now.": the agent saying it will do what it just said (a second,
        // empty refund was planned).
        .replacingMatches(
            of: #"(?i)(?:^|(?<=[.!?]))\s*(?:i(?:'m|\s+am|'ll|\s+will)\s+)?(?:proceeding|going\s+ahead|moving\s+ahead)"#
                + #"(?:\s+now)?(?:\s+with\s+(?:the|this|that|it)\b[^.!?\n]{0,40})?(?:\s+now)?\s*[.!]"#,
            with: ""
        )
        // "The assistant should upload …", "Ploton should …": who is to do it, then what.
        .replacingMatches(
            of: #"(?i)^(?:(?:the|your|our)\s(?:assistant|agent|bot)|ploton|you)\s"#
                + #"(?:should|must|needs?\sto|has\sto|have\sto|is\sto|will)\s"#,
            with: "")
        let typed = prompt.split(whereSeparator: \.isNewline).map(String.init)
        let written = assistantTurnsDropped(quotedContextDropped(othersStepsDropped(typed)))
        let untitled = listTitlesDropped(written)
        let lines = messageLabelsJoined(untitled.map { unbulleted($0) }.filter { !$0.isEmpty })
        // "The user says: "I can't find the board deck." Task: list the Drive files …": a labelled task is the request,
        // and what the user said is its context.
        let tasked =
            lines.joined(separator: " ").rangeOfMatch(
                of: #"(?i)(?:^|[.!?"”]\s)(?:task|request|action|instructions?|todo|to do)\s*:"#) != nil
        if !tasked, let quoted = reportedRequest(in: lines.joined(separator: " ")) { return quoted }
        // Each line is a part of its own: one without an ending gets a full stop.
        let joined = lines.map { line in
            line.last.map { ".!?:;,".contains($0) } == true ? line : line + "."
        }.joined(separator: " ")
        var kept: [String] = []
        var dropped: [String] = []
        var dropping = false
        var framed = lines.count > 1 || untitled.count < typed.count
        let parts = sentences(of: joined)
        // "To restate the goal: the user wants the current humidity in Cape Town. Nothing else is needed.": a restatement
        // opening the prompt is the request when nothing after it asks, or when what asks points back to it ("… wants to
        // see all of their invoices. Retrieve them with …"); it was refused as a verb, or dropped as context.
        if let restated = parts.first.flatMap(Self.restatement(in:)), !restated.isEmpty {
            let asking = parts.dropFirst().filter { asks($0) || asksForFields($0) }
            if asking.isEmpty { return restated }
            if asking.contains(where: { !PromptText.words($0).isDisjoint(with: ["them", "it", "their", "its", "they", "those"]) }) {
                return ([restated] + asking).joined(separator: " ")
            }
        }
        // "Goal: onboard a new client. Steps: (a) …": a goal the steps after it spell out only sums them up.
        let labels = parts.compactMap { labelled($0)?.0 }
        // "Goal: notify the team. Action: post "…" to #eng.": the goal is what the labelled action does.
        let summarised = labels.contains { ["steps", "task", "todo", "action", "actions", "instructions"].contains($0) }
        // "Goal: archive the pipeline snapshot. Restated: list user_456's open deals and upload them …", "The user is
        // travelling to Cape Town tomorrow. Restated goal: current conditions in Cape Town.": after a goal or a scene that
        // asks for nothing, the request said again is the one to carry out (the vague goal was refused, the scene read).
        if !summarised, let again = parts.indices.dropFirst().first(where: { Self.restatement(in: parts[$0]) != nil }),
            let restated = Self.restatement(in: parts[again]), !restated.isEmpty,
            parts[..<again].allSatisfy({ part in
                labelled(part).map { ["goal", "objective"].contains($0.0) || contextLabels.contains($0.0) } ?? !asks(part)
            })
        {
            return ([restated] + parts[(again + 1)...]).joined(separator: " ")
        }
        // The labelled task, and where it stands among the parts kept.
        var task: (index: Int, text: String)?
        for sentence in parts {
            var text = sentence
            if let (label, rest) = labelled(sentence) {
                framed = true
                dropping = contextLabels.contains(label) || (summarised && ["goal", "objective"].contains(label))
                if requestLabels.contains(label) {
                    text = rest
                    if task == nil { task = (kept.count, rest) }
                }
                // "Constraints: read-only; return only the name and size.": the fields it asks for are no context.
                if dropping, let fields = AgentFields.returnedFields(in: rest) {
                    kept.append("Return " + fields + ".")
                }
                // "Expected output: Confirmation that the deal was updated.": what the outcome is, no field of a record.
                if outputLabels.contains(label), Self.confirmsOutcome(rest) {
                    text = ""
                } else if outputLabels.contains(label) {
                    let fields = withoutFormat(rest)
                    text = fields.isEmpty ? "" : "Return " + fields
                }
            } else if let topical = Self.recordTopicFirst(sentence) {
                framed = true
                text = topical
            }
            // "Context: our rep just got off a call with 7-Eleven. Please update the 7-Eleven deal …": with no label
            // after it, the context ends where a sentence asks for something.
            // "Constraints: read-only, do not post anything. Return its topic and member count.": fields asked end it too.
            else if dropping, asks(sentence) || asksForFields(sentence) {
                dropping = false
            }
            let lower = text.lowercased()
            if roleOpenings.contains(where: lower.hasPrefix) || Self.agentOpening(text) {
                framed = true
                continue
            }
            // With a labelled task, what the user said is its context.
            if tasked, labelled(sentence) == nil,
                text.rangeOfMatch(of: #"(?i)\b(?:says|said|wrote|writes|asked|asks|mentioned|complained)\s*:"#) != nil
            {
                framed = true
                dropped.append(text)
                continue
            }
            // "Context: … Payment id: pi_…. Action required: refund 25.00 USD of it.": the record the request points back to.
            let identifies = text.rangeOfMatch(of: #"(?i)\bid\s*:\s*(?:pi|ch|py|cus|in|sub)_[A-Za-z0-9]+"#) != nil
            // "Constraints: Subject "Payment reminder INV-0042". Body: "Hi Ravi, …"": the message's own words, stated there.
            if dropping, let stated = Self.statedMessagePart(text) {
                kept.append(stated)
                continue
            }
            if (!dropping || identifies), !text.isEmpty { kept.append(text) } else if dropping { dropped.append(text) }
        }
        // "Task: Refund and notify. Context: refund $20 on pi_…, then email the customer at hana@… to say "…"", "Task: Resolve a
        // location. Context: the user … wrote "where exactly is Tromsø? …"": a task that only names the kind of work, with the
        // request itself in its context (the task's words were refused, or half of it done).
        // (A "Task:" line may have been read as a labelled request already, its label gone.)
        if task == nil, prompt.rangeOfMatch(of: #"(?im)(?:^[ \t]*|[.!?]\s+)context\s*:"#) != nil, let first = kept.first {
            task = (0, first)
        }
        if let task, kept.indices.contains(task.index), kept[task.index] == task.text,
            Self.namesKindOnly(task.text),
            let concrete = Self.concreteRequest(in: dropped, prompt: prompt, task: task.text)
        {
            kept[task.index] = concrete
        } else if let task, kept.indices.contains(task.index), Self.namesKindOnly(task.text),
            kept[task.index] == task.text, [.create, .schedule].contains(PromptClauses.classify(task.text).0), !dropped.isEmpty,
            // (A contact's name and address in its context are placed by `valuesPlaced`.)
            task.text.range(of: "contact", options: .caseInsensitive) == nil,
            dropped.joined(separator: " ").rangeOfMatch(of: #"(?i)\bname(?:d|\s+is)\b|\bcalled\b"#) == nil,
            PromptText.quotedTexts(in: dropped.joined(separator: " ")).count <= 1
        {
            // "Task: log a new deal. Context: Sunridge Solar, $120k, closing 2028-01-31": the record's values are its context.
            let context = dropped.map { labelled($0)?.1 ?? $0 }.joined(separator: " ")
            let opening = task.text.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            kept[task.index] = opening + ": " + context
        } else if let task, kept.indices.contains(task.index), Self.namesKindOnly(task.text),
            PromptClauses.classify(task.text).0 == .unsupported,
            kept.indices.contains(where: { $0 != task.index && asks(kept[$0]) && !kept[$0].hasPrefix("Return ") })
        {
            // "Task: Capture a lead. Context: We got an email from sven@…. Add him as a contact: …": the request is after it.
            kept.remove(at: task.index)
        }
        // "Task: Refund the customer's payment in full. Context: Ticket #48213, payment pi_… was captured twice.": the
        // record the request points back to, given only in its context (the payment was asked for).
        if let id = dropped.lazy.compactMap({ Self.recordID(in: $0) }).first, !kept.contains(where: { Self.recordID(in: $0) != nil }),
            let index = kept.firstIndex(where: {
                $0.rangeOfMatch(of: #"(?i)\b(?:refund|payment|charge|invoice|subscription|customer)"#) != nil
            })
        {
            let sentence = kept[index].trimmingCharacters(in: .whitespaces)
            let end = sentence.last.map { ".!?".contains($0) } == true ? String(sentence.last!) : ""
            kept[index] = sentence.dropLast(end.count) + " (\(id))" + end
        }
        // "Jules missed standup this morning. Could you read back …": the scene set before the request.
        if kept.count > 1, narrates(kept[0], before: Array(kept.dropFirst())) || tellsOwnDoing(kept[0], before: Array(kept.dropFirst())) {
            kept.removeFirst()
            framed = true
        }
        let context = dropped.joined(separator: " ")
        let request = Self.valuesPlaced(
            Self.ownerPlaced(
                Self.cityPlaced(Self.newsPlaced(kept.joined(separator: " "), context: dropped), context: context), context: context),
            context: context)
        return !framed || request.isEmpty ? prompt : request
    }

    /// "Refund and notify", "Resolve a location", "Capture a lead", "Brief the AE": a few words naming a kind of work, with no
    /// value of its own (no address, channel, quote, figure or name).
    static func namesKindOnly(_ task: String) -> Bool {
        let words = task.split(whereSeparator: \.isWhitespace)
        return (1...6).contains(words.count) && !task.contains(where: { "@#\"“'0123456789".contains($0) })
            && words.dropFirst().allSatisfy { word in
                word.first?.isUppercase != true || (word.count <= 3 && word.allSatisfy { $0.isUppercase || $0.isPunctuation })
            }
    }

    /// The request a task's context holds: the user's quoted words ("… wrote "where exactly is Tromsø? …""), else its
    /// sentences that ask for something; nil when it only describes the situation.
    /// A task that acts ("Save a note") takes the quoted words as what it acts with, not as the request.
    static func concreteRequest(in context: [String], prompt: String, task: String) -> String? {
        if PromptClauses.classify(task).0 == .read || PromptClauses.classify(task).0 == .unsupported,
            let said = prompt.rangeOfMatch(
                of: #"(?im)^[ \t]*(?:context|background|situation)\s*:[^\n]*?\b(?:wrote|writes|said|says|asked|asks|typed|messaged)"#
                    + #"\s*(?:me\s+)?:?\s*["“][^"”\n]{4,}["”]"#),
            let quoted = PromptText.quotedTexts(in: String(prompt[said])).last
        {
            return quoted
        }
        // "Context: We got an email from sven@… this week. Add him as a contact: …": the sentences that open with what to do.
        let asking = context.map { labelled($0)?.1 ?? $0 }.filter { sentence in
            let verb = PromptClauses.classify(sentence).1
            return asks(sentence) && !namesKindOnly(sentence) && PromptClauses.classify(sentence).0 != .unsupported
                && verb == sentence.split(whereSeparator: \.isWhitespace).first.map { $0.lowercased() }
        }
        return asking.isEmpty ? nil : asking.joined(separator: " ")
    }

    /// `Subject "Payment reminder"`, `Constraints: Body: "Hi Ravi, …"`: a subject or body quoted in a context line, as the
    /// labelled line the request reads (`Subject: "…"`); nil for any other sentence.
    static func statedMessagePart(_ text: String) -> String? {
        let pattern =
            #"(?i)^(?:(?:constraints?|rules?|notes?|context)\s*:\s*)?(subject(?:\s+line)?|body|message\s+body)\s*(?:[:=]|is|should\s+be)?\s*(["“'].+)$"#
        guard let match = text.rangeOfMatch(of: pattern) else { return nil }
        let written = String(text[match])
        return written.replacingMatches(of: pattern, with: "$1: $2")
    }

    /// "Confirmation that the deal was updated", "A short summary of what was done": an outcome described, no fields.
    static func confirmsOutcome(_ text: String) -> Bool {
        text.rangeOfMatch(
            of: #"(?i)^(?:an?\s+|the\s+)?(?:short\s+|brief\s+|written\s+)?(?:confirmation|confirm|acknowledge?ment|success|"#
                + #"summary\s+of\s+what|note\s+(?:that|saying)|message\s+(?:that|saying)|statement\s+that|report\s+(?:that|of\s+what))\b"#)
            != nil
    }

    /// "payment pi_3RkL…", "invoice in_1Q…": a payment record's id with the kind of record it is.
    static func recordID(in text: String) -> String? {
        guard let range = text.rangeOfMatch(of: #"\b(?:pi|ch|py|in|cus|sub)_[A-Za-z0-9]{6,}\b"#) else { return nil }
        let id = String(text[range])
        let kinds = ["pi": "payment", "ch": "payment", "py": "payment", "in": "invoice", "cus": "customer", "sub": "subscription"]
        return "\(kinds[String(id.prefix { $0 != "_" })] ?? "record") \(id)"
    }

    /// "Task: check the humidity for the end user's city. Context: the user is Sofia Marquez, based in São Paulo, …": the
    /// city the context gives (the place was asked for).
    static func cityPlaced(_ request: String, context: String) -> String {
        guard
            let asked = request.rangeOfMatch(
                of: #"(?i)\b(?:the\s+)?(?:(?:end\s+)?user's|their|his|her|my)\s+(?:city|town|location)\b"#),
            let based = context.rangeOfMatch(
                of: #"\b(?:based|located|living|lives|resides|residing)\s+in\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3}"#)
        else { return request }
        let city = context[based].split(separator: " ").drop { $0 != "in" }.dropFirst().joined(separator: " ")
        return request.replacingCharacters(in: asked, with: city)
    }

    /// "Task: Create a CRM contact. Context: Met at the meetup; name is Tomasz Wiśniewski, email tomasz@…, company PayFlow.":
    /// a record to make that the request gives nothing of, with the person's values in the context (the name and the
    /// address were asked for). Only the parts of the context that state a name or an address are added.
    /// "Context: Ben Chen was overcharged on his last bill. Action: refund $40 of his latest paid invoice.": whose, from the
    /// one person the context names (the newest paid invoice of anyone was refunded).
    static func ownerPlaced(_ request: String, context: String) -> String {
        // A person, said to have done or had something ("Ben Chen was overcharged"), not a role ("Customer Success Agent").
        let names = PartyNames.fullNames(in: context).filter { name in
            context.rangeOfMatch(
                of: NSRegularExpression.escapedPattern(for: name)
                    + #"\s+(?:was|is|has|had|got|just|paid|rang|called|wrote|emailed|says|said|asked|complained|reported|needs|wants)\b"#)
                != nil
        }
        guard PartyNames.fullNames(in: request).isEmpty, PromptText.emails(in: request).isEmpty, names.count == 1,
            let owner = request.rangeOfMatch(
                of:
                    #"(?i)\b(?:his|her)(?=\s+(?:(?:latest|last|newest|most\s+recent|recent|open|unpaid|paid|overdue|current|active|next|first)\s+)*"#
                    + #"(?:invoices?|subscriptions?|payments?|charges?|bills?|plan|deal|deals|phone|email|number|company)\b)"#)
        else { return request }
        return request.replacingCharacters(in: owner, with: names[0] + "'s")
    }

    /// "Context: Maya Dubois has moved to Initech. Task: update her company in the CRM.": the news the update points back to,
    /// said before it (the company was asked for).
    static func newsPlaced(_ request: String, context: [String]) -> String {
        guard
            request.rangeOfMatch(
                of: #"(?i)^\s*(?:please\s+)?(?:update|change|fix|correct)\s+(?:her|his|their|them|him)\b(?![^.!?\n]*\bto\b)"#) != nil,
            let news = context.map({ labelled($0)?.1 ?? $0 }).first(where: {
                $0.rangeOfMatch(
                    of:
                        #"^\s*\p{Lu}[\p{L}'’-]+\s+\p{Lu}[\p{L}'’-]+\s+(?:has\s+)?(?:now\s+)?(?:moved|switched|joined|works|got\s+a\s+new|has\s+a\s+new)\b"#
                )
                    != nil
            })
        else { return request }
        let sentence = news.trimmingCharacters(in: .whitespaces)
        return sentence + (sentence.last.map { ".!?".contains($0) } == true ? " " : ". ") + request
    }

    static func valuesPlaced(_ request: String, context: String) -> String {
        guard PromptClauses.classify(request).0 == .create, PromptText.emails(in: request).isEmpty,
            PromptText.quotedTexts(in: request).isEmpty,
            request.rangeOfMatch(of: #"(?i)\bnamed?\b|\bcalled\b"#) == nil
        else { return request }
        let values = context.split(whereSeparator: { ";\n".contains($0) }).map { part in
            let part = part.trimmingCharacters(in: .whitespaces)
            return labelled(part)?.1 ?? part
        }.filter {
            !PromptText.emails(in: $0).isEmpty || $0.rangeOfMatch(of: #"(?i)\bname(?:d|\s+is)\b"#) != nil
        }
        guard !values.isEmpty else { return request }
        // "… contact named Tomasz Wiśniewski, email …, company PayFlow": the values go on the request's sentence, as a person
        // says them ("she is Maria Lopez, … works at Acme").
        let said = [
            (#"(?i)\bname\s+is\b|^(?:she|he|they)\s+(?:is|are)\b|^(?:this|that)\s+is\b"#, "named"),
            (#"(?i)\b(?:works|working)\s+(?:at|for)\b"#, "company"),
        ].reduce(values.joined(separator: ", ")) { text, rule in
            text.replacingMatches(of: rule.0, with: rule.1)
        }
        return request.trimmingCharacters(in: CharacterSet(charactersIn: " .")) + " " + said
    }

    /// "I'm writing for our finance lead, Aoife O'Brien.", "I'm helping Sofia Rossi keep her CRM tidy.", "Hi, I'm the
    /// scheduling assistant for Carlos Mendes.": whom the agent works for, which asks for nothing (the person it
    /// names was looked up in the CRM).
    static func agentOpening(_ sentence: String) -> Bool {
        var lower = sentence.lowercased().replacingOccurrences(of: "’", with: "'")
        if let greeting = ["hi, ", "hi ", "hello, ", "hello ", "hey, ", "hey "].first(where: lower.hasPrefix) {
            lower = String(lower.dropFirst(greeting.count))
        }
        let openings = [
            #"^i(?:'m| am) (?:writing|working|acting|messaging|reaching out) (?:for|on behalf of|with)\b"#,
            #"^i(?:'m| am) (?:helping|assisting|supporting)\b"#, #"^i work (?:for|with)\b"#,
            #"^i(?:'m| am) (?:the|an?|their|his|her) (?:[a-z-]+ ){0,3}(?:assistant|agent|bot|helper|ea|pa)\b"#,
        ]
        // "hello, I am new here", "I'm new to this": a new user saying so ("new" is no verb here).
        if lower.rangeOfMatch(of: #"^i(?:'m| am) (?:new|a new user|just starting|a beginner)\b[^?@#]*$"#) != nil {
            return true
        }
        guard openings.contains(where: { lower.rangeOfMatch(of: $0) != nil }) else { return false }
        return !sentence.contains("?") && PromptText.emails(in: sentence).isEmpty && PromptText.channels(in: sentence).isEmpty
            && !asks(sentence)
    }

    /// Verbs in the past that tell what someone did, not what to do.
    static let pastVerbs: Set<String> = [
        "got", "went", "left", "came", "forgot", "said", "told", "took", "had", "was", "were", "lost", "won", "fell", "ran", "spent",
        "paid", "sent", "bought", "sold", "rang", "wrote", "made", "gave", "met", "became", "brought", "found", "heard", "saw", "spoke",
    ]

    /// Whether a first sentence only tells what someone did ("Jules missed standup this morning", "Keisha
    /// just got off a call"): a name, then a verb in the past, no question, while a later sentence asks.
    /// Kept when a later sentence points back at what it names ("… Move their deal", "… Find it").
    static func narrates(_ sentence: String, before rest: [String]) -> Bool {
        let words = sentence.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        // "he put a board deck in Drive last week and can't find it": a person's doing, in the past.
        let lower = sentence.lowercased()
        let pronoun =
            ["he", "she", "they"].contains(words.first?.lowercased() ?? "")
            && ["last week", "last month", "last night", "yesterday", " ago", "earlier", "this morning"].contains(where: lower.contains)
        guard words.count >= 3, words.count <= 20, !sentence.contains("?"), !sentence.contains(where: { "@#\"“:".contains($0) }),
            let subject = words.first, subject.first?.isUppercase == true || pronoun, subject.allSatisfy(\.isLetter),
            !["I", "We", "Please", "Pls", "Then", "Also"].contains(subject),
            PromptClauses.actionVerbs[subject.lowercased()] == nil, !PromptFields.readVerbs.contains(subject.lowercased()),
            !ServiceMatcher.brands.keys.contains(subject.lowercased())
        else { return false }
        let verb = words[1].lowercased() == "just" ? words[2].lowercased() : words[1].lowercased()
        guard
            pastVerbs.contains(verb) || (verb.hasSuffix("ed") && verb.count > 4 && verb.allSatisfy(\.isLetter))
                || (pronoun && ["put", "set", "sent", "read", "shared", "saved", "uploaded"].contains(verb)),
            rest.contains(where: asks)
        else { return false }
        let later = Set(rest.flatMap { PromptText.words($0) })
        // "Just got off a call with Mateo García from Soluciones Pérez-Ruiz. Add him to the CRM: …": the person to add.
        let adds = rest.contains {
            PromptClauses.classify($0).0 == .create && !PromptText.words($0).isDisjoint(with: ["him", "her", "them"])
        }
        return !adds && later.isDisjoint(with: ["it", "its", "their", "them", "they", "that", "this", "those", "these"])
    }

    /// Whether a first sentence only tells what the writer's side did or is doing ("After yesterday's outage we promised
    /// customers a written update.", "We're running a small retro on Thursday."): "we" or "I" and a verb in the past or
    /// under way, naming nothing (no capitalised name, figure, address or channel), while a later sentence asks and does
    /// not point back at it. Read as a request, its nouns became reads ("customers" listed every customer).
    static func tellsOwnDoing(_ sentence: String, before rest: [String]) -> Bool {
        let words = sentence.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        guard words.count >= 3, words.count <= 25, !sentence.contains("?"),
            !sentence.contains(where: { "@#\"“:$€£".contains($0) || $0.isNumber }),
            words.dropFirst().allSatisfy({ word in
                word.first?.isUppercase != true || ["I", "I'm", "I’m"].contains(word)
                    || PromptText.months.contains(word.lowercased()) || PromptText.weekdays.contains(word.lowercased())
            }),
            let at = words.firstIndex(where: { ["we", "i", "we're", "we’re", "i'm", "i’m"].contains($0.lowercased()) }), at <= 4,
            // "After yesterday's outage we …", not "deals we won this year" (the records asked for).
            at == 0
                || [
                    "after", "since", "following", "because", "as", "so", "well", "ok", "okay", "yesterday", "today", "earlier", "last",
                    "this",
                ]
                .contains(words[0].lowercased()),
            at + 1 < words.count, rest.contains(where: asks)
        else { return false }
        let subject = words[at].lowercased()
        var verb = words[at + 1].lowercased()
        if ["just", "already", "finally", "also"].contains(verb), at + 2 < words.count { verb = words[at + 2].lowercased() }
        let underWay = ["we're", "we’re", "i'm", "i’m"].contains(subject) && verb.hasSuffix("ing")
        let past =
            ["we", "i"].contains(subject)
            && (pastVerbs.union(["promised", "agreed", "decided"]).contains(verb)
                || (verb.hasSuffix("ed") && verb.count > 4 && verb.allSatisfy(\.isLetter)))
        guard underWay || past else { return false }
        // "… post in #support that the incident report went out": "that" after a verb of saying points at nothing.
        let later = rest.map {
            $0.replacingMatches(of: #"(?i)\b(?:say(?:ing|s)?|tell(?:ing)?|know|note|mention(?:ing)?|#[\w-]+)\s+that\b"#, with: "")
        }
        return !later.contains(where: pointsBack)
    }

    /// Whether a sentence points back before it names anything itself: "Move it to Friday" does, "Find the 'Q3 board
    /// report' file and send it to …" does not (its "it" is the file).
    static func pointsBack(_ sentence: String) -> Bool {
        let pointing: Set<String> = [
            "it", "its", "their", "them", "they", "that", "this", "those", "these", "him", "her", "his", "he", "she",
        ]
        let named: Set<String> = [
            "file", "document", "doc", "report", "deal", "invoice", "contact", "event", "meeting", "message", "email", "payment",
            "subscription", "customer", "channel",
        ]
        var seen = false
        for token in sentence.split(whereSeparator: \.isWhitespace) {
            if token.contains(where: { "'\"“‘".contains($0) }) { seen = true }
            let word = token.lowercased().trimmingCharacters(in: .punctuationCharacters)
            if pointing.contains(word) { return !seen }
            if named.contains(word) || named.contains(String(word.dropLast())) { seen = true }
        }
        return false
    }

    /// "Umbrella deal: update the amount to 45,500", "re the Acme contact - change phone to …": the record
    /// named first, then what to do with it, as "for the Umbrella deal, update …".
    static func recordTopicFirst(_ sentence: String) -> String? {
        let separators = [": ", " - ", " – ", " — "]
        guard let cut = separators.compactMap({ sentence.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) else { return nil }
        var topic = sentence[..<cut.lowerBound].split(separator: " ").map(String.init)
        if topic.first?.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ":")) == "re" { topic.removeFirst() }
        if topic.first?.lowercased() == "the" { topic.removeFirst() }
        let rest = sentence[cut.upperBound...].trimmingCharacters(in: .whitespaces)
        let records: Set<String> = ["deal", "contact", "invoice", "subscription", "customer", "client", "account", "lead"]
        guard (2...5).contains(topic.count), let noun = topic.last?.lowercased(), records.contains(noun),
            !topic.contains(where: { $0.contains("@") || $0.hasPrefix("#") }), PromptClauses.classify(rest).0 != .read,
            PromptClauses.classify(topic.joined(separator: " ")) == (.read, nil)
        else { return nil }
        return "for the \(topic.joined(separator: " ")), \(rest)"
    }

    /// "Weather in Tokyo -> save it to a file": an arrow between steps ends a part. One pointing at Drive or a
    /// file name ("open deals -> drive as f.csv", "→ deals.csv") saves what was read there.
    static func arrowsCut(_ prompt: String) -> String {
        // "Post this …:\n"… Questions → facilities@"": an arrow in a message's own words stays.
        PromptText.outsideQuotes(prompt, arrowsCutUnquoted)
    }

    private static func arrowsCutUnquoted(_ prompt: String) -> String {
        var text = prompt
        for arrow in arrows {
            var parts = text.components(separatedBy: arrow)
            for index in parts.indices.dropFirst() {
                let next = parts[index].lowercased().split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
                let bare = next.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?\"'"))
                if ["drive", "gdrive"].contains(bare) || (next == "google" && parts[index].lowercased().hasPrefix("google drive")) {
                    parts[index] = "save it to " + parts[index]
                } else if PromptText.isFileName(bare) {
                    parts[index] = "save it as " + parts[index]
                } else if next.hasPrefix("#"), parts[index].contains(",") {
                    // "open deals -> #sales, just name, amount and stage": posted there, with those fields (the channel
                    // was found and nothing posted).
                    parts[index] = "post them to " + parts[index]
                } else if PromptText.isAddress(Substring(bare)), parts[index].contains(",") {
                    parts[index] = "email them to " + parts[index]
                }
            }
            text = parts.joined(separator: ". ")
        }
        return text
    }

    static let userTurn = #"(?i)^\s*(?:user|human|customer|client|me)\s*:"#
    static let assistantTurn = #"(?i)^\s*(?:assistant|ai|agent|bot|ploton|copilot|chatbot|model)\s*:"#

    /// "From ticket #7741:\n> Caller: Priya Raman, says she's a customer, wants a callback.\nwhat's Priya Raman's phone
    /// number in the CRM?": lines quoted with `>` over a request of its own that does not point back at them are what the
    /// request is about, not part of it (the caller's wish was refused as an action); their heading goes with them.
    /// "> Hi, could you send me our latest invoice? …\nPlease email him his latest invoice.": pointed back at, they stay.
    static func quotedContextDropped(_ lines: [String]) -> [String] {
        let quoted = lines.indices.filter { lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix(">") }
        guard let first = quoted.first, let last = quoted.last else { return lines }
        let after = lines[(last + 1)...].filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let pointing: Set<String> = [
            "it", "this", "that", "them", "these", "those", "him", "her", "his", "their", "they", "above", "she", "he",
        ]
        guard !after.isEmpty, after.contains(where: asks), after.allSatisfy({ PromptText.words($0).isDisjoint(with: pointing) }) else {
            return lines
        }
        let heading = first > 0 && lines[first - 1].hasSuffix(":") && !asks(lines[first - 1]) ? first - 1 : first
        return lines.enumerated().filter { !quoted.contains($0.offset) && $0.offset != heading }.map(\.element)
    }

    /// "Plan:\n1. (research agent) Summarise …\n2. (you) Create a CRM deal …\n3. (writer agent) Draft …": a plan shared by several
    /// agents; only the steps given to this one are asked of it (the others' steps were run too).
    static func othersStepsDropped(_ lines: [String]) -> [String] {
        let owner = #"^\s*(?:step\s+)?\d+[.):]?\s*[(\[]\s*([^)\]\n]{1,40}?)\s*[)\]]\s*:?\s*"#
        let mine = #"(?i)^(?:you|yours|me|ploton|this\s+agent|ploton\s+agent|executor|tool\s+agent)$"#
        let owned = lines.map { line in line.rangeOfMatch(of: owner).map { (line, String(line[$0])) } }
        let ownerOf = { (prefix: String) in
            prefix.replacingMatches(of: #"^\s*(?:step\s+)?\d+[.):]?\s*[(\[]\s*"#, with: "", options: .caseInsensitive)
                .replacingMatches(of: #"\s*[)\]]\s*:?\s*$"#, with: "")
        }
        let ours = owned.compactMap { $0 }.filter { ownerOf($0.1).rangeOfMatch(of: mine) != nil }
        guard !ours.isEmpty, owned.compactMap({ $0 }).count > ours.count else { return lines }
        // The others' steps go, and so do the words that frame the plan ("Plan:", "Please execute only your step.").
        return zip(lines, owned).compactMap { line, owned in
            guard let (_, prefix) = owned else {
                let framing = #"(?i)^\s*(?:the\s+)?(?:plan|steps)\s*:?\s*$|\b(?:only|just)\s+(?:your|the\s+one|the\s+steps?)\b"#
                return line.rangeOfMatch(of: framing) == nil ? line : nil
            }
            return ownerOf(prefix).rangeOfMatch(of: mine) != nil ? String(line.dropFirst(prefix.count)) : nil
        }
    }

    /// "User: email the team about the outage\nAssistant: Who should receive it?\nUser: send it to oncall@…": in a
    /// chat handed over, what the assistant said asks the user, not the tools (its questions became result fields), and
    /// the user's answer goes on with the request it answers ("… add a contact for Maria Lopez, maria@…").
    static func assistantTurnsDropped(_ lines: [String]) -> [String] {
        let opens = { (line: String, turn: String) in line.rangeOfMatch(of: turn) != nil }
        guard lines.contains(where: { opens($0, assistantTurn) }), lines.contains(where: { opens($0, userTurn) }) else { return lines }
        var kept: [String] = []
        var assistantSpeaking = false
        var answering = false
        for line in lines {
            if opens(line, assistantTurn) {
                assistantSpeaking = true
                answering = !kept.isEmpty
                continue
            }
            if opens(line, userTurn) || line.rangeOfMatch(of: #"^\s*[A-Za-z][\w ]{0,20}:"#) != nil {
                assistantSpeaking = false
            }
            guard !assistantSpeaking else { continue }
            let said = line.replacingMatches(of: userTurn, with: "").trimmingCharacters(in: .whitespaces)
            guard answering, let last = kept.last, opens(line, userTurn) else {
                kept.append(said)
                continue
            }
            kept[kept.count - 1] = last.trimmingCharacters(in: CharacterSet(charactersIn: " .?!")) + ", " + said
            answering = false
        }
        return kept
    }

    /// Labels of a message's parts: on a line of their own they belong to the message the line before writes.
    static let messageLabels = ["subject:", "body:"]

    /// "Send a follow-up email to kira@….\nSubject: …\nBody: …": the labelled lines join the line before
    /// (its full stop dropped), as "… to kira@… Subject: … Body: …" is read on one line.
    static func messageLabelsJoined(_ lines: [String]) -> [String] {
        var joined: [String] = []
        for line in lines {
            if let last = joined.last, messageLabels.contains(where: line.lowercased().hasPrefix) {
                let open = last.hasSuffix(".") ? String(last.dropLast()) : last
                joined[joined.count - 1] = open + " " + line
            } else {
                joined.append(line)
            }
        }
        return joined
    }

    /// Words that say how to answer, not what: "JSON only", "a table with …", "CSV of …".
    static let formatWords: Set<String> = [
        "json", "csv", "markdown", "yaml", "xml", "table", "a", "an", "plain", "text", "only", "just", "with", "containing", "of",
        "format", "object", "array", "bullet", "bullets", "bulleted", "list", "please", "no", "prose",
    ]

    /// "JSON with name and email of …" → "name and email of …"; "JSON only." → "".
    static func withoutFormat(_ rest: String) -> String {
        // "a list of deals with name, stage and amount": the records it lists, then their fields.
        let rest = rest.replacingMatches(
            of: #"(?i)^(?:an?\s+|the\s+)?(?:list|table|summary|overview|csv|json)\s+of\s+(?:all\s+|the\s+|every\s+)?[\w-]+\s+"#
                + #"(?:with|showing|including|containing|and\s+their|with\s+their|with\s+the)\s+"#,
            with: "")
        let words = rest.split(whereSeparator: \.isWhitespace)
        let kept = words.drop { formatWords.contains($0.lowercased().trimmingCharacters(in: .punctuationCharacters)) }
        return kept.joined(separator: " ")
    }

    /// "Action items from the sales sync (for user_456):" over bullets that ask: the list's title, which asks for nothing
    /// (joined to the first item, "… (for user_456): Move the Orbital Freight deal to Closed Won" was read as a search and
    /// the update was lost). A title naming something in capitals ("For Acme Corp:") or a label ("Steps:") stays.
    static func listTitlesDropped(_ lines: [String]) -> [String] {
        lines.enumerated().filter { index, line in
            let title = line.trimmingCharacters(in: .whitespaces)
            guard title.hasSuffix(":"), index + 1 < lines.count, unbulleted(title) == title else { return true }
            let item = lines[index + 1].trimmingCharacters(in: .whitespaces)
            let words = title.dropLast().split(whereSeparator: \.isWhitespace)
            let listed = unbulleted(item) != item && lines[(index + 1)...].contains { asks(unbulleted($0)) }
            let plain =
                words.count >= 2 && !asks(String(title.dropLast()))
                && labelled(title).map({ requestLabels.union(contextLabels).union(outputLabels).contains($0.0) }) != true
                && !title.contains(where: { "@#\"“'".contains($0) }) && words.dropFirst().allSatisfy { $0.first?.isUppercase != true }
            return !(listed && plain)
        }.map(\.element)
    }

    /// "- weather in Oslo", "* post it", "• …", "1. get …", "2) email …": the line without its marker.
    static func unbulleted(_ line: String) -> String {
        // "**Okonkwo & Sons**": Markdown emphasis marks no words.
        let line = line.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
        var text = Substring(line.trimmingCharacters(in: .whitespaces))
        // "## Task", "### To do": a Markdown heading is a label (its "#" no channel).
        if let heading = text.rangeOfMatch(of: #"^#{1,6}\s+(?=\S)"#) {
            let label = text[heading.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " :"))
            return label.lowercased() == "to do" ? "Todo:" : label + ":"
        }
        // "(a) update …", "b) then email …", "(2) post …": a lettered or bracketed marker.
        if let marker = text.rangeOfMatch(of: #"^(?:\([a-hA-H1-9]\)|[a-hA-H]\))\s+"#) {
            return text[marker.upperBound...].trimmingCharacters(in: .whitespaces)
        }
        if let first = text.first, "-*•–".contains(first), text.dropFirst().first?.isWhitespace == true {
            text = text.dropFirst()
        } else {
            let digits = text.prefix(while: \.isNumber)
            let marker = text.dropFirst(digits.count)
            if (1...2).contains(digits.count), let mark = marker.first, ".)".contains(mark), marker.dropFirst().first?.isWhitespace == true
            {
                text = marker.dropFirst()
            }
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// Sentences, cut after ". ", "! ", "? " outside quotes; a label-only sentence ("Steps:") stays whole.
    static func sentences(of text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        var quote: Character?
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            current.append(character)
            if let open = quote {
                if character == (open == "“" ? "”" : open) { quote = nil }
                continue
            }
            if character == "\"" || character == "“" || (character == "'" && (index == 0 || characters[index - 1].isWhitespace)) {
                quote = character
                continue
            }
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            // A sentence ends before a capitalised request label: "Context: … Task: get …".
            if ".!?".contains(character), next.isWhitespace, character != "." || !LookAhead.abbreviation(endingAt: index, in: characters) {
                sentences.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else if character.isWhitespace, next.isUppercase, let (label, _) = labelled(String(characters[(index + 1)...])),
                !contextLabels.contains(label), !current.isEmpty
            {
                sentences.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            }
        }
        sentences.append(current.trimmingCharacters(in: .whitespaces))
        return sentences.filter { !$0.isEmpty }
    }

    /// "Task: get the deals" → ("task", "get the deals"), for the labels above only.
    static func labelled(_ sentence: String) -> (String, String)? {
        guard let colon = sentence.firstIndex(of: ":") else { return nil }
        if relayLabel(sentence[..<colon]) {
            let rest = sentence[sentence.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            return ("request", unquoted(rest))
        }
        var label = sentence[..<colon].lowercased()
        // "Task for user_mh_77:", "Request from finance:": the label, then whom it is for.
        let words = label.split(separator: " ")
        // "Question from the user:", "Message from the customer:": theirs, and the request.
        if (3...4).contains(words.count), ["for", "from"].contains(words[1]), requestLabels.contains(String(words[0])) {
            label = String(words[0])
        } else if (3...5).contains(words.count), words[1] == "from", ["question", "message"].contains(String(words[0])) {
            label = "request"
        }
        // "User request:", "Customer's question:", "Original ask:": whose request it is, then the request.
        let owners: Set<String> = [
            "user", "user's", "customer", "customer's", "client", "client's", "end", "original", "their", "the", "latest", "new",
            "incoming", "his", "her", "agent", "agent's", "my", "our",
        ]
        if (2...3).contains(words.count), let last = words.last, requestLabels.union(["message", "question"]).contains(String(last)),
            words.dropLast().allSatisfy({ owners.contains(String($0)) })
        {
            label = "request"
        }
        // "Task description:" (CrewAI): the task.
        if words.count == 2, requestLabels.contains(String(words[0])), ["description", "details", "text", "statement"].contains(words[1]) {
            label = String(words[0])
        }
        // "Agent: Account Executive Assistant" (CrewAI): who carries it out, unless it asks for something itself.
        if label == "agent" {
            let rest = sentence[sentence.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            return asks(rest) ? ("request", rest) : ("role", rest)
        }
        // "Expected output:", "Desired result:": the fields to return, as "Output:" asks for them.
        if words.count == 2, ["expected", "desired", "required", "wanted", "final"].contains(words[0]),
            ["output", "result", "results", "deliverable", "answer", "response"].contains(words[1])
        {
            label = "output"
        }
        // "Restating the goal:", "To recap:": the request said again, which the sentences after it ask for.
        if restatementLabels.contains(label) { label = "background" }
        guard label.count <= 14, label.allSatisfy(\.isLetter) else { return nil }
        guard contextLabels.contains(label) || requestLabels.contains(label) || outputLabels.contains(label) else { return nil }
        let rest = sentence[sentence.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return (label, rest.hasSuffix(":") ? "" : rest)
    }

    /// What follows a restatement's label ("Restated goal: …"), or nil for any other sentence.
    static func restatement(in sentence: String) -> String? {
        guard let colon = sentence.firstIndex(of: ":"),
            restatementLabels.contains(sentence[..<colon].lowercased().trimmingCharacters(in: .whitespaces))
        else { return nil }
        return sentence[sentence.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    /// Who a request comes from, before its colon: "Relay from Ines (procurement, Tarn Valley Mills)",
    /// "Request relayed from the CRM admin", "Message from the CEO's assistant", "Note from Pat",
    /// "On behalf of Dana". What follows is the request, never context ("Note: …" alone is context).
    static func relayLabel(_ label: Substring) -> Bool {
        var text = label.lowercased()
        while let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") { text.removeSubrange(open...close) }
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard (2...10).contains(words.count), !words.contains(where: { $0.contains("@") || $0.hasPrefix("#") }) else { return false }
        // "On behalf of Dana:", "Writing on behalf of Noah Kim:".
        if words.starts(with: ["on", "behalf", "of"])
            || (["writing", "acting", "working", "asking", "messaging"].contains(words[0])
                && words.dropFirst().starts(with: ["on", "behalf", "of"]))
        {
            return true
        }
        let openers: Set<String> = [
            "relay", "relayed", "request", "requests", "message", "note", "ask", "forwarded", "instruction", "instructions",
        ]
        // "Send-email request from the assistant:": a kind of request, then whose ("Original message from the customer:" is the
        // customer's own words, which a restated goal after it may carry out).
        let owned: Set<String> = ["original", "user", "user's", "customer", "customer's", "client", "client's", "their", "the", "latest"]
        guard let opener = words.prefix(2).firstIndex(where: openers.contains), opener == 0 || !owned.contains(words[0]) else {
            return false
        }
        return words.prefix(opener + 3).dropFirst(opener + 1).contains { ["from", "by"].contains($0) }
    }

    /// "\"Look up Bruno … it's done.\"" → "Look up Bruno … it's done.": a request quoted whole, without
    /// its quotes (the closing one may be cut off with the sentence after it).
    static func unquoted(_ text: String) -> String {
        let closing: [Character: Character] = ["\"": "\"", "“": "”", "'": "'", "‘": "’"]
        guard let first = text.first, let close = closing[first] else { return text }
        var inner = text.dropFirst()
        let end = inner.trimmingCharacters(in: CharacterSet(charactersIn: ".!?")).last
        if end == close, let last = inner.lastIndex(of: close) {
            inner.remove(at: last)
        } else if first == "'" || first == "‘" {
            return text  // an apostrophe, not a quote
        }
        // A quote inside is another quote ("… post 'hi' …" keeps its own), never the request's.
        return inner.contains(first) && first != "'" ? text : String(inner).trimmingCharacters(in: .whitespaces)
    }

    /// Words naming what was asked, before a colon: "Their request: …", "Here's the ask: …", "Orchestrator restating the
    /// user's goal: "…"".
    static let requestNouns: Set<String> = [
        "request", "requests", "ask", "question", "message", "instruction", "instructions", "goal", "objective",
    ]

    /// "They wrote: 'can u check if the Wayne deal closed yet'", "Here's what Yusuf asked me: '…'", "Their
    /// request: "…"": the quoted request; "The user (Greta, AM) asked: when does …?" the words after the
    /// colon; "The user (Priya, …) asked to change the amount on …. She didn't say to what." the request
    /// after "asked to", its sentence only. Who relays it (names, companies) is no part of it.
    static func reportedRequest(in text: String) -> String? {
        let tokens = text.split(whereSeparator: \.isWhitespace)
        let bare = { (token: Substring) in token.lowercased().trimmingCharacters(in: .punctuationCharacters) }
        // "Forwarding verbatim from the user's voice assistant: "…"", "the user dictated this, please handle it: "…"": a quoted
        // request relayed as said.
        let relayed = { (index: Int) in
            index + 1 < tokens.count && tokens[index + 1].first.map { "\"“".contains($0) } == true
                && tokens[...index].joined(separator: " ").rangeOfMatch(
                    of: #"(?i)\b(?:verbatim|dictat\w*|transcri\w*|voice|forward(?:ing|ed)|relay(?:ing|ed)|handle\s+(?:it|this))\b"#) != nil
        }
        guard
            let index = tokens.indices.first(where: { index in
                let token = tokens[index]
                // "the user wrote "pls let #general know …". Do that.": a quote right after who wrote it, no colon between.
                // Who wrote it is at most three words, after the start or a label ("Orchestrator -> Ploton: the user wrote").
                if index + 1 < tokens.count, reportedVerbs.contains(bare(token)),
                    tokens[index + 1].first.map({ "\"“".contains($0) }) == true,
                    (1...3).contains(
                        tokens[max(0, index - 4)..<index].lastIndex(where: { $0.hasSuffix(":") }).map { index - $0 - 1 } ?? min(index, 4))
                {
                    return true
                }
                guard token.hasSuffix(":") else { return false }
                let word = bare(token)
                // "Goal: keep the CRM in sync …" is framing; "The user's goal: "…"" quotes the request.
                let quoting = index + 1 < tokens.count && tokens[index + 1].first.map { "\"“".contains($0) } == true
                return reportedVerbs.contains(word) || (requestNouns.contains(word) && (quoting || !["goal", "objective"].contains(word)))
                    || (["me", "us"].contains(word) && index > 0 && reportedVerbs.contains(bare(tokens[index - 1]))) || relayed(index)
            })
        else { return askedTo(in: tokens) }
        // "save a file … that says: call the bank": the words a file or message holds, not a relayed request.
        // Only the sentence that relays it: "Context: a customer was double charged. The user asked: '…'".
        let lead = tokens[..<index].joined(separator: " ")
        let characters = Array(lead)
        let end = characters.indices.dropLast().last { ".!?".contains(characters[$0]) && characters[$0 + 1].isWhitespace }
        let sentence = end.map { String(characters[($0 + 1)...]) } ?? lead
        guard PromptClauses.classify(sentence).0 == .read || relayed(index) else { return nil }
        let after = tokens[(index + 1)...].joined(separator: " ")
        if let first = tokens.dropFirst(index + 1).first?.first, "\"'“".contains(first) {
            guard let quoted = PromptText.quotedTexts(in: after).first, quoted.count > 3 else { return nil }
            // "He asked: "what deals are in the pipeline …?" Please return deal name and amount.": what to show of it.
            let rest = after.range(of: quoted).map { String(after[$0.upperBound...].dropFirst()) } ?? ""
            let fields = sentences(of: rest).filter(asksForFields)
            return ([quoted] + fields).joined(separator: " ")
        }
        // An unquoted request after "asked:" runs to the end; a label ("Task:") is framing, read elsewhere.
        guard reportedVerbs.contains(bare(tokens[index])) || ["me", "us"].contains(bare(tokens[index])), after.count > 3 else {
            return nil
        }
        return StatedOwners.owned(after, lead: sentence)
    }

    /// "… asked (me) to change the amount on the Brisbane expansion deal. She didn't say to what.": the
    /// request is the sentence after "asked to".
    static func askedTo(in tokens: [Substring]) -> String? {
        guard
            let to = tokens.indices.dropFirst().first(where: { index in
                tokens[index].lowercased() == "to" && index > 0
                    && (["asked", "asks", "wants", "wanted"].contains(tokens[index - 1].lowercased())
                        || (index > 1 && ["me", "us"].contains(tokens[index - 1].lowercased())
                            && ["asked", "asks"].contains(tokens[index - 2].lowercased())))
            }), to + 1 < tokens.count
        else { return nil }
        let rest = tokens[(to + 1)...].joined(separator: " ")
        let verb = PromptClauses.base(rest.split(separator: " ").first.map { $0.lowercased() } ?? "")
        guard PromptClauses.actionVerbs[verb] != nil || PromptClauses.readVerbs.contains(verb) else { return nil }
        let sentence = rest.rangeOfMatch(of: #"[.!?](\s|$)"#).map { String(rest[..<$0.upperBound]) } ?? rest
        // "Carlos asked me to check Stripe for … Please include their name, customer id and when they signed up.":
        // a later sentence put to the agent is part of the request; a remark about it ("She didn't say to what.") is not.
        // A later sentence that asks for what the first does again ("… wants to set up a coffee chat …. Please put it on
        // the calendar and invite her.") restates it.
        let kind = PromptClauses.classify(sentence).0
        let following = sentences(of: String(rest.dropFirst(sentence.count)))
        // "Mrs. Dubois asked me to block time before the board meeting. Put 'Board prep' on her calendar Thursday 9:00 to
        // 10:30.": a later sentence doing the same with what the first left out (a time, a quoted name) is the request;
        // the first only said why (its event, without a time, was asked for).
        if kind != .read, !specifies(sentence),
            let restated = following.first(where: { later in
                addressedToAgent(later) && specifies(later) && sameAction(kind, PromptClauses.classify(later).0)
            })
        {
            return ([restated] + following.filter { $0 != restated && asksForFields($0) }).joined(separator: " ")
        }
        let later = following.filter { later in
            Self.asksForFields(later) || (Self.addressedToAgent(later) && ![kind, .read].contains(PromptClauses.classify(later).0))
        }
        return ([sentence.trimmingCharacters(in: .whitespaces)] + later).joined(separator: " ")
    }

    /// Whether a sentence states what an action needs beyond its verb: a quoted name or text, or a time.
    static func specifies(_ sentence: String) -> Bool {
        !PromptText.quotedTexts(in: sentence).isEmpty || PromptText.timeOfDay(in: sentence) != nil
            || PromptText.timeRange(in: sentence) != nil
    }

    /// Making and scheduling are one action written two ways ("block time …", "put '…' on her calendar").
    static func sameAction(_ first: PromptClause.Kind, _ second: PromptClause.Kind) -> Bool {
        let making: Set<PromptClause.Kind> = [.create, .schedule]
        return first == second || (making.contains(first) && making.contains(second))
    }

    /// "Please include their name and id", "Return the amount": what to show of what the request reads.
    static func asksForFields(_ sentence: String) -> Bool {
        let words = leadingWords(sentence)
        return ["include", "return", "show", "give", "list"].contains(words.first == "please" ? words.dropFirst().first : words.first)
    }

    static func leadingWords(_ sentence: String) -> [String] {
        sentence.split(whereSeparator: \.isWhitespace).prefix(2).map { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) }
    }

    /// "Please post it …", "Also email ann@…": a sentence that tells the agent what to do.
    static func addressedToAgent(_ sentence: String) -> Bool {
        guard let first = leadingWords(sentence).first else { return false }
        return ["please", "pls", "also", "then"].contains(first) || PromptClauses.actionVerbs[first] != nil
    }
}
