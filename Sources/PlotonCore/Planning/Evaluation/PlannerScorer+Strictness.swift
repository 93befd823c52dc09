import Foundation

/// Checks that keep a wrong plan from passing although every expected value appears somewhere:
/// values in the wrong parameter, filler words searched for, a step planned twice, a message that
/// carries a lookup instead of the content asked for.
extension PlannerScorer {
    /// Words that are never what a search, a place or a channel name looks for.
    static let fillerWords: Set<String> = [
        "pls", "plz", "please", "rn", "asap", "thanks", "thx", "anything", "something", "stuff", "and", "or", "me", "us", "my", "our",
        "is", "are", "what", "whats", "like", "right", "now", "kindly", "you", "it", "them", "do", "does", "we", "last", "latest",
        "coming", "up", "email", "emails", "all", "show",
    ]
    /// Inputs that hold what to look for (a search, a place, a channel name).
    static let searchKeys: Set<String> = ["q", "query", "name", "channel"]
    /// Inputs that hold what is sent or saved.
    static let contentKeys: Set<String> = ["text", "raw", "content"]
    /// Capabilities that only find where something is; their output is never the content asked for.
    static let lookups: Set<String> = ["chat.find_channel", "weather.geocode"]

    func strictness(_ workflow: Workflow, against evaluation: PlannerEvaluationSet.Case) -> String? {
        exactInputs(workflow, evaluation) ?? keptItems(workflow, evaluation) ?? endUser(workflow, evaluation)
            ?? aggregate(workflow, evaluation)
            ?? repeatedSteps(workflow, evaluation) ?? fillerInSearches(workflow)
            ?? lookupAsContent(workflow, evaluation) ?? droppedText(workflow, evaluation) ?? unfilteredLookup(workflow, evaluation)
            ?? unusedRead(workflow)
    }

    /// A read whose output feeds no later step and is not the result: what it looked up is lost (the
    /// email found, then an event created without the person).
    func unusedRead(_ workflow: Workflow) -> String? {
        // Reads asked side by side with nothing done ("the temperature in Tokyo, and also list my subscriptions") are
        // each a result: the task answers with all of them (`Workflow.resultSteps`).
        if workflow.resultStep == nil, !workflow.steps.contains(where: { ActionSteps.isAction($0, catalog) }) { return nil }
        // Several reads alike ("the weather in Rome and Milan") are each a result.
        let result = workflow.steps[workflow.resultStep ?? (workflow.steps.count - 1)]
        guard
            let index = StepReferences.unusedReads(in: workflow, catalog: catalog).first(where: {
                workflow.steps[$0].tool != result.tool || workflow.steps[$0].capability != result.capability
            })
        else { return nil }
        let step = workflow.steps[index]
        return "step \(index) (\(step.tool).\(step.capability)) feeds no later step and is not the result"
    }

    /// A step that takes the first record (`0.id`, `0.email`) of a list no filter narrowed while the
    /// prompt names someone: it acts on whoever the provider lists first (another customer's invoice).
    func unfilteredLookup(_ workflow: Workflow, _ evaluation: PlannerEvaluationSet.Case) -> String? {
        let prompt = evaluation.prompt
        guard
            !PromptText.emails(in: prompt).isEmpty || ReadIntents.possessor(in: prompt) != nil || ReadIntents.properName(in: prompt) != nil
        else { return nil }
        for step in workflow.steps {
            for (key, input) in step.input.sorted(by: { $0.key < $1.key }) {
                for (source, path) in Self.references(in: input) where workflow.steps.indices.contains(source) {
                    let found = workflow.steps[source]
                    guard path.split(separator: ".").first.map({ Int($0) != nil }) == true, !RecordLookups.identifies(found) else {
                        continue
                    }
                    return "\(step.tool).\(step.capability) \(key) takes \(source).\(path) from \(found.tool).\(found.capability) "
                        + "with no filter for whom the prompt names"
                }
            }
        }
        return nil
    }

    /// The (step, path) pairs an input reads: a reference, or `{{2.0.id}}` placeholders in a template.
    static func references(in input: JSONInput) -> [(Int, String)] {
        switch input {
        case .reference(let source, let path): return [(source, path)]
        case .literal: return []
        case .template(let template):
            return template.components(separatedBy: "{{").dropFirst().compactMap { part in
                let digits = part.prefix { $0.isNumber }
                guard let source = Int(digits), part.dropFirst(digits.count).first == "." else { return nil }
                return (source, String(part.dropFirst(digits.count + 1).prefix { $0 != "}" && $0 != "|" }))
            }
        }
    }

