import Foundation

/// The reads a part of a prompt asks for, over the built-in tools: which records, which filters
/// ("open", "active", "this month", "unread"), which search ("from ann@…", "named report"). A
/// service the prompt names (Gmail, Drive, the calendar, Slack) wins over nouns that another tool
/// would match better ("the invoice emails in their Gmail" searches email).
enum ReadIntents {
    /// "what the latest email from ann@… says": what a message says is read from the message itself.
    static let messageSays: Set<String> = ["say", "says", "said", "write", "writes", "wrote", "tell", "tells", "send", "sent"]
    static let emailWords: Set<String> = ["gmail", "inbox", "email", "emails", "mail", "mails", "e-mails", "emailed"]
    /// What only an email has: a "message" with labels or a subject is mail, not chat.
    static let mailOnlyWords: Set<String> = ["labels", "label", "subject", "unread", "starred", "attachment", "attachments", "sender"]
    static let storageWords: Set<String> = [
        "drive", "dropbox", "file", "files", "documents", "document", "doc", "docs", "spreadsheet", "spreadsheets", "pdfs",
        // "find the drawings for the Hendricks loft": what a trade keeps as files.
        "drawings", "photos", "scans",
    ]
    static let calendarWords: Set<String> = [
        "calendar", "calender", "meetings", "meeting", "events", "event", "schedule", "agenda", "appointments", "appointment",
        // "when does my standup start and who is invited?", "what interviews do I have tomorrow?": kinds of meeting.
        "standup", "standups", "stand-up", "interviews",
        // "book a site visit with Gary", "a viewing at 14 Elm Rd": what trades and agents put in a diary.
        "visit", "viewing", "viewings", "inspection", "consultation", "tasting", "walkthrough",
    ]
    /// "When does the design review start and who's invited?": whom an event invites (not words spelling corrects to).
    static let attendeeWords: Set<String> = ["invited", "attendees", "invitees"]
    static let chatWords: Set<String> = ["slack", "channel", "channels", "chat", "messages", "said"]

    /// Steps for one read `text`; `steps` are those planned so far (their indices continue).
    static func plan(_ text: String, _ request: PlanningRequest, after steps: [PlannedStep]) -> [PlannedStep] {
        let count = PromptText.count(in: text)
        let planned = reads(text, request, after: steps)
        // "the last 20 messages in #incidents": the count sizes the messages, not the look-up of the channel they are in.
        let feeding = Set(planned.flatMap { $0.input.values.flatMap(\.referencedSteps) })
        return planned.enumerated().map { offset, step in
            // "the last 10 messages": the count is the read's page size.
            guard let count, !feeding.contains(steps.count + offset),
                let parameters = request.catalog.tool(step.tool)?.capability(step.capability)?.parameters,
                let key = ["limit", "maxResults", "pageSize"].first(where: { parameters[$0] != nil })
            else { return step }
            var step = step
            step.input[key] = .literal(.number(Double(count)))
            return step
        }
    }

    static func reads(_ text: String, _ request: PlanningRequest, after steps: [PlannedStep]) -> [PlannedStep] {
        let text = StateQuestions.withoutAskedStates(withoutFieldList(text))
        var words = PromptText.serviceWords(text)
        // "my 1:1 with Maya": a meeting; "every contact's name": the records.
        if text.contains("1:1") { words.insert("1:1") }
        words.formUnion(words.filter { $0.hasSuffix("'s") && !$0.hasPrefix("user_") }.map { String($0.dropLast(2)) })
        // "the contact with email ann@…": a filter, not the email service.
        if let address = PromptText.emails(in: text).first, text.lowercased().contains("email \(address.lowercased())") {
            words.remove("email")
        }
        words.subtract(fieldNouns(in: text))
        // "the email and phone number of every HubSpot contact": a contact's email is a field, not Gmail.
        if !words.isDisjoint(with: ["contact", "contacts", "hubspot", "crm", "lead", "leads"]), words.isDisjoint(with: ["gmail", "inbox"]) {
            words.subtract(emailWords)
        }
        if let opened = opened(words, after: steps) { return [opened] }
        // "Find the #design-review channel and read me the last 10 messages": the messages of the channel found.
        if let last = steps.indices.last, steps[last].capability == "find_channel", PromptText.channel(in: text) == nil,
            !words.isDisjoint(with: [
                "messages", "message", "posts", "history", "conversation", "said", "saying", "posted", "posting", "wrote", "talking",
                "discussed", "discussing",
            ]),
            words.isDisjoint(with: ["email", "emails", "mail", "inbox", "gmail", "e-mail", "e-mails"])
        {
            var input: [String: JSONInput] = ["channel": .reference(step: last, path: "0.id")]
            if let count = PromptText.count(in: text) { input["limit"] = .literal(.number(Double(count))) }
            input.merge(postedWithin(text, now: request.now)) { _, new in new }
            return [
                PlannedStep(
                    tool: "chat", capability: "list_messages", input: input,
                    reason: "The prompt asks for the messages of the channel found.")
            ]
        }
        // "the message id is 18c2f9a0b7d4e1f2", "show me the message 18c2…": a Gmail id names an email, not a chat message.
        if !words.isDisjoint(with: ["message", "id", "mail", "email"]), has(request, "email"), let id = gmailID(in: text) {
            return [
                PlannedStep(
                    tool: "email", capability: "read_message", input: ["id": .literal(.string(id))],
                    reason: "The prompt names the message \(id).")
            ]
        }
        // "What did billing@stripe.com write me?": mail from that address, whatever words it holds.
        if sentToMe(text), has(request, "email") {
            return email(text, words.union(["email"]), index: steps.count, now: request.now)
        }
        // A file or service named outright wins over weather words ("the Q2 Forecast.xlsx on Drive").
        let named = PromptText.fileName(in: text) != nil || !words.isDisjoint(with: ["gmail", "inbox", "drive", "dropbox", "calendar"])
        // "how hot is it in São Paulo": a question about how warm it is is the weather.
        let warmth =
            !words.isDisjoint(with: ["hot", "cold", "warm", "chilly", "freezing"]) && !words.isDisjoint(with: ["how", "it", "it's"])
        if !named, !EmbeddedPlanner.weatherWords.isDisjoint(with: words) || warmth, has(request, Weather.name) {
            return weather(text, request, index: steps.count)
        }
        // "Which country is Springfield in?": what the place itself is, not its weather.
        if !words.isDisjoint(with: ["country", "timezone", "zone", "coordinates", "latitude", "longitude"])
            || (words.contains("where") && (properName(in: text) ?? placeAsked(in: text)) != nil && words.count <= 4),
            has(request, Weather.name),
            let place = PromptText.location(in: text) ?? properName(in: text) ?? placeAsked(in: text)
        {
            return [
                PlannedStep(
                    tool: Weather.name, capability: Weather.geocode, input: ["name": .literal(.string(place))],
                    reason: "The prompt asks where \(place) is.")
            ]
        }
        // A service named outright wins over the nouns of another ("Meeting notes.txt on Drive").
        if !words.isDisjoint(with: ["gmail", "inbox"]), has(request, "email") {
            return email(text, words, index: steps.count, now: request.now)
        }
        if !words.isDisjoint(with: ["drive", "dropbox"]) || PromptText.fileName(in: text) != nil, has(request, "storage") {
            return storage(text, words, now: request.now)
        }
        // "Find our Slack channel for billing": Slack named with its own records, whatever the topic ("billing").
        if words.contains("slack"), !words.isDisjoint(with: ["channel", "channels", "members"]), has(request, "chat"),
            let steps = chat(text, words, index: steps.count, now: request.now)
        {
            return steps
        }
        // "deals in the presentation scheduled stage": a deal stage, not an event.
        if ActionSteps.knownStage(in: text) != nil, !words.isDisjoint(with: ["deal", "deals", "pipeline"]) {
            return business(text, words, request, index: steps.count)
        }
        if !words.isDisjoint(with: ["calendar", "calender", "agenda", "cal"]), has(request, "calendar") {
            return calendar(text, words, now: request.now)
        }
        if !emailWords.isDisjoint(with: words), has(request, "email") { return email(text, words, index: steps.count, now: request.now) }
        // "what labels are on the newest message from DocuSign": what only an email has.
        if !words.isDisjoint(with: ["message", "messages"]), !words.isDisjoint(with: mailOnlyWords), !text.contains("#"),
            has(request, "email")
        {
            return email(text, words, index: steps.count, now: request.now)
        }
        if !calendarWords.isDisjoint(with: words) || !attendeeWords.isDisjoint(with: words) || asksForNextEvent(words)
            || asksIfFree(text, words, now: request.now) || asksEventTime(text)
            || asksWhatsOn(text, now: request.now),
            !meetingIsPurpose(text, words), has(request, "calendar")
        {
            return calendar(text, words, now: request.now)
        }
        if !storageWords.isDisjoint(with: words), has(request, "storage") { return storage(text, words, now: request.now) }
        if PromptText.channel(in: text) != nil || !chatWords.isDisjoint(with: words), has(request, "chat") {
            if let steps = chat(text, words, index: steps.count, now: request.now) { return steps }
        }
        return business(text, words, request, index: steps.count)
    }

