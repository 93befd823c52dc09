import Foundation

/// The default planner: no network, no model. It cuts the prompt into the parts it asks for
/// (`PromptClauses`), plans each read (`ReadIntents`) and each action (`ActionSteps`) with the
/// values the prompt states, and never drops a part: an action it cannot plan fails the whole
/// prompt with `planning_failed` naming that part, and what only the caller can give becomes one
/// `input_required` question in plain terms.
public struct EmbeddedPlanner: Planner {
    public let name = "embedded"

    public init() {}

    /// The most parts one prompt may ask for, and steps its plan may take (the evaluation set's
    /// longest plan has 6).
    static let maxParts = 25
    static let maxSteps = 50

    static let weatherWords: Set<String> = [
        "weather", "temperature", "temprature", "forecast", "humidity", "humid", "raining", "rain", "sunny", "cloudy", "windy",
        "conditions", "temp", "outside", "snowing", "snow", "snowy", "sunshine", "degrees", "wind", "windspeed",
        // Written by people whose first language is not English, and as emoji ("☔️? London today").
        "température", "temperatura", "météo", "meteo", "wetter", "clima", "☔", "☔️", "🌧", "🌧️", "☀️", "🌦️", "⛅",
    ]

    /// The unpinned plan of a request pinned to the built-in `email` or `chat`, when every step (or every
    /// question) it has is that tool's; nil otherwise.
    static func plannedWithin(_ pinned: String, _ request: PlanningRequest) async throws -> PlanningResult? {
        // Only a message is composed so, from the prompt and the answers to its questions; other inputs are the
        // pinned capability's own parameters (`raw`, `channel`), and "query: renewal" names one, used as given.
        let answers: Set<String> = pinned == "email" ? ["to", "subject", "body"] : []
        guard ["email", "chat"].contains(pinned), ToolCatalog.builtIn.tool(pinned) != nil, Set(request.input.keys).isSubset(of: answers),
            request.prompt.rangeOfMatch(of: #"\b[a-z_]+\s*[:=]\s*\S"#) == nil
        else { return nil }
        var unpinned = request
        unpinned.pinnedTool = nil
        let planned = try await EmbeddedPlanner().plan(unpinned)
        switch planned {
        case .workflow(let workflow):
            return !workflow.steps.isEmpty && workflow.steps.allSatisfy({ $0.tool == pinned }) ? planned : nil
        case .needsInput(let schema, _):
            // "send an email": what a message needs, asked in plain terms (`to`, `subject`, `body`).
            let asked = Set(schema.value(at: "properties")?.objectValue?.keys.map { $0 } ?? [])
            let plain: [String: Set<String>] = ["email": ["to", "subject", "body"], "chat": ["channel", "text"]]
            return plain[pinned].map { !asked.isEmpty && asked.isSubset(of: $0) } == true ? planned : nil
        }
    }

    /// "Diego Rossi rang - overcharged $25 on his last invoice": the one person named in the parts up to `clause` (his
    /// invoice was anyone's newest); nil when none is, or more than one.
    static func onlyPerson(before clause: PromptClause, among clauses: [PromptClause]) -> String? {
        guard let index = clauses.firstIndex(of: clause) else { return nil }
        let names = Set(clauses[...index].flatMap { PartyNames.fullNames(in: $0.text) })
        return names.count == 1 ? names.first : nil
    }

    /// `planning_failed`: what was understood, what was not, and how to phrase it or which tool to pin.
    static func failure(_ request: PlanningRequest, problem: String) -> PlanningFailure {
        let services = RefusalContext.describe(request.prompt, catalog: request.catalog)
        let understood = services.understood + PromptText.understanding(of: request.prompt, now: request.now)
        let names = request.catalog.tools.map(\.name).joined(separator: ", ")
        // "Delete the Acme deal from HubSpot": what the named tool can do is the useful rephrasing.
        let example =
            services.suggestion
            ?? "Name the service and the action, for example \"pull all open deals from user_123's CRM account\" or "
            + "\"post 'Deploy done' to #engineering in the team chat\""
        return PlanningFailure(
            message: "Could not turn the prompt into a workflow: \(problem). "
                + (understood.isEmpty ? "Nothing in it was recognised." : "Understood: \(understood.joined(separator: "; "))."),
            suggestion: "\(example), or pin a tool with `tool` (available: \(names)).")
    }

    /// The prompt as the planner reads it, rewritten in this order: a framework's request object, its text; tags and calls
    /// written as markup, as lines and calls; a
    /// message written in lines under the line that sends it, quoted; a heading line, agents' hand-off tags and sign-offs and
    /// units in brackets left out, records pointed at with a pronoun named, data-shaped requests as a sentence, spoken forms,
    /// questions about a person's workplace or address, spelling, greetings, inline steps, the framing an agent puts
    /// around the request (a request quoted inside it read again from spoken forms on), a count of things then listed, lead-ins, messages relayed, passive deliveries, "this"/"that" objects, lists of places,
    /// "how much are we owed". A place and time after a short weather question ("☔️? London today") join it first.
    static let rewrites: [@Sendable (String) -> String] =
        [
            FrameworkObjects.unwrapped, HandOffMarkup.normalized, ReportedSpeech.resolved, MarkupRequests.resolved, MessageBlocks.quoted,
            PromptAddressing.withoutHeading,
            AgentSignals.removed,
            UnitAnnotations.removed,
            WeatherFragments.resolved,
            PronounRecords.resolved, PointedBackRecords.quotedNewValue, { StructuredRequest.sentence(for: $0) },
        ] + wordings + [
            // "Wayne expansion - amount went up to 41,000 …. update the deal": news, then a bare ask (before the framing keeps only
            // the ask).
            RecordNews.resolved, Backstory.removed,
            // "Orchestrator restating the user's goal: "Let #ar-team know what …"": a request quoted inside the framing is read
            // as if it had been sent alone (its phrasing was left as it stood).
            { prompt in
                let framed = PromptFraming.request(in: prompt)
                let request = PromptFraming.unquoted(framed)
                let quoted = ["\"", "“"].contains { prompt.contains($0 + request.prefix(24)) }
                return quoted ? wordings.reduce(request) { text, rewrite in rewrite(text) } : framed
            },
            PointedBackRecords.resolved, DealNews.resolved,
            // "Kira has a new number: …. Could you update her record?": the update, read as if it had been sent alone.
            { prompt in
                let update = ContactNews.resolved(prompt)
                return update == prompt ? prompt : wordings.reduce(update) { text, rewrite in rewrite(text) }
            }, SceneSentences.resolved, AddressInCRM.resolved,
            PromptCorrections.resolved,
            Enumerations.resolved,
            SceneSentences.keepingName(PromptLeadIns.resolved), SceneSentences.keepingName(PromptAsides.removed), MessageRelays.resolved,
            PassiveDeliveries.resolved, DemonstrativeObjects.resolved,
            PlaceLists.resolved,
            FigureQuestions.resolved, VerblessEvents.resolved,
        ]

    /// The rewrites of how a request is worded, from spoken forms to invoice recipients.
    static let wordings: [@Sendable (String) -> String] = [
        ValueCorrections.resolved, RegionalEnglish.resolved, FormalRegister.resolved, SpokenForms.resolved, DomainNouns.resolved,
        ClockTimes.resolved,
        PromptPhrases.reordered,
        LowercaseNames.resolved,
        RoleAddresses.resolved,
        SelfAddresses.resolved,
        WorkplaceQuestions.resolved, AddressQuestions.recordByAddress, AddressQuestions.trailingAddressPlaced, AddressQuestions.resolved,
        PromptPhrases.resolved, PurposeMessages.resolved, PromptSpelling.corrected, PromptAddressing.resolved, InlineSteps.lines,
        Prohibitions.removed,
        EditShorthand.resolved,
        EmailForwarding.gistForwarded,
        InviteRequests.resolved, InvoiceRecipients.resolved,
    ]

    public func plan(_ request: PlanningRequest) async throws -> PlanningResult {
        var request = request
        // Blank lines say nothing past the first: thousands of them cost the line passes seconds each.
        request.prompt = request.prompt.replacingMatches(of: #"(?:[ \t\r]*\n){3,}"#, with: "\n\n")
        // So do runs of spaces past any indentation (a YAML node's included): thousands cost the phrase passes seconds each.
        request.prompt = request.prompt.replacingMatches(of: #"[ \t]{17,}"#, with: String(repeating: " ", count: 16))
        // "FW: … > … can you post this in #engineering": what is pasted asks nothing of the planner; the writer's lines do.
        request.prompt = PastedContent.resolved(request.prompt)
        // "### Post to Slack": a Markdown heading that gives an order is the order (the part opening with its marks read as a
        // question); "## Goal" and "### Context" stay headings.
        request.prompt = request.prompt.replacingMatches(
            of:
                #"(?m)^[ \t]{0,3}#{1,6}[ \t]+(?=(?i:post|send|email|e-mail|mail|create|add|schedule|book|update|refund|upload|save|tell|notify)\b)"#,
            with: "")
        // The end user may be named in framing the request leaves out ("Context: acting for user_123 …").
        request.userID = request.userID ?? PromptText.endUser(in: request.prompt)
        // "Post 'deploy done' in #eng, but don't post anything to Slack today": neither half is guessed.
        // "## Task\nSchedule …\n**Constraints**\n- Do NOT add anything to the user's calendar": under markup too.
        if let forbidding = Prohibitions.contradiction(in: FormalRegister.resolved(request.prompt))
            ?? Prohibitions.contradiction(in: HandOffMarkup.normalized(request.prompt))
        {
            throw Self.failure(request, problem: "\"\(forbidding)\" forbids what the rest of it asks; say which of the two you want")
        }
        let written = request.prompt
        request.prompt = Self.rewrites.reduce(request.prompt) { prompt, rewrite in rewrite(prompt) }
        if let pinned = request.pinnedTool, pinned != Weather.name, let tool = request.catalog.tool(pinned) {
            // "send an email to ann@… saying …" pinned to `email`: the plan the prompt makes unpinned, when it uses
            // only that tool, so the message is composed from the prompt (matched to the capability alone, its
            // wire input `raw` was asked for).
            if let planned = try? await Self.plannedWithin(pinned, request) { return planned }
            return try CapabilityMatcher.plan(request, tool: tool)
        }
        if request.pinnedTool == Weather.name {
            let steps = ReadIntents.weather(request.prompt, request, index: 0)
            return Self.lacksPlace(steps) ? Self.locationQuestion : .workflow(workflow(steps, request))
        }
        if request.pinnedTool == nil, let named = CapabilityMatcher.namedCustomTool(in: request) {
            return try CapabilityMatcher.plan(request, tool: named)
        }
        var clauses = FollowUpDeliveries.merged(Self.creationsContinued(PromptClauses.split(request.prompt)))
        // "Vandelay just paid their first invoice - move the Vandelay Platform deal to closed won": what happened, before the
        // dash, asks nothing (the invoices were read).
        if clauses.count > 1, clauses[0].kind == .read, clauses[0].verb == nil, clauses.dropFirst().contains(where: \.isAction),
            PromptFraming.narrates(clauses[0].text, before: clauses.dropFirst().map(\.text))
        {
            clauses.removeFirst()
        }
        // Each part is planned against the whole prompt and every step before it: unbounded, a long
        // prompt of many short parts ("refund ch_1 and refund ch_2 and …") took seconds of the
        // request's CPU and planned thousands of steps. Bounded, planning grows with the length.
        if clauses.count > Self.maxParts {
            throw Self.failure(
                request,
                problem: "it asks for \(clauses.count) things at once, and one task does at most \(Self.maxParts); "
                    + "split it into several tasks")
        }
        // "what's the average invoice amount": a figure no aggregate computes, refused (the records came back as a list).
        if let figure = FigureQuestions.unsupportedFigure(in: request.prompt) {
            throw Self.failure(
                request,
                problem: "no tool here computes an average or a median (\"\(figure)\"); ask for the total (\"the total of …\") "
                    + "and the count (\"how many …\") instead")
        }
        // "… ? if it rains tell #x": a condition, refused below for what it is, not as a verb "if".
        if let part = clauses.first(where: { $0.kind == .unsupported && !["if", "unless"].contains($0.verb ?? "") }) {
            throw Self.failure(request, problem: "no tool here can \(part.verb ?? "do") that, in \"\(part.text)\"")
        }
        // "post the weather to #general every morning": done once, it would not be what was asked. A part
        // that opens with the schedule ("Every Friday at 5pm post …") is asked to repeat whatever it reads as.
        if let part = clauses.first(where: \.isAction)
            ?? clauses.first(where: { ["every", "each"].contains(Self.firstWord(of: $0.text)) }),
            // "Every Monday at 9am, post …": a part without a verb that opens with the schedule is about the action.
            let repeated = clauses.lazy.filter({
                $0.isAction || ($0.verb == nil && ($0.words.count <= 3 || ["every", "each"].contains(Self.firstWord(of: $0.text))))
            }).compactMap({
                // "Upload … containing: 1. … 2. Rotate on-call weekly": what the file or message says repeats nothing.
                Self.recurrence(
                    in: $0.instructions.replacingMatches(
                        of: #"(?i)\b(?:containing|contents?|with\s+the\s+text|that\s+says)\b[^\n]*$"#, with: ""))
            }).first
                // "schedule: every Monday at 9am\naction: post …": a schedule given as a labelled value.
                // (As written: the hand-off's lines are read as a sentence without it.)
                ?? written.rangeOfMatch(
                    of: #"(?i)\b(?:schedule|frequency|recurrence|cadence|repeats?|cron|interval|runs?)\s*:\s*[^.\n]{1,60}"#
                ).flatMap({ Self.recurrence(in: String(written[$0])) })
        {
            throw Self.failure(
                request, problem: "no tool here repeats an action on a schedule (\"\(repeated)\"); ask for it once, in \"\(part.text)\"")
        }
        // "email ann@… tomorrow at 9am saying …": sent now, it would not be what was asked.
        if let part = clauses.first(where: { DeferredDelivery.later(in: $0, now: request.now) != nil }),
            let later = DeferredDelivery.later(in: part, now: request.now)
        {
            throw Self.failure(
                request, problem: "no tool here sends a message later (\"\(later)\"); ask for it to be sent now, in \"\(part.text)\"")
        }
        // "if it's raining, post …": an action that should run only when a value says so would run regardless.
        // "Check its amount, and if it's above $50,000 tell #leadership …": the action said after the condition is one too,
        // even where the part reads as a check (only the channel was found, and the task completed).
        // ("Post 'Happy Friday-eve! If anyone wants pizza, reply here' in #random": a message's own "if" is no condition.)
        let unquoted = PromptText.quotedTexts(in: request.prompt).reduce(request.prompt) { $0.replacingOccurrences(of: $1, with: " ") }
        if let condition = Self.condition(in: unquoted),
            clauses.contains(where: \.isAction) || Self.acts(within: condition)
        {
            throw Self.failure(
                request,
                problem: "no tool here acts only when a condition holds (\"\(condition)\"), so the action would run whatever "
                    + "the read finds; ask for the read alone, or for the action without the condition")
        }
        // "For every deal closing this month, could you put a reminder on my calendar the day before?": an act for each record
        // the opening names (read as one part, only the events were listed).
        let opening = request.prompt.lowercased().trimmingCharacters(in: .whitespaces)
        if ["for each ", "for every ", "for all "].contains(where: opening.hasPrefix), let comma = opening.firstIndex(of: ",") {
            let words = opening[opening.index(after: comma)...].split(whereSeparator: \.isWhitespace).map {
                $0.trimmingCharacters(in: .punctuationCharacters)
            }
            if let verb = words.first(where: { !PromptClauses.fillers.contains($0) }).map(PromptClauses.base),
                let kind = PromptClauses.actionVerbs[verb], kind != .unsupported
            {
                throw Self.failure(
                    request,
                    problem: RecordLookups.loopProblem(PromptClause(text: String(request.prompt), kind: kind, verb: verb)))
            }
        }
        // "Post in #finance as soon as the Halvorsen payment lands": no tool here waits for something to happen, and acting now
        // would not be what was asked (the post went out at once).
        // "ping #dc-ops when it goes above 60 km/h": a "message" opening with "when" is the moment to wait for.
        // ("When the Globex - Pilot deal closes, post …": a read's words after a dash are no message.)
        let waited = clauses.map { clause in
            guard clause.isAction else {
                return PromptText.quotedTexts(in: clause.text).reduce(clause.text) { $0.replacingOccurrences(of: $1, with: " ") }
            }
            return (ActionSteps.literalMessage(clause).body ?? "").rangeOfMatch(of: #"^(?i)(?:when|once|whenever|as\s+soon\s+as)\b"#)
                != nil ? clause.text : clause.instructions
        }
        if clauses.contains(where: \.isAction), let trigger = Self.trigger(in: waited.joined(separator: ". ")) {
            throw Self.failure(
                request,
                problem: "no tool here waits for something to happen (\"\(trigger)\"), so the action would run now; ask for it "
                    + "once that has happened")
        }
        // A channel something is posted to is found right before the post, not as a read.
        let destinations = Set(clauses.filter { $0.kind == .deliver }.flatMap { PromptText.channels(in: $0.text) })
            .union(
                // "… and email a copy to vp@…": a send to an address posts nowhere, so a channel named before is read.
                clauses.contains {
                    $0.kind == .deliver && PromptText.channels(in: $0.text).isEmpty && PromptText.emails(in: $0.text).isEmpty
                }
                    ? PromptText.channels(in: request.prompt) : [])
        var steps: [PlannedStep] = []
        var missing: [String: JSONValue] = [:]
        // "When is Sprint planning? Check my calendar": a question no read answered is read with the next part.
        var unanswered = ""
        for clause in clauses {
            // "… lately? last 15 msgs, author and text": a list of fields with a count sizes the read before it.
            if !steps.isEmpty, clause.kind == .read, PromptFields.onlyFields(clause) {
                Self.sizeEarlierReads(like: Array(steps.suffix(1)), to: PromptText.count(in: clause.text), in: &steps, request)
            }
            if let text = readText(of: clause, in: request.prompt), steps.isEmpty || !PromptFields.onlyFields(clause) {
                if let service = RefusalContext.unknownSource(in: text, catalog: request.catalog) {
                    throw Self.failure(request, problem: "no tool here connects to \(service), in \"\(clause.text)\"")
                }
                let text = Self.ownerNamed(
                    DayReferences.resolved(text, in: request.prompt, now: request.now), of: clause, among: clauses, after: steps)
                // "Customer lena@… wrote …. Find her emails.": the customer the context sentence looked up is no answer
                // when her mail is what is read.
                if let last = steps.last, last.capability == "list_customers", case .literal(.string(let address))? = last.input["email"],
                    text.hasSuffix(" from " + address)
                {
                    steps.removeLast()
                }
                var reads = Self.foundAlready(ReadIntents.plan(unanswered + text, request, after: steps), after: steps)
                // "search … from ceo@…, read the newest one, and post its gist": that message, read (its gist was ids).
                if reads.isEmpty, let read = Self.newestFound(by: clause, after: steps) { reads = [read] }
                if reads.contains(where: { $0.capability == Weather.current }), let day = Self.laterDay(in: text, now: request.now) {
                    throw Self.failure(
                        request,
                        problem: "the weather tool reads current conditions only, so it has no forecast for \(day); "
                            + "ask for the weather now, in \"\(clause.text)\"")
                }
                // "What's in #random lately? just the last 10 messages, who wrote them …": a part naming the records read
                // before, with a count, sizes that read.
                Self.sizeEarlierReads(
                    like: reads.isEmpty && (clause.words.count <= 4 || Self.namesRecords(of: steps.last, in: clause))
                        ? Array(steps.suffix(1)) : reads,
                    to: PromptText.count(in: text), in: &steps, request)
                unanswered =
                    reads.isEmpty && clause.kind == .read && !clause.words.isDisjoint(with: ["when", "what", "where", "when's", "what's"])
                    ? text + "? " : ""
                // A read a later read of the part refers to (the channel whose messages follow) always stays.
                let first = steps.count
                let referenced = Set(reads.flatMap { $0.input.values.compactMap(\.referencedStep) })
                // Where each read of the part went (it assumed `first + offset`): one that took an earlier read's place,
                // or came after one left out or a step put before it, is referred to where it is.
                var placed: [Int: Int] = [:]
                for (offset, var read) in reads.enumerated()
                where !Self.weatherAgain(reads, after: steps)
                    && (referenced.contains(first + offset)
                        || (!(read.capability == "find_channel"
                            && destinations.contains(read.input["name"].flatMap(Self.literalText) ?? ""))
                            && (!repeatsEarlier(read, of: clause, steps) || Self.readsNewLookup(read, from: first))))
                    // "Task: summarize unpaid invoices. Steps: list the open invoices …": one read, once; "Get Ben Chen's
                    // active subscription and tell me the plan": the same read again, less narrowed, is that read.
                    && (referenced.contains(first + offset) || !steps.contains { Self.narrows($0, read) })
                {
                    read.input = read.input.mapValues { input in
                        guard case .reference(let step, let path) = input, let moved = placed[step] else { return input }
                        return .reference(step: moved, path: path)
                    }
                    // "… show me her latest invoice": the customer found in an earlier part.
                    if read.tool == "payments", read.input["customer"] == nil, read.capability != "list_customers",
                        let found = steps.lastIndex(where: { $0.capability == "list_customers" && RecordLookups.identifies($0) }),
                        !clause.words.isDisjoint(with: ["her", "his", "their", "its"])
                    {
                        read.input["customer"] = .reference(step: found, path: "0.id")
                    } else if read.tool == "payments", read.input["customer"] == nil, read.capability != "list_customers",
                        offset == reads.count - 1, !clause.words.isDisjoint(with: ["her", "his"]),
                        let person = steps.last(where: { $0.capability == "search_contacts" })?.input["query"].flatMap(Self.literalText)
                            ?? Self.onlyPerson(before: clause, among: clauses),
                        person.contains(" "), PartyNames.written(person),
                        !steps.contains(where: { $0.capability == "list_customers" })
                    {
                        // "I'm on the phone with Ana Ruiz. What's her latest invoice?": hers, found in payments by the
                        // name the contact search used; unfiltered, whoever paid last was shown as her.
                        steps.append(
                            PlannedStep(
                                tool: "payments", capability: "list_customers", input: [:],
                                keep: [OutputCondition(path: "name", op: .equals, value: .string(person))],
                                reason: "The prompt asks about \(person)'s payments; find them as a customer first."))
                        read.input["customer"] = .reference(step: steps.count - 1, path: "0.id")
                    }
                    // "Deals closing soon? List open deals": one read, the more specific one; "what deals close this
                    // month? deal name + amount" keeps the period the first part filters by.
                    if let same = steps.firstIndex(where: { $0.tool == read.tool && $0.capability == read.capability && $0.input.isEmpty }),
                        read.tool != Weather.name
                    {
                        if read.keep != nil || steps[same].keep == nil { steps[same] = read }
                        placed[first + offset] = same
                    } else {
                        placed[first + offset] = steps.count
                        steps.append(read)
                    }
                }
            }
            // "The user wants the latest invoice faxed to the accounting office": a delivery no tool makes, written
            // as what is wanted done to the records (the read alone ran, and the task said `complete`).
            if let passive = UnsupportedMeans.passiveDelivery(in: clause.text) {
                throw Self.failure(
                    request, problem: "no tool here delivers anything \"\(passive)\" (email and the team chat can), in \"\(clause.text)\"")
            }
            guard clause.isAction else { continue }
            if let service = RefusalContext.unknownDestination(in: clause, catalog: request.catalog) {
                throw Self.failure(request, problem: "no tool here connects to \(service), in \"\(clause.text)\"")
            }
            if let problem = UnsupportedMeans.problem(in: clause) {
                throw Self.failure(request, problem: "\(problem), in \"\(clause.text)\"")
            }
            // "find the emails about the offsite and save the latest one to Drive": that message, read.
            if let read = Self.newestFound(by: clause, after: steps) { steps.append(read) }
            switch ActionSteps.plan(clause, request, after: steps) {
            case .steps(let planned): steps += planned
            case .missing(let inputs): missing.merge(inputs) { first, _ in first }
            case .cannot(let problem): throw Self.failure(request, problem: "\(problem), in \"\(clause.text)\"")
            }
        }
        // "list all channels including archived", "… Include the archived ones.": the field list the words were cut into
        // is Slack's own switch, whichever part says it.
        if ReadIntents.includesArchived(request.prompt) {
            for index in steps.indices
            where ["list_channels", "find_channel"].contains(steps[index].capability) && steps[index].tool == "chat" {
                steps[index].input["exclude_archived"] = .literal(.bool(false))
            }
        }
        if steps.count > Self.maxSteps {
            throw Self.failure(
                request,
                problem: "its plan takes \(steps.count) steps, and one task runs at most \(Self.maxSteps); split it into several tasks")
        }
        if !missing.isEmpty {
            // Optional questions say so; an address and a channel asked as alternatives are each optional
            // (either answers: the schema then wants at least one property).
            let required = missing.filter { key, question in
                !(question.value(at: "description")?.stringValue?.contains("(optional") == true)
                    && !(key == "channel" && missing["to"] != nil) && !(key == "to" && missing["channel"] != nil)
            }.keys
            var schema: [String: JSONValue] = [
                "type": .string("object"), "properties": .object(missing), "required": .array(required.sorted().map(JSONValue.string)),
            ]
            // "give at least one": an empty answer is not one.
            if required.isEmpty { schema["minProperties"] = .number(1) }
            return .needsInput(
                schema: .object(schema),
                message: "To do this, say " + Self.asked(missing) + ".")
        }
        if Self.lacksPlace(steps) { return Self.locationQuestion }
        if let unused = StatedDestinations.unused(in: request.prompt, steps: steps) {
            throw Self.failure(request, problem: "no part of the plan uses \(unused); say what to do with it")
        }
        if let asked = AskedActions.unplanned(in: request.prompt, steps: steps, catalog: request.catalog) {
            throw Self.failure(
                request, problem: "no step of the plan does \"\(asked)\"; if a tool here can, name the record and what to do with it")
        }
        guard !steps.isEmpty else {
            // "Unsubscribe ann@… from the Team plan": a verb it does not know, and nothing to read.
            if let first = clauses.first, first.verb == nil, let word = first.text.split(separator: " ").first.map({ $0.lowercased() }),
                !PromptClauses.knownNouns.contains(word), !PromptClauses.fillers.contains(word), word.allSatisfy(\.isLetter)
            {
                throw Self.failure(request, problem: "no tool here can \(word) that, in \"\(first.text)\"")
            }
            // A service the prompt names, with the capability its words match best.
            if let tool = ServiceMatcher.tools(in: PromptText.serviceWords(request.prompt), catalog: request.catalog).first {
                guard case .workflow(var matched) = try CapabilityMatcher.plan(request, tool: tool) else {
                    return try CapabilityMatcher.plan(request, tool: tool)
                }
                matched.resultFields = fields(clauses, matched.steps, request)
                return .workflow(matched)
            }
            throw Self.failure(request, problem: "no service or action in it matches a tool")
        }
        switch UnusedReads.settle(
            workflow(steps, request, fields: fields(clauses, steps, request)), clauses: clauses, catalog: request.catalog)
        {
        case .success(let settled):
            return .workflow(
                MessageReads.planned(
                    AggregateQuestions.planned(
                        AggregateQuestions.pickedForAction(
                            TopRecords.ranked(ReadsBeforeActions.ordered(MergedUpdates.merged(settled), catalog: request.catalog), request),
                            request), request), request
                ))
        case .failure(let problem): throw Self.failure(request, problem: problem.text)
        }
    }

    /// "email address to send to (as to); and the message text (as body)": each question in words, its key after it.
    static func asked(_ missing: [String: JSONValue]) -> String {
        let parts = missing.keys.sorted().map { key -> String in
            guard let description = missing[key]?.value(at: "description")?.stringValue else { return key }
            return "\(description.prefix(1).lowercased() + description.dropFirst()) (as \(key))"
        }
        return parts.count > 1 ? parts.dropLast().joined(separator: "; ") + "; and " + parts[parts.count - 1] : parts.joined()
    }

    static func firstWord(of text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).first.map { $0.lowercased() } ?? ""
    }

    /// "every morning", "each Monday", "daily", "on a weekly basis": an action asked to repeat.
    static func recurrence(in prompt: String) -> String? {
        let tokens = prompt.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        let times: Set<String> = PromptText.weekdays.union([
            "morning", "evening", "night", "day", "week", "month", "hour", "weekday", "year", "quarter", "afternoon", "minute",
        ])
        for (index, token) in tokens.enumerated() {
            if ["every", "each"].contains(token), index + 1 < tokens.count, times.contains(tokens[index + 1]) {
                return "\(token) \(tokens[index + 1])"
            }
            // "send me the open deals daily": an adverb closing the part, not "a daily standup".
            if ["daily", "weekly", "hourly", "monthly", "nightly"].contains(token),
                index + 1 == tokens.count || ["at", "and", "to", "in", "on", "from"].contains(tokens[index + 1])
            {
                return token
            }
        }
        return nil
    }

    /// A condition on what a read finds, opening a part: "if it's raining", "unless the deal closed".
    /// Not "ask if …" or "check if …" (a question), and not "if so" or "if any" (an empty read fails at run
    /// time instead of acting), nor a polite "if you can".
    static let conditionPattern = try? NSRegularExpression(
        pattern:
            // A condition set off by dashes or brackets ("and — only if it's raining — post …") is one too.
            #"(?:^|[,;.:?!(—–]\s*|\s-\s*|\b(?:and|then)\s+)((?:only )?(?:if|unless)\s+(?!so\b|any\b(?!\s+(?:are|is|were|was|have|has)\b)|needed\b|yes\b|possible\b|necessary\b|you\b)(?:[^,;.:?!()—–]|(?<=\d)[,.](?=\d))+)"#,
        options: [.caseInsensitive])

    static func condition(in prompt: String) -> String? {
        guard let pattern = conditionPattern,
            let match = pattern.firstMatch(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)),
            let range = Range(match.range(at: 1), in: prompt)
        else { return trailingCondition(in: prompt) }
        return prompt[range].trimmingCharacters(in: .whitespaces)
    }

    /// "if it's above $50,000 tell #leadership we need legal on it": an action the condition's own words go on to ask.
    static func acts(within condition: String) -> Bool {
        let tokens = condition.split(whereSeparator: \.isWhitespace)
        let bare = { (index: Int) in tokens[index].lowercased().trimmingCharacters(in: .punctuationCharacters) }
        return tokens.indices.dropFirst(2).dropLast().contains { index in
            guard let kind = PromptClauses.actionVerbs[bare(index)], kind != .unsupported else { return false }
            let next = tokens[index + 1]
            return next.hasPrefix("#") || next.contains("@")
                || (["tell", "post", "email", "notify", "ping", "send", "refund", "message"].contains(bare(index))
                    && !["me", "us", "it", "you"].contains(bare(index + 1)))
        }
    }

    /// "as soon as the Halvorsen payment lands", "once Dana replies", "the moment the deal is signed": an event to wait for.
    static func trigger(in text: String) -> String? {
        text.rangeOfMatch(
            of:
                #"(?i)\b(?:(?:as\s+soon\s+as|the\s+(?:moment|minute|second)|once|whenever|when|after)\s+(?!(?:you|i|we)\s+(?:can|get|have)\b)"#
                + #"(?:the|a|an|their|his|her|our|my|it|they|he|she|payment|invoice|deal|contract|order|refund|customer|client|"#
                // "once umbrella pays their invoice": a company in lower case, after the words that only wait.
                + #"(?-i:\p{Lu}[\w'’-]*))|(?:as\s+soon\s+as|once)\s+(?!(?:you|i|we)\b)[a-z][\w'’-]*)\b[^,.;:!?\n]{0,60}?\b"#
                + #"(?:lands|arrives|comes\s+(?:in|through)|clears|succeeds|completes|(?:is|gets|has\s+been)\s+(?:processed|captured)|(?:is|gets|has\s+been)\s+(?:paid|signed|approved|booked|closed|settled)|"#
                + #"pays|releases|remits|makes\s+(?:the\s+)?payment|signs|countersigns|closes|shows\s+up|turns\s+up|appears|"#
                // "ping #engineering when the build goes green", "After they sign, create …".
                + #"goes\s+(?:green|red|live|out)|turns\s+(?:green|red)|is\s+(?:live|deployed|merged|green)|ships|finishes|"#
                + #"(?<=they\s|we\s)(?:sign|pay|reply|respond|confirm|agree|approve|accept|finish)|goes\s+through|replies|responds|answers|writes\s+(?:back|in)|emails|messages\s+us|signs\s+up|"#
                + #"submits|complains|hits\s+(?:the|our|my)|confirms|agrees|approves|accepts|"#
                // "Once building control sign off the footings, post …", "once the parts arrive", "when the tiles are delivered".
                + #"signs?\s+(?:it\s+|them\s+|this\s+|that\s+)?off|arrive|land|come\s+(?:in|through)|"#
                + #"(?:is|are|gets|get)\s+(?:delivered|fixed|resolved|done|finished|back|in|sorted)|"#
                // "ping #dc-ops when it goes above 60 km/h": a threshold to wait for.
                + #"(?:goes|gets|rises|drops|falls|climbs|dips|jumps|is)\s+(?:above|below|over|under|past|beyond)|reaches|exceeds|crosses)\b"#
        ).map { String(text[$0]) }
            // "every time a customer pays an invoice, post it in #sales": each time something happens.
            ?? text.rangeOfMatch(of: #"(?i)\b(?:every|each)\s+time\s+(?!you\b)[^,.;:!?\n]{3,60}"#).map { String(text[$0]) }
            // "Email the offer to Jenna … but hold it until legal signs off": sent only after something happens.
            ?? text.rangeOfMatch(
                of:
                    #"(?i)\b(?:hold|wait|keep)\s+(?:it|this|that|them|off|on\s+(?:it|this|that))?\s*(?:back\s+)?(?:until|till|til)\s+[^,.;:!?\n]{3,60}"#
            ).map { String(text[$0]) }
    }

    /// "refund Acme's last invoice if they complained", "…, but only if it's over $100": a condition after the
    /// action's words. Not a question ("ask if", "check if", "let me know if") or a courtesy ("if you can").
    static func trailingCondition(in prompt: String) -> String? {
        let tokens = prompt.split(whereSeparator: \.isWhitespace).map(String.init)
        let asking: Set<String> = [
            "ask", "asks", "asking", "check", "checking", "see", "know", "out", "me", "us", "wonder", "wondering", "whether", "what",
            "as", "even", "sure", "unsure", "confirm", "verify", "tell", "find", "determine",
            // "can't remember if it'll fit": a question the user has, not a condition on the act.
            "remember", "recall", "knows", "idea",
        ]
        let courtesy: Set<String> = ["so", "any", "needed", "yes", "possible", "necessary", "you", "not", "applicable", "required"]
        for index in tokens.indices.dropFirst() where ["if", "unless"].contains(tokens[index].lowercased()) {
            // "ask if", "ask her if", "only if": the two words before it, past "only".
            let before = tokens[..<index].suffix(3).map { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) }
                .filter { $0 != "only" }.suffix(2)
            let next = index + 1 < tokens.count ? tokens[index + 1].lowercased().trimmingCharacters(in: .punctuationCharacters) : ""
            guard asking.isDisjoint(with: before), !next.isEmpty, !courtesy.contains(next) else { continue }
            let words = tokens[index...].prefix { !$0.hasSuffix(",") && !$0.hasSuffix(".") && !$0.hasSuffix("?") && !$0.hasSuffix(";") }
            let last = tokens[index...].dropFirst(words.count).first.map { [String($0.dropLast())] } ?? []
            return (words + last).joined(separator: " ")
        }
        return nil
    }

    /// "the forecast for tomorrow in Paris", "weather in Oslo next week": the later day a weather
    /// question is about ("tomorrow", "next week"), when it is not today.
    static func laterDay(in text: String, now: Date) -> String? {
        if let span = forecastSpan(in: text) { return span }
        // "Before tomorrow's hike she wants the current conditions": the day belongs to something else.
        // "the current weather in Lisbon and tomorrow's forecast": a forecast asked beside them is still for that day.
        let words = PromptText.words(text)
        if !words.isDisjoint(with: ["current", "currently", "now"]), !words.contains("forecast") { return nil }
        guard let start = PromptText.dateRange(in: text, now: now)?.start ?? PromptText.day(in: text, now: now) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        guard let tomorrow = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now)), start >= tomorrow else {
            return nil
        }
        let lower = text.lowercased()
        let named = ["tomorrow", "next week", "this weekend", "the weekend", "next month"].first(where: lower.contains)
        return named ?? PromptText.weekdays.first(where: lower.contains) ?? "that day"
    }

    /// "the 5-day forecast", "weather for the weekend", "the next few days": days ahead of today, which
    /// current conditions do not answer ("the forecast for Denver" alone reads the weather now).
    static func forecastSpan(in text: String) -> String? {
        let lower = text.lowercased()
        if let match = lower.rangeOfMatch(of: #"\b\d{1,2}[- ]days?\b"#) { return String(lower[match]) }
        let spans = ["the weekend", "this week", "the week", "next few days", "coming days", "days ahead", "week ahead"]
        return spans.first(where: lower.contains)
    }

    /// The result fields the read parts name, or the fields a question asks about in the result's terms.
    func fields(_ clauses: [PromptClause], _ steps: [PlannedStep], _ request: PlanningRequest) -> [String] {
        // "… the current temperature and wind speed in Lyon. Just return those two values": the fields are the ones named
        // before (the words pointing back were the only field, "those_two_value").
        let pointing = clauses.filter { !$0.isAction && Self.pointsBack($0.text) }
        let clauses = pointing.count < clauses.count ? clauses.filter { !pointing.contains($0) } : clauses
        var fields = askedFields(clauses, steps, request)
        // "list all channels including archived": Slack's switch, no field.
        if ReadIntents.includesArchived(request.prompt) { fields.removeAll { $0.lowercased().contains("archived") } }
        // "who sent me the latest email?": the question's verb is no field of its own ("sent" came back as the date).
        let askedWho = Set(
            fields.compactMap { field -> String? in
                let words = field.lowercased().split(separator: " ")
                return words.count == 2 && words[0] == "who" ? String(words[1]) : nil
            })
        fields.removeAll { askedWho.contains($0.lowercased()) }
        // "… Show me his invoices": the records read are no field of themselves.
        if let last = steps.last {
            fields.removeAll { field in
                let noun = field.lowercased()
                return ["invoices", "deals", "contacts", "customers", "subscriptions"].contains(noun)
                    && last.capability.hasSuffix(String(noun.dropLast()) + "s")
            }
            // "show their latest invoice": the record asked for whole ({"invoice": "INV-1010"} was its number alone).
            let records = ["invoice", "deal", "contact", "customer", "subscription", "event", "file", "payment", "message"]
            if fields.count == 1, let noun = fields.first?.lowercased(), records.contains(noun), last.capability.contains(noun) {
                fields = []
            }
            // "I need the last invoice of user_123 please, the amount only": the record the words pick ("last invoice")
            // is which one is read, no field beside the ones asked ("invoice" came back as its number).
            let several = fields.count > 1
            fields.removeAll { field in
                let noun = field.lowercased()
                // "the newest invoice for ana@…" whole.
                let words = Set(noun.split(separator: " ").map(String.init))
                if several, !words.isDisjoint(with: ["last", "latest", "newest", "recent", "oldest"]),
                    words.contains(where: { records.contains($0) && last.capability.contains($0) })
                {
                    return true
                }
                return several && records.contains(noun) && last.capability.contains(noun)
                    && request.prompt.rangeOfMatch(
                        of: #"(?i)\b(?:last|latest|newest|most\s+recent|recent|next|oldest|first)\s+"# + noun + #"\b"#) != nil
            }
            // "Please show me them": the records themselves.
            fields.removeAll { ["them", "it", "those", "these", "everything", "all", "all of them"].contains($0.lowercased()) }
            // "Please return just those two values", "both numbers": the fields named before, pointed back at.
            let pointing: Set<String> = [
                "those", "these", "the", "both", "two", "three", "values", "value", "numbers", "figures", "ones", "things", "fields", "of",
                "them", "all", "just", "only",
            ]
            fields.removeAll { field in
                let words = field.lowercased().split(whereSeparator: { $0 == " " || $0 == "_" }).map(String.init)
                return words.count > 1 && words.allSatisfy { pointing.contains($0) }
            }
            // "the deals with renewal in the name": what is searched for is no field.
            if case .literal(.string(let query))? = last.input["query"] { fields.removeAll { $0.lowercased() == query.lowercased() } }
        }
        // "… a call with Mateo García from …. Add him to the CRM": a person's name is whom the context is about, no field
        // of what the actions return.
        if steps.allSatisfy({ ActionSteps.isAction($0, request.catalog) }) {
            fields.removeAll { field in
                let words = field.split(separator: " ")
                return words.count > 1
                    && request.prompt.range(of: field, options: [.caseInsensitive]).map { range in
                        request.prompt[range].split(separator: " ").allSatisfy { $0.first?.isUppercase == true }
                    } == true
            }
        }
        // "how many members in each": a value per record says whose it is, so the record's name comes too.
        guard let last = steps.last, !fields.isEmpty, !ActionSteps.isAction(last, request.catalog),
            clauses.contains(where: { !$0.words.isDisjoint(with: ["each", "per"]) }),
            let declared = request.catalog.tool(last.tool)?.capability(last.capability)?.fields,
            let name = declared.first(where: { $0.name == "name" }), !fields.contains(where: name.answers)
        else { return fields }
        return ["name"] + fields
    }

    func askedFields(_ clauses: [PromptClause], _ steps: [PlannedStep], _ request: PlanningRequest) -> [String] {
        let fields = PromptFields.requested(in: clauses)
        guard let last = steps.last, !ActionSteps.isAction(last, request.catalog) else { return fields }
        let declared = MessageReads.fields(answering: last, request.catalog)
        // "when is it due", "who's attending", "who works there": questions whose words are filters elsewhere.
        let questions = clauses.filter { !$0.isAction }.flatMap {
            QuestionFields.asked(in: $0.text, declared: declared, opening: fields.isEmpty)
                + QuestionFields.counted(in: $0.text, declared: declared) + QuestionFields.paid(in: $0.text, declared: declared)
                + QuestionFields.whether(in: $0.text, declared: declared)
        }
        let withQuestions = { (fields: [String]) -> [String] in
            fields
                + questions.filter { field in
                    let target = declared.first { $0.answers(field) }
                    return !fields.contains { target?.answers($0) == true }
                }
        }
        guard fields.isEmpty else {
            let listed = PromptFields.separated(fields.map { QuestionFields.answered($0, declared: declared) }, declared: declared)
            return withQuestions(listed)
        }
        let questionText = clauses.filter { !$0.isAction }.map(\.text).joined(separator: " ")
        let asked = QuestionFields.paidAmount(
            withQuestions(PromptFields.asked(in: clauses, declared: declared)), in: questionText, declared: declared)
        // "How much is the Hooli deal worth?": one field, named by its word rather than the question.
        return asked.filter { field in
            guard field.lowercased().hasPrefix("how "), let target = declared.first(where: { $0.answers(field) }) else { return true }
            return !asked.contains { $0 != field && target.answers($0) }
        }
    }

    /// What a send or post carries that an earlier step read already: the same capability, or the same
    /// records ("post the invoice number" after the latest invoice is that invoice, not every invoice).
    func repeatsEarlier(_ read: PlannedStep, of clause: PromptClause, _ steps: [PlannedStep]) -> Bool {
        let records = StepReferences.noun(of: read.capability)
        // "… as deals.csv and share the file with ben@…": the file is the one uploaded, not every file on the Drive.
        if clause.kind != .read, read.capability == "list_files", read.input.isEmpty,
            steps.contains(where: { $0.capability == "upload_file" })
        {
            return true
        }
        // "update deal 2003's amount to 30k, then post the deal": the deal as updated, not every deal.
        let acted = { (capability: String) in
            StepReferences.noun(of: capability.replacingOccurrences(of: "update_", with: "").replacingOccurrences(of: "create_", with: ""))
        }
        return clause.kind != .read
            && steps.contains {
                $0.tool == read.tool
                    && ($0.capability == read.capability || StepReferences.noun(of: $0.capability) == records
                        || acted($0.capability) == records)
            }
    }

    /// Whether `earlier` reads what `read` does, narrowed at least as far: every input of `read` the same in it.
    static func narrows(_ earlier: PlannedStep, _ read: PlannedStep) -> Bool {
        earlier.tool == read.tool && earlier.capability == read.capability && read.input.allSatisfy { earlier.input[$0.key] == $0.value }
            && (read.keep == nil || read.keep == earlier.keep)
    }

    /// "email ben@… the weather in Berlin and Paris": a read fed by a look-up of this part (Paris's
    /// coordinates) reads something new, even when the part already read the same kind (Berlin's weather).
    static func readsNewLookup(_ read: PlannedStep, from first: Int) -> Bool {
        read.input.values.contains { ($0.referencedStep ?? -1) >= first }
    }

    /// "… in Chicago, and what the conditions are like": the weather again with no place of its own.
    static func weatherAgain(_ reads: [PlannedStep], after steps: [PlannedStep]) -> Bool {
        guard let first = reads.first, first.capability == Weather.geocode else { return false }
        return first.input["name"].flatMap(literalText)?.isEmpty != false && steps.contains { $0.capability == Weather.geocode }
    }

    func workflow(_ steps: [PlannedStep], _ request: PlanningRequest, fields: [String]? = nil) -> Workflow {
        Workflow(
            steps: NamedAnaphora.named(Self.refundsPaidInvoices(Self.refundedOnce(steps)), prompt: request.prompt),
            resultFields: fields ?? PromptText.requestedFields(in: request.prompt),
            userID: request.userID ?? PromptText.endUser(in: request.prompt))
    }

    /// "- issue: wants refund on payment pi_…\n- amount: 120 USD\n- action: process the refund": one refund asked twice is one
    /// refund (two were planned, and the payment would have been refunded twice). The one that states an amount stays.
    static func refundedOnce(_ steps: [PlannedStep]) -> [PlannedStep] {
        var steps = steps
        var index = steps.count - 1
        while index > 0 {
            defer { index -= 1 }
            guard steps[index].capability == "create_refund", let payment = steps[index].input["payment_intent"],
                let earlier = steps[..<index].firstIndex(where: {
                    $0.capability == "create_refund" && $0.input["payment_intent"] == payment
                }),
                !steps.contains(where: { $0.input.values.contains { $0.referencedStep == index } }),
                // A later step's template points at steps by index; none is renumbered.
                !steps[index...].contains(where: { $0.input.values.contains { if case .template = $0 { true } else { false } } })
            else { continue }
            if steps[earlier].input["amount"] == nil, let amount = steps[index].input["amount"] { steps[earlier].input["amount"] = amount }
            steps.remove(at: index)
            for later in steps.indices.dropFirst(index) {
                steps[later].input = steps[later].input.mapValues { input in
                    guard case .reference(let step, let path) = input, step > index else { return input }
                    return .reference(step: step - 1, path: path)
                }
            }
        }
        return steps
    }

    /// "we owe Emma a hundred euros back from their last invoice, refund it": the latest invoice a refund
    /// takes its payment from is the latest paid one (an open invoice has no payment; its refund failed).
    static func refundsPaidInvoices(_ steps: [PlannedStep]) -> [PlannedStep] {
        var steps = steps
        for refund in steps where refund.capability == "create_refund" {
            guard case .reference(let read, "payment_intent")? = refund.input["payment_intent"], steps.indices.contains(read),
                steps[read].capability == "latest_invoice", steps[read].input["status"] == nil
            else { continue }
            steps[read].input["status"] = .literal(.string("paid"))
        }
        return steps
    }

    /// The part of a clause that names data to read: all of a read; for a send or upload without
    /// text of its own, what it sends ("email *the open deals* to …"); nothing for other actions.
    func readText(of clause: PromptClause, in prompt: String) -> String? {
        var clause = clause
        if ActionSteps.savesFile(clause) { clause.kind = .upload }
        switch clause.kind {
        case .read: return clause.text
        case .deliver, .upload:
            // "Upload a file called pipeline.csv containing user_123's open deals": the records after "containing" are read.
            // A word before them, as a read is written ("Acme's deals" alone named no deal).
            if clause.kind == .upload, let records = ReadAsContent.fileRecords(in: clause.text) { return "get " + records }
            let message = ActionSteps.literalMessage(clause)
            // "tell #sales how many open deals we have": the count of what it names.
            if let body = message.body, body.lowercased().hasPrefix("how many ") { return body }

            // "tell #finance how much we're owed across the open invoices", "… the total owed on open invoices": the total of
            // the records it names (the question was posted as written).
            if let body = message.body, ["how much ", "the total ", "the sum "].contains(where: body.lowercased().hasPrefix),
                !PromptText.words(body).isDisjoint(with: PromptFields.recordNouns.union(["pipeline"]))
            {
                return body
            }
            if message.body != nil, let records = ActionSteps.sentRecords(clause) { return records }
            // "email ann@… the list of open deals with the subject 'Pipeline snapshot'": a quoted subject is no message.
            // "…, subject: Open deals this week": nor is one written after its label, to the end (its "this week" kept two of
            // seven deals): the words of a subject are never what is read.
            let text = clause.text.replacingMatches(
                of: #"\b(?:with\s+)?(?:the\s+|a\s+)?subject(?:\s+line)?\s*:?\s*["'“][^"'”]*["'”]"#, with: ""
            ).replacingMatches(
                of:
                    #"(?i)[,;]?\s*\b(?:(?:with\s+)?(?:the\s+|a\s+)?subject(?:\s+line)?\s*:|with\s+(?:the\s+|a\s+)?subject(?:\s+line)?\s+(?!of\b|lines?\b)).*$"#,
                with: "")
            // "send the details of "Meeting notes.txt" to #eng": a quoted file name is what is read.
            guard message.body == nil, PromptText.quotedTexts(in: text).allSatisfy(PromptText.isFileName) else { return nil }
            // "Forward the invoice email from Globex to ap@…": a forward finds its message itself; the words that say which
            // are no other read (Globex's Stripe invoices were listed first).
            if clause.verb == "forward", !clause.words.isDisjoint(with: ["email", "e-mail", "mail", "message"]) { return nil }
            let sources = PromptText.sourceChannels(in: text)
            let tokens = text.split(whereSeparator: \.isWhitespace)
            // "email the subject of my latest unread email from ann@… to …": a message qualified so is what is read, not
            // how it goes, and the address it is from says which (a forward finds its message itself).
            let lowered = tokens.map { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) }
            let readMessage = { (index: Int) in
                clause.verb != "forward" && ["email", "emails", "e-mail", "mail", "message", "messages"].contains(lowered[index])
                    && ["unread", "recent", "latest", "last", "newest", "oldest", "new"].contains(lowered[index - 1])
            }
            let readsMessage = tokens.indices.dropFirst().contains(where: readMessage)
            var kept = tokens.indices.dropFirst().filter { index in
                let token = tokens[index]
                let word = lowered[index]
                // Nothing is uploaded to a channel: one named in an upload, or after "from", is where the text comes from.
                let source = clause.kind == .upload || PromptText.channels(in: String(token)).contains(where: sources.contains)
                // A file name is where an upload goes ("as deals.csv"); what a send sends ("email roadmap.pdf to …") is read.
                let target = clause.kind == .upload || lowered[index - 1] == "as"
                let sender = readsMessage && lowered[index - 1] == "from"
                return (source || !token.hasPrefix("#")) && (sender || !token.contains("@"))
                    && (readMessage(index) || !ActionSteps.destinationWords(clause.kind).contains(word))
                    && (!target || PromptText.fileName(in: String(token)) == nil)
            }.map { tokens[$0] }
            // "Export our Stripe subscriptions to a spreadsheet on Drive": the kind of file made is where it goes,
            // not a Drive read.
            let formats: Set<String> = ["spreadsheet", "sheet", "doc", "document", "csv", "file", "note"]
            if clause.kind == .upload {
                kept = kept.enumerated().filter { offset, token in
                    !(offset > 0 && ["a", "an"].contains(kept[offset - 1].lowercased())
                        && formats.contains(token.lowercased().trimmingCharacters(in: .punctuationCharacters)))
                }.map(\.element)
            }
            // "export #general to Drive": what a channel holds is its messages.
            if clause.kind == .upload, kept.contains(where: { $0.hasPrefix("#") }) { kept.append("messages") }
            // "email her the amount of her latest invoice": "her" is whom it goes to; what follows is read.
            let determiners: Set<String> = ["the", "a", "an", "his", "her", "their", "my", "our", "this", "all"]
            if kept.count > 2, ["her", "him", "them", "me", "us"].contains(kept[kept.startIndex].lowercased()),
                determiners.contains(kept[kept.startIndex + 1].lowercased())
            {
                kept.removeFirst()
            }
            // "Email Ana Ruiz at ana@… her latest invoice": the name before "her" is whom it goes to (read as the
            // records asked, whoever paid last had their invoice sent).
            if let owner = kept.firstIndex(where: { ["his", "her", "their"].contains($0.lowercased()) }), owner > kept.startIndex,
                owner - kept.startIndex <= 4, PromptText.emails(in: clause.text).count == 1,
                kept[kept.startIndex..<owner].allSatisfy({ $0.first?.isUppercase == true || ["at", "to", "on"].contains($0.lowercased()) })
            {
                kept = Array(kept[owner...])
            }
            // "save their emails to Drive", "post it": what was read before, not a new read.
            let pronouns: Set<String> = [
                "their", "them", "it", "its", "those", "these", "this", "that", "his", "her", "what", "everything",
            ]
            // "email him his latest invoice" after finding the customer: their invoice is read, not the customer sent.
            let billing = kept.dropFirst().contains { ["invoice", "invoices", "subscription", "subscriptions"].contains($0.lowercased()) }
            // "post what was said in #eng to …": a question about what a tool reads is that read.
            if let first = kept.first?.lowercased(), pronouns.contains(first), !(["his", "her", "their"].contains(first) && billing),
                !(first == "what" && ReadAsContent.asksRead(kept.joined(separator: " ")))
            {
                return nil
            }
            // "email ben@… his latest invoice": the recipient's own, so the customer with that address (the only
            // one the prompt gives); read unfiltered, another customer's invoice was sent.
            if let first = kept.first?.lowercased(), ["his", "her", "their"].contains(first), billing,
                let address = PromptText.emails(in: clause.text).first ?? Self.onlyAddress(in: prompt)
            {
                return kept.joined(separator: " ") + " for " + address
            }
            // "tell #engineering what time the design review is 🙏": the event asked about, as a question is read.
            return kept.joined(separator: " ").replacingMatches(
                of: #"(?i)^(?:when|what\s+time)\s+(.{3,60}?)\s+(?:is|starts|begins|was)[\s.!?\p{So}\p{Sk}]*$"#, with: "when is $1")
        default: return nil
        }
    }

    /// "New contact: Tomás Ruiz …; then a deal 'Ruiz Vinos - Import' €22,000": a part without a verb that
    /// names another record after a create is created too (it was searched for, and the task completed).
    static func creationsContinued(_ clauses: [PromptClause]) -> [PromptClause] {
        var clauses = clauses
        let records: Set<String> = ["deal", "contact", "lead"]
        for index in clauses.indices.dropFirst() where clauses[index].verb == nil && clauses[index - 1].kind == .create {
            let words = clauses[index].text.lowercased().split(whereSeparator: \.isWhitespace).map {
                $0.trimmingCharacters(in: .punctuationCharacters)
            }.drop { ["then", "and", "also", "plus"].contains($0) }
            guard let article = words.first, ["a", "an", "another"].contains(article),
                let noun = words.dropFirst().first, records.contains(noun)
            else { continue }
            clauses[index].kind = .create
            clauses[index].verb = "create"
        }
        return clauses
    }

    /// "… and save the latest one to Drive", "read the newest one" right after an email search: the message it found
    /// first (the newest), read.
    static func newestFound(by clause: PromptClause, after steps: [PlannedStep]) -> PlannedStep? {
        guard let search = steps.indices.last, steps[search].capability == "search_messages", clause.words.contains("one"),
            !clause.words.isDisjoint(with: ["latest", "newest", "recent", "last", "first", "top"])
        else { return nil }
        return PlannedStep(
            tool: "email", capability: "read_message", input: ["id": .reference(step: search, path: "0.id")],
            reason: "The prompt acts on the newest message the search found; read it first.")
    }

    /// "Customer lena@… says she was charged twice. Can you pull up her invoices?": "her" is the person whose address an
    /// earlier part gives (read unfiltered, everyone's invoices were shown). Only for one address, which no action uses.
    /// "Find the channel #x. Read its latest messages": a channel found before is not looked up again; what reads it
    /// reads the earlier look-up.
    static func foundAlready(_ reads: [PlannedStep], after steps: [PlannedStep]) -> [PlannedStep] {
        guard let first = reads.first, first.capability == "find_channel", reads.count > 1,
            let earlier = steps.lastIndex(where: {
                $0.tool == first.tool && $0.capability == first.capability && $0.input == first.input && $0.keep == first.keep
            })
        else { return reads }
        let dropped = steps.count
        return reads.dropFirst().map { read in
            var read = read
            read.input = read.input.mapValues { input in
                guard case .reference(let step, let path) = input else { return input }
                return .reference(step: step == dropped ? earlier : step > dropped ? step - 1 : step, path: path)
            }
            return read
        }
    }

    static func ownerNamed(_ text: String, of clause: PromptClause, among clauses: [PromptClause], after steps: [PlannedStep]) -> String {
        // "Find the Slack channel #escalations. Read its latest messages.": the messages of the channel found before (only
        // the channel was read).
        if clause.kind == .read, !clause.words.isDisjoint(with: ["its", "there"]),
            !clause.words.isDisjoint(with: ["messages", "message", "posts", "history", "conversation", "chat"]),
            PromptText.channels(in: text).isEmpty,
            let name = steps.last(where: { $0.capability == "find_channel" })?.input["name"].flatMap(literalText)
        {
            return text.replacingMatches(of: #"(?i)\bits\s"#, with: "the ") + " in #" + name
        }
        // "what does emma@… owe us? show me her latest invoice": the customer an earlier read found is hers already.
        guard clause.kind == .read, !clause.words.isDisjoint(with: ["her", "his", "their"]), PromptText.emails(in: text).isEmpty,
            let at = clauses.firstIndex(of: clause),
            let teller = clauses[..<at].last(where: { !$0.isAction && PromptText.emails(in: $0.text).count == 1 }),
            let address = PromptText.emails(in: teller.text).first,
            !clauses.contains(where: { $0.isAction && $0.text.lowercased().contains(address.lowercased()) })
        else { return text }
        let words = clause.words
        if !words.isDisjoint(with: ["invoice", "invoices", "subscription", "subscriptions", "payments", "charges", "bills"]),
            !steps.contains(where: { $0.capability == "list_customers" })
        {
            return text + " for " + address
        }
        if !words.isDisjoint(with: ["email", "emails", "mail", "mails", "message", "messages"]),
            !steps.contains(where: { $0.capability == "search_messages" })
        {
            // "find her emails": the mail she sent, as "emails from lena@…" reads it.
            let unowned = text.replacingMatches(of: #"(?i)\b(?:her|his|their)\s+"#, with: "")
            return unowned + " from " + address
        }
        return text
    }

    /// The one address a prompt gives, if it gives exactly one.
    static func onlyAddress(in prompt: String) -> String? {
        let addresses = Set(PromptText.emails(in: prompt).map { $0.lowercased() })
        return addresses.count == 1 ? addresses.first : nil
    }

    static func literalText(_ input: JSONInput) -> String? {
        if case .literal(let value) = input { return value.stringValue }
        return nil
    }

    static func lacksPlace(_ steps: [PlannedStep]) -> Bool {
        steps.contains { $0.capability == Weather.geocode && $0.input["name"].flatMap(literalText)?.isEmpty != false }
    }

    /// Weather with no place: ask for it.
    static let locationQuestion = PlanningResult.needsInput(
        schema: .object([
            "type": .string("object"),
            "properties": .object(["location": .object(["type": .string("string"), "description": .string("City or place name")])]),
            "required": .array([.string("location")]),
        ]),
        message: "Which place should the weather be for?")
}

extension EmbeddedPlanner {
    /// "just return those two values", "both values only", "these numbers please": fields named elsewhere, pointed at.
    static func pointsBack(_ text: String) -> Bool {
        text.rangeOfMatch(
            of: #"(?i)\b(?:those|these|both|the)\s+(?:two\s+|three\s+|2\s+|3\s+)?(?:values|numbers|figures|fields|things)\b"#) != nil
    }

    /// Whether a part names the records `step` lists ("the last 10 messages" after a channel's messages were read).
    static func namesRecords(of step: PlannedStep?, in clause: PromptClause) -> Bool {
        guard let step, let noun = step.capability.split(separator: "_").last.map(String.init), noun.hasSuffix("s") else { return false }
        let nouns: Set<String> = noun == "messages" && step.tool == "email" ? [noun, "emails", "mails"] : [noun]
        return !clause.words.isDisjoint(with: nouns)
    }

    /// "What's been said in #support lately? last 10 messages": a count in a part of its own (a
    /// short part no read answers, or one repeating a read) sizes the read planned before it, when
    /// that read has no page size yet.
    static func sizeEarlierReads(like reads: [PlannedStep], to count: Int?, in steps: inout [PlannedStep], _ request: PlanningRequest) {
        guard let count else { return }
        for read in reads {
            guard let same = steps.lastIndex(where: { $0.tool == read.tool && $0.capability == read.capability }),
                let parameters = request.catalog.tool(read.tool)?.capability(read.capability)?.parameters,
                let key = ["limit", "maxResults", "pageSize"].first(where: { parameters[$0] != nil }),
                steps[same].input[key] == nil
            else { continue }
            steps[same].input[key] = .literal(.number(Double(count)))
        }
    }
}
