import Foundation

/// "Do not email anyone, just return their names", "Refund pi_… in full. Do not refund any other payment": what an agent
/// tells Ploton not to do is a constraint on the work, no part of it to plan (it was planned as a search of the mail for
/// "not"). One that forbids what the same prompt asks ("Post 'deploy done' in #eng, but don't post anything to Slack
/// today") contradicts it, and the task is refused rather than either half guessed.
enum Prohibitions {
    /// A prohibition's verb and what it forbids, up to the next comma, semicolon or sentence end. It counts when it opens
    /// a sentence, or a part after a comma, a semicolon or "but" (`opensPart`); inside quotes it is the text of a message
    /// ("post 'don't panic'").
    /// ("SAML SSO is available on the Business plan, not on Team": a message's own "not" before a place or a time says
    /// nothing of what to do.)
    static let pattern =
        #"(?i)\b(?:do\s+not|don't|don’t|dont|never|not)\s+(?!(?:on|in|at|for|to|from|with|yet|only|just|really|"#
        + #"sure|available|included|until|before|after|by|as|now|today|tomorrow|ready|done|paid|happy|free|working)\b)"#
        + #"([a-z]+)[^,;.!?\n]*"#

    /// Verbs of one kind of act: forbidding one forbids the others.
    static let families: [Set<String>] = [
        ["post", "send", "share", "message", "notify", "tell", "ping", "announce", "publish", "slack"],
        ["email", "mail", "send", "forward", "reply", "cc"],
        ["refund", "charge", "pay"],
        // "Schedule the vendor call tomorrow at 3pm, but don't put anything on my calendar tomorrow".
        ["create", "add", "make", "book", "schedule", "invite", "put", "block"],
        ["update", "change", "edit", "modify", "move", "rename", "set"],
        ["upload", "save", "store", "write"],
        ["delete", "remove", "cancel", "archive"],
    ]
    /// Things made by one kind of act, for a prohibition whose verb says no more ("issue", "do", "make any").
    static let objectFamilies: [(Set<String>, Set<String>)] = [
        (["refund", "refunds", "charges"], families[2]), (["emails", "email"], families[1]), (["posts", "messages"], families[0]),
    ]
    /// What makes a prohibition leave room for the act asked ("any other payment", "anyone else"), or limits a detail of
    /// it ("Do not add a description" under an event's values).
    static let narrowing: Set<String> = [
        "other", "else", "again", "twice", "another", "more", "extra", "additional", "except", "than", "description", "location",
        "reminder", "reminders", "attachment", "attachments", "agenda", "link", "signature", "cc", "bcc", "emoji", "emojis", "whole",
        "full", "fully", "entire", "entirely", "phone", "subject", "title", "note", "notes",
        // "Update the Hooli pilot deal to closed won. Don't change the amount.": a field left as it is.
        "amount", "stage", "date", "company", "owner", "price",
        // "Never post to channels without an explicit instruction": a rule for other requests, which this one meets.
        "without", "unless", "explicit", "explicitly",
    ]

    /// "That's it, no notifications", "No Slack posts please.", "- no emails needed": a delivery declined in a sentence or
    /// line of its own. It asks for nothing ("no notifications" was returned as a field, "no emails please" searched the
    /// mail). Inside a sentence it may be what a message says ("tell #ops that there are no alerts").
    static let declined =
        #"(?im)(?<=^|[.!?]\s|[-*•–]\s|:\s)[ \t]*(?:(?:that's it|that is it|that's all|that is all|nothing else)[,;.]?\s+)?"#
        + #"(?:and\s+|but\s+|also\s+|so\s+)?\bno\s+(?:(?:slack|email|e-mail|chat|further|other|extra)\s+)?"#
        + #"(?:notifications?|notifs|alerts?|pings|posts|messages|emails|e-mails|dms|announcements?|follow-ups?)\b"#
        + #"(?:\s+(?:please|pls|needed|required|necessary|for now|this time|to anyone))*(?=\s*(?:[.!;\n]|$))"#

