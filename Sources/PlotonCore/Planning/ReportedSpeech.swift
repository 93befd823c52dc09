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
            PromptClauses.classify(lead.hasSuffix(":") ? String(lead.dropLast()) : lead).1.map({ PromptClauses.actionVerbs[$0] == nil })
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
        let order = String(after[end.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
        let (kind, verb) = PromptClauses.classify(order)
        guard order.split(separator: " ").count >= 2, verb != nil || order.hasSuffix("?"),
            // "The user asked: "…?" Please handle it.", "Reply with just those two numbers": a request relayed, then how to
            // answer it.
            order.rangeOfMatch(
                of:
                    #"(?i)^(?:please\s+|kindly\s+|can\s+you\s+)?(?:handle|action|do|process|reply|respond|answer|return|proceed|go\s+ahead)\b"#
            )
                == nil
        else { return prompt }
        if kind != .unsupported {
            guard order.rangeOfMatch(of: pointsAtQuote) == nil, !takesValues(of: quote.text, into: order, kind: kind) else {
                return prompt
            }
        }
        return named(order, after: context)
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
        let people = PartyNames.fullNames(in: context)
        guard people.count == 1, let person = people.first, PartyNames.fullNames(in: order).isEmpty,
            order.rangeOfMatch(of: #"(?i)\b(?:she|he|her|his|him)\b"#) != nil
        else { return order }
        let address = PromptText.emails(in: order).isEmpty ? PromptText.emails(in: context).first : nil
        var named = SceneSentences.named(
            order.replacingMatches(of: #"(?i)\b(?:she|he)\b"#, with: NSRegularExpression.escapedTemplate(for: person)), person)
        // "email Chloe Chen (chloe.chen@…) back saying …": the address once, where the person is first named.
        if let address, let first = named.range(of: person), !named[first.upperBound...].hasPrefix("'s") {
            named.replaceSubrange(first, with: "\(person) (\(address))")
        }
        return named
    }
}
