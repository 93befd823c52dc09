import Foundation

/// What a person adds about their day after the request: "… - I'm stuck in the audit room without Gmail", "…, the board
/// pack needs a forecast slide by Thursday", "(sales keeps telling me 'any day now')", "Trying to work out where to announce
/// …". It asks nothing, and read as part of the request it became result fields, or the text that was posted.
enum PromptAsides {
    /// Openings of an aside: the writer speaking of themselves, and why.
    private static let ownOpening =
        #"(?:i['’]m|i\s+am|i['’]ve|i\s+have\s+to|i\s+need\s+to|i\s+want\s+to|i['’]ll|i\s+was|we['’]re|we\s+are|we['’]ve|"#
        // "- we have three onsite candidates arriving this afternoon" (posted in place of the weather).
        + #"we\s+have\s+(?!to\b)|we\s+got\s|i\s+have\s+(?!to\b)|"#
        // ", a few folks are flying out for the career fair tomorrow" (refused as a forecast).
        + #"(?:a\s+few|some|several|most|half)\s+(?:of\s+)?(?:the\s+)?(?:folks|people|of\s+us|team|guys|candidates)\s+"#
        // ", half the team flies in for the all-hands tomorrow" (refused: "no tool here can half that").
        + #"(?:(?:are|is|were)\s+\w+ing|flies|fly|arrives?|lands?|leaves?|starts?|comes?)|"#
        // ", standup starts in 5" (the calendar was read and its count posted), ", it's month-end and ppl keep asking",
        // ", team's been asking", ", need to call her re the escalation" (made a result field).
        + #"[\w-]+\s+(?:starts|begins|kicks\s+off)\s+in\s+\d|it['’]s\s+(?:month|quarter|year)[-\s]?end|"#
        + #"(?:ppl|people|everyone|folks|the\s+team|team['’]s|team\s+has|they['’]ve|they\s+keep|they)\s+(?:keeps?\s+|been\s+|have\s+been\s+|['’]s\s+been\s+|has\s+been\s+)asking|"#
        + #"need\s+to\s+(?:call|ring|phone|meet|chase|talk\s+to|speak\s+to|see)|"#
        // "— want to know where to post the launch announcement".
        + #"(?:want|wanna|need)\s+to\s+(?:know|see|check|decide|figure\s+out|work\s+out)|"#
        + #"someone|somebody|sales\s+keeps?|(?:just\s+)?trying\s+to|because|since\s+(?:i|we|the)|"#
        + #"the\s+[\w-]+(?:\s+[\w-]+)?\s+(?:team|needs?|wants?|asked|flies|fly|leaves?|starts?))\b"#
    /// After a dash, also what someone else is doing ("— she's chasing something about the Q4 audit", "- his accountant is
    /// asking for …", "- half the team is heading out …") and what the thing sent is ("- that's the customer list Hooli asked
    /// about"): each was sent as the message, and what was to be sent never read.
    private static let opening =
        #"(?:"# + ownOpening
        // "- he says he never received it".
        // "- roadshow team wants to know if they need umbrellas" (posted in place of the weather).
        + #"|(?:[\w-]+\s+){0,2}(?:team|folks|people|everyone|guys|crew)\s+(?:wants?|needs?)\s+to\s+(?:know|see|check|decide)\b"#
        + #"|(?:she['’]s|he['’]s|they['’](?:re|ll|ve))\b|met\s+(?:him|her|them)\b|(?:she|he|they)\s+(?:says?|said|claims?|mentioned|thinks?|asked|asks|wants|wanted|wrote|writes)\b|(?:that['’]s|that\s+is|this\s+is|it['’]s)\s+(?:the|our|their|his|her|what)\b"#
        // ("— it's the file called 'P1 RCA' in Drive" names what is sent.)
        + #"(?!\s+(?:[\w-]+\s+)?(?:file|doc|document|sheet|spreadsheet|deck|one)\s+(?:called|named|titled)\b)|"#
        + #"(?:(?:half|most|all|some|one)\s+(?:of\s+)?)?(?:his|her|their|our|my|the)\s+(?:[\w-]+\s+){0,2}(?:is|are|was|were)\s+\w+ing\b)"#