    /// The prompt without its prohibitions.
    static func removed(_ prompt: String) -> String {
        let quoted = PromptText.quotedTexts(in: prompt)
        let prompt =
            quoted.contains(where: { $0.rangeOfMatch(of: declined) != nil })
            ? prompt
            : prompt.replacingMatches(of: declined, with: "")
                // "2. No notification needed": the line's marker, left alone, is no part either.
                .replacingMatches(of: #"(?m)^[ \t]*(?:[-*•–]|\d{1,2}[.)])[ \t]*(?:\n|$)"#, with: "")
        let found = matches(in: prompt)
        guard !found.isEmpty else { return prompt }
        let text = NSMutableString(string: prompt)
        for match in found.reversed() { text.replaceCharacters(in: match.range, with: match.range.location == 0 ? "" : ".") }
        return (text as String).trimmingCharacters(in: .whitespaces).replacingMatches(
            of: #"^[\s.,;]+"#, with: "")
    }

    /// The prohibition that forbids an act the rest of the prompt asks for, if one does.
    static func contradiction(in prompt: String) -> String? {
        let found = matches(in: prompt)
        let refused = declinedDelivery(in: prompt)
        guard !found.isEmpty || refused != nil else { return nil }
        // "Action: post in #general …": what a labelled line asks, without its label.
        let unlabelled = removed(prompt).replacingMatches(of: #"(?im)^[ \t]*(?:action|task|request|step|todo)s?\s*:\s*"#, with: "")
        let asked = Set(PromptClauses.split(unlabelled).filter(\.isAction).compactMap(\.verb))
        // "post 'release v3 is live' to #engineering\nconstraints: no Slack posts": the very delivery asked, declined.
        if let (text, verbs) = refused, !verbs.isDisjoint(with: asked) { return text }
        return found.first { match in
            let words = PromptText.words(match.text)
            // "Do not issue any refunds today": a verb of no family forbids what its object names.
            let named = families.first { $0.contains(match.verb) } == nil ? objectFamilies.first { !words.isDisjoint(with: $0.0) }?.1 : nil
            let kinds = families.filter { $0.contains(match.verb) || $0 == named }.reduce(into: Set<String>()) { $0.formUnion($1) }
            // A label's rule contradicts only the very act asked ("Post … Constraints: do not post anything"); "Constraints: do
            // not send any email" beside a contact's "email tomasz@…" forbids nothing asked.
            return words.isDisjoint(with: narrowing) && (match.labelled ? asked.contains(match.verb) : !kinds.isDisjoint(with: asked))
        }?.text.replacingMatches(of: #"^[\s,;*•-]*(?:(?i)but\s+|and\s+)?"#, with: "")
    }

    /// "no Slack posts", "no emails": a delivery of one kind declined in a part of its own, and the verbs that make one.
    static func declinedDelivery(in prompt: String) -> (String, Set<String>)? {
        guard let range = prompt.rangeOfMatch(of: declined),
            !PromptText.quotedTexts(in: prompt).contains(where: { $0.contains(prompt[range].trimmingCharacters(in: .whitespaces)) })
        else { return nil }
        let text = prompt[range].trimmingCharacters(in: .whitespaces)
        let words = PromptText.words(text)
        if !words.isDisjoint(with: ["emails", "e-mails", "email", "e-mail"]) { return (text, families[1]) }
        if !words.isDisjoint(with: ["slack", "posts", "dms", "announcement", "announcements"]) { return (text, families[0]) }
        return nil
    }

    private struct Match {
        let range: NSRange
        let verb: String
        let text: String
        /// Opened by a label ("Constraints: do not post …").
        let labelled: Bool
    }

    private static func matches(in prompt: String) -> [Match] {
        let masked = NSMutableString(string: prompt)
        for quoted in PromptText.quotedTexts(in: prompt) {
            var searched = NSRange(location: 0, length: masked.length)
            while case let found = masked.range(of: quoted, range: searched), found.location != NSNotFound {
                masked.replaceCharacters(in: found, with: String(repeating: "x", count: found.length))
                searched = NSRange(location: found.location + found.length, length: masked.length - found.location - found.length)
            }
        }
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let original = prompt as NSString
        return expression.matches(in: masked as String, range: NSRange(location: 0, length: masked.length)).compactMap { match in
            guard let start = opensPart(before: match.range.location, in: original) else { return nil }
            let range = NSRange(location: start, length: match.range.location + match.range.length - start)
            let labelled = start > 0 && original.substring(with: NSRange(location: start - 1, length: 1)) == ":"
            return Match(
                range: range, verb: original.substring(with: match.range(at: 1)).lowercased(), text: original.substring(with: range),
                labelled: labelled)
        }
    }

    /// Where the part a prohibition at `location` opens starts (its "please", "but" and the comma before them
    /// included), or nil when it follows other words of its sentence ("email bob saying don't forget").
    private static func opensPart(before location: Int, in text: NSString) -> Int? {
        var start = location
        func character(before index: Int) -> Character? {
            index > 0 ? UnicodeScalar(text.character(at: index - 1)).map(Character.init) : nil
        }
        func skipSpaces() { while let previous = character(before: start), previous == " " || previous == "\t" { start -= 1 } }
        func skip(_ word: String) -> Bool {
            let length = word.utf16.count
            guard start >= length, text.substring(with: NSRange(location: start - length, length: length)).lowercased() == word,
                character(before: start - length)?.isLetter != true
            else { return false }
            start -= length
            return true
        }
        skipSpaces()
        if skip("please") { skipSpaces() }
        // "… and also don't refund it": a part of its own.
        let also = skip("also")
        if also { skipSpaces() }
        let but = skip("but")
        if !but { _ = skip("and") }
        skipSpaces()
        // "Constraints:\n- Do not post anything to Slack.": a bulleted rule opens its line.
        if let bullet = character(before: start), "-*•".contains(bullet), character(before: start - 1).map({ " \t\n".contains($0) }) ?? true
        {
            start -= 1
            skipSpaces()
        }
        // "Refund Diego's last invoice. Actually no - do not issue any refunds": the words taking the ask back open the part.
        // "… um but actually don't issue any refunds", "… but like dont refund anything yet lol": said, fillers and all.
        let takingBack = ["no", "actually", "wait", "sorry", "hmm", "oh", "hold", "on", "but", "like", "and", "so", "ok", "okay"]
        while true {
            let before = start
            if let dash = character(before: start), "-–—,".contains(dash) { start -= 1 }
            skipSpaces()
            if !takingBack.contains(where: skip) { start = before }
            if start == before { break }
            skipSpaces()
        }
        guard let previous = character(before: start) else { return 0 }
        if ",;".contains(previous) { return start - 1 }
        // ("but actually don't", "but like dont": the "but" skipped inside the words taking the ask back.)
        let tookBack =
            start < location
            && text.substring(with: NSRange(location: start, length: location - start))
                .lowercased().split(separator: " ").contains("but")
        // "Constraints: do not post anything to chat": a label's text opens a part too.
        if ".!?\n:".contains(previous) { return start }
        // "… in #support: 'We are investigating.' Do not post anything": a quote ending its own sentence ends this one too.
        if "'\"”’".contains(previous), let inner = character(before: start - 1), ".!?".contains(inner) { return start }
        return but || also || tookBack ? start : nil
    }
}
