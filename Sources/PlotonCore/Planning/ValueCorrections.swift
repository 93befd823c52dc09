import Foundation

/// A value taken back after it was said, as people correct themselves: "Push the close date to Jan 29. oops, I mean Feb 5",
/// "Refund $40 of Ben's latest invoice. wait — $45", "check the temperature in Berlin — sorry, I meant Munich — and post
/// it", "Put 'Dentist' on my calendar Thursday 4-5pm. Sorry, Wednesday, not Thursday.". The later value replaces the
/// earlier one of its kind (an amount, a date, an id, a place …) and the correction asks nothing (the first value was used,
/// or "make that" and "scratch that" were refused as verbs).
enum ValueCorrections {
    /// The words that take something back, at the start of a sentence or after a dash or a comma.
    static let marker =
        #"(?:(?:oh|ah|hmm+|um+|er+m?|ugh|oops|whoops|sorry|wait|actually|no|nope|hang\s+on|hold\s+on|correction|my\s+bad|"#
        + #"scratch\s+that|make\s+(?:that|it)|or\s+rather|rather|i\s+mean[t]?|i\s+meant\s+to\s+say|typo|wrong\s+one|on\s+second\s+thought)"#
        + #"\b[,!:]?\s*(?:[-–—]\s*)?){1,5}"#

    /// The kinds of value a correction replaces, most specific first.
    static let kinds: [String] = [
        #"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"#,
        #"#[\w-]+"#,
        #"\bpi_\w+|\bin_\w+|\bch_\w+|\bcus_\w+|\bsub_\w+"#,
        #"\bINV-\d+"#,
        #"\b[\w-]+\.(?:csv|txt|pdf|xlsx|xls|docx|doc|json|md|png|jpg|pptx)\b"#,
        #"(?<![\w$])\+\d[\d\s().-]{6,}\d"#,
        money,
        #"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}(?:st|nd|rd|th)?\b"#,
        #"\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\b\d{1,2}:\d{2}\b|\bnoon\b"#,
        #"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\btoday\b|\btomorrow\b"#,
        #"\b(?:closed\s+won|closed\s+lost|contract\s+sent|appointment\s+scheduled|qualified\s+to\s+buy|presentation\s+scheduled|decision\s+maker\s+bought\s+in)\b"#,
        #"\b(?:past\s+due|active|canceled|cancelled|trialing|unpaid|overdue)\b"#,
    ]

    /// An amount: "$45", "18k", "26,000", "25000" (not a year).
    static let money =
        #"(?:[$€£]\s?\d[\d,]*(?:\.\d+)?\s?k?\b|\b\d[\d,]*(?:\.\d+)?k\b|\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|\b(?!20\d\d\b)\d{4,}\b(?![:/-]))"#

    /// A capitalised place or name: "Munich", "San Francisco".
    static let place = #"(?-i:\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,2})"#