    /// A Gmail message id as Gmail writes it: 16 hexadecimal characters, letters and digits mixed.
    static func gmailID(in text: String) -> String? {
        guard let range = text.rangeOfMatch(of: #"(?<![\w.-])[0-9a-fA-F]{16}(?![\w.-])"#) else { return nil }
        let id = String(text[range])
        return id.contains(where: \.isNumber) && id.contains(where: \.isLetter) ? id : nil
    }

    /// "find the onboarding doc and tell me what it says": the file or message just found, read.
    static func opened(_ words: Set<String>, after steps: [PlannedStep]) -> PlannedStep? {
        // "… and tell me what's in it".
        let inIt = words.contains("in") && !words.isDisjoint(with: ["what", "what's", "whats"])
        guard !words.isDisjoint(with: ["it", "its", "it's"]),
            !words.isDisjoint(with: ["says", "say", "contents", "content", "open", "read", "inside", "text"]) || inIt,
            let last = steps.indices.last
        else { return nil }
        switch steps[last].capability {
        case "list_files":
            return PlannedStep(
                tool: "storage", capability: "read_file", input: ["file_id": .reference(step: last, path: "0.id")],
                reason: "The prompt asks what the file found says.")
        case "search_messages":
            return PlannedStep(
                tool: "email", capability: "read_message", input: ["id": .reference(step: last, path: "0.id")],
                reason: "The prompt asks what the message found says.")
        default: return nil
        }
    }

    /// "When is my next design review?": an event the prompt names without saying calendar.
    static let events: Set<String> = [
        "review", "sync", "standup", "call", "interview", "demo", "appointment", "offsite", "retro", "kickoff", "dentist", "lunch",
        "1:1", "checkup", "presentation", "workshop", "webinar", "huddle", "check-in", "one-on-one",
    ]

    /// "am I free tomorrow afternoon?", "do i have anything friday": the calendar of that day.
    static func asksIfFree(_ text: String, _ words: Set<String>, now: Date) -> Bool {
        !words.isDisjoint(with: ["free", "busy", "available", "anything", "booked"])
            && !words.isDisjoint(with: ["i", "i'm", "me", "my", "we"])
            && (PromptText.day(in: text, now: now) != nil || !words.isDisjoint(with: ["afternoon", "morning", "evening", "week"]))
    }

    /// "She's prepping for the board meeting and would like the deals we won this year": the meeting is why
    /// the records are wanted, not what is read (the calendar was read instead of the deals).
    static func meetingIsPurpose(_ text: String, _ words: Set<String>) -> Bool {
        let records: Set<String> = [
            "deals", "deal", "contacts", "invoices", "invoice", "subscriptions", "customers", "pipeline", "leads",
        ]
        guard !words.isDisjoint(with: records) else { return false }
        let tokens = text.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        let purposes: Set<String> = ["for", "before", "ahead", "prepping", "preparing", "prep", "prepare"]
        let mentions = tokens.indices.filter { calendarWords.contains(tokens[$0]) }
        return !mentions.isEmpty
            && mentions.allSatisfy { index in tokens[max(0, index - 3)..<index].contains(where: purposes.contains) }
    }

    /// "what's on Friday", "what else is on that day", "what do I have on Monday", "what do I have from 9am to
    /// 11am tomorrow": the day's events.
    static func asksWhatsOn(_ text: String, now: Date) -> Bool {
        text.rangeOfMatch(
            of: #"\bwhat(?:'s|’s|s| is| else is|'s else| else| do i have| have i got)\s+(?:on|tomorrow|today|between|from)\b"#,
            options: .caseInsensitive) != nil
            && (PromptText.day(in: text, now: now) != nil || PromptText.dateRange(in: text, now: now) != nil
                || PromptText.timeRange(in: text) != nil)
    }

    /// "my next 1:1 with Maya", "the next call with Acme": whom a generic meeting is with names it better than
    /// its kind ("1:1" matched every one-to-one); "the next design review" is its own name.
    static func nextEvent(in text: String) -> String? {
        guard let next = topic(in: text, after: ["next", "upcoming"]) else { return nil }
        let generic: Set<String> = ["1:1", "call", "meeting", "sync", "one-on-one", "catch-up", "catchup", "chat", "check-in"]
        if generic.contains(next.lowercased()), let with = topic(in: text, after: ["with"]), PartyNames.written(with) { return with }
        return next
    }

    static func asksForNextEvent(_ words: Set<String>) -> Bool {
        guard !words.isDisjoint(with: events) else { return false }
        // "Do I have a design review scheduled?"
        // "when is the next design review": asked when, the next one is on the calendar whoever's it is.
        return (!words.isDisjoint(with: ["next", "upcoming", "when"]) && !words.isDisjoint(with: ["my", "our"]))
            || !words.isDisjoint(with: ["scheduled", "booked"])
            || (words.contains("when") && !words.isDisjoint(with: ["next", "upcoming"]))
    }

    /// "a design review scheduled" → "design review": the event between an article and "scheduled".
    static func scheduledEvent(in text: String) -> String? {
        let tokens = text.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        guard let end = tokens.firstIndex(where: { ["scheduled", "booked"].contains($0) }),
            let start = tokens[..<end].lastIndex(where: { ["a", "an", "any", "the", "my"].contains($0) }), start + 1 < end
        else { return nil }
        return tokens[(start + 1)..<end].joined(separator: " ")
    }

    /// Record words used as fields ("names and emails", "their emails", "Ann's email"): not a service.
    static func fieldNouns(in text: String) -> Set<String> {
        let tokens = text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        var nouns: Set<String> = []
        for (index, token) in tokens.enumerated() where index > 0 {
            let word = token.trimmingCharacters(in: .punctuationCharacters)
            let previous = tokens[index - 1]
            guard ["email", "emails", "e-mails", "phone", "messages"].contains(word) else { continue }
            let bare = previous.trimmingCharacters(in: .punctuationCharacters)
            // "the email address of Lena Park"
            let next = index + 1 < tokens.count ? tokens[index + 1].trimmingCharacters(in: .punctuationCharacters) : ""
            if ["address", "addresses", "of"].contains(next) {
                nouns.insert(word)
                continue
            }
            // "yesterday's messages", "today's emails": a day owns nothing; the messages are what is read.
            let day = String(bare.dropLast(2))
            let owner =
                (bare.hasSuffix("'s") || bare.hasSuffix("’s"))
                && !(PromptText.namesTime(day) || ["yesterday", "week", "month", "year", "weekend", "morning"].contains(day))
            if ["their", "his", "her", "its", "and", "&", "+", "names", "name", "with"].contains(bare) || previous.hasSuffix(",")
                || owner
            {
                nouns.insert(word)
            }
        }
        return nouns
    }

    /// Capitalised words in a row, not the first word, a brand or a day ("Maya Chen", "Hooli Expansion").
    static func properName(in text: String) -> String? {
        let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        var run: [String] = []
        for token in tokens.dropFirst() {
            let word = token.trimmingCharacters(in: .punctuationCharacters)
            let usable =
                word.first?.isUppercase == true && word.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" || $0 == "’" }
                && !word.hasSuffix("'s") && !word.hasSuffix("’s") && !brands.contains(word.lowercased())
                && !PromptText.namesTime(word.lowercased()) && word != "I"
            if usable { run.append(word) } else if !run.isEmpty { break }
            if usable, token.last.map({ ",.;:!?".contains($0) }) == true { break }
        }
        return run.isEmpty ? nil : run.joined(separator: " ")
    }

    /// "For San Francisco, CA, fetch the current temperature …": the place a prompt opens with, before its request.
    static func leadingPlace(in prompt: String) -> String? {
        guard
            let match = prompt.rangeOfMatch(
                of: #"^(?:For|In|At)\s+\p{Lu}[\p{L}'.-]*(?:\s\p{Lu}[\p{L}'.-]*){0,3}(?=(?:,\s*\p{Lu}{2})?,\s)"#
            )
        else { return nil }
        return prompt[match].split(separator: " ").dropFirst().joined(separator: " ")
    }

    static func has(_ request: PlanningRequest, _ tool: String) -> Bool { request.catalog.tool(tool) != nil }

    static func weather(_ text: String, _ request: PlanningRequest, index: Int) -> [PlannedStep] {
        // "… the temperature, what the conditions are, and …": a question word is no place (a second place "what" was
        // looked up).
        let questionWords: Set<String> = ["what", "how", "which", "where", "when", "whether", "who", "why"]
        let location =
            request.input["location"]?.stringValue
            ?? [PromptText.location(in: text), placeAfterWeatherWord(in: text), properName(in: text)].lazy.compactMap { $0 }
            .first {
                // "fetch the current temperature, humidity and …": a weather word is no place either.
                !questionWords.contains($0.lowercased()) && !EmbeddedPlanner.weatherWords.contains($0.lowercased())
            } ?? leadingPlace(in: request.prompt) ?? travelledTo(in: text, prompt: request.prompt)
            // "a crane lift at the Rotterdam port site …; check the wind there": the place named before (when no read
            // before this one has looked there already).
            ?? (index == 0 && PromptText.words(text).contains("there") && text != request.prompt ? properName(in: request.prompt) : nil)
            ?? ""
        // "Check Oslo's weather": the sentence's capitalised verb is no word of the place ("Check Oslo" was looked up).
        let words = location.split(separator: " ")
        let verbs: Set<String> = ["check", "get", "find", "show", "pull", "grab", "fetch", "look", "tell", "give", "see", "post", "send"]
        let place = words.count > 1 && verbs.contains(words[0].lowercased()) ? words.dropFirst().joined(separator: " ") : location
        // "in Rome and Milan", "Paris, London and Rome": each place its own lookup.
        var places = [place]
        while request.input["location"] == nil, places.count < 5, let also = placeAfter(places[places.count - 1], in: text),
            !places.contains(also)
        {
            places.append(also)
        }
        // "Tokyo and Seoul weather": the places listed before the one right before the weather word.
        while request.input["location"] == nil, places.count < 5, let earlier = placeBefore(places[0], in: text),
            !places.contains(earlier)
        {
            places.insert(earlier, at: 0)
        }
        return places.enumerated().flatMap { pair($1, index: index + 2 * $0) }
    }

    /// "Dana is flying to Reykjavík tomorrow … the temperature there": the place a trip in the prompt goes
    /// to, for weather asked "there" with no place of its own.
    static func travelledTo(in text: String, prompt: String) -> String? {
        guard PromptText.words(text).contains("there"), let travel else { return nil }
        let range = NSRange(prompt.startIndex..., in: prompt)
        guard let match = travel.firstMatch(in: prompt, range: range), let place = Range(match.range(at: 1), in: prompt) else { return nil }
        return String(prompt[place])
    }
    static let travel = try? NSRegularExpression(
        pattern:
            #"\b(?:flying|fly|flies|heading|head|going|travell?ing|travels?|driving|moving|off|trip|visiting|visit)\s+(?:to\s+|into\s+|out\s+to\s+)?(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2})"#
    )

    /// "Rome and Milan" → "Milan": a capitalised place joined to the first one.
    static func placeAfter(_ place: String, in text: String) -> String? {
        // No place is longer; searching the prompt for a long one costs its length times the prompt's.
        guard !place.isEmpty, place.count <= 100, let range = text.range(of: place + " and ") ?? text.range(of: place + ", ")
        else { return nil }
        // "weather lisbon and porto, humidity", "… oslo and bergen pls": a lower-case place is one word closing
        // the text or its sentence, common words aside.
        let token = text[range.upperBound...].prefix { !$0.isWhitespace }
        let word = token.trimmingCharacters(in: CharacterSet(charactersIn: ",.!?;"))
        let closes =
            word.count < token.count
            || text[token.endIndex...].split(whereSeparator: \.isWhitespace).allSatisfy {
                commonWords.contains($0.lowercased().trimmingCharacters(in: .punctuationCharacters))
            }
        if place.first?.isLowercase == true, text[range.lowerBound...].hasPrefix(place + " and "), !word.isEmpty,
            word.allSatisfy(\.isLetter), closes,
            !commonWords.contains(word.lowercased()), !EmbeddedPlanner.weatherWords.contains(word.lowercased())
        {
            return word
        }
        guard let next = properName(in: "x " + text[range.upperBound...]), next.first?.isUppercase == true else { return nil }
        // "Lisbon, Portugal": a comma names the region, unless a list goes on ("Rome, Milan and Turin").
        let listed = text[range.lowerBound...].hasPrefix(place + " and ") || text.contains(next + " and ") || text.contains(next + ", ")
        return listed ? next : nil
    }

    /// Words that are never a place: verbs, fillers, stop words.
    static let commonWords = PromptClauses.readVerbs.union(PromptClauses.fillers).union(PromptClauses.actionVerbs.keys).union(
        PromptText.stopWords
    )
    .union(["compare", "weather", "the", "now", "today", "there", "here", "then", "also", "too", "tomorrow", "please", "pls"])

    /// "Tokyo and Seoul" → "Tokyo": a capitalised place joined before the first one found.
    static func placeBefore(_ place: String, in text: String) -> String? {
        guard !place.isEmpty, place.count <= 100, let range = text.range(of: " and " + place) ?? text.range(of: ", " + place) else {
            return nil
        }
        let common = commonWords
        let words = text[..<range.lowerBound].split(whereSeparator: \.isWhitespace).reversed().prefix {
            $0.first?.isUppercase == true && $0.allSatisfy(\.isLetter) && !common.contains($0.lowercased())
                && !brands.contains($0.lowercased())
        }
        return words.isEmpty ? nil : words.reversed().joined(separator: " ")
    }

    /// "weather SF", "NYC": short names a geocoder does not know for the city everyone means.
    static let placeAliases: [String: String] = [
        "sf": "San Francisco", "nyc": "New York", "ny": "New York", "la": "Los Angeles", "dc": "Washington", "philly": "Philadelphia",
        "vegas": "Las Vegas", "nola": "New Orleans",
    ]

    static func pair(_ location: String, index: Int) -> [PlannedStep] {
        let location = placeAliases[location.lowercased()] ?? location
        return [
            PlannedStep(
                tool: Weather.name, capability: Weather.geocode, input: ["name": .literal(.string(location))],
                reason: "The prompt asks about the weather in \(location); find its coordinates first."),
            PlannedStep(
                tool: Weather.name, capability: Weather.current,
                input: [
                    "latitude": .reference(step: index, path: "latitude"), "longitude": .reference(step: index, path: "longitude"),
                ],
                reason: "Read the current conditions at those coordinates."),
        ]
    }

    /// Words that point back to a place already named ("post the weather there"), or say when ("is it gonna
    /// rain later"): never a place (the sandbox geocoded "later" and answered its weather).
    static let deicticPlaces: Set<String> = [
        "there", "here", "now", "today", "then", "right", "outside", "later", "tonight", "tomorrow", "tmrw", "soon", "this", "morning",
        "afternoon", "evening", "overnight", "again", "anymore", "yet", "rn", "currently", "at",
    ]

    /// "weather london" → "london".
    static func placeAfterWeatherWord(in text: String) -> String? {
        let raw = text.split(whereSeparator: \.isWhitespace)
        let tokens = raw.map { $0.trimmingCharacters(in: .punctuationCharacters) }
        guard let index = tokens.firstIndex(where: { EmbeddedPlanner.weatherWords.contains($0.lowercased()) }), index + 1 < tokens.count
        else { return nil }
        // "post the weather in #general": the channel's "in" (the channel itself is cut from the read) is no place.
        // "la température à Paris", "el clima en Madrid", "das Wetter im Harz": a preposition of another language is no place.
        let foreign: Set<String> = ["à", "au", "aux", "en", "em", "im", "na"]
        let foreignDays: Set<String> = ["hoy", "ahora", "heute", "jetzt", "aujourd'hui", "maintenant", "oggi", "adesso", "hoje", "agora"]
        // "the wind speed there", "UV index for …": the rest of the measure's name is no place.
        let measures: Set<String> = [
            "speed", "speeds", "gust", "gusts", "direction", "chill", "conditions", "condition", "forecast", "report", "level", "levels",
            "index", "point", "pressure", "quality",
        ]
        var place = tokens[(index + 1)...].drop { foreign.contains($0.lowercased()) || measures.contains($0.lowercased()) }.prefix {
            !foreignDays.contains($0.lowercased()) && !PromptText.stopWords.contains($0.lowercased())
                && !["the", "a", "is", "like", "are", "was", "it"].contains($0.lowercased())
                && !deicticPlaces.contains($0.lowercased()) && !PromptClauses.prepositions.contains($0.lowercased()) && !$0.isEmpty
        }
        // "weather SF: temp, conditions, humidity": the place ends at its colon or comma, before the fields.
        if let end = place.indices.first(where: { raw[$0].last.map { ":,;".contains($0) } == true }) { place = place[...end] }
        return place.isEmpty ? nil : place.joined(separator: " ")
    }

    /// The text before "return …", "including …", so field names do not pick tools.
    static func withoutFieldList(_ text: String) -> String {
        var text = text
        // "Show every lead we have, name + email": a trailing list joined with "+".
        if let plus = text.range(of: " + "), let comma = text[..<plus.lowerBound].lastIndex(of: ",") { text = String(text[..<comma]) }
        let lower = text.lowercased()
        let markers = ["return ", "returning ", "include ", "including ", "give me ", "with fields ", ", with "]
        // "with name, email and company": "with" only when a list follows ("the customer with email ivy@…, with amount"
        // is a value, then the list: cut at the first "with", the customer was lost).
        let withList = PromptText.withList(in: lower)?.lowerBound
        // A marker that opens the text ("Give me the weather for …", "Can you give me the latitude …") is the read itself.
        let cuts = markers.compactMap { lower.range(of: $0)?.lowerBound }.filter { cut in
            !lower[..<cut].split(whereSeparator: \.isWhitespace).allSatisfy {
                PromptClauses.fillers.contains($0.trimmingCharacters(in: .punctuationCharacters))
            }
        }
        guard let cut = (cuts + [withList].compactMap { $0 }).min() else { return text }
        return String(text[..<cut])
    }

    /// "what did ann@acme.example write me", "has ben@… emailed us", "anything hr@… sent me": an
    /// address followed by a verb of writing to the user asks about mail received from it.
    static func sentToMe(_ text: String) -> Bool {
        // "What did ann send me?", "did Ben Carter email us": a person's mail to us, named without an address.
        if text.rangeOfMatch(
            of:
                #"(?i)\bdid\s+(?!you\b|i\b|we\b|they\b|anyone\b|someone\b)[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]*)?\s+(?:send|email|e-mail|write|mail|forward)\s+(?:me|us)\b"#
        ) != nil {
            return true
        }
        let tokens = text.lowercased().split(whereSeparator: \.isWhitespace)
        guard let address = tokens.firstIndex(where: { PromptText.isAddress($0) }) else { return false }
        let verbs: Set<String> = [
            "write", "wrote", "written", "send", "sent", "email", "emailed", "mail", "mailed", "reply", "replied", "say", "said",
        ]
        let rest = tokens[(address + 1)...].prefix(4).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        guard let verb = rest.firstIndex(where: verbs.contains) else { return false }
        // "what did ann@… write about the quarterly review": what they wrote, on a topic.
        return rest[(verb + 1)...].prefix(2).contains { ["me", "us", "about", "regarding"].contains($0) }
    }

    /// "What did Lucía say …", "what did Ben Carter write": whom a question about mail asks about.
    static func speaker(in text: String) -> String? {
        let tokens = text.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: PartyNames.edges) }
        guard let did = tokens.indices.dropLast().first(where: { ["did", "does"].contains(tokens[$0].lowercased()) }),
            let verb = tokens[(did + 1)...].prefix(4).firstIndex(where: {
                ["say", "write", "send", "ask", "want", "need", "mention", "reply", "email"].contains($0.lowercased())
            }), verb > did + 1
        else { return nil }
        let name = tokens[(did + 1)..<verb]
        let pronouns: Set<String> = [
            "i", "you", "we", "they", "he", "she", "it", "the", "my", "our", "anyone", "someone", "somebody", "he/she",
        ]
        guard name.allSatisfy({ PartyNames.word($0) && !pronouns.contains($0.lowercased()) && !brands.contains($0.lowercased()) })
        else { return nil }
        return name.joined(separator: " ")
    }

    /// "what did the customer say", "what did the client write": a writer named by role only.
    static func unnamedSpeaker(in text: String) -> String? {
        text.rangeOfMatch(
            of: #"(?i)\bwhat\s+(?:did|does)\s+(?:the|my|our|this|that)\s+[a-z]+(?=\s+(?:say|said|write|wrote|want|ask|need|mention)\b)"#
        ).flatMap { text[$0].split(whereSeparator: \.isWhitespace).last?.lowercased() }
    }

    static let searchedFor = [
        "subject", "about", "mentioning", "mentions", "mention", "regarding", "for", "containing", "contain", "contains", "referencing",
        "reference", "references",
    ]

    /// "the subject of my last email", "sender and subject of my unread emails", "their subject lines": the subject is
    /// asked for, not searched by.
    static func subjectAsked(_ text: String) -> Bool {
        // ("with application in the subject and …" searches by it.)
        text.rangeOfMatch(of: #"(?i)(?<!in\sthe\s)(?<!in\stheir\s)(?<!in\s)\bsubjects?(?:\s+lines?)?(?:\s+of\b|\s*(?:,|and\b|[?.!]|$))"#)
            != nil
    }

    static func email(_ text: String, _ words: Set<String>, index: Int, now: Date) -> [PlannedStep] {
        // Gmail's ids are hexadecimal ("18c2f9a7b3e4d5f6"); one that short is still an id when it mixes letters a-f and
        // digits, or when the prompt labels it ("the email with id 18c2f9a7b3": the newest message was read instead).
        if let id = PromptText.identifier(in: text, after: ["id"]).flatMap({ $0.count >= 6 ? $0 : nil })
            ?? PromptText.identifier(in: text, after: ["email", "message", "id"]).flatMap({ id in
                id.count >= 12 || (id.count >= 8 && id.allSatisfy(\.isHexDigit) && id.contains(where: \.isLetter)) ? id : nil
            })
        {
            return [
                PlannedStep(
                    tool: "email", capability: "read_message", input: ["id": .literal(.string(id))],
                    reason: "The prompt names the message \(id).")
            ]
        }
        // `search_messages(q="from:billing@… is:unread")`: a query in Gmail's own operators, searched as written (its
        // sender was searched again: "from:from:billing@…").
        // "read email with id xhsyzanhmekucx": an id said as one, letters alone or not.
        if let id = text.captured(of: #"(?i)\bwith\s+id\s+([A-Za-z0-9_-]{6,})\b"#, group: 1) {
            return [
                PlannedStep(
                    tool: "email", capability: "read_message", input: ["id": .literal(.string(id))],
                    reason: "The prompt names the message \(id).")
            ]
        }
        if let query = PromptText.quotedTexts(in: text).first(where: {
            $0.rangeOfMatch(
                of:
                    #"(?i)(?:^|\s)-?(?:from|to|cc|bcc|subject|is|has|in|label|after|before|newer_than|older_than|filename|larger|smaller):\S"#
            )
                != nil
        }) {
            return [
                PlannedStep(
                    tool: "email", capability: "search_messages", input: ["q": .literal(.string(query))],
                    reason: "The prompt asks for email messages matching \(query).")
            ]
        }
        var terms: [String] = []
        // "unread emails with application in the subject": Gmail's subject operator (the word was dropped).
        if let word = text.captured(
            of:
                #"(?i)\bwith\s+(?:the\s+word\s+)?["“']?([\w-]+(?:\s+[\w-]+){0,3}?)["”']?\s+in\s+(?:the\s+|their\s+|its\s+)?subject(?:\s+line)?\b"#,
            group: 1)
        {
            terms.append(word.contains(" ") ? "subject:\"\(word)\"" : "subject:\(word)")
        }
        // "any new emails?", "do I have new mail": the ones not read yet (every message came back, sent ones too); "new
        // emails about the launch" are recent ones on that topic.
        let new =
            text.rangeOfMatch(of: #"(?i)\bnew\s+(?:e-?mails?|mails?|messages?)\b"#) != nil
            && words.isDisjoint(with: ["about", "from", "regarding", "concerning", "re"])
        if words.contains("unread") || new { terms.append("is:unread") }

        // "emails with attachments": Gmail's own operator.
        if !words.isDisjoint(with: ["attachment", "attachments", "attached"]) { terms.append("has:attachment") }
        // "open the latest email", "what did ann say in her last email", "the Contract renewal email": one message, read.
        let singular = words.isDisjoint(with: ["emails", "messages", "mails", "any", "all"])
        let latest = !words.isDisjoint(with: ["latest", "recent", "recently", "last", "newest"])
        let opensOne =
            singular
            && ((!words.isDisjoint(with: ["open", "read"]) && (latest || words.contains("the")))
                || (latest && !words.isDisjoint(with: messageSays))
                // "what labels are on the newest message from DocuSign": what only the message read has.
                || (latest
                    && !words.isDisjoint(with: [
                        "labels", "label", "body", "gist", "contents", "content", "attachments", "subject", "sender", "snippet",
                    ]))
                || (words.contains("the") && !words.isDisjoint(with: ["search", "find"]) && text.lowercased().contains(" email"))
                // "what did ann@… write about the quarterly review": what the newest match says, read.
                || (words.contains("what") && words.contains("did") && !words.isDisjoint(with: ["say", "said", "write", "wrote"]))
                // "grab the newest email from hr@…": the one message, fetched.
                || (latest && words.contains("the") && !words.isDisjoint(with: ["grab", "get", "fetch", "pull"]))
                // "show my latest email", "my most recent unread email": one message, not the newest page of them.
                || (latest && !words.isDisjoint(with: ["email", "e-mail", "mail", "message"]) && PromptText.count(in: text) == nil))
        if let sender = PromptText.emails(in: text).first {
            terms.append(text.lowercased().contains(" to \(sender)") ? "to:\(sender)" : "from:\(sender)")
        } else if let recipient = mailedBySelf(in: text) {
            terms.append("to:\(recipient)")
        } else if let sender = topic(in: text, after: ["from"]).flatMap({ PartyNames.fullNames(in: $0).first }),
            text.contains("from " + sender)
        {
            // "the most recent email from Marco Bellini": the whole name (every Marco's mail matched "from:marco").
            terms.append("from:\"\(sender)\"")
        } else if let sender = topic(in: text, after: ["from"])?.split(separator: " ").first.map(String.init),
            // "email messages from vertex.example": a sender's domain is a sender too (the search was of every message).
            sender.allSatisfy(\.isLetter)
                || sender.rangeOfMatch(of: #"^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"#) != nil,
            !PromptClauses.objectWords.contains(sender.lowercased()),
            !["last", "this", "today", "yesterday", "my", "our", "me"].contains(sender.lowercased()),
            !PromptText.namesTime(sender.lowercased())
        {
            // "unread email from stripe": a sender named without an address.
            terms.append("from:\(sender.lowercased())")
        } else if let speaker = speaker(in: text) {
            // "What did Ben Carter say in his last email": that sender's, never whoever wrote last.
            terms.append(speaker.contains(" ") ? "from:\"\(speaker)\"" : "from:\(speaker)")
        }
        let stated =
            PromptText.quotedTexts(in: text).first
            ?? topic(in: text, after: subjectAsked(text) ? ["about", "mentioning", "mentions", "regarding", "for"] : searchedFor).map {
                // "that contain the word invoice": the word itself; "for anything with the word contract since March 1": the word,
                // and the date searched by its own operators (the date's words, or nothing but the date, were searched).
                $0.replacingMatches(
                    of:
                        #"^(?i:(?:anything|something|stuff|any\s+e-?mails?|e-?mails?|messages?|mails?)\s+(?:with|containing|that\s+contains?|mentioning|that\s+mentions?)\s+)"#,
                    with: ""
                )
                .replacingMatches(of: #"^(?i:(?:the\s+)?(?:word|words|phrase|term|text))\s+"#, with: "")
                .replacingMatches(of: #"(?i)\s+since\s+[^,;]{1,30}$"#, with: "")
            }
        let qualifiedOnly = stated == nil
        if let topic = stated ?? qualifier(in: text, before: ["emails", "email", "messages"]).flatMap({ $0.contains("@") ? nil : $0 }) {
            // "for the Contract renewal email": the message word is not searched for.
            let words = topic.split(separator: " ")
            let trimmed = words.count > 1 && emailWords.union(["message", "messages"]).contains(words.last!.lowercased())
            // "for unread messages from …": a word already searched as an operator (`is:unread`) is not searched again.
            // "list emails from ann@…", "for all messages": the verb or quantity before the message word is not searched for either.
            let quantities: Set<String> = [
                "all", "any", "every", "each", "the", "my", "our", "some", "new", "me", "us", "latest", "newest", "recent", "most", "last",
                "oldest", "many", "much",
            ]
            // "yesterday's emails", "last week's": the period is searched by date, not as a word.
            let periods: Set<String> = ["yesterday's", "today's", "week's", "month's", "year's", "weekend's", "morning's", "tonight's"]
            let kept = (trimmed ? words.dropLast() : words[...]).filter {
                !(terms.contains("is:unread") && $0.lowercased() == "unread") && !quantities.contains($0.lowercased())
                    && !periods.contains($0.lowercased().replacingOccurrences(of: "’", with: "'"))
                    && !PromptClauses.lookupVerbs.contains($0.lowercased())
                    // "Did anyone from globex.example email me": who sent it is searched as from:, not as words.
                    && !["sent", "received", "got", "anyone", "anybody", "someone", "somebody", "from"].contains($0.lowercased())
                    && !terms.joined(separator: " ").lowercased().contains($0.lowercased())
                    // "my 20 most recent emails": the count before the message word sizes the read.
                    && !(qualifiedOnly && $0.allSatisfy(\.isNumber))
            }
            if !kept.isEmpty { terms.append(kept.joined(separator: " ")) }
        }
        if terms.isEmpty {
            // "Any invoices in my inbox?": the words left are what to look for.
            // "Could you kindly check my inbox": the politeness is not searched for either.
            let rest = words.subtracting(emailWords).subtracting(PromptText.stopWords).subtracting(PromptFields.leading)
                .subtracting(PromptClauses.fillers).subtracting(PromptClauses.lookupVerbs)
                .subtracting([
                    "any", "in", "find", "search", "show", "get", "list", "check", "read", "messages", "message", "from", "all", "new",
                    "of", "do", "i", "have", "is", "are", "there", "who", "me", "has", "anyone", "anybody", "someone", "week", "month",
                    "today", "yesterday", "this", "year", "did", "sent", "send", "got", "received", "my", "we", "since", "last",
                    "attachment", "attachments", "attached", "with", "latest", "newest", "recent", "recently", "most", "first",
                    "summarize", "summarise", "summary", "recap", "tell", "give", "what", "what's", "whats", "about", "go", "through",
                    "subject", "subjects", "sender", "senders", "line", "lines", "up", "view", "grab", "bring", "scan", "dig",
                    // "what did my latest email say?": what it says is read, not searched for.
                    "say", "says", "said", "write", "wrote", "writes",
                    // "emails since Monday": the day is searched by date.
                    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                ])
                // "my 20 most recent emails": the count sizes the read (maxResults); it is not searched for.
                .filter { !$0.hasSuffix("'s") && !$0.hasPrefix("user_") && !$0.allSatisfy(\.isNumber) }
                // "What did the customer say in my most recent email?": who wrote it, unnamed, is not a word of it.
                .subtracting(unnamedSpeaker(in: text).map { [$0] } ?? [])
            if (1...2).contains(rest.count) { terms.append(rest.sorted().joined(separator: " ")) }
        }
        // "this week", "yesterday": Gmail's after:/before: dates.
        if let range = PromptText.dateRange(in: text, now: now) {
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy/MM/dd"
            formatter.timeZone = TimeZone(identifier: "UTC")
            terms.append("after:\(formatter.string(from: range.start)) before:\(formatter.string(from: range.end))")
        }
        // "anything with invoice INV-1042 in it?": a reference number is what the mail holds.
        if terms.isEmpty,
            let reference = text.split(whereSeparator: \.isWhitespace).map({ $0.trimmingCharacters(in: .punctuationCharacters) })
                .first(where: { $0.rangeOfMatch(of: #"^[A-Z]{2,6}-\d{2,}$"#) != nil })
        {
            terms.append(reference)
        }
        // "the latest email in my inbox": what arrived, not what was sent (Gmail searches every label but spam and trash).
        // "what's my latest email about", "open my most recent email": the newest that arrived, too (one the user had just
        // sent was read).
        if text.rangeOfMatch(of: #"(?i)\b(?:in|from|of)\s+(?:my|the|our|their|his|her)\s+inbox\b"#) != nil
            || (opensOne && !terms.contains(where: { $0.hasPrefix("from:") || $0.hasPrefix("to:") || $0.hasPrefix("in:") })
                // "Who sent me the most recent email?": what arrived.
                && text.rangeOfMatch(of: #"(?i)\b(?:sent|wrote|outgoing|outbox|drafts?)\b(?!\s+(?:to\s+)?me\b)"#) == nil)
        {
            terms.append("in:inbox")
        }
        let search = PlannedStep(
            tool: "email", capability: "search_messages",
            input: terms.isEmpty ? [:] : ["q": .literal(.string(terms.joined(separator: " ")))],
            reason: "The prompt asks for email messages" + (terms.isEmpty ? "." : " matching \(terms.joined(separator: " "))."))
        guard opensOne else { return [search] }
        // "Open the most recent email from ann@…": the newest match, read.
        return [
            search,
            PlannedStep(
                tool: "email", capability: "read_message", input: ["id": .reference(step: index, path: "0.id")],
                reason: "The prompt asks to open the most recent matching message."),
        ]
    }

    /// The hours a part of the day names: morning until noon, afternoon until six, evening and tonight until midnight.
    static func dayPart(in words: Set<String>) -> (from: Int, to: Int)? {
        if words.contains("morning") { return (0, 12) }
        if !words.isDisjoint(with: ["afternoon", "aft", "arvo"]) { return (12, 18) }
        if !words.isDisjoint(with: ["evening", "tonight"]) { return (17, 24) }
        return nil
    }

    static func calendar(_ text: String, _ words: Set<String>, now: Date) -> [PlannedStep] {
        var input: [String: JSONInput] = [:]
        let formatter = ISO8601DateFormatter()
        let dates = text.replacingOccurrences(of: "tomorow", with: "tomorrow")
        // A named range ("next week"), else one day ("on Friday", "2026-06-03").
        // "what do I have between 9am and 11am": hours with no day are today's.
        // "what's on my cal this aft", "tomorrow morning": that part of the day (the whole calendar was read).
        let dayPart = Self.dayPart(in: words)
        let day =
            PromptText.day(in: dates, now: now)
            ?? (PromptText.timeRange(in: dates) != nil || dayPart != nil ? PromptText.day(in: "today", now: now) : nil)
        // "from 2027-03-24T00:00:00Z until 2027-03-25T00:00:00Z" (`timeMin`/`timeMax` in a call): the window as given.
        let instants = text.matchedTexts(of: #"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})(?:Z|[+-]\d{2}:\d{2})"#)
            .compactMap { formatter.date(from: $0) }
        if instants.count == 2, instants[0] < instants[1] {
            input["timeMin"] = .literal(.string(formatter.string(from: instants[0])))
            input["timeMax"] = .literal(.string(formatter.string(from: instants[1])))
        } else if var range = PromptText.dayRange(in: dates, now: now) ?? PromptText.dateRange(in: dates, now: now)
            ?? day.map({ ($0, $0.addingTimeInterval(86_400)) })
        {
            // "meetings between 2 and 4pm today": the hours of that one day, not all of it.
            if let hours = PromptText.timeRange(in: dates).map({ ($0.start.hour, $0.start.minute, $0.end.hour, $0.end.minute) })
                ?? dayPart.map({ ($0.from, 0, $0.to, 0) }), range.1.timeIntervalSince(range.0) <= 86_400
            {
                let from: Int = hours.0 * 3_600 + hours.1 * 60
                let to: Int = hours.2 * 3_600 + hours.3 * 60
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = TimeZone(identifier: "UTC")!
                let start: Date = calendar.startOfDay(for: range.0)
                if from < to { range = (start.addingTimeInterval(Double(from)), start.addingTimeInterval(Double(to))) }
            }
            input["timeMin"] = .literal(.string(formatter.string(from: range.0)))
            input["timeMax"] = .literal(.string(formatter.string(from: range.1)))
        }
        // "my next meeting", "upcoming events": from now on, in order; "the next one" is one event (the whole calendar
        // went, past events first).
        if input["timeMin"] == nil, !words.isDisjoint(with: ["next", "upcoming", "soonest"]) {
            input["timeMin"] = .literal(.string(formatter.string(from: now)))
            if words.contains("next"), !words.isDisjoint(with: ["meeting", "event", "call", "appointment", "one"]),
                words.isDisjoint(with: ["meetings", "events", "calls", "appointments"]), PromptText.count(in: text) == nil
            {
                input["maxResults"] = .literal(.number(1))
            }
        }
        if let topic = PromptText.quotedTexts(in: text).first ?? topic(in: text, after: ["about"])
            ?? subject(of: text, before: ["on", "in"])
            ?? (asksForNextEvent(words)
                ? nextEvent(in: text) ?? topic(in: text, after: ["with"]) ?? scheduledEvent(in: text) : nil)
                ?? eventAsked(in: text)
                // "what meetings do I have with ann@…": Calendar's q matches an attendee's address.
                ?? PromptText.emails(in: text).first
                // "anything on my calendar next week with Acme?": the company or person met, as written.
                ?? topic(in: text, after: ["with"]).flatMap { PartyNames.written($0) && !brands.contains($0.lowercased()) ? $0 : nil },
            !namesOnlyWhen(topic)
        {
            input["q"] = .literal(.string(topic))
        }
        return [PlannedStep(tool: "calendar", capability: "list_events", input: input, reason: "The prompt asks for calendar events.")]
    }

    /// "tomorrow's", "tomorrow", "the events tomorrow": words that say when, which the time bounds already
    /// filter by; searched as text, they found nothing (the sandbox has an event tomorrow).
    static func namesOnlyWhen(_ topic: String) -> Bool {
        let words = topic.lowercased().replacingOccurrences(of: "’", with: "'").split(whereSeparator: \.isWhitespace).map {
            String($0.hasSuffix("'s") ? $0.dropLast(2) : $0[...]).trimmingCharacters(in: .punctuationCharacters)
        }
        return words.allSatisfy { word in
            PromptText.namesTime(word) || PromptClauses.isTimeWord(word) || calendarWords.contains(word)
                || ["the", "my", "our", "all", "any", "this", "next", "week", "weekend", "month", "morning", "afternoon", "evening"]
                    .contains(word)
        }
    }

    /// "what time is the design review this week", "when's the offsite?": the time of a kind of meeting, which only the
    /// calendar knows (no tool was found).
    static func asksEventTime(_ text: String) -> Bool {
        text.rangeOfMatch(
            of: #"(?i)\b(?:when\s+is|when's|when’s|what\s+time\s+is|what\s+time's)\s+(?:the|my|our)\s+(?:[\w&'’-]+\s+){0,3}?"#
                + #"(?:review|sync|retro|retrospective|demo|kickoff|kick-off|offsite|off-site|interview|planning|call|1:1|one-on-one|huddle|"#
                + #"check-in|workshop|training|webinar|lunch|dinner|session|catch-up|catchup|briefing|all-hands|town\s+hall|party|"#
                + #"onboarding|presentation|walkthrough|stand-?up)\b(?!\s+(?:deal|invoice|subscription|payment|file|doc))"#) != nil
    }

    /// "When is Sprint planning?", "when's the offsite": the event a question asks the time of.
    static func eventAsked(in text: String) -> String? {
        // "When does the design review start …?": the event that starts.
        if let asked = text.rangeOfMatch(
            of: #"(?i)\bwhen\s+(?:does|do|will)\s+(?:the|my|our)\s+[^?.!,\n]{2,40}?\s+(?=(?:start|begin|kick\s+off)\b)"#)
        {
            let name = text[asked].replacingMatches(of: #"(?i)^when\s+\w+\s+\w+\s+"#, with: "").trimmingCharacters(in: .whitespaces)
            if !calendarWords.union(["it", "that", "this"]).contains(name.lowercased()) { return name }
        }
        guard
            let asked = ["when is ", "when's ", "when’s ", "what time is "].lazy.compactMap({
                text.range(of: $0, options: .caseInsensitive)
            }).first
        else { return nil }
        let name = topic(in: "asked " + text[asked.upperBound...], after: ["asked"])
        return name.flatMap { calendarWords.union(["it", "that", "this"]).contains($0.lowercased()) ? nil : $0 }
    }

    /// "what pdfs do i have": a kind of file is a MIME type (a prefix when it ends in `/`).
    static let fileKinds: [String: String] = [
        "pdf": "application/pdf", "pdfs": "application/pdf", "spreadsheets": "application/vnd.google-apps.spreadsheet",
        "images": "image/", "photos": "image/", "pictures": "image/", "csvs": "text/csv", "folders": "application/vnd.google-apps.folder",
        "presentations": "application/vnd.google-apps.presentation", "slides": "application/vnd.google-apps.presentation",
    ]

    /// "what type of file is 1Zx9QpLmN0rTsV": a Drive id as Drive writes them (ten characters or more, upper and lower
    /// case letters and digits mixed), named without the word "id".
    static func driveID(in text: String) -> String? {
        text.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?\"'()“”")) }
            .first { token in
                token.count >= 10 && token.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" || $0 == "-" }
                    && token.contains(where: \.isNumber) && token.contains(where: \.isUppercase) && token.contains(where: \.isLowercase)
            }
    }

    static func storage(_ text: String, _ words: Set<String>, now: Date) -> [PlannedStep] {
        if let id = PromptText.identifier(in: text, after: ["file", "id"], also: ["-"]) ?? driveID(in: text) {
            return [
                PlannedStep(
                    tool: "storage", capability: "read_file", input: ["file_id": .literal(.string(id))],
                    reason: "The prompt names the file \(id).")
            ]
        }
        // "files with contract in the name", "whose name contains invoice": a word of the name.
        let stated =
            nameContains(in: text) ?? PromptText.quotedTexts(in: text).first ?? PromptText.fileName(in: text) ?? topic(
                in: text, after: ["named", "called", "mention", "mentions", "mentioning", "about"])
            ?? subject(
                of: text, before: ["on", "in", "from"])
            ?? topic(in: text, after: ["for"])
            // "how big is the roadmap doc", "pull the Roadmap 2026 doc from Drive" (every file was listed).
            ?? qualifier(in: text, before: ["doc", "document", "spreadsheet", "sheet", "file"] + namedKinds)
        let kind = PromptText.fileName(in: text) == nil ? words.lazy.compactMap { fileKinds[$0] }.first : nil
        // "the most recently modified file", "my latest upload": newest first, not a name.
        let recency: Set<String> = [
            "most", "recently", "recent", "latest", "newest", "last", "modified", "updated", "edited", "changed", "uploaded", "added",
            "new", "the", "my",
        ]
        let newest = !words.isDisjoint(with: ["recently", "recent", "latest", "newest", "last"])
        // "find all PDFs in my drive": the kind of file, which the MIME type filters by, is not a word of the name.
        let kindWords = recency.union(fileKinds.keys).union(["all", "any", "every", "files", "file", "of"])
        let name = stated.flatMap { named in
            let namedWords = named.lowercased().split(separator: " ").map(String.init)
            return namedWords.allSatisfy(recency.contains) || (kind != nil && namedWords.allSatisfy(kindWords.contains)) ? nil : named
        }
        let clauses =
            (name.map { ["name contains '\($0.replacingOccurrences(of: "'", with: ""))'"] } ?? [])
            + (kind.map { [$0.hasSuffix("/") ? "mimeType contains '\($0)'" : "mimeType = '\($0)'"] } ?? [])
            + modified(in: text, now: now)
        var input: [String: JSONInput] = clauses.isEmpty ? [:] : ["q": .literal(.string(clauses.joined(separator: " and ")))]
        // "modified in the last 7 days, newest first": the period, in that order.
        let ordered =
            text.rangeOfMatch(of: #"(?i)\b(?:newest|latest|most recent|recent)\s+(?:first|on top)\b"#) != nil
        if ordered { input["orderBy"] = .literal(.string("modifiedTime desc")) }
        if newest, PromptText.dateRange(in: text, now: now) == nil {
            input["orderBy"] = .literal(.string("modifiedTime desc"))
            // "the latest file": that one; "the latest files", "the last 5 files": a page of them.
            if words.contains("file") || words.contains("doc") || words.contains("document"), !words.contains("files") {
                input["pageSize"] = .literal(.number(1))
            } else if let count = PromptText.count(in: text) {
                input["pageSize"] = .literal(.number(Double(count)))
            }
        }
        return [
            PlannedStep(
                tool: "storage", capability: "list_files", input: input,
                reason: "The prompt asks for files" + (name.map { " named like \"\($0)\"." } ?? "."))
        ]
    }

    /// "modified this week", "files from last month", "uploaded today": Drive's query on when a file last
    /// changed (the only time it filters by), from the period's start up to its end.
    static func modified(in text: String, now: Date) -> [String] {
        guard let range = PromptText.dateRange(in: text, now: now) else { return [] }
        let formatter = ISO8601DateFormatter()
        return ["modifiedTime >= '\(formatter.string(from: range.start))'", "modifiedTime < '\(formatter.string(from: range.end))'"]
    }

    /// "including archived", "incl. archived", "archived ones too": Slack's `exclude_archived` off.
    static func includesArchived(_ text: String) -> Bool {
        text.rangeOfMatch(
            of: #"(?i)\b(?:includ\w*|incl\.?|with|even|also|and|plus)\s+(?:the\s+)?archived\b"#
                + #"|\barchived\s+(?:ones\s+|channels\s+)?(?:too|as\s+well)\b"#) != nil
    }

    /// Nil when the text only names the chat (a destination, "connect to the team chat").
    static func chat(_ text: String, _ words: Set<String>, index: Int, now: Date) -> [PlannedStep]? {
        let channel = PromptText.channel(in: text) ?? channelWord(in: text)
        let conversation: Set<String> = [
            "messages", "said", "say", "read", "history", "conversation", "lately", "latest", "recent", "post", "posted", "talking",
            "discussed", "discussing", "catch", "happening", "going", "updates", "news", "saying", "talked", "chatting", "discussion",
            "new", "talk", "discuss", "mentioned", "posting", "posts", "message", "newest", "wrote", "written", "summarize",
            "summarise", "summary", "recap", "digest", "happened", "write", "writing", "shared", "share", "asked", "ask",
        ]
        guard let channel else {
            // "for each channel, how many members": every channel is all of them; "which channel has the most members":
            // all of them, compared.
            let everyChannel: Set<String> = ["each", "every", "per", "most", "biggest", "largest", "fewest", "smallest", "least"]
            // "Grab the Slack channel list": the channels.
            guard
                words.contains("channels") || (words.contains("channel") && !words.isDisjoint(with: everyChannel))
                    || text.rangeOfMatch(of: #"(?i)\bchannel\s+(?:list|directory|overview)\b"#) != nil
            else {
                return nil
            }
            // "excluding archived ones", "archived ones too": Slack's own switch.
            var input: [String: JSONInput] = [:]
            if includesArchived(text) {
                input["exclude_archived"] = .literal(.bool(false))
            } else if words.contains("archived") {
                input["exclude_archived"] = .literal(.bool(true))
            }
            return [
                PlannedStep(tool: "chat", capability: "list_channels", input: input, reason: "The prompt asks for the chat's channels.")
            ]
        }
        let find = PlannedStep(
            tool: "chat", capability: "find_channel", input: ["name": .literal(.string(channel))],
            reason: "The prompt names the #\(channel) channel.")
        guard !words.isDisjoint(with: conversation) else { return [find] }
        // list_messages takes the channel's id (Slack's conversations.history), so the name is found first.
        var input: [String: JSONInput] = ["channel": .reference(step: index, path: "0.id")]
        // "the latest message in #sales": that one message, not the channel's page of them.
        // "who posted last in #eng": its newest message's author.
        let latest = !words.isDisjoint(with: ["latest", "last", "newest", "recent"])
        // "Copy the last message in #announcements into a file": one message, whatever else the part reads as.
        let oneMessage = text.rangeOfMatch(of: #"(?i)\b(?:latest|last|newest|most\s+recent)\s+(?:slack\s+)?message\b"#) != nil
        if latest, oneMessage || (!words.contains("messages") && (words.contains("message") || words.contains("who"))) {
            input["limit"] = .literal(.number(1))
        }
        input.merge(postedWithin(text, now: now)) { _, new in new }
        return [
            find,
            PlannedStep(tool: "chat", capability: "list_messages", input: input, reason: "The prompt asks for #\(channel)'s messages."),
        ]
    }

    /// "yesterday's messages", "what was said this week": conversations.history's `oldest` and
    /// `latest` (Unix seconds), the part of the period that has begun (a period still to come bounds nothing).
    static func postedWithin(_ text: String, now: Date) -> [String: JSONInput] {
        guard let range = PromptText.dateRange(in: text, now: now), range.start < now else { return [:] }
        let seconds = { (date: Date) in JSONInput.literal(.string(String(Int(date.timeIntervalSince1970)))) }
        return range.end < now ? ["oldest": seconds(range.start), "latest": seconds(range.end)] : ["oldest": seconds(range.start)]
    }

    /// "on the Business plan", "Team plan subscribers": the plan subscriptions are kept to.
    static func subscriptionPlan(in text: String) -> String? {
        let named =
            text.captured(of: #"(?i)\bon\s+(?:the\s+|a\s+)?([\w-]+)\s+(?:plan|tier)\b"#, group: 1)
            ?? text.captured(of: #"(?i)\b([\w-]+)\s+(?:plan|tier)\s+(?:subscriptions|subs|subscribers|customers|users)\b"#, group: 1)
        let generic: Set<String> = [
            "which", "what", "same", "their", "his", "her", "its", "our", "my", "a", "the", "this", "that", "current", "new", "old",
            "monthly", "annual", "yearly", "each", "every", "any", "one", "payment", "pricing", "subscription", "billing",
        ]
        guard let named, !generic.contains(named.lowercased()), !named.allSatisfy(\.isNumber) else { return nil }
        return named.prefix(1).uppercased() + named.dropFirst()
    }

    /// "the engineering channel" → "engineering".
    static func channelWord(in text: String) -> String? {
        let tokens = text.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        guard let index = tokens.firstIndex(of: "channel") else { return nil }
        // "a channel called marketing"
        if index + 2 < tokens.count, ["called", "named"].contains(tokens[index + 1]) { return tokens[index + 2] }
        // "each channel", "which channel": a word that picks channels, not a name.
        let pickers: Set<String> = [
            "the", "a", "slack", "chat", "this", "that", "team", "our", "my", "each", "every", "which", "what", "any", "per",
        ]
        // "our Slack channel for billing": the channel's topic is its name.
        let picked = index > 0 && pickers.contains(tokens[index - 1])
        // ("post this in a channel for me": for whom, not which.)
        if index == 0 || picked, index + 2 < tokens.count, ["for", "about"].contains(tokens[index + 1]),
            !pickers.contains(tokens[index + 2]), !objectWordsOrNumbers(tokens[index + 2]),
            !["me", "us", "you", "them", "him", "her", "everyone"].contains(tokens[index + 2])
        {
            return tokens[index + 2]
        }
        guard index > 0 else { return nil }
        let word = tokens[index - 1]
        return pickers.contains(word) ? nil : word
    }

    static func objectWordsOrNumbers(_ word: String) -> Bool {
        PromptClauses.objectWords.contains(word) || !word.allSatisfy { $0.isLetter || $0 == "-" }
    }

    static func business(_ text: String, _ words: Set<String>, _ request: PlanningRequest, index: Int) -> [PlannedStep] {
        let lower = text.lowercased()
        var steps: [PlannedStep] = []
        let invoiceWords: Set<String> = ["invoice", "invoices", "bill", "bills", "billing", "receipts", "charges"]
        // "the last 5 invoices": several of the newest, a list; "the last invoice": the one.
        // "paid invoices from last month": a period, not the latest one.
        let period =
            text.rangeOfMatch(of: #"\blast\s+(?:month|week|year|quarter|\d+\s+days)\b"#, options: .caseInsensitive) != nil
        let wantsLatest =
            // "who owes us the most": a comparison, not the latest one ("most recently" is).
            (["latest", "recent", "recently", "newest"].contains { words.contains($0) } || (words.contains("last") && !period))
            && (PromptText.count(in: text) ?? 1) == 1
        // "look up payment pi_3Nq…", "did pi_5TgHjK go through?": that payment (a refund of it reads it as an action's part).
        if let payment = PromptText.identifier(in: text, prefixes: ["pi_"]), has(request, "payments"),
            request.catalog.tool("payments")?.capability("get_payment") != nil,
            words.isDisjoint(with: ["refund", "refunds", "invoice", "invoices"])
        {
            return [
                PlannedStep(
                    tool: "payments", capability: "get_payment", input: ["id": .literal(.string(payment))],
                    reason: "The prompt asks about the payment \(payment).")
            ]
        }
        // "… when their subscription renews. Customer id: cus_Q2nB7vHc4Lx9.": the one customer the prompt names elsewhere.
        let named = Set(
            request.prompt.split(whereSeparator: \.isWhitespace).map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?\"'()“”"))
            }
            .filter { $0.hasPrefix("cus_") && $0.count > 4 })
        let customer = PromptText.identifier(in: text, prefixes: ["cus_"]) ?? (named.count == 1 ? named.first : nil)
        var customerInput: [String: JSONInput] = customer.map { ["customer": .literal(.string($0))] } ?? [:]
        let billing =
            !invoiceWords.isDisjoint(with: words) || words.contains(where: { $0.hasPrefix("subscri") })
            || !words.isDisjoint(with: ["plan", "plans", "owe", "owes", "pay", "pays", "paying", "paid"])
        // "send diego@… a copy of his last invoice", "Reply to Emma at emma@… with her latest invoice": "his" and "her" are the
        // one person written to (the newest invoice of anyone was sent to them).
        let addresses = PromptText.emails(in: request.prompt)
        // (Not "the customer with email lena@… and list her subscriptions", found already; nor a person named in full, found by
        // name.)
        let writtenTo = addresses.first.map { address in
            let escaped = NSRegularExpression.escapedPattern(for: address)
            return request.prompt.rangeOfMatch(
                of:
                    #"(?i)(?<!\bwith\s)\b(?:e-?mail|send|reply\s+to|write\s+to|forward(?:\s+it)?\s+to|mail)\s+(?:[\p{L}'’-]+\s+){0,3}?(?:at\s+)?"#
                    + escaped + #"|\b(?:to|at)\s+"# + escaped) != nil
        }
        let theirs =
            addresses.count == 1 && writtenTo == true && customerName(in: text) == nil
                && PartyNames.fullNames(in: request.prompt).isEmpty
                && text.rangeOfMatch(
                    of: #"(?i)\b(?:his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:invoices?|subscriptions?|plan|balance|payments?|bill)\b"#) != nil
            ? addresses.first : nil
        // "the latest invoice for emma@…", "what plan is chloe@… on": the customer with that address first.
        if customer == nil, billing, let email = PromptText.emails(in: text).first ?? theirs, has(request, "payments") {
            steps.append(
                PlannedStep(
                    tool: "payments", capability: "list_customers", input: ["email": .literal(.string(email))],
                    reason: "The prompt names the customer \(email); find their id first."))
            customerInput = ["customer": .reference(step: index, path: "0.id")]
        } else if customer == nil, billing || lookedUpInPayments(words), let name = customerName(in: text), has(request, "payments") {
            // "Emma Silva's subscription", "invoices for Globex": the customer of that name, or a not_found listing them.
            steps.append(
                PlannedStep(
                    tool: "payments", capability: "list_customers", input: [:],
                    keep: [OutputCondition(path: "name", op: .equals, value: .string(name))],
                    reason: "The prompt names the customer \(name); find their id first."))
            customerInput = ["customer": .reference(step: index, path: "0.id")]
        }
        // "who owes us money?": the open invoices.
        // "how much do customers owe us in total?": theirs too.
        let owing =
            !words.isDisjoint(with: ["owe", "owes"])
            && (!steps.isEmpty || !words.isDisjoint(with: ["who", "much", "total", "customers", "clients", "everyone", "anyone"]))
        // "a subscription's next billing date" is the subscription's, not an invoice.
        let subscription =
            (words.contains { $0.hasPrefix("subscri") } || !words.isDisjoint(with: ["plan", "plans"]))
            && invoiceWords.intersection(words) == ["billing"]
        // "the payments we got last week", "payments received this month": money in, which is paid invoices.
        // "How much did Kowalski & Partners pay us in total this year?": what they paid, which is their paid invoices (it read
        // their subscriptions, as "how much do they pay per year" asks).
        let paidSoFar =
            !words.isDisjoint(with: ["pay", "paid"]) && !words.isDisjoint(with: ["much", "total"])
            && (!words.isDisjoint(with: ["did", "has", "have", "had", "total"]) || words.contains("paid"))
            && words.isDisjoint(with: ["per", "monthly", "yearly", "annually", "plan"])
        let received =
            (!words.isDisjoint(with: ["payments", "payment"])
                && !words.isDisjoint(with: ["got", "received", "receive", "came", "collected", "incoming", "taken"])) || paidSoFar
        if !invoiceWords.isDisjoint(with: words) && !subscription || owing || received, has(request, "payments") {
            if wantsLatest {
                steps.append(
                    PlannedStep(
                        tool: "payments", capability: "latest_invoice", input: customerInput,
                        reason: "The prompt asks for the latest invoice."))
            } else {
                // "invoice in_1042", "INV-1042": that one invoice.
                let number = text.split(whereSeparator: \.isWhitespace).map {
                    $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:!?\"'()"))
                }
                .first { $0.rangeOfMatch(of: #"^[A-Za-z]{2,5}-[0-9]{2,}$"#) != nil }
                // "Return amount due and status for invoice INV-20931": the one invoice named, whatever its status
                // (kept to open ones, a paid INV-20931 was not found); "amount due" is a field, not a status.
                let named = number != nil || PromptText.identifier(in: text, prefixes: ["in_"]) != nil
                let status =
                    named
                    ? nil
                    : ["open", "paid", "unpaid", "outstanding", "due", "overdue", "owe", "owes"].first {
                        words.contains($0) && !Self.asksWhether($0, in: lower) && !($0 == "due" && lower.contains("amount due"))
                    }.map {
                        $0 == "paid" ? "paid" : "open"
                    } ?? (received ? "paid" : nil)
                // "overdue", "past due": open and due before now; Stripe's open invoices include those not due yet.
                let overdue =
                    (words.contains("past") && words.contains("due")) || !words.isDisjoint(with: ["overdue", "delinquent", "late"])
                let bounds =
                    AmountFilters.conditions(in: text, path: "amount_due", cents: true)
                    + (overdue && status != "paid"
                        ? [OutputCondition(path: "due_date", op: .before, value: .string(ISO8601DateFormatter().string(from: request.now)))]
                        : [])
                let keep =
                    PromptText.identifier(in: text, prefixes: ["in_"]).map {
                        [OutputCondition(path: "id", op: .equals, value: .string($0))]
                    }
                    ?? number.map { [OutputCondition(path: "number", op: .equals, value: .string($0))] }
                    // "paid invoices from last month", "invoices due this week": the period on the date it names.
                    ?? nonEmpty(bounds + created(lower, path: words.contains("due") && !overdue ? "due_date" : "created", now: request.now))
                steps.append(
                    PlannedStep(
                        tool: "payments", capability: "list_invoices",
                        input: customerInput.merging(status.map { ["status": .literal(.string($0))] } ?? [:]) { $1 }, keep: keep,
                        reason: "The prompt asks for invoices"
                            + (keep == nil ? "." : keep?.first?.op == .equals ? ", kept to the one it names." : ", filtered as it says.")))
            }
        } else if words.contains(where: { $0.hasPrefix("subscri") || $0 == "plans" || $0 == "plan" })
            || (!words.isDisjoint(with: ["pay", "pays", "paying"]) && !words.isDisjoint(with: ["month", "monthly", "year", "yearly"])),
            has(request, "payments")
        {
            let pastDue = (words.contains("past") && words.contains("due")) || !words.isDisjoint(with: ["overdue", "delinquent", "late"])
            let status =
                words.contains("canceled") || words.contains("cancelled")
                ? "canceled"
                : pastDue
                    ? "past_due"
                    : words.contains("trialing") || words.contains("trial")
                        ? "trialing" : (words.contains("all") || !steps.isEmpty) && !words.contains("active") ? "all" : "active"
            // "active subs on the Business plan": kept to that plan.
            let plan = subscriptionPlan(in: text)
            steps.append(
                PlannedStep(
                    tool: "payments", capability: "list_subscriptions",
                    input: customerInput.merging(["status": .literal(.string(status))]) { $1 },
                    keep: plan.map { [OutputCondition(path: "plan.nickname", op: .equals, value: .string($0))] },
                    reason: "The prompt asks for \(status) subscriptions" + (plan.map { " on the \($0) plan." } ?? ".")))
        } else if steps.isEmpty,
            words.contains("customers")
                // "the customer list", "our client list".
                || ["customer list", "client list", "customer base", "list of clients"].contains(where: { lower.contains($0) })
                // "look up diego@… in Stripe": a customer by address.
                || (!words.isDisjoint(with: ["customer", "stripe", "payments"]) && !PromptText.emails(in: text).isEmpty)
                // "which customer signed up most recently", "our newest customer": one picked from them all.
                || lower.rangeOfMatch(
                    of: #"\b(?:which|what)\s+customer\b|\b(?:newest|latest|oldest|earliest|first|last|most\s+recent)\s+customer\b"#) != nil,
            has(request, "payments")
        {
            let email = PromptText.emails(in: text).first
            // "Which customers signed up this month?": those created in the period (every customer was listed).
            let joined =
                lower.rangeOfMatch(
                    of: #"\b(?:signed\s+up|sign-?ups?|joined|created|added|became\s+(?:a\s+)?customers?|onboarded)\b|\bnew\s+customers\b"#)
                != nil
            let period = joined ? created(lower, path: "created", now: request.now) : []
            steps.append(
                PlannedStep(
                    tool: "payments", capability: "list_customers", input: email.map { ["email": .literal(.string($0))] } ?? [:],
                    keep: period.isEmpty ? nil : period, reason: "The prompt asks for customers."))
        }

        if words.contains(where: { ["deal", "deals", "pipeline", "opportunities", "opportunity"].contains($0) }), has(request, "crm") {
            // "Which deals with Initech are still open?": the deals searched, kept to open ones (every one was listed).
            let state = dealState(words, lower)
            if let query = searchQuery(text, stageWord: true) {
                steps.append(
                    PlannedStep(
                        tool: "crm", capability: "search_deals", input: ["query": .literal(.string(query))],
                        keep: state.map { [$0] }, reason: "The prompt looks for deals matching \(query)."))
            } else {
                var keep: [OutputCondition] = state.map { [$0] } ?? []
                // "deals that close this month" filter on the close date, "created this month" on the creation date.
                let closing = !words.isDisjoint(with: ["close", "closes", "closing", "closed"])
                keep += created(lower, path: closing ? "properties.closedate" : "properties.createdate", now: request.now)
                keep += record(identified: "deal", in: text)
                keep += AmountFilters.conditions(in: text, path: "properties.amount", cents: false)
                steps.append(
                    PlannedStep(
                        tool: "crm", capability: "list_deals", input: [:], keep: keep.isEmpty ? nil : keep,
                        reason: "The prompt asks for CRM deals" + (keep.isEmpty ? "." : ", filtered as it says.")))
            }
        } else if words.contains(where: { ["contact", "contacts", "leads", "lead", "people", "anyone", "lifecycle"].contains($0) })
            // "who do we know at Initech?"
            || (words.contains("who") && topic(in: text, after: ["at", "from"])?.first?.isUppercase == true)
            // "who got added to the crm lately?": people are the CRM's contacts.
            || (!words.isDisjoint(with: ["who", "whom", "someone", "somebody"]) && !words.isDisjoint(with: ["crm", "hubspot"]))
            // "the email address of Lena Park": a person named in full, with something a contact holds.
            // Not "the latest invoice for Oakridge Dental: number, total …": the invoice's number.
            // Nor "Emma Silva's latest invoice number": the number is the invoice's, not her phone.
            || (!PromptText.words(text).subtracting(
                aboutInvoices(text)
                    && (possessor(in: text) == nil || text.rangeOfMatch(of: #"(?i)\binvoice\s+(?:number|no\.?|#)"#) != nil)
                    ? ["number"] : []
            ).isDisjoint(with: contactFieldWords)
                && (properName(in: text)?.contains(" ") == true || possessor(in: text) != nil))
            || (!words.isDisjoint(with: ["crm", "hubspot"]) && searchQuery(text, stageWord: false) != nil), has(request, "crm")
        {
            if let query = searchQuery(text, stageWord: false) {
                steps.append(
                    PlannedStep(
                        tool: "crm", capability: "search_contacts", input: ["query": .literal(.string(query))],
                        reason: "The prompt looks for contacts matching \(query)."))
            } else {
                let keep =
                    created(lower, path: "properties.createdate", now: request.now) + record(identified: "contact", in: text)
                    + (lifecycleStage(in: text).map {
                        [OutputCondition(path: "properties.lifecyclestage", op: .equals, value: .string($0))]
                    }
                        ?? [])
                steps.append(
                    PlannedStep(
                        tool: "crm", capability: "list_contacts", input: [:], keep: keep.isEmpty ? nil : keep,
                        reason: "The prompt asks for CRM contacts" + (keep.isEmpty ? "." : ", created in the period it names.")))
            }
        }
        return steps
    }

    /// "look up Ben Carter in Stripe", "find the customer Emma Silva": a customer named for a look-up.
    static func lookedUpInPayments(_ words: Set<String>) -> Bool {
        !words.isDisjoint(with: ["stripe", "customer", "payments"])
            && !words.isDisjoint(with: ["look", "lookup", "find", "search", "locate"])
    }

    /// A customer named by a possessive, after "for"/"from"/"of", or in full ("What did Ben Chen pay"),
    /// capitalised, not a brand or a month.
    static func customerName(in text: String) -> String? {
        // "acting for user_123: find invoices for Globex": a later "for" names the customer when the first does not.
        let topics = marked(text, by: ["for", "from", "of"]).compactMap { topic(in: $0, after: ["for", "from", "of"]) }
        let subject = questionSubject(in: text) ?? creditor(in: text)
        let named =
            possessor(in: text) ?? topics.first(where: isCustomerName)
            // "what did the latest invoice for Acme come to": the capitalised name, without the question's verb.
            ?? topics.lazy.compactMap(capitalisedLead).first(where: isCustomerName) ?? topics.first ?? subject
            ?? holder(in: text)
            ?? properName(in: text).flatMap { name in
                let words = name.lowercased().split(separator: " ").map(String.init)
                return words.count > 1 && words.allSatisfy { !PromptClauses.knownNouns.contains($0) } ? name : nil
            }
        if let named, isCustomerName(named) { return named }
        // "did acme pay their last invoice?", "the latest invoice for globex, how much": a name in lower case where
        // only a party's name stands; unfiltered, another customer's invoice was shown as theirs.
        return ([subject] + lowerCaseTopics(in: text)).compactMap { $0 }.first(where: isLowerCaseParty)
    }

    /// "did i email ana yesterday?", "have we written to Ben Carter": whom the user's own mail went to.
    static func mailedBySelf(in text: String) -> String? {
        let tokens = text.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: PartyNames.edges) }
        let verbs: Set<String> = ["email", "emailed", "mail", "mailed", "write", "wrote", "written", "message", "messaged", "send", "sent"]
        guard
            let verb = tokens.indices.dropFirst().first(where: { index in
                verbs.contains(tokens[index].lowercased()) && ["i", "we"].contains(tokens[index - 1].lowercased())
            })
        else { return nil }
        let after = tokens[(verb + 1)...].drop { $0.lowercased() == "to" }
        guard let name = after.first, PartyNames.word(name), name.allSatisfy(\.isLetter),
            !PartyNames.openers.contains(name.lowercased()), !PromptText.namesTime(name.lowercased()),
            !["anyone", "someone", "everyone", "them", "him", "her", "back", "about", "yesterday", "last"].contains(name.lowercased())
        else { return nil }
        return name.lowercased()
    }

    /// "paid or not", "whether it's been paid", "is it paid": the state is asked for, not a filter.
    static func asksWhether(_ state: String, in lower: String) -> Bool {
        [
            "\(state) or not", "\(state) or unpaid", "\(state) or open", "is it \(state)", "was it \(state)", "whether \(state)",
            "whether it's \(state)", "whether it is \(state)", "whether it's been \(state)", "whether it has been \(state)",
        ].contains { lower.contains($0) }
    }

    /// "we owe Initech twelve hundred euros", "I owe Baker & Sons a refund": whom money is owed to.
    static func creditor(in text: String) -> String? {
        let tokens = text.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: PartyNames.edges) }
        guard
            let owe = tokens.indices.dropFirst().first(where: { index in
                ["owe", "owes"].contains(tokens[index].lowercased()) && ["we", "i", "you"].contains(tokens[index - 1].lowercased())
            })
        else { return nil }
        let name = tokens[(owe + 1)...].prefix(4).prefix {
            $0 == "&" || (PartyNames.word($0) && PromptText.numberWords[$0.lowercased()] == nil)
        }
        let trimmed = Array(name.reversed().drop { $0 == "&" }.reversed())
        return trimmed.isEmpty ? nil : trimmed.joined(separator: " ")
    }

    /// "for globex," "for globex?": one word after "for" or "from" that ends the part or a phrase.
    static func lowerCaseTopics(in text: String) -> [String] {
        let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        return tokens.indices.compactMap { index in
            guard index > 0, ["for", "from"].contains(tokens[index - 1].lowercased()) else { return nil }
            let word = tokens[index]
            let ends = index == tokens.count - 1 || word.last.map { ",;:?!.".contains($0) } == true || tokens[index + 1] == "-"
            return ends ? word.trimmingCharacters(in: PartyNames.edges) : nil
        }
    }

    /// A firm's name written in lower case: at most three words, none a word the planner knows otherwise
    /// ("for me", "for review", "for december", "did we pay").
    static func isLowerCaseParty(_ name: String) -> Bool {
        let words = name.lowercased().split(separator: " ").map(String.init)
        let common: Set<String> = [
            "me", "us", "them", "him", "her", "review", "approval", "payment", "payments", "everyone", "everybody", "someone",
            "anyone", "nobody", "each", "every", "now", "real", "sure", "free", "you", "yourself", "myself", "ourselves", "team",
            "company", "work", "that", "this", "these", "those", "it", "here", "there", "later", "reference", "records", "record",
            "been", "being", "already", "yet", "still", "fully", "partly",
            // "the next subscription up for renewal": what it is up for.
            "renewal", "renewals", "cancellation", "billing", "collection", "collections", "signature", "sale",
        ]
        return (1...3).contains(words.count) && !name.lowercased().hasPrefix("user")
            && words.allSatisfy { word in
                PartyNames.word(word) && word.count >= 3 && !common.contains(word) && !PartyNames.openers.contains(word)
                    && !PromptClauses.knownNouns.contains(word) && !PromptClauses.fillers.contains(word)
                    && !PromptClauses.readVerbs.contains(word) && PromptClauses.actionVerbs[word] == nil && !brands.contains(word)
                    && !PromptText.namesTime(word) && !PromptText.months.contains(word) && PromptText.numberWords[word] == nil
                    && !FieldName.recordNouns.contains(word) && !questionVerbs.contains(word)
            }
    }

    /// "Acme come" → "Acme", "Baker & Sons said" → "Baker & Sons": the words written as a name that open a topic.
    static func capitalisedLead(_ topic: String) -> String? {
        let words = topic.split(separator: " ").prefix { $0 == "&" || $0.first?.isUppercase == true || $0.first?.isNumber == true }
        let name = words.reversed().drop { $0 == "&" }.reversed().joined(separator: " ")
        return name.isEmpty || name == topic ? nil : name
    }

    /// Written as a customer's name: capitalised (or a digit first, "3M"), not an end user, a brand or a time.
    static func isCustomerName(_ named: String) -> Bool {
        !named.lowercased().hasPrefix("user") && (named.first?.isUppercase == true || named.first?.isNumber == true)
            && PartyNames.written(named)
            && !named.split(separator: " ").contains(where: { brands.contains($0.lowercased()) || PromptText.namesTime($0.lowercased()) })
    }

    /// The text from each word of `markers` on, in order ("… for user_123: … for Globex" → two).
    static func marked(_ text: String, by markers: Set<String>) -> [String] {
        let tokens = text.split(whereSeparator: \.isWhitespace)
        return tokens.indices.filter { markers.contains(tokens[$0].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ":"))) }
            .prefix(5).map { tokens[$0...].joined(separator: " ") }
    }

    /// "What subscription is Baker & Sons on?", "which plan are Acme on": whom the plan belongs to.
    static func holder(in text: String) -> String? { planHolder(in: text) ?? billedHolder(in: text) }

    /// "When does the Brightwave subscription renew?", "our Initech invoices": a one-word name before what is billed to it
    /// (every customer's subscription was read). Not a plan's own name ("the Pro subscription") or a month's.
    static func billedHolder(in text: String) -> String? {
        guard
            let range = text.rangeOfMatch(
                of: #"\b(?i:the|my|our|their)\s+\p{Lu}[\w&'’.-]+(?=\s+(?i:subscriptions?|invoices?|payments?|account|billing)\b)"#)
        else { return nil }
        let name = String(text[range].split(separator: " ").last ?? "")
        let plans: Set<String> = [
            "pro", "basic", "premium", "enterprise", "starter", "business", "team", "plus", "annual", "monthly", "yearly", "free", "trial",
            "standard", "growth", "scale", "gold", "silver", "platinum", "stripe", "latest", "last", "next", "open", "unpaid", "active",
        ]
        let lower = name.lowercased()
        guard !plans.contains(lower), !PromptText.namesTime(lower), !PromptText.months.contains(lower), !brands.contains(lower),
            !PromptClauses.knownNouns.contains(lower), PartyNames.written(name)
        else { return nil }
        return name
    }

    static func planHolder(in text: String) -> String? {
        let tokens = text.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: PartyNames.edges) }
        guard
            let verb = tokens.indices.dropFirst().first(where: { index in
                ["is", "are"].contains(tokens[index].lowercased())
                    && ["plan", "subscription", "tier", "package"].contains(tokens[index - 1].lowercased())
            }),
            let on = tokens[(verb + 1)...].prefix(6).firstIndex(where: { $0.lowercased() == "on" }), on > verb + 1
        else { return nil }
        let name = tokens[(verb + 1)..<on].joined(separator: " ")
        return PartyNames.written(name) ? name : nil
    }

    static let contactFieldWords: Set<String> = ["email", "phone", "lifecycle", "company", "address", "number", "title"]

    /// Whether the text is about invoices or payments, whose records have a number of their own.
    static func aboutInvoices(_ text: String) -> Bool {
        !PromptText.words(text).isDisjoint(with: ["invoice", "invoices", "invoice's", "payment", "payments", "receipt", "order"])
    }

    /// "whats kira's email", "Maya Chen's phone", "Fenwick & Daughters' plan", "3M's invoices": the person
    /// or firm a possessive names (not "today's", "user_1's", "HubSpot's", "the users'").
    static func possessor(in text: String) -> String? {
        let tokens = text.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:!?\"()")) }
        let owners: Set<String> = [
            "what", "who", "it", "that", "there", "here", "he", "she", "let", "today", "tomorrow", "yesterday", "everyone", "team",
            "company", "deal", "contact", "customer", "month", "week", "year", "where", "how", "when", "today’s",
        ]
        for (index, token) in tokens.enumerated() {
            let stem = token.replacingOccurrences(of: "’", with: "'")
            // "Fenwick & Daughters' subscription": the plural's possessive, a name only when capitalised.
            let plural = stem.hasSuffix("s'") && stem.first?.isUppercase == true
            guard stem.lowercased().hasSuffix("'s") || plural else { continue }
            let name = String(stem.dropLast(plural ? 1 : 2))
            let lower = name.lowercased()
            guard name.count > 1, PartyNames.word(name), !owners.contains(lower), !brands.contains(lower),
                !PromptClauses.knownNouns.contains(lower), !PromptText.namesTime(lower)
            else { continue }
            return PartyNames.run(ending: name, before: tokens[..<index])
        }
        return nil
    }

    /// What a CRM search looks for: an email, quoted text, a proper name, "at/from Globex",
    /// "in the contractsent stage".
    /// Words before a record word that describe it rather than name it ("the open deal", "our latest deal").
    static let recordAdjectives: Set<String> = PromptClauses.objectWords.union([
        "the", "a", "an", "my", "our", "their", "open", "won", "lost", "latest", "new", "biggest", "largest", "last", "find", "up",
        "for", "me", "us", "that", "this", "search", "look", "locate", "lookup", "closed", "active", "current", "old", "any", "is", "of",
        "much", "how", "what", "what's", "whats", "when", "which", "show", "get", "about", "on", "in", "at", "with", "and",
    ])

    /// What a CRM search looks for, without a possessive ("Update Initech's deal amount" looks for Initech).
    static func searchQuery(_ text: String, stageWord: Bool) -> String? {
        writtenSearchQuery(text, stageWord: stageWord).map(PromptText.withoutPossessive)
    }

    /// "12k", "1.5m", "40K": an amount written short, never a name ("3M" is, with its capital M).
    static func amountLike(_ token: String) -> Bool {
        token.rangeOfMatch(of: #"^\d+(?:[.,]\d+)?(?:k|K|m|mm|bn)$"#) != nil
    }

    static func writtenSearchQuery(_ text: String, stageWord: Bool) -> String? {
        let words = PromptText.words(text)
        // "who is hannah becker in crm": a person asked about by name, in lower case as people type it (every contact was listed).
        if !stageWord,
            let match = text.rangeOfMatch(
                of: #"(?i)\bwho(?:'s|’s|\s+is)\s+[a-z][\w'’-]+(?:\s+[a-z][\w'’-]+){0,2}"#
                    + #"(?=\s+(?:in|on|from)\s+(?:the\s+|our\s+|my\s+)?(?:crm|hubspot)\b)"#)
        {
            let name = text[match].split(whereSeparator: \.isWhitespace).drop { ["who", "who's", "who’s", "is"].contains($0.lowercased()) }
            if !name.isEmpty { return name.joined(separator: " ") }
        }
        // "what stage is deal 2007 in?": a deal by its id, which the list keeps to (its stage was read as "deal 2007 in",
        // searched as "deal2007").
        if stageWord, text.rangeOfMatch(of: #"(?i)\bdeal\s+(?:id\s+|#)?\d+\b"#) != nil,
            PromptText.quotedTexts(in: text).isEmpty
        {
            return nil
        }
        if !stageWord, !PromptText.words(text).isDisjoint(with: contactFieldWords), let person = possessor(in: text) { return person }
        // "Find Grace Silva at Acme in HubSpot": the person, where they work said only to tell her apart (Acme's first contact
        // was emailed).
        if !stageWord,
            let person = text.captured(
                of: #"(?i:\b(?:find|look\s+up|lookup|search\s+for|pull\s+up|get)\s+)(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,2})"#
                    + #"\s+(?i:at|from)\s+\p{Lu}"#, group: 1)
        {
            return person
        }
        // "ben@initech.example's phone number in HubSpot": a contact by address.
        if !stageWord, !words.isDisjoint(with: contactFieldWords.union(["crm", "hubspot", "contact"])),
            let address = PromptText.emails(in: text).first
        {
            return address
        }
        // "deals related to Hooli", "contacts at acme": what follows the record word names the search; "deals mentioning
        // Acme", "that mention Initech": the name mentioned (the whole phrase was sent as the query).
        if let named = topic(
            in: text.replacingOccurrences(of: "related to ", with: "related "),
            after: ["related", "regarding", "involving", "mentioning", "mention", "mentions", "concerning", "referencing", "matching"])
        {
            return named
        }
        // "Her contact Marcus Greene … now works at Fabrikam": the person the record word names, not where they work.
        if let person = personAfterRecord(in: text) { return person }
        if let deal = dealAfterRecord(in: text) { return deal }
        if let company = companyAfterRecord(in: text) ?? questionSubject(in: text) { return company }
        // "contacts at Umbrella", "anyone from Initech": a company names the search by itself.
        // "(Hattie, partnerships lead at a book distributor) asked which contacts we have at Quillfeather Press": the
        // capitalised one, wherever it stands.
        if let company = marked(text, by: ["at", "from", "with"]).lazy.compactMap({ topic(in: $0, after: ["at", "from", "with"]) })
            .first(where: { $0.first?.isUppercase == true && !brands.contains($0.split(separator: " ")[0].lowercased()) })
        {
            return company
        }
        // "the Hooli Expansion deal": the name right before the record word.
        let tokens = text.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        // "the Acme Corp - Renewal deal": a dash inside the name stays.
        let written = text.split(whereSeparator: \.isWhitespace).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:!?\"'()"))
        }
        // "the Hooli contacts": a company before the plural too; "the Soylent renewal deal's amount": its possessive.
        let records: Set<String> = ["deal", "contact", "deals", "contacts"]
        if let index = written.firstIndex(where: { records.contains(PromptText.withoutPossessive($0).lowercased()) }), index > 1 {
            // "the 3M Renewal 2027 deal", "the 7-Eleven deal", "3M's deal": digits belong to the name; "the last 5
            // deals" is a count and "the 12k deal" an amount, no name.
            let name = written[1..<index].reversed().prefix {
                ["-", "–", "&"].contains($0) || ($0.first?.isUppercase == true && !brands.contains($0.lowercased()))
                    || ($0.first?.isNumber == true && $0.allSatisfy { $0.isLetter || $0.isNumber || "-'’&".contains($0) }
                        && !Self.amountLike($0))
            }
            let trimmed = name.reversed().drop { ["-", "–", "&"].contains($0) || $0.allSatisfy(\.isNumber) }
            if trimmed.contains(where: { $0.first?.isLetter == true || $0.contains(where: \.isLetter) }) {
                return trimmed.joined(separator: " ")
            }
            // "the Initech expansion deal": lower-case words after a capitalised one are the name's too.
            // "the Quill & Quire renewal deal": an ampersand inside the name stays; "the Initech upgrade deal": a word no
            // tool acts by is a name's.
            let words = written[1..<index].reversed().prefix {
                $0 == "&"
                    || nameWord($0) && !Self.recordAdjectives.contains($0.lowercased())
                        && [nil, .unsupported].contains(PromptClauses.actionVerbs[$0.lowercased()])
                        && !brands.contains($0.lowercased())
            }.reversed().drop { $0.first?.isUppercase != true }
            if words.count > 1 { return words.joined(separator: " ") }
        }
        // "find the globex renewal deal", "mark the initech deal as lost": with a lookup or update verb,
        // the words before the record word.
        if let index = tokens.firstIndex(where: { $0.lowercased() == "deal" }), index > 1,
            !words.isDisjoint(with: ["find", "search", "look", "lookup", "locate"])
                || words.contains(where: { PromptClauses.actionVerbs[$0] == .update })
        {
            let name = tokens[..<index].reversed().prefix {
                !Self.recordAdjectives.contains($0.lowercased()) && PromptClauses.actionVerbs[$0.lowercased()] == nil
                    && $0.allSatisfy(\.isLetter)
            }
            if !name.isEmpty, !name.contains(where: { brands.contains($0.lowercased()) }) { return name.reversed().joined(separator: " ") }
        }
        // "how much is the acme deal worth", "what stage is the initech deal in": one lower-case word no reading uses,
        // between "the" and the record word, names the deal (every deal was listed).
        if stageWord, let index = tokens.firstIndex(where: { ["deal", "deal's"].contains($0.lowercased()) }), index > 1,
            tokens[index - 2].lowercased() == "the", lowerCaseCompany(tokens[index - 1]),
            !recordAdjectives.contains(tokens[index - 1].lowercased()), PromptClauses.actionVerbs[tokens[index - 1].lowercased()] == nil,
            !tokens[index - 1].lowercased().hasSuffix("est"),
            !["next", "first", "top", "big", "small", "main", "other", "same", "only", "one", "second", "previous", "upcoming", "whole"]
                .contains(tokens[index - 1].lowercased())
        {
            return tokens[index - 1]
        }
        // "sitting in contract sent", "in the contractsent stage": a stage is searched by its id.
        // "closed won deals" are kept by their stage instead (`list_deals`, as "won deals").
        if stageWord, let stage = ActionSteps.knownStage(in: text), !["closedwon", "closedlost"].contains(stage) { return stage }
        if stageWord, let stage = ActionSteps.stageName(in: text), !["what", "which"].contains(stage) { return stage }
        if let quoted = PromptText.quotedTexts(in: text).first { return quoted }
        // "the lifecycle stage of Maya Chen": a person or company named in full.
        if let name = properName(in: text), name.contains(" ") { return name }
        // "show deals for Globex", "contacts for Acme & Co": the company they are for, never every record.
        if let company = topic(in: text, after: ["for"]), PartyNames.written(company), company.first?.isUppercase == true,
            !company.split(separator: " ").contains(where: {
                brands.contains($0.lowercased()) || PromptText.namesTime($0.lowercased())
                    || $0.lowercased().rangeOfMatch(of: #"^(?:q[1-4]|h[12]|fy\d*)$"#) != nil
            })
        {
            return company
        }
        if let part = nameContains(in: text) { return part }
        // "what deals do we have going with initech?": a company after "with", lower-case as people type it.
        if stageWord, let company = topic(in: text, after: ["with"]), lowerCaseCompany(company) { return company }
        // "whos in the crm from globex", "contacts at initech": people of a company written in lower case.
        if !stageWord, !words.isDisjoint(with: ["who", "who's", "whos", "anyone", "people", "contacts", "everyone", "someone"]),
            let company = topic(in: text, after: ["from", "at"]), lowerCaseCompany(company)
        {
            return company
        }
        guard !words.isDisjoint(with: ["find", "search", "look", "lookup", "anyone", "named", "called"]) else { return nil }
        if let email = PromptText.emails(in: text).first { return email }
        if let quoted = PromptText.quotedTexts(in: text).first { return quoted }
        // "search HubSpot for deals named Renewal": the name, not the words before it.
        if let named = topic(in: text, after: ["named", "called"]), !brands.contains(named.lowercased()) { return named }
        if !words.isDisjoint(with: ["search", "lookup"]), let term = topic(in: text, after: ["for"]), !brands.contains(term.lowercased()) {
            return term
        }
        if stageWord, let stage = qualifier(in: text, before: ["stage"]) { return stage }
        if let company = topic(in: text, after: ["at", "from", "for"]), company.first?.isUppercase == true { return company }
        return properNoun(in: text) ?? lookedUp(in: text)
    }

    /// One word no reading of the records uses ("initech", not "amount", "no", "me" or "stripe").
    static func lowerCaseCompany(_ word: String) -> Bool {
        let lower = word.lowercased()
        let recordWords: Set<String> = [
            "amount", "amounts", "value", "values", "stage", "stages", "close", "closing", "status", "owner", "owners", "probability",
            "notes", "names", "name", "dates", "date", "deal", "deals", "pipeline", "us", "them", "you", "him", "her", "customers",
        ]
        return word.count >= 3 && word.allSatisfy(\.isLetter) && !commonWords.contains(lower) && !recordWords.contains(lower)
            && !brands.contains(lower) && !PromptText.namesTime(lower) && !contactFieldWords.contains(lower)
    }

    /// "where is timbuktu exactly?", "coordinates of timbuktu": a place written in lower case after "is", "of" or "for"
    /// (a word of a record or a tool is no place).
    static func placeAsked(in text: String) -> String? {
        guard let place = topic(in: text, after: ["is", "of", "for", "where's"]) else { return nil }
        let words = place.lowercased().split(separator: " ").map(String.init).filter { !["exactly", "located", "situated"].contains($0) }
        let known = PromptClauses.knownNouns.union(PromptClauses.objectWords).union(FieldName.recordNouns).union(brands)
        guard (1...3).contains(words.count), words.allSatisfy({ $0.allSatisfy(\.isLetter) && !known.contains($0) }) else { return nil }
        return words.joined(separator: " ")
    }

    /// "the deals with renewal in the name", "deals whose name contains 'pilot'": a search by a word of the name.
    static func nameContains(in text: String) -> String? {
        let patterns = [
            #"(?i)\bwith\s+["'“‘]?([\p{L}\p{N}&'’ -]{1,40}?)["'”’]?\s+in\s+(?:the|their|its)\s+(?:name|title)s?\b"#,
            #"(?i)\b(?:name|title)s?\s+(?:contains?|containing|includes?|including|mentions?)\s+(?:the\s+word\s+)?["'“‘]?([^"'”’,.;!?]{1,40})"#,
        ]
        for pattern in patterns {
            guard let expression = try? NSRegularExpression(pattern: pattern),
                let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                let range = Range(match.range(at: 1), in: text)
            else { continue }
            let part = text[range].trimmingCharacters(in: .whitespaces)
            if !part.isEmpty { return part }
        }
        return nil
    }

    /// "look up grace in the crm", "find chloe okafor in hubspot": whom a lookup verb names, in any
    /// case, up to a preposition, when no word of it is a record, a service or an article.
    static func lookedUp(in text: String) -> String? {
        let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let verb = tokens.firstIndex(where: { ["look", "lookup", "find", "search", "locate"].contains($0.lowercased()) }) else {
            return nil
        }
        let generic = PromptClauses.objectWords.union(PromptClauses.knownNouns).union(FieldName.recordNouns).union(brands)
            .union(contactFieldWords).union(["contact", "person", "someone", "anyone", "everyone", "people", "lead", "customer", "info"])
        var picked: [String] = []
        for token in tokens[(verb + 1)...] {
            let word = token.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?\"()"))
            let lower = word.lowercased()
            if picked.isEmpty, ["up", "for", "me"].contains(lower) { continue }
            if lower.isEmpty || PromptClauses.prepositions.contains(lower) || ["and", "then"].contains(lower) { break }
            guard word.allSatisfy({ $0.isLetter || "'’-".contains($0) }), !generic.contains(lower), picked.count < 3 else { return nil }
            picked.append(word)
            if token.last.map({ ",.;:!?".contains($0) }) == true { break }
        }
        return picked.isEmpty ? nil : picked.joined(separator: " ")
    }

    /// "does hooli have any open deals?", "What does Hooli owe us?": whom a question is about, between
    /// "does" and its verb (not "we", "I" or a service).
    static func questionSubject(in text: String) -> String? {
        let tokens = text.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: PartyNames.edges) }
        // "what does Hooli owe", and without "does": "check what Hooli owes us", "how much Globex owes".
        let opener =
            tokens.firstIndex(where: { ["does", "did", "do"].contains($0.lowercased()) })
            .map { ($0, questionVerbs) }
            // "how much has Globex paid us this year?"
            ?? tokens.firstIndex(where: { ["has", "have", "had"].contains($0.lowercased()) }).map { ($0, ["paid", "spent"]) }
            ?? tokens.firstIndex(where: { ["what", "much"].contains($0.lowercased()) }).map { ($0, ["owes", "pays"]) }
        guard let (start, verbs) = opener,
            let end = tokens[(start + 1)...].firstIndex(where: { verbs.contains($0.lowercased()) }), end > start + 1,
            end - start <= 5
        else { return nil }
        let name = tokens[(start + 1)..<end]
        let pronouns: Set<String> = ["we", "i", "you", "they", "it", "he", "she", "our", "my", "the", "anyone", "someone", "us"]
        // "What does O'Connell & Daughters owe us?": a firm's name keeps its "&", apostrophes and digits.
        guard name.first != "&", name.last != "&",
            name.allSatisfy({
                $0 == "&" || (PartyNames.word($0) && !pronouns.contains($0.lowercased()) && !brands.contains($0.lowercased()))
            })
        else { return nil }
        return name.joined(separator: " ")
    }
    static let questionVerbs: Set<String> = ["have", "has", "owe", "owes", "pay", "pays", "still", "currently", "work", "works"]

    /// "contacts at acme", "people from initech": a company right after the record word, in any case.
    /// "her contact Marcus Greene", "the client Ana Ruiz": a person named in full right after a record word.
    static func personAfterRecord(in text: String) -> String? {
        let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard
            let record = tokens.indices.dropLast(2).first(where: {
                ["contact", "client", "customer", "lead"].contains(tokens[$0].lowercased()) && !tokens[$0].contains(",")
            })
        else { return nil }
        var name: [String] = []
        var next: String?
        for token in tokens[(record + 1)...].prefix(3) {
            let word = token.trimmingCharacters(in: .punctuationCharacters)
            guard word.first?.isUppercase == true, word.allSatisfy({ $0.isLetter || "-'’".contains($0) }),
                !brands.contains(word.lowercased()),
                !PromptText.namesTime(word.lowercased())
            else {
                next = word.lowercased()
                break
            }
            name.append(word)
            if token.last.map({ ",.;:!?(".contains($0) }) == true { break }
        }
        // "find contact jan kowalsky and get his phone": a first and last name as people type them, after a lookup verb.
        if name.isEmpty, record + 2 < tokens.count,
            tokens[..<record].contains(where: { ["find", "search", "lookup", "look"].contains($0.lowercased()) })
        {
            let words = tokens[(record + 1)...(record + 2)].map { $0.trimmingCharacters(in: .punctuationCharacters) }
            let ends =
                record + 3 == tokens.count || tokens[record + 2].last.map { ",.;:!?".contains($0) } == true
                || ["and", "in", "on", "from", "at", "then"].contains(tokens[record + 3].lowercased())
            if ends, words.allSatisfy({ lowerCaseCompany($0) && $0.first?.isLowercase == true }) { return words.joined(separator: " ") }
        }
        // "contact O'Reilly at 3m-partners": a surname alone, placed by where they work.
        let placed = name.count == 1 && ["at", "from"].contains(next)
        return (name.count >= 2 || placed) && PartyNames.written(name.joined(separator: " ")) ? name.joined(separator: " ") : nil
    }

    /// "move deal 42-Widgets to contract sent", "set the stage of deal Widgets to …": the name right after the record
    /// word, capitalised or opening with digits (a deal's id is digits alone).
    static func dealAfterRecord(in text: String) -> String? {
        let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        // "deal "Initech - Pilot"": a quoted name is read whole by the quoted rule.
        guard let record = tokens.indices.dropLast().first(where: { tokens[$0].lowercased() == "deal" }),
            tokens[record + 1].first.map({ "\"'“‘".contains($0) }) != true
        else { return nil }
        let stops: Set<String> = [
            "to", "as", "from", "into", "in", "on", "with", "for", "and", "is", "should", "now", "stage", "amount", "id", "#",
        ]
        var name: [String] = []
        for token in tokens[(record + 1)...].prefix(4) {
            // "deal Acme - Renewal": a dash or an ampersand inside the name stays.
            if ["-", "–", "&"].contains(token), !name.isEmpty {
                name.append(token)
                continue
            }
            let word = PromptText.withoutPossessive(token.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:!?\"()")))
            guard !word.isEmpty, !stops.contains(word.lowercased()), word.first?.isUppercase == true || word.first?.isNumber == true,
                !brands.contains(word.lowercased()), !PromptText.namesTime(word.lowercased()), !amountLike(word)
            else { break }
            name.append(word)
            if token.last.map({ ",.;:!?".contains($0) }) == true || token.hasSuffix("'s") || token.hasSuffix("’s") { break }
        }
        while let last = name.last, ["-", "–", "&"].contains(last) { name.removeLast() }
        let joined = name.joined(separator: " ")
        return joined.contains(where: \.isLetter) ? joined : nil
    }

    static func companyAfterRecord(in text: String) -> String? {
        let tokens = text.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        let records: Set<String> = ["contacts", "contact", "people", "anyone", "leads", "someone", "everyone", "folks"]
        guard
            let index = tokens.indices.dropLast(2).first(where: { records.contains(tokens[$0]) && ["at", "from"].contains(tokens[$0 + 1]) })
        else { return nil }
        let company = tokens[index + 2]
        let generic: Set<String> = ["the", "my", "our", "a", "an", "hubspot", "crm", "this", "last", "work"]
        guard !generic.contains(company), company.allSatisfy(\.isLetter), !PromptText.namesTime(company) else { return nil }
        // "at Vandelay Industries": capitalised words after the first belong to the name.
        let written = text.split(whereSeparator: \.isWhitespace).map { String($0) }
        guard let start = written.firstIndex(where: { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) == company })
        else { return nil }
        var name = [written[start].trimmingCharacters(in: .punctuationCharacters)]
        for token in written[(start + 1)...] where name[0].first?.isUppercase == true && written[start].last?.isPunctuation != true {
            let word = token.trimmingCharacters(in: .punctuationCharacters)
            // "Oakhurst & Finch", "Dunmore 7 Logistics": an ampersand or a number inside the name stays.
            if token == "&" || (word.allSatisfy(\.isNumber) && !word.isEmpty) {
                name.append(token)
                continue
            }
            guard word.first?.isUppercase == true, word.allSatisfy(\.isLetter), !brands.contains(word.lowercased()) else { break }
            name.append(word)
            if token.last?.isPunctuation == true { break }
        }
        while let last = name.last, last == "&" || last.allSatisfy(\.isNumber) { name.removeLast() }
        return name.joined(separator: " ")
    }

    /// A word of a name: letters, an apostrophe ("O'Malley's") or a hyphen ("Ortega-Ruiz").
    static func nameWord(_ word: String) -> Bool {
        !word.isEmpty && word.allSatisfy { $0.isLetter || "'’-".contains($0) } && word.first?.isLetter == true
    }

    /// A capitalised word that is not the first word, a brand or an end user ("the Acme deal" → Acme).
    static let brands: Set<String> = ["hubspot", "crm", "stripe", "slack", "gmail", "drive", "google", "i", "q3"]

    static func properNoun(in text: String) -> String? {
        let tokens = text.split(whereSeparator: \.isWhitespace).map { String($0).trimmingCharacters(in: .punctuationCharacters) }
        return tokens.dropFirst().first { token in
            token.first?.isUppercase == true && token.allSatisfy(\.isLetter) && !brands.contains(token.lowercased())
        }
    }

    /// Words that label a part of a message ("body: …").
    static let messageLabels: Set<String> = ["body", "text", "message", "content", "to", "cc", "bcc", "subject", "title", "from"]

    /// The words after one of `markers`, up to a preposition or the end: "about the contract renewal in …" → "the contract renewal".
    static func topic(in text: String, after markers: [String]) -> String? {
        let stops: Set<String> = [
            "in", "on", "from", "to", "and", "are", "is", "with", "my", "their", "our", "return", "returning", "that", "for", "coming",
            "scheduled", "soon", "later", "next", "this", "today", "tomorrow", "tonight",
        ]
        let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let marked = { (token: String, marker: String) in
            token.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ":")) == marker
        }
        guard let index = markers.lazy.compactMap({ marker in tokens.firstIndex { marked($0, marker) } }).first else { return nil }
        var picked: [String] = []
        for token in tokens[(index + 1)...] {
            let word = token.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?\"'()"))
            // "subject: offsite body: …": a new label ends the value; "subject API outage: we are on it":
            // any other word before a colon is the value's last.
            let label = token.hasSuffix(":") && !picked.isEmpty && messageLabels.contains(word.lowercased())
            // "about the contract — just the gist": a dash ends the topic.
            if stops.contains(word.lowercased()) || word.isEmpty || label || ["—", "–", "-"].contains(token) { break }
            if ["the", "a", "an"].contains(word.lowercased()), picked.isEmpty { continue }
            picked.append(word)
            if token.last.map({ ",.;:!?".contains($0) }) == true { break }
        }
        let topic = picked.joined(separator: " ")
        let generic: Set<String> = ["subject", "emails", "messages", "anything", "something", "everything", "stuff", "all", "them", "it"]
        return topic.isEmpty || generic.contains(topic.lowercased()) ? nil : topic
    }

    /// The word right before one of `nouns`: "the invoice emails" → "invoice".
    static func qualifier(in text: String, before nouns: [String]) -> String? {
        let tokens = text.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        guard let index = tokens.firstIndex(where: nouns.contains), index > 0 else { return nil }
        let generic: Set<String> = [
            "the", "my", "our", "their", "unread", "any", "all", "new", "latest", "recent", "his", "her", "in", "of", "for", "find", "show",
            "search", "read", "some", "what", "which", "anything", "any", "did", "those", "these", "last", "newest", "first", "most",
            "each", "every", "a", "an", "that", "this", "drive", "google", "shared", "gmail", "inbox", "slack", "is", "was", "how", "big",
            "large", "when", "where", "get", "open", "pull", "fetch", "check", "it", "it's", "i", "we", "you", "they", "she", "he",
            "pipeline",
        ]
        // "the Q3 board report", "the onboarding deck": up to three words before the kind; a deck or a
        // report is named with its kind, a doc or a file is not.
        // "the last 3 emails", "five files": a count sizes the read; it names nothing.
        // "the Roadmap 2026 doc": a year is a word of the name.
        let count = { (word: String) in Int(word).map { $0 < 1_900 || $0 > 2_100 } ?? (PromptText.numberWords[word] != nil) }
        let words = tokens[..<index].reversed().prefix { !generic.contains($0) && !$0.isEmpty && !count($0) }.prefix(3).reversed()
        guard !words.isEmpty else { return nil }
        return (Array(words) + (namedKinds.contains(tokens[index]) ? [tokens[index]] : [])).joined(separator: " ")
    }

    /// Kinds of document whose name usually says the kind ("Q3 board report", "Onboarding deck").
    static let namedKinds = ["deck", "presentation", "report", "proposal", "memo", "checklist"]

    /// The thing a find/search looks for: "Find the budget spreadsheet on Drive" → "budget".
    static func subject(of text: String, before prepositions: Set<String>) -> String? {
        let tokens = text.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        guard let verb = tokens.firstIndex(where: { ["find", "search", "look"].contains($0.lowercased()) }) else { return nil }
        let generic: Set<String> = [
            "the", "a", "an", "my", "our", "their", "for", "files", "file", "spreadsheet", "document", "documents", "doc", "docs",
            "events", "event", "meeting", "meetings", "all", "any", "up", "sheet", "sheets", "spreadsheets", "folder", "pdf",
        ]
        var picked: [String] = []
        for token in tokens[(verb + 1)...] {
            if prepositions.contains(token.lowercased()) { break }
            // "Find the budget spreadsheet" drops "spreadsheet"; "Find Meeting notes.txt" keeps a capitalised name.
            if !generic.contains(token) { picked.append(token) }
        }
        return picked.isEmpty ? nil : picked.joined(separator: " ")
    }

    /// HubSpot's lifecycle stages, as people name them.
    static let lifecycleStages: [(pattern: String, stage: String)] = [
        ("subscribers?", "subscriber"), ("leads?", "lead"), ("mqls?|marketing[ -]?qualified(?:\\s+leads?)?", "marketingqualifiedlead"),
        ("sqls?|sales[ -]?qualified(?:\\s+leads?)?", "salesqualifiedlead"), ("opportunit(?:y|ies)", "opportunity"),
        ("customers?", "customer"), ("evangelists?", "evangelist"),
    ]

    /// "list my leads", "contacts where lifecycle stage is customer", "lifecycle_stage=lead", "contacts in the lead stage":
    /// the contacts of one lifecycle stage (every contact was listed). A stage word alone counts only as the records
    /// themselves ("leads", "MQLs"), not "customers" (Stripe's) or "opportunities" (deals) without the stage named.
    static func lifecycleStage(in text: String) -> String? {
        for (pattern, stage) in lifecycleStages {
            let named =
                #"(?i)\b(?:lifecycle(?:[ _]stage)?|stage)\s*(?:is|=|==|:|of|equals)?\s*["']?(?:"# + pattern + #")\b"#
            let before = #"(?i)\b(?:"# + pattern + #")\s+(?:lifecycle\s+)?stage\b"#
            if text.rangeOfMatch(of: named) != nil || text.rangeOfMatch(of: before) != nil { return stage }
        }
        // "my leads", "which contacts are MQLs": the stage's own name for the records.
        if text.rangeOfMatch(of: #"(?i)\b(?:leads|mqls|sqls|subscribers|evangelists)\b(?!\s+(?:for|of|to|on|at)\b)"#) != nil {
            let word = text.captured(of: #"(?i)\b(leads|mqls|sqls|subscribers|evangelists)\b"#, group: 1)?.lowercased()
            return [
                "leads": "lead", "mqls": "marketingqualifiedlead", "sqls": "salesqualifiedlead", "subscribers": "subscriber",
                "evangelists": "evangelist",
            ][word ?? ""]
        }
        return nil
    }

    /// "the status of deal 2003": the one record with that id.
    static func record(identified noun: String, in text: String) -> [OutputCondition] {
        PromptText.identifier(in: text, after: [noun, "id"]).map { [OutputCondition(path: "id", op: .equals, value: .string($0))] } ?? []
    }

    /// "deals that are not closed yet", "haven't closed", "still in progress": the open ones.
    /// Open ("open", "active", "still in progress", "in the pipeline"), won or lost deals, as a condition on each.
    static func dealState(_ words: Set<String>, _ lower: String) -> OutputCondition? {
        let settled = !words.isDisjoint(with: ["won", "win", "lost", "closed"])
        // "how many deals do we have in the pipeline right now?": the deals still being worked (closed ones were counted).
        let pipeline =
            !settled
            && lower.rangeOfMatch(of: #"\b(?:in|on)\s+(?:the|our|my|their|his|her|your|[\w-]+'s)\s+pipeline\b"#)
                != nil
        if words.contains("open") || words.contains("active") || asksUnclosed(lower) || pipeline {
            return OutputCondition(path: "properties.hs_is_closed", op: .equals, value: .string("false"))
        } else if words.contains("won") || (words.contains("win") && !words.contains("lost")) {
            return OutputCondition(path: "properties.dealstage", op: .equals, value: .string("closedwon"))
        } else if words.contains("lost") {
            // "the closed lost deals so she can plan win-back calls": lost, whatever the reason mentions.
            return OutputCondition(path: "properties.dealstage", op: .equals, value: .string("closedlost"))
        }
        return nil
    }

    static func asksUnclosed(_ lower: String) -> Bool {
        let lower = lower.replacingOccurrences(of: "’", with: "'")
        return ["not closed", "not yet closed", "n't closed", "not been closed", "unclosed", "still in progress", "in flight", "ongoing"]
            .contains { lower.contains($0) }
    }

    /// "contacts created in December", "added in November": the latest such month up to now (what was
    /// created is in the past), in UTC.
    static func pastMonth(in prompt: String, now: Date) -> (start: Date, end: Date)? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let tokens = prompt.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        guard
            let index = tokens.indices.dropFirst().first(where: {
                ["in", "during"].contains(tokens[$0 - 1]) && PromptText.monthNumber(tokens[$0]) != nil
            }),
            let month = PromptText.monthNumber(tokens[index])
        else { return nil }
        let current = calendar.dateComponents([.year, .month], from: now)
        guard let thisYear = current.year, let thisMonth = current.month else { return nil }
        let year = month <= thisMonth ? thisYear : thisYear - 1
        guard let start = calendar.date(from: DateComponents(year: year, month: month, day: 1)),
            let end = calendar.date(byAdding: .month, value: 1, to: start)
        else { return nil }
        return (start, end)
    }

    /// "created this month / this week / today / last month" as conditions on a date field.
    static func nonEmpty(_ conditions: [OutputCondition]) -> [OutputCondition]? { conditions.isEmpty ? nil : conditions }

    static func created(_ prompt: String, path: String, now: Date) -> [OutputCondition] {
        guard let range = PromptText.dateRange(in: prompt, now: now) ?? pastMonth(in: prompt, now: now) else { return [] }
        let formatter = ISO8601DateFormatter()
        return [
            OutputCondition(path: path, op: .since, value: .string(formatter.string(from: range.start))),
            OutputCondition(path: path, op: .before, value: .string(formatter.string(from: range.end))),
        ]
    }
}