    /// "Relay from Ines (procurement, …): "Look up Bruno Falk …, and then let #procurement know it's done."": a
    /// request quoted whole after who sends it is what the plan does, not words a message must carry.
    static func quotedRequest(closing prompt: String) -> String? {
        guard let quoted = PromptText.quotedTexts(in: prompt).last, let range = prompt.range(of: quoted, options: .backwards),
            range.lowerBound > prompt.startIndex
        else { return nil }
        let opening = prompt[prompt.index(before: range.lowerBound)]
        let after = prompt[range.upperBound...].drop { "\"'”’".contains($0) }
        let before = prompt[..<prompt.index(before: range.lowerBound)].trimmingCharacters(in: .whitespaces)
        guard "\"'“‘".contains(opening), after.allSatisfy({ $0.isWhitespace || ".!?".contains($0) }), before.hasSuffix(":"),
            !before.contains("#"), !before.contains("@"), PromptClauses.classify(String(before.dropLast())).0 == .read,
            PromptClauses.classify(quoted).1 != nil, quoted.split(separator: " ").count >= 4
        else { return nil }
        return quoted
    }

    /// Text the prompt quotes or labels (`"…"`, `subject: …`, `body: …`) that no step carries: a
    /// message sent with other words than the ones given.
    func droppedText(_ workflow: Workflow, _ evaluation: PlannerEvaluationSet.Case) -> String? {
        // A request written as JSON quotes its keys too; only the values it states count. Labelled lines read as a request
        // ("To: …\nBody: …\n\nPlease send it.") state their text where their reading quotes it, up to the next label or
        // instruction.
        // A framework's request object (`ChatMessage(role=<ChatRole.USER: 'user'>, content='…')`) quotes its role too, and
        // markup its attributes (`<amount currency="USD">`).
        // An agent framework's own words around the request ("… cc @planner_agent when done") are not the message's.
        // What is pasted under the request ("Forwarding this:\n\n> Subject: Lunch on Friday?") is not the writer's to send.
        let prompt = AgentSignals.removed(PastedContent.resolved(evaluation.prompt))
        // `Ben Chen insists "I've paid you every month". How many paid invoices …?`: a customer's words told as what happened
        // are no text to send.
        let read = StructuredRequest.sentence(
            for: MarkupRequests.resolved(ReportedSpeech.resolved(HandOffMarkup.normalized(FrameworkObjects.unwrapped(prompt)))))
        // `{"request_id": "c1f9-22", "source": "zendesk-bot", "user_text": "…"}`: its keys and its metadata are no text.
        let keys =
            (try? JSONSerialization.jsonObject(with: Data(prompt.utf8)) as? [String: Any]).map { object in
                Set(object.keys).union(object.values.compactMap { $0 as? String }.filter { !$0.contains(" ") })
            } ?? []
        let stated =
            PromptText.quotedTexts(in: read).filter { !keys.contains($0) }
            + (read == prompt ? ["subject", "body"].compactMap { PromptText.labelled($0, in: prompt) } : [])
        let carried = workflow.steps.indices.map { inputText(workflow, step: $0) }.joined(separator: " ").lowercased()
        // "The user asked: "what was on our latest invoice?"": the quoted words are the request, not text to send.
        let relayed = PromptFraming.reportedRequest(in: evaluation.prompt)
        let closing = Self.quotedRequest(closing: evaluation.prompt)
        // "… asked: "…?" Please return deal name and amount.": the request, with the fields asked after it.
        // "The user is asking: 'did payment pi_… go through?' (They sound worried.)": a question quoted is what is asked,
        // not words to carry, when nothing is sent.
        let acts = workflow.steps.contains { ActionSteps.isAction($0, catalog) }
        // `goal: "List the active subscriptions …"`, `QueryBundle(query_str='Which CRM contacts …')`: a read quoted whole
        // by the framework handing it over is the request, not words to carry, when nothing is sent.
        // `Action Input: {"query": "current weather conditions and wind speed in Reykjavik"}`: a read said as what it reads.
        // `QueryEngineTool(name='ploton')`: the name of the tool the framework calls, Ploton itself.
        let quotedRead = { (text: String) in
            !acts && text.split(separator: " ").count >= 4
                && (PromptClauses.classify(text).1 != nil || !PromptText.words(text).isDisjoint(with: PromptClauses.knownNouns))
        }
        let callee = { (text: String) in text.rangeOfMatch(of: #"^(?i)ploton[\w.-]*$"#) != nil }
        // "Maya Okafor emailed: 'Please note my new phone number is …' Update her in the CRM.": a customer's own words quoted
        // as what happened, when the plan acts on a record and writes no text anywhere; the values the quote gives are the
        // case's `inputs` to check.
        let writesText = workflow.steps.contains {
            ["send_message", "post_message", "upload_file", "create_event", "reply_message"].contains($0.capability)
        }
        let quotedWords = { (text: String) in acts && !writesText && text.split(separator: " ").count >= 6 }
        let dropped = stated.filter {
            $0 != relayed && relayed?.hasPrefix($0 + " ") != true && $0 != closing && (acts || !$0.hasSuffix("?")) && !quotedRead($0)
                && !callee($0) && !quotedWords($0)
        }.first { text in
            // `content: "risk,owner\nsupplier delay,Klaus"`: a double-quoted value's escapes, as the text carries them.
            [text, text.replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\t", with: "\t")].allSatisfy {
                !carried.contains($0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " .!?,")))
            }
        }
        return dropped.map { "no step carries the stated text \"\($0)\"" }
    }

