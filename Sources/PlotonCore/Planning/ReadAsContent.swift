import Foundation

/// A message or file whose words name something a tool reads ("tell #support *the number of open
/// invoices*", "a file containing *the current weather in Lisbon*", "email me *the list of subscriptions
/// that are past due*"): the read's result is what is sent, never those words.
enum ReadAsContent {
    static let recordNouns: Set<String> = [
        "deals", "invoices", "subscriptions", "subs", "contacts", "customers", "leads", "payments", "refunds", "charges", "events",
        "meetings", "files", "emails", "messages", "channels", "renewals",
    ]
    static let weatherNouns: Set<String> = ["weather", "temperature", "forecast", "conditions", "humidity", "wind"]
    /// Words that make "the invoices are paid" a sentence to say rather than records to read.
    static let sentenceVerbs: Set<String> = [
        "is", "are", "was", "were", "has", "have", "had", "will", "can", "should", "must", "got", "need", "needs", "went", "arrived",
        "look", "looks",
    ]
    static let determiners: Set<String> = ["the", "a", "an", "our", "my", "all", "today's", "this", "current", "their", "his", "her"]
    /// One record the words point at: "the latest invoice", "their last payment".
    static let singleRecords: Set<String> = ["invoice", "deal", "subscription", "payment", "refund", "email", "message", "event", "file"]
    static let aggregates: Set<String> = [
        "number", "count", "total", "list", "summary", "rundown", "names", "details", "tally", "overview", "breakdown",
    ]
    static let relatives: Set<String> = ["that", "which", "who", "whose"]

    /// "what the weather is in Oslo", "how cold it is in Berlin", "what the open deals are": a question
    /// put as the message is asking for what a tool reads; sent as written, the words went instead of
    /// the answer.
    static func asksRead(_ body: String) -> Bool {
        let words = body.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        // "tell #engineering what time the design review is", "when the standup starts": the event, read from the calendar.
        if let opener = words.first, opener == "when" || (opener == "what" && words.dropFirst().first == "time"), words.count <= 10,
            words.contains(where: { ReadIntents.events.union(["meeting", "event", "meetings", "events"]).contains($0) }),
            ["is", "starts", "begins", "was", "start", "begin"].contains(words.last { $0.contains(where: \.isLetter) } ?? "")
        {
            return true
        }
        guard let opener = words.first, ["what", "what's", "how", "whether", "if"].contains(opener), words.count <= 12 else {
            return false
        }
        let weather = weatherNouns.union(EmbeddedPlanner.weatherWords).union(["cold", "warm", "hot", "chilly"])
        if !weather.isDisjoint(with: words), words.contains(where: { ["in", "at", "for", "there", "outside"].contains($0) }) {
            return true
        }
        // "post what was said in #eng to #general", "what people posted": the messages.
        // "what ben said" names no place it was said: it stays words to send.
        if opener == "what", words.count <= 8,
            ["was", "were", "has", "had", "been", "people", "everyone", "everybody", "folks"].contains(words[1]),
            !Set(words).isDisjoint(with: ["said", "posted", "discussed", "written"])
        {
            return true
        }
        // "what the open deals are", "what our past due invoices look like": the records, asked about.
        if opener == "what", words.count > 2, words.dropFirst().prefix(5).contains(where: recordNouns.contains),
            ["are", "look", "were"].contains(words.last ?? "")
        {
            return true
        }
        // "Tell #leadership what the subject line of my most recent email is": a field of a record, asked about.
        let records: Set<String> = [
            "email", "e-mail", "mail", "message", "invoice", "deal", "contact", "file", "event", "meeting", "subscription", "customer",
            "payment", "charge", "doc", "document",
        ]
        return opener == "what" && ["the", "its", "their", "his", "her"].contains(words[1]) && words.contains("of")
            && words.contains(where: records.contains) && ["is", "was"].contains(words.last ?? "")
    }

