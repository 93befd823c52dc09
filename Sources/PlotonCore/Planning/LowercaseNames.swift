import Foundation

/// Names typed in lower case where only a name can stand: "the latest invoice for jess morgan", "bea okafor's new number",
/// "customer jess morgan in stripe", "the greenleaf deal", "oakfield said yes". Written with capitals, as the rest of the
/// planner reads names (the invoice was read with no customer, and the first customer's refunded).
///
/// A name is one to three words that are not words the planner or everyday requests use ("for the team", "open invoices
/// for this month" name nobody), outside quoted text, and never part of an address, channel or file name.
enum LowercaseNames {
    private static let word = #"(?<![\w#@./'’-])[a-z][a-z'’-]*[a-z](?![\w@/-]|\.[a-z])"#
    private static let candidate = word + #"(?:\s+"# + word + "){0,2}"

    /// Where a name stands, and on which side the words around it anchor it: a name read after its anchor ends at the first
    /// everyday word ("for jess morgan and let …"); one read before its anchor starts after the last ("look up bea okafor's").
    private enum Side { case after, afterTwoWords, before }

    private static let places: [(NSRegularExpression, Side)] = [
        // "customer jess morgan", "the client bramble co"
        // (one word there is as likely a first name searched with more: "find contact jess from Brightwave"; a contact being
        // made keeps its name as typed: "add a contact ana ruiz").
        (
            #"(?i:(?<!\b(?:a|an|new|create|add|make)\s)\b(?:customer|client|contact|lead|vendor|supplier)\s+(?:named\s+|called\s+)?)("#
                + candidate + ")", .afterTwoWords
        ),
        // "invoices for harbour deli", "the deal w/ oakfield school", "payments from kim lo"
        (
            #"(?i:\b(?:invoices?|subscriptions?|subs?|payments?|deals?|contacts?|orders?|balance|account)\s+(?:for|of|from)\s+|\bdeal\s+(?:with|w/)\s+)("#
                + candidate + ")", .after
        ),
        // "email chloe okafor a copy of her latest invoice", "send ben chen his last invoice"
        (
            #"(?i:\b(?:email|e-mail|mail|send|forward)\s+)("# + candidate
                + #")(?=\s+(?i:a\s+copy\s+of\s+)?(?i:her|his|their)\s+(?:(?:latest|last|newest|most\s+recent|open|unpaid|current)\s+)?"#
                + #"(?i:invoices?|subscriptions?|receipt|balance|details|payment)\b)"#, .after
        ),
        // "book a call with chloe okafor on june 14 at 10am, she's in the crm": someone the CRM holds.
        (
            #"(?i:\bwith\s+)("# + candidate
                + #")(?=[^\n]*,\s+(?i:she|he|they)['’](?i:s|re)\s+(?i:in)\s+(?:the\s+)?(?i:crm|hubspot|contacts)\b)"#, .after
        ),
        // "liam kowalski moved to initech, update his company": someone whose news is told.
        (
            "^(" + candidate + #")(?=\s+(?i:moved|switched|went|has\s+moved|just\s+moved|joined|left)\s+(?i:to|over\s+to|from)\b)"#,
            .before
        ),
        // "works at harbour deli", "who is bea okafor in the crm"
        (#"(?i:\bwho\b[^.?!\n]{0,40}?\bworks?\s+(?:at|for)\s+)("# + candidate + ")", .after),
        (
            #"(?i:\b(?:look\s+up|lookup|find|search\s+for|who\s+is|who's|whos)\s+)("# + candidate
                + #")(?=\s+(?i:in|on)\s+(?:the\s+)?(?i:crm|hubspot|stripe)\b)"#, .after
        ),
        // "bea okafor's new number"
        (
            // ("emma silva's latest paid invoice": two words before what is hers.)
            "(" + candidate
                + #")(?=['’]s\s+(?:(?:new|latest|last|open|unpaid|paid|current|work|mobile|cell|personal|newest|overdue)\s+){0,2}"#
                + #"(?i:e-?mail|phone|number|nr|mobile|cell|company|deal|deals|invoice|invoices|subscription|subscriptions|address|"#
                + #"details|record|contact|payment|payments|plan|account|order|balance)\b)"#, .before
        ),
        // "add tomasz wisniewski from initech as a contact": the person, and where they work (the name was asked for again).
        (
            #"(?i:\b(?:add|create|save|enter|put)\s+)("# + candidate + #")(?=\s+(?i:from|at|of|with)\s+"# + candidate
                + #"\s+(?i:as|to|in(?:to)?)\s+(?:(?i:a|an|the)\s+)?(?:(?i:new)\s+)?(?i:contact|lead|crm|hubspot)\b)"#, .afterTwoWords
        ),
        (
            #"(?i:\b(?:add|create|save|enter|put)\s+)"# + candidate + #"\s+(?i:from|at|of|with)\s+("# + candidate
                + #")(?=\s+(?i:as|to|in(?:to)?)\s+(?:(?i:a|an|the)\s+)?(?:(?i:new)\s+)?(?i:contact|lead|crm|hubspot)\b)"#, .before
        ),
        // "refund diego rossi forty bucks from his latest invoice": whom, before the amount (the newest invoice of anyone was
        // refunded).
        (
            #"(?i:\b(?:refund|reimburse|credit)\s+)("# + candidate
                + #")(?=\s+(?:[$€£\d]|(?i:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"#
                + #"forty|fifty|sixty|seventy|eighty|ninety|a\s+hundred|half|in\s+full|the\s+full|their|his|her)\b)))"#, .after
        ),
        // "what plan is ben chen on": whose plan (every subscription was listed).
        (#"(?i:\bwhat\s+(?:plan|subscription|tier|package)\s+(?:is|are)\s+)("# + candidate + #")(?=\s+(?i:on)\b)"#, .after),
        // "what company is noah dubois at": whose company.
        (#"(?i:\bwhat\s+company\s+(?:is|are)\s+)("# + candidate + #")(?=\s+(?i:at|with|in)\b)"#, .after),
        // "the greenleaf deal", "the fernhill barn account"
        (#"(?i:\bthe\s+)("# + candidate + #")(?=\s+(?i:deal|account|renewal|contract)\b)"#, .before),
        // "oakfield said yes!!"
        (
            #"(?:^|[.!?]\s+)("# + candidate
                + #")(?=\s+(?i:said\s+yes|signed|agreed|accepted|renewed|churned|cancell?ed|is\s+in|went\s+with\s+us|"#
                // "ben chen was overcharged, refund $10 of his last invoice": whose invoice (the payment was asked for).
                + #"was\s+overcharged|was\s+(?:double|over)[- ]?charged|got\s+(?:double|over)[- ]?charged|was\s+charged\s+twice|paid\s+twice)\b)"#,
            .before
        ),
    ].compactMap { pattern, side in (try? NSRegularExpression(pattern: pattern)).map { ($0, side) } }

    /// "whats emma silvas latest invoice number": a name's possessive typed without its apostrophe, before the records it owns
    /// (the newest invoice of anyone was read).
    /// "refund ben chen last invoice", "refund 25 dollars from ben chen last invoice", "diego rossi latest invoice number":
    /// the owner named after the verb or first, without "'s" (the newest invoice of anyone was refunded).
    static let ownerAfterVerb = try? NSRegularExpression(
        pattern:
            #"(?i)(?:^\s*|\b(?:refund|email|e-mail|mail|send|show|get|find|check|pull|fetch|from|of|for)\s+)([a-z]{2,})\s+([a-z]{2,})\s+(?=(?:latest|last|newest|most\s+recent|open|unpaid|overdue|current|active|next)\s+"#
            + #"(?:invoices?|subscriptions?|payments?|deals?|charges?)\b)"#)

    static let bareOwner = try? NSRegularExpression(
        pattern: #"\b([a-z]{2,})\s+([a-z]{2,})s\s+(?=(?:latest|last|newest|most\s+recent|open|unpaid|overdue|current|active|next)\s+"#
            + #"(?:invoices?|subscriptions?|payments?|deals?|charges?)\b)"#)

    static func resolved(_ prompt: String) -> String {
        // Nothing to do for a prompt written with capitals where names go.
        guard prompt.contains(where: \.isLowercase) else { return prompt }
        var prompt = prompt
        if let bareOwner, let match = bareOwner.firstMatch(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)),
            let first = Range(match.range(at: 1), in: prompt), let last = Range(match.range(at: 2), in: prompt),
            ![String(prompt[first]), String(prompt[last]), prompt[last] + "s"].contains(where: isEveryday)
        {
            prompt.insert("'", at: last.upperBound)
        }
        if let ownerAfterVerb, let match = ownerAfterVerb.firstMatch(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)),
            let first = Range(match.range(at: 1), in: prompt), let last = Range(match.range(at: 2), in: prompt),
            ![String(prompt[first]), String(prompt[last])].contains(where: isEveryday)
        {
            prompt.insert(contentsOf: "'s", at: last.upperBound)
        }
        return PromptText.outsideQuotes(prompt) { text in
            let nsText = text as NSString
            var names: [NSRange] = []
            for (place, side) in places {
                for match in place.matches(in: text, range: NSRange(location: 0, length: nsText.length)) {
                    let range = match.range(at: 1)
                    guard range.location != NSNotFound, let name = self.name(in: nsText.substring(with: range), side: side) else {
                        continue
                    }
                    let start = side != .before ? range.location : range.location + range.length - (name as NSString).length
                    let found = NSRange(location: start, length: (name as NSString).length)
                    if !names.contains(where: { NSIntersectionRange($0, found).length > 0 }) { names.append(found) }
                }
            }
            var written = text
            for range in names.sorted(by: { $0.location > $1.location }) {
                guard let swiftRange = Range(range, in: written) else { continue }
                written.replaceSubrange(
                    swiftRange, with: written[swiftRange].split(separator: " ").map { String($0).capitalizedFirst }.joined(separator: " "))
            }
            return written
        }
    }

    /// The name among `words`: those next to the anchor up to the first everyday word; nil when the first is one.
    private static func name(in words: String, side: Side) -> String? {
        let split = words.split(whereSeparator: \.isWhitespace).map(String.init)
        let kept = side != .before ? Array(split.prefix { !isEveryday($0) }) : Array(split.reversed().prefix { !isEveryday($0) }.reversed())
        guard !kept.isEmpty, kept.count > 1 || (kept[0].count >= 3 && side != .afterTwoWords) else { return nil }
        return kept.joined(separator: " ")
    }

    static func isEveryday(_ word: String) -> Bool {
        let lower = word.lowercased().replacingOccurrences(of: "’", with: "'")
        return everyday.contains(lower) || PromptText.stopWords.contains(lower) || PromptClauses.fillers.contains(lower)
            || FieldName.recordNouns.contains(lower) || lower.hasSuffix("'s") || lower.hasSuffix("'re") || lower.hasSuffix("'ll")
    }

    /// Words of requests that name nobody.
    static let everyday: Set<String> = Set(
        """
        a an the my our your their his her its this that these those all every each any some no other another same both either
        me us you him them it i we they he she who what when where which how why whose whether not and or but nor so if than
        with w/ for from to of in on at by about up out over under into onto per via off down around through after before since
        until till between across near
        today tomorrow yesterday tonight morning afternoon aft evening night noon midnight week weekend month year quarter day
        days weeks months hours hour minutes minute min mins hr hrs time date
        monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
        january february march april may june july august september october november december jan feb mar apr jun jul aug sep
        sept oct nov dec
        one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty seventy eighty
        ninety hundred thousand dollars dollar bucks euros euro pounds cents
        now soon later next last first latest newest recent recently oldest earliest previous upcoming current currently
        invoice invoices deal deals contact contacts customer customers client clients subscription subscriptions sub subs payment
        payments refund refunds file files event events meeting meetings mtg mtgs message messages msg msgs channel channels email
        emails mail mails inbox phone number nr company account accounts team crm stripe hubspot slack gmail drive calendar cal
        lead leads vendor vendors supplier suppliers order orders amount amounts stage pipeline plan plans price prices total
        totals balance details detail record records info list report notes note doc docs document documents call calls
        name names amount title titles status due expected close closing created modified size type owner renewal renews billing
        start end attendees location description topic members purpose id ids stage stages job lifecycle country timezone zone
        coordinates humidity wind conditions sender subject snippet body text address
        worth value cost costs weather forecast temperature temp people person everyone everybody someone somebody anyone anybody nobody guy
        open paid unpaid overdue outstanding new old active canceled cancelled past due pending draft closed won lost big biggest
        small smallest largest main full whole only just also still yet again ever never even really very much many more most
        less least few several one two three four five six seven eight nine ten
        is are was were be been being am has have had do does did done said says say signed sign agreed send sent post posted
        emailed update updated add added create created make made book booked schedule scheduled refunded look find get got show
        tell told check works work working worked called named call pay pays owe owes owed want wants need needs know let
        ok okay yes yeah yep no nope hi hey hello thanks thank thx ty pls plz please cheers asap fyi btw lol
        """.split(whereSeparator: \.isWhitespace).map(String.init))
}
