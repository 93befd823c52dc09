import Foundation

/// What people dictate or type as they speak, written as the planner reads it: "john dot obrien at
/// acme dot com" is john.obrien@acme.com, and "mark priya patel as a customer" names a person though
/// in lower case (read as a payments customer, the update failed).
enum SpokenForms {
    static let topLevelDomains =
        "com|org|net|io|co|ai|dev|app|example|edu|gov|uk|de|fr|es|it|nl|ca|au|us|me|info|biz|jp|in|br|se|no|dk|fi|ch|at|be|pl|nz|ie|pt|"
        + "mx|sg|kr|cn|hk|za|ar|cl|tech|email|store|shop|xyz|eu|cz|ro|gr|tr|il"
    /// "pipeline dot csv", "called acme contacts dot csv": a file's name said aloud.
    static let fileName = try? NSRegularExpression(
        pattern: #"(?i)\b(?:(called|named|titled|as)\s+((?:[a-z0-9][\w-]*\s+){0,2}[a-z0-9][\w-]*)|([a-z0-9][\w-]*))\s+dot\s+"#
            + #"(csv|txt|pdf|docx?|xlsx?|md|json|pptx?|png|jpe?g|log|ya?ml|html?|tsv|zip)\b"#)
    /// "john dot obrien at acme dot com", "sales at north-wind dot co dot uk".
    static let address = try? NSRegularExpression(
        // "mei at lotus tea dot com": a domain said as two words is one.
        pattern: #"\b([a-z0-9][a-z0-9_-]*(?:\s+dot\s+[a-z0-9_-]+)*)\s+at\s+((?!(?:the|my|his|her|our|their|your|a|an)\s)[a-z0-9][a-z0-9-]*"#
            + #"(?:\s+(?!dot\b)[a-z0-9][a-z0-9-]*)?(?:\s+dot\s+[a-z0-9-]+)*\s+dot\s+(?:"#
            + topLevelDomains + #"))\b"#,
        options: [.caseInsensitive])
    /// Words before "at" that are no mailbox: "email me at acme dot com" gives no address.
    static let notMailboxes: Set<String> = ["me", "us", "him", "her", "them", "it", "is", "are", "and", "or", "the", "a", "an", "be"]

    /// "mark priya patel as a customer": up to three lower-case words between "mark" and a lifecycle stage.
    static let markedPerson = try? NSRegularExpression(
        pattern:
            #"\bmark\s+(?:the\s+)?(?:contact\s+)?([a-z][a-z'-]*(?:\s+[a-z][a-z'-]*){0,2})\s+as\s+(?:an?\s+)?(?:customer|lead|subscriber|opportunity|evangelist|mql|sql|marketing\s+qualified|sales\s+qualified)\b"#
    )
    /// "add contact named john o'brien, email …": a person's name in lower case after "named".
    static let namedPerson = try? NSRegularExpression(
        pattern:
            #"\b(?:contact|person|lead)\s+(?:named|called)\s+([a-z][a-z'-]*(?:\s+[a-z][a-z'-]*){0,2}?)(?=\s*(?:,|$|\.|\s(?:email|e-mail|with|at|from|phone|company|and|who|to|in)\b))"#
    )
    /// "new contact mei ling chow email …": the name right after the record, when a label follows it.
    static let newContact = try? NSRegularExpression(
        pattern:
            #"\b(?:new|add|create)\s+(?:a\s+)?contact\s+(?:for\s+|named\s+|called\s+)?(?!(?:named|called)\b)([a-z][a-z'-]*(?:\s+[a-z][a-z'-]*){1,2}?)(?=\s*,?\s(?:email|e-mail|phone|company|at|from|job|title)\b)"#
    )
    /// "… company lotus tea": a company named in lower case after its label, in a contact's details.
    static let companyLabel = try? NSRegularExpression(
        pattern:
            #"\b(?:new|add|create)\s+(?:a\s+)?contact\b[^\n]{0,200}?\bcompany\s+(?:is\s+)?(?!(?:and|or|name|they|their|she|he)\b)([a-z][a-z&'-]*(?:\s+[a-z][a-z&'-]*){0,2}?)(?=\s*(?:,|$|\.|\s(?:email|e-mail|phone|job|title|and)\b))"#
    )
    /// "change tom reyes' phone number to …": a person's name in lower case before a contact field they own.
    static let fieldOwner = try? NSRegularExpression(
        pattern:
            #"\b(?:change|update|set|edit|fix|correct)\s+([a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2}?)(?:'s|’s|'|’)\s+(?:phone|mobile|email|e-mail|company|job|title|address|lifecycle)\b"#
    )
    /// Words that point at a record rather than name a person.
    static let notNames: Set<String> = [
        "them", "him", "her", "it", "all", "this", "that", "these", "those", "my", "our", "their", "every", "each", "contact",
        "contacts", "deal", "lead", "leads", "everyone", "everybody", "her's", "his",
    ]

    static func resolved(_ prompt: String) -> String {
        statedNames(
            endOfDay(
                clockTimes(
                    dictatedBody(
                        names(fileNames(addresses(meridiems(punctuation(hashtags(spokenFigures(possessives(misheard(fillers(prompt))))))))))
                    ))))
    }

    /// "um so check the weather … and like post it in #ops": words said while thinking, which ask nothing ("like post" was
    /// no request, and the post was dropped).
    static func fillers(_ prompt: String) -> String {
        PromptText.outsideQuotes(prompt) { text in
            text.replacingMatches(of: #"(?i)(?<![\w'’-])(?:u+m+|u+h+m*|e+r+m+|hmm+)(?![\w'’-])[,.]?[ \t]?"#, with: "")
                .replacingMatches(of: #"(?i)\b(and|so|then|just|or)\s+like[,]?\s+(?=[a-z])"#, with: "$1 ")
                // "so yeah can you add marcus lee to the crm …", "okay so what's …": how a spoken request starts.
                .replacingMatches(
                    of: #"(?i)^\s*(?:so\s+yeah|yeah\s+so|okay\s+so|ok\s+so|alright\s+so|right\s+so|so\s+basically|so)[,]?\s+"#
                        + #"(?=(?:can|could|would|will|please|pls|add|create|send|email|post|tell|book|put|refund|update|change|make|get|"#
                        + #"find|look|check|what|whats|what's|who|how|when|where|show|list)\b)"#,
                    with: "")
        }
    }

    /// Words a transcript writes as they sound: "can you male …", "closed one", "hub spot", "spread sheet", "tell the
    /// engineering channel. that …" (a pause heard as a full stop), "yesterdays". Each was a request no tool makes, a deal
    /// created, or words sent.
    static func misheard(_ prompt: String) -> String {
        PromptText.outsideQuotes(prompt) { text in
            text.replacingMatches(of: #"(?i)\b(can\s+you|could\s+you|please|pls|and|then)\s+male\b"#, with: "$1 mail")
                .replacingMatches(
                    of: #"(?i)\b(closed|close\s+it\s+as|mark\s+it)[\s-]+one\b(?!\s+(?:of|more|day|week|month|hour|deal))"#, with: "$1 won"
                )
                .replacingMatches(of: #"(?i)\bhub\s+spot\b"#, with: "HubSpot")
                .replacingMatches(of: #"(?i)\bspread\s+sheet(s?)\b"#, with: "spreadsheet$1")
                .replacingMatches(of: #"(?i)\bdrop\s+box\b"#, with: "Dropbox")
                .replacingMatches(of: #"(?i)\bg\s+mail\b"#, with: "Gmail")
                .replacingMatches(of: #"(?i)\b(channel|#[\w-]+)\.\s+(that|saying)\b"#, with: "$1 $2")
                // "… weds at 10, hes in the crm", "…, his mail is in the CRM": the same aside, as typed or translated.
                .replacingMatches(of: #"(?i)(?<=\w),?\s+(she|he)s\s+in\s+(?:the\s+)?(crm|hubspot)\b"#, with: ", $1's in the $2")
                .replacingMatches(
                    of: #"(?i)(?<=\w),?\s+(?:his|her|their)\s+(?:e-?mail|mail|address)\s+is\s+in\s+(?:the\s+)?(crm|hubspot)\b"#,
                    with: ", they're in the $1"
                )
                // "book a call with chloe okafor … at ten am she's in the crm": where to find her, said as an aside.
                .replacingMatches(
                    of: #"(?i)(?<=\w)\s+(?=(?:she|he|they)['’](?:s|re)\s+in\s+(?:the\s+)?(?:crm|hubspot|contacts)\b)"#, with: ", "
                )
                // "email yesterdays support messages", "what the weathers like": possessives said without their apostrophe.
                .replacingMatches(of: #"(?i)\b(yesterday|today|tomorrow|tonight|weather)s\b"#, with: "$1's")
        }
    }

    /// "refund twenty five dollars of emma silvas latest paid invoice", "ben okafors phone number": a person's name in lower
    /// case, said with its possessive and no apostrophe, before what is theirs (the newest invoice of anyone was refunded).
    /// Surnames that end in "s" stay as they are ("chris evans phone number").
    static func possessives(_ prompt: String) -> String {
        let pattern =
            #"(?<![\w.@#/'’-])([a-z][a-z'’-]+)\s+([a-z][a-z'’-]+?)s\s+(?=(?:latest|last|newest|most\s+recent|phone|mobile|cell|email|"#
            + #"e-mail|number|invoices?|address|subscriptions?|balance|contact|record|details|job|payments?)\b)"#
        guard prompt.rangeOfMatch(of: pattern) != nil, let expression = try? NSRegularExpression(pattern: pattern) else { return prompt }
        let text = NSMutableString(string: prompt)
        for match in expression.matches(in: prompt, range: NSRange(location: 0, length: text.length)).reversed() {
            let first = text.substring(with: match.range(at: 1))
            let surname = text.substring(with: match.range(at: 2)) + "s"
            let words = [first, surname, String(surname.dropLast())]
            guard !words.contains(where: { LowercaseNames.isEveryday($0) || PromptSpelling.vocabulary.contains($0) }),
                // ("stark industries latest invoice", "acme widgets email": companies' plurals.)
                !["ss", "us", "ies", "ics", "ions", "ems", "ings", "ers", "ets", "nts"].contains(where: surname.hasSuffix),
                !surnamesInS.contains(surname)
            else { continue }
            text.insert("'", at: match.range(at: 2).location + match.range(at: 2).length)
        }
        return text as String
    }

    /// Surnames that end in "s" ("chris evans phone number" is Chris Evans's).
    private static let surnamesInS: Set<String> = [
        "evans", "james", "jones", "williams", "davis", "lewis", "roberts", "edwards", "phillips", "thomas", "adams", "rogers",
        "brooks", "harris", "morris", "curtis", "francis", "dennis", "travis", "hughes", "collins", "stevens", "peters", "matthews",
        "richards", "simmons", "watts", "burns", "banks", "woods", "mills", "sanders", "reyes", "torres", "flores", "gomes",
        "lopes", "santos", "nunes", "marques", "alves", "dias", "ramos", "barnes", "hayes", "myers", "owens", "perkins", "jenkins",
        "wilkins", "hopkins", "daniels", "andrews", "knowles", "giles", "miles", "wells", "holmes", "graves", "childs", "fields",
    ]

    /// "in the hashtag ops channel", "the hash tag partnerships channel": the channel, as written ("#ops").
    static func hashtags(_ prompt: String) -> String {
        // "send a message to pound random": the sign said as a telephone's.
        let prompt = prompt.replacingMatches(
            of: #"(?i)\b(in|to|on|into|of|for|from|at)\s+(?:the\s+)?pound\s+(?:sign\s+)?([a-z][\w-]*)(?:\s+channel\b)?"#, with: "$1 #$2")
        guard prompt.range(of: "hash", options: .caseInsensitive) != nil else { return prompt }
        return prompt.replacingMatches(
            of: #"(?i)\b(in|to|on|into|of|for|from|at)\s+(?:the\s+)?hash\s?tag\s+([a-z0-9][\w-]*)(?:\s+channel\b)?"#, with: "$1 #$2"
        )
        .replacingMatches(of: #"(?i)\b(?:the\s+)?hash\s?tag\s+([a-z0-9][\w-]*)\s+channel\b"#, with: "#$1")
    }

    /// "set the amount to twenty five hundred", "plus three five one nine one two …": amounts and phone numbers said in
    /// words, in digits (the amount was asked for again; the phone was saved as words). Quoted text and a message's own
    /// words stay as said.
    static func spokenFigures(_ prompt: String) -> String {
        let lower = prompt.lowercased()
        let digits: [String: String] = [
            "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
            "eight": "8", "nine": "9",
        ]
        guard
            ["hundred", "thousand", "million", " k ", " grand"].contains(where: lower.contains) || lower.hasSuffix(" k")
                || lower.contains("plus ") || digits.keys.contains(where: { lower.contains($0 + " ") })
        else { return prompt }
        var tokens = prompt.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let bare = { (index: Int) -> String in
            index < tokens.count ? tokens[index].lowercased().trimmingCharacters(in: .punctuationCharacters) : ""
        }
        let ends = { (index: Int) in tokens[index].last.map { ",.;:!?".contains($0) } ?? false }
        var index = 0
        while index < tokens.count {
            if SpokenNumbers.opensMessageText(tokens[index], in: lower) || tokens[index].contains("\"") { break }
            // Seven or more digits said one by one, after "plus" or not: a phone number.
            let plus = bare(index) == "plus"
            var end = plus ? index + 1 : index
            while end < tokens.count, digits[bare(end)] != nil { end += 1; if ends(end - 1) { break } }
            let said = (plus ? index + 1 : index)..<end
            // "deal two zero zero four": a record's number, digit by digit.
            let numbered = index > 0 && ["deal", "contact", "invoice", "id", "number", "file", "#"].contains(bare(index - 1))
            if numbered, !plus, said.count >= 3 {
                let trailing = String(tokens[end - 1].reversed().prefix { ",.;:!?".contains($0) }.reversed())
                tokens.replaceSubrange(index..<end, with: [said.map { digits[bare($0)] ?? "" }.joined() + trailing])
                index += 1
                continue
            }
            if said.count >= 7 {
                let number = (plus ? "+" : "") + said.map { digits[bare($0)] ?? "" }.joined()
                let trailing = String(tokens[end - 1].reversed().prefix { ",.;:!?".contains($0) }.reversed())
                tokens.replaceSubrange(index..<end, with: [number + trailing])
                index += 1
                continue
            }
            // "twenty five hundred", "two thousand five hundred": a figure with a multiplier in it.
            var last = index
            while last < tokens.count, PromptText.numberWords[bare(last)] != nil, !["a", "an"].contains(bare(last)) || last == index {
                last += 1
                if ends(last - 1) { break }
            }
            // "twelve thousand five hundred and tell …": the "and" joins the next part, not the figure.
            while last > index + 1, bare(last - 1) == "and", !ends(last - 2) { last -= 1 }
            let words = (index..<last).map(bare)
            // "eighteen k", "forty grand": thousands.
            if !words.isEmpty, !ends(last - 1), ["k", "grand"].contains(bare(last)), words != ["a"], words != ["an"],
                let value = PromptText.wordedNumber(words), value >= 1, value < 1_000
            {
                let trailing = String(tokens[last].reversed().prefix { ",.;:!?".contains($0) }.reversed())
                tokens.replaceSubrange(index...last, with: [ActionSteps.plain(value * 1_000) + trailing])
                index += 1
                continue
            }
            if words.count >= 2, !Set(words).isDisjoint(with: ["hundred", "thousand", "million"]), words.last != "and",
                let value = PromptText.wordedNumber(words), value >= 100
            {
                let trailing = String(tokens[last - 1].reversed().prefix { ",.;:!?".contains($0) }.reversed())
                tokens.replaceSubrange(index..<last, with: [ActionSteps.plain(value) + trailing])
            }
            index += 1
        }
        return tokens.joined(separator: " ")
    }

    /// "post to the sales channel comma the demo is confirmed for thursday period": punctuation said aloud, written
    /// (posted as the words "comma" and "period"). Only in a prompt dictated so: one that says "comma", or closes with the
    /// name of a mark; "the billing period" stays words.
    static func punctuation(_ prompt: String) -> String {
        let closing = #"(?i)\s(?:period|full\s+stop|question\s+mark|exclamation\s+(?:mark|point))\s*[.!?]?\s*$"#
        guard
            prompt.rangeOfMatch(of: #"(?i)\scomma\s"#) != nil
                || prompt.rangeOfMatch(of: closing) != nil
        else { return prompt }
        let marks: [(String, String)] = [
            (#"(?i)\s+comma\b\s*"#, ", "),
            (
                #"(?i)(?<!billing|trial|grace|time|pay|this|that|the|a|each|per|same|notice|waiting)\s+(?:period|full\s+stop)\b\s*[.]?"#,
                ". "
            ),
            (#"(?i)\s+question\s+mark\b\s*[?]?"#, "? "), (#"(?i)\s+exclamation\s+(?:mark|point)\b\s*[!]?"#, "! "),
            (#"(?i)\s+colon\b\s*"#, ": "),
        ]
        // "post to the sales channel comma the demo …": the first comma after a short opening ends it, as a colon would.
        let opened = prompt.replacingMatches(
            of: #"(?i)^([^:\n]{3,60}?\b(?:channel|#[\w-]+|[\w.+-]+@[\w.-]+\.\w+)(?:\s+[\w-]+)?)\s+comma\b\s*"#, with: "$1: ")
        return marks.reduce(opened) { text, mark in text.replacingMatches(of: mark.0, with: mark.1) }
            .trimmingCharacters(in: .whitespaces)
            // "slack channel general: …": the channel named after the word.
            .replacingMatches(
                of: #"(?i)\bchannel\s+(?!(?:saying|that|to|with|about|and|telling|asking|please|now|today)\b)([a-z][\w-]*):"#, with: "#$1:")
    }

    /// "at 10 a.m.", "ten p.m.": the time's half of the day written with dots, whose last dot ended the sentence (the
    /// attendee after it was left over).
    /// A quoted message keeps its "3 p.m." as written.
    static func meridiems(_ prompt: String) -> String {
        PromptText.outsideQuotes(prompt) { text in
            text.replacingMatches(
                of:
                    #"(?i)(?<=\d|\bone|\btwo|\bthree|\bfour|\bfive|\bsix|\bseven|\beight|\bnine|\bten|\beleven|\btwelve)\s?([ap])\.\s?m\.?"#,
                with: " $1m")
        }
    }

    /// "send an email to … subject lunch message can we move lunch …": a dictated message's parts, named as the labels
    /// they are ("message" after a subject was read as the chat's word, and the body asked for).
    static func dictatedBody(_ prompt: String) -> String {
        guard !prompt.contains(":"), PromptText.words(prompt).contains("subject"),
            !PromptText.emails(in: prompt).isEmpty || PromptText.words(prompt).contains("email")
        else { return prompt }
        return prompt.replacingMatches(
            of: #"(?i)(\bsubject\s+[^\n]{1,80}?)\s+(?:message|text)\s+(?!to\b|from\b|in\b|is\b)"#, with: "$1 body ")
    }

    /// "an event on my calendar for end of day Friday", "block EOD": the close of the working day, 5pm, when the prompt
    /// books time and sends nothing (a message's "by end of day" is its text).
    static func endOfDay(_ prompt: String) -> String {
        let words = PromptText.words(prompt)
        guard !words.isDisjoint(with: ["calendar", "event", "meeting", "appointment", "schedule", "book", "block", "deadline", "hold"]),
            words.isDisjoint(with: ["email", "post", "send", "tell", "message", "slack", "saying", "notify"])
        else { return prompt }
        return prompt.replacingMatches(
            of: #"(?i)\b(?:for|by|at)?\s?(?:the\s)?(?:end\sof\s(?:the\s)?(?:business\s|work\s)?day|close\sof\sbusiness|eod|cob)\b"#,
            with: "at 5pm")
    }

    /// "make new deal. name is 'Hölzl Bau 2027', amount …": the name a record is given in the next breath.
    static func statedNames(_ prompt: String) -> String {
        prompt.replacingMatches(
            of:
                #"(?i)\b(deal|contact|lead|file|doc|document|event|meeting)[.,;:]?\s(?:its\s|the\s)?(?:name|title)\s(?:is|should\sbe|will\sbe|would\sbe)\s"#,
            with: "$1 named ")
    }

    /// "half past two", "quarter to four", "3 o'clock", "three in the afternoon", "first thing Monday" →
    /// "2:30pm", "3:45pm", "3pm", "3pm", "9am Monday". Without "am", "pm" or a part of the day, an hour
    /// from 1 to 7 is in the afternoon and one from 8 to 11 in the morning, as meetings are.
    static func clockTimes(_ prompt: String) -> String {
        // "at 4 of the afternoon" (as Spanish and Portuguese say it): in the afternoon.
        let prompt = prompt.replacingMatches(
            of:
                #"(?i)\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+of\s+the\s+(morning|afternoon|evening)\b"#,
            with: "$1 in the $2")
        let lower = prompt.lowercased()
        let minutes = ["fifteen": 15, "thirty": 30, "forty-five": 45, "forty five": 45, "twenty": 20, "ten": 10, "forty": 40, "fifty": 50]
        guard
            ["past", "quarter to", "o'clock", "oclock", "o’clock", "in the", "first thing", "fifteen", "thirty", "forty"]
                .contains(where: lower.contains)
        else {
            return prompt
        }
        var words = prompt.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let bare = { (index: Int) -> String in
            index < words.count ? words[index].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ",.;:!?")) : ""
        }
        let hour = { (index: Int) -> Int? in
            let word = bare(index)
            let value = Int(word) ?? PromptText.numberWords[word].map(Int.init)
            return value.flatMap { (1...12).contains($0) && !["a", "an"].contains(word) ? $0 : nil }
        }
        var index = 0
        while index < words.count {
            // "… body can we move lunch to one o'clock": a message's own words are its writer's.
            if SpokenNumbers.opensMessageText(words[index], in: lower) { break }
            // (first word, words replaced, hour, minute)
            var found: (Int, Int, Int)?
            if ["half", "quarter"].contains(bare(index)), bare(index + 1) == "past", let h = hour(index + 2) {
                found = (3, h, bare(index) == "half" ? 30 : 15)
            } else if bare(index) == "quarter", bare(index + 1) == "to", let h = hour(index + 2) {
                found = (3, h == 1 ? 12 : h - 1, 45)
            } else if let h = hour(index), ["o'clock", "oclock", "o’clock"].contains(bare(index + 1)) {
                found = (2, h, 0)
            } else if index > 0, bare(index - 1) == "at", let h = hour(index), let minute = minutes[bare(index + 1)] {
                // "at twelve thirty", "at three fifteen".
                found = (2, h, minute)
            } else if let h = hour(index), bare(index + 1) == "in", bare(index + 2) == "the",
                ["morning", "afternoon", "evening"].contains(bare(index + 3))
            {
                found = (4, bare(index + 3) == "morning" ? (h == 12 ? 0 : h) : (h == 12 ? 12 : h + 12), 0)
            } else if bare(index) == "first", bare(index + 1) == "thing" {
                let morning = bare(index + 2) == "in" && bare(index + 3) == "the" && bare(index + 4) == "morning"
                found = (morning ? 5 : 2, 9, 0)
            }
            guard let (count, h, minute) = found else {
                index += 1
                continue
            }
            var written = h
            var last = index + count - 1
            // "half past two pm", "quarter to four in the afternoon": the part of the day said after it.
            if count == 3, ["am", "pm"].contains(bare(last + 1)) {
                written = bare(last + 1) == "pm" && h < 12 ? h + 12 : h
                last += 1
            } else if count == 3 || count == 2 && bare(index) != "first" {
                written = h == 12 ? 12 : h <= 7 ? h + 12 : h
            }
            let trailing = String(words[last].reversed().prefix { ",.;:!?".contains($0) }.reversed())
            let meridiem = written >= 12 ? "pm" : "am"
            let clock = (written % 12 == 0 ? 12 : written % 12).description + (minute == 0 ? "" : ":" + String(format: "%02d", minute))
            words.replaceSubrange(index...last, with: [clock + meridiem + trailing])
            index += 1
        }
        return words.joined(separator: " ")
    }

    static func addresses(_ prompt: String) -> String {
        guard let address, prompt.range(of: " dot ", options: .caseInsensitive) != nil else { return prompt }
        var text = prompt
        for match in address.matches(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)).reversed() {
            guard let whole = Range(match.range, in: text), let local = Range(match.range(at: 1), in: text),
                let domain = Range(match.range(at: 2), in: text), !notMailboxes.contains(text[local].lowercased())
            else { continue }
            let dotted = { (spoken: Substring) in
                spoken.replacingMatches(of: #"\s+dot\s+"#, with: ".", options: .caseInsensitive).lowercased()
                    .replacingOccurrences(of: " ", with: "")
            }
            text.replaceSubrange(whole, with: dotted(text[local]) + "@" + dotted(text[domain]))
        }
        return text
    }

    /// "save it to drive as acme contacts dot csv" → "as acme-contacts.csv": the name asked for (it was asked for again, or
    /// the records' kind named the file).
    static func fileNames(_ prompt: String) -> String {
        guard let fileName, prompt.range(of: " dot ", options: .caseInsensitive) != nil else { return prompt }
        var text = prompt
        for match in fileName.matches(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)).reversed() {
            guard let whole = Range(match.range, in: text), let ext = Range(match.range(at: 4), in: text) else { continue }
            let label = Range(match.range(at: 1), in: text).map { text[$0] + " " } ?? ""
            guard let stem = Range(match.range(at: 2), in: text) ?? Range(match.range(at: 3), in: text) else { continue }
            let words = text[stem].split(whereSeparator: \.isWhitespace)
            // "a spreadsheet called the pipeline dot csv": what names it, not the article.
            let named = words.drop { ["a", "an", "the", "my", "our"].contains($0.lowercased()) }
            guard !named.isEmpty else { continue }
            text.replaceSubrange(whole, with: label + named.joined(separator: "-") + "." + text[ext].lowercased())
        }
        return text
    }

    static func names(_ prompt: String) -> String {
        var text = prompt
        let range = NSRange(prompt.startIndex..., in: prompt)
        let matches = [markedPerson, namedPerson, fieldOwner, newContact, companyLabel].compactMap { $0 }.flatMap {
            $0.matches(in: prompt, range: range)
        }
        for match in matches.sorted(by: { $0.range.location > $1.range.location }) {
            guard let name = Range(match.range(at: 1), in: text) else { continue }
            let words = text[name].split(separator: " ")
            guard words.allSatisfy({ !notNames.contains($0.lowercased()) }) else { continue }
            text.replaceSubrange(name, with: words.map(capitalised).joined(separator: " "))
        }
        return text
    }

    /// "o'brien" → "O'Brien", "ruiz-park" → "Ruiz-Park".
    static func capitalised(_ word: Substring) -> String {
        var result = ""
        var previous: [Character] = []
        for character in word {
            let starts = previous.isEmpty || previous.last == "-" || (previous.count == 2 && previous.last == "'")
            result += starts ? character.uppercased() : String(character)
            previous.append(character)
        }
        return result
    }
}