    static func removed(_ prompt: String) -> String {
        // "Diego's asking if his refund went through - check payment pi_… and let him know": what someone asks, before the
        // order that answers it (its "refund" was planned, and made).
        let asked = prompt.replacingMatches(
            of: #"^(?:\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)?)(?:['’]s|\s+is|\s+was)\s+asking\s+(?:if|whether|about)\b[^.!?\n@#]*?"#
                + #"(?:\s+[-–—]\s+|[.!?]\s+)(?=\p{L})"#,
            with: "")
        // "(sales keeps telling me 'any day now')", "(payroll asked)": what others say, quotes and all.
        let remarked = asked.replacingMatches(
            of: #"(?i)\s?\((?:[\w-]+\s+)?(?:keeps?|kept|asked|asks|said|says|wants?|needs?)\b[^()\n@#]{0,80}\)"#, with: "")
        return PromptText.outsideQuotes(remarked) { text in
            // "(phone … if there's a field for it)".
            let bracketed = text.replacingMatches(
                of: #"(?i)\s+if\s+there['’]?s\s+(?:a\s+)?(?:field|place|slot|spot|column)\s+for\s+(?:it|that|them)\b"#, with: "")
            // "… Trying to work out where to announce the new expense policy": a sentence of its own.
            let sentences = bracketed.replacingMatches(
                of:
                    #"(?i)(?<=[.?!])\s+(?:just\s+)?(?:i['’]m\s+)?trying\s+to\s+(?:work\s+out|figure\s+out|find\s+out|sort\s+out|check|decide|see|plan|understand)\b[^.!?\n]*[.!?]?"#,
                with: ""
            )
            // "how big is file 1WN0…? can't remember if it'll fit as an email attachment", "what did ann's last email say? I
            // think it's about the invoice", "what's Maya Garcia's phone number? she's one of my stockists and I need to call
            // her about a late order": what the writer wonders or why they ask, after the question (an email was asked for,
            // the invoices read, the reason made a field).
            .replacingMatches(
                of: #"(?i)(?<=\?)\s+(?:(?:i\s+)?(?:can['’]?t|cannot|don['’]?t|do\s+not)\s+(?:remember|recall|know)\s+(?:if|whether)|"#
                    + #"i\s+(?:think|guess|believe|suspect|reckon)\s+(?:it['’]s|it\s+is|it\s+was|they['’]re|she['’]s|he['’]s)|"#
                    + #"(?:she['’]s|he['’]s|they['’]re)\s+(?:one\s+of\s+)?(?:my|our)\s+|"#
                    // "What was posted in #engineering yesterday? Want to see if the billing webhook fix shipped" (payments read).
                    + #"(?:i\s+)?(?:want|wanna|need)\s+to\s+(?:know|see|check|find\s+out|figure\s+out)\s+(?:if|whether)\b)[^?!@#"“\n]*[.!]?\s*$"#,
                with: ""
            )
            // "… next billing date. Finance wants it for the events budget.", "What spreadsheets do we have on Drive? Looking for
            // the lead exports.": who wants it, or what the writer hopes to find, in a sentence of its own (read as a calendar
            // read, a CRM read).
            .replacingMatches(
                of:
                    #"(?i)(?<=[.?!])\s+(?:(?-i:\p{Lu}[\w-]*)(?:\s+[\w-]+)?\s+(?:wants?|needs?|asked\s+for)\s+(?:it|this|them|these|that)\s+for|"#
                    + #"(?:i['’]m\s+|we['’]re\s+)?(?:looking|hoping)\s+(?:for|to\s+find))\b[^.!?\n@#"“]*[.!]?\s*$"#,
                with: ""
            )
            // "how windy is it in Galway? doing the outdoor market this arvo": why the writer asks, after the question (refused
            // as a verb "doing").
            .replacingMatches(
                of: #"(?i)(?<=\?)\s+(?:(?:i['’]m|we['’]re|i\s+am|we\s+are)\s+)?(?:doing|going|heading|planning|running|hosting|having|"#
                    // "what did people say in #engineering today? missed the morning sync" (refused: "no tool here can missed").
                    + #"visiting|flying|driving|cycling|biking|walking|off\s+to|missed|was\s+out|been\s+out|just\s+back|stuck\s+in|"#
                    // "whats the weather doing in Manchester rn? pouring the slab this arvo", "anything booked tomorrow? trying to
                    // squeeze in a callout", "what's Felix Rossi's phone number? need to call him about …", "anything new in
                    // #support? customers been moaning …": what the writer is doing, or others have been (each refused or read).
                    + #"need\s+to|gotta|(?:just\s+)?trying\s+to)\b[^.!?\n@#"“]*[.!]?\s*$"#,
                with: ""
            )
            // ("Where exactly is Hallstatt? we're thinking of going in the summer, I just need the coordinates": what follows
            // its comma is asked.)
            .replacingMatches(
                of: #"(?i)(?<=\?)\s+(?:(?:i['’]m|we['’]re|i\s+am|we\s+are)\s+)?(?:"# + Self.doing
                    + #"|got|had|[\w-]+\s+(?:been|keep|keeps)\s+\w+ing)\b[^.!?\n@#"“,]*[.!]?\s*$"#,
                with: ""
            )
            // "… I'll circulate the agenda myself.", "- and I'll decide about a refund after.": what the writer will do
            // themselves (its "agenda" was read from the calendar).
            .replacingMatches(
                of: #"(?i)(?<=[\w).?!])\s+(?:[–—-]\s+)?(?:and\s+)?(?:i['’]ll|i\s+will|we['’]ll|we\s+will)\s+(?!need\b|want\b|be\b)"#
                    + #"[^.!?\n@#"“]{0,100}?\b(?:myself|ourselves|on\s+(?:my|our)\s+end|after(?:wards)?|later|from\s+there)"#
                    + #"(?=\s*(?:[.!]|$))"#,
                with: "")
            return purposeRemoved(trailingRemoved(sentences))
        }
    }

    /// "… all the closed lost deals so she can plan win-back calls.": why the reader wants it (its "plan" read the
    /// subscriptions), unless the words before it send a message that has no text yet.
    static func purposeRemoved(_ text: String) -> String {
        let pattern =
            #"(?i)(?<=[\w)])\s+so\s+(?:that\s+)?(?:she|he|they|we|i|you|the\s+[\w-]+)\s+(?:can|could|will|may|is\s+able\s+to)\s+"#
            + #"[^.!?\n@#"“]*(?=[.!?]?\s*$|[.!?]\s)"#
        guard let found = text.rangeOfMatch(of: pattern), !kept(text[..<found.lowerBound]) else { return text }
        return String(text[..<found.lowerBound] + text[found.upperBound...])
    }

    /// A verb in "-ing" that no tool's action is said with ("pouring", "doing", "squeezing"): what the writer is doing.
    static let doing =
        #"(?!(?:send|post|e-?mail|mail|forward|book|schedul|add|creat|updat|refund|upload|sav|shar|tell|lett|ask|invit|putt|"#
        + #"check|list|read|look|find|search|gett|pull|fetch|show|report|cc|copy|includ|attach|mov|chang|sett|mark|block)ing\b)"#
        + #"[a-z]{2,}ing"#

    /// The asides after a dash or a comma, each unless it is a message's text.
    static func trailingRemoved(_ text: String) -> String {
        // ", she moved over last month": what the person did, after the value the request sets.
        // ", the client delayed sign-off": what the other party did.
        let theirDoing =
            #"(?:she|he|they|the\s+(?:client|customer|candidate|prospect|vendor|buyer|seller))(?:['’](?:s|ve|re))?\s+(?:just\s+)?(?:asking|wondering|starts|begins|arrives|lands|delayed|pushed|postponed|moved|left|joined|switched|changed|started|went|got|was|were|has|had|is|are|"#
            + #"signed|paid|agreed|confirmed|accepted|renewed|upgraded|downgraded|called|emailed|asked|said|says|made|placed|bought|ordered|"#
            + #"thinks|believes|reckons|claims|expecting|waiting|travell?ing|away|busy|"# + doing + #")\b"#
        // "… to Hooli - she moved over last month", "… to +1 415 555 0199 - he called from his new line": after a dash too.
        // ", doing a ring round for the new year bookings", ", got the crane booked for 2pm", ", overcharged them for the skip
        // hire": what the writer is doing or did (refused as a verb no tool has).
        // ("…, closing 2026-06-30", "…, starting at 9": a value of the request.)
        let ownDoing =
            #"(?:just\s+)?(?!(?:closing|starting|ending|renewing|expiring|billing|costing|including|using|regarding|following|"#
            + #"containing|beginning|paying|showing|saying|asking|telling|meaning|leaving|arriving)\b)(?:"# + doing
            + #"|got|had|overcharged|undercharged|missed|forgot)\b(?=\s+(?:a|an|the|my|our|some|it|them|him|her|this|that|up|out)\b)"#
        let pattern =
            #"(?i)(?<=[\w)])(?:\s+[–—-]\s+"# + opening + #"|\s+[–—-]\s+"# + theirDoing + #"|,\s+"# + ownOpening + #"|,\s+"# + theirDoing
            + #"|,\s+"# + ownDoing + #")[^.!?\n@#]*"#
        var result = ""
        var rest = text[...]
        while let found = rest.rangeOfMatch(of: pattern) {
            let before = text[..<found.lowerBound]
            result += rest[..<found.lowerBound]
            // What the other party did, after a dash, is an aside to a change of a record only ("tell #sales the Acme deal
            // closed - they signed this morning" says it).
            let theirs =
                rest[found].rangeOfMatch(of: #"(?i)^\s+[–—-]\s+"# + opening) == nil && rest[found].rangeOfMatch(of: #"^\s+[–—-]"#) != nil
            let changesRecord =
                before.rangeOfMatch(of: #"(?i)^\s*(?:please\s+)?(?:change|update|set|edit|fix|correct|move|mark)\b[^\n]*\bto\b"#) != nil
            if kept(before) || (theirs && !changesRecord) { result += rest[found] }
            rest = rest[found.upperBound...]
        }
        return result + rest
    }

    /// Whether the words before the aside send a message that has no text yet ("tell #sales - I'm out today", "email Dana,
    /// I'm running late"): then the "aside" is the message.
    static func kept(_ before: Substring) -> Bool {
        // The sentence it closes: from the last full stop followed by a space ("jo@ourco.example" is one word).
        let characters = Array(before)
        let start = characters.indices.dropLast().last { ".!?\n".contains(characters[$0]) && characters[$0 + 1].isWhitespace }
        let sentence = start.map { String(characters[($0 + 1)...]) } ?? String(before)
        // "Please, I want to know …": the request itself, after a word or two.
        if sentence.split(whereSeparator: \.isWhitespace).count < 4 { return true }
        // "email her: Great talking today, I'll send …": inside a message's text.
        // ("add a contact: Omar Haddad, … — met him at the escalation call": a record's values, not a message.)
        let recordValues = sentence.rangeOfMatch(of: #"(?i)^\s*(?:please\s+)?(?:add|create|new|update|change)\b[^:]*:"#) != nil
        if !recordValues, sentence.rangeOfMatch(of: #"(?i):|\bsaying\b|\bsay\b|\bthat\b|\bwrite\b"#) != nil { return true }
        guard
            let verb = sentence.rangeOfMatch(
                // ("our Slack channels" is no verb.)
                of:
                    #"(?i)\b(?:tell|message|ping|notify|dm|text|say|write|email|e-mail|mail|post|send|(?<!(?:our|my|the|in|on|to|from|of|via)\s)slack|let\s+[\w#@.-]+\s+know)\b"#
            )
        else { return false }
        // ("Post Chloe Okafor's outstanding balance in #support - she's on the phone": what is posted is hers.)
        return sentence[verb.upperBound...].rangeOfMatch(
            of:
                #"(?i)\b(?:it|them|this|that|these|those|the|my|our|their|his|her|its|a|an|how\s+many|how\s+much|what|which|when|who)\b|\w['’]s\s+\w"#
        )
            == nil
    }
}
