import Foundation

/// "a summary of the latest invoice emailed to our accountant at books@…", "the weather in Dublin sent
/// to #general", "have the open deals emailed to pat@…": a delivery written as a participle after what
/// it carries. Read as words of the read, the send was dropped (or "sent" joined the place name); it is
/// the read, then the send of it. "emails sent to ann@…" stays a search of mail.
enum PassiveDeliveries {
    static let participles: [String: String] = [
        "emailed": "email", "mailed": "email", "sent": "send", "posted": "post", "shared": "share", "slacked": "slack",
        "messaged": "message", "forwarded": "send", "dropped": "post",
    ]
    static let pattern = try? NSRegularExpression(
        pattern:
            #"\b(emailed|mailed|sent|posted|shared|slacked|messaged|forwarded|dropped)\s+(?=(?:over\s+)?(?:to|in|on|into|onto)\b(?:[^.;!?]|\.(?=\S)){0,60}?[@#])"#,
        options: [.caseInsensitive])
    /// "the overdue invoices sent over by email", "… shared via Slack": the send, with whom it goes to still to ask.
    static let byMedium = try? NSRegularExpression(
        pattern:
            #"\b(?:emailed|mailed|sent|shared|forwarded|delivered)\s+(?:over\s+|across\s+|out\s+)?(?:by|via|through|over|in\s+an?)\s+(e-?mail|gmail|slack)\b"#,
        options: [.caseInsensitive])
    /// Before a participle, a verb that makes it a question about what happened ("what was posted in #x").
    static let auxiliaries: Set<String> = ["was", "were", "been", "got", "gotten", "is", "are", "being", "has", "have", "had"]
    /// "was the weather report posted to #general today", "were any invoices emailed to pat@… this week":
    /// the sentence asks whether it happened (it opens with a verb of being or doing), it does not ask for it.
    static func asksWhetherDone(_ before: Substring) -> Bool {
        let sentence = before.split(omittingEmptySubsequences: false, whereSeparator: { ".?!;\n".contains($0) }).last ?? before
        guard let first = sentence.split(whereSeparator: { $0.isWhitespace }).first?.lowercased() else { return false }
        return auxiliaries.union(["did", "didn't", "wasn't", "weren't", "hasn't", "haven't"]).contains(first)
    }

    /// Mail itself: "emails sent to ann@…" is a search of what was sent.
    static let mailWords: Set<String> = ["email", "emails", "mail", "mails", "message", "messages", "inbox", "gmail", "dm", "dms"]

    /// "open deals saved to Drive as deals.csv", "contacts created last month, csv to drive as c.csv": a
    /// save to Drive written without its verb, after what it carries.
    static let driveSave = try? NSRegularExpression(
        pattern:
            #"(?<=\S)(?:(?:\s+(?:saved|uploaded|written|exported|stored)|\s*,\s*(?:as\s+)?(?:an?\s+)?(?:csv|json|txt|text|file)?|\s+as\s+(?:an?\s+)?(?:csv|json|txt|text\s+file|file))\s+(?:to|into|onto|on)\s+)(?=(?:my\s+|our\s+|the\s+)?(?:google\s+)?drive\b)"#,
        options: [.caseInsensitive])
    /// Words before a participle that make it a description of files, not a save: "files uploaded to Drive".
    static let fileWords: Set<String> = [
        "file", "files", "doc", "docs", "document", "documents", "upload", "uploads", "pdf", "pdfs", "sheet", "sheets", "spreadsheets",
        "is", "are", "was", "were", "been", "be",
    ]

    static func resolved(_ prompt: String) -> String {
        savedToDrive(sentBy(sentTo(prompt)))
    }

    static func savedToDrive(_ prompt: String) -> String {
        // The pattern starts only after a word (`(?<=\S)`): tried from every space of a long run of them, it
        // took seconds of CPU on 10,000 spaces.
        guard prompt.range(of: "drive", options: .caseInsensitive) != nil, let driveSave,
            let match = driveSave.firstMatch(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)),
            let range = Range(match.range, in: prompt)
        else { return prompt }
        let before = prompt[..<range.lowerBound].split(whereSeparator: \.isWhitespace).suffix(3).map {
            $0.lowercased().trimmingCharacters(in: .punctuationCharacters)
        }
        guard before.count >= 2, fileWords.isDisjoint(with: before) else { return prompt }
        return prompt.replacingCharacters(in: range, with: " and then save it to ")
    }

    static func sentBy(_ prompt: String) -> String {
        guard let byMedium, let match = byMedium.firstMatch(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)),
            let range = Range(match.range, in: prompt), let medium = Range(match.range(at: 1), in: prompt)
        else { return prompt }
        let before = prompt[..<range.lowerBound].split(whereSeparator: \.isWhitespace).suffix(4).map {
            $0.lowercased().trimmingCharacters(in: .punctuationCharacters)
        }
        guard before.count >= 2, mailWords.isDisjoint(with: before) else { return prompt }
        let send = prompt[medium].lowercased() == "slack" ? "post it on slack" : "email it"
        return prompt.replacingCharacters(in: range, with: "and then \(send)")
    }

    static func sentTo(_ prompt: String) -> String {
        guard let pattern, let match = pattern.firstMatch(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)),
            let range = Range(match.range, in: prompt), let word = Range(match.range(at: 1), in: prompt),
            let verb = participles[prompt[word].lowercased()]
        else { return prompt }
        let before = prompt[..<range.lowerBound].split(whereSeparator: \.isWhitespace).suffix(4).map {
            $0.lowercased().trimmingCharacters(in: .punctuationCharacters)
        }
        // Nothing before it to carry, mail itself ("the messages posted in #sales"), or a question about
        // what was done ("what was posted in #sales today", "has anything been sent to #ops").
        // "what the guys posted in #van-crew", "whatever people said in #ops": what someone wrote there, asked for.
        let wrote =
            prompt[..<range.lowerBound].rangeOfMatch(
                of: #"(?i)\bwhat(?:ever)?\s+(?:(?:the|our|my|all\s+the)\s+)?[\w'’-]+(?:\s+[\w'’-]+)?\s*$"#)
            != nil
        guard before.count >= 2, mailWords.isDisjoint(with: before), !before.contains(where: { $0.hasPrefix("#") }),
            let last = before.last, !auxiliaries.contains(last), !asksWhetherDone(prompt[..<range.lowerBound]), !wrote
        else { return prompt }
        return prompt.replacingCharacters(in: range, with: "and then \(verb) it ")
    }
}
