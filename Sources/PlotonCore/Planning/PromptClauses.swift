import Foundation

/// A prompt cut into the parts it asks for ("get the open deals", "email them to ann@…"), each with
/// its leading verb, so every action asked for can be planned or reported.
public struct PromptClause: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Reads or questions ("get", "which", or no verb at all).
        case read
        /// send, share, post, email, tell, notify, announce, let … know.
        case deliver
        /// create, add, new, open a …
        case create
        case schedule
        case update
        case refund
        case upload
        /// An action no built-in capability can take (delete, cancel, order, …).
        case unsupported
    }

    public var text: String
    public var kind: Kind
    /// The verb as written (lower-cased), when there is one.
    public var verb: String?
    /// The "!", "?" or "." the part ended with, kept for the message text it may end with.
    public var ending = ""

    public var isAction: Bool { kind != .read }
    public var words: Set<String> { PromptText.words(text) }
}

public enum PromptClauses {
    static let readVerbs: Set<String> = [
        "get", "list", "show", "pull", "fetch", "find", "search", "look", "check", "read", "see", "what", "what's", "whats", "which",
        "who", "how", "do", "does", "did", "any", "is", "are", "give", "display", "retrieve", "lookup", "summarize", "summarise",
        "shwo", "lsit", "connect", "when", "where", "open", "wats", "wat", "how's", "where's", "who's", "when's", "has", "have", "had",
        "was", "were", "locate",
        // "identify the one with the highest member count": a pick among what is read.
        "identify", "determine",
    ]
    static let actionVerbs: [String: PromptClause.Kind] = [
        "send": .deliver, "share": .deliver, "post": .deliver, "email": .deliver, "e-mail": .deliver, "emial": .deliver, "mail": .deliver,
        "tell": .deliver, "notify": .deliver, "announce": .deliver, "let": .deliver, "ping": .deliver, "message": .deliver,
        "write": .deliver, "create": .create, "add": .create, "new": .create, "make": .create, "register": .create,
        "schedule": .schedule, "book": .schedule, "put": .schedule, "arrange": .schedule, "update": .update, "change": .update,
        "set": .update, "move": .update, "mark": .update, "edit": .update, "rename": .update, "refund": .refund, "upload": .upload,
        "save": .upload, "store": .upload, "export": .upload, "delete": .unsupported, "remove": .unsupported,
        "cancel": .unsupported, "archive": .unsupported, "order": .unsupported, "buy": .unsupported, "purchase": .unsupported,
        "pay": .unsupported, "fax": .unsupported, "text": .unsupported, "translate": .unsupported, "invite": .unsupported,
        "print": .unsupported, "forward": .unsupported, "reply": .deliver, "respond": .deliver, "sms": .unsupported, "call": .unsupported,
        "unsubscribe": .unsupported, "subscribe": .unsupported, "upgrade": .unsupported, "downgrade": .unsupported,
        "transfer": .unsupported, "charge": .unsupported, "approve": .unsupported, "reject": .unsupported, "assign": .unsupported,
        "merge": .unsupported, "block": .schedule, "reserve": .schedule, "hold": .schedule, "broadcast": .deliver, "publish": .deliver,
        "compose": .deliver, "inform": .deliver, "alert": .deliver, "draft": .unsupported, "remind": .unsupported,
        "bump": .update, "raise": .update, "increase": .update, "decrease": .update, "lower": .update, "adjust": .update,
        "record": .create, "log": .create, "dm": .deliver, "repost": .deliver, "crosspost": .deliver, "backup": .upload, "copy": .upload,
        "organise": .schedule, "organize": .schedule, "pause": .unsupported, "resume": .unsupported, "suspend": .unsupported,
        "freeze": .unsupported, "reactivate": .unsupported, "deactivate": .unsupported, "disable": .unsupported,
        "void": .unsupported, "actualise": .update, "fix": .update, "correct": .update, "actualize": .update, "modify": .update,
        "amend": .update, "pin": .unsupported, "reset": .unsupported, "grant": .unsupported, "ring": .unsupported,
        "snooze": .unsupported, "restore": .unsupported, "attach": .unsupported, "prepone": .unsupported, "postpone": .unsupported,
        "rollback": .unsupported, "roll": .unsupported, "restart": .unsupported, "reboot": .unsupported, "revert": .unsupported,
    ]
    /// Words before the verb that do not change it ("could you please …").
    static let fillers: Set<String> = [
        "please", "pls", "plz", "can", "could", "would", "will", "you", "kindly", "hi", "hey", "hello", "just", "also", "then", "now",
        "and", "be", "so", "kind", "as", "to", "i", "we", "mind", "quickly", "go", "ahead", "ok", "okay", "first", "finally", "yo",
        "u", "after", "maybe", "perhaps", "possibly", "anyway", "anyways", "anyhow", "basically", "honestly", "right", "well",
    ]

    /// Words that open a phrase, never a verb ("For each deal, return …", ", on the primary calendar").
    static let prepositions: Set<String> = [
        "for", "on", "in", "at", "with", "from", "of", "by", "into", "per", "via", "under", "over", "about", "within", "without",
    ]
    /// Words that name the fields to return, never a new part ("…. For each deal, return the name").
    static let fieldListWords: Set<String> = ["return", "returning", "include", "including"]
    /// Services written as verbs: "slack #eng …", "gmail ann@… subject: …".
    static let brandVerbs: Set<String> = ["slack", "gmail"]

    /// "slack the list to #random", "gmail team@…": a brand used as a verb, with an object or a destination.
    static func brandVerb(_ word: String, next: String) -> Bool {
        brandVerbs.contains(word)
            && (objectWords.contains(next) || next.hasPrefix("#") || next.contains("@") || ["me", "us"].contains(next))
    }

