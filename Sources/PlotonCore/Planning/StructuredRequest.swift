import Foundation

/// A request written as data rather than a sentence: a JSON object (`{"action": "send_email",
/// "to": "ann@…", "subject": "…", "body": "…"}`) or "key: value" lines ("channel: #random",
/// "message: Lunch is here"), as agents pass them on. It is read as the sentence it stands for
/// ("send email to ann@… with subject "…" saying "…""), so the rest of the planner sees one
/// phrasing. Anything else is returned as written.
enum StructuredRequest {
    /// Keys naming what to do; their value, with `_` as spaces, opens the sentence.
    /// "Call tool post_to_slack with arguments {…}", "invoke the function send_email with args: {…}".
    static let toolCall = try? NSRegularExpression(
        pattern: #"^(?:please\s+)?(?:call|invoke|use|run|execute)\s+(?:the\s+)?(?:tool|function)\s+[`"']?([a-z][a-z0-9_.]*)[`"']?\s+"#
            + #"(?:with\s+)?(?:the\s+)?(?:arguments|args|params|parameters|input)?\s*:?\s*(\{[\s\S]*\})$"#,
        options: [.caseInsensitive])

    /// "Call the CRM for user_789 with {"action": "create_contact", …}": a service called with data that names the action
    /// (the verb "call" was refused).
    static let serviceCall = try? NSRegularExpression(
        pattern: #"^(?:please\s+)?(?:call|invoke|use|run|execute|hit)\s+(?:the\s+)?([a-z][a-z0-9_.-]*)(?:\s+(?:tool|api|service))?"#
            + #"(?:\s+(?:for|as|on\s+behalf\s+of)\s+[\w@.-]+)?\s+(?:with\s+)?(?:the\s+)?(?:arguments|args|params|parameters|input|payload)?"#
            + #"\s*:?\s*(\{[\s\S]*\})$"#,
        options: [.caseInsensitive])

    /// "Action: weather_lookup\nAction Input: {"location": …}": the step a ReAct agent (LangChain's format) writes, after
    /// the question and its thoughts; an observation after it is no part of the request.
    static let reactStep = try? NSRegularExpression(
        pattern:
            #"^(?:\s*(?:Thought|Question)\s*:[^\n]*\n+)*\s*Action\s*:\s*([A-Za-z][\w.\- ]{0,40}?)\s*\n+\s*Action\s+Input\s*:\s*([\s\S]+?)"#
            + #"\s*(?:\n\s*Observation\s*:[\s\S]*)?$"#,
        options: [.caseInsensitive])

    /// The tool and the input of a ReAct step, or nil.
    static func reactStep(in text: String) -> (String, String)? {
        guard let match = reactStep?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let tool = Range(match.range(at: 1), in: text), let input = Range(match.range(at: 2), in: text)
        else { return nil }
        return (String(text[tool]), String(text[input]))
    }