    /// Where in `text` the first phrase naming something to read starts, and where it ends.
    static func phrase(in text: String) -> Range<String.Index>? {
        let tokens = tokenRanges(in: text)
        let words = tokens.map { text[$0].lowercased().trimmingCharacters(in: .punctuationCharacters.subtracting(["'"])) }
        // "Post to #engineering: summary of their latest invoice": an aggregate opens the phrase without an article.
        // "a file containing user_123's open deals", "Acme's invoices": an owner's records are records too.
        for start in words.indices
        where determiners.contains(words[start]) || words[start].hasSuffix("'s") || words[start].hasSuffix("’s")
            || (aggregates.contains(words[start]) && words.indices.contains(start + 1) && words[start + 1] == "of")
        {
            guard let head = head(words, from: start) else { continue }
            // "the invoices are paid": a sentence about records, said as written.
            let after = words[(head + 1)...]
            let verb = after.indices.first { sentenceVerbs.contains(words[$0]) && !relatives.contains(words[$0 - 1]) }
            if verb != nil { continue }
            return tokens[start].lowerBound..<text.endIndex
        }
        return nil
    }

    /// "the number of open invoices", "the current weather in Oslo", "the open deals": the index of the
    /// noun that makes the words from `start` a read.
    static func head(_ words: [String], from start: Int) -> Int? {
        let window = words[start..<min(words.count, start + 6)].dropFirst(aggregates.contains(words[start]) ? 0 : 1)
        // "the number of …", "a full list of …": an aggregate of the records after it; "a summary of the latest
        // invoice": of the one record a read finds.
        if let aggregate = window.prefix(2).indices.first(where: {
            aggregates.contains(words[$0]) && words.indices.contains($0 + 1) && words[$0 + 1] == "of"
        }) {
            let after = words[(aggregate + 2)..<min(words.count, aggregate + 7)]
            return after.indices.first { recordNouns.contains(words[$0]) }
                ?? after.indices.first {
                    singleRecords.contains(words[$0]) && ["latest", "last", "newest", "recent", "most"].contains(words[$0 - 1])
                }
        }
        // "the current weather in Lisbon": the weather of a place.
        if let weather = window.prefix(3).indices.first(where: { weatherNouns.contains(words[$0]) }),
            words.indices.contains(weather + 1), ["in", "for", "at", "of"].contains(words[weather + 1])
        {
            return weather
        }
        // "the open invoices", "all past due subscriptions": plural records, nothing said about them.
        return window.prefix(4).indices.first { recordNouns.contains(words[$0]) }
            .flatMap { noun in window[..<noun].allSatisfy { !sentenceVerbs.contains($0) && !relatives.contains($0) } ? noun : nil }
    }

    /// `body`, unquoted message words the prompt gives in `clause`, is part of a phrase that names a read:
    /// it opens the phrase ("tell #support the number of open invoices"), or continues one
    /// ("the list of subscriptions that are past due", cut at "that"). After "that" the words open a
    /// sentence ("tell ann@… that the deals closed"), so they must continue a phrase begun before it.
    static func names(_ body: String, in clause: String) -> Bool {
        guard let phrase = phrase(in: clause), let at = clause.range(of: body, options: .caseInsensitive) else { return false }
        let afterThat = clause[..<at.lowerBound].lowercased().hasSuffix("that ")
        return (afterThat ? at.lowerBound > phrase.lowerBound : at.lowerBound >= phrase.lowerBound) && at.lowerBound < phrase.upperBound
    }

    /// "a file called pipeline.csv containing the open deals", "… containing open deals": the records a file is to hold,
    /// after "containing" (the words before it, the file's name among them, were searched for as a deal).
    static func fileRecords(in clause: String) -> String? {
        guard let marker = clause.range(of: " containing ", options: .caseInsensitive) else { return nil }
        let text = clause[marker.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " .!"))
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).map {
            $0.trimmingCharacters(in: .punctuationCharacters.subtracting(["'"]))
        }
        guard !words.isEmpty, PromptText.quotedTexts(in: text).isEmpty else { return nil }
        // "containing open deals": a few words ending in records, nothing said about them.
        let bare =
            words.count <= 4 && recordNouns.contains(words[words.count - 1])
            && words.allSatisfy { !sentenceVerbs.contains($0) && !relatives.contains($0) }
        return bare || names(text, in: clause) ? text : nil
    }

    static func tokenRanges(in text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var start: String.Index?
        for index in text.indices {
            if text[index].isWhitespace {
                if let open = start { ranges.append(open..<index) }
                start = nil
            } else if start == nil {
                start = index
            }
        }
        if let open = start { ranges.append(open..<text.endIndex) }
        return ranges
    }
}