    /// Whether `text` names a CRM record of its own ("deal 2001", "contact 1003").
    static func namesRecord(_ text: String) -> Bool {
        text.rangeOfMatch(of: #"(?i)\b(?:deal|contact)\s+#?\d"#) != nil
    }

    public static func split(_ prompt: String) -> [PromptClause] {
        var clauses: [PromptClause] = []
        for piece in pieces(of: prompt) {
            var text = withoutSequencer(piece.trimmingCharacters(in: CharacterSet(charactersIn: " ,.;!?\n\t")))
            // "if so post them in #collections": the part is the action; the condition is the read before it.
            if let condition = ["if so ", "if any ", "if needed ", "if yes "].first(where: { text.lowercased().hasPrefix($0) }) {
                text = String(text.dropFirst(condition.count)).trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
            }
            guard !text.isEmpty else { continue }
            let ending = String(piece.trimmingCharacters(in: .whitespacesAndNewlines).reversed().prefix { ".!?".contains($0) }.reversed())
            let (kind, verb) = classify(text)
            // "Create a contact: first name Lena, email lena@…": the address is the contact's.
            if kind == .deliver, verb == "email", let last = clauses.last, [.create, .update].contains(last.kind),
                holdsAddress(last), let address = PromptText.emails(in: text).first,
                PromptText.words(text).count <= 4 || labelsFollow(address, in: text)
            {
                clauses[clauses.count - 1].text += ", " + text
                clauses[clauses.count - 1].ending = ending
                continue
            }
            // "Update contact 1001 in the CRM and set their phone number to …": the record, then what to set on it,
            // is one change (the first part alone would ask for every property).
            if kind == .update, let last = clauses.last, last.kind == .update, last.verb == "update",
                ["set", "change", "make"].contains(verb ?? ""), !namesRecord(text),
                !ActionSteps.namesProperty(last.text)
            {
                clauses[clauses.count - 1].text += " and " + text
                clauses[clauses.count - 1].ending = ending
                continue
            }
            // "Email jonas@…: the revised quote is up. Let me know if the discount works for you.": a message written after a colon
            // goes on past its first sentence while the next asks nothing of a tool (the rest of it was dropped).
            if kind == .read, let last = clauses.last, last.kind == .deliver, continuesMessage(text, after: last.text) {
                clauses[clauses.count - 1].text +=
                    clauses[clauses.count - 1].ending.isEmpty ? ". " + text : clauses[clauses.count - 1].ending + " " + text
                clauses[clauses.count - 1].ending = ending
                continue
            }
            // "- pull invoices for customer cus_…\n- paid ones only": which of the records, said after the read (the status
            // filter was lost).
            if kind == .read, verb == nil, let last = clauses.last, last.kind == .read,
                let status = text.rangeOfMatch(
                    of:
                        #"(?i)^(?:(?:only|just)\s+)?(?:the\s+)?(paid|unpaid|open|overdue|outstanding|active|canceled|cancelled|closed|won|lost|unread)\s+ones?(?:\s+only)?$"#
                )
            {
                let word = text[status].split(separator: " ").first { !["only", "just", "the"].contains($0.lowercased()) } ?? ""
                clauses[clauses.count - 1].text += ", \(word.lowercased()) only"
                continue
            }
            // "the emails of all contacts, only the emails": which of the records' fields, not a read of its own.
            if kind == .read, verb == nil, let last = clauses.last, last.kind == .read,
                text.rangeOfMatch(of: #"(?i)^(?:only|just)\s+(?:the\s+|their\s+)?\w+(?:\s+(?:and|,)\s+\w+)*$"#) != nil
            {
                clauses[clauses.count - 1].text += ", " + text
                clauses[clauses.count - 1].ending = ending
                continue
            }
            // "set up an hour with ken@… tomorrow at 3pm, call it Hiring plan sync": the name of what was made.
            // "meeting with the d'Almeida family on Tuesday the 15th, 10-11am, call it Estate planning": a meeting
            // and its time with no verb, then its name, is one to make.
            if let last = clauses.last, [.create, .schedule].contains(last.kind) || describesEvent(last),
                let naming = ["call it ", "name it ", "title it ", "call the event ", "call the meeting "].first(where: {
                    text.lowercased().hasPrefix($0)
                })
            {
                if last.kind == .read { clauses[clauses.count - 1].kind = .schedule }
                clauses[clauses.count - 1].text += ", called " + text.dropFirst(naming.count)
                clauses[clauses.count - 1].ending = ending
                continue
            }
            // "list active subscriptions - plan, monthly price, next charge": the last field of the list.
            if kind == .read, verb == nil, text.lowercased().hasPrefix("next "), text.split(separator: " ").count == 2,
                let last = clauses.last, last.kind == .read, last.text.contains(",") || last.text.contains(" - ")
            {
                clauses[clauses.count - 1].text += ", " + text
                clauses[clauses.count - 1].ending = ending
                continue
            }
            // "She needs a call titled "…" on the 14th at 09:30 …. Please add it to her calendar.": adding "it" to a
            // calendar is making the meeting just described (asked for the meeting's title and start, or made twice).
            if [.create, .schedule].contains(kind), let last = clauses.last,
                [.create, .schedule].contains(last.kind) || describesEvent(last), placesOnCalendar(text)
            {
                if last.kind == .read {
                    clauses[clauses.count - 1].kind = .schedule
                    clauses[clauses.count - 1].verb = verb
                }
                clauses[clauses.count - 1].ending = ending
                continue
            }
            // "…, and invite ann@…" after the event: its attendee; "invite her" one the event's part already names.
            if kind == .unsupported, verb == "invite", let last = clauses.last, [.create, .schedule].contains(last.kind),
                !PromptText.emails(in: text).isEmpty
                    || (PromptText.emails(in: last.text).count == 1
                        && Set(text.lowercased().split(separator: " ").dropFirst()).isSubset(of: [
                            "her", "him", "them", "too", "as", "well",
                        ]))
            {
                clauses[clauses.count - 1].text += ", " + text
                clauses[clauses.count - 1].ending = ending
                continue
            }
            clauses.append(PromptClause(text: text, kind: kind, verb: verb, ending: ending))
        }
        // "Create a contact for Léa Dubois (lea@…) and a deal "…" for 5,000": a second record to make is its own part.
        clauses = clauses.flatMap(Self.secondCreation)
        // "Export our contacts and save them to Drive as x.csv": the export reads what the save carries.
        for index in clauses.indices.dropLast()
        where clauses[index].kind == .upload && ["export", "copy", "back up", "backup"].contains(clauses[index].verb ?? "")
            && PromptText.fileName(in: clauses[index].text) == nil && clauses[index].words.isDisjoint(with: ["drive", "dropbox"])
            && [.upload, .deliver].contains(clauses[index + 1].kind)
        {
            clauses[index].kind = .read
        }
        return clauses
    }

    /// A part making or changing a record with an address (a contact, a customer); "Update the Acme deal
    /// to contract sent, then email ann@…" sends to the address, which no deal holds.
    static func holdsAddress(_ clause: PromptClause) -> Bool {
        let words = clause.words
        return !words.isDisjoint(with: ["contact", "contacts", "customer", "customers", "lead", "leads", "person"])
            || words.isDisjoint(with: [
                "deal", "deals", "event", "meeting", "invoice", "subscription", "file", "channel", "payment",
            ])
    }

    /// "email ann@…, and company Vandelay": more of a record's fields after the address, not a message.
    static func labelsFollow(_ address: String, in text: String) -> Bool {
        guard let range = text.range(of: address) else { return false }
        // "… and email the details to sales-ops@…": whom the email goes to, not the record's address.
        if text[..<range.lowerBound].lowercased().hasSuffix("to ") { return false }
        var rest = text[range.upperBound...].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
        if rest.hasPrefix("and ") { rest = String(rest.dropFirst(4)) }
        let labels = ["company", "phone", "first name", "last name", "name", "title", "lifecycle", "stage", "amount", "job title"]
        return rest.isEmpty || labels.contains { rest.hasPrefix($0 + " ") }
    }

    /// The clause's kind from its first verb; questions and verbless text read.
    static func classify(_ text: String) -> (PromptClause.Kind, String?) {
        // "User request: let #sales know …": the request after its label.
        let unlabelled = PromptFraming.labelled(text).flatMap { PromptFraming.requestLabels.contains($0.0) ? $0.1 : nil } ?? text
        let text = withoutLabel(unlabelled)
        let tokens = text.lowercased().split { $0.isWhitespace || $0 == "," }.map {
            String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".:;!?\"'()“”"))
        }
        // "weather in paris -> #random": a part that is only where it goes delivers what was read.
        if !tokens.isEmpty, tokens.contains(where: { PromptText.namesChannel($0) || $0.contains("@") }),
            tokens.allSatisfy({
                $0.hasPrefix("#") || $0.contains("@") || ["to", "into", "in", "and", "then", "->", "→", "-", ">"].contains($0)
            })
        {
            return (.deliver, nil)
        }
        var skipUntilTo = false
        for (index, token) in tokens.enumerated() {
            // "Use Gmail to email …": the verb comes after "to".
            if token == "use" || token == "using" { skipUntilTo = true }
            if skipUntilTo {
                skipUntilTo = token != "to"
                continue
            }
            // "Tomorrow at 3pm schedule …": the day and time before the verb are the action's.
            if fillers.contains(token) || prepositions.contains(token) || token.isEmpty || isTimeWord(token) { continue }
            let verb = base(token)
            let next = index + 1 < tokens.count ? tokens[index + 1] : ""
            // "plan, monthly price, next charge": a field named by a verb's noun ends the list.
            if index > 0, next.isEmpty, ["next", "last", "latest", "upcoming", "monthly", "first"].contains(tokens[index - 1]),
                text.lowercased().contains(tokens[index - 1] + " " + token)
            {
                return (.read, nil)
            }
            if verb == "open", ["a", "an"].contains(next) { return (.create, verb) }
            // "Draft and send an email to kim@…": sent, which is the part a tool can do.
            if ["draft", "write", "compose", "prepare"].contains(verb), ["and", "&"].contains(next),
                index + 2 < tokens.count, actionVerbs[tokens[index + 2]] == .deliver
            {
                return (.deliver, tokens[index + 2])
            }
            // "put the weather in Galway on #west-office": placed in a channel is posted there.
            if verb == "put", addressed(tokens, verb: "drop") { return (.deliver, verb) }
            if verb == "set", next == "up" { return (.schedule, "set up") }
            // "write off INV-1003 as bad debt": an accounting entry no tool makes, not a message written.
            if verb == "write", next == "off" { return (.unsupported, "write off") }
            // "📅 tmrw 3pm call w/ nina@… 30min 'Contract check-in'": a call with someone is a meeting to book ("call nina"
            // is still a phone call no tool makes).
            if verb == "call", next == "with",
                tokens.contains(where: {
                    PromptText.namesTime($0) || $0.rangeOfMatch(of: #"^\d{1,2}(?::\d{2})?(?:am|pm)$"#) != nil
                })
            {
                return (.schedule, "schedule")
            }
            // "add up the amounts of all deals", "sum the open invoices", "tally up …": a total of what is read, not a record
            // added ("add" asked for a new deal's name).
            // "total them up", "add it all up", "sum those": of what was read before.
            let pointed = tokens.dropFirst(index + 1).prefix(4).drop(while: {
                ["them", "those", "these", "it", "all", "everything", "that", "of"].contains($0)
            })
            if ["add", "sum", "tally", "total"].contains(verb),
                next == "up" || (pointed.first == "up" && pointed.startIndex > index + 1)
                    || (["sum", "total"].contains(verb) && ["the", "all", "my", "our", "every", "them", "those", "these"].contains(next))
            {
                return (.read, "show")
            }
            // "Compare the temperature in Oslo and Madrid": each shown, side by side (no tool compares).
            if verb == "compare" { return (.read, "show") }
            // "I would like to update …", "we want to know …": the verb after "to" is what is asked.
            if ["like", "want", "need", "wanna", "love"].contains(verb), next == "to", index + 2 < tokens.count,
                knownVerb(tokens[index + 2])
            {
                continue
            }
            if ["i'd", "we'd", "i’d", "we’d"].contains(verb), ["like", "love"].contains(next), index + 3 < tokens.count,
                tokens[index + 2] == "to", knownVerb(tokens[index + 3])
            {
                continue
            }
            // "Make me please a list of all deals …", "make a table of our customers": a list asked for is a read.
            if verb == "make",
                let object = tokens.dropFirst(index + 1).drop(while: {
                    ["me", "us", "please", "a", "an", "the", "quick", "short"].contains($0)
                })
                .first,
                ["list", "table", "overview", "summary", "rundown", "report"].contains(object)
            {
                return (.read, "list")
            }
            // "tell me …", "let me know …": the caller asks for the answer.
            if ["tell", "let"].contains(verb), ["me", "us"].contains(next) { return (.read, verb) }
            // "read back #eng-standup and tell her who said what": the answer, for the user the request is relayed
            // for; with nowhere to send it, not a post of the words "who said what".
            if verb == "tell", ["her", "him", "them"].contains(next), !text.contains("@"), !text.contains("#"),
                index + 2 < tokens.count, ["who", "what", "when", "where", "how", "which", "whether", "if"].contains(tokens[index + 2])
            {
                return (.read, verb)
            }
            if verb == "back", next == "up" { return (.upload, "back up") }
            // "give #general a heads-up": a message, whose words are still to be said.
            if verb == "give", tokens.contains(where: { ["heads-up", "heads", "shout", "shoutout", "shout-out", "nudge"].contains($0) }) {
                return (.deliver, verb)
            }
            // "Reply to billing@… saying …" sends a new message to that address; a reply to an email ("reply to
            // the latest email from a@…", "to ben@…'s message") belongs in its thread, which no capability here writes.
            // ("Reply to Ben at ben@… and say thanks": a person, then their address.)
            let addressee = next == "to" ? tokens.dropFirst(index + 2).prefix(3) : []
            let address = addressee.prefix { !["email", "message", "mail", "from", "thread"].contains($0) }.first { $0.contains("@") }
            if ["reply", "respond"].contains(verb),
                !(address.map { !$0.hasSuffix("'s") && !$0.hasSuffix("’s") } ?? false)
            {
                return (.unsupported, verb)
            }
            // "forward it to lead@… by email": sending what was read to an address or a channel.
            // "push the close date on the Initech deal to Jan 15", "postpone its close date": a date changed.
            if ["push", "postpone", "delay"].contains(verb), Set(tokens.map { $0.lowercased() }).contains("date") {
                return (.update, verb)
            }
            // "forward the Q4 budget email to him": an email forwarded, whose recipient is asked for.
            if verb == "forward",
                addressed(tokens) || !Set(tokens.map { $0.lowercased() }).isDisjoint(with: ["email", "e-mail", "mail", "message", "it"])
            {
                return (.deliver, verb)
            }
            // "slack the sales channel: …", "slack #eng …": the brand used as a verb.
            if brandVerb(verb, next: next) { return (.deliver, verb) }
            // "slack general: deploy is done": the brand, then the channel and what to say in it.
            if brandVerbs.contains(verb), !next.isEmpty, text.lowercased().contains("\(token) \(next): ") { return (.deliver, verb) }
            // "Invite ben@… to a 1-hour 'Kickoff' tomorrow at 10am": an invitation to a meeting.
            if verb == "invite", PromptText.timeOfDay(in: text) != nil { return (.schedule, verb) }
            if EmbeddedPlanner.weatherWords.contains(verb) { return (.read, nil) }
            if ["give", "issue", "process"].contains(verb), tokens.contains("refund") { return (.refund, "refund") }
            // "slack #general: happy friday", "summarize them into #support": a destination makes it a delivery.
            if actionVerbs[verb] == nil, !lookupVerbs.contains(verb), postsToChannel(text) || addressed(tokens, verb: verb) {
                return (.deliver, verb)
            }
            // "holler in #support that the outage is over": a word it does not know, where, then what to say.
            if actionVerbs[verb] == nil, !lookupVerbs.contains(verb), !knownNouns.contains(verb), verb.allSatisfy(\.isLetter),
                ["in", "on"].contains(next), tokens.dropFirst(index + 2).first?.hasPrefix("#") == true,
                PromptText.messageText(in: text) != nil
            {
                return (.deliver, verb)
            }
            if readVerbs.contains(verb) { return (.read, verb) }
            // "write them to Drive as ar.csv": written into a file, not to a person.
            if verb == "write", !text.contains("@"), !text.contains("#"),
                !Set(tokens).isDisjoint(with: ["drive", "dropbox"]) || PromptText.fileName(in: text) != nil
            {
                return (.upload, verb)
            }
            if let kind = actionVerbs[verb] { return (kind, verb) }
            if knownNouns.contains(verb) { return (.read, nil) }
            let rest = Array(tokens[(index + 1)...])
            // "Customer lena@… says she was charged twice": the address is who the sentence tells about, not where
            // something goes (her invoices were asked for; a message to her was).
            if rest.count > 1, rest[0].contains("@"), tellingVerbs.contains(rest[1]) { return (.read, nil) }
            let named = actionNamed(in: rest, text: text)
            if named.0 != .read || readSynonyms.contains(verb) { return named }
            // "drop them into a spreadsheet called pipeline.csv on drive": a word it does not know, into a file.
            if !lookupVerbs.contains(verb), verb.allSatisfy(\.isLetter),
                (!Set(rest).isDisjoint(with: ["into", "to", "onto", "as"]) && !Set(rest).isDisjoint(with: ["drive", "dropbox"]))
                    || (!Set(rest).isDisjoint(with: ["into", "to", "onto", "as"]) && PromptText.fileName(in: text) != nil)
                    || (["dump", "drop", "stick", "throw", "stash", "paste"].contains(verb) && PromptText.fileName(in: text) != nil)
            {
                return (.upload, verb)
            }
            // "Flag the Acme deal", "frobnicate them": a word it does not know, taking an object, is an
            // action no tool here takes; reporting it beats reading the object and dropping the verb.
            if let object = rest.first, objectWords.contains(object) || takesWithObject([Substring(verb)] + rest.map { Substring($0) }),
                verb.allSatisfy(\.isLetter)
            {
                return (.unsupported, verb)
            }
            return (.read, nil)
        }
        return (.read, nil)
    }

    /// Whether `text` is more of the message an earlier part writes after a colon ("saying: …", "email ann@…: …", "body: …"),
    /// unquoted: it names no tool, record, address or channel, and asks no question.
    static func continuesMessage(_ text: String, after delivery: String) -> Bool {
        guard
            delivery.rangeOfMatch(
                of:
                    #"(?i)(?:\b(?:saying|says|say|message|body|text|note|write|tell\s+(?:her|him|them))\s*:|@[\w.-]+\.[a-z]{2,}\s*:|#[\w-]+\s*:)\s*[^"“'‘\s]"#
            ) != nil,
            !text.contains("?"), !text.contains("@"), !text.contains("#"),
            PromptText.words(text).isDisjoint(with: knownNouns.subtracting(["my", "our", "their", "the", "all", "open", "latest"])),
            PromptText.words(text).isDisjoint(with: ["email", "post", "send", "schedule", "refund", "upload", "create", "update"])
        else { return false }
        return true
    }

    /// "react with a thumbs up", "follow up with a call": a word the planner does not know, done with a thing.
    static func takesWithObject(_ words: [Substring]) -> Bool {
        words.count > 2 && words[1] == "with" && ["a", "an"].contains(words[2])
    }

    /// "text Bob", "call Maria Lopez": the word after the verb, as written, is a name.
    static func namesPerson(after verb: String, in window: String) -> Bool {
        let words = window.split(whereSeparator: \.isWhitespace)
        guard let at = words.firstIndex(where: { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) == verb }),
            at + 1 < words.count
        else { return false }
        let name = words[at + 1].trimmingCharacters(in: .punctuationCharacters)
        return name.first?.isUppercase == true && name.allSatisfy(\.isLetter) && name != "I"
    }