    static func resolved(_ prompt: String) -> String {
        let prompt = addedDestination(prompt)
        guard !prompt.contains("\n"),
            let opening = prompt.rangeOfMatch(
                of: #"(?i)(?:(?<=[.!?])\s+|(?<!\s)\s+[-–—]+\s*|,\s+|(?<!\s)\s+(?=(?:no\s+wait|wait\s+no)\b))"# + marker)
        else { return prompt }
        let sentenceStart = prompt[..<opening.lowerBound].last.map { ".!?".contains($0) } ?? false
        let before = String(prompt[..<opening.lowerBound])
        // The correction's own words: to its sentence's end, or (opened inside a sentence) to the next dash.
        let rest = prompt[opening.upperBound...]
        let stop = sentenceStart ? #"[.!?](?=\s|$)"# : #"\s[-–—]+\s|[.!?](?=\s|$)"#
        let end = rest.rangeOfMatch(of: stop)
        let said = String(rest[..<(end?.lowerBound ?? rest.endIndex)])
        var after = end.map { String(rest[$0.upperBound...]) } ?? ""
        if sentenceStart || end.map({ rest[$0].contains(where: ".!?".contains) }) == true {
            after = after.trimmingCharacters(in: .whitespaces)
            // "… Bergen. Same address.": the rest of the correction says nothing new.
            after = after.replacingMatches(
                of:
                    #"(?i)^(?:same\s+(?:address|channel|time|place|recipient|amount|everything\s+else)|otherwise\s+the\s+same|thanks?!?)[.!]?\s*"#,
                with: "")
        }
        // "… in #general, actually also #random": a second value, not a new one; inside quotes, a message's own words.
        guard said.rangeOfMatch(of: #"(?i)^\s*(?:also|and|plus)\b|^[^,]{0,30}\b(?:too|as\s+well|both)\b"#) == nil,
            before.filter({ $0 == "\"" }).count % 2 == 0,
            case let spoken = String(prompt[opening.lowerBound..<(end?.lowerBound ?? prompt.endIndex)]),
            let corrected = retracted(in: before, by: spoken) ?? redone(in: before, by: spoken) ?? replaced(in: before, by: said)
        else { return prompt }
        // "my meetings for Wednesday, sorry, Thursday, with who's attending each": the sentence goes on after the value.
        var goesOn = ""
        if !sentenceStart, let value = firstValue(in: said) {
            let rest = said[value.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
            if !rest.lowercased().hasPrefix("not ") { goesOn = rest }
        }
        let mark = end.map { String(rest[$0]).trimmingCharacters(in: .whitespaces) } ?? ""
        var joined = sentenceStart ? corrected : corrected.trimmingCharacters(in: .whitespaces)
        if !goesOn.isEmpty { joined += ", " + goesOn + ([".", "!", "?"].contains(mark) ? mark : "") }
        if after.isEmpty { return joined }
        return sentenceStart || end.map({ rest[$0].contains(where: ".!?".contains) }) == true
            ? joined + (joined.last.map { ".!?".contains($0) } == true ? " " : ". ") + after
            : joined + " " + after
    }

    /// "Post "Release 4.2 is out" to #engineering. Oh and #support too, they'll get questions.": a second destination,
    /// beside the one said (the channel was looked up and nothing posted there).
    static func addedDestination(_ prompt: String) -> String {
        let destination = #"(?:#[\w-]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"#
        guard
            let added = prompt.rangeOfMatch(
                of: #"(?i)(?<=[.!?])\s+(?:(?:oh|ah|and|also|plus)[,]?\s+)+"# + destination + #"\s+(?:too|as\s+well)\b[^.!?\n]*[.!?]?\s*$"#),
            let new = prompt[added].rangeOfMatch(of: destination).map({ String(prompt[added][$0]) })
        else { return prompt }
        let before = String(prompt[..<added.lowerBound])
        let said = before.matchRanges(of: new.hasPrefix("#") ? #"#[\w-]+"# : #"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"#)
        guard said.count == 1, let old = said.first else { return prompt }
        return before.replacingCharacters(in: old, with: before[old] + " and " + new)
    }

    /// `before` with its value of the kind `said` states replaced by it: the one `said` names after "not", else the last.
    static func replaced(in before: String, by said: String) -> String? {
        // "Sorry, Wednesday, not Thursday", "it's INV-1032 I meant, not 1031": the value taken back, named.
        let notSaid = said.captured(of: #"(?i)\bnot\s+(?:the\s+)?([^,;]+?)\s*(?:[,;]|$)"#, group: 1)
        let offered = notSaid.map { said.replacingOccurrences(of: "not " + $0, with: " ") } ?? said
        for kind in kinds {
            guard let new = offered.rangeOfMatch(of: "(?i)" + kind).map({ String(offered[$0]) }) else { continue }
            let earlier = before.matchRanges(of: kind, options: .caseInsensitive)
            let old =
                notSaid.flatMap { taken in earlier.last { before[$0].lowercased().contains(taken.lowercased()) } }
                ?? earlier.last { before[$0].lowercased() != new.lowercased() }
            // "Refund his last invoice in full. Actually no — only $74.50 of it.": the amount, where all was said.
            if old == nil, kind == money, let whole = before.rangeOfMatch(of: #"(?i)\bin\s+full\b|\bfully\b"#) {
                return before.replacingCharacters(in: whole, with: "for " + new)
            }
            guard let old else { continue }
            return before.replacingCharacters(in: old, with: new)
        }
        // "Change Felix's company to Hooli. Scratch that - to Hooli Cloud", "through Dropbox. sorry, I mean via WeTransfer":
        // what follows the same word (or its like) said again.
        if let (preposition, new) = offered.captured(of: #"(?i)^\s*(to|at|in|for|on|via|through|with)\s+"# + place, group: 1)
            .flatMap({ word in offered.captured(of: #"(?i)^\s*\w+\s+("# + place + ")", group: 1).map { (word.lowercased(), $0) } })
        {
            let alike = ["via", "through", "with"].contains(preposition) ? "(?:via|through|with|using|over)" : preposition
            if let old = before.matchRanges(of: #"(?<=\b(?i:"# + alike + #")\s)"# + place).last, before[old] != new {
                return before.replacingCharacters(in: old, with: new)
            }
        }
        // "Find the budget spreadsheet on drive - no, actually the roadmap doc", "Book me a train … Actually make it a
        // flight": the thing said again, in place of the last one said with "the" or "a".
        if let thing = offered.captured(
            of: #"(?i)^\s*((?:the|a|an)\s+[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,2}?)\s*(?:[,;]|$|\s+(?:instead|please|pls)\b)"#, group: 1),
            let old = before.matchRanges(
                of: #"(?i)\b(?:the|a|an)\s+[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,2}?(?=\s+(?:on|in|from|to|at|for)\b|\s*[.!?,]?\s*$)"#
            ).last
        {
            return before.replacingCharacters(in: old, with: thing)
        }
        // "Email Grace Okafor … Actually make it Ava Okafor": a person named in full, in place of the one named before.
        let names = PartyNames.fullNames(in: before)
        if let new = PartyNames.fullNames(in: offered).first, let old = names.last, old != new,
            let range = before.range(of: old, options: .backwards)
        {
            return before.replacingCharacters(in: range, with: new)
        }
        // "the temperature in Berlin — sorry, I meant Munich", "wait, not Oslo, Bergen": a place said again.
        let openings: Set<String> = ["i", "i'm", "i’m", "same", "thanks", "just", "the", "it", "that", "this", "also", "and", "sorry"]
        guard let new = offered.rangeOfMatch(of: #"(?<![\w'’])"# + place).map({ String(offered[$0]) }),
            !openings.contains(new.split(separator: " ").first.map { $0.lowercased() } ?? "")
        else { return nil }
        let places = before.matchRanges(of: #"(?<=\b(?i:in|for|at|of)\s)"# + place)
        guard let old = notSaid.flatMap({ taken in places.last { before[$0] == taken } }) ?? places.last, before[old] != new
        else { return nil }
        return before.replacingCharacters(in: old, with: new)
    }

    /// "… then email him a welcome note. no, skip the email for now, just add him", "email them to lea@…. wait, no email -
    /// post them in #general instead": the act taken back left out of `before`, and the one said instead after it.
    static func retracted(in before: String, by said: String) -> String? {
        let acts: [(names: String, verbs: Set<String>)] = [
            (#"e-?mails?|mail"#, ["email", "e-mail", "mail", "send", "write"]),
            (#"posts?|slack(?:\s+message)?|messages?"#, ["post", "slack", "message", "tell", "ping"]),
            (#"uploads?|files?"#, ["upload", "save", "store"]),
        ]
        guard
            let verbs = acts.first(where: { act in
                said.rangeOfMatch(
                    of:
                        #"(?i)^[\s.!?,;:–—-]*(?:(?:oh|ah|hmm+|sorry|wait|actually|ok|okay|on\s+second\s+thought|no(?=\s*[,!]))\b[\s,!:–—-]*)*"#
                        + #"(?:(?:skip|forget|drop|cancel|no|never\s*mind)\s+(?:the\s+)?(?:"# + act.names + #")|don'?t\s+(?:"# + act.names
                        + #"))\b"#) != nil
            })?.verbs
        else { return nil }
        // The parts of the sentence before: "Add Tom … as a contact, then email him a welcome note".
        let separator = #"(?i)(?<![\s,])\s*,?\s+(?:and\s+then|and|then)\s+|,\s+(?=\w+\s)"#
        var parts: [String] = []
        var from = before.startIndex
        for range in before.matchRanges(of: separator) {
            parts.append(String(before[from..<range.lowerBound]))
            from = range.upperBound
        }
        parts.append(String(before[from...]))
        let kept = parts.filter { !verbs.contains(firstVerb(in: $0) ?? "") }
        guard kept.count < parts.count, !kept.isEmpty else { return nil }
        var request = kept.joined(separator: " and ").trimmingCharacters(in: CharacterSet(charactersIn: " .,;"))
        // "- post them in #general instead": the act said in its place ("just add him" says again what is kept).
        if let instead = said.captured(of: #"(?i)^.*[-–—,;]\s*(?:just\s+|only\s+)?(\w+\b.*?)(?:\s+instead)?\s*$"#, group: 1),
            let verb = firstVerb(in: instead), PromptClauses.actionVerbs[verb] != .unsupported,
            !kept.contains(where: { firstVerb(in: $0) == verb })
        {
            request += " and " + instead
        }
        return request + "."
    }

    /// "Post the open deals to #sales. Actually scratch that, just email them to me at jo@…", "… and tell him his refund has
    /// been processed. scratch that, it's still pending - tell him it's pending": the act said again in place of the last
    /// one (both were done, or "scratch" refused as a verb). Told again with the same verb, the new words replace the
    /// old; with another, what the old act delivered is read and the new one delivers it.
    static func redone(in before: String, by spoken: String) -> String? {
        guard
            let told = spoken.captured(
                of: #"(?i)\b(?:scratch|forget|ignore|cancel)\s+that\b[\s,;:!–—-]*(.+)$|\bnever\s*mind(?:\s+that)?\b[\s,;:!–—-]*(.+)$"#,
                group: 1),
            let new = told.components(separatedBy: CharacterSet(charactersIn: ",–—")).flatMap({ $0.components(separatedBy: " - ") })
                .map({ $0.trimmingCharacters(in: .whitespaces).replacingMatches(of: #"(?i)^(?:just|only|instead)\s+"#, with: "") })
                .first(where: { part in firstVerb(in: part).map { part.lowercased().hasPrefix($0) } ?? false }),
            let verb = firstVerb(in: new)
        else { return nil }
        let sentences = before.matchRanges(of: #"[^.!?]+[.!?]*\s*$"#)
        guard let last = sentences.last else { return nil }
        let sentence = before[last]
        // The same verb: its words from there on, replaced.
        if let said = sentence.range(of: #"\b"# + verb + #"\b"#, options: [.regularExpression, .caseInsensitive]) {
            return String(before[..<said.lowerBound]) + new + "."
        }
        // Another delivery: what the old one sent, read, then delivered the new way.
        guard
            let object = String(sentence).captured(
                of:
                    #"(?i)^\s*(?:please\s+)?(?:post|send|share|email|e-mail|slack|forward)\s+(.+?)\s+(?:to|in|into|on)\s+(?:#[\w-]+|\S+@\S+)"#,
                group: 1)
        else { return nil }
        return String(before[..<last.lowerBound]) + "Get \(object), then \(new)."
    }

    /// Where the first value of any kind said in `text` is.
    static func firstValue(in text: String) -> Range<String.Index>? {
        (kinds.map { "(?i)" + $0 } + [#"(?<![\w'’])"# + place]).compactMap { text.rangeOfMatch(of: $0) }.min {
            $0.lowerBound < $1.lowerBound
        }
    }

    /// The first word of `text` that is an action's verb.
    private static func firstVerb(in text: String) -> String? {
        text.lowercased().split { !$0.isLetter && $0 != "-" }.map(String.init).first { PromptClauses.actionVerbs[$0] != nil }
    }

}
