import Foundation

/// Typos in the words that pick a service or an action ("wether", "calandar", "subscritions"):
/// a lower-case word of five letters or more that the planner does not know, one edit away from
/// one it does (two for words of eight or more), is read as that word. Quoted text, names,
/// addresses, channels and ids are left as written.
public enum PromptSpelling {
    /// The words corrected towards: services, record kinds and the actions the tools take.
    static let vocabulary: Set<String> = {
        var words = EmbeddedPlanner.weatherWords.union(ReadIntents.emailWords).union(ReadIntents.storageWords)
            .union(ReadIntents.calendarWords).union(ReadIntents.chatWords).union(PromptClauses.knownNouns)
            .union(PromptClauses.actionVerbs.filter { $0.value != .unsupported }.keys).union(PromptClauses.readVerbs)
        words.formUnion([
            "invoice", "invoices", "subscription", "subscriptions", "customer", "customers", "contacts", "refund", "payment", "payments",
            "schedule", "humidity", "temperature", "weather", "channel", "channels", "message", "messages", "upload", "spreadsheet",
            "meeting", "meetings", "lifecycle", "pipeline", "unread", "current", "forecast", "hubspot", "stripe", "calendar", "drive",
            "appointment", "active", "return", "account",
        ])
        // ("visite", "photo ID", "testing" are words of their own, one edit from these.)
        words.subtract(["visit", "viewing", "viewings", "tasting", "photos", "scans", "drawings"])
        return Set(words.filter { $0.count >= 5 && $0.allSatisfy(\.isLetter) })
    }()

    /// Shorthand written in chat ("w/ their phones", "what subs r active"), as the words it stands for.
    static let shorthand: [String: String] = [
        "w/": "with", "w/o": "without", "subs": "subscriptions", "sub": "subscription", "r": "are", "u": "you", "msgs": "messages",
        "msg": "message", "pls": "please", "plz": "please", "mtg": "meeting", "mtgs": "meetings", "cal": "calendar", "invs": "invoices",
        "ppl": "people", "hows": "how's", "tmrw": "tomorrow", "tmr": "tomorrow", "n": "and", "rn": "now", "atm": "now",
        "wats": "what's", "thx": "thanks", "subj": "subject", "wheres": "where's", "whos": "who's", "whens": "when's",
        "fwd": "forward", "pul": "pull", "geocode": "get the coordinates of", "lat/long": "coordinates", "lat/lng": "coordinates",
        "lat/lon": "coordinates", "coords": "coordinates", "temprature": "temperature", "tempreture": "temperature",
        "temperture": "temperature", "tempature": "temperature", "thru": "through", "mny": "many", "meny": "many", "hw": "how",
        "hwo": "how", "wht": "what", "whta": "what", "waht": "what",
        // One edit from both "weather" and "whether", so the spelling pass left them.
        "wheather": "weather", "wheater": "weather", "weahter": "weather", "waether": "weather",
        // Too short for the spelling pass ("chek #general … tell me who sed what").
        "chek": "check", "chk": "check", "sed": "said", "wat": "what", "abt": "about", "gimme": "give me", "lemme": "let me",
        "enumerate": "list", "cust": "customer", "lastest": "latest",
        "custs": "customers", "lst": "list", "lis": "list", "adress": "address", "adresses": "addresses",
        // Dropped g's ("whats goin on in #random").
        "goin": "going", "happenin": "happening", "sayin": "saying", "talkin": "talking", "postin": "posting", "comin": "coming",
        "serch": "search", "emials": "emails", "emial": "email", "emal": "email", "emals": "emails",
        // "refnd pi_… 10 dolars": the amount's unit (without it the amount was lost, and the whole payment refunded).
        "dolars": "dollars", "dolar": "dollar", "dollers": "dollars", "doller": "dollar", "mch": "much", "amt": "amount",
        "amnt": "amount", "chanel": "channel", "chanels": "channels", "fone": "phone", "contcat": "contact", "contcats": "contacts",
        "contakt": "contact", "kontakt": "contact", "contakts": "contacts", "kontakts": "contacts",
        "conatct": "contact",
        // Days said in Spanish, German or French in an English request ("Mañana 9am block 'Focus time'").
        "mañana": "tomorrow", "manana": "tomorrow", "demain": "tomorrow", "hoy": "today", "heute": "today",
        // Sales shorthand ("all open opps w/ amt + stage", "diego rossi last inv", "denver what tz?").
        "opp": "deal", "opps": "deals", "inv": "invoice", "tz": "time zone", "mgr": "manager", "acct": "account",
        "accts": "accounts", "qty": "quantity", "appt": "appointment", "appts": "appointments", "wk": "week", "mo": "month",
        // A word of its own to the calendar check ("put in my calender dentist appointment" titled "Calender dentist …").
        "calender": "calendar", "calander": "calendar", "calandar": "calendar",
        // Autocorrect and apostrophes a phone leaves out ("defiantly need …", "hes in the crm").
        "defiantly": "definitely", "definately": "definitely", "hes": "he's", "shes": "she's", "theyre": "they're",
        // Refunds in the writer's own language ("Reembolse him 25 dollars", "Rembourse completely the last invoice").
        "reembolse": "refund", "reembolsa": "refund", "reembolsar": "refund", "rembourse": "refund", "rembourser": "refund",
        "facture": "invoice", "factura": "invoice",
    ]