    /// "and refund pi_999", "and email it to team@…", "then schedule a follow-up with her next Monday at 10am":
    /// an action verb, after "and"/"then", whose part names where it goes, what it acts on or when.
    static func startsTargetedAction(_ text: String) -> Bool {
        let words = text.lowercased().split { $0.isWhitespace || $0 == "," }.map { $0.trimmingCharacters(in: .punctuationCharacters) }
        let opening = sequencingWords(words)
        guard opening > 0, opening < words.count, let kind = actionVerbs[base(words[opening])], kind != .unsupported,
            !["tell", "let", "message", "ping", "write", "set", "mark", "make", "record", "log", "put"].contains(words[opening])
        else { return false }
        let rest = words.dropFirst(opening + 1).joined(separator: " ")
        return rest.contains("@") || rest.contains("#") || rest.contains("pi_") || rest.contains("cus_")
            || (kind == .schedule && PromptText.timeOfDay(in: rest) != nil)
            // "saying lunch is here and also save it to Drive as lunch.txt": a file's place or name.
            || (kind == .upload && words.dropFirst(opening + 1).contains { $0 == "drive" || Self.namesFile($0) })
    }

    /// A read with no verb that names a meeting and its time ("meeting with Ana on Tuesday, 10-11am").
    static func describesEvent(_ clause: PromptClause) -> Bool {
        clause.kind == .read && clause.verb == nil
            && !clause.words.isDisjoint(with: ["meeting", "call", "event", "sync", "appointment", "session", "catch-up", "huddle"])
            && (PromptText.timeOfDay(in: clause.text) != nil || PromptText.timeRange(in: clause.text) != nil)
    }

