import Foundation

/// What a sales rep dictates after a call: the news first, then a bare ask — "Wayne expansion - amount went up to 41,000
/// after they added two more sites. update the deal", "Hiro Rossi left Acme, he's at Globex now (hiro.rossi@globex.example).
/// Update his company and email in the CRM", "Grace Haddad (Initech) - new number +1 628 555 0133, old one is dead. update
/// her record". The ask names no value and the news asks nothing; together they are one change of one record, written as
/// the planner reads it: "update the Wayne expansion deal: amount 41,000". (The asks were refused — "no tool here can update
/// that" — asked for the record's id, or read as a record to create.)
enum RecordNews {
    /// The ask: a verb of change with the record, its fields or the CRM as its object, and nothing more than "please".
    private static let ask =
        #"(?i)(?:^|(?<=[.!?,;:)])|\s[-–—]|(?<=\s))\s*(?:(?:so|ok|and|also|now)\s+)?(?:(?:please|pls|plz|kindly|can\s+(?:you|u)|could\s+(?:you|u))\s+)*"#
        // ("… confirming the change": a noun.)
        + #"(?<!\b(?:the|a|an|this|that|of|any|no)\s)(update|change|fix|correct|reflect|amend|reopen|move|add\s+(?:it|this|that)\s+to)\b((?:\s+(?:it|that|this|them|him|her|both|all\s+three|"#
        + #"all\s+of\s+(?:it|that)|the\s+same|(?:the\s+)?(?:deal|record|contact|crm|entry)|"#
        + #"(?:(?:her|his|their|its|the)\s+|[\p{L}'’-]+(?:\s+[\p{L}'’-]+)?['’]s\s+)?(?:record|contact|details|entry|info|"#
        + #"job\s+title|title|company|e-?mail|phone(?:\s+number)?|number|mobile|stage|amount|close\s+date|last\s+name)|crm|hubspot|"#
        + #"(?:and|&|,)\s+(?:her|his|its|the)?\s*(?:job\s+title|title|company|e-?mail|phone|number|stage|amount|close\s+date)|"#
        + #"(?:in|on)\s+(?:the\s+)?(?:crm|hubspot|system)|pls|please|plz|thx|thanks|asap|for\s+me))*)"#
        // "reopen it, stage appointment scheduled": the value the ask gives.
        + #"(?:,?\s*stage\s+[\p{L} ]{4,40})?\s*[.!?]*"#
        + #"(?=\s*$|\s*(?:,\s*)?(?:and|then|&|also)\s+|\.\s+(?:also|then)\s+)"#