    /// Texting's asides, dropped where they stand alone ("whats it like outside in sydney lmk", "works at brightloop ty",
    /// "new contact lol: jay kim"): read as words they became a place, a company, a first name.
    static let chatAsides: Set<String> = ["lol", "lmao", "haha", "hahaha", "ngl", "tbh", "lmk", "ty", "tysm", "smh", "omg", "jk"]

    /// "all customers in stripe with they emails": "they" before what someone has is "their" (the emails were read as
    /// mail, and the customers never listed).
    static func theirWritten(_ prompt: String) -> String {
        // "how much deals we have": a count, as "how many" asks (the words became a field).
        let prompt = prompt.replacingMatches(
            of:
                #"(?i)\bhow\s+much\s+(?=(?:deals|contacts|invoices|customers|subscriptions|files|events|meetings|emails|messages|channels|payments|leads|clients)\b)"#,
            with: "how many "
        )
        // "the invoices which are not paid yet": unpaid ones (read as paid ones, the opposite list).
        .replacingMatches(
            of: #"(?i)\b(?:(?:is|are|was|were|has|have)(?:\s+still)?\s+not|isn't|aren't|wasn't|weren't|hasn't|haven't"#
                + #"|still\s+not|not\s+yet|not)(?:\s+(?:been|yet|fully))*\s+paid(?:\s+(?:yet|so\s+far|off))?\b"#,
            with: "unpaid"
        )
        // "Update the deal 'Fleetwise' to an amount of 62,000": the amount set to the figure (it was asked for).
        .replacingMatches(
            of: #"(?i)\b(?:to|with)\s+(?:an?\s+|the\s+|a\s+new\s+)?(amount|value)\s+of\s+(?=[$€£]?\d)"#, with: "$1 to "
        )
        // "tell me the subject and when it arrived": the email's date, beside the other fields (only the date was kept).
        .replacingMatches(
            of: #"(?i)\band\s+when\s+(?:it|that|the\s+e-?mail|the\s+message)\s+"#
                + #"(?:arrived|came\s+in|was\s+sent|was\s+received|got\s+here)\b"#,
            with: "and the date"
        )
        // "every deal we have, with the amount", "the stripe customers we got": the records (the words became a field).
        .replacingMatches(
            of:
                #"(?i)\b((?:every|all(?:\s+(?:the|of\s+the))?|each|the)\s+(?:[a-z]+\s+)?(?:deals?|contacts?|invoices?|customers?|subscriptions?|files?|"#
                + #"channels?|events?|meetings?))\s+(?:that\s+)?(?:we|i|you|they)(?:\s+(?:currently|still))?\s+(?:have|got|own)\b"#,
            with: "$1"
        )
        // "… to bookkeeping@…, in an email titled "Latest invoice"": the subject (the quoted title was taken for the text, and
        // the invoice never read).
        .replacingMatches(
            of:
                #"(?i)(?<=\S),?\s+(?:in|as|via|by)\s+an?\s+e-?mail\s+(?:titled|entitled|called|named|with\s+the\s+(?:subject|title)(?:\s+line)?)\s+(?=["“'])"#,
            with: " with the subject "
        )
        // "what are the conditions like": the conditions (the words became a field "condition like").
        .replacingMatches(
            of: #"(?i)\b(what(?:'s|’s|\s+is|\s+are)\s+the\s+[a-z]+(?:\s+[a-z]+)?)\s+like\b"#, with: "$1"
        )
        // "Kindly do the needful and share the list of all customers …": the request itself ("do" was refused).
        .replacingMatches(
            of: #"(?i)\b(?:kindly\s+|please\s+)?do\s+the\s+needful\s*(?:,\s*)?(?:and\s+)?"#, with: ""
        )
        // "share the list of all customers in Stripe along with their email": shown, with no one to share it with (it was
        // read as a send to each customer).
        .replacingMatches(
            // Not "share the Roadmap doc with my cousin": with someone.
            of:
                #"(?i)(?:^|(?<=[.!?]\s))(?:please\s+|kindly\s+)?share\s+(?=(?:the\s+list\s+of|a\s+list\s+of|list\s+of|all|the|our|my)\b[^@#\n]*$)"#
                // ("… with amount and stage": what to show of them.)
                + #"(?![^@#\n]*(?<!along)\s+with\s+(?!(?:amounts?|status|stages?|names?|e-?mails?|phones?|phone\s+numbers?|details|"#
                + #"due|dates?|totals?|compan(?:y|ies)|plans?|prices?|their|its|each|columns?|fields?)\b)\w)"#,
            with: "show me "
        )
        // "send one email to pedro@…, say him that the order is ready": what to say ("him that" opened the body).
        .replacingMatches(
            of: #"(?i)(?<=[,;])\s+(?:say|tell|write)\s+(?:to\s+)?(?:him|her|them)\s+(?=that\b)"#, with: " saying "
        )
        // "post in general channel hey team …": the channel named before the word "channel", then the message.
        .replacingMatches(
            of:
                #"(?i)\b(post|write|send|put)\s+(?:it\s+|this\s+)?(?:in|to|on)\s+(?:the\s+)?"#
                + #"(?!(?:the|a|an|our|my|this|that|your|their|team|slack)\s)([a-z][\w-]{1,40})\s+channel\b\s*[:,-]?\s+(?=\S)"#,
            with: "$1 in #$2: "
        )
        // "whats in #general", "what's in the #random channel today?": what has been said there.
        .replacingMatches(
            of:
                #"(?i)\b(what(?:'s|’s|s|\s+is))\s+in\s+(?:the\s+)?(#[\w-]+)(?:\s+chann?el)?((?:\s+(?:today|this\s+morning|lately|right\s+now|now))?)\s*\??\s*$"#,
            with: "$1 new in $2$3"
        )
        // "tomorrow 10 o'clock": the clock time.
        .replacingMatches(of: #"(?i)\b(\d{1,2})\s*o['’]?\s?clock\b"#, with: "$1:00")
        // "deals closing this month pls. name+amount": a list of fields joined by pluses.
        .replacingMatches(of: #"(?<=[A-Za-z])\+(?=[A-Za-z]+\b(?![@.+-]))"#, with: " and ")
        // "I want know the subscriptions of …": the "to" non-native English leaves out (the words became a field).
        .replacingMatches(
            of: #"(?i)\b(want|wants|need|needs|would\s+like|like|wish)\s+(know|see|get|check|find|list|have|make|send|add|create)\b"#,
            with: "$1 to $2"
        )
        // "new contact in CRM: name Sofía Ruiz, mail sofia@…": a label of the address given, not a send.
        .replacingMatches(
            of: #"(?i)(?<=[,:;(]\s|[,:;(])\s*(?:mail|e-mail|mail\s+address|mailbox)\s*:?\s+(?=[\w.+-]+@[\w-]+\.)"#, with: " email "
        )
        // "send email to mark@… say meeting moved to 4": what to say, after whom it goes to (a calendar was read).
        .replacingMatches(
            of:
                #"(?i)(\b(?:to|email|e-mail|mail|message|ping|tell|in)\s+(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|#[\w-]+))\s+(?:say|tell\s+(?:him|her|them))\s+"#
                + #"(?!(?:that|hi|hello|about)\b)"#, with: "$1 saying "
        )
        // "I am kindly requesting the list of all our customers …": a request for the list (refused on "requesting").
        .replacingMatches(
            of:
                #"(?i)\b(?:i\s+am|i'm|we\s+are|we're)\s+(?:kindly\s+|hereby\s+)?(?:requesting|asking\s+for|looking\s+for|in\s+need\s+of)\s+"#,
            with: "show me "
        )
        // "the temperature … in São Paulo, and also if it is raining": whether it rains, asked (read as a condition).
        .replacingMatches(
            of:
                #"(?i)\b(and\s+(?:also\s+)?)if\s+(?=it(?:'s|\s+is|\s+will\s+be)\s+(?:raining|snowing|sunny|windy|cloudy|foggy|stormy|going\s+to\s+(?:rain|snow)))"#
                // "… and if it's raining, post …": a condition on an action stays one (it was posted whatever the weather).
                + #"(?![^.!?\n]{0,60}?(?:,|\bthen\b)\s*(?:then\s+)?(?:post|send|e-?mail|tell|let|create|book|schedule|refund|upload|save|"#
                + #"notify|message|ping|update|cancel|move)\b)"#,
            with: "$1whether "
        )
        // "the GPS coordinates of Porto": coordinates ("GPS" was looked up as the place).
        .replacingMatches(of: #"(?i)\bgps\s+(?=coordinates|coords|location|position)"#, with: "")
        // "make meeting tomorrow 9 until 10 with name Daily check": its title (the title was asked for).
        .replacingMatches(
            of:
                #"(?i)(\b(?:meeting|event|call|appointment|sync)\b[^.?!\n]{0,60}?)\bwith\s+(?:the\s+)?(?:name|title)\s+(?=["'“]|(?-i:[A-Z]))"#,
            with: "$1named "
        )
        // "give me his phone nr", "tel. no.", "phone #": a number written short (the field came back as `phone_nr`).
        .replacingMatches(
            of: #"(?i)\b(?:phone|tel\.?|telephone)\s+(?:nr\.?|no\.?|num\.?|#)(?=\s|[,;?!]|$)"#, with: "phone number"
        ).replacingMatches(
            of: #"(?i)\b(mobile|cell)\s+(?:nr\.?|no\.?|num\.?|#)(?=\s|[,;?!]|$)"#, with: "$1 number")
        return prompt.replacingMatches(
            of: #"(?i)\b(with|plus|include|including)\s+they\s+(?=[a-z]+s\b)(?!are\b|was\b|has\b)"#, with: "$1 their ")
    }

    /// "…; respond with temperature, conditions, humidity only": what to answer with is the fields to return, when
    /// nothing is written to anyone (no address, channel or quote); as a reply it failed ("no tool here can respond").
    static func answersAsked(_ prompt: String) -> String {
        guard !prompt.contains(where: { "@#".contains($0) }), PromptText.quotedTexts(in: prompt).isEmpty,
            let range = prompt.rangeOfMatch(of: #"(?i)\b(?:respond|reply|answer)\s+with\s+(?=[a-z])"#)
        else { return prompt }
        return prompt.replacingCharacters(in: range, with: "return ")
    }

    /// "Compare the temperature in Oslo and Madrid": no tool compares, so each is shown, side by side, as "show the
    /// temperature in Oslo and Madrid" asks (the comparison was refused, and what to compare was no field).
    static func comparedShown(_ prompt: String) -> String {
        guard let range = prompt.rangeOfMatch(of: #"(?i)^(?:please\s)?compare\s(?=the\s|our\s|my\s)"#) else {
            return prompt
        }
        return prompt.replacingCharacters(in: range, with: "show ")
    }

    /// "mark contact tomás garcía as a customer", "the contact for renée o'brien": a person's name written in lower case
    /// after the record word, known by an accent or an inner apostrophe, as it is written capitalised (it was asked for
    /// an id, or every contact listed).
    static func namesCapitalised(_ prompt: String) -> String {
        var tokens = prompt.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for index in tokens.indices.dropLast() where ["contact", "client", "lead"].contains(tokens[index].lowercased()) {
            var start = index + 1
            if ["for", "named", "called"].contains(tokens[start].lowercased()), start + 1 < tokens.count { start += 1 }
            guard start < tokens.count else { continue }
            // "contact o'reilly at 3m-partners": a surname alone, before a word no name has.
            let alone =
                start + 1 == tokens.count
                || PromptClauses.prepositions.union(["and", "is", "should", "has", "was", "now"]).contains(tokens[start + 1].lowercased())
            let pair = alone ? [tokens[start]] : [tokens[start], tokens[start + 1]]
            let bare = pair.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:!?")) }
            guard
                bare.allSatisfy({ word in
                    word.count >= 2 && word.first?.isLowercase == true && word.allSatisfy({ $0.isLetter || "'’-".contains($0) })
                }),
                bare.contains(where: { word in
                    // "o'brien", "d'almeida": a name's apostrophe, not a contraction's ("we've", "don't").
                    let parts = word.split(whereSeparator: { "'’".contains($0) })
                    let apostrophed = parts.count == 2 && parts[0].count <= 2 && parts[1].count >= 3
                    return word.contains(where: { !$0.isASCII && $0.isLetter }) || apostrophed
                })
            else { continue }
            for (offset, word) in pair.enumerated() {
                tokens[start + offset] = capitalisedName(word)
            }
        }
        return tokens.joined(separator: " ")
    }

    /// "o'brien" → "O'Brien", "garcía" → "García".
    static func capitalisedName(_ word: String) -> String {
        var result = ""
        var upper = true
        for character in word {
            result += upper ? character.uppercased() : String(character)
            upper = "'’-".contains(character)
        }
        return result
    }

    /// "make it an hour, no wait, make it ninety minutes": what was said first and taken back goes.
    static func restated(_ prompt: String) -> String {
        prompt.replacingMatches(
            of:
                #"(?i)\b(make|call|name)\s+it\s+[^,.;:\n"“]{1,40}?[,.]?\s+(?:no\s+wait|wait|sorry|actually|no|i\s+mean)[,.]?\s+(?:\1\s+it\s+)"#,
            with: "$1 it ")
    }

    /// "… on Wednesday at 3pm - actually make it 4pm.", "…at 3pm, no wait, make that 4:30pm": the time said last replaces
    /// the one it corrects (the first was booked, and "make it 4pm" became the title's words).
    static func timesCorrected(_ prompt: String) -> String {
        let clock = #"(?:\d{1,2}(?::\d{2})?\s?(?:am|pm)|\d{1,2}:\d{2})"#
        // The pattern opens on its words, not on spaces: opened on `\s*`, a long run of spaces cost quadratic time.
        guard
            let found = prompt.rangeOfMatch(
                of:
                    #"(?i)\b(?:actually|no wait|wait|sorry|correction)[,:]?\s+(?:(?:make it|make that|change it to|change that to|let's say|rather|at)\s+)?"#
                    + clock + #"\b\.?"#)
        else { return prompt }
        // With the dash or comma before it: "at 3pm - actually make it 4pm".
        var start = found.lowerBound
        let before = prompt[..<start].reversed().prefix(8)
        let spaces = before.prefix(while: \.isWhitespace).count
        let mark = before.dropFirst(spaces).first.map { "-–—,;.".contains($0) } == true ? 1 : 0
        let trailing = before.dropFirst(spaces + mark).prefix(while: \.isWhitespace).count
        start = prompt.index(start, offsetBy: -(spaces + mark + (mark == 1 ? trailing : 0)))
        let correction = start..<found.upperBound
        let said = String(prompt[correction])
        // The first time said is the one corrected: a transcript's later times are the assistant's echo of it.
        guard let new = said.rangeOfMatch(of: "(?i)" + clock).map({ String(said[$0]) }),
            let old = prompt[..<correction.lowerBound].rangeOfMatch(of: "(?i)" + clock)
        else { return prompt }
        var text = prompt
        text.replaceSubrange(correction, with: said.hasSuffix(".") ? "." : "")
        text.replaceSubrange(old, with: new)
        // "…actually make it 11am, and an hour long.": the length said with it too.
        if let (lengthened, rest) = PromptCorrections.lengthSaid(
            after: prompt[correction.upperBound...],
            replacingIn: prompt[..<old.lowerBound] + new + prompt[old.upperBound..<correction.lowerBound])
        {
            return lengthened + (said.hasSuffix(".") ? "." : "") + (rest.isEmpty ? "" : " " + rest)
        }
        return text
    }

    /// Words a letter or two from the vocabulary's that are words themselves ("our team flies out tonight" had become
    /// "files").
    static let wordsNotSlips: Set<String> = ["flies", "flier", "fliers", "dairy", "trail", "trails", "angel", "angels"]

    /// The vocabulary by word length, so a word is compared only with words near its length.
    static let vocabularyByLength: [Int: [String]] = Dictionary(grouping: vocabulary, by: \.count)

    public static func corrected(_ prompt: String) -> String {
        let prompt = withoutRecordPossessives(
            answersAsked(comparedShown(namesCapitalised(timesCorrected(SpokenNumbers.written(restated(expanded(theirWritten(prompt)))))))))
        let quoted = Set(PromptText.quotedTexts(in: prompt).flatMap { $0.lowercased().split(separator: " ").map(String.init) })
        var output = ""
        var word = ""
        // An address, a link or a channel is spelled as written ("cloud-team@…" was mailed as "cloudy-team@…").
        var written = false
        func flush() {
            output += written ? word : replacement(for: word, quoted: quoted) ?? word
            word = ""
        }
        var token = prompt.startIndex
        for index in prompt.indices {
            let character = prompt[index]
            if index == token || prompt[prompt.index(before: index)].isWhitespace {
                token = index
                let end = prompt[index...].firstIndex(where: \.isWhitespace) ?? prompt.endIndex
                let segment = prompt[index..<end]
                // So is a file's name ("techbeat-interview.txt" was saved as "techbeat-interviews.txt").
                written =
                    segment.contains("@") || segment.contains("://") || segment.hasPrefix("#") || segment.hasPrefix("www.")
                    || (segment.contains(".")
                        && PromptText.isFileName(
                            segment.trimmingCharacters(in: CharacterSet(charactersIn: ",;:!?\"'()“”."))))
            }
            if character.isLetter {
                word.append(character)
            } else {
                flush()
                output.append(character)
            }
        }
        flush()
        return output
    }

    /// "the Wayne deal's close date" → "the Wayne deal close date": a record's possessive says no
    /// more than the record word, which is what the parts are read by. Quoted text is left as written.
    static func withoutRecordPossessives(_ prompt: String) -> String {
        guard prompt.contains("'s") || prompt.contains("’s") else { return prompt }
        let quoted = Set(PromptText.quotedTexts(in: prompt).flatMap { $0.lowercased().split(separator: " ").map(String.init) })
        let tokens = prompt.split(separator: " ", omittingEmptySubsequences: false)
        return tokens.indices.map { index in
            let token = tokens[index]
            let bare = token.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:!?")).replacingOccurrences(of: "’", with: "'")
            let lower = bare.lowercased()
            // Only a record the prompt names ("the Hooli deal's"); "each deal's name" lists fields.
            let named =
                index > 0 && tokens[index - 1].first?.isUppercase == true && !PromptFields.brands.contains(tokens[index - 1].lowercased())
            guard named, lower.hasSuffix("'s"), FieldName.recordNouns.contains(String(lower.dropLast(2))), !quoted.contains(lower) else {
                return String(token)
            }
            return token.replacingOccurrences(of: "'s", with: "").replacingOccurrences(of: "’s", with: "")
        }.joined(separator: " ")
    }

    /// Sounds of speech in a dictated prompt ("um can you schedule …", "email them to uh my manager").
    static let spokenFillers: Set<String> = ["um", "umm", "uh", "uhh", "uhm", "erm", "hmm", "mm"]

    /// Shorthand tokens outside quotes, replaced whole ("w/" but not "w/e", "r" but not "r2"); spoken
    /// fillers and emoji standing alone ("🎉 post …") dropped: read as words, they turned the request
    /// into a search for "um" or a read of the channel.
    static func expanded(_ prompt: String) -> String {
        guard prompt.contains(where: { $0 == "/" || $0 == " " }) else { return prompt }
        // Where the quoted texts stand, so that "🎉 post 'We hit 10k!! 🎉'" drops the first 🎉 and keeps the one quoted.
        // Each is looked for after the one before, and the tokens walk them in order: linear in the prompt.
        var quoted: [Range<String.Index>] = []
        var from = prompt.startIndex
        for text in PromptText.quotedTexts(in: prompt) where !text.isEmpty {
            guard let found = prompt.range(of: text, range: from..<prompt.endIndex) else { continue }
            quoted.append(found)
            from = found.upperBound
        }
        var next = 0
        var kept: [String] = []
        var inText = false
        for written in prompt.split(separator: " ", omittingEmptySubsequences: false) {
            while next < quoted.count, quoted[next].upperBound <= written.startIndex { next += 1 }
            let outside = next == quoted.count || !quoted[next].overlaps(written.startIndex..<written.endIndex)
            let token = String(written)
            let bare = token.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:!?…"))
            // "body: thank you for the flowers 💐 they are beautiful": after a message's label, an emoji is its text.
            if ["body:", "message:", "text:", "content:", "saying", "says"].contains(token.lowercased()) { inText = true }
            // "🚀 post in #launch: We're live! 🎉": after a colon that closes an action's words, the message's own.
            // "Slack #ops: deploy finished ✅": after a channel's label too.
            if outside, token.hasSuffix(":"), token.count > 1,
                token.hasPrefix("#")
                    || kept.contains(where: {
                        PromptClauses.actionVerbs[$0.lowercased().trimmingCharacters(in: .punctuationCharacters)] != nil
                    })
            {
                inText = true
            }
            if outside, !bare.isEmpty, spokenFillers.contains(bare.lowercased()) || (isEmoji(bare) && !inText) { continue }
            if outside, !inText, chatAsides.contains(bare.lowercased()), bare == bare.lowercased() {
                // "new contact lol: jay kim": the colon it carried stays.
                if let mark = token.last, ":,.".contains(mark), let previous = kept.last, !previous.hasSuffix(String(mark)) {
                    kept[kept.count - 1] = previous + String(mark)
                }
                continue
            }
            // "w/ dr. okafor tmrw 3pm": a title's dot ends no sentence (the time after it was lost). In a message's own
            // text ("text: call back Mrs. Okafor") it is written as given.
            if outside, !inText, token.hasSuffix("."), ["dr", "mr", "mrs", "ms", "prof"].contains(bare.lowercased()) {
                kept.append(bare.capitalizedFirst)
                continue
            }
            // "Pul all open deals": a shorthand of three letters or more opening a sentence too. A message's own words are
            // its writer's ("w/ text: call Ana re budget tmrw" was saved as "… tomorrow"); a label in it ("subj:") is not.
            if outside, !inText || token.hasSuffix(":"), let long = shorthand[bare.lowercased()],
                bare == bare.lowercased() || (bare.count >= 3 && bare.dropFirst() == bare.dropFirst().lowercased())
            {
                kept.append(token.replacingOccurrences(of: bare, with: bare == bare.lowercased() ? long : long.capitalizedFirst))
            } else {
                kept.append(token)
            }
        }
        return kept.joined(separator: " ")
    }

    /// "🎉", "📧", "👍🏽": a token of pictographs only.
    static func isEmoji(_ token: String) -> Bool {
        !token.isEmpty
            && token.unicodeScalars.allSatisfy { scalar in
                scalar.properties.isEmojiPresentation || scalar.properties.generalCategory == .otherSymbol || scalar.value == 0xFE0F
                    || scalar.value == 0x200D || scalar.properties.isEmojiModifier
            }
    }

    /// Words written without their vowels ("pls pst in #support tht …"): an action or read verb, or a
    /// word a message follows, by its consonants, where only one word has them.
    static let vowelless: [String: String] = {
        let words = Set(PromptClauses.actionVerbs.filter { $0.value != .unsupported }.keys).union(PromptClauses.readVerbs)
            .union(["that", "about", "tomorrow", "today", "meeting", "message"])
            .filter { $0.count >= 3 && $0.allSatisfy(\.isLetter) }
        // The first letter stays even when a vowel ("updt", "eml").
        let grouped = Dictionary(grouping: words) { String($0.prefix(1)) + consonants(String($0.dropFirst())) }
        return grouped.compactMapValues { $0.count == 1 ? $0[0] : nil }.filter { $0.key.count >= 2 && $0.key.count < $0.value.count }
    }()

    static func replacement(for word: String, quoted: Set<String>) -> String? {
        // "pst", "snd", "updt": three or more letters, no vowel after the first, lower case, read by their consonants.
        if (3...6).contains(word.count), word == word.lowercased(), !word.dropFirst().contains(where: { "aeiouy".contains($0) }),
            !quoted.contains(word), let full = vowelless[word]
        {
            return full
        }
        // "creat", "updat": an action verb without its closing e.
        if word.count >= 4, word == word.lowercased(), !quoted.contains(word), PromptClauses.actionVerbs[word] == nil,
            !vocabulary.contains(word), let verb = PromptClauses.actionVerbs[word + "e"], verb != .unsupported
        {
            return word + "e"
        }
        guard word.count >= 5, word == word.lowercased(), !vocabulary.contains(word), !quoted.contains(word),
            !wordsNotSlips.contains(word)
        else { return nil }
        // Five letters leave too little to tell a slip from another word: only two letters swapped ("gmial").
        // "actve": or one letter left out of a longer word.
        if word.count == 5 {
            let swaps = (vocabularyByLength[5] ?? []).filter { $0.first == word.first && swapped(word, $0) }
            let dropped = (vocabularyByLength[6] ?? []).filter { candidate in
                candidate.first == word.first && candidate.indices.contains { candidate.replacingCharacters(in: $0...$0, with: "") == word }
            }
            let found = swaps + dropped
            return found.count == 1 ? found.first : nil
        }
        // "canceled", "moved", "posting": a known word with an ending is not a typo.
        let stems = ["ed", "d", "ing", "s", "es", "er", "ly"].filter(word.hasSuffix).map { String(word.dropLast($0.count)) }
        guard
            !stems.contains(where: {
                vocabulary.contains($0) || PromptClauses.actionVerbs[$0] != nil || PromptClauses.readVerbs.contains($0)
            })
        else { return nil }
        let length = word.count
        let allowed = length >= 10 ? 2 : 1
        // A vowel slip, two letters swapped or one letter left out ("wether", "calandar", "emial",
        // "shedule", "chanel"); "contract" is not "contact" (a letter added is not read as a slip).
        // Typos keep the first letter, so only words starting with it are compared.
        let close = ((length - allowed)...(length + allowed)).flatMap { vocabularyByLength[$0] ?? [] }.filter {
            $0.first == word.first
                && (swapped(word, $0) || (distance(word, $0) <= allowed && (length >= 10 || consonants(word) == consonants($0)))
                    // "schedual": vowels misplaced around the same consonants.
                    || (length >= 6 && distance(word, $0) <= 2 && consonants(word) == consonants($0))
                    || ($0.count == length + 1 && distance(word, $0) == 1))
        }
        // Only an unambiguous correction: the nearest word, when one is nearer than the others ("calandar" is
        // "calendar", one letter off, before "calender", two).
        let nearest = close.map { distance(word, $0) }.min()
        let best = close.filter { distance(word, $0) == nearest }
        return best.count == 1 ? best.first : nil
    }

    static func consonants(_ word: String) -> String { word.filter { !"aeiouy".contains($0) } }

    static func swapped(_ a: String, _ b: String) -> Bool {
        let a = Array(a)
        let b = Array(b)
        guard a.count == b.count, let first = a.indices.first(where: { a[$0] != b[$0] }), first + 1 < a.count else { return false }
        return a[first] == b[first + 1] && a[first + 1] == b[first] && a[(first + 2)...] == b[(first + 2)...]
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