    static let secondRecord = try? NSRegularExpression(
        pattern:
            // "… and a deal 'X'", "… and open a deal 'X'", "… + open deal 'X' 20k", "… and then a $3,000 deal named …".
            #"[ ,]+(?:and|&|plus|\+)\s+(?:also\s+|then\s+)?(?:(?:open|create|add|make|start|log)\s+(?:(?:a|an|another)\s+)?|(?:a|an|another)\s+)(?:new\s+)?(?:[$€£]?\d[\d,.]*\s?k?\s+)?(?:deal|contact|lead)\b"#,
        options: [.caseInsensitive])

    /// "Create a contact for Léa Dubois (lea@…, company Dubois & Fils) and a deal "Dubois & Fils - Starter" for 5,000":
    /// the make of each record, cut where the second is named (outside quotes and brackets); as one part, the
    /// contact's address was left unused and nothing planned.
    static func secondCreation(_ clause: PromptClause) -> [PromptClause] {
        guard clause.kind == .create, let pattern = secondRecord else { return [clause] }
        let text = clause.text
        let quoted = PromptText.quotedTexts(in: text).compactMap { text.range(of: $0) }
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let range = Range(match.range, in: text), !quoted.contains(where: { $0.contains(range.lowerBound) }) else { continue }
            let before = text[..<range.lowerBound]
            guard before.filter({ $0 == "(" }).count == before.filter({ $0 == ")" }).count,
                !PromptText.words(String(before)).isDisjoint(with: ["deal", "contact", "lead", "customer", "crm", "hubspot"])
            else { continue }
            let rest = text[range.upperBound...]
            let joining: Set<String> = [",", "and", "&", "plus", "+", "also", "then", "open", "create", "add", "make", "start", "log"]
            let record = text[range].split(whereSeparator: \.isWhitespace).drop { joining.contains($0.lowercased()) }.joined(separator: " ")
            var first = clause
            first.text = String(before)
            first.ending = ""
            var second = clause
            second.text = "create " + record + rest
            second.verb = "create"
            return [first] + secondCreation(second)
        }
        return [clause]
    }

    /// "add it to her calendar", "put it on the calendar": the thing already described, placed on a calendar.
    static func placesOnCalendar(_ text: String) -> Bool {
        let words = text.lowercased().split { $0.isWhitespace || $0 == "," }.map { $0.trimmingCharacters(in: .punctuationCharacters) }
            .drop { fillers.contains($0) }
        guard let verb = words.first, [.create, .schedule].contains(actionVerbs[base(verb)]),
            ["it", "this", "that"].contains(words.dropFirst().first ?? "")
        else { return false }
        let rest = Set(words.dropFirst(2))
        let places: Set<String> = ["calendar", "calender", "cal", "diary", "schedule"]
        return !rest.isDisjoint(with: places)
            && rest.isSubset(
                of: places.union(["to", "on", "in", "onto", "into", "her", "his", "my", "our", "their", "the", "google", "too", "please"]))
    }

    /// "and put a follow-up call …", "then refund it": an action verb after the joining words.
    /// "and then", "and after that", "afterwards": how many words order a part before its verb.
    static func sequencingWords(_ words: [String]) -> Int {
        var count = words.prefix { ["and", "then", "also"].contains($0) }.count
        if words.dropFirst(count).starts(with: ["after", "that"]) { count += 2 }
        if words.dropFirst(count).first == "afterwards" { count += 1 }
        return count
    }

    static func startsAnyAction(_ text: String) -> Bool {
        let words = text.lowercased().split { $0.isWhitespace || $0 == "," }.map { $0.trimmingCharacters(in: .punctuationCharacters) }
        let opening = sequencingWords(words)
        guard opening > 0, opening < words.count, let kind = actionVerbs[base(words[opening])] else { return false }
        return kind != .unsupported
    }

    /// "lunch.txt", "q4-report.csv": a file name with an extension.
    static func namesFile(_ word: String) -> Bool {
        let parts = word.split(separator: ".")
        return parts.count >= 2 && (2...4).contains(parts.last?.count ?? 0) && parts.last?.allSatisfy(\.isLetter) == true
            && parts.first?.isEmpty == false
    }

    /// Verbs that look things up, even when an address follows ("find emails to ann@…").
    static let lookupVerbs: Set<String> = [
        "get", "list", "show", "pull", "fetch", "find", "search", "look", "check", "read", "see", "retrieve", "lookup", "which", "what",
        "what's", "whats", "who", "how", "do", "does", "did", "any", "is", "are", "when", "where", "open", "shwo", "lsit", "display",
        "connect", "was", "were", "has", "had",
    ]

    /// `#general: …` — a channel and then what to say in it.
    static func postsToChannel(_ text: String) -> Bool {
        text.split(whereSeparator: \.isWhitespace).contains {
            (PromptText.namesChannel($0) && $0.hasSuffix(":") && $0.count > 2) || $0.lowercased() == "channel:"
        }
    }

    /// "… to #sales", "… into #support", "… to ann@…".
    /// Verbs that put something somewhere: "drop them in (slack) #sales".
    static let placing: Set<String> = ["drop", "throw", "dump", "paste", "stick", "toss", "pop", "shove", "leave"]

    /// "… to #sales", "… into #support", "… to ann@…"; "drop them in (slack) #sales".
    static func addressed(_ tokens: [String], verb: String = "") -> Bool {
        let placed = placing.contains(verb)
        return tokens.indices.dropLast().contains { index in
            let next = tokens[(index + 1)...].drop { ["slack", "the", "chat"].contains($0) }.first ?? ""
            return (["to", "into"].contains(tokens[index]) && (next.hasPrefix("#") || tokens[index + 1].contains("@")))
                || (placed && ["in", "on"].contains(tokens[index]) && next.hasPrefix("#"))
        }
    }

    /// "Stripe: refund …", "Slack: post …", "stripe refund …": a service named as a label before the request.
    static func withoutLabel(_ text: String) -> String {
        let isService = { (word: Substring) in
            ServiceMatcher.brands[word.lowercased()] != nil || ToolCatalog.builtIn.tool(word.lowercased()) != nil
        }
        // "schedule: Design crit, …" is the verb, though "schedule" names the calendar too.
        if let colon = text.firstIndex(of: ":"), !text[..<colon].contains(" "), isService(text[..<colon]),
            actionVerbs[text[..<colon].lowercased()] == nil
        {
            return String(text[text.index(after: colon)...])
        }
        let words = text.split(separator: " ", maxSplits: 2)
        guard words.count == 3, isService(words[0]), actionVerbs[words[1].lowercased()] != nil else { return text }
        // "schedule call w/ raj@… tmrw 4:30pm": a verb that names the calendar too, then the thing it makes (the call was
        // read as the verb, which no tool takes).
        if actionVerbs[words[0].lowercased()] != nil, nounVerbs.contains(words[1].lowercased()) { return text }
        return String(text.drop { $0 != " " }.dropFirst())
    }

    static func knownVerb(_ word: String) -> Bool {
        actionVerbs[base(word)] != nil || readVerbs.contains(base(word))
    }

    /// What someone did or said, after who did it: "lena@… says …", "ben@… complained …".
    static let tellingVerbs: Set<String> = [
        "says", "said", "wrote", "writes", "reports", "reported", "complained", "complains", "claims", "claimed", "is", "was", "has",
        "had", "called", "asked", "asks", "wants", "wanted", "needs", "mentioned", "thinks", "noticed", "got", "paid",
    ]

    /// Verbs that are also nouns in a field list ("the author and message", "name and email").
    static let nounVerbs: Set<String> = [
        "message", "email", "mail", "post", "text", "note", "record", "log", "ping", "dm", "order", "call",
    ]

    /// Other ways of asking to see something.
    static let readSynonyms: Set<String> = [
        "grab", "gimme", "bring", "obtain", "collect", "gather", "view", "browse", "scan", "review", "count", "tally", "need", "want",
        "pull", "summarize", "summarise", "describe", "report", "lemme", "let's", "list", "query", "return", "returning", "include",
        "including", "sort", "filter", "group", "only", "just", "provide", "supply", "take",
    ]
    /// Words that start a verb's object ("flag *the* deal", "star *them*").
    static let objectWords: Set<String> = [
        "the", "a", "an", "all", "my", "our", "their", "his", "her", "them", "it", "this", "these", "those", "every", "each", "that",
    ]

    /// Words a terse read starts with ("deals", "unread mail", "weather london").
    static let knownNouns: Set<String> = [
        "deals", "deal", "invoices", "invoice", "contacts", "contact", "leads", "customers", "subscriptions", "unread", "weather",
        "hubspot", "stripe", "slack", "gmail", "drive", "calendar", "files", "emails", "messages", "channels", "meetings", "events",
        "my", "our", "their", "the", "all", "open", "active", "latest", "today's", "tomorrow's",
    ]

    /// After a verb the planner does not know ("shoot an email to …", "log a new deal", "drop a
    /// note in #random"), the action its object names; a read when it names none.
    static func actionNamed(in tokens: [String], text: String) -> (PromptClause.Kind, String?) {
        let addressed = text.contains("#") || text.contains("@")
        // "Holler at #random …", "shoot ann@… the numbers": an unknown verb whose object is a destination.
        if let first = tokens.first, PromptText.namesChannel(first) || first.contains("@") { return (.deliver, nil) }
        // "… to #sales", "… to ann@…", "… to Drive as x.csv": somewhere to put it is an action.
        for (index, token) in tokens.enumerated() where token == "to" && index + 1 < tokens.count {
            if PromptText.namesChannel(tokens[index + 1]) || tokens[index + 1].contains("@") { return (.deliver, nil) }
            if ["drive", "dropbox"].contains(tokens[index + 1]) { return (.upload, nil) }
        }
        if PromptText.fileName(in: text) != nil, tokens.contains("as") { return (.upload, nil) }
        for (index, token) in tokens.enumerated() {
            // "shoot *an* email to …", "drop *a* note in #random" — not "star *the* email".
            let fresh = index > 0 && ["a", "an", "quick", "short"].contains(tokens[index - 1])
            if ["email", "e-mail", "message", "note", "dm", "line"].contains(token), addressed, fresh { return (.deliver, token) }
            // "shoot the auditors an email with …": an email, though whom it goes to is still to be asked.
            if ["email", "e-mail"].contains(token), index > 0, ["a", "an"].contains(tokens[index - 1]) { return (.deliver, token) }
            // "new contact: …", "a new deal for …": a record to create; not "the new office row", nor "New phone: +1 …".
            if token == "new", index + 1 < tokens.count {
                let next = tokens[index + 1].trimmingCharacters(in: .punctuationCharacters)
                let values: Set<String> = [
                    "number", "phone", "email", "address", "amount", "name", "title", "stage", "price", "mobile", "company",
                ]
                if newRecords.contains(next) || (index == 0 && !values.contains(next)) { return (.create, token) }
            }
            if token == "refund" { return (.refund, token) }
        }
        return (.read, nil)
    }

    /// What "new" before it asks to create.
    static let newRecords: Set<String> = [
        "contact", "contacts", "deal", "deals", "lead", "leads", "event", "events", "meeting", "meetings", "file", "files", "doc",
        "document", "customer", "customers", "appointment", "entry", "record", "person", "client", "opportunity", "call", "note",
        "sync", "invoice", "subscription",
    ]

    /// "posting" → "post", "emails" stays a noun unless first.
    static func base(_ word: String) -> String {
        if word.hasSuffix("ing"), word.count > 5 {
            let stem = String(word.dropLast(3))
            if actionVerbs[stem] != nil || readVerbs.contains(stem) { return stem }
            if actionVerbs[stem + "e"] != nil { return stem + "e" }
        }
        return word
    }

    /// Cuts at sentence ends and at "and" / "then" / commas that start a new verb, never inside quotes.
    static func pieces(of prompt: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var quote: Character?
        // Every look-ahead reads a bounded window and every look-back only what was appended since
        // the last one, so a long prompt with many separators is cut in linear time.
        let ahead = LookAhead(prompt)
        let characters = ahead.characters
        var index = 0
        var markers = PieceMarkers()
        func startsVerb(at position: Int) -> Bool {
            let opening = ahead.openingWords(at: position)
            guard let first = opening.first.map(String.init)?.trimmingCharacters(in: .punctuationCharacters) else { return false }
            // "…, after that email the list to …": the words ordering the parts come before the verb.
            let skipped = min(sequencerLength(opening.map { $0.trimmingCharacters(in: .punctuationCharacters) }), opening.count - 1)
            let rest = Array(opening.dropFirst(max(0, skipped - 1)).prefix(4))
            let word =
                skipped == 0
                ? first : opening.dropFirst(skipped).first.map(String.init)?.trimmingCharacters(in: .punctuationCharacters) ?? ""
            // "… and if so post them in #collections": the condition is no verb; what follows it is.
            if word == "if", skipped == 0, rest.count > 2,
                ["so", "any", "needed", "yes"].contains(rest[1].trimmingCharacters(in: .punctuationCharacters))
            {
                return startsVerb(at: position + 1 + rest[0].count + 1 + rest[1].count)
            }
            // "…, closing the day after tomorrow", "…, starting at 3pm": a participle describes the record before it.
            if ["closing", "starting", "ending", "expiring", "renewing", "lasting", "beginning"].contains(word) { return false }
            // "…, new number +46 70 …", "…, new email ana@…": the value an update gives, not a record to create.
            if word == "new",
                ["number", "phone", "email", "address", "amount", "name", "title", "stage", "price", "mobile", "company"].contains(
                    rest.dropFirst().first.map { $0.trimmingCharacters(in: .punctuationCharacters) } ?? "")
            {
                return false
            }
            // "Wellington, New Zealand": a place's name.
            if word == "new", let next = rest.dropFirst().first?.trimmingCharacters(in: .punctuationCharacters),
                ["zealand", "york", "jersey", "mexico", "hampshire", "caledonia", "brunswick", "delhi", "orleans", "haven", "england"]
                    .contains(next.lowercased())
            {
                return false
            }
            let verb = base(word)
            let following = rest.dropFirst(word == first ? 1 : 2).first.map { $0.trimmingCharacters(in: .punctuationCharacters) } ?? ""
            if prepositions.contains(verb) || fieldListWords.contains(verb) { return false }
            // "…, what each costs": a question in a list of fields.
            if ["what", "which", "how", "when", "who", "where", "whether"].contains(verb) { return false }
            // "… and issue a refund"
            if ["give", "issue", "process"].contains(verb), rest.contains(where: { $0.hasPrefix("refund") }) { return true }
            // "…, then open a deal called …": a record opened is one created ("open deals" are read).
            if verb == "open", ["a", "an", "another"].contains(following) { return true }
            if brandVerb(verb, next: following) { return true }
            // "email ann@… and tell him …", "compose and send …": the same message goes on.
            if ["tell", "ask", "remind", "let"].contains(verb), ["him", "her", "them"].contains(following),
                markers.kind(of: current, classify) == .deliver
            {
                return false
            }
            if markers.onlyFillersAndVerb(current, fillers: fillers, verbs: actionVerbs) { return false }
            // "…, then text Bob", "… and call Maria": an action no tool takes, on a person named.
            if actionVerbs[verb] == .unsupported, namesPerson(after: word, in: ahead.window(at: position)) { return true }
            // "Look up the Hooli pilot deal and email Liam Müller the amount": a message to a person named (the part was
            // read as the deal's, and the email dropped).
            if ["email", "e-mail", "mail", "message"].contains(verb), namesPerson(after: word, in: ahead.window(at: position)) {
                return true
            }
            // "show the author and message for each": a verb that is also a noun needs an object or a destination.
            if nounVerbs.contains(verb) {
                let next = rest.dropFirst(word == first ? 1 : 2).first.map(String.init) ?? ""
                let bare = next.trimmingCharacters(in: .punctuationCharacters)
                // The rest of the sentence: up to ". " or any of "?!;".
                let end = ahead.sentenceEnd(from: position)
                let window = ahead.window(at: position, end: end)
                // "… and post hello in each": a word, then where it goes.
                let placed = window.split(whereSeparator: \.isWhitespace).dropFirst(2).first.map {
                    ["in", "to", "on", "into"].contains($0)
                }
                // "find #engineering and post hello", "… and post there a summary": a post after the part that named
                // the channel.
                // "… then post in general that it's booked": a post, where it goes first.
                let channelNamed =
                    verb == "post"
                    && (current.contains("#") || current.lowercased().contains("channel") || ["in", "on", "into"].contains(bare))
                return objectWords.contains(bare) || ["to", "me", "us", "him", "everyone", "its", "what", "there"].contains(bare)
                    || ahead.contains("@", from: position, before: end) || ahead.contains("#", from: position, before: end)
                    || next.first.map("\"'“".contains) == true || placed == true || channelNamed
            }
            if actionVerbs[verb] != nil || ["get", "list", "show", "pull", "fetch", "find", "search", "read", "check"].contains(verb) {
                return true
            }
            // "… and drop its text in #supply-chain": a verb that places something, with where it goes.
            if placing.contains(verb),
                addressed(
                    ahead.window(at: position, end: ahead.sentenceEnd(from: position)).lowercased().split(whereSeparator: \.isWhitespace)
                        .map(String.init), verb: verb)
            {
                return true
            }
            // "… and escalate them", "… and drop the list in Drive": an unknown word taking an object.
            let after = rest.drop { $0 != Substring(word) }.dropFirst().first.map { $0.trimmingCharacters(in: .punctuationCharacters) }
            // "… with subject Outage and say the API is back up", "…, subject 'Rent', saying the transfer went out": the message goes on.
            // "… with subject 'Maintenance complete' and body 'All systems …'. Then …": so does a label of its parts, before
            // what it says.
            if ["body", "subject", "content", "contents"].contains(word),
                let next = rest.drop(while: { $0 != Substring(word) }).dropFirst().first?.first, "'\"“‘".contains(next)
            {
                return false
            }
            let continuing: Set<String> = [
                "say", "mention", "explain", "ask", "tell", "saying", "mentioning", "explaining", "asking", "telling", "noting", "stating",
            ]
            return !objectWords.contains(word) && !knownNouns.contains(word) && !fillers.contains(word) && !continuing.contains(word)
                && word.allSatisfy(\.isLetter)
                && (after.map(objectWords.contains) == true || takesWithObject(Array(rest.drop { $0 != Substring(word) })))
        }
        func startsKnownVerb(at position: Int) -> Bool {
            let words = ahead.openingWords(at: position)
                .map { $0.trimmingCharacters(in: .punctuationCharacters) }
            // "…: tent, stove. Once that's done, post in #offsite …": the ordering words before the verb.
            let skipped = min(sequencerLength(words), words.count)
            guard let word = words.dropFirst(skipped).prefix(4).first(where: { !fillers.contains($0) }) else { return false }
            return actionVerbs[base(word)] != nil || ["get", "list", "show", "pull", "fetch", "find", "search", "check"].contains(word)
        }
        // "email ann@…: thanks, merged it", "with: 1. call Acme 2. send invoice": the message's own words.
        func inMessage() -> Bool {
            markers.update(current).message && [.deliver, .upload].contains(markers.kind(of: current, classify))
        }
        /// "1. call Acme": a list number, not a sentence end.
        func numbering() -> Bool {
            let trimmed = current.reversed().drop(while: \.isWhitespace)
            let last = trimmed.prefix(3).prefix { !$0.isWhitespace }
            guard (1...2).contains(last.count), last.allSatisfy(\.isNumber) else { return false }
            // "Pipeline review at 4. Give me …": a time or a count a sentence ends with, not a list's number.
            let before = String(trimmed.dropFirst(last.count).drop(while: \.isWhitespace).prefix { !$0.isWhitespace }.reversed())
            return !["at", "by", "until", "till", "before", "after", "around", "from", "to", "is", "was", "of"].contains(
                before.lowercased())
        }
        func inFieldList() -> Bool { markers.update(current).fieldList }
        func capitalisedName(at position: Int) -> Bool {
            guard position < characters.count, characters[position].isUppercase else { return false }
            return !startsKnownVerb(at: position)
        }
        func longer(_ position: Int) -> String { ahead.window(at: position, end: position + 13).lowercased() }
        /// "…: the outage is over, and refund pi_999", "saying thanks and schedule a follow-up with her next
        /// Monday at 10am": words a message runs on with end it when an action with its own target follows.
        func endsMessage(at position: Int) -> Bool {
            guard inMessage() else { return false }
            let window = ahead.window(at: position, end: ahead.sentenceEnd(from: position))
            return startsTargetedAction(window) || (quotedMessageEnded() && startsAnyAction(window))
        }
        /// "saying 'Thanks for the meeting today', and put a follow-up call …": the message was quoted and its
        /// quote is closed, so the words after it are the next part's (the event was dropped).
        func quotedMessageEnded() -> Bool {
            let trimmed = current.reversed().drop { $0.isWhitespace || $0 == "," }
            guard let last = trimmed.first, "'\"”".contains(last) else { return false }
            let lower = current.lowercased()
            return PieceMarkers.messageMarkers.contains { marker in
                ["'", "\"", "“"].contains { lower.contains(marker + $0) }
            }
        }
        while index < characters.count {
            let character = characters[index]
            if let open = quote {
                current.append(character)
                if character == (open == "“" ? "”" : open) { quote = nil }
                index += 1
                continue
            }
            // "the customer list (name and email)": a short aside in brackets is one with what it follows, never two parts.
            if character == "(", let close = characters[index..<min(characters.count, index + 60)].firstIndex(of: ")") {
                current.append(contentsOf: characters[index...close])
                index = close + 1
                continue
            }
            if character == "\"" || character == "“"
                || (character == "'" && (index == 0 || characters[index - 1].isWhitespace || characters[index - 1] == ":"))
            {
                quote = character
                current.append(character)
                index += 1
                continue
            }
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            if ".?!;".contains(character), next.isWhitespace, !numbering(),
                character != "." || !LookAhead.abbreviation(endingAt: index, in: characters),
                !inMessage() || (character == "." && startsKnownVerb(at: index + 1))
            {
                pieces.append(current)
                current = ""
                markers = PieceMarkers()
                index += 1
                continue
            }
            // "contact 1007 — update phone to …", "the invoice is paid - move the deal …": a dash before a verb starts a part.
            // ("contact 1002 - new email is …" gives the change.)
            let spacedHyphen =
                character == "-" && index > 0 && characters[index - 1] == " " && index + 1 < characters.count
                && characters[index + 1] == " "
                && ahead.openingWords(at: index + 1).first.map({ $0.lowercased() != "new" && !$0.hasSuffix(":") }) == true
            if "—–".contains(character) || spacedHyphen, !inMessage(), startsKnownVerb(at: index + 1) {
                pieces.append(current)
                current = ""
                markers = PieceMarkers()
                index += 1
                continue
            }
            // "Next Monday at 10am, schedule …": a short opening of only a day and time stays with the verb after it.
            if character == ",", !inFieldList(), !inMessage() || endsMessage(at: index + 1), current.utf8.count > 40 || !onlyTime(current),
                startsVerb(at: index + 1)
            {
                pieces.append(current)
                current = ""
                markers = PieceMarkers()
                index += 1
                continue
            }
            let rest = character == " " ? ahead.window(at: index, end: index + 8).lowercased() : ""
            if character == " ", rest.hasPrefix(" and "), !inFieldList(), !inMessage() || endsMessage(at: index + 1),
                startsVerb(at: index + 5)
            {
                pieces.append(current)
                current = ""
                markers = PieceMarkers()
                index += 5
                continue
            }
            // "get all past due subs & ping #billing about them", "grab the Hooli deal + update its amount":
            // "&" and "+" before a verb join parts as "and" does.
            // "the invoices of Kowalski & Partners this year": a capitalised word after "&" is a name's, not a verb.
            if character == " ", rest.hasPrefix(" & ") || rest.hasPrefix(" + "), !inFieldList(), !inMessage(),
                startsVerb(at: index + 3), !capitalisedName(at: index + 3)
            {
                pieces.append(current)
                current = ""
                markers = PieceMarkers()
                index += 3
                continue
            }
            // "… post it to #general after that email it to ben@…", "… and after send him …": the sequencer
            // alone cuts, as "then" does.
            if character == " ", !inMessage(),
                let sequencer = [" after that ", " afterwards ", " and after "].first(where: { longer(index).hasPrefix($0) }),
                startsVerb(at: index + 1)
            {
                pieces.append(current)
                current = ""
                markers = PieceMarkers()
                index += sequencer.count
                continue
            }
            if character == " ", rest.hasPrefix(" then "), startsVerb(at: index + 6) {
                pieces.append(current)
                current = ""
                markers = PieceMarkers()
                index += 6
                continue
            }
            current.append(character)
            index += 1
        }
        pieces.append(current)
        return pieces
    }
}