    static func resolved(_ prompt: String) -> String {
        guard prompt.count <= 500, !prompt.contains("\n"), !prompt.contains("\""), !prompt.contains("“") else { return prompt }
        // "Initech platform deal amount is now 52k after PO rev C": the change stated alone (the deals were listed).
        if prompt.rangeOfMatch(
            of:
                #"(?i)^\s*(?:the\s+)?[\p{L}&'’ -]{2,40}?\s+deal\s+(?:amount|close\s+date|stage)\s+(?:is\s+now|has\s+(?:been\s+)?changed\s+to|changed\s+to|moved\s+to)\b[^?]*$"#
        )
            != nil
        {
            return dealChange(prompt, news: prompt, asked: "update the deal") ?? prompt
        }
        guard let found = prompt.matchRanges(of: ask).last, found.lowerBound > prompt.startIndex else { return prompt }
        let news = String(prompt[..<found.lowerBound])
        let asked = String(prompt[found]).lowercased()
        // "… and tell #sales", "… then email a heads up to cfo@…": what else is asked, after the change.
        var rest = String(prompt[found.upperBound...]).replacingMatches(
            of: #"(?i)^\s*(?:,\s*)?(?:and|then|&|also)\s+|^\.\s+(?:also|then)\s+"#, with: "")
        // "… reply to him at the new address confirming the change": the address the news gives.
        if let address = PromptText.emails(in: String(prompt[..<found.lowerBound])).last {
            rest = rest.replacingMatches(
                of: #"(?i)\b(?:him|her|them)\s+at\s+(?:the|his|her|their)\s+new\s+(?:e-?mail\s+)?(?:address|e-?mail)\b"#,
                with: NSRegularExpression.escapedTemplate(for: address))
        }
        // ("… and book a catch-up with her": what else is asked speaks of the record, and stays with it as written.)
        guard news.split(whereSeparator: \.isWhitespace).count >= 3, !ordersSomething(news),
            rest.rangeOfMatch(of: #"(?i)\b(?:him|her|them|his|their|its|it)\b"#) == nil
                || rest.rangeOfMatch(of: #"(?i)^\s*(?:his|her|their|its|the)\s"#) != nil
        else { return prompt }
        // "Update his record. Also his new email is hiro.k@…": more news, not another request.
        let more = rest.rangeOfMatch(of: #"(?i)^\s*(?:his|her|their|its|the)\s+(?:new\s+)?[\w ]{2,20}\s+(?:is|are)\b"#) != nil
        let said = news + " " + asked + (more ? " " + rest : "")
        let told = more ? news + ". " + rest : news
        let change = dealChange(said, news: told, asked: asked) ?? contactChange(said, news: told, asked: asked)
        guard let change else { return prompt }
        return more || rest.trimmingCharacters(in: .whitespaces).isEmpty ? change : change + ". Then " + rest
    }

    /// Whether the news itself asks for something: a sentence opening with a verb a tool does.
    static func ordersSomething(_ news: String) -> Bool {
        let verbs =
            #"(?:email|e-mail|send|post|tell|notify|create|add|schedule|book|refund|upload|save|list|show|find|get|pull|look|search|check|"#
            + #"give|let|ping|message|inform|share|mark|move|set|put|invite|remind)"#
        return news.rangeOfMatch(of: #"(?i)(?:^|[.!?;]\s+)(?:(?:please|pls|can\s+you|could\s+you)\s+)?"# + verbs + #"\b"#) != nil
    }

    // MARK: Deals

    private static let kinds = #"renewal|pilot|expansion|platform|upsell|add-on|rollout"#

    static func dealChange(_ said: String, news: String, asked: String) -> String? {
        // "Just got off the phone with Umbrella - they're signing. Renewal is closed won": the company named before.
        guard let kind = news.captured(of: #"(?i)\b("# + kinds + #")\b"#, group: 1) else { return nil }
        let named = news.captured(of: #"(?i)\b((?:\p{L}[\p{L}&'’]*\s+){0,2}?\p{L}[\p{L}&'’]*)\s+(?:-\s+)?(?:"# + kinds + #")\b"#, group: 1)
        let met = news.captured(
            of:
                #"\b(?i:with|w/|from|the)\s+(\p{Lu}[\p{L}&'’]*(?:\s+\p{Lu}[\p{L}&'’]*)?)(?=\s+(?i:call|meeting|demo|team|folks)\b|\s*[-–—.,:])"#,
            group: 1)
        guard let company = named.map(companyWords).flatMap({ $0.isEmpty ? nil : $0 }) ?? met ?? DealNews.company(in: news) else {
            return nil
        }
        var values: [String] = []
        let wants = { (field: String) in fieldsNamed(asked).isEmpty || fieldsNamed(asked).contains(field) }
        if wants("amount"), let amount = lastAmount(in: news) { values.append("amount " + amount) }
        if wants("close date"), said.rangeOfMatch(of: #"(?i)\bclos(?:e|ing)\b|\bpushed\b|\bslipped\b|\bmoved\s+to\b"#) != nil,
            let date = lastDate(in: said)
        {
            values.append("close date " + date)
        }
        if wants("stage"), let stage = lastStage(in: said) { values.append("stage " + stage) }
        guard !values.isEmpty else { return nil }
        // "the Hooli - Expansion deal": the name as the CRM writes it, when the news does.
        let written = news.captured(
            of: #"(?i)\b"# + NSRegularExpression.escapedPattern(for: company) + #"\s+[-–]\s+(?:"# + kinds + #")\b"#, group: 0)
        return "update the \(written ?? company + " " + kind) deal: " + values.joined(separator: ", ")
    }

    /// The company of a deal named in the news, capitalised, without the words that open a sentence.
    static func companyWords(_ named: String) -> String {
        let skipped: Set<String> = [
            "ok", "so", "the", "our", "their", "on", "for", "with", "update", "news", "deal", "wrap-up", "from", "call", "after", "w/",
            "hey", "hi", "just", "quick", "re", "about", "of", "and", "also", "but", "now", "today", "that", "this", "new", "big",
        ]
        let words = named.split(whereSeparator: \.isWhitespace).map { $0.replacingMatches(of: #"['’]s$"#, with: "") }
            .drop { skipped.contains($0.lowercased()) }
        guard words.allSatisfy({ !skipped.contains($0.lowercased()) }) else { return "" }
        return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// The fields the ask names ("change the close date", "update his title and company"), none when it names the record.
    static func fieldsNamed(_ asked: String) -> Set<String> {
        var fields: Set<String> = []
        for (pattern, field) in [
            (#"\bclose\s+date\b"#, "close date"), (#"\bamount\b"#, "amount"), (#"\bstage\b"#, "stage"), (#"\btitle\b"#, "job title"),
            (#"\bcompany\b"#, "company"), (#"\be-?mail\b"#, "email"), (#"\b(?:phone|number|mobile)\b"#, "phone"),
            (#"\blast\s+name\b"#, "last name"),
        ] where asked.rangeOfMatch(of: pattern) != nil {
            fields.insert(field)
        }
        return fields
    }

    /// "went up to 41,000", "now 33,500 instead of 37.5k", "17k → 21k", "$39k": the amount the deal has now.
    static func lastAmount(in news: String) -> String? {
        let money =
            #"(?:[$€£]\s?|(?:usd|eur|gbp)\s?)?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:\s?[kKmM]\b)?|(?:[$€£]\s?)?\d+(?:\.\d+)?\s?[kKmM]\b|[$€£]\s?\d+(?:\.\d+)?|\d{4,}"#
        let candidates = news.matchRanges(of: #"(?i)(?<![\w./-])(?:"# + money + #")(?!\s*(?:seats?|licen[cs]es?|sites?|users?|%|am|pm|/))"#)
            .filter { range in
                // Not what it was ("instead of 37.5k"), nor a phone's digits.
                news[..<range.lowerBound].rangeOfMatch(of: #"(?i)(?:instead\s+of|from|was)\s*$"#) == nil
                    && news[range].filter(\.isNumber).count < 7
            }
        guard let last = candidates.last else { return nil }
        return String(news[last]).trimmingCharacters(in: .whitespaces)
    }

    static let datePattern =
        #"(?i)\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|"#
        + #"\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*(?:\s+\d{4})?|"#
        + #"\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{4}-\d{2}-\d{2}|end\s+of\s+(?:the\s+)?(?:month|quarter|year))\b"#

    static func lastDate(in text: String) -> String? {
        text.matchRanges(of: datePattern).last.map { String(text[$0]) }
    }

    /// The stage the deal is in now: the last one said ("contract sent → they signed. closed won").
    static func lastStage(in text: String) -> String? {
        let phrases = ActionSteps.dealStages.flatMap { [NSRegularExpression.escapedPattern(for: $0.phrase), $0.id] }.joined(separator: "|")
        let spoken = #"|\bsigned\b|\bsigning\b|\bwon\b(?!['’])|\blost\s+(?:it|budget)\b|\bis\s+dead\b|\bwe\s+lost\b"#
        guard let last = text.matchRanges(of: #"(?i)\b(?:"# + phrases + #")\b"# + spoken).last else { return nil }
        let phrase = text[last].lowercased()
        if ["signed", "signing", "won"].contains(phrase) { return "closedwon" }
        if phrase.hasPrefix("lost") || phrase.hasSuffix("dead") || phrase == "we lost" { return "closedlost" }
        // (The stage's id: "appointment scheduled" written out reads as a calendar event.)
        return ActionSteps.dealStages.first { $0.id == phrase || $0.phrase == phrase }?.id ?? phrase
    }

    // MARK: Contacts

    static func contactChange(_ said: String, news: String, asked: String) -> String? {
        // ("Maya Chen (Stark)": where she works is no part of her name.)
        let unbracketed = news.replacingMatches(of: #"\([^()]*\)"#, with: ",")
        guard let found = PartyNames.fullNames(in: unbracketed).first ?? lowercaseName(news) else { return nil }
        let name = found.replacingMatches(of: #"['’]s$"#, with: "")
        let wants = { (field: String) in fieldsNamed(asked).isEmpty || fieldsNamed(asked).contains(field) }
        let title =
            #"((?:VP|SVP|EVP|CTO|CEO|CFO|COO|CIO|CMO|Head|Director|Manager|Chief|Senior|Lead|President|Partner)\b[^.,;()\n]{0,40}?)"#
            + #"(?=\s*(?:[.,;()]|\s+(?:at|and|now|there|instead)\b|$))"#
        var values: [String] = []
        if wants("last name"), let last = news.captured(of: #"(?i)\blast\s+name\s+(?:is\s+)?(?:now\s+)?(\p{Lu}[\p{L}'’-]+)"#, group: 1) {
            values.append("last name " + last)
        }
        if wants("phone"), let phone = ActionSteps.phoneNumber(in: news) ?? phoneLike(in: news) { values.append("phone " + phone) }
        if wants("email"), let email = PromptText.emails(in: news).last { values.append("email " + email) }
        let company =
            news.captured(
                of:
                    #"\b(?:(?i:is|he['’]s|she['’]s|they['’]re)\s+(?i:now\s+)?(?i:at|with)|(?i:joined|moved\s+(?:across\s+|over\s+)?to|now\s+works\s+at|now\s+at)|"#
                    + #"(?i:moved\s+from\s+)[\p{L}&'’.]+(?:\s+\p{Lu}[\p{L}&'’.]*)?\s+(?i:to))\s+(\p{Lu}[\p{L}&'’.]*(?:\s+(?:&\s+)?\p{Lu}[\p{L}&'’.]*){0,2})"#,
                group: 1)
        if wants("company"), let company, company != name { values.append("company " + company) }
        if wants("job title"),
            let role = news.captured(
                of: #"(?i)\b(?:now(?:\s+their|\s+the)?|promoted\s+to|became(?:\s+their|\s+the)?|as|title\s+(?:is\s+)?(?:now\s+)?)\s+"#
                    + title,
                group: 1)
        {
            values.append("job title " + role.trimmingCharacters(in: .whitespaces))
        }
        guard !values.isEmpty else { return nil }
        return "update contact \(name): " + values.joined(separator: ", ")
    }

    /// "her number changed to 415.555.0199", "her direct line: 415 555 0166": digits written as a phone number.
    static func phoneLike(in text: String) -> String? {
        text.matchedTexts(
            of:
                #"(?<![\w@./-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){1,3}(?![\w@/-])|(?<![\w@.])\d{10,11}(?![\w@])"#
        )
        .first { $0.filter(\.isNumber).count >= 7 }
    }

    /// "jonas rossi phone 4155550150 update plz": a name typed in lower case, opening the news.
    static func lowercaseName(_ news: String) -> String? {
        guard
            let run = news.captured(
                of: #"^\s*([a-z][a-z'’-]+\s+[a-z][a-z'’-]+)\s+(?:phone|number|mobile|e-?mail|title|company|is|at|from)\b"#, group: 1)
        else { return nil }
        return run.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}
