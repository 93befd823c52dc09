import Foundation

/// What people write before the request: the situation ("I'm out tomorrow, so: block …", "I'm
/// prepping for the board meeting, so list …") and a count of what follows ("Two things: …", "Before
/// the QBR I need two things — …"). The situation asks for nothing; read as a part, it decided the
/// service or swallowed the first action. A counted list's items are parts, and an item written
/// without a verb ("the active subscriptions saved as subs.csv on Drive", "a calendar hold 'QBR'
/// next Thursday 2-4pm") gets the verb its words mean.
enum PromptLeadIns {
    /// A situation, then "so", "so:" or a dash, then the request.
    static let situation = try? NSRegularExpression(
        pattern: #"^([^.!?;:"“#@\n]{3,160}?)(?:,?\s+so(?!\s+that\b)\s*[:,]?|\s+[—–-]|,\s*[—–-])\s+"#, options: [.caseInsensitive])
    /// "Two things:", "I need three things —", "a couple of things:".
    static let count = try? NSRegularExpression(
        pattern:
            #"^[^.!?;"“#@\n]{0,80}?\b(?:two|three|four|five|2|3|4|5|a few|a couple of|a couple|couple of|couple)\s+(?:quick\s+)?(?:things|tasks|requests|items|jobs)\b[^:—–.!?]{0,30}?(?:[:—–]|\s-\s)\s*"#,
        options: [.caseInsensitive])
    /// Words a situation opens with: who is speaking, or why.
    static let openers: Set<String> = [
        "i", "i'm", "im", "i've", "ive", "i'll", "i'd", "we", "we're", "we've", "we'll", "we'd", "it's", "there's", "since", "because",
        "as", "before", "given", "ahead", "heads", "fyi", "btw", "quick", "so", "ok", "okay", "hey", "hi", "hello", "tomorrow", "today",
    ]
    /// "I need the deals, so email them …": a lead-in wanting something is part of the request.
    static let wanting: Set<String> = ["need", "want", "like"]

    /// "As Nora's assistant, …", "as an agent acting for user_123: …": who is asking, never what is asked for (its words
    /// became result fields); "Before the QBR meeting, …": when it is wanted, done now (it was refused as a verb "before").
    static let role = try? NSRegularExpression(
        pattern:
            #"^(?:(?:as|acting as|speaking as|writing as)\s+(?:an?|the|[\w'’]+'s|[\w'’]+’s|my|our|your)\s+(?:(?!\b(?:i|we)\s)[^,.!?;:"“#@\n]){1,60}(?:[,:]|(?=\s(?:i|we)\s))|(?:before|ahead of)\s+(?:the|my|our|your|this|[\w'’]+'s|[\w'’]+’s)\s+(?:(?!\b(?:i|we)\s)[^,.!?;:"“#@\n]){1,60}(?:,|(?=\s(?:i|we)\s(?:need|want|would|'d|have\sto|must)\b)))\s*"#,
        options: [.caseInsensitive])

    /// "look through my inbox and find …", "go through my emails and pull out …": where to look, said
    /// before the search itself; read as a part of its own it searched the mail for "look".
    static let browsing = try? NSRegularExpression(
        pattern:
            #"\b(?:look|go|dig|search|scan|comb|browse|read|sift|have a look)\s+(?:through|in|into|over)\s+(?:my|the|our|their|his|her)\s+(inbox|e-?mails?|mail|mailbox|gmail)\s+(?:and|to)\s+(?=(?:find|get|pull|show|list|tell|give|fetch|see|check)\b)"#,
        options: [.caseInsensitive])

    /// The search said first, and where to look after it: "look through my inbox and find the ones from
    /// bob@…" → "find the ones from bob@… in my inbox".
    static func withoutBrowsing(_ prompt: String) -> String {
        guard let match = browsing?.firstMatch(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)),
            let range = Range(match.range, in: prompt), let place = Range(match.range(at: 1), in: prompt)
        else { return prompt }
        let rest = prompt[range.upperBound...]
        // The sentence ends at its stop, unless the stop is inside a quotation.
        let end = rest.rangeOfMatch(of: #"[.?!](?=\s|$)|\n"#)?.lowerBound ?? rest.endIndex
        let stop = rest[..<end].filter { "\"“”".contains($0) }.count % 2 == 0 ? end : rest.endIndex
        return String(prompt[..<range.lowerBound]) + rest[..<stop] + " in my \(prompt[place].lowercased())" + rest[stop...]
    }

    /// "Acme says they sent us a bunch of invoices last month. Search my inbox for …": what someone said, opening the
    /// prompt, asks nothing ("invoices" listed them); kept when the request points back at it ("… Update it").
    static func withoutReportedOpening(_ prompt: String) -> String {
        guard
            let said = prompt.rangeOfMatch(
                of: #"^\s*(?:\p{Lu}[\w&'’.-]*(?:\s+\p{Lu}[\w&'’.-]*){0,3}|(?i:the|our|my)\s+"#
                    + #"(?i:customer|client|boss|manager|team|accountant|landlord|vendor|supplier)|(?i:they|he|she))\s+"#
                    + #"(?i:says?|said|claims?|told\s+(?:me|us)|tells\s+(?:me|us)|"#
                    + #"mentioned|reports?|reported)\s+[^.!?\n"“:]{3,160}[.!]\s+(?=\S)"#)
        else { return prompt }
        let rest = prompt[said.upperBound...]
        guard rest.rangeOfMatch(of: #"(?i)\b(?:it|them|that|those|this|their|its|his|her|they|he|she)\b"#) == nil else { return prompt }
        return String(rest)
    }

    static func resolved(_ prompt: String) -> String {
        var prompt = prompt
        prompt = withoutBrowsing(prompt)
        prompt = withoutReportedOpening(prompt)
        // "The user wants you to email maria@… saying …": what they want done (read as a wish, her invoices were read and
        // nothing sent). "The user wants a payment reminder emailed to every customer …": the same, done to something.
        prompt = prompt.replacingMatches(
            of: #"(?i)(?:^|(?<=[.!?]\s))\s*(?:the\s+)?(?:end\s+)?(?:user|customer|client|caller|requester)\s+"#
                + #"(?:wants|would\s+like|needs|asked|asks)\s+(?:you|us|me)\s+to\s+(?:please\s+)?(?=[a-z])"#,
            with: "")
        // (Not "would like to see the last 10 messages posted in #sales": what was posted, to read.)
        if !prompt.contains("\n"), prompt.rangeOfMatch(of: #"(?i)\b(?:wants?|like|needs?)\s+to\b"#) == nil,
            let done = AgentFields.wantedDone(prompt)
        {
            prompt = done
        }
        // "…, por favor", "… bitte", "s'il vous plaît": please, in the writer's own language (a field, or a message's end).
        prompt = prompt.replacingMatches(
            of: #"(?i)(?<=[\w)])\s*,?\s+(?:bitte|bitte\s+sehr|por\s+favou?r|s['’]il\s+(?:vous|te)\s+pla[iî]t|per\s+favore|porfa|prego)"#
                + #"\s*[.!]*\s*$"#,
            with: "")
        // "Weather of Lisboa to #random send", "to Maria send the meeting notes": the verb last, or after whom it goes to, as
        // written in some languages (the post was refused, and the notes read from the calendar).
        prompt = prompt.replacingMatches(
            of:
                #"(?i)^\s*([^.!?\n"“]{3,80}?)\s+(to\s+(?:#[\w-]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+))\s+(send|post|mail|e-?mail|share|forward)\s*[.!]*\s*$"#,
            with: "$3 $1 $2"
        ).replacingMatches(
            of: #"^\s*(?i:to)\s+(\p{Lu}[\w'’-]+(?:\s+\p{Lu}[\w'’-]+)?|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s+(?i:(send|mail|e-?mail|forward))\s+"#,
            with: "$2 $1 ")
        // "For the Monday planning call: give me every deal …": what the answer is for, before the request (it was read as the
        // request, "for" its verb). Not "For user_123:" or an address, which say whose.
        prompt = prompt.replacingMatches(
            of: #"(?i)^\s*for\s+(?:the|our|my|this|next|tomorrow's|today's|a)\s+[^:\d@_\n]{1,60}:\s*(?=\S)"#, with: "")
        // "…, if it is possible.", "be so kind as to tell me …": politeness, not a condition or a field.
        prompt = prompt.replacingMatches(
            // Each opens right after a word: opened anywhere in a run of spaces, the runs cost quadratic time.
            of: #"(?i)(?<![\s,])(?:,?\s*\bif\s+(?:it\s+is|it's|that's|that\s+is)\s+possible\b|,?\s*\bif\s+possible\b"#
                // "…, if it is not trouble", "if it's no bother", "if that's ok": the same courtesy.
                + #"|,?\s*\bif\s+(?:it\s+is|it's|its|that's|that\s+is)\s+(?:not\s+(?:too\s+much\s+)?(?:a\s+)?|no\s+)"#
                + #"(?:trouble|bother|problem)\b(?=\s*[.,!?]|\s*$)"#
                + #"|,?\s*\bif\s+(?:that's|that\s+is|it's|it\s+is)\s+(?:ok|okay|alright|all\s+right|fine)\b(?=\s*[.,!?]|\s*$)"#
                + #"|,?\s*\bif\s+you\s+(?:can|could|don't\s+mind|do\s+not\s+mind)\b(?=\s*[.,!?]|\s*$))"#,
            with: "")
        // "… also her telephone, thank you", "…, thanks so much!": thanks closing the request (it became a field).
        prompt = prompt.replacingMatches(
            of: #"(?i)(?<=[\w)])\s*[,;]\s*(?:(?:and\s+)?(?:thank\s+you|thanks|thx|ty|ta|cheers|much\s+appreciated|appreciate\s+it))"#
                + #"(?:\s+(?:very|so)\s+much)?(?:\s+in\s+advance)?(?:\s+for\s+(?:your|the)\s+help)?\s*(?:[.!]+|🙏|😊|🙂)*\s*$"#,
            with: "")
        // "… so they stop pinging me? Thanks a ton.": thanks said in a sentence of its own after a question, or said at length,
        // closing the request. A plain "Thanks!" after a message's words may be the message's own.
        prompt = prompt.replacingMatches(
            of: #"(?i)(?:(?<=[?])\s+(?:thanks|thank\s+you|thx|ty|cheers)|(?<=[.!?)])\s+(?:thanks|thank\s+you|thx)"#
                + #"(?=\s+(?:a\s+(?:ton|lot|bunch|million)|so\s+much|heaps|loads|in\s+advance)))"#
                + #"(?:\s+(?:a\s+(?:ton|lot|bunch|million)|so\s+much|very\s+much|heaps|loads|again))?(?:\s+in\s+advance)?"#
                + #"(?:\s+for\s+(?:your|the)\s+help)?\s*(?:[.!]+|🙏|😊|🙂)*\s*$"#,
            with: "")
        // "Good morning! I wish to schedule …": a greeting, which asks nothing (an event was made of it). "Sorry to bother you -
        // could you please change …": an apology, the same (the dash made the request a read).
        prompt = prompt.replacingMatches(
            of:
                // "Hello, good morning, sorry to bother you, …": greetings one after another.
                #"(?i)^\s*(?:(?:good\s+(?:morning|afternoon|evening|day)|hi|hello|hey|greetings|hiya)(?:\s+(?:there|team|all|everyone|ploton))?"#
                + #"\s*[!.,]+\s*){1,3}(?=\S)"#,
            with: ""
        ).replacingMatches(
            of:
                #"(?i)^\s*(?:(?:sorry|apologies)\s+(?:to\s+(?:bother|trouble|pester)\s+you|for\s+the\s+(?:bother|trouble|hassle))(?:\s+again)?"#
                + #"|(?:i\s+)?hope\s+(?:you(?:'re|’re|\s+are)\s+(?:well|good|doing\s+well)|all\s+is\s+(?:well|good)|this\s+finds\s+you\s+well))"#
                + #"\s*[!.,:;\-–—]+\s*(?=\S)"#,
            with: "")
        // "Hi, this is Ruth from accounts. …", "It's Dev from the Leeds office -": who is writing (read as a request, "is" its
        // verb).
        prompt = prompt.replacingMatches(
            of: #"^\s*(?i:this\s+is|it['’]s)\s+\p{Lu}[\w'’-]+(?:\s+\p{Lu}[\w'’-]+)?"#
                + #"(?:\s+(?i:from|in|at|with|on)\s+(?i:the\s+)?[\w&'’-]+(?:\s+[\w&'’-]+){0,2})?\s*[.!,;–—-]+\s+(?=\S)"#,
            with: "")
        // "Sales ops request - create contact: …", "Quick ask: …", "Ticket 4411 — …": what kind of message this is, which asks
        // nothing (the part read as a search, and the contact was never created).
        prompt = prompt.replacingMatches(
            of: #"(?i)^\s*(?:[a-z][\w&'’-]*\s+){0,3}(?:request|ask|task|ticket|todo|to-do|note|fyi|update|chore|job)(?:\s+#?\d+)?"#
                + #"\s*(?:[-–—:]|\s[-–—])\s+(?=\S)"#,
            with: "")
        // "hi! im new to this. i want to add a deal …": who is writing, which asks nothing ("new" was read as a record made).
        prompt = prompt.replacingMatches(
            of:
                #"(?i)^\s*(?:i'?m|i’m|i\s+am)\s+(?:(?:very|pretty|quite|totally|brand)\s+)?new\s+(?:to\s+(?:this|ploton|it|all\s+this)|here|at\s+this)"#
                + #"\s*[.!,;:-]+\s*(?=\S)"#,
            with: "")
        // "We would be grateful if you could export …", "I'd appreciate it if you could …": a polite opening, then the request.
        prompt = prompt.replacingMatches(
            of:
                #"(?i)^\s*(?:(?:we|i)(?:'d|’d|\s+would)\s+(?:be\s+(?:very\s+|most\s+)?(?:grateful|thankful|obliged)|(?:really\s+)?appreciate\s+it)"#
                + #"\s+if\s+you\s+(?:could|would|can)\s+(?:please\s+|kindly\s+)?)"#,
            with: "")
        // "Ugh, long day - could you please set the Acme deal amount to 5000": a remark, a dash, then the request put politely
        // (read as one part opening on the remark, the update was lost).
        prompt = prompt.replacingMatches(
            of: #"(?i)^[^.?!\n"“#@:]{2,60}?\s[-–—]\s+(?=(?:(?:could|can|would|will)\s+you|please|pls|kindly)\b)"#, with: "")
        // "Sales manager here, prepping the territory split. Pull …", "Finance here: cancel …": who writes, and what they are
        // busy with, which ask nothing ("doing" and "prepping" were refused as actions).
        prompt = prompt.replacingMatches(
            of: #"(?i)^\s*(?:[a-z][\w&'’-]*\s+){1,3}here\s*[,:;.!—–-]+\s*(?=\S)"#, with: "")
        prompt = prompt.replacingMatches(
            of:
                #"(?i)^\s*(?:(?:i'?m|i’m|i\s+am|we'?re|we’re|we\s+are)\s+(?:just\s+|busy\s+)?(?!looking|trying|hoping|wanting|needing|asking|wondering|searching|going|flying|heading|travell?ing|driving|visiting|moving|staying|landing|arriving|leaving|working\s+from)"#
                + #"[a-z]+ing|doing|prepping|preparing|working\s+on|writing\s+up|putting\s+together|drafting|wrapping\s+up|finishing|"#
                + #"cleaning\s+up|chasing|reviewing|planning)\b[^.!?\n"“:]{0,80}[.!]\s+(?=\S)"#,
            with: "")
        // "The customer cancelled inside the trial window, so refund payment pi_… in full": why, then what to do.
        prompt = prompt.replacingMatches(
            of:
                #"(?i)^(?![^,]*\b(?:need|want|like|get|list|show|find|pull|read|fetch|look)\b)[^.!?\n"“:]{3,120}?,\s+so\s+"#
                + #"(?=(?:please\s+)?(?:refund|update|send|email|post|create|add|schedule|book|move|mark)\b)"#,
            with: "")
        // "I'm trying to plan my week. Could you list my meetings …": why, which asks nothing ("plan" read subscriptions).
        prompt = prompt.replacingMatches(
            of: #"(?i)^\s*(?:i'?m|i’m|i\s+am|we'?re|we\s+are)\s+(?:just\s+)?(?:trying|hoping|looking|about|getting\s+ready)\s+to\s+"#
                + #"(?:plan|organi[sz]e|sort\s+out|figure\s+out|prepare|prep|get\s+ready\s+for|map\s+out)\s+(?:my|our|the|this|next)\s+"#
                + #"(?:week|day|month|schedule|quarter|trip|travel|calendar|morning|afternoon)\b[^.!?\n]{0,40}[.!]\s*"#,
            with: "")
        // "… post a summary to #cph-office so people know whether to bring an umbrella": why, which asks nothing ("people"
        // listed the contacts).
        prompt = prompt.replacingMatches(
            of:
                #"(?i)(?<=[\w)])\s*,?\s+so\s+(?:that\s+)?(?:people|everyone|everybody|the\s+team|folks|staff|they|we|i|finance|sales|support|ops|accounting|legal|hr)\s+"#
                + #"(?:knows?|can|will|are|have|don't|do\s+not|won't)\b[^.!?\n"“”]*(?=[.!?\n]|$)"#,
            with: "")
        // "need latest invoice amount asap": how soon, which is now (it became part of a field).
        prompt = prompt.replacingMatches(
            of: #"(?i)(?<=[\w)])[,\s]+(?:asap|a\.s\.a\.p\.?|as\s+soon\s+as\s+possible|urgently|right\s+away)\s*[.!]*\s*$"#, with: "")
        // "When you get a moment, could you add …", "whenever you have a sec, …": when it suits, which is now.
        prompt = prompt.replacingMatches(
            of: #"(?i)(?:^|(?<=[.!?]\s))(?:when|whenever)\s+you\s+(?:get|have|find)\s+(?:a|the)\s+"#
                + #"(?:moment|minute|sec|second|chance|min)\b\s*,?\s*"#,
            with: "")
        // "Catch me up on #marketing: what have people been posting there lately?": the channel's latest messages, read (the
        // question after the colon was posted there).
        prompt = prompt.replacingMatches(
            of: #"(?i)\b(?:catch|fill)\s+(?:me|us)\s+(?:up\s+)?(?:in\s+)?(?:on|with)\s+(#[\w-]+)\s*[:\-–—,]?"#
                + #"(?:\s*what\s+(?:have|has|are|is|were|did)\s+(?:people|everyone|folks|the\s+team|they|others)\s+(?:been\s+)?"#
                + #"(?:say|saying|post|posting|posted|talk|talking|discuss|discussing)(?:\s+about)?(?:\s+(?:in\s+)?there)?"#
                + #"(?:\s+lately|\s+recently)?)?"#,
            with: "show me the latest messages in $1")
        // "Leila Haddad got a new number": news about a person, not a record to make ("new" was read as the verb).
        prompt = prompt.replacingMatches(
            of:
                #"(?i)\b(got|has|have|gets|with)\s+a\s+new\s+(?=(?:phone|number|mobile|cell|email|e-mail|address|job|role|title|company|employer|last\s+name|name)\b)"#,
            with: "$1 a different ")
        // "Marcus Webb changed jobs: update his email …", "Leila Haddad got a new number, please update her phone …": what
        // happened, then the request (the name was read as a verb).
        prompt = prompt.replacingMatches(
            of:
                #"(?i)^([^:,\n"“]{3,80}?\b(?:changed|switched|moved|left|joined|got|became|has|have)\b[^:,\n"“]{0,60})(?::|,(?=\s+please\b)|\s[-–—](?=\s))\s+"#
                + #"(?=(?:please\s+)?(?:update|change|set|add|create|move|mark|log|record|schedule|book|refund|email|send|post)\b)"#,
            with: "$1. ")
        prompt = prompt.replacingMatches(
            of: #"(?i)\b(?:be\s+)?so\s+kind\s+as\s+to\s+"#, with: ""
        ).replacingMatches(of: #"^\s*,\s*"#, with: "")
        // "Find out what is on my calendar on Monday", "find out who sent …": a question to answer (the search looked for
        // "out what is").
        prompt = prompt.replacingMatches(
            of: #"(?i)\b(?:find|figure|work)\s+out\s+(?=(?:what|who|whom|which|when|where|whether|if|how)\b)"#, with: "check ")
        // "The Brightwater renewal just closed - move that deal to closed won": the deal the news names, moved (only the
        // deals were listed).
        prompt = prompt.replacingMatches(
            of: #"^(?:[Tt]he\s+|[Oo]ur\s+)?(\p{Lu}[\w&'’-]*(?:\s+[\w&'’-]+){0,3}?)(?:\s+deal)?\s+(?i:just\s+|has\s+|have\s+|finally\s+)?"#
                + #"(?i:closed|signed|came\s+through|went\s+through|was\s+won|was\s+lost|fell\s+through|got\s+signed)\b[^.!?\n]{0,40}?"#
                + #"(?:[.!]|\s[-–—]|,)\s*(?i:so\s+)?(?i:please\s+)?(?i:(move|mark|set|update|change))\s+(?i:that|this|the)\s+(?i:deal)\b"#,
            with: "$2 the $1 deal")
        // "Daniel Okafor's phone number changed to +44 …, please update his CRM record": the change the news states, made
        // (the record was to be updated with nothing).
        prompt = prompt.replacingMatches(
            of: #"^(\p{Lu}[\w'’-]*(?:\s+\p{Lu}[\w'’-]*){0,3})['’]s\s+((?i:phone(?:\s+number)?|mobile(?:\s+number)?|e-?mail(?:\s+address)?|"#
                + #"company|employer|job\s+title|title|last\s+name|surname))\s+(?i:has\s+|just\s+)?(?i:changed|moved|switched)\s+(?i:to)\s+"#
                + #"([^,;\n]+?)\s*(?:[,;.]|\s[-–—])\s*(?i:so\s+)?(?i:please\s+|can\s+you\s+|could\s+you\s+)?(?i:update|change|fix)\s+"#
                + #"(?i:his|her|their|the)\s+(?i:crm\s+|hubspot\s+)?(?i:record|contact|entry|details|info)(?:\s+(?i:in\s+(?:the\s+)?(?:crm|hubspot)))?"#,
            with: "update $1's $2 to $3 in the CRM")
        // "text the team in #general: pizza's here": a post to the channel (refused on "text").
        prompt = prompt.replacingMatches(
            of:
                #"(?i)\b(?:text|message|msg|shout\s+at|holler\s+at)\s+(?:the\s+team|everyone|everybody|folks|people|the\s+group|them|the\s+channel)\s+(?:in|on|via)\s+(?=#[\w-]+)"#,
            with: "post in ")
        // "… and archive them on Drive as incidents-log.txt": a file saved there (refused: Gmail's archive is no capability).
        prompt = prompt.replacingMatches(
            of:
                #"(?i)\b(?:(?:archive|back\s+up|backup)\s+((?:them|it|those|these|that|this)\s+)?|(?:stash|store|dump)\s+((?:them|it|those|these|that|this)\s+))"#
                + #"(?=(?:on|to|in|into)\s+(?:google\s+)?drive\b)"#,
            with: "save $1$2")
        // "Please handle the following for user_123:\n- find …": a hand-over of the lines under it (refused on "handle").
        prompt = prompt.replacingMatches(
            of:
                #"(?i)^\s*(?:please\s+|kindly\s+|can\s+you\s+|could\s+you\s+)?(?:handle|do|process|take\s+care\s+of|complete|action|work\s+on|"#
                + #"carry\s+out|execute|run)\s+(?:the\s+following|these(?:\s+(?:steps|tasks|items))?)(?:\s+(?:for|on\s+behalf\s+of)\s+[\w@.-]+)?"#
                + #"(?:\s+please)?\s*:\s*"#,
            with: "")
        // "Produce a list of all open deals …", "put together a list of …": the records listed (refused on "produce").
        prompt = prompt.replacingMatches(
            of: #"(?i)\b(?:produce|compile|prepare|generate|draw\s+up|put\s+together|make)\s+(?:me\s+|us\s+)?(?:a|the)\s+list\s+of\b"#,
            with: "list")
        if let match = role?.firstMatch(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)),
            let end = Range(match.range, in: prompt), !prompt[end.upperBound...].isEmpty
        {
            prompt = String(prompt[end.upperBound...])
        }
        let range = NSRange(prompt.startIndex..., in: prompt)
        if let match = count?.firstMatch(in: prompt, range: range), let end = Range(match.range, in: prompt) {
            return items(String(prompt[end.upperBound...]))
        }
        guard let match = situation?.firstMatch(in: prompt, range: range), let end = Range(match.range, in: prompt),
            let lead = Range(match.range(at: 1), in: prompt)
        else { return prompt }
        let words = PromptText.words(String(prompt[lead]))
        let first = prompt[lead].split(whereSeparator: \.isWhitespace).first.map {
            $0.lowercased().trimmingCharacters(in: .punctuationCharacters)
        }
        let rest = String(prompt[end.upperBound...])
        // "Hello, could you please update deal 2007 so the amount is 12500": a request before "so" is no situation.
        let (leadKind, leadVerb) = PromptClauses.classify(String(prompt[lead]))
        guard let first, openers.contains(first), words.isDisjoint(with: wanting), PromptClauses.classify(rest).1 != nil,
            leadVerb == nil || [.read, .deliver].contains(leadKind)
        else {
            return prompt
        }
        return rest
    }

    /// "the active subscriptions saved as subs.csv on Drive, and a calendar hold 'QBR' next Thursday 2-4pm":
    /// each item a sentence, with a verb when it has none.
    static func items(_ list: String) -> String {
        let pieces = list.components(separatedBy: ", and ").flatMap { $0.components(separatedBy: "; ") }
        guard pieces.count > 1 else { return list }
        return pieces.map { piece in
            let item = piece.trimmingCharacters(in: CharacterSet(charactersIn: " ,."))
            return (PromptClauses.classify(item).1 == nil ? withVerb(item) : item) + "."
        }.joined(separator: " ")
    }

    static let participles: [String: String] = [
        "saved": "save", "uploaded": "upload", "exported": "export", "stored": "store", "written": "write", "posted": "post",
        "sent": "send", "emailed": "email",
    ]
    static let scheduledThings: Set<String> = ["hold", "meeting", "event", "block", "call", "sync", "appointment"]

    /// "X saved as f.csv" → "save X as f.csv"; "a calendar hold 'QBR' next Thursday" → "schedule a calendar hold …".
    static func withVerb(_ item: String) -> String {
        let tokens = item.split(whereSeparator: \.isWhitespace).map(String.init)
        if let index = tokens.firstIndex(where: { participles[$0.lowercased()] != nil }), index > 0,
            let verb = participles[tokens[index].lowercased()]
        {
            return ([verb] + tokens[..<index] + tokens[(index + 1)...]).joined(separator: " ")
        }
        if !PromptText.words(item).isDisjoint(with: scheduledThings), PromptText.timeOfDay(in: item) != nil {
            return "schedule " + item
        }
        return item
    }
}