    /// `inputs_exact`: each stated parameter holds exactly that value.
    func exactInputs(_ workflow: Workflow, _ evaluation: PlannerEvaluationSet.Case) -> String? {
        for (capability, expected) in evaluation.inputsExact.sorted(by: { $0.key < $1.key }) {
            let steps = workflow.steps.filter { "\($0.tool).\($0.capability)" == capability }
            for (path, value) in expected.sorted(by: { $0.key < $1.key }) {
                let got = steps.map { literal(in: $0, at: path, of: workflow) }
                if !got.contains(where: { Self.same($0, value) }) {
                    let shown = got.map { $0?.jsonText ?? "nothing" }.joined(separator: ", ")
                    return "\(capability) \(path) is \(shown.isEmpty ? "nothing" : shown), expected \(value.jsonText)"
                }
            }
        }
        return nil
    }

    /// `keep`: each stated condition is one the step keeps its items to.
    func keptItems(_ workflow: Workflow, _ evaluation: PlannerEvaluationSet.Case) -> String? {
        for (capability, expected) in evaluation.keep.sorted(by: { $0.key < $1.key }) {
            let kept = workflow.steps.filter { "\($0.tool).\($0.capability)" == capability }.flatMap { $0.keep ?? [] }
            for condition in expected
            where !kept.contains(where: { $0.path == condition.path && $0.op == condition.op && Self.same($0.value, condition.value) }) {
                return "\(capability) keeps no \(condition.path) \(condition.op.rawValue) \(condition.value.jsonText)"
            }
        }
        return nil
    }

    /// `end_user`: the plan names the end user the prompt does.
    func endUser(_ workflow: Workflow, _ evaluation: PlannerEvaluationSet.Case) -> String? {
        guard let expected = evaluation.endUser, workflow.userID != expected else { return nil }
        return "the end user is \(workflow.userID ?? "nobody"), expected \(expected)"
    }

    /// `aggregate`: the result is the figure the case asks of its records (`count`, `sum:amount_due`).
    func aggregate(_ workflow: Workflow, _ evaluation: PlannerEvaluationSet.Case) -> String? {
        let planned = workflow.aggregate.map { [$0.op.rawValue, $0.field].compactMap { $0 }.joined(separator: ":") }
        guard let expected = evaluation.aggregate, planned != expected else { return nil }
        return "the result is \(planned ?? "the records"), expected \(expected)"
    }

    func literal(in step: PlannedStep, at path: String, of workflow: Workflow) -> JSONValue? {
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        guard let first = parts.first else { return nil }
        switch step.input[first] {
        case .literal(let value)?: return parts.count == 1 ? value : value.value(at: parts[1])
        // A record read by its id ("get_payment" with `id`) gives back that id: `{"$step": 0, "path": "id"}` is
        // the id the read was given.
        case .reference(let source, let key)? where parts.count == 1 && workflow.steps.indices.contains(source):
            guard case .literal(let value)? = workflow.steps[source].input[key] else { return nil }
            return value
        default: return nil
        }
    }