    /// "Action: geocode\nAction Input: Rotterdam" → "geocode Rotterdam"; "Action: crm_query\nAction Input: contacts created this
    /// month" → "get crm: contacts created this month": a value without a verb is what the named action is done to (it was
    /// read alone, as a verb "Rotterdam"). Words that ask for something are the request as they are.
    static func bareInput(_ input: String, of tool: String) -> String {
        guard PromptClauses.classify(input).1 == nil else { return input }
        let words = tool.lowercased().split { "_.- ".contains($0) }.map(String.init)
        let reads: Set<String> = ["query", "lookup", "search", "get", "fetch", "find", "list", "read", "retrieve"]
        guard words.contains(where: reads.contains) else { return (words + [input]).joined(separator: " ") }
        // "Action: search_contacts\nAction Input: Nguyen": what the search looks for.
        if words.first == "search", words.count > 1 { return (words + ["for", input]).joined(separator: " ") }
        let service = words.filter { !reads.contains($0) }
        // `channel="incidents"`: the channel itself (the quoted name was posted as a message).
        let named = input.replacingMatches(
            of: #"(?im)^[ \t]*(?:channel|channel_name)\s*[=:]\s*["']?#?([\w-]+)["']?[ \t]*$"#, with: "in #$1")
        return "get " + (service.isEmpty ? "" : service.joined(separator: " ") + (named == input ? ": " : " ")) + named
    }

    /// The tool's name and the data of a call written out ("Call tool post_to_slack with arguments {…}").
    static func toolCall(in text: String) -> (String, String)? {
        guard
            let match = toolCall?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
                ?? serviceCall?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let name = Range(match.range(at: 1), in: text), let data = Range(match.range(at: 2), in: text)
        else { return nil }
        return (String(text[name]), String(text[data]))
    }

    static let placeKeys = ["location", "city", "place"]
    static let actionKeys = ["action", "intent", "command", "operation", "task", "capability", "tool_intent", "action_type"]
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
    static let fieldKeys = ["return", "returns", "fields", "output", "output_fields", "return_fields", "fields_to_return"]
    /// Keys that only say which service, which the action's words already imply.
    static let serviceKeys = ["tool", "service", "app", "target", "platform", "provider", "integration"]
    /// Keys holding the request itself in words (`{"source": "support-bot", "user_request": "Add …"}`).
    static let requestKeys = [
        "user_request", "request", "prompt", "query", "instruction", "instructions", "ask", "question", "utterance", "user_message",
        "user_input",
        // Semantic Kernel's `Arguments: { "input": "Add Omar Haddad …" }`, CrewAI's "Task description:".
        "input", "task_description",
    ]

    /// Words of an action done to a place, which takes the place given beside it.
    static let placeWords: Set<String> = [
        "coordinates", "geocode", "latitude", "longitude", "timezone", "zone", "location", "place", "city", "lat", "lon",
    ]
    /// Keys naming the record a request is about ("person: Grace Haddad", "contact: Liam Haddad", "Record: contact 1004").
    static let recordKeys = ["person", "contact", "record", "contact_name", "customer_name", "lookup"]
    static let closeKeys = ["closedate", "close_date"]
    static let endKeys = ["end"]
    static let zoneKeys = ["timezone", "time_zone", "tz"]
    static let durationKeys = ["duration", "length"]
    /// Keys naming what a search looks for, when a request or an action says what is searched.
    static let searchKeys = ["search", "search_term", "keyword", "keywords", "q", "query", "term"]
    /// Labels agents write for the keys above: "Need:", "do", "customer email", "When:", "Who:".
    static let aliases: [String: String] = [
        "need": "request", "needs": "request", "do": "action", "op": "action", "kind": "action", "function": "action",
        "kernelfunction": "action",
        "kernel_function": "action", "function_name": "action", "tool_name": "action", "skill": "action",
        "method": "action", "e_mail": "email", "email_address": "email", "customer_email": "email", "contact_email": "email",
        "recipient_email": "to", "send_to": "to", "message_body": "body", "email_body": "body", "msg": "message",
        "message_text": "text", "date": "when", "time": "when", "start_date": "when", "date_time": "when", "start_at": "start",
        "who": "attendees", "invite": "attendees", "guests": "attendees", "guest": "attendees", "with": "attendees",
        "attendee": "attendees", "invitee": "attendees", "participant": "attendees",
        "end_time": "end", "ends": "end", "until": "end", "end_at": "end", "slack_channel": "channel", "file_name": "filename",
        "deal_value": "amount", "deal": "deal_name", "deal_title": "deal_name", "opportunity": "deal_name",
        "deal_amount": "amount", "deal_stage": "stage", "full_name": "name", "duration_minutes": "duration", "length_minutes": "duration",
        "duration_mins": "duration", "closes": "close_date", "closes_on": "close_date", "close_by": "close_date",
        "expected_close": "close_date", "expected_close_date": "close_date", "subject_line": "subject", "amount_usd": "amount",
        "amount_eur": "amount", "amount_gbp": "amount", "refund_amount": "amount",
        // Agents' own names: "day: Thursday", `{"first": …, "mail": …, "org": …}`, "system: HubSpot", "want: [created]".
        "day": "when", "first": "first_name", "given_name": "first_name", "last": "last_name", "surname": "last_name",
        "family_name": "last_name", "mail": "email", "org": "company", "organization": "company", "organisation": "company",
        "employer": "company", "account": "company", "system": "tool", "tool_hint": "tool", "want": "return", "wanted": "return",
        "needed": "return", "expected_output": "return", "expected": "return", "deliverable": "return", "duration_min": "duration",
        "metric": "metric", "kpi": "metric", "period": "period",
        "timeframe": "period", "time_range": "period", "date_range": "period", "time_window": "period", "window": "period",
        "mobile": "phone", "phone_number": "phone",
        // Google's `list_events(timeMin=…, timeMax=…, maxResults=5)`.
        "timemin": "since", "time_min": "since", "timemax": "end", "time_max": "end", "maxresults": "limit", "page_size": "limit",
        "pagesize": "limit", "top": "limit", "title_of_event": "subject", "event_title": "subject", "meeting_title": "subject",
    ]

    static var knownKeys: Set<String> {
        Set(
            actionKeys + recipientKeys + channelKeys + subjectKeys + textKeys + nameKeys + countKeys + fieldKeys + serviceKeys
                + amountKeys + stageKeys + paymentKeys + startKeys + attendeeKeys + requestKeys + closeKeys + durationKeys + searchKeys
                + endKeys + zoneKeys + placeKeys + recordKeys + ["metric", "period", "customer", "customer_id", "since"]
                + AgentFields.ignored + AgentFields.contactKeys.map(\.0) + ["currency"])
    }

    /// The key a label stands for ("Customer email" → "email", "Need" → "request"), or nil for words that are no label.
    static func labelKey(_ label: String) -> String? {
        let words = label.lowercased().split(separator: " ")
        let key = words.joined(separator: "_").replacingOccurrences(of: "-", with: "_")
        if let known = aliases[key] ?? (knownKeys.contains(key) ? key : nil) { return known }
        // "Customer email", "Tool request": a key after a word saying whose or what kind.
        guard words.count == 2, let last = words.last, qualifiers.contains(String(words[0])) else { return nil }
        return aliases[String(last)] ?? (knownKeys.contains(String(last)) ? String(last) : nil)
    }

    static let qualifiers: Set<String> = [
        "customer", "contact", "recipient", "deal", "file", "email", "message", "meeting", "event", "tool", "user", "client",
        "company", "channel", "slack", "crm", "search", "lead", "person", "attendee", "original", "end", "manager", "boss", "guest",
        "invitee", "participant", "organizer",
    ]

    static func sentence(for prompt: String) -> String {
        let trimmed = ToolCallText.pluginCall(in: prompt.trimmingCharacters(in: .whitespacesAndNewlines))
        if let chat = chatMessages(trimmed) { return chat }
        if trimmed.hasPrefix("{"), trimmed.hasSuffix("}"), let fields = jsonFields(trimmed) {
            return sentence(fields, opening: nil) ?? prompt
        }
        if let object = nestedYAML(trimmed), let fields = jsonFields(object) { return sentence(fields, opening: nil) ?? prompt }
        // Haystack's `pipeline.run({"prompt_builder": {"query": "Get …"}})`: the data a component is run with (the word
        // "pipeline" listed the deals).
        if let data = trimmed.rangeOfMatch(of: #"^[A-Za-z_][\w.]*\.run\(\s*\{[\s\S]*\}\s*\)\s*;?$"#).map({ _ in trimmed }),
            let open = data.firstIndex(of: "{"), let close = data.lastIndex(of: "}"),
            let object = componentData(String(data[open...close])), let fields = jsonFields(object),
            let written = sentence(fields, opening: nil)
        {
            return written
        }
        // `send_message(to="…", subject="…")`, `upload_file {"name": …}`: a call, as code writes it.
        // "Function call: storage.upload_file(name=…, content=…)": a label before the call only says what it is (the call was
        // read as words, and the Drive was searched for the file instead of saving it).
        let labelled = trimmed.firstIndex(of: ":").flatMap { colon -> String? in
            let label = trimmed[..<colon]
            guard label.split(separator: " ").count <= 3, label.allSatisfy({ $0.isLetter || " -_".contains($0) }) else { return nil }
            return trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let (fields, rest) = ToolCallText.fields(in: trimmed) ?? labelled.flatMap({ ToolCallText.fields(in: $0) }),
            let written = sentence(fields, opening: nil)
        {
            // "read_message(id=…) and post its subject to #engineering": the sentence goes on with the words after the call.
            if rest.rangeOfMatch(of: #"^(?:and|then)\b"#) != nil { return written + " " + rest }
            return rest.isEmpty ? written : written + ". " + rest
        }
        // "Call tool post_to_slack with arguments {"channel": …}": a call an agent framework writes out, the tool's name as
        // the action (the verb "call" was refused).
        if let (tool, data) = Self.toolCall(in: trimmed), let fields = jsonFields(data),
            let written = sentence(fields.contains { actionKeys.contains($0.0) } ? fields : [("action", tool)] + fields, opening: nil)
        {
            return written
        }
        // "Action: chat\nAction Input: list the channels and …": the input, data or words, is the request; the tool's name
        // is the action when the data names none.
        if let (tool, input) = Self.reactStep(in: trimmed) {
            if let fields = jsonFields(input),
                let written = sentence(fields.contains { actionKeys.contains($0.0) } ? fields : [("action", tool)] + fields, opening: nil)
            {
                return written
            }
            if !input.hasPrefix("{") { return Self.bareInput(AgentFields.unquoted(input), of: tool) }
        }
        // "Execute this: {"action": "post_message", …}": a few words handing over the request, then the data;
        // "Post to Slack with these params: {…}": the request in words, then its values.
        if trimmed.hasSuffix("}"), let brace = trimmed.firstIndex(of: "{"), let colon = trimmed[..<brace].lastIndex(of: ":"),
            trimmed[trimmed.index(after: colon)..<brace].allSatisfy(\.isWhitespace), trimmed[..<colon].split(separator: " ").count <= 10,
            let fields = jsonFields(String(trimmed[brace...]))
        {
            let words = String(trimmed[..<colon])
            let handing = words.split(separator: " ").count <= 4 && PromptClauses.classify(words).1 == nil
            if let written = sentence(fields, opening: nil) ?? (handing ? nil : sentence(fields, opening: withoutValuesNamed(words))) {
                return written
            }
        }
        // "Haystack pipeline: component 'ploton_action' received input {"query": "Create …"}": the data a framework reports
        // handing over, with the request in it (the framework's own words were searched for); "Pipeline input -> {…}".
        if trimmed.hasSuffix("}"), let brace = trimmed.firstIndex(of: "{"),
            trimmed[..<brace].rangeOfMatch(
                of: #"(?i)\b(?:input|inputs|payload|arguments|args|params|parameters|data|with)\s*(?:[:=]|->|=>|→)?\s*$"#)
                != nil,
            let fields = jsonFields(String(trimmed[brace...])), fields.contains(where: { requestKeys.contains($0.0) }),
            let written = sentence(fields, opening: nil)
        {
            return written
        }
        // "Inputs: [{"city": "Kraków"}, {"city": "Porto"}]. Get the temperature for each city.": the values, in place.
        if let listed = ListedValues.resolved(trimmed) { return listed }
        // `[{"tool": "chat", "do": "find channel", "name": "mktg-emea"}] The user wants the topic.`: the data, then what to
        // answer with.
        // "tool_calls: [{"type": "function", "function": {…}}]": a label before the data only says what it is.
        if let (data, rest) = leadingJSON(trimmed) ?? labelled.flatMap(leadingJSON), let fields = jsonFields(data),
            let written = sentence(fields, opening: nil)
        {
            return rest.isEmpty ? written : written + ". " + rest
        }
        // "- title: Quarterly review", "**File name**: notes.md", "Constraints:": bullets and emphasis mark no words, and a
        // label alone on its line only heads the values under it.
        let split = LabelledLines.split(trimmed)
        // "content: |" (YAML's block of lines): the label alone, its text on the lines under it.
        var lines = yamlListsJoined(split.split(whereSeparator: \.isNewline).map(String.init)).map {
            AgentFields.plain(String($0)).replacingMatches(
                of: #"^([^:]{1,40}):\s*[|>][-+]?$"#, with: "$1:")
        }.filter { !$0.isEmpty }.flatMap(statedParts)
        guard lines.count >= 2 else { return prompt }
        // "…\nReturn the refund confirmation.": what to answer with is no value of the request.
        if let last = lines.last, keyValue(last) == nil, AgentFields.asksConfirmation(last) { lines.removeLast() }
        // "Context: the user manages procurement.": what the request is set in, which `PromptFraming` reads after the values
        // are a sentence (read as a value here, the meeting it followed lost its time).
        let context = lines.filter { line in
            line.firstIndex(of: ":").map { colon in
                ["context", "background", "situation", "fyi"].contains(line[..<colon].lowercased().trimmingCharacters(in: .whitespaces))
            } ?? false
        }
        lines.removeAll { context.contains($0) }
        guard lines.count >= 2 else { return prompt }
        // "Some-bot: fooo: bar": labels `AgentFields` reads (a record's own fields).
        // A text's own lines ("content: |\n  Went well: deploys") are no labels.
        var inText = false
        var unknown = false
        for line in lines.dropFirst() {
            if line.hasSuffix(":"), let key = labelKey(String(line.dropLast())), textKeys.contains(key) {
                inText = true
            } else if keyValue(line) != nil {
                inText = false
            } else if !inText, !AgentFields.heading(line), AgentFields.pairs([line]) != nil,
                // "Objective: get contact details …": a request's own label, which frames the values rather than being one.
                !["objective", "goal", "purpose"].contains(line.prefix { $0 != ":" }.lowercased())
            {
                unknown = true
                break
            }
        }
        if unknown {
            let bare = lines.filter { !AgentFields.heading($0) }
            return bare.count >= 2 ? AgentFields.sentence(bare, opening: keyValue(bare[0]) == nil ? bare[0] : nil) ?? prompt : prompt
        }
        var opening: [String] = []
        var pairs: [(String, String)] = []
        var after: [String] = []
        // A text quoted whole ends with its closing quote; the line after it is no more of it.
        var closed = false
        for line in lines {
            if let pair = keyValue(line) {
                pairs.append(pair)
                closed =
                    textKeys.contains(pair.0)
                    && line.firstIndex(of: ":").map {
                        wholeQuote(String(line[line.index(after: $0)...]).trimmingCharacters(in: .whitespaces)) != nil
                    } == true
            } else if line.hasSuffix(":"), let key = labelKey(String(line.dropLast())), textKeys.contains(key) {
                // "Body:" alone on its line: the lines under it are the text.
                pairs.append((key, ""))
            } else if pairs.isEmpty, opening.isEmpty, line.hasSuffix(":"), line.split(separator: " ").count <= 6,
                // "Please handle the following:": a verb no tool has only hands over the lines under it.
                ![.read, .unsupported].contains(PromptClauses.classify(String(line.dropLast())).0),
                PromptClauses.classify(String(line.dropLast())).1 != nil
            {
                // "Add to CRM:", "Schedule the following:": the request, its values under it.
                opening.append(withoutPointer(String(line.dropLast())))
            } else if AgentFields.heading(line)
                || (pairs.isEmpty && opening.isEmpty && line.hasSuffix(":") && line.split(separator: " ").count <= 6)
            {
                // "Details:", "Handoff from intake bot:": a heading, or who hands the request over.
                continue
            } else if let last = pairs.last, textKeys.contains(last.0), after.isEmpty, !closed, !restatesAction(line) {
                // "Body: Hi team, …\nThanks, Rafa": a message's text goes on to the next label.
                pairs[pairs.count - 1].1 += (last.1.isEmpty ? "" : "\n") + line
            } else if pairs.isEmpty {
                // "You have access to the calendar tool. The user asked: "Schedule a 1:1 with my manager."": the request
                // inside its framing.
                let request = PromptFraming.request(in: line)
                opening.append(wholeQuote(request) ?? request)
            } else {
                after.append(line)
            }
        }
        pairs.removeAll { $0.1.isEmpty }
        // "Task: Send a follow-up email to the customer\nContext: Jordan Blake (jordan.blake@helix.example) asked …": the one
        // address the context gives is whom the email goes to (it was asked for).
        let contextAddresses = Set(context.flatMap { PromptText.emails(in: $0) }.map { $0.lowercased() })
        if !pairs.contains(where: { recipientKeys.contains($0.0) }), contextAddresses.count == 1, let address = contextAddresses.first,
            (opening + pairs.filter { actionKeys.contains($0.0) || requestKeys.contains($0.0) }.map(\.1)).contains(where: {
                $0.rangeOfMatch(of: #"(?i)\b(?:e-?mail|mail|write|reply|follow[- ]up)\b"#) != nil
            }),
            !pairs.contains(where: { channelKeys.contains($0.0) })
        {
            pairs.append(("to", address))
        }
        // "…\nBook it in my calendar.", "…\nPlease send it.": the action, said after its values; once is enough.
        if let restated = after.firstIndex(where: restatesAction) {
            // "The user wants a file saved to their Drive. … Please upload it.": an opening that only describes the wish
            // gives way to the action said after the values.
            let described = opening.count == 1 && AgentFields.wantedDone(opening[0]) == nil && PromptClauses.classify(opening[0]).0 == .read
            if opening.isEmpty || described, !pairs.contains(where: { actionKeys.contains($0.0) || requestKeys.contains($0.0) }) {
                opening = [after[restated]]
            }
            after.remove(at: restated)
        }
        // "Task: prepare the morning brief\n- get today's events …\n- get the weather in Boston …": a task no tool does,
        // spelled out by the lines after it, only sums them up (refused as "prepare", nothing was read).
        if opening.isEmpty, pairs.count == 1, let task = pairs.first, actionKeys.contains(task.0) || requestKeys.contains(task.0),
            after.allSatisfy(PromptFraming.asks),
            (after.count >= 2
                && (PromptClauses.classify(task.1).0 == .unsupported || PromptClauses.classify(task.1).1 == nil))
                // "Task: contact lookup + outreach.\nFind Grace's email in the CRM and send her a note …": a title heads the
                // one line that asks (the title was read as a request of its own, and "her" pointed at it).
                || (after.count == 1
                    && (PromptClauses.classify(task.1).1 == nil || task.1.rangeOfMatch(of: #"\w\s+[+&]\s+\w"#) != nil))
        {
            return after.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " .")) }.joined(separator: ". ")
        }
        // "- weather in Oslo\n- weather in Bergen\nOutput: …": several requests in words are read as lines, not values.
        guard opening.count <= 1, pairs.contains(where: { !AgentFields.ignored.contains($0.0) }),
            let written = sentence(pairs, opening: opening.isEmpty ? nil : opening.joined(separator: " "))
        else {
            let bare = lines.filter { !AgentFields.heading($0) }
            return bare.count >= 2 ? AgentFields.sentence(bare, opening: keyValue(bare[0]) == nil ? bare[0] : nil) ?? prompt : prompt
        }
        // "…\nThe user wants the channel topic and id.": what follows the values says what to answer with.
        return ([written] + after + context).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " .")) }.joined(separator: ". ")
    }

    /// "attendees:\n  - raj@…\n  - events@…" (YAML's list under a key) → "attendees: raj@…, events@…": one value, as a line
    /// of its own (the items were read as requests, each address sent a message). Only lists of values: people, fields.
    static func yamlListsJoined(_ lines: [String]) -> [String] {
        var joined: [String] = []
        var listing = false
        for line in lines {
            let item = line.rangeOfMatch(of: #"^\s*[-*•]\s+"#).map { String(line[$0.upperBound...]) }
            if listing, let item, !item.contains(":"), let last = joined.last {
                joined[joined.count - 1] = last + (last.hasSuffix(":") ? " " : ", ") + item
                continue
            }
            let label = line.trimmingCharacters(in: .whitespaces)
            listing =
                label.hasSuffix(":")
                && labelKey(String(label.dropLast())).map { (attendeeKeys + recipientKeys + fieldKeys).contains($0) } == true
            joined.append(line)
        }
        return joined
    }

    /// `[{…}] The user wants …`, `{…} Return …`: a JSON object (or a list of one) opening the prompt, and the words after it.
    /// `{"prompt_builder": {"query": …}}`: the one component's data, as JSON text; an object of another shape as it is.
    static func componentData(_ text: String) -> String? {
        guard var object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return nil }
        while object.count == 1, let inner = object.values.first as? [String: Any] { object = inner }
        return (try? JSONSerialization.data(withJSONObject: object)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// "task: update_contact\ncontact: sam@…\nchanges:\n  company: Bluepeak": YAML with a nested block, as the JSON object it
    /// stands for (read as lines, the block's values lost their key and the update was read as searches). Only lower-case
    /// keys, and at least one block; anything else is left to the lines' own reading.
    static func nestedYAML(_ text: String) -> String? {
        var object: [String: Any] = [:]
        var block: (key: String, values: [String: String], items: [String])?
        func close() {
            guard let open = block else { return }
            object[open.key] = open.items.isEmpty ? open.values as Any : open.items as Any
            block = nil
        }
        var nested = false
        for line in text.split(whereSeparator: \.isNewline) where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let indented = line.first == " " || line.first == "\t"
            let content = line.trimmingCharacters(in: .whitespaces)
            if indented, block != nil {
                if content.hasPrefix("- ") {
                    block?.items.append(AgentFields.unquoted(String(content.dropFirst(2))))
                } else if let (key, value) = yamlPair(content), !value.isEmpty {
                    block?.values[key] = value
                } else {
                    return nil
                }
                nested = true
                continue
            }
            guard !indented, let (key, value) = yamlPair(content) else { return nil }
            close()
            if value.isEmpty { block = (key, [:], []) } else { object[key] = value }
        }
        close()
        guard nested, let data = try? JSONSerialization.data(withJSONObject: object) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// "company: Bluepeak Analytics" → ("company", "Bluepeak Analytics"), for a lower-case key; a block scalar ("|") is none.
    static func yamlPair(_ line: String) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let key = String(line[..<colon])
        guard !key.isEmpty, key.count <= 40, key.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" }) else { return nil }
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !["|", ">", "|-", ">-"].contains(value) else { return nil }
        return (key, AgentFields.unquoted(value))
    }

    static func leadingJSON(_ text: String) -> (String, String)? {
        guard let first = text.first, "[{".contains(first) else { return nil }
        var depth = 0
        var quoted = false
        var escaped = false
        for index in text.indices {
            let character = text[index]
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = quoted
            } else if character == "\"" {
                quoted.toggle()
            } else if !quoted, "[{".contains(character) {
                depth += 1
            } else if !quoted, "]}".contains(character) {
                depth -= 1
                if depth == 0 {
                    var data = String(text[...index])
                    // A list of one request is that request; a message's content blocks (`[{"type": "text", …},
                    // {"type": "tool_use", …}]`) are the one call among them.
                    if data.hasPrefix("["), let list = try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [[String: Any]],
                        case let calls = list.filter({ call(in: $0) != nil }),
                        let one = list.count == 1 ? list.first : calls.count == 1 ? calls.first : nil,
                        let object = try? JSONSerialization.data(withJSONObject: one)
                    {
                        data = String(decoding: object, as: UTF8.self)
                    }
                    let rest = text[text.index(after: index)...].trimmingCharacters(in: .whitespacesAndNewlines)
                    return data.hasPrefix("{") ? (data, rest) : nil
                }
            }
        }
        return nil
    }

    /// A tool call as the frameworks write it, as `{"action": name, "arguments": …}`: OpenAI's `{"function": {"name", "arguments"}}`
    /// and `{"name", "arguments"}`, Anthropic's `{"type": "tool_use", "name", "input"}`, MCP's `{"method": "tools/call", "params":
    /// {"name", "arguments"}}` (a name `chat__find_channel` as its tool and capability). Its `name` was read as a record's name.
    static func call(in object: [String: Any]) -> [String: Any]? {
        let call: [String: Any]
        if let function = (object["function"] ?? object["function_call"]) as? [String: Any] {
            call = function
        } else if object["method"] as? String == "tools/call", let params = object["params"] as? [String: Any] {
            call = params
        } else if object["type"] as? String == "tool_use" {
            call = ["name": object["name"] ?? "", "arguments": object["input"] ?? [:]]
        } else if object.count == 2, object["arguments"] != nil {
            call = object
        } else {
            return nil
        }
        guard let name = call["name"] as? String, !name.isEmpty else { return nil }
        let arguments = call["arguments"] ?? call["input"] ?? [:]
        // `ploton_run_task` with `{"task": "List the open invoices …"}`: a tool that runs a task said in words; the words are the
        // request (the tool's name was refused as a verb).
        let values = (arguments as? String).flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) } ?? arguments
        if var values = values as? [String: Any],
            let key = ["task", "goal", "prompt", "request", "query", "instruction", "instructions"].first(where: {
                (values[$0] as? String)?.split(separator: " ").count ?? 0 >= 3
            }),
            name.rangeOfMatch(of: #"(?i)run|task|execute|ploton|agent|ask|delegate|request"#) != nil
        {
            values["request"] = values.removeValue(forKey: key)
            return values
        }
        return ["action": name.replacingOccurrences(of: "__", with: " "), "arguments": arguments]
    }

    /// A number under its key, as the request's field: `"duration_minutes": 60` is "60 minutes" (an hour was booked as the
    /// default half); `"value_eur": 12500` is an amount of "€12500" (the figure was dropped, or read as dollars).
    static func field(_ key: String, number: String) -> (String, String) {
        let unit = ["_minutes", "_mins", "_min"].contains { key.lowercased().hasSuffix($0) } ? " minutes" : ""
        let currencies = ["eur": "€", "usd": "$", "gbp": "£", "jpy": "¥"]
        let priced = key.lowercased().split(separator: "_").map(String.init)
        if priced.count == 2, ["value", "amount", "price", "deal_value"].contains(priced[0]), let currency = currencies[priced[1]] {
            return ("amount", currency + number)
        }
        return (labelKey(key) ?? key.lowercased(), number + unit)
    }

    static func jsonFields(_ text: String) -> [(String, String)]? {
        guard var object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return nil }
        // OpenAI's `{"tool_calls": [{"type": "function", "function": {"name": …, "arguments": "{…}"}}]}` and
        // `{"function_call": {"name": …, "arguments": "{…}"}}`: the one call, its name the action (a create was read as a list).
        if let calls = object["tool_calls"] as? [[String: Any]], calls.count == 1 { object = calls[0] }
        if let call = Self.call(in: object) { object = call }
        var fields: [(String, String)] = []
        for (key, value) in object {
            // `{"capability": "list_invoices", "arguments": {"status": "open", "limit": 20}}`: a call's arguments are its values,
            // also when written as a JSON string (as OpenAI sends them); `"changes": {"company": …}` are an update's values.
            let arguments = (value as? String).flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) } ?? value
            // `"request": {"action": "lookup_payment", "payment_intent": "pi_…"}`: the request as data, its values the request's.
            if [
                "arguments", "args", "params", "parameters", "input", "inputs", "changes", "updates", "set", "new_values", "request",
                "task", "payload", "data", "call",
                // `{"intent": "crm.new_deal", "slots": {"title": …}}`: an intent's slots and entities are its values.
                "slots", "entities", "fields", "values", "properties", "details",
            ].contains(key.lowercased()),
                let nested = arguments as? [String: Any], let data = try? JSONSerialization.data(withJSONObject: nested),
                let inner = jsonFields(String(decoding: data, as: UTF8.self))
            {
                fields += inner
                continue
            }
            if key == "type", value as? String == "function" { continue }
            let named = labelKey(key) ?? key.lowercased()
            switch value {
            case let text as String: fields.append((named, text))
            case let number as NSNumber: fields.append(field(key, number: number.stringValue))
            case let list as [String]: fields.append((named, list.joined(separator: ", ")))
            // `"meta": {"source": "bot"}` beside the request: data about it, not part of it.
            case is [String: Any] where !object.keys.contains(where: { requestKeys.contains($0.lowercased()) }): return nil
            default: continue
            }
        }
        return fields
    }

