import Foundation

/// Text pasted or forwarded into a prompt with the request written above or below it: an email thread ("FW: …", "> " lines,
/// "From:"/"Subject:" headers, "---------- Forwarded message"), a chat log ("[10:02] Priya: …", "Mia: …" lines), meeting notes
/// under their heading, a customer's words in quotes after "pasting the customer's msg:". What the pasted text asks is asked of
/// someone else (its asks were planned, or refused: "no tool here can action that"); the request is the writer's own lines:
/// - alone, when they say all they need ("whats on my calendar tomorrow?", "refund INV-1031 in full please");
/// - with the pasted text as the message, when they send or post "this" or "the below" ("can you post this in #engineering");
/// - as the pasted ask they point at ("answer Omar's question", "can you do the first bit", "get that for Jen");
/// - after what the pasted text tells, its writer named for "I", when they point back at someone in it ("update his email in
///   the crm" after Diego's note with his new address).
enum PastedContent {
    private enum Kind: Equatable { case own, pasted, separator, blank }

    static func resolved(_ prompt: String) -> String {
        guard prompt.count <= 8_000, prompt.contains("\n") else { return prompt }
        let lines = prompt.components(separatedBy: "\n")
        let kinds = classified(lines)
        guard kinds.contains(.pasted) else { return prompt }
        var ownLines: [String] = []
        var pastedLines: [String] = []
        for (line, kind) in zip(lines, kinds) {
            if kind == .own {
                ownLines.append(line.trimmingCharacters(in: .whitespaces))
            } else if kind == .pasted {
                pastedLines.append(line)
            }
        }
        // Nothing but pasted text and what introduces it: a hand-off's own lines ("Notes from the call with user_123:" over the
        // orders).
        guard ownLines.contains(where: { !isIntro($0) }) || pastedLines.contains(where: { $0.rangeOfMatch(of: forTheBot) != nil })
        else { return prompt }
        // "* Action for the bot: how many open deals do we have right now?": a line of the notes addressed to whoever reads them.
        for line in pastedLines {
            if let range = line.rangeOfMatch(of: forTheBot) {
                ownLines.append(String(line[range.upperBound...]))
            }
        }
        var asked = ownLines.filter { !isIntro($0) }.map(withoutPointersToPaste).filter { !$0.isEmpty }
        // "Pls action the bottom bit:" over "Internal: create a deal …": the writer's own order is the bit.
        if asked.count > 1, asked.contains(where: { !asksOnlyForPastedAsk($0) }) { asked.removeAll(where: asksOnlyForPastedAsk) }
        let own = asked.map { $0.replacingMatches(of: #"(?i)^(?:internal|note\s+to\s+self|for\s+you|todo|to\s+do)\s*:\s*"#, with: "") }
            .joined(separator: "\n")
        let pasted = Pasted(lines: pastedLines, intro: ownLines.filter(isIntro).joined(separator: " "))
        if own.isEmpty || asksOnlyForPastedAsk(own) {
            let asks = pasted.asks(pointedAt: own)
            return asks.isEmpty ? prompt : asks.map { ".!?".contains($0.last ?? ".") ? $0 : $0 + "." }.joined(separator: " ")
        }
        // "Please broadcast the following to #general and #engineering:" over "> …": the pasted text is the message.
        if let sent = own.rangeOfMatch(of: contentReference)
            ?? (own.hasSuffix(":") ? own.rangeOfMatch(of: #"(?i)\b(?:post|send|broadcast|announce|share|email|e-mail|tell)\b"#) : nil),
            !own.replacingMatches(of: #"(?i)\bsubject\s*[:=]?\s*["“][^"”\n]*["”]"#, with: "").contains(where: { $0 == "\"" || $0 == "“" })
        {
            let verb = own[sent].split(separator: " ").first.map(String.init) ?? ""
            let destination = own.replacingCharacters(in: sent, with: verb).trimmingCharacters(in: CharacterSet(charactersIn: " :"))
            return destination + ": \"" + pasted.body.replacingOccurrences(of: "\"", with: "'") + "\""
        }
        // "pull her subscription details" under Emma Silva's message: hers.
        if let writer = pasted.writer, writer.contains(" "), own.rangeOfMatch(of: #"\b[A-Z][a-z]+\s+[A-Z][a-z]+\b|@"#) == nil {
            let owned = own.replacingMatches(
                of:
                    #"(?i)\b(?:her|his|their)\b(?=\s+(?:\w+\s+)?(?:subscriptions?|invoices?|contact|deals?|email|phone|number|company|plan|account|details|record|payments?|address|order)\b)"#,
                with: NSRegularExpression.escapedTemplate(for: writer) + "'s")
            if owned != own, pasted.statements.isEmpty { return owned }
        }
        // "pls refund $25 of Ben Chen's latest invoice, he was overcharged": "he" is the person named there; "book it" is
        // what the pasted text describes.
        if own.rangeOfMatch(of: #"(?i)\b(?:it|the\s+new\s+\w+)\b"#) != nil
            || (own.rangeOfMatch(of: pointsBack) != nil && own.rangeOfMatch(of: #"\b[A-Z][a-z]+\s+[A-Z][a-z]+\b|@"#) == nil)
        {
            // "Below is what Tomasz sent me:" over "> …" lines: whose words they are is said as the planner reads a quote.
            if ownLines.joined(separator: " ").rangeOfMatch(of: #"(?i)\bwhat\s+[A-Z][\w'’-]*\s+(?:sent|wrote|said|asked)\b"#) != nil {
                return prompt
            }
            let context = pasted.statements
            return context.isEmpty ? own : context + " " + own
        }
        return own
    }

    // MARK: Lines

    private static func classified(_ lines: [String]) -> [Kind] {
        var kinds = [Kind](repeating: .own, count: lines.count)
        // A forwarded message or a header block runs to the next plain separator ("---", "--") or to the end.
        var region = false
        var regionStart: Int?
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                kinds[index] = .blank
            } else if line.rangeOfMatch(of: forwardSeparator) != nil {
                kinds[index] = .separator
                region = true
                regionStart = regionStart ?? index
            } else if line.rangeOfMatch(of: #"^[-_=*]{2,}$"#) != nil {
                kinds[index] = .separator
                region = false
            } else if region || line.hasPrefix(">") || line.rangeOfMatch(of: wroteLine) != nil {
                kinds[index] = .pasted
            } else if line.rangeOfMatch(of: #"^From\s*:\s*\S"#) != nil,
                lines.dropFirst(index + 1).prefix(4).contains(where: { $0.rangeOfMatch(of: headerLine) != nil })
                    || lines.dropFirst(index + 1).contains(where: { $0.rangeOfMatch(of: #"^\s*[-_=*]{2,}\s*$"#) != nil })
            {
                kinds[index] = .pasted
                region = true
                regionStart = regionStart ?? index
            } else if isTaggedChatLine(line) {
                kinds[index] = .pasted
            }
        }
        markConversations(lines, &kinds)
        markPointedBelow(lines, &kinds)
        markQuotedParagraphs(lines, &kinds)
        markNotes(lines, &kinds)
        // "From: …" with no separator after it and nothing of the writer's before: the last paragraph is the writer's.
        if let start = regionStart, !kinds.contains(.own), let lastBlank = kinds.lastIndex(of: .blank), lastBlank > start {
            for index in (lastBlank + 1)..<kinds.count where kinds[index] == .pasted { kinds[index] = .own }
        }
        return kinds
    }

    private static let forTheBot = #"(?i)\b(?:action|question|task|ask)\s+for\s+(?:the\s+)?(?:bot|assistant|ai)\s*:\s*"#
    private static let forwardSeparator =
        #"(?i)^(?:-{2,}\s*(?:forwarded(?:\s+message|\s+conversation)?|original\s+message)\s*-*|forwarded\s+conversation|begin\s+forwarded\s+message\s*:?)$"#
    private static let headerLine = #"^\s*(?:From|To|Sent|Date|Subject|Cc)\s*:\s*\S"#
    private static let wroteLine = #"(?i)^On\s[^\n]{4,120}\swrote:$"#

    /// "see below, can you save these notes to drive as vendor-call.txt" over a paragraph: the paragraphs after it are what
    /// it points at, when the line asks for something itself.
    private static func markPointedBelow(_ lines: [String], _ kinds: inout [Kind]) {
        guard
            let pointer = lines.indices.first(where: {
                kinds[$0] == .own
                    && lines[$0].rangeOfMatch(
                        of: #"(?i)\b(?:see|notes?|thread|message|email|text)\s+below\b|\bthe\s+below\b|\bthese\s+notes\b"#) != nil
                    && PromptFraming.asks(withoutPointersToPaste(lines[$0]))
            }),
            let blank = lines.indices.dropFirst(pointer + 1).first(where: { kinds[$0] == .blank })
        else { return }
        for index in (blank + 1)..<lines.count where kinds[index] == .own { kinds[index] = .pasted }
    }

    /// "[10:02] Priya: …", "[#general] Sara: …", "Slack: Mark: …".
    private static func isTaggedChatLine(_ line: String) -> Bool {
        guard
            let name = line.captured(
                of: #"^(?:\[[^\]\n]{1,24}\]\s*)+@?([A-Za-z][\w.'’-]{0,20}(?:\s[A-Z][\w.'’-]{0,20})?)\s*:\s*\S"#, group: 1)
                ?? line.captured(of: #"(?i)^(?:slack|teams|dm|chat)\s*:\s*([A-Z][\w.'’-]{0,20})\s*:\s*\S"#, group: 1)
        else { return false }
        return !labels.contains(name.lowercased())
    }

    /// "Mia: …\nYou: …\nMia: …": lines of people talking, told from a hand-off's "Filename: …\nContent: …" or a stand-up's
    /// "Yesterday: …\nToday: …" by someone speaking twice or the writer taking part ("me:", "You:"), or by a line before them
    /// that says a chat follows ("Slack from #sales earlier:", "[Slack #sales]").
    private static func markConversations(_ lines: [String], _ kinds: inout [Kind]) {
        func speakerName(_ index: Int) -> String? {
            guard kinds[index] == .own, let name = lines[index].trimmingCharacters(in: .whitespaces).captured(of: speaker, group: 1),
                !labels.contains(name.lowercased())
            else { return nil }
            return name.lowercased()
        }
        var index = 0
        while index < lines.count {
            guard speakerName(index) != nil else {
                index += 1
                continue
            }
            var end = index
            while end + 1 < lines.count, speakerName(end + 1) != nil { end += 1 }
            let names = (index...end).compactMap(speakerName)
            let before = lines[..<index].last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
            let talking =
                Set(names).count < names.count || names.contains(where: { ["me", "you"].contains($0) })
                || before.rangeOfMatch(
                    of: #"(?i)\b(?:slack|chat|thread|convo|conversation|dms?|teams|transcript|exchange)\b|^\s*\[[^\]\n]+\]\s*$"#) != nil
            if names.count >= 2, talking { for marked in index...end { kinds[marked] = .pasted } }
            index = end + 1
        }
    }

    private static let speaker = #"^@?([A-Z][\w.'’-]{0,20}(?:\s[A-Z][\w.'’-]{0,20})?|me|Me|You|you)(?:\s\([^)\n]{1,30}\))?\s*:\s+\S"#
    /// Labels of a hand-off or a form, not people talking.
    private static let labels: Set<String> = [
        "task", "tasks", "context", "goal", "note", "notes", "subject", "output", "format", "internal", "action", "actions", "request",
        "steps", "step", "return", "fields", "user", "human", "system", "assistant", "ai", "bot", "agent", "constraints", "background",
        "input", "inputs", "to", "from", "cc", "date", "sent", "when", "where", "who", "what", "title", "body", "message", "text",
        "channel", "email", "name", "phone", "company", "amount", "stage", "deal", "contact", "file", "location", "time", "attendees",
        "ps", "p.s", "fyi", "re", "fw", "fwd", "question", "answer", "q", "a", "status", "owner", "priority", "summary", "result",
        "results", "reason", "customer", "id", "query", "instruction", "instructions", "objective", "planner", "executor", "persona",
        "role", "rules", "backstory", "thought", "observation", "final answer", "action input", "tool", "capability", "params",
        "function", "arguments", "args", "plugin", "method", "parameters", "done", "next", "risks", "blockers", "todo", "update",
        "details", "notice", "reminder", "important", "warning", "deadline", "budget", "agenda", "outcome", "decision", "decisions",
    ]

    /// `pasting the customer's msg:` then a paragraph in quotes (and its "- Name" signature).
    private static func markQuotedParagraphs(_ lines: [String], _ kinds: inout [Kind]) {
        var index = 0
        while index < lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            guard kinds[index] == .own, isIntro(line),
                let first = lines.indices.dropFirst(index + 1).first(where: { kinds[$0] != .blank }),
                let opening = lines[first].trimmingCharacters(in: .whitespaces).first, opening == "\"" || opening == "“"
            else {
                index += 1
                continue
            }
            var last = first
            while last < lines.count {
                let text = lines[last].trimmingCharacters(in: .whitespaces)
                let closed =
                    last == first
                    ? text.dropFirst().contains(where: { $0 == "\"" || $0 == "”" }) : text.contains("\"") || text.contains("”")
                if closed { break }
                last += 1
            }
            guard last < lines.count else { return }
            for marked in first...last { kinds[marked] = .pasted }
            if last + 1 < lines.count, lines[last + 1].rangeOfMatch(of: #"^\s*[-–—]\s*[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?\s*$"#) != nil {
                kinds[last + 1] = .pasted
            }
            index = last + 1
        }
    }

    /// "Notes from Monday sync (13 Sep)" or "Standup 14/9" over bullet lines: the notes, to the first blank line.
    private static func markNotes(_ lines: [String], _ kinds: inout [Kind]) {
        for (index, raw) in lines.enumerated() where kinds[index] == .own {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard line.count <= 70, line.rangeOfMatch(of: #"^(?:[-*•]|\d+[.)])\s"#) == nil,
                line.rangeOfMatch(
                    of:
                        #"(?i)^(?:meeting\s+notes|notes|minutes|standup|stand-up|sync|recap|call\s+notes)\b|\bnotes\s+(?:from|of)\b|\b(?:standup|stand-up|sync|qbr|retro)\b[^:]*$"#
                ) != nil,
                index + 1 < lines.count,
                lines[index + 1].rangeOfMatch(of: #"^\s*(?:[-*•]|\d+[.)]|attendees\s*:)\s*\S"#, options: .caseInsensitive) != nil
            else { continue }
            kinds[index] = .pasted
            var next = index + 1
            while next < lines.count, kinds[next] != .blank {
                kinds[next] = .pasted
                next += 1
            }
        }
    }

    // MARK: The writer's lines

    /// "Forwarding this:", "Slack convo:", "FW: offsite logistics", "Re: Re: pricing", "see notes:": a line that introduces
    /// what is pasted and asks nothing.
    private static func isIntro(_ line: String) -> Bool {
        if line.rangeOfMatch(of: #"^\[[^\]\n]{1,40}\]$"#) != nil { return true }
        if line.rangeOfMatch(of: #"(?i)^(?:(?:fw|fwd|re)\s*:\s*)+[^:?]*$|^(?:fw|fwd)\s*:?$"#) != nil { return true }
        let bare = line.replacingMatches(of: #"(?i)^(?:(?:hi|hey|ok|okay|so|ugh)\b[,!]?\s*)+"#, with: "")
        return bare.hasSuffix(":") && bare.count <= 90
            && bare.rangeOfMatch(
                of:
                    #"(?i)^(?:fw|fwd|forward(?:ed|ing)?|pasting|pasted|copying|copied|sharing|relaying|here'?s|from|thread|slack|convo|conversation|customer|notes?|see|context|dm|dms|email|message|msg|exchange|transcript|chat)\b"#
            ) != nil
            && bare.rangeOfMatch(of: #"(?i)\b(?:can|could|would)\s+(?:you|u)\b|\bplease\b|\bpls\b"#) == nil
    }

    /// "see below - ", "FYI thread below. ", "^ ", "pls see below and ": words about where the pasted text is.
    private static func withoutPointersToPaste(_ line: String) -> String {
        line.replacingMatches(
            of:
                #"(?i)(?:\b(?:customer\s+)?(?:email|message|msg)\s+below\b|\b(?:fyi\s+)?(?:(?:pls|please)\s+)?see\s+(?:the\s+)?(?:below|above|notes|thread|exchange|email|message|convo)(?:\s+below)?\b|\b(?:fyi\s+)?(?:the\s+)?(?:thread|exchange|email|message|notes|convo)\s+(?:below|above)\b|\b(?:tl;?dr|quick\s+q)\s+(?:of|on)\s+(?:this|the)\s+thread(?:\s+below)?)\s*(?:[-–—,.:]+\s*|\band\s+)?"#,
            with: ""
        )
        .replacingMatches(of: #"(?:^|\s)\^+(?=\s|$)"#, with: " ")
        .replacingMatches(of: #"(?i)[?,.]\s*$|^[-–—,.:\s]+"#, with: "")
        .trimmingCharacters(in: .whitespaces)
    }

    /// "pls action", "answer Omar's question", "can you do the first bit", "get that for Jen", "set up the meeting Raj described".
    private static func asksOnlyForPastedAsk(_ own: String) -> Bool {
        own.rangeOfMatch(of: pointerToAsk) != nil
    }

    private static let pointerToAsk =
        #"(?i)^(?:(?:hey|hi|ok|so)\b[,!]?\s*)?(?:(?:can|could|would)\s+(?:you|u)\s+)?(?:pls\s+|please\s+|just\s+)?(?:action(?:\s+(?:this|that|it|the\s+\w+\s+(?:one|bit|part)))?|answer\s+(?:[A-Z][\w'’-]*|him|her|them|this|that)(?:['’]s)?(?:\s+(?:question|q|ask))?|(?:do|handle|sort|take\s+care\s+of)\s+(?:(?:[A-Z][\w'’-]*['’]s|the\s+(?:first|last|second|bottom|top|\w+))\s+(?:bit|part|one|ask|request|thing|item|question|update|crm\s+update|task)|that|this|it)|(?:get|grab|find|do)\s+(?:that|those|both|it|them|this)\s+for\s+[A-Z][\w'’-]*|(?:set\s+up|book|schedule|create)\s+the\s+(?:meeting|call|event|invite)\s+[A-Z][\w'’-]*\s+(?:described|mentioned|asked\s+for|suggested|proposed|wants)|(?:schedule|book|set\s+up|do|handle|send|make|add)\s+that\s+(?:call|meeting|event|invite|one|thing|item|update|email|message)|just\s+the\s+[\w/-]+\s+(?:item|bit|part|one|thing)|(?:check|look\s+up|find|see)\b[^.?!\n]{0,30}\bfor\s+[A-Z][\w'’-]*|get\s+[A-Z][\w'’-]*\s+(?:the|their|his|her)\s+\w+)(?:\s+(?:pls|please|thanks|thx|for\s+me))?\s*[.!:]*$"#

    /// "post this in #engineering", "please email the below to …", "forward it to …".
    private static let contentReference =
        #"(?i)\b(?:post|send|forward|fwd|share|email|e-mail|mail|repost|relay|save|upload|broadcast|announce|circulate)\s+(?:this|it|that|these\s+notes|the\s+(?:below|above|following|notes|thread|message|text|action\s+items|summary|announcement|reminder)|below)(?=\s+(?:to|in|on|into|at|with|over|for|as|pls|please)\b|\s*[,.!?:]|\s*$)"#

    /// "update his email", "add her to the CRM", "book it", "with the new number": someone or something of the pasted text.
    private static let pointsBack = #"(?i)\b(?:he|she|him|her|his|hers|they|them|their)\b"#

    // MARK: The pasted text

    private struct Pasted {
        var lines: [String]
        var intro: String

        /// The pasted text as a message: its own lines without the quote marks and headers.
        var body: String {
            lines.map { $0.replacingMatches(of: #"^\s*(?:>\s*)+"#, with: "") }
                .filter { $0.rangeOfMatch(of: headerLine) == nil && $0.rangeOfMatch(of: wroteLine) == nil }
                .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// Who wrote it: "From: Grace Haddad <…>", "Forwarding Diego Nakamura's note:", "- Diego Rossi", "On … Hiro Chen <…> wrote:".
        var writer: String? {
            let text = lines.joined(separator: "\n")
            return text.captured(of: #"(?m)^\s*(?:>\s*)*From\s*:\s*([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2})"#, group: 1)
                ?? text.captured(of: #"(?m)^\s*(?:>\s*)*On\s[^\n]*?,?\s([A-Z][\w'’-]+\s[A-Z][\w'’-]+)\s*<[^>\n]+>\s*wrote:"#, group: 1)
                ?? intro.captured(of: #"\b([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)['’]s\s+(?:note|message|msg|email|e-mail)\b"#, group: 1)
                ?? intro.captured(of: #"(?i:\bfrom|\bwhat|\bw/|\bwith)\s+([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)\b"#, group: 1)
                ?? text.captured(of: #"(?m)[-–—]\s*([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)\s*(?:\([^)\n]*\))?\s*["”]?\s*$"#, group: 1)
                ?? text.captured(of: #"(?m)(?:thanks|cheers|best|regards),?\s+([A-Z][\w'’-]+)\s*$"#, group: 1)
        }

        /// Each pasted line's speaker ("Priya" of "[10:05] Priya: …", "Ben" of "> Ben: …") and what it says.
        var said: [(speaker: String?, text: String)] {
            lines.map { line in
                let text = line.replacingMatches(
                    of: #"^\s*(?:>\s*)*(?:\[[^\]\n]{1,24}\]\s*)*(?:(?i:slack|teams|dm|chat)\s*:\s*)?"#, with: ""
                )
                .replacingMatches(of: wroteLine, with: "")
                guard let name = text.captured(of: speaker, group: 1), !labels.contains(name.lowercased()),
                    let colon = text.firstIndex(of: ":")
                else { return (nil, text.trimmingCharacters(in: .whitespaces)) }
                return (name, text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
        }

        /// What the pasted text tells, with its writer named for "I": "Diego Nakamura has moved to …, new email …".
        var statements: String {
            let name = writer
            let sentences = said.flatMap { PromptFraming.sentences(of: Self.unquoted($0.text)).map(Self.withoutSignature) }.filter {
                !Self.isAsk($0)
                    && $0.rangeOfMatch(of: #"(?i)^(?:hi|hello|hey|dear|thanks|thank\s+you|best|cheers|regards)\b[^.!?]{0,20}[,.!]?$"#)
                        == nil
                    && $0.rangeOfMatch(of: headerLine) == nil
            }
            guard !sentences.isEmpty else { return "" }
            var text = sentences.joined(separator: " ")
                .replacingMatches(
                    of: #"(?i)^(?:(?:(?:hi|hello|hey)\b[^-,.!]{0,20}|quick\s+one|heads\s+up(?:\s+that)?|fyi)\s*[-,.!:]?\s*)+"#, with: "")
            if let name {
                text = text.replacingMatches(of: #"\bI['’]ve(?:\s+got)?\b"#, with: name + " has")
                    .replacingMatches(of: #"\bI['’]m\b"#, with: name + " is")
                    .replacingMatches(of: #"\bI['’]ll\b"#, with: name + " will")
                    .replacingMatches(of: #"\bI\b"#, with: name)
                    .replacingMatches(of: #"\b[Mm]y\b"#, with: name + "'s")
            }
            return text.hasSuffix(".") || text.hasSuffix("!") ? text : text + "."
        }

        /// The ask the writer's line points at, as an order: the named speaker's ("answer Omar's question", "get Mark the
        /// humidity"), the one about a named thing ("pls action the hooli one", "schedule that call", "just the drive/email
        /// item"), the last ("the bottom bit") or the first; after what the thread tells before it ("Initech - Renewal just got
        /// pushed to Nov 30" before "can someone update the close date"), and "it" the thing named ("mark it closed won").
        func asks(pointedAt own: String) -> [String] {
            var asks: [(line: Int, speaker: String?, text: String, request: Bool)] = []
            var told: [(line: Int, text: String)] = []
            for (index, line) in said.enumerated() {
                let item = lines[index].rangeOfMatch(of: #"^\s*(?:>\s*)*(?:[-*•]|\d+[.)])\s"#) != nil
                for sentence in PromptFraming.sentences(of: Self.unquoted(line.text)) {
                    let text = Self.withoutSignature(sentence)
                    guard Self.isAsk(text) || item else {
                        if text.split(separator: " ").count >= 3 { told.append((index, text)) }
                        continue
                    }
                    // "can you email me …? -Tom (tom@ourco.example)": "me" is the writer, at the address they sign with.
                    let address = line.text.captured(of: #"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"#, group: 0)
                    let asked = address.map { text.replacingMatches(of: #"\bme\b"#, with: $0) } ?? text
                    asks.append((index, line.speaker, asked, Self.isRequest(text) || item))
                }
            }
            guard !asks.isEmpty else { return [] }
            let named =
                own.captured(
                    of:
                        #"\b([A-Z][\w'’-]+?)(?:['’]s)?\b(?=\s+(?:question|q|ask|bit|part|request|crm|update|described|mentioned|asked|suggested|proposed|wants|the)\b|\s*$|\s+(?:pls|please|thanks)\b)"#,
                    group: 1)
                ?? own.captured(of: #"(?i:\bfor)\s+([A-Z][\w'’-]+)"#, group: 1)
            let things =
                (own.captured(of: #"(?i)\b(?:the|that|this)\s+([\w/-]+)\s+(?:one|bit|part|item|thing)\b"#, group: 1)
                ?? own.captured(
                    of: #"(?i)\bthat\s+(call|meeting|event|invite|email|message|post|update|refund|deal|contact|file)\b"#, group: 1))
                .map { $0.lowercased().split(separator: "/").map(String.init) } ?? []
            var chosen: (line: Int, speaker: String?, text: String, request: Bool)?
            if let named, !["I", "Pls", "Please", "The", "Just"].contains(named) {
                let bySpeaker = asks.filter { $0.speaker?.split(separator: " ").first.map(String.init) == named }
                // "Ravi: @bot when is the design review?": what they asked of the bot, before what they asked of the others.
                chosen =
                    bySpeaker.first { $0.text.localizedCaseInsensitiveContains("@bot") } ?? bySpeaker.first
                    ?? asks.first { $0.text.localizedCaseInsensitiveContains(named) }
                    ?? (writer?.split(separator: " ").first.map(String.init) == named ? asks.first : nil)
            } else if !things.isEmpty, !things.contains(where: { ["first", "last", "second", "bottom", "top"].contains($0) }) {
                let about = asks.filter { ask in things.contains { ask.text.localizedCaseInsensitiveContains($0) } }
                let firstMention = said.firstIndex { line in things.contains { line.text.localizedCaseInsensitiveContains($0) } }
                chosen =
                    about.first(where: \.request) ?? firstMention.flatMap { mention in asks.first { $0.line >= mention && $0.request } }
                    ?? about.first
            } else if own.rangeOfMatch(of: #"(?i)\b(?:last|bottom|second)\b"#) != nil {
                chosen = asks.last
            } else {
                chosen = asks.first
            }
            guard let chosen else { return [] }
            var order = Self.imperative(chosen.text)
            // "can someone mark it closed won" after "has anyone looked at the Hooli pilot?": it is the Hooli pilot.
            if let thing = things.first,
                let phrase = lines.joined(separator: "\n").captured(
                    of: #"(?i)\bthe\s+"# + NSRegularExpression.escapedPattern(for: thing) + #"\s+\w+"#, group: 0)
            {
                order = order.replacingMatches(of: #"\bit\b"#, with: phrase)
            }
            let before = told.filter { $0.line <= chosen.line && !$0.text.localizedCaseInsensitiveContains(order.prefix(20)) }.map(\.text)
            return
                (order.rangeOfMatch(of: #"(?i)\b(?:the\s+(?:close\s+date|amount|stage|crm|deal|contact)|it|them)\b"#) != nil ? before : [])
                + [order]
        }

        static func withoutSignature(_ sentence: String) -> String {
            sentence.replacingMatches(of: #"\s*[-–—]\s*[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?\s*(?:\([^)\n]*\))?\s*$"#, with: "")
        }

        /// An ask of someone to do something, not a question: "can someone update the close date", "pls send the slides".
        static func isRequest(_ sentence: String) -> Bool {
            sentence.rangeOfMatch(
                of:
                    #"(?i)\b(?:can|could|would|will)\s+(?:you|someone|somebody|anyone|u)\s+(?!know\b|tell\s+me\s+(?:if|whether)\b)\w+|\b(?:please|pls|plz)\b|\bneed\s+(?:you|someone)\s+to\b"#
            )
                != nil || sentence.rangeOfMatch(of: imperativeOpening) != nil
        }

        static func unquoted(_ text: String) -> String {
            text.trimmingCharacters(in: CharacterSet(charactersIn: "\"“” "))
        }

        /// "can someone mark it closed won", "could you resend my last invoice?", "@bot pls", "does anyone know how warm …?",
        /// "And send me a receipt for August."
        static func isAsk(_ sentence: String) -> Bool {
            sentence.rangeOfMatch(of: imperativeOpening) != nil
                || sentence.rangeOfMatch(
                    of:
                        #"(?i)\b(?:can|could|would|will)\s+(?:you|someone|somebody|anyone|u|we)\b|\b(?:please|pls|plz)\b|@bot\b|\?\s*$|\b(?:anyone|anybody)\s+know\b|^any\s+idea\b|\bneed\s+(?:you|someone)\s+to\b"#
                ) != nil
        }

        static let imperativeOpening =
            #"(?i)^(?:(?:and|also|then|oh|plus|ps)\b[,:]?\s*)*(?:send|add|update|cancel|book|call|email|forward|delete|remove|post|schedule|move|check|review|order|print|remind|ping|tell|let|bring|share|say|reach|loop|cc|fix|confirm|provide|give|get|grab|mark)\b"#

        /// The ask as an order: "Can someone mark it closed won" → "mark it closed won".
        static func imperative(_ ask: String) -> String {
            ask.replacingMatches(of: #"(?i)@bot\b\s*"#, with: "")
                .replacingMatches(
                    of:
                        #"(?i)^(?:(?:hey|hi|also|and|so|ok)\b[,!]?\s*)*(?:(?:can|could|would|will)\s+(?:you|someone|somebody|anyone|u|we)\s+(?:also\s+)?(?:please\s+|pls\s+)?|(?:does\s+)?(?:anyone|anybody|someone)\s+know\s+|any\s+idea\s+)"#,
                    with: ""
                )
                .trimmingCharacters(in: .whitespaces)
        }
    }
}