    static func same(_ got: JSONValue?, _ expected: JSONValue) -> Bool {
        switch (got, expected) {
        case (.string(let a)?, .string(let b)): return a.lowercased() == b.lowercased()
        case (.number(let a)?, .number(let b)): return a == b
        case (.string(let a)?, .number(let b)): return Double(a) == b
        case (.number(let a)?, .string(let b)): return Double(b) == a
        default: return got == expected
        }
    }

    /// The same read or action planned more often than the case expects, with the same input or none.
    func repeatedSteps(_ workflow: Workflow, _ evaluation: PlannerEvaluationSet.Case) -> String? {
        for (index, step) in workflow.steps.enumerated() {
            let name = "\(step.tool).\(step.capability)"
            let expected = evaluation.capabilities.filter { $0 == name }.count
            let earlier = workflow.steps[..<index].filter { "\($0.tool).\($0.capability)" == name }
            guard earlier.count >= max(expected, 1) else { continue }
            if earlier.contains(where: { $0.input == step.input || $0.input.isEmpty || step.input.isEmpty }) {
                return "plans \(name) twice (step \(index))"
            }
        }
        return nil
    }

    /// A search, place or channel name holding a filler word or a repeated word ("tokyo pls", "is:unread unread").
    func fillerInSearches(_ workflow: Workflow) -> String? {
        for step in workflow.steps {
            for (key, input) in step.input.sorted(by: { $0.key < $1.key }) where Self.searchKeys.contains(key) {
                guard case .literal(.string(let text)) = input else { continue }
                // Drive's query joins its terms with "and", and compares times: syntax too.
                let searched = text.replacingOccurrences(of: "name contains", with: " ").replacingOccurrences(
                    of: "' and mimeType", with: "'"
                ).replacingMatches(of: #"(?: and )?modifiedTime [<>=]+ '[^']*'"#, with: " ")
                // Provider operators (`is:unread`, `from:ann@…`) are syntax, not searched words.
                let words = searched.lowercased().split(whereSeparator: \.isWhitespace).filter { !$0.contains(":") }
                    .map { String($0).trimmingCharacters(in: .punctuationCharacters) }.filter { !$0.isEmpty }
                if let filler = words.first(where: Self.fillerWords.contains) {
                    return "\(step.tool).\(step.capability) \(key) \"\(text)\" searches for the filler word \"\(filler)\""
                }
                if let repeated = words.enumerated().first(where: { words[..<$0.offset].contains($0.element) }) {
                    return "\(step.tool).\(step.capability) \(key) \"\(text)\" repeats \"\(repeated.element)\""
                }
            }
        }
        return nil
    }

    /// A message or file whose content is only a lookup's output (the channel found, the coordinates);
    /// a lookup labelling a read ("Berlin: {{1.conditions}} …") is part of that read's content, and a field of the lookup
    /// the prompt asks for ("What's the topic of #partnerships? Email it …": `{{0.0.topic.value}}`) is the content.
    func lookupAsContent(_ workflow: Workflow, _ evaluation: PlannerEvaluationSet.Case) -> String? {
        let asked = PromptText.words(evaluation.prompt)
        for step in workflow.steps {
            for (key, input) in step.input where Self.contentKeys.contains(key) {
                if case .template(let template) = input,
                    // (`num_members` for "how many members").
                    template.matches(of: #/\{\{\d+\.(?:\d+\.)?([a-z_]+)/#).contains(where: {
                        asked.contains(String($0.output.1)) || asked.contains(String($0.output.1.split(separator: "_").last ?? ""))
                    })
                {
                    continue
                }
                // "Get the coordinates of Reykjavik and post them": the place found is what was asked.
                if case .template(let template) = input, template.contains(".latitude}}"),
                    !asked.isDisjoint(with: ["coordinates", "coords", "coordinate", "lat", "zone", "timezone", "country"])
                {
                    continue
                }
                let sources = input.referencedSteps.filter { workflow.steps.indices.contains($0) }.map { workflow.steps[$0] }
                let isLookup = { (found: PlannedStep) in Self.lookups.contains("\(found.tool).\(found.capability)") }
                if let found = sources.first(where: isLookup), sources.allSatisfy(isLookup) {
                    return
                        "\(step.tool).\(step.capability) \(key) carries \(found.tool).\(found.capability)'s output, not the content asked for"
                }
            }
        }
        return nil
    }
}