    static let statedTextPattern = try? NSRegularExpression(
        pattern: #"^(?:the\s+)?(?:message(?:\s+text)?|text|body|post|content)\s+(?:must|should|has\s+to|needs\s+to|is\s+to|will)\s+"#
            + #"(?:be|read|say)\s*(?:exactly|verbatim|word\s+for\s+word)?\s*:?\s*(\S[\s\S]*)$"#,
        options: [.caseInsensitive])

    /// "the message text must be exactly: Office closed Friday", "Text should read: …": the text, stated as a rule.
    static func statedText(_ line: String) -> String? {
        guard let match = statedTextPattern?.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)),
            let value = Range(match.range(at: 1), in: line)
        else { return nil }
        let text = String(line[value]).trimmingCharacters(in: .whitespaces)
        return wholeQuote(text) ?? text
    }

    /// "subject: Q3 budget" → ("subject", "Q3 budget"), for the keys a request is written with only.
    /// `Constraints: Subject "Reminder INV-0311". Body: "Hi Omar, …"`: a message's subject and body quoted in a rule line,
    /// as lines of their own (the subject was left out); any other line as it is.
    static func statedParts(of line: String) -> [String] {
        // `Message to post in #engineering: "Deploy done."`, "Message for ann@x.example: …": a label naming where the text goes
        // holds two values (the label was read as words and the text asked for again).
        let destined =
            #"(?i)^(?:the\s+)?(?:message|text|note|announcement)\s+(?:to\s+(?:post|send|share)\s+)?"#
            + #"(?:in|to|for|into)\s+(#[\w.-]+|[^\s@:]+@[^\s:]+)\s*:\s*(\S.*)$"#
        if line.rangeOfMatch(of: destined) != nil {
            let whereTo = line.replacingMatches(of: destined, with: "$1")
            return [(whereTo.hasPrefix("#") ? "channel: " : "to: ") + whereTo, "text: " + line.replacingMatches(of: destined, with: "$2")]
        }
        guard line.rangeOfMatch(of: #"(?i)^(?:constraints?|rules?|notes?|requirements?)\s*:"#) != nil else {
            return [line]
        }
        // `Subject must be "Your refund is on its way"`: the rule's wording says the value is the one to use.
        let part =
            #"(?i)\b(subject(?:\s+line)?|body)\s*(?:[:=]|(?:must|should|has\s+to|needs\s+to|will)\s+be|is|reads?|of)?\s*"#
            + #"("[^"\n]*"|“[^”\n]*”)"#
        guard let regex = try? Regex(part) else { return [line] }
        let parts = line.ranges(of: regex).map { range in
            String(line[range]).replacingMatches(of: part, with: "$1: $2")
        }
        return parts.isEmpty ? [line] : parts
    }

    static func keyValue(_ line: String) -> (String, String)? {
        if let stated = statedText(line) { return ("text", stated) }
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let label = line[..<colon].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: colon)...].trimmingCharacters(in: CharacterSet(charactersIn: " ;"))
        // "fields: {firstname: …}": a record's own fields, which `AgentFields` reads.
        guard let key = labelKey(label), !value.isEmpty,
            !value.hasPrefix("{")
        else { return nil }
        // `attendees: ["ceo@…", "cfo@…"]`: a list, as words. "Query: 'nguyen'.", "email = lena@….": a value other than a
        // message's text ends before the full stop and inside its quotes.
        if textKeys.contains(key) {
            if value.hasPrefix("[") && value.hasSuffix("]") { return (key, AgentFields.unquoted(value)) }
            // `content: "region,forecast\nEMEA,1.2M"`: a double-quoted value's escapes, as YAML and JSON read them.
            let escaped = value.count > 1 && value.hasPrefix("\"") && value.hasSuffix("\"") && value.contains("\\")
            let text = Self.wholeQuote(value) ?? value
            return (key, escaped ? text.replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\t", with: "\t") : text)
        }
        let bare = value.hasSuffix(".") && !value.hasSuffix("..") ? String(value.dropLast()) : value
        return (key, AgentFields.unquoted(bare))
    }

    /// `"Competitors: Globex, Hooli".`, `'Thank you — we're excited.'`: a text quoted whole, without its quotes (quoted
    /// again in the sentence, the quotes were sent or the text cut at the inner quote).
    static func wholeQuote(_ value: String) -> String? {
        var text = value
        if text.hasSuffix("."), !text.hasSuffix("..") { text.removeLast() }
        guard text.count > 2, let first = text.first, let closing = LabelledLines.closingQuotes[first], text.last == closing
        else { return nil }
        let inner = text.dropFirst().dropLast()
        // `"Hi" and "bye"`: two quotes, not one.
        guard first == "'" || !inner.contains(closing), !inner.contains(first) || first == "'" else { return nil }
        return String(inner)
    }

    /// Nil when the fields say neither what to do nor carry a message with somewhere to send it:
    /// then they are not a request written as data.
    /// `{"messages": [{"role": "system", …}, {"role": "user", "content": "what did people say in #eng-oncall today?"}]}`: a
    /// chat completion's messages; the user's turn is the request, several turns a transcript (the system's words go).
    static func chatMessages(_ text: String) -> String? {
        guard text.hasPrefix("{") || text.hasPrefix("["), text.count < 100_000,
            let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
            let messages = ((json as? [String: Any])?["messages"] ?? json) as? [[String: Any]]
                // `{"role": "user", "content": "Update the phone number of …", "metadata": {…}}`: one message.
                ?? ((json as? [String: Any])?["role"] != nil ? [json as? [String: Any] ?? [:]] : nil)
        else { return nil }
        let turns = messages.compactMap { message -> (String, String)? in
            guard let role = message["role"] as? String, ["user", "assistant"].contains(role),
                let content = message["content"] as? String, !content.isEmpty
            else { return nil }
            return (role, content)
        }
        guard let last = turns.last, last.0 == "user" else { return nil }
        if turns.count == 1 { return last.1 }
        return turns.map { ($0.0 == "user" ? "User: " : "Assistant: ") + $0.1 }.joined(separator: "\n")
    }

    /// "CRM.CreateContact", "crm.create_contact", "createContact": a function's name as code writes it, said as words
    /// ("create contact"; the tool before the dot is the action's own).
    static func spokenAction(_ name: String) -> String {
        guard !name.contains(" "), name.contains(where: \.isLetter) else { return name }
        let function = name.split(separator: ".").last.map(String.init) ?? name
        // Gmail's capabilities, said as email (a "message" alone is Slack's as much as Gmail's, and was refused).
        if let email = ["read_message": "read email", "search_messages": "search emails", "send_message": "send email"][function] {
            return email
        }
        let words = function.replacingMatches(of: #"(?<=\p{Ll})(?=\p{Lu})"#, with: " ")
        let spoken = words == function && function == name ? name : words.replacingOccurrences(of: "_", with: " ").lowercased()
        // `crm.new_deal`: a deal to create.
        return spoken.hasPrefix("new ") ? "create " + spoken.dropFirst(4) : spoken
    }

    static func sentence(_ fields: [(String, String)], opening: String?) -> String? {
        let value = { (keys: [String]) in
            keys.lazy.compactMap { key in fields.first { $0.0 == key }.map { actionKeys.contains(key) ? spokenAction($0.1) : $0.1 } }.first
        }
        let recipient = value(recipientKeys)
        let channel = value(channelKeys).map { $0.hasPrefix("#") ? $0 : "#" + $0 }
        // "Constraints: Use exactly this message: "v4.2.0 is live"": the text a constraint gives, word for word.
        let text =
            value(textKeys)
            ?? fields.lazy.filter { ["constraints", "constraint", "rules", "note", "notes"].contains($0.0) }.compactMap { field in
                field.1.rangeOfMatch(
                    of: #"(?i)\b(?:message|text|wording|words|copy)\s*:?\s*["“][^"”]+["”]"#
                ).flatMap { PromptText.quotedTexts(in: String(field.1[$0])).first }
            }.first
        // "Output: JSON only": the form of the answer, which names no field.
        // "Constraints: do not modify anything; return only the file name …": the fields a constraint asks for.
        let constrained = fields.lazy.filter { ["constraints", "constraint", "rules", "note", "notes"].contains($0.0) }
            .compactMap { AgentFields.returnedFields(in: $0.1) }.first
        let returned =
            (value(fieldKeys) ?? constrained).map(PromptFraming.withoutFormat).flatMap {
                $0.isEmpty || Self.answerFormat($0) ? nil : ". Return \($0)"
            } ?? ""
        // "Tool request: crm contacts. Query: 'nguyen'": beside a request or an action, a query is what is searched for.
        // "Pipeline(components=[…])\nquery: "who sent me the email with …?"": a query that asks a question is the request.
        let query = value(["query", "q"]).flatMap { query in
            query.split(separator: " ").count >= 4 && PromptFraming.asks(query) ? nil : query
        }
        let searched =
            value(searchKeys.filter { $0 != "query" && $0 != "q" })
            ?? (fields.contains { ($0.0 != "query" && requestKeys.contains($0.0)) || actionKeys.contains($0.0) } || opening != nil
                ? query : nil)
        // "Request: upload a file for the user. File name: … Content: …": the request in words opens the sentence its
        // values go on; alone, it is the request. "Need: the customer record for that email", with "email: lena@…" given.
        let asked = fields.first { requestKeys.contains($0.0) && $0.1 != searched }.map { field in
            recipient.map { Self.demonstrativeResolved(field.1, with: $0) } ?? field.1
        }
        // "Query: "Globex renewal"" under a request in words: what to search for, which `AgentFields` says.
        if let asked, opening != nil, PromptClauses.classify(asked).1 == nil { return nil }
        // "metric: new CRM contacts", "period: this month", "output: a single count": the figure asked for, over the period.
        if asked == nil, value(actionKeys) == nil, let metric = value(["metric"]) {
            let period = value(["period"]).map { " " + $0 } ?? ""
            let counted = (value(fieldKeys) ?? "").rangeOfMatch(of: #"(?i)\b(?:count|number|how\s+many|total)\b"#) != nil
            return (counted ? "how many \(metric) are there" : "get \(metric)") + period + (counted ? "" : returned)
        }
        if let asked, value(nameKeys) == nil, value(recordKeys) == nil, text == nil, searched == nil { return asked + returned }
        // `{"intent": "calendar", "text": "Block 2-4pm on Wed for 'Deep work'"}`: the action key names only the
        // service, and the text, with nowhere to send it, is the request.
        // `upload_file(name="todo.txt", content="buy milk")`: an action named in code is one ("buy milk" was refused).
        if let action = value(actionKeys), !action.contains(" "), PromptClauses.classify(action).1 == nil,
            PromptClauses.classify(action.replacingOccurrences(of: "_", with: " ")).1 == nil, let text, recipient == nil,
            channel == nil, PromptClauses.classify(text).1 != nil
        {
            return text + returned
        }
        // "Goal: Create a new HubSpot contact for Aiko Tanaka (…)\nFunction: CRM.CreateContact": a sentence with its values
        // says more than the function's name in code (the contact was asked for again).
        let said = opening.flatMap { line -> String? in
            let words = line.replacingMatches(
                of: #"^(?:\[[^\]]{1,40}\]\s*)?(?:(?:goal|objective|task)\s*:\s*)?"#, with: "",
                options: .caseInsensitive)
            let coded = fields.first { actionKeys.contains($0.0) }.map { !$0.1.contains(" ") } ?? false
            return coded && PromptClauses.classify(words).1 != nil ? words : nil
        }
        // With no action named, a message with an address is emailed and one with a channel posted; so with an action named
        // in no verb (`Intent: sales_update`, `Channel: #sales`, `Text: …`: the channel was read).
        let named = value(actionKeys).map { $0.replacingOccurrences(of: "_", with: " ") }
        let delivered =
            text == nil || named.map({ PromptClauses.classify($0).1 != nil }) ?? true
            ? nil
            : recipient != nil ? "send email" : channel != nil ? "post message" : nil
        let action =
            delivered ?? asked.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".;")) } ?? said

            // "Task: Send a follow-up email to kira@….": the sentence goes on with the values.
            // "action: list_invoices" is words; "Task: list the invoices for customer cus_R4t…" keeps its ids as written.
            ?? value(actionKeys).map { action in
                action.split(separator: " ", omittingEmptySubsequences: false).map { word in
                    word.allSatisfy { $0.isLowercase || $0 == "_" } ? word.replacingOccurrences(of: "_", with: " ") : String(word)
                }.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ".;"))
            }
            // "Could you send a note to kim@…? Subject: …": the question's mark ends the opening, not the sentence.
            ?? opening.map { AgentFields.wantedDone($0) ?? $0 }.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " .;:?")) }
            ?? (text == nil ? nil : recipient != nil ? "send email" : channel != nil ? "post message" : nil)
        guard let action else { return nil }
        // `read_message(id="18c2…")`, `read_file(file_id="1Kp…")`, `update_contact(id="1004", phone=…)`: the record the
        // action is done to, by its id (the message was not found, the file listed, the contact asked for).
        let id = fields.first { key, _ in
            key == "id"
                || (key.hasSuffix("_id") && !["customer_id"].contains(key) && !AgentFields.ignored.contains(key)
                    && !paymentKeys.contains(key))
        }?.1
        // `"first_name": "Siobhán", "company": "Dublin Digital"`: a person's fields, as "first name …, company …" says them.
        var person = AgentFields.contactKeys.compactMap { key, words in fields.first { $0.0 == key }.map { "\(words) \($0.1)" } }
        // "Name: Siobhán Ní Bhriain": a person's name in full, first name first.
        let deal = !PromptText.words(action).isDisjoint(with: ["deal", "deals", "opportunity", "pipeline"])
        // `{"intent": "update_contact", "contact": "Aiko Tanaka", "changes": {"company": …}}`: the person changed (by name or
        // address), then the new values (the name was left out, and the update asked which contact).
        if !deal, ["update", "edit", "change", "modify"].contains(action.split(separator: " ").first?.lowercased() ?? ""),
            let record = value(recordKeys + ["name", "full_name"]) ?? id,
            case let changes = person.filter({ !$0.hasPrefix("first name ") && !$0.hasPrefix("last name ") }), !changes.isEmpty,
            // "contact: sam@…" names the contact by its address, unless the address is what changes.
            !record.contains("@") || !changes.contains(where: { $0.hasPrefix("email ") })
        {
            // "Update it in the CRM" with "contact: Liam Haddad": the record the words point at.
            let pointed = action.replacingMatches(of: #"(?i)\b(?:it|this|that)\b"#, with: NSRegularExpression.escapedTemplate(for: record))
            return (pointed == action ? action + " " + record : pointed) + ": " + changes.joined(separator: ", ") + returned
        }
        if let name = value(["name", "full_name"]), !person.isEmpty, !deal,
            !fields.contains(where: { ["firstname", "first_name"].contains($0.0) }),
            let space = name.firstIndex(of: " ")
        {
            person.insert(contentsOf: ["first name \(name[..<space])", "last name \(name[name.index(after: space)...])"], at: 0)
        }
        if person.count > 1, !deal, !PromptText.words(action).isDisjoint(with: ["contact", "lead", "person", "crm", "hubspot"]) {
            return action + ": " + person.joined(separator: ", ") + returned
        }
        // "Objective: get contact details …" with "person: Grace Haddad": the person looked up (the whole CRM was listed);
        // records of another kind ("the deals of this contact") are the person's.
        if let record = value(recordKeys), value(nameKeys) == nil, searched == nil, person.isEmpty,
            PromptClauses.classify(action).0 == .read
        {
            let service = value(serviceKeys).map { " in \($0)" } ?? ""
            let others: Set<String> = [
                "deal", "deals", "invoice", "invoices", "payment", "payments", "meeting", "meetings", "event", "events",
                "subscription", "subscriptions", "emails", "messages", "files",
            ]
            return (PromptText.words(action).isDisjoint(with: others) ? "look up \(record)\(service)" : "\(action) for \(record)")
                + returned
        }
        // `"status": "open"` on "list invoices": "list open invoices", as a person says it.
        var parts = [action]
        if let status = value(["status", "state"]), !status.contains(" "), let space = action.lastIndex(of: " ") {
            parts = [action[..<space] + " " + status.replacingOccurrences(of: "_", with: " ") + action[space...]]
        }
        // "read email with id xhsyzanhmekucx": an id of letters alone is one when said so.
        if let id { parts[0] += (PromptText.words(action).contains("email") ? " with id " : " ") + id }
        if let count = value(countKeys) { parts.append("the last \(count)") }
        // A name of several words is quoted, so the words after it are not taken for part of it.
        if let name = value(nameKeys) { parts.append(name.contains(" ") ? "named \"\(name)\"" : "named \(name)") }
        if let searched { parts.append("named \"\(searched)\"") }
        // "amount": 9000, "stage": "closedwon", "payment_intent": "pi_…": the values an action takes, as a sentence says them.
        // "amount: 25.00 USD": a currency the value names is kept; a bare number is dollars.
        // `update_deal` with an amount: the amount changed to it ("for" read as the deal made); a close date too.
        let changes =
            deal && ["update", "edit", "change", "modify", "set"].contains(action.split(separator: " ").first?.lowercased() ?? "")
        // `create_refund(payment_intent=…, amount=1500)`: Stripe's own call takes cents ($1500 was refunded for $15); a
        // refund said otherwise (`"action": "refund"`) is in dollars.
        let stripeRefund = parts[0].hasPrefix("create refund")
        if stripeRefund { parts[0] = String(parts[0].dropFirst("create ".count)) }
        if var amount = value(amountKeys) {
            if stripeRefund, let cents = Int(amount), value(["currency"]) == nil {
                amount = String(format: "$%d.%02d", cents / 100, cents % 100)
            }
            let currency = value(["currency"]).map { " " + $0 } ?? ""
            let preposition = changes ? "amount to" : "for"
            parts.append(
                amount.contains(where: { $0.isLetter || "$€£¥".contains($0) })
                    ? "\(preposition) \(amount)"
                    : currency.isEmpty ? "\(preposition) $\(amount)" : "\(preposition) \(amount)\(currency)")
        }
        if let payment = value(paymentKeys) { parts.append("on \(payment)") }
        // "Date: 2026-12-15" and "Time: 16:00–16:45 UTC": one moment, said together.
        // `timezone="America/New_York"`: the zone the time is said in (it was read as UTC).
        let start = fields.filter { startKeys.contains($0.0) || zoneKeys.contains($0.0) }.map(\.1).joined(separator: " ")
        if !start.isEmpty { parts.append("at \(start)") }
        if let since = value(["since"]) { parts.append("from \(since)") }
        if let end = value(endKeys) { parts.append("until \(end)") }
        if let attendees = value(attendeeKeys) { parts.append("with \(attendees)") }
        if let duration = value(durationKeys) { parts.append("for \(duration)") }
        if let stage = value(stageKeys) { parts.append("stage \(stage)") }
        // `"changes": {"amount": 35000, "closedate": "2027-02-15"}`: both changed (the date was dropped after the amount).
        if let close = value(closeKeys) { parts.append(changes ? "and close date to \(close)" : "closing \(close)") }
        // `list_customers(email="…")`: an address is where a message goes, and whose records others are.
        if let recipient {
            let sends = !PromptText.words(action).isDisjoint(with: [
                "send", "email", "mail", "message", "forward", "reply", "notify", "invite",
            ])
            parts.append(sends || !recipient.contains("@") ? "to \(recipient)" : "with email \(recipient)")
        }
        if let channel { parts.append("in \(channel)") }
        // `latest_invoice(customer="Emma Silva")`, `search_contacts(company="Initech")`: whose records, or where they work (the
        // customer's name was taken for an id; every contact was listed).
        if let customer = value(["customer", "customer_id"]) { parts.append("for \(customer)") }
        if person.count == 1, let company = value(["company"]), PromptClauses.classify(action).0 == .read {
            parts.append("at \(company)")
        }
        // `{"task": "get_weather", "location": "Sydney, Australia"}`: where the weather is read.
        // "Resolve coordinates for the place below" with "place: Cape Town": the place the words point at.
        // `weather.current(city=…)`: the tool's name says it is the weather; `geocode(name="Ulaanbaatar")` names a place.
        let placed = PromptText.words(action + " " + (value(serviceKeys) ?? "")).intersection(
            EmbeddedPlanner.weatherWords.union(placeWords))
        if !placed.isEmpty, PromptText.words(action).isDisjoint(with: EmbeddedPlanner.weatherWords.union(placeWords)) {
            parts[0] += " weather"
        }
        if !placed.isEmpty, value(placeKeys) == nil, let name = value(nameKeys) {
            parts.removeAll { $0.hasPrefix("named ") }
            parts.append(PromptText.words(action).contains("geocode") ? name : "in \(name)")
        }
        if let place = value(placeKeys) {
            let pointer = #"(?i)\b(?:the|this|that)\s+(?:place|city|location|destination|town|spot)\s+(?:below|above|given|listed)\b"#
            if parts[0].rangeOfMatch(of: pointer) != nil {
                parts[0] = parts[0].replacingMatches(of: pointer, with: NSRegularExpression.escapedTemplate(for: place))
            } else if !placed.isEmpty {
                parts.append("in \(place)")
            }
        }
        // "Task: create a calendar event. - title: Quarterly review": an event's title is its name, not a subject.
        if let subject = value(subjectKeys) {
            let event = !PromptText.words(action).isDisjoint(with: ReadIntents.calendarWords.union(["call", "sync"]))
            parts.append(event ? "called \"\(subject)\"" : "with subject \"\(subject)\"")
        }
        if let text { parts.append("saying \"\(text)\"") }
        return parts.joined(separator: " ") + returned
    }

    /// "the customer record for that email" with the address given beside it → "… for lena@…".
    static func demonstrativeResolved(_ request: String, with address: String) -> String {
        guard address.contains("@"), !request.contains("@") else { return request }
        return request.replacingMatches(
            of: #"(?i)\b(?:that|this|the|said|given)\s(?:e-?mail(?:\saddress)?|address)\b"#, with: address)
    }

    /// "Please send it.", "Book it in my calendar.": an action on what the values describe.
    static func restatesAction(_ line: String) -> Bool {
        let (kind, verb) = PromptClauses.classify(line)
        return verb != nil && kind != .read && kind != .unsupported
            && !PromptText.words(line).isDisjoint(with: ["it", "this", "them", "that"])
    }

    /// "Schedule the following" → "Schedule": the words pointing at the values under them.
    static func withoutPointer(_ opening: String) -> String {
        opening.replacingMatches(of: #"(?i)\s(?:the\sfollowing|these|this)$"#, with: "")
    }

    /// "Post to Slack with these params" → "Post to Slack": the words pointing at the values that follow.
    static func withoutValuesNamed(_ words: String) -> String {
        words.replacingMatches(
            of:
                #"(?i)\s(?:with|using)\s(?:these|the\sfollowing|this|the)\s(?:params|parameters|details|values|fields|data|inputs|arguments|args)$"#,
            with: "")
    }

    /// "JSON only", "a markdown table", "plain text": how to answer, not what.
    static func answerFormat(_ value: String) -> Bool {
        let words = PromptText.words(value).subtracting(["only", "just", "a", "as", "in", "format", "please", "the"])
        return !words.isEmpty
            && words.isSubset(of: ["json", "csv", "markdown", "table", "plain", "text", "yaml", "list", "bullets", "bullet"])
    }
}
