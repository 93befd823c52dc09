import Foundation

/// Ways of delivering or booking that no tool here has: "let the customer know by SMS", "mail a paper
/// copy to his office", "book a table at Nopa". Planned as the nearest tool (an email, a calendar
/// event) the task would complete having done something else than asked.
enum UnsupportedMeans {
    /// "by SMS", "via text message", "over the phone", "by fax": a delivery no tool makes.
    static let delivery = try? NSRegularExpression(
        pattern:
            #"\b(?:by|via|over|through|in|as)\s+(?:an?\s+|the\s+)?(sms|texts?(?:\s+message)?|phone(?:\s+call)?|(?:snail\s+)?mail(?=\s+to\s+(?:his|her|their|the)\s+(?:office|address|home))|post(?=\s+to\s+(?:his|her|their|the)\s+(?:office|address|home))|letter|fax|whatsapp|voicemail|docusign|hellosign|pandadoc|adobe\s+sign)\b"#,
        options: [.caseInsensitive])
    /// "send an SMS to +1 415 …", "send Bob a text message", "a WhatsApp": a message of a kind no tool sends (the
    /// task asked for a channel or an address instead of saying so), when the part names no address or channel
    /// and its verb is no email or post ("email them the text: …").
    static let messageKind = try? NSRegularExpression(
        pattern:
            #"\b(?:an?|the|my|our)\s+(sms(?:\s+messages?)?|texts?\s+messages?|whatsapp(?:\s+messages?)?|imessages?|push\s+notifications?|voicemails?|faxe?s?)\b"#
            // "Send SMS to Chloe Okafor that …".
            + #"|(?<=\bsend\s)(sms(?:es)?|texts?\s+messages?)\b"#
            // "send 'omw' to the squad whatsapp group".
            + #"|\b(whatsapp)\s+(?:group|chat)\b"#,
        options: [.caseInsensitive])
    /// "send Bob a text": a text message.
    static let aText = try? NSRegularExpression(
        pattern: #"\b(?:an?|the)\s+(texts?)\b(?!\s+(?:of|file)\b|\s*[:"'“])"#, options: [.caseInsensitive])
    /// "a paper copy", "a printed copy", "a hard copy", "snail mail": paper, which no tool sends.
    static let paper = try? NSRegularExpression(
        pattern: #"\b(paper|printed|hard)\s+cop(?:y|ies)\b|\bsnail\s+mail\b"#, options: [.caseInsensitive])
    /// "send an invoice for $1,200 to Halcyon", "send an invoice to Globex for $500", "email ben@… an invoice for $50",
    /// "invoice them for $300": a new
    /// invoice, which no tool makes (the task sent every invoice, or asked where to send one).
    static let newInvoice = try? NSRegularExpression(
        pattern:
            #"\b(?:an?\s+(?:new\s+)?invoice(?:\s+to\s+[A-Z][\w&'-]*(?:\s[A-Z&][\w&'-]*){0,3})?|invoice\s+(?:him|her|them|us|[A-Z]\w+))\s+(?:for|of)\s+[$€£]?\s?\d[\d,.]*\d?k?"#
    )
    /// "email it to cfo@… as an attachment", "attach the file": an email with a file attached, which
    /// no tool sends (the email went out with a line naming the file). "Attached is …" in what an
    /// email says is not matched.
    static let attachment = try? NSRegularExpression(
        pattern: #"\bas\s+(?:an?\s+)?attach(?:ment|ments|ed\s+files?)\b|\battach\s+(?:it|them|the|this|that|my|our)\b"#,
        options: [.caseInsensitive])
    /// A file named with its extension ("Budget.xlsx").
    static let fileName = try? NSRegularExpression(pattern: #"\b[\w-]+\.(?:xlsx?|docx?|pptx?|pdf|csv|txt|md|png|jpe?g)\b"#)
    /// Words that make "share … with" a grant of access to a file, not a message.
    static let accessWords: Set<String> = ["drive", "access", "permission", "permissions", "folder", "edit", "view", "viewer", "editor"]

    /// What "book" or "reserve" can take that is no calendar event.
    static let bookings: Set<String> = [
        "table", "flight", "flights", "hotel", "room", "car", "taxi", "cab", "ride", "ticket", "tickets", "seat", "seats", "restaurant",
        "train", "uber", "trip", "venue", "desk",
    ]

    /// File services other than Google Drive, written in lower case too ("-> dropbox as x.csv"): the
    /// upload went to Drive.
    static let otherDrives: [String: String] = [
        "dropbox": "Dropbox", "onedrive": "OneDrive", "sharepoint": "SharePoint", "box.com": "Box", "wetransfer": "WeTransfer",
    ]

    /// "send Ben a direct message", "by DM": a message to one person in the team chat, which posts in channels only.
    static let directMessage = try? NSRegularExpression(
        pattern: #"\b(?:an?|by|via|as|in)\s+(?:dm|direct\s+message|private\s+message|pm)\b"#, options: [.caseInsensitive])

    /// Events a person can be added to, once they exist.
    static let eventNouns: Set<String> = [
        "meeting", "meetings", "call", "event", "standup", "stand-up", "sync", "review", "session", "1:1", "demo", "interview",
        "invite", "invitation", "appointment", "huddle", "retro", "kickoff", "offsite",
    ]

    /// "add ana to the 3pm meeting", "invite ben to tomorrow's standup": a person added to an event that exists,
    /// which no capability changes (a new event was created in its place, or its start asked for).
    static func addedToExistingEvent(_ clause: PromptClause) -> String? {
        guard ["add", "invite"].contains(clause.verb ?? "") else { return nil }
        let tokens = clause.text.lowercased().split(whereSeparator: \.isWhitespace).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;!?\"()“”"))
        }
        guard let verb = tokens.firstIndex(of: clause.verb ?? ""), let to = tokens[(verb + 1)...].prefix(7).firstIndex(of: "to"),
            to > verb + 1, !["a", "an", "new", "another", "some"].contains(tokens[verb + 1]), to + 1 < tokens.count
        else { return nil }
        let owner = tokens[to + 1]
        let days = PromptText.weekdays.union(["today", "tomorrow", "tonight"])
        let dayOwner = owner.hasSuffix("'s") && days.contains(String(owner.dropLast(2)))
        guard ["the", "my", "our", "this", "that", "his", "her", "their"].contains(owner) || dayOwner,
            let noun = tokens[(to + 2)...].prefix(4).firstIndex(where: eventNouns.contains),
            !tokens[(to + 1)..<noun].contains(where: { ["calendar", "calendars"].contains($0) })
        else { return nil }
        let between = tokens[(to + 2)..<noun]
        // "invite ben@… to the design review on friday at 3pm" makes that event; "the 3pm meeting" is one that exists.
        let timed = dayOwner || between.contains { PromptClauses.isTimeWord($0) }
        guard clause.verb == "add" || timed else { return nil }
        let event = tokens[(to + 1)...noun].joined(separator: " ")
        return "no tool here adds someone to an event that exists (\"\(event)\"); the calendar tool creates new events only"
    }

    /// Why the action cannot be taken as written, or nil.
    /// "… faxed to the accounting office", "texted to her phone": a delivery no tool makes, said of the records.
    static let passive = try? NSRegularExpression(
        pattern: #"\b(?:faxed|texted|sms(?:'?e)?d|whatsapp(?:'?e)?d|snail[- ]mailed)\s+(?:over\s+)?to\b"#, options: [.caseInsensitive])

    static func passiveDelivery(in text: String) -> String? {
        guard let match = passive?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let found = Range(match.range, in: text),
            // "… that the contract was faxed to Acme": what a message says happened, not what to do.
            !["was", "were", "been", "is", "are", "got", "be"].contains(
                text[..<found.lowerBound].split(separator: " ").last.map { $0.lowercased() } ?? "")
        else { return nil }
        return String(text[found])
    }

    static func problem(in clause: PromptClause) -> String? {
        let text = clause.text
        let range = NSRange(text.startIndex..., in: text)
        if let existing = addedToExistingEvent(clause) { return existing }
        // "DM ana that the deploy is done": the team chat posts in channels, never to one person.
        if clause.kind == .deliver, !text.contains("#"),
            clause.verb == "dm" || directMessage?.firstMatch(in: text, range: range) != nil
        {
            return "no tool here sends a direct message to a person (the team chat posts in channels); post it in a #channel "
                + "or email them instead"
        }
        if [.upload, .deliver].contains(clause.kind), let drive = otherDrives.first(where: { clause.words.contains($0.key) })?.value {
            return "no tool here connects to \(drive) (the storage tool is Google Drive)"
        }
        if clause.kind == .deliver || clause.kind == .refund || clause.verb == "mail",
            let match = delivery?.firstMatch(in: text, range: range) ?? paper?.firstMatch(in: text, range: range),
            let found = Range(match.range, in: text)
        {
            return "no tool here delivers \"\(text[found])\" (email and the team chat can)"
        }
        if clause.kind == .deliver,
            !text.contains("@"), !text.contains("#"), !["email", "e-mail", "mail", "post", "slack"].contains(clause.verb ?? ""),
            let match = messageKind?.firstMatch(in: text, range: range) ?? aText?.firstMatch(in: text, range: range),
            let found = (1..<match.numberOfRanges).lazy.compactMap({ Range(match.range(at: $0), in: text) }).first
        {
            return "no tool here sends \"\(text[found])\" (email and the team chat can)"
        }
        if clause.kind == .deliver, let match = attachment?.firstMatch(in: text, range: range), let found = Range(match.range, in: text) {
            return "no tool here sends an attachment (\"\(text[found])\"); an email carries text, such as a file's content"
        }
        // "Share Budget.xlsx with ana@… on Drive": giving someone a file, not telling them of it (the task
        // emailed her the whole Drive listing).
        if clause.verb == "share", clause.words.contains("with"), !clause.text.contains("#"),
            !clause.words.isDisjoint(with: accessWords) || fileName?.firstMatch(in: text, range: range) != nil
        {
            return "no tool here shares a file or gives access to it (the storage tool lists, reads and uploads Drive files); "
                + "ask to email the file's content instead"
        }
        if clause.kind == .deliver || clause.kind == .create || clause.kind == .unsupported,
            let match = newInvoice?.firstMatch(in: text, range: range), let found = Range(match.range, in: text)
        {
            return "no tool here makes an invoice (\"\(text[found])\"); payments lists invoices and refunds payments"
        }
        if clause.kind == .schedule, ["book", "reserve"].contains(clause.verb ?? "") {
            let words = text.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
            guard let at = words.firstIndex(where: { ["book", "reserve"].contains($0) }) else { return nil }
            let object = words.dropFirst(at + 1).drop { ["a", "an", "the", "my", "our", "us", "me", "two", "2"].contains($0) }
            if let thing = object.prefix(2).first(where: bookings.contains) {
                return "no tool here books a \(thing) (the calendar tool only puts events on a calendar)"
            }
        }
        return nil
    }
}
