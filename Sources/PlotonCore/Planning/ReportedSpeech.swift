import Foundation

/// A customer's own words quoted before what to do about them, as support desks write: `Ben Chen: "we need 10 more seats,
/// can you bump us to Enterprise?" Upgrade his subscription to Enterprise.`, `Isla Silva emailed: "Heads up, I've moved
/// from Globex to Hooli." Change her company to Hooli in the CRM.` The quote tells what happened; the order after it is the
/// request (the quote's own asks were planned instead: a subscription read for "cancel", a mail search for "unsubscribe",
/// the order dropped). The quote is left out and the order's "him", "her" and "his" named after the one person who spoke.
///
/// The quote stays when the order points at it ("Post it to Slack", "Save that quote to Drive", "Look it up please") or
/// takes values only the quote gives ("Add her to the CRM" after a quote with her address, "Book a call with her then"
/// after one with the time).
enum ReportedSpeech {
    /// How a lead-in that introduces someone's words ends: "… wrote:", "Customer says", "From Diego Rossi:".
    static let introduced =
        #"(?i)(?::|\b(?:says?|said|writes?|wrote|emailed|asked|replied|responded|messaged|insists|claims|complained|"#
        + #"told\s+(?:us|me)|left\s+a\s+(?:message|voicemail|note)))\s*$"#

    /// Words that say someone said something, anywhere in the lead-in: "… says they've been", "according to Ava Garcia (".
    static let speaking =
        #"(?i)\b(?:says?|said|writes?|wrote|emailed|asked|replied|messaged|insists|claims|complained|told\s+(?:us|me)|according\s+to)\b"#

    /// An order that points back at the quoted words as what to use.
    static let pointsAtQuote =
        #"(?i)\b(?:post|send|save|forward|share|copy|look|put|paste|log|file|upload|translate|summari[sz]e|check|read|quote|"#
        + #"handle|store|keep|drop|add|pass|relay|escalate|to|with|into|in)\s+(?:it|this|that|these|those|them)\b(?!['’])"#
        + #"|\b(?:the|that|this|their|his|her)\s+(?:quote|message|feedback|text|request|question|note|testimonial|words|comment)\b"#
        + #"|\bwhat\s+(?:s?he|they)\s+(?:said|wrote|asked)\b"#

    static func resolved(_ prompt: String) -> String {
        guard let quote = quoted(in: prompt) else { return prompt }
        let lead = String(prompt[..<quote.opening.lowerBound]).trimmingCharacters(in: .whitespaces)
        // The quote is in the prompt's first sentence, said by someone: "Ben Chen insists "…"", "The Umbrella team says
        // they've been "waiting on us for weeks" about their expansion."
        guard !lead.isEmpty, lead.rangeOfMatch(of: #"[.!?]\s|\n"#) == nil, lead.split(separator: " ").count <= 20,
            lead.rangeOfMatch(of: introduced) != nil || lead.rangeOfMatch(of: speaking) != nil, !lead.contains("#"),
            // ("New lead from the website chat:" is no order to create.)
            PromptClauses.classify(lead.hasSuffix(":") ? String(lead.dropLast()) : lead).1.map({
                PromptClauses.actionVerbs[$0] == nil || $0 == "new"
            })
                ?? true,
            quote.text.split(whereSeparator: \.isWhitespace).count >= 3 || lead.rangeOfMatch(of: introduced) == nil
        else { return prompt }
        // The sentence ends with the quote ("… same role." Change her …) or after it (" - Ava Garcia (ava.garcia@…).",
        // "about their expansion."), which is context like the lead-in.
        let after = prompt[quote.closing.upperBound...]
        let end =
            quote.text.rangeOfMatch(of: #"[.!?]\s*$"#) != nil && after.rangeOfMatch(of: #"^\s+\p{Lu}"#) != nil
            ? after.startIndex..<after.startIndex : after.rangeOfMatch(of: #"^[^.!?\n"“]{0,80}?(?:[.!?]+(?=\s|$)|(?=\n))"#)
        guard let end else { return prompt }
        let context = lead + " " + after[..<end.upperBound]
        var order = String(after[end.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
        let (kind, verb) = PromptClauses.classify(order)
        guard order.split(separator: " ").count >= 2, verb != nil || order.hasSuffix("?"),
            // "The user asked: "…?" Please handle it.", "Reply with just those two numbers": a request relayed, then how to
            // answer it.
            order.rangeOfMatch(
                of:
                    #"(?i)^(?:please\s+|kindly\s+|can\s+you\s+)?(?:handle|action|do|process|reply|respond|answer|return|proceed|go\s+ahead|compute|calculate|work\s+(?:it|that|this)\s+out|figure)\b"#
            )
                == nil
        else { return prompt }
        // "Hi, Tomas Vega here, CTO at Quarry Labs (tomas@…)": who wrote, when the lead-in does not say.
        let speaker = PartyNames.fullNames(in: withoutBrackets(context)).count == 1 ? nil : selfIntroduced(in: quote.text)
        if kind != .unsupported, let carried = carried(from: quote.text, into: order, kind: kind, speaker: speaker) {
            order = carried
        } else if kind != .unsupported {
            guard order.rangeOfMatch(of: pointsAtQuote) == nil, !takesValues(of: quote.text, into: order, kind: kind) else {
                return prompt
            }
        }
        let written = named(order, after: speaker.map { context + " " + $0 } ?? context)
        // "The user asked me: "when's my next dentist appointment?" Can you check their calendar …": a question relayed,
        // then a read that names nothing of its own, is that question.
        if kind == .read, quote.text.hasSuffix("?"), PartyNames.fullNames(in: written).isEmpty,
            written.rangeOfMatch(of: #"[@#\d]|\b(?:pi|ch|cus|in|sub)_\w"#) == nil
        {
            return prompt
        }
        return written
    }

    /// "Hi, I'm Priya Raman, …", "Tomas Vega here", "it's Emma Chen from Umbrella": the name someone introduces
    /// themselves by.
    static func selfIntroduced(in quote: String) -> String? {
        let patterns = [
            #"(?:\b(?:I['’]m|I\s+am|it['’]s|this\s+is|my\s+name\s+is)\s+)(\p{Lu}[\p{L}'’-]+\s+\p{Lu}[\p{L}'’-]+)"#,
            #"(\p{Lu}[\p{L}'’-]+\s+\p{Lu}[\p{L}'’-]+)(?=\s+here\b)"#,
        ]
        for pattern in patterns {
            guard let found = quote.rangeOfMatch(of: pattern) else { continue }
            let name = quote[found].replacingMatches(of: #"^(?:I['’]m|I\s+am|it['’]s|this\s+is|my\s+name\s+is)\s+"#, with: "")
            if PartyNames.fullNames(in: name).count == 1 { return name }
        }
        return nil
    }

    /// The order with the values only the quote gives, said where the order needs them: "Add him as a contact" after "I'm
    /// Tomas Vega, CTO at Quarry Labs (tomas@…)" adds "Tomas Vega, tomas@…, Quarry Labs"; "Update her phone number" after "my
    /// new direct line is +1 628 …" sets it to that; "Check it" after "payment pi_3Sd… went through?" checks that payment.
    static func carried(from quote: String, into order: String, kind: PromptClause.Kind, speaker: String?) -> String? {
        if kind == .create, let speaker,
            let pointer = order.rangeOfMatch(
                of:
                    #"(?i)(?<=\b(?:add|create|save|put)\s)(?:him|her|them)(?=\s+(?:as\s+an?\s+(?:new\s+)?(?:contact|lead)|to\s+(?:the\s+|our\s+)?(?:crm|hubspot))\b)"#
            )
        {
            let company = quote.rangeOfMatch(of: #"(?<=\b(?:at|from)\s)\p{Lu}[\w&'’-]*(?:\s+\p{Lu}[\w&'’-]*){0,2}"#).map {
                String(quote[$0])
            }
            // "Tomas Vega (tomas@…) from Quarry Labs", as a contact's values are read.
            let email = PromptText.emails(in: quote).first.map { " (\($0))" } ?? ""
            return order.replacingCharacters(in: pointer, with: speaker + email + (company.map { " from \($0)" } ?? ""))
        }
        if kind == .update,
            let said = quote.rangeOfMatch(
                of:
                    #"(?i)\b(?:new|direct)\s+(?:direct\s+)?(?:phone\s+number|phone|mobile(?:\s+number)?|cell(?:\s+number)?|number|line)\s+(?:is|will\s+be)\s+\+?[\d(][\d\s().-]{5,}\d"#
            ),
            let value = quote[said].rangeOfMatch(of: #"\+?[\d(][\d\s().-]{5,}\d$"#).map({ quote[said][$0] }),
            order.rangeOfMatch(of: #"(?i)\b(?:phone|number|mobile|cell)\b"#) != nil, order.rangeOfMatch(of: #"\d{3}"#) == nil
        {
            return order.replacingMatches(of: #"\s*[.!]*\s*$"#, with: "") + " to " + value
        }
        if let id = quote.rangeOfMatch(of: #"\b(?:pi|ch)_[A-Za-z0-9]{6,}\b"#),
            quote.rangeOfMatch(of: #"\b(?:pi|ch)_[A-Za-z0-9]{6,}\b[\s\S]*\b(?:pi|ch)_"#) == nil,
            let pointer = order.rangeOfMatch(of: #"(?i)(?<=\b(?:check|verify|confirm|look\sup|find|get|pull|refund)\s)it\b"#)
        {
            return order.replacingCharacters(in: pointer, with: "payment " + quote[id])
        }
        return nil
    }

    /// "Liam Haddad (Wayne Enterprises) asked …": the names outside brackets, which say where someone works.
    static func withoutBrackets(_ text: String) -> String {
        text.replacingMatches(of: #"\(([^()]*)\)"#, with: "").replacingMatches(of: #"\s{2,}"#, with: " ")
    }

    /// The first quoted span: its opening mark, its words and its closing mark.
    static func quoted(in prompt: String) -> (opening: Range<String.Index>, text: String, closing: Range<String.Index>)? {
        guard let open = prompt.firstIndex(where: { $0 == "\"" || $0 == "“" }) else { return nil }
        let mark: Character = prompt[open] == "“" ? "”" : "\""
        let start = prompt.index(after: open)
        guard let close = prompt[start...].firstIndex(of: mark) else { return nil }
        return (open..<start, String(prompt[start..<close]), close..<prompt.index(after: close))
    }

    /// A create, an update or a booking whose values (an address, a phone number, a day or time, an amount) only the quote
    /// states.
    static func takesValues(of quote: String, into order: String, kind: PromptClause.Kind) -> Bool {
        guard [.create, .update, .schedule].contains(kind) else { return false }
        let kinds = [
            #"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"#, #"\+?\d[\d\s().-]{6,}\d"#,
            #"(?i)\b(?:\d{1,2}(?::\d{2})?\s*(?:am|pm)|\d{1,2}:\d{2}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today)\b"#,
            #"[$€£]\s?\d|\b\d[\d,.]*\s*(?:k|usd|eur|gbp|dollars|euros)\b"#,
        ]
        return kinds.contains { quote.rangeOfMatch(of: $0) != nil && order.rangeOfMatch(of: $0) == nil }
    }

    /// The order with "him", "her" and "his" as the one person the lead-in names (with their address, when it gives one and
    /// the order does not).
    static func named(_ order: String, after context: String) -> String {
        // "Customer Chloe Okafor:": the person, without what they are to us.
        let people = PartyNames.fullNames(in: withoutBrackets(context)).map {
            $0.replacingMatches(of: #"^(?:Customer|Client|Prospect|Lead|User|Ticket|From|Dispute|Inbound|Caller)\s+"#, with: "")
        }
        // (Names after the pronoun are the message's: "Email her back saying SAML SSO is available …".)
        guard people.count == 1, let person = people.first, person.contains(" "),
            let pronoun = order.rangeOfMatch(of: #"(?i)\b(?:she|he|her|his|him)\b"#),
            PartyNames.fullNames(in: String(order[..<pronoun.lowerBound])).isEmpty
        else { return order }
        let address = PromptText.emails(in: order).isEmpty ? PromptText.emails(in: context).first : nil
        // "Look up his email in the CRM and book a training session with him": the first is the person, the rest the contact
        // the look-up finds (named again, the event had no attendee).
        let looksUp =
            order.rangeOfMatch(of: #"(?i)\b(?:look\s+up|find|search\s+for)\b[^.!?]*\b(?:in|on)\s+(?:the\s+)?(?:crm|hubspot)\b"#) != nil
        var named = order
        if looksUp, let first = order.rangeOfMatch(of: #"(?i)\b(?:his|her|him)\b"#) {
            named.replaceSubrange(first, with: order[first].lowercased() == "him" ? person : person + "'s")
        } else {
            named = SceneSentences.named(
                order.replacingMatches(of: #"(?i)\b(?:she|he)\b"#, with: NSRegularExpression.escapedTemplate(for: person)), person)
        }
        // "email Chloe Chen (chloe.chen@…) back saying …": the address once, where the person is first named.
        if let address, let first = named.range(of: person), !named[first.upperBound...].hasPrefix("'s") {
            named.replaceSubrange(first, with: "\(person) (\(address))")
        }
        return named
    }
}
