import Foundation

/// Phrases people write that the planner read as something else, each rewritten as the words it reads, outside quoted
/// text (a message's own words stay as written). Each rule says what was written, what it means, and what went wrong
/// before it.
enum PromptPhrases {
    private static let rules: [(NSRegularExpression, String)] = [
        // "whether in lisbon rn?", "whats the whether like": the weather, as a phone wrote it.
        (#"(?i)\bwhether\s+(?=(?:in|for|at|like|today|tomorrow|now|right\s+now)\b)"#, "weather "),
        (#"(?i)\bthe\s+whether\b"#, "the weather"),
        // "Tell in #general at which hour is the design review", "Send the link of the customer list": as English says them.
        (#"(?i)\bat\s+(?:which|what)\s+hour\b"#, "what time"),
        (#"(?i)\btell\s+in\s+(#[\w-]+)"#, "tell $1"),
        (#"(?i)\b(the\s+link)\s+of\s+the\b"#, "$1 to the"),
        (#"(?i)\bmake\s+(?:the\s+|a\s+)?devolution\s+of\b"#, "refund"),
        // "The user wants $40 refunded on payment pi_…", "The user wants a new deal logged: …": an agent relaying the ask
        // in the passive (the payment was read, a deal searched).
        (
            #"(?i)\b(?:the\s+user|my\s+user|user|they|he|she)\s+wants\s+([$€£]?\d[\d,.]*(?:\s*(?:dollars|euros|pounds|bucks))?)\s+"#
                + #"refunded\s+(?:on|from|for|to)\s+"#,
            "refund $1 on "
        ),
        (
            #"(?i)\b(?:the\s+user|my\s+user|user|they|he|she)\s+wants\s+(an?\s+(?:new\s+)?(?:deal|contact|event|meeting))\s+"#
                + #"(?:logged|created|added|made|booked|set\s+up)\b"#,
            "create $1"
        ),
        // "whatsapp noah okafor the globex deal status": a WhatsApp message (the deal was read, and nothing sent).
        (#"(?i)(?:^|(?<=[.!?]\s))whatsapp\s+(?=\w)"#, "send a WhatsApp message to "),
        // "we lost the vandelay pilot so mark it closed lost": the deal the news names, marked (refused: "no tool here can lost").
        (
            #"(?i)^\s*(?:so\s+)?we\s+(?:lost|won|closed|signed)\s+(?:the\s+)?((?:[\w-]+\s+){0,3}?[\w-]+?)(?:\s+deal)?[,]?\s+so\s+"#
                + #"(?:can\s+you\s+|please\s+)?(mark|set|move|update)\s+it\s+(?:as\s+|to\s+)?"#,
            "$2 the $1 deal "
        ),
        // "Hows the wind at Bristol", "look up payment pi_… status": what is asked of it (the record came back whole).
        (#"(?i)\bhow(?:['’]s|\s+is|s)\s+the\s+wind\b"#, "what's the wind speed"),
        (#"(?i)\b(payment|invoice)\s+((?:pi|in|ch|py)_\w+|INV-\d+)\s+status\b"#, "the status of $1 $2"),
        // "list all the customers we bill": the customers (their invoices were listed).
        (#"(?i)\b(customers|clients)\s+(?:that\s+|who\s+)?we\s+(?:bill|invoice|charge)\b"#, "$1"),
        // "search my email for invoice stuff": the word, not the filler.
        (#"(?i)\b(for|about|re)\s+([\w-]+)\s+(?:stuff|things|related\s+stuff|bits)\b"#, "$1 $2"),
        // "book in a site visit with Gary": booked.
        (#"(?i)\bbook\s+in\s+(?=(?:a|an|the|another)\b)"#, "book "),
        // "read me the meeting notes file": the file of that name (its "meeting" read the calendar).
        (
            #"(?i)\b(read|open|show|get|fetch|find)(\s+me)?\s+the\s+(?!(?:latest|last|newest|biggest|largest|smallest|recent|new|oldest|"#
                + #"shared|same|other|whole|entire|drive|dropbox|google|uploaded|big|small|first|most)\b)"#
                + #"((?:(?!(?:of|the|a|an|my|our|in|on|for|from|to)\b)[\w-]+\s+){0,3}?(?!(?:of|the)\b)[\w-]+)\s+"#
                + #"(file|doc|document|spreadsheet|pdf)\b(?!\s+(?:called|named|titled|for|from|about|with|in|on)\b)"#,
            "$1$2 the $4 '$3'"
        ),
        // "anything booked tomorrow?", "what's booked on Friday": the calendar.
        (
            #"(?i)\b(?:is\s+there\s+anything|anything|what['’]?s|what\s+is|whats|do\s+i\s+have\s+anything|have\s+i\s+got\s+anything)\s+"#
                + #"booked\s+(?:in\s+)?(?=(?:for\s+)?(?:today|tomorrow|tonight|this|next|on|monday|tuesday|wednesday|thursday|friday|"#
                + #"saturday|sunday)\b)"#,
            "what's on my calendar "
        ),
        // "who've we got on file at Kelly Homes?", "who do we know at umbrella?": the contacts there.
        (
            #"(?i)\bwho(?:['’]ve|\s+have|\s+do)\s+we\s+(?:got|have|know)\s+(?:on\s+file\s+|in\s+the\s+crm\s+)?(?:at|from)\s+"#,
            "who do we have in the crm at "
        ),
        // "new client - add Gary Pritchard, gary@…", "pls add the new pastry supplier: Lena Hoffmann, …", "create contact for the
        // new TP rep - Lee Barnes, …": a contact, whoever they are to the writer (refused as "no tool here can add that", or
        // made with "TP" as its first name).
        (
            #"(?i)^\s*(?:a\s+)?new\s+(?:an?\s+)?(?:client|customer|contact|lead|supplier|vendor|rep|starter|hire)\s*[-–—:]\s*"#
                + #"(?=(?:pls\s+|please\s+)?(?:add|create|put|save|log)\b)"#,
            ""
        ),
        (
            #"(?i)\b(add|create)\s+(?:a\s+)?(?:contact\s+for\s+)?(?:the\s+|a\s+|our\s+|this\s+)?new\s+(?:[\w-]+\s+){0,2}?"#
                + #"(?:client|customer|contact|lead|supplier|vendor|rep|starter|hire)\s*[:\-–—]\s*(?=(?-i:\p{Lu}))"#,
            "$1 a contact: "
        ),
        // "add jordan@vandelay.example as a contact, the name's jordan blake": the name, said after.
        (
            #"(?i)\badd\s+([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s+as\s+a\s+(?:new\s+)?contact[,.]?\s+(?:the\s+name['’]s|name['’]s|"#
                + #"(?:her|his|their)\s+name\s+is|(?:her|his|their)\s+name['’]s|name\s+is)\s+([a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)?)\s*$"#,
            "add a contact $2, $1"
        ),
        // "add marcus lee to the crm marcus@globex.example he works at globex": where they work is their company.
        (
            #"(?i)^([^\n]*?\b(?:add|create)\b[^\n]*?\b(?:crm|contact|hubspot)\b[^\n]*?)[,.]?\s+(?:he|she|they)\s+(?:works|work)\s+"#
                + #"(?:at|for)\s+([\w&.-]+(?:\s+[\w&.-]+)?)\s*$"#,
            "$1, company $2"
        ),
        // "email yesterdays support messages to ben@…": the messages of the team's channel (the words were sent).
        (
            #"(?i)\b((?:yesterday|today|tonight)['’]s|this\s+week['’]s|last\s+week['’]s|the\s+latest|the\s+last|recent|all\s+the)\s+"#
                + #"(support|sales|engineering|general|random|marketing|ops)\s+(messages|posts|chat)\b"#,
            "$1 #$2 $3"
        ),
        // "… so ppl stop asking me 😤", "… cause people keep asking": why, said of others (their "people" read the contacts, and
        // the weather asked for was posted as words).
        (
            #"(?i)(?<=[\w)])(?:,\s*|\s+)(?:so|cause|cos|coz|because|bc|since)\s+(?:ppl|people|everyone|folks|they|the\s+team)\s+"#
                + #"(?:keep|keeps|stop|can\s+stop|won['’]t|don['’]t|quit)\b[^.!?\n@#"“]*(?=[.!?]?\s*$)"#,
            ""
        ),
        // "…, her email's ava@garcia.example": her address, stated (her mail was searched and its latest sent).
        (#"(?i)\b(her|his|their)\s+e-?mail['’]s\s+(?=[\w.+-]+@)"#, "$1 email is "),
        // "tell the engineering channel when sprint planning is": the channel, as a channel is written (the words were posted).
        (
            #"(?i)\b(tell|ping|notify|message|remind|update|show|let)\s+the\s+"#
                + #"(?!(?:slack|teams|right|same|usual|main|team|company|whole|appropriate|relevant|correct|proper|default|other)\b)"#
                + #"([a-z][\w-]*)\s+channel\b"#,
            "$1 #$2"
        ),
        // Figures asked the way revenue teams say them: "Total $ of deals we closed won this quarter?", "How many deals did we
        // lose", "the closed-won total", "What did we collect from paid invoices this month?", "the total amount received",
        // "How much amount is outstanding from all customers?" (the records were returned, the customers listed).
        (#"(?i)\btotal\s+\$\s*(?=(?:of|in|from)\b)"#, "total value "),
        (#"(?i)\bdeals\s+(?:did\s+|have\s+)?(?:we|you|they|the\s+team)\s+(?:lose|lost|have\s+lost)\b"#, "closed lost deals"),
        (#"(?i)\bdeals\s+(?:did\s+|have\s+)?(?:we|you|they|the\s+team)\s+(?:win|won|closed[\s-]won|have\s+won)\b"#, "closed won deals"),
        (#"(?i)\b(?:the\s+)?closed[\s-]won\s+(?:total|value|revenue)\b"#, "the total value of closed won deals"),
        (
            #"(?i)\b(?:what|how\s+much)\s+(?:did|have)\s+we\s+(?:collect(?:ed)?|receive[d]?|take\s+in|taken\s+in|bring\s+in|brought\s+in)\b"#
                + #"(?:\s+(?:from|on|in)\s+(?:the\s+)?(?:paid\s+)?invoices)?"#,
            "what is the total amount paid of paid invoices"
        ),
        (#"(?i)\bthe\s+total\s+(?:amount\s+)?(?:received|collected)\b"#, "the total amount paid of paid invoices"),
        (#"(?i)\bhow\s+much\s+amount\b"#, "how much"),
        (#"(?i)\b(outstanding|owed|due|unpaid)\s+(?:from|across|for|by)\s+all\s+(?:(?:our|the)\s+)?customers\b"#, "$1 on open invoices"),
        // "weather in Leeds pls and also whats on the calendar today": two questions (the first was dropped).
        (
            #"(?i)(?<!\s)\s+and\s+(?:also\s+)?(?=what(?:'s|’s|s|\s+is)\s+(?:(?:on|in)\s+(?:my|the|our)\s+(?:family\s+)?(?:calendar|inbox|drive|schedule)|the\s+weather)\b)"#,
            ". "
        ),
        // "stick it in the calendar", "Pop her in the CRM": put.
        (
            #"(?i)\b(?:pop|stick|chuck|bung|throw)\b(?=\s+(?:it|this|that|her|him|them|a|an|the)\b[^.!?\n]{0,60}?\b(?:in|on|into)\s+(?:the\s+|my\s+|our\s+)?(?:calendar|diary|crm|hubspot|drive)\b)"#,
            "put"
        ),
        // "Remind everyone in #general that …": tell them.
        (#"(?i)\bremind\s+(?=(?:everyone|everybody|the\s+team|people|folks|all)\s+in\s+#)"#, "tell "),
        // "Email address for Kira Rossi please": hers.
        (
            #"(?i)^\s*(?:the\s+)?(e-?mail(?:\s+address)?|phone(?:\s+number)?|mobile(?:\s+number)?|number)\s+(?:for|of)\s+"#
                + #"((?-i:\p{Lu})[\p{L}'’-]+\s+(?-i:\p{Lu})[\p{L}'’-]+)(?![\p{L}'’-])"#,
            "what's $2's $1"
        ),
        // "pull up Felix Haddad's details from the CRM": look him up.
        (
            #"(?i)\b(?:pull|bring|dig)\s+up\s+((?-i:\p{Lu})[\p{L}'’-]+\s+(?-i:\p{Lu})[\p{L}'’-]+)['’]s\s+(?:details|info|record|contact)\b"#,
            "look up $1"
        ),
        // "in the last fortnight": two weeks.
        (#"(?i)\b(last|past)\s+fortnight\b"#, "$1 14 days"),
        (#"(?i)\ba\s+fortnight\b"#, "two weeks"),
        // "Refund C$40", "A$1,200": the amount in that currency.
        (#"(?<![\w$])(?:C|CA)\$\s?(\d[\d,]*(?:\.\d+)?(?:\s?[kK]\b)?)"#, "$1 CAD"),
        (#"(?<![\w$])(?:A|AU)\$\s?(\d[\d,]*(?:\.\d+)?(?:\s?[kK]\b)?)"#, "$1 AUD"),
        (#"(?<![\w$])NZ\$\s?(\d[\d,]*(?:\.\d+)?(?:\s?[kK]\b)?)"#, "$1 NZD"),
        // "what time is the piano recital": when it is on the calendar (nothing named a tool).
        (
            #"(?i)^\s*(?:what\s+time|when)\s+(?:is|'s|’s)\s+(?:the\s+|my\s+|our\s+)?((?:[\w'’-]+\s+){0,3}(?:recital|party|match|game|appointment|"#
                + #"meeting|call|review|prep|practice|rehearsal|class|lesson|session|event|dinner|lunch|concert|show|interview|standup|sync|"#
                + #"visit|viewing|training|playdate|parents['’]\s+evening))\b(?!\s+(?:on|in)\s+(?:my\s+|the\s+|our\s+)?calendar)"#,
            "when is the $1 on my calendar"
        ),
        // "what's the link to the home insurance pdf", "the school term dates pdf": a file in Drive.
        // (Not in what a message says: "saying the policy doc is ready".)
        (
            #"(?i)(?<!\b(?:saying|that|says|:)\b[^.!?\n]{0,80})\b(the\s+(?:[\w'’-]+\s+){1,4}?)(pdf|docx|xlsx|spreadsheet|scans?|receipt|form)\b"#
                + #"(?!\s+(?:file|doc)\b)(?![.\w])"#,
            "$1$2 file"
        ),
        // "which stage is the globex pilot at": that deal.
        (
            #"(?i)\b(which|what)\s+stage\s+is\s+(?:the\s+)?([\w&'’-]+(?:\s+[\w&'’-]+)?\s+(?:pilot|renewal|expansion|upsell|platform))\b(?!\s+deal)"#,
            "$1 stage is the $2 deal"
        ),
        // "Post the link to the customer list in #sales": a file's link (Stripe's customers were posted).
        (
            #"(?i)\b(the\s+link\s+to\s+(?:the\s+|our\s+|my\s+)(?:[\w'’-]+\s+){0,3}?(?:list|form|sheet|doc|document|deck|report|policy|handbook|guide|"#
                + #"runbook|template|contract|agreement|proposal|brochure|menu|rota|timetable|plan|notes|minutes|presentation))\b(?!\s+(?:file|doc)\b)"#,
            "$1 file"
        ),
        // "Tell #general what time the board prep is": when it is, from the calendar (the words were posted).
        (#"(?i)\bwhat\s+time\s+(the\s+[\w'’ -]{2,40}?)\s+(is|starts|begins)\b"#, "when $1 $2"),
        // "Tell #general what the weather's like in Berlin right now": the weather, posted there (the words were posted).
        (
            #"(?i)\b(?:tell|let)\s+(#[\w-]+)\s+(?:know\s+)?(?:what\s+the\s+weather(?:['’]s|\s+is)(?:\s+like)?|how\s+the\s+weather\s+is)\s+(in|at|for)\s+"#,
            "post to $1 the current weather $2 "
        ),
        // "Share the Q3 board report to Dropbox": a file service no tool connects to, as an upload there.
        (
            #"(?i)\b(?:share|send|copy|move|put)\s+(?=[^.!?\n]{1,60}\b(?:to|into|on|in)\s+(?:my\s+|our\s+|the\s+)?(?:dropbox|onedrive|sharepoint|box\.com)\b)"#,
            "upload "
        ),
        // "Find Grace Silva at Acme and tell me …": her, in the CRM.
        (
            #"(?i)\b(find|look\s+up)\s+((?-i:\p{Lu})[\p{L}'’-]+\s+(?-i:\p{Lu})[\p{L}'’-]+)\s+(?:at|from)\s+((?-i:\p{Lu})[\w&'’-]*)\b"#,
            "$1 $2 in the CRM"
        ),
        // "What's the weather doing?": like.
        (#"(?i)\bthe\s+weather\s+doing\b"#, "the weather like"),
        // "FYI the Hooli renewal is closed won 🎉 pls update the deal": the news, then the request ("no tool here can fyi").
        (#"(?i)^\s*(?:just\s+)?(?:fyi|heads\s+up|btw)\b\s*[,:;.!–—-]*\s*(?=\p{L})(?!(?:that|on|about)\b)"#, ""),
        // "Count active subs on the Business plan": how many.
        // (Not two kinds counted together: "count the open invoices and the past-due subscriptions".)
        (#"(?i)^\s*(?:please\s+)?count\s+(?:the\s+|all\s+|our\s+|my\s+)?(?=\p{L})(?![^.!?\n]*\band\s+(?:the|all|our|my)\b)"#, "how many "),
        // "anything new in #sales since this morning?": what was said there.
        (#"(?i)\b(?:is\s+there\s+)?anything\s+new\s+in\s+(?=#[\w-])"#, "what's new in "),
        // "Kindly let me know the wind speed at Mombasa": tell me (the field was lost).
        (#"(?i)\blet\s+me\s+know\s+(?=the\s)"#, "tell me "),
        // "find the email of Chloe Okafor": hers.
        (
            #"(?i)\bthe\s+(e-?mail(?:\s+address)?|phone(?:\s+number)?|mobile(?:\s+number)?|company|job\s+title)\s+of\s+"#
                + #"((?-i:\p{Lu})[\p{L}'’-]+\s+(?-i:\p{Lu})[\p{L}'’-]+)(?![\p{L}'’-])"#,
            "$2's $1"
        ),
        // "new contacts this month?": those created then (a contact was to be created).
        (
            #"(?i)^\s*(?:any\s+)?new\s+(contacts|deals|customers|invoices|subscriptions)\s+(?:from\s+|created\s+|added\s+)?"#
                + #"(?=(?:this|last|today|yesterday|since|in\s+\p{L})\b)"#,
            "$1 created "
        ),
        // "close date on the umbrella pilot?": of that deal.
        (
            #"(?i)\b(stage|amount|close\s+date|closing\s+date|value)\s+(?:on|of|for)\s+(?:the\s+)?"#
                + #"([\w&'’-]+(?:\s+[\w&'’-]+)?\s+(?:pilot|renewal|expansion|upsell|platform))\b(?!\s+deal)"#,
            "$1 of the $2 deal"
        ),
        // "upload the minutes of today's meeting to Drive", "save the meeting notes": what was said at a meeting, which no
        // tool here holds (the day's calendar listing was uploaded as the minutes); the file's content is asked for.
        (
            #"(?i)\b(upload|save|store|put)\s+(?:the\s+)?(minutes|notes|recording|transcript|slides|deck)\s+(?:of|from|for)\s+"#
                + #"(?:the\s+|today['’]s\s+|yesterday['’]s\s+|this\s+morning['’]s\s+|our\s+|my\s+)?(?:[\w'’-]+\s+){0,3}?"#
                + #"(?:meeting|call|session|standup|stand-up|review|sync|discussion)\b"#,
            "$1 the $2"
        ),
        (
            #"(?i)\b(upload|save|store|put)\s+(?:the\s+)?(?:today['’]s\s+|yesterday['’]s\s+)?(?:[\w'’-]+\s+)?"#
                + #"(?:meeting|call|standup|stand-up)\s+(minutes|notes|recording|transcript)\b"#,
            "$1 the $2"
        ),
        // "email customer_email a reminder with the amount_due", "where next_billing_date is …": a field's name in code, said
        // in words (the part was not split at its verb, and "customer_email" was no one). Not an id (digits), an address, a
        // file, a channel, a call or a key ("payment_intent: pi_…").
        (#"(?<![\w.@/#-])([a-z]+)_([a-z]+)_([a-z]+)(?![\w(@.-]|\.\w|\s*[:=])"#, "$1 $2 $3"),
        (#"(?<![\w.@/#-])([a-z]+)_([a-z]+)(?![\w(@.-]|\.\w|\s*[:=])"#, "$1 $2"),
        // "what invoices has Ben Chen had from us?": the invoices he has (everyone's were read).
        (
            #"\b((?i:what|which))\s+((?i:invoices|subscriptions|payments|plans?|deals|meetings))\s+(?i:has|have)\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,2})\s+"#
                + #"(?i:had|got|received|paid)(?:\s+(?i:from\s+us))?\b"#,
            "$1 $2 does $3 have"
        ),
        // "Refund INV-1022 in full", "Refund $12 of INV-1011's payment", "status of INV-1020?": an invoice by its number
        // ("INV-1022" was looked up as a customer's name); its payment is the invoice's. "Has INV-1011 been paid?", "is INV-1011
        // paid yet": a question about it.
        // Only where a verb or a preposition asks for the record; a message's own words ("could you resend INV-1042") stay.
        (
            #"(?i)(?<=\b(?:refund|of|on|for|up|find|check|get|fetch|show|status|open|has|is|was|did|whether|if|about)\s)(?<!invoice\s)(?<!invoices\s)(INV-\d{3,})\b"#,
            "invoice $1"
        ),
        (#"(?i)\b(invoice\s+INV-\d{3,})['’]s\s+(?:payment(?:\s+intent)?|charge)\b"#, "$1"),
        // "Email our VP of CS at dana@… all the closed lost deals": a role, named by the team it heads ("CS" was looked up as a
        // customer and their subscriptions read).
        (
            #"\b((?i:our|the|my))\s+((?i:vp|svp|evp|head|director|manager|lead|chief))\s+of\s+(?:[A-Z][\w&-]*)(?:\s+[A-Z][\w&-]*)?"#
                + #"(?=\s+(?i:at)\s+[\w.+-]+@|\s*\(|\s*,|\s+[\w.+-]+@)"#,
            "$1 $2"
        ),
        // "Tell #incidents and ops-managers@… that the database is back": both told, as "tell ops-managers@… and #incidents"
        // reads it (the address was left unused and the task refused).
        (
            #"(?i)\blet\s+((?:#[\w.-]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*(?:and|&|\+|,)\s*(?:#[\w.-]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+))\s+know\s+(?:that\s+)?(?=\S)"#,
            "tell $1 that "
        ),
        (
            #"(?i)\b(tell|notify|ping|message|warn|inform)\s+(#[\w.-]+)\s*(?:and|&|\+|,)\s*([\w.+-]+@[\w-]+(?:\.[\w-]+)+)(?=[\s,.:;!?]|$)"#,
            "$1 $3 and $2"
        ),
        // "tell #sales and #support the crm is down tonight": the words after the channels are what both are told ("and
        // #support …" was posted to each); "Tell the sales channel the Q4 numbers are up on the shared drive" (the Drive was
        // listed and posted).
        (
            #"(?i)\b(tell|notify|ping|message|warn|inform)\s+(#[\w.-]+(?:\s*(?:,|and|&|\+)\s*#[\w.-]+)+|the\s+[\w-]+\s+channel)\s+(?!that\b|know\b|about\b|to\b|in\b|on\b|via\b|when\b|what\b|where\b|who\b|how\b|which\b|whether\b|if\b|[:\-–—"“'])"#,
            "$1 $2 that "
        ),
        // "email today's #support messages to ann@…", "a summary of the #eng thread": the messages in that channel (it was
        // read as where to post, and the text asked for).
        (
            #"(?i)(?<!\b(?:in|to|into|from|on|at)\s)(#[\w.-]+)\s+(messages|posts|conversation|discussion|history|thread|chatter)\b"#,
            "$2 in $1"
        ),
        // "Follow-up after today's Acme call: email liam@…, subject …": a heading before the order says what it is about (the
        // order was read as the heading's text).
        (
            #"(?m)^(?![^:\n]*[@#"“])(?i:follow[- ]?up|following\s+up|after|post[- ]call|re|regarding)\b"#
                + #"[^:\n]{3,60}:\s+(?=(?i:email|e-mail|send|post|tell|schedule|book|add|create|update|refund|upload|save|message|ping|notify|let)\s)"#,
            ""
        ),
        // "email ben@… to remind him the board packet is due Friday", "remind ann@… that …": a reminder, said as the message
        // (its text was asked for, or "remind" refused).
        (
            #"(?i)\b((?:e-?mail|mail|message|ping)\s+(?:[^.!?\n]|\.(?=\S)){1,60}?)\s+to\s+remind\s+(?:him|her|them|everyone|the\s+team)\s+(?:that\s+|about\s+|of\s+)?(?=\S)"#,
            "$1 saying: Reminder: "
        ),
        (#"(?i)\bremind\s+([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s+(?:that\s+|about\s+|of\s+)?(?=\S)"#, "email $1 saying: Reminder: "),
        (#"(?i)\bremind\s+(#[\w.-]+)\s+(?:that\s+|about\s+|of\s+)?(?=\S)"#, "post in $1: Reminder: "),
        // "email ana@… a thank you for her order. say: "Thanks so much …"": what it says, labelled after the order.
        (#"(?i)(?<=[\w)])\s*[.!]\s+say\s*:\s*$"#, ", saying: "),
        // "email the link to the Q3 board report to felix@…": the file's details, its link among them (the text was asked for).
        (
            #"(?i)\b(e-?mail|send|share|forward|post)\s+(?:the\s+|a\s+)?(?:link|url)\s+(?:to|for|of)\s+((?:the|our|my)\s+[^@#\n"“]{2,60}?)\s+(to|in|with)\s+(?=[#\w])"#,
            "$1 $2 $3 "
        ),
        // "email the Q3 board report to felix@…", "send the Pricing deck to #sales": a document named by its title, on Drive
        // (its text was asked for). Only a title written with a capital or a figure, and no other service named.
        (
            #"\b((?i:e-?mail|send|share|forward|post))\s+((?i:the|our|my)\s+(?:(?:\p{Lu}|\d)[\w&'’-]*\s+)(?:[\w&'’-]+\s+){0,3}?"#
                + #"(?i:report|deck|presentation|proposal|memo|checklist|brief|contract|runbook|playbook|spreadsheet|one-pager|whitepaper))"#
                + #"(?!\s+(?i:doc|document|file|from|on|in)\b)(?=\s+(?i:to|in|with)\s+[#\w])"#,
            "$1 $2 doc"
        ),
        // "Find the Q3 board report, then post its link …", "open the Pricing deck": the document, looked up on Drive
        // (nothing was recognised, and the post went out with the words "its link").
        (
            #"\b((?i:find|pull|open|grab|locate|fetch|dig\s+up|pull\s+up))\s+((?i:the|our|my)\s+(?:(?:\p{Lu}|\d)[\w&'’-]*\s+)(?:[\w&'’-]+\s+){0,3}?"#
                + #"(?i:report|deck|presentation|proposal|memo|checklist|brief|runbook|playbook|one-pager|whitepaper))"#
                + #"(?!\s+(?i:doc|document|file)\b)(?!\s+(?i:on|in|from)\s+(?i:drive|google|dropbox|box|onedrive|sharepoint)\b)"#,
            "$1 $2 doc"
        ),
        // "Look up Maya Dubois, then create a meeting with her …": the person, looked up in the CRM for the address a later
        // part needs (the look-up was dropped and the event had no attendee). Not when what follows is Stripe's.
        (
            #"^(\s*(?i:please\s+)?(?i:look\s+up|lookup|find|pull\s+up)\s+)(\p{Lu}\p{Ll}+\s+\p{Lu}[\p{L}'’-]+)(?=\s*(?:,|;|\.|\band\b|\bthen\b))"#
                + #"(?=.*\b(?i:her|him|them)\b)(?!.*\b(?i:invoices?|refund|subscriptions?|payments?|charges?|stripe|paid|pay|owes?)\b)"#,
            "$1$2 in the CRM"
        ),
        // "… and shout it out in #sales", "give it a shout-out in #wins": posted there (refused as "shout").
        (#"(?i)\bshout\s+(it|this|that|them)\s+out\s+(in|on|to)\b"#, "post $1 $2"),
        (#"(?i)\bgive\s+(it|this|that|them)\s+a\s+shout-?\s?out\s+(in|on|to)\b"#, "post $1 $2"),
        // "The Vandelay sponsorship went up to 18k — update the deal amount", "bump the Wayne Enterprises renewal to 25k": the
        // deal's new amount (the id was asked for; "bump" refused).
        (
            #"^(?i:the\s+)?(\p{Lu}[\w&'’-]*(?:\s+\p{Lu}[\w&'’-]*)?)\s+((?i:renewal|pilot|expansion|deal|sponsorship|contract|upsell))\s+"#
                + #"(?i:went\s+up|went\s+down|increased|decreased|grew|dropped|is\s+now|moved\s+up|moved\s+down|changed)\s+to\s+"#
                + #"([$€£]?\d[\d,.]*\s?[kKmM]?)\s*(?:[—–-]+|[,.;!])\s*(?i:please\s+|pls\s+|can\s+you\s+)?(?i:update|change|fix)\s+"#
                + #"(?i:the\s+|its\s+|their\s+)?(?i:deal(?:['’]s)?\s+)?(?i:amount|value)\b[^.!?\n]*"#,
            "update the $1 $2 deal amount to $3"
        ),
        (
            #"\b(?i:bump|raise|increase)\s+((?i:the)\s+\p{Lu}[\w&'’-]*(?:\s+\p{Lu}[\w&'’-]*)?\s+(?i:renewal|pilot|expansion|deal|sponsorship|contract|upsell))\s+"#
                + #"(?i:deal\s+)?(?i:to)\s+([$€£]?\d[\d,.]*\s?[kKmM]?)(?=[\s,.;!?]|$)"#,
            "update $1 deal amount to $2"
        ),
        // "the Acme renewal deal - close date push to 15 October pls": the record, then the field and its new value (the deal
        // was searched for and the change dropped).
        (
            #"^(?i:the\s+)?(\p{Lu}[\w&'’-]*(?:\s+[\w&'’-]+){0,3}?\s+(?i:deal|renewal|pilot|expansion|contract|upsell)(?:\s+(?i:deal))?)"#
                + #"\s*[-–—:]\s*((?i:close\s+date|closing\s+date|amount|value|stage|deal\s+stage))\s+"#
                + #"(?i:(?:push(?:ed)?|move[sd]?|change[sd]?|set|bump(?:ed)?|update[sd]?|now)\s+(?:(?:back|out|up|down)\s+)?to|to|->|→|=)\s+"#,
            "change the $1's $2 to "
        ),
        // "Umbrella renewal is won!! please mark the deal closed won": the deal the news names (its id was asked for).
        (
            #"^(?i:the\s+)?(\p{Lu}[\w&'’-]*(?:\s+[\w&'’-]+){0,3}?\s+(?i:renewal|pilot|expansion|contract|upsell|deal))(?:\s+(?i:deal))?"#
                + #"\s+(?i:is|was|has\s+been|got|just\s+got)\s+(?i:(?:closed\s+)?(?:won|lost)|signed|closed)\b[.!]*\s+"#
                + #"(?i:(?:please|pls|so|can\s+you|could\s+you)\s+)?((?i:mark|set|move|update|change))\s+(?i:the\s+deal|it)\b"#,
            "$2 the $1 deal"
        ),
        // "Isla Silva's email changed to isla@… — update her in the CRM": the new value, set (refused as "update her").
        (
            #"^(\p{Lu}[\p{L}'’-]+\s+\p{Lu}[\p{L}'’-]+)['’]s\s+((?i:email(?:\s+address)?|phone(?:\s+number)?|company|job\s+title|title))\s+"#
                + #"(?i:has\s+)?(?i:changed|moved)\s+to\s+([^—–\n]+?)\s*(?:[—–]+|\s-\s|[.;!]\s)\s*(?i:please\s+|pls\s+|can\s+you\s+)?"#
                + #"(?i:update|change|fix)\s+(?i:her|him|them|it|the\s+contact)(?:\s+(?i:in|on)\s+((?i:the\s+)?(?i:crm|hubspot)))?"#
                + #"(?:\s+(?i:pls|please))?[.!?]?\s*$"#,
            "update $1's $2 to $3 in the CRM"
        ),
        // "Post the count in #marketing before standup": when, which sending now meets (the calendar was read for
        // "standup").
        (
            #"(?i)(#[\w-]{1,80})\s+(?:before|ahead\s+of)\s+(?:the\s+|our\s+|my\s+)?(?:standup|stand-up|daily|sync|meeting|call|lunch)\b"#,
            "$1"
        ),
        // "What's the Wayne Enterprises pilot worth", "Move the Hooli pilot to contract sent": a deal, named by its company and
        // kind without the word (nothing was recognised).
        (
            // (Not a topic: "anything about the Contract renewal?".)
            #"(?<!(?i:about|regarding|re|mentioning)\s)\b((?i:the)\s+\p{Lu}[\w&'’-]*(?:\s+\p{Lu}[\w&'’-]*)?\s+(?i:pilot|renewal|expansion|upsell|rollout|sponsorship))"#
                + #"(?=\s*(?:[,.?!;]|$)|\s+(?i:to|worth|is|was|has|and|at|stage|amount|close|closing|deal's)\b|['’]s\b)"#,
            "$1 deal"
        ),
        // "Did I get anything from ruth@… this week?", "Have we heard anything from …": mail from that address (the calendar
        // was searched for it).
        (
            #"(?i)\b(did|have|has)\s+(i|we)\s+(?:get|got|receive|received|hear|heard)\s+(?:anything|something|back)\s+from\s+(?=[\w.+-]+@[\w-]+\.)"#,
            "$1 $2 get any email from "
        ),
        // "how much am I owed", "who owes me": the business's figures, said in the first person singular (nothing was
        // recognised).
        (#"(?i)\bhow\s+much\s+am\s+i\s+owed\b"#, "how much are we owed"),
        // "did my landlord email me? his address is greg.hollis@…": the sender, by the address given after (the address was
        // refused as unused).
        (
            #"(?i)\b(did|has)\s+(?:my|our|the)\s+[\w-]+(?:\s+[\w-]+)?\s+(e-?mail(?:ed)?|written\s+to|write\s+to)\s+(me|us)\b([^?.!\n]*)[?.!]+\s+"#
                + #"(?:his|her|their|the)\s+(?:e-?mail\s+)?address\s+is\s+([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\.?"#,
            "$1 $5 $2 $3$4?"
        ),
        // "forward my latest email to #support": posted there (an address was asked for).
        (#"(?i)\bforward\s+((?:[^#@\n,;.!?]|\.(?=\S)){1,60}?)\s+to\s+(?:the\s+)?(#[\w.-]+)(?:\s+channel)?"#, "post $1 in $2"),
        // "put in my calendar dentist appointment 5th March 09:15 to 10:00": what is put there, then where (the calendar was
        // the title's first word).
        (
            #"(?i)\b(put|add|pop|stick)\s+(in|on|into|to)\s+((?:my|the|our|her|his)\s+(?:calendar|calender|calander|diary))\s+(?!for\b|at\b|on\b|from\b)([^,;!?\n]+?)(?=\s*(?:[,;!?\n]|$))"#,
            "$1 $4 $2 $3"
        ),
        // "… then tell #sales its uploaded": that the file is saved, as "it's done" reports it (the records were posted).
        (
            #"(?i)\b(tell|ping|notify|message)\s+(#[\w.-]+)\s+(?:that\s+)?(?:it['’]?s|its|it\s+is|it\s+has\s+been|the\s+file\s+is)\s+"#
                + #"(?:uploaded|saved|up|there|in\s+(?:the\s+)?drive|on\s+(?:the\s+)?drive)\b"#,
            "$1 $2 that it's done"
        ),
        // "Post it in #sales (not #general)": a place named only as where not to post (it was posted there too).
        (#"(?i)(?<!\s)\s*\(\s*(?:but\s+)?not\s+(?:in\s+|to\s+|on\s+)?(?:#[\w.-]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*\)"#, ""),
        (#"(?i),?(?<!\s)\s+(?:but\s+)?not\s+(?:in\s+|to\s+|on\s+)?(?:#[\w.-]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)(?=\s*(?:[.!;\n]|$))"#, ""),
        // "How much is our pipeline worth right now?": the open deals' total (won and lost deals were summed too).
        (
            #"(?i)\b(?:how\s+much\s+is|what['’]?s|what\s+is)\s+(?:our|the|my)\s+(?:sales\s+)?pipeline\s+(?:worth|(?:total\s+)?value)\b"#,
            "what's the total amount of our open deals"
        ),
        // "What's our MRR?", "our monthly recurring revenue": the active subscriptions' total (nothing was recognised).
        (#"(?i)\b(?:our\s+|the\s+|my\s+)?(?:mrr|monthly\s+recurring\s+revenue)\b"#, "the total amount of our active subscriptions"),
        // "weather of pune right now": the weather in that place (the place was asked for).
        (#"(?i)\b(weather|temperature|temp|forecast|humidity|wind|conditions)\s+of\s+(?=[a-z])"#, "$1 in "),
        // "slack hashtag engineering deploy is finished": a channel, said aloud.
        (#"(?i)\bhash\s?tag\s+(?=[a-z][\w-]*\b)"#, "#"),
        // "list customers with there email": their.
        (
            #"(?i)\b(with|and|plus)\s+there\s+(?=(?:e-?mails?|phones?|phone\s+numbers?|names?|companies|company|amounts?|plans?|status)\b)"#,
            "$1 their "
        ),
        // "can you ping #general for me when you get a chance": when it suits, which is now, and for whom, which is the
        // writer; neither is the message (both were posted).
        (
            #"(?i)(?<![,\s])[,\s]+(?:when|whenever)\s+you\s+(?:get|have|find)\s+(?:a|the)\s+(?:chance|moment|minute|min|sec|second)(?=\s*[.!?]?\s*$)"#,
            ""
        ),
        (
            #"(?i)\b((?:ping|tell|message|notify|post\s+(?:in|to)|email|e-mail|mail)\s+(?:#[\w.-]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+))\s+for\s+me\b"#,
            "$1"
        ),
        // "Set the Acme deal back to appointment scheduled": HubSpot's stage, by its id (a calendar event was asked for).
        (#"(?i)\b(to|as|in|into|at|stage|is)\s+(?:the\s+)?appointment[\s-]+scheduled\b"#, "$1 appointmentscheduled"),
        // "Need a quick dump of everyone in the CRM — …": the writer's own need, as "I need" says it ("need" was the verb).
        (#"(?m)(^|[.!?]\s+)Need\s+(?=(?:a|an|the|all|every|everyone|everybody|my|our|some|each)\b)"#, "$1I need "),
        // "Could you give me the list of paid invoices with their numbers, amounts paid and …": the invoices (the list was a
        // field).
        (
            #"(?i)\b(give|show|get|send|pull|fetch)\s+(me|us)\s+(?:the|a)\s+(?:full\s+|complete\s+|whole\s+)?list\s+of\s+"#
                + #"(?:all\s+(?:of\s+)?)?(?:the\s+)?(?=[a-z])"#, "$1 $2 the "
        ),
        // "give me the paid invoices with their numbers, amounts paid and …": records shown ("paid" became a field, as in
        // "give me temperature and humidity").
        (
            #"(?i)\bgive\s+(me|us)\s+(?=(?:(?:the|all(?:\s+the)?|every|my|our|their)\s+)?(?:[a-z-]+\s+){0,2}"#
                + #"(?:deals|contacts|invoices|customers|subscriptions|events|meetings|files|emails|messages|channels|payments)\b)"#,
            "show $1 "
        ),
        // "tell #sales the Vandelay deal's amount and close date": the fields of the named record, as "the amount and close
        // date of the Vandelay deal" says it (the words were posted, the deal never read).
        (
            #"\b(?i:the)\s+(\p{Lu}[\w&.’'-]*\s+(?:(?!(?i:and|or|return|each|every|then|to|from|in|of|with|for|the|a|an|all|their|its|his|her|my|our)\s)[\w&.’'-]+\s+){0,3}(?i:deal|contact|invoice|subscription))['’]s\s+"#
                + #"([a-z][a-z ,]{1,60}?)(?=\s*(?:[.!?;\n]|$)|\s+(?:to|in|on|into|via)\s+(?:#|[\w.+-]+@))"#,
            "the $2 of the $1"
        ),
        // "tell #sales what the Vandelay deal is worth": its amount.
        (
            #"\b(?i:what)\s+(the\s+\p{Lu}[\w&.’'-]*\s+(?:(?!(?i:and|or|return|each|every|then|to|from|in|of|with|for|the|a|an|all|their|its|his|her|my|our)\s)[\w&.’'-]+\s+){0,3}(?i:deal))\s+(?i:is|was)\s+(?i:worth)\b"#,
            "the amount of $1"
        ),
        // "what is the Vandelay deal worth?": the same, asked.
        (
            #"\b((?i:what)(?:['’]s|\s+(?i:is)))\s+(the\s+\p{Lu}[\w&.’'-]*\s+(?:(?!(?i:and|or|return|each|every|then|to|from|in|of|with|for|the|a|an|all|their|its|his|her|my|our)\s)[\w&.’'-]+\s+){0,3}(?i:deal))\s+(?i:worth)\b"#,
            "$1 the amount of $2"
        ),
        // "Email the pipeline to our VP jordan.lee@… - deal name, amount and stage for everything still open": the records
        // sent, then their fields (the words after the dash were sent as the message, and no deal read).
        (
            #"(?i)\b((?:e-?mail|send|post|share)\s+(?:me\s+)?(?:the|our|my|all|their)\s+(?:[\w-]+\s+){0,2}"#
                + #"(?:pipeline|deals|invoices|contacts|customers|subscriptions|files|events|meetings|channels)\s+"#
                + #"(?:to|in|into|on)\s+[^\n"“@#]{0,40}?(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|#[\w-]+))\s+[-–—]\s+(?!(?:they|he|she|we|i|it|this|that|these|please|pls|thanks|thank|cheers|no|not|hi|hello)\b)"#
                + #"(?=(?:just\s+|only\s+)?(?:the\s+|their\s+)?[a-z]+(?:\s+[a-z]+){0,2}\s*(?:,|\s+and\s+|\s+only\b|$))"#,
            "$1 with "
        ),
        // "Email the pipeline to our VP …", "save our pipeline to Drive": the deals still being worked (every deal was sent).
        (
            #"(?i)\b(e-?mail|send|post|share|export|save|upload|forward|drop)\s+(?:me\s+)?(?:the|our|my)\s+(?:sales\s+|deal\s+)?pipeline\b"#
                + #"(?!\s+(?:review|summary|report|snapshot|update|doc|file|deck)\b)"#,
            "$1 the open deals"
        ),
        // "Add Priya Natarajan, priya@lumenlabs.io, Lumen Labs to HubSpot": a contact, its name, address and company (refused
        // as "add" with nothing to add to, or the company lost before "to HubSpot").
        (
            #"(?m)^(\s*(?:(?i:please|pls|kindly)\s+)?(?i:add|create|save|enter|log))\s+(?!(?i:a|an|the|new|her|him|them|it)\b)"#
                + #"(\p{Lu}[\w'’.-]+(?:\s+\p{Lu}[\w'’.-]+){0,3},\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+[^\n.!?@#]{0,80}?)"#
                + #"(?:\s+(?i:to|in|into)\s+(?i:the\s+)?(?i:crm|hubspot|contacts))?(?=\s*(?:[.!]|$|,?\s+(?i:and|then)\s))"#,
            "$1 a contact: $2"
        ),
        // "Email marguerite@… the total we're owed": what the open invoices come to (the words were asked for as the body).
        (
            #"(?i)\b(?:the\s+(?:total|amount|sum)\s+(?:(?:that\s+)?we(?:['’]re|\s+are)\s+(?:still\s+)?owed|owed\s+to\s+us)"#
                + #"|what\s+we(?:['’]re|\s+are)\s+(?:still\s+)?owed)\b"#,
            "the total of the open invoices"
        ),
        // "- read: tomorrow's calendar events\n- deliver: by email to the user at ceo@…": an agent's steps, as orders (the address
        // was searched for in the mail, and nothing sent).
        (#"(?im)^([ \t]*(?:[-*•][ \t]+)?)(?:read|fetch|source|input)[ \t]*:[ \t]*(?=\S)"#, "$1get "),
        (
            #"(?im)^([ \t]*(?:[-*•][ \t]+)?)deliver(?:y)?[ \t]*:[ \t]*(?:it[ \t]+|them[ \t]+)?(?:by|via)[ \t]+e-?mail[ \t]+to[ \t]+"#
                + #"(?:(?:the[ \t]+user|him|her|them)[ \t]+at[ \t]+)?"#, "$1email them to "
        ),
        // "a quick dump of everyone in the CRM": a list of them ("dump" asked for nothing the planner knew).
        (#"(?i)\b(?:a|an)\s+(?:quick\s+|full\s+|complete\s+|fresh\s+)?(?:dump|export|printout|readout|roster)\s+of\b"#, "a list of"),
        // "…, name and email for each, going into the QBR deck": what the answer is for (it became a field).
        (
            #"(?i)(?<=[\w)]),?\s+(?:going|goes|headed|that\s+goes|to\s+go)\s+(?:into|in|on)\s+(?:the|my|our|a|this)\s+"#
                + #"(?:[\w-]+\s+){0,3}(?:deck|slides?|report|doc|document|presentation|board\s+pack|memo|newsletter)\b"#, ""
        ),
        // "Post tomorrow's meeting schedule to #exec-assistants - just the titles and start times": the fields to post (after
        // the dash they were posted as the message, and the schedule never read).
        (#"(?i)(#[\w-]+)\s+[-–—]\s+((?:just|only)\s+(?:the|their|its)\s+[a-z][^.!?\n"“]{0,80}(?:[.!]|$))"#, "$1, $2"),
        // "the amount of the last invoice, and if it is paid already": whether it is paid, its status (read as a condition,
        // refused).
        (
            #"(?i)(?:,\s*)?\b(and\s+)?(?:if|whether)\s+(?:it|they|the\s+invoice|the\s+payment|that)\s+(?:is|are|was|were|has\s+been|"#
                + #"have\s+been|got)\s+(?:already\s+|fully\s+)?(?:paid|settled)(?:\s+(?:already|yet|off|or\s+not))?(?=\s*[.?!]|\s*$)"#,
            " $1the status"
        ),
        // "who was the last person to email me?", "who's the latest one that mailed me": who sent my latest email (the words
        // were searched for).
        (
            #"(?i)\bwho(?:'s|’s|s|\s+is|\s+was)?\s+the\s+(?:last|latest|most\s+recent)\s+(?:person|one|people)\s+"#
                + #"(?:to\s+(?:e-?mail|mail|write\s+to|message)|(?:that|who)\s+(?:e-?mailed|mailed|wrote\s+to|messaged))\s+me\b"#,
            "who sent my latest email"
        ),
        // "mail ravi@… with the subject Visit confirmed and text: Dear Ravi, …": the body after its subject ("text" was read as a
        // text message, which no tool sends).
        (#"(?i)(\bsubject\b[^.\n]{1,80}?)\s+and\s+(?:the\s+)?text\s*:"#, "$1 and the body:"),
        // "send a mail to emeka@…, write 'Invoice 2231 is paid'": the quoted words are the mail's ("write" was a second send);
        // the rules see the text outside quotes, so the quote opens where this text ends.
        (#"(?i)(\b(?:e-?mail|mail|message)\b(?:[^.\n]|\.(?=\S)){0,160}?),?\s+(?:and\s+)?(?:write|writing)\s+(?=["“'‘]|$)"#, "$1 saying "),
        // "pls to send mail to him … — mail is emeka@…": his address ("mail is" was no recipient).
        (#"(?i)(?<=[,;:—–-]\s|^)(?:his|her|their)?\s*(?:e-?mail|mail)\s+(?:is|=|:)\s+(?=[\w.+-]+@)"#, "his email is "),
        // "Book 'Review' at 10am and add a short description: Q3 numbers": the event's description ("add" was a second create).
        (
            #"(?i)(?<![\s,])(?:,\s*|\s+)(?:and\s+|so\s+)?(?:please\s+)?(?:add|include|put|write|give\s+it)\s+(?:a|an|the|this)?\s*"#
                + #"(?:short\s+|brief\s+|quick\s+)?(description|agenda|notes?)\s*(?::|-|–|—|\bsaying\b|\bof\b)\s*"#,
            " with the $1: "
        ),
        // "every deal with its amount for the weekly forecast", "the sales forecast call": a forecast of sales, not of the
        // weather (it was refused as a weather forecast). Not a file's name ("Q2 Forecast.xlsx").
        (
            // "re: Q1 forecast", "subject: sales forecast": a message's subject, as written.
            #"(?i)(?<!\bre:\s)(?<!\bre\s)(?<!subject:\s)(?<!subject\s)(?<!regarding\s)(?<!titled\s)"#
                + #"\b(?:(?:weekly|monthly|quarterly|sales|revenue|pipeline|q[1-4]|deals?|bookings|commit)\s+forecast|"#
                + #"forecast\s+(?:call|meeting|review|deck|sync|numbers|sheet|spreadsheet))\b(?![\w-]*\.[A-Za-z0-9]{2,4}\b)"#,
            "pipeline review"
        ),
        // "Do I need a jacket in Reykjavik right now?": the weather there (no tool lends jackets).
        (
            #"(?i)\b(?:do|will|should|would)\s+(?:i|we|you|they|he|she)\s+(?:need|want|bring|take|pack|wear)\s+(?:a|an|my|our|some)?\s*"#
                + #"(?:jacket|coat|umbrella|sunscreen|sunglasses|scarf|gloves|raincoat|layers?|jumper|sweater|hat|brolly)\b"#,
            "what's the weather"
        ),
        // "What does my day look like tomorrow?", "how's my week looking": what is on the calendar then.
        (
            #"(?i)\b(?:what\s+does|what's|how\s+does|how's)\s+my\s+(day|week|morning|afternoon)\s+(?:look|looking)(?:\s+like)?\b"#,
            "what's on my calendar this $1"
        ),
        // "How many people are in #x, and what is it for?": the channel's purpose.
        (#"(?i)\bwhat\s+(?:is|'s|’s)\s+(?:it|the\s+channel|that\s+channel|this\s+channel)\s+(?:for|about)\b"#, "its purpose"),
        // "post in random: pizza's here": the channel, named as people name it without its "#".
        (
            #"(?i)\b(post|drop|share|put)\s+(?:it\s+|this\s+)?(in|to|into|on)\s+(?!(?:slack|teams|chat|the|drive|gmail|email|mail|calendar|crm|"#
                + #"hubspot|stripe|everyone|channel|here|there|it|this|that)\b)([a-z][a-z0-9_-]{1,40})\s*:"#, "$1 $2 #$3:"
        ),
        // "read me the last 5 messages in engineering": a channel's messages, the channel named without its "#" (written in
        // lower case, as channels are: "messages from Brookes Tiles" are a sender's).
        (
            #"(?i)\b(messages|msgs|posts)\s+(in|from|on)\s+(?!(?:the|a|an|my|our|their|his|her|this|that|slack|teams|chat|gmail|email|"#
                + #"mail|inbox|outlook|it|there|here|total|each|every|all|any|today|yesterday|tomorrow|channels?)\b)((?-i:[a-z][a-z0-9_-]{1,40}))\b"#
                + #"(?![@.'’])"#,
            "$1 $2 #$3"
        ),
        // "Has the tiling supplier emailed me anything recently? Find the messages from Brookes Tiles.": after a sentence about
        // mail, messages from someone are emails (read from a chat channel named "Brookes Tiles").
        (
            #"(?i)(\b(?:e-?mail(?:ed|s)?|inbox|gmail|mailbox|outlook)\b[^#.!?\n]{0,200}[.!?]+\s+(?:[^#.!?\n]{0,60}\s)?)messages\s+from\b"#
                + #"(?![^.!?\n]{0,80}(?:#|\bchannel\b|\bslack\b|\bteams\b))"#,
            "$1emails from"
        ),
        // "the lat long for Kraków", "lat and lng": its coordinates (nothing was recognised).
        (#"(?i)\blat\s*(?:[/&,-]|and)?\s*(?:long|lng|lon)\b"#, "coordinates"),
        // "I will now ask you to retrieve …", "… perform the following operation and return the result as JSON with keys subject and
        // sender: read the newest email": an agent's framing of the request and of the answer's keys ("perform" was the verb).
        (#"(?i)^\s*i\s+(?:will|'ll|am\s+going\s+to)\s+now\s+ask\s+you\s+to\s+"#, ""),
        (
            #"(?i)^\s*(?:please\s+)?perform\s+the\s+following\s+(?:operation|task|action|request|step)\s+and\s+return\s+(?:the\s+)?"#
                + #"(?:result|output|answer|it)\s+(?:as\s+(?:a\s+)?json\s+)?(?:object\s+)?with\s+(?:the\s+)?(?:keys?|fields?)\s+"#
                + #"([^:\n]{1,120}?)\s*:\s*([^\n]+?)\.?\s*$"#,
            "$2. Return $1."
        ),
        (#"(?i)^\s*(?:please\s+)?perform\s+the\s+following\s+(?:operation|task|action|request|step)\s*:\s*"#, ""),
        // "retrieve the current weather conditions for Rotterdam. Please report the temperature, …": the weather, whose fields
        // the prompt lists after (the conditions were returned besides).
        (
            #"(?i)\bweather\s+conditions\b(?=[^\n]{0,80}?[.;:]\s[^\n]{0,40}?\b(?:report|return|give|include|provide|list|tell)\b)"#,
            "weather"
        ),
        // "Billing agent task: list all Stripe customers …", "Sales ops request: pull …": who the request comes from, a label
        // ("billing" routed it to the invoices).
        (#"(?m)^[ \t]*(?:[A-Za-z][\w&-]*[ \t]+){1,3}(?i:task|request|ask)[ \t]*:[ \t]*(?=\S)"#, ""),
        // "a list of all their CRM contacts with each person's company": their company (a search for "person").
        (#"(?i)\bwith\s+(?:each|every)\s+(?:person|one|contact|customer|member|individual)['’]s\b"#, "with their"),
        // "pull the full deal pipeline": every deal (a search for "full").
        (#"(?i)\b(?:the\s+)?(?:full|entire|complete)\s+((?:deal|sales)\s+)?pipeline\b"#, "the whole $1pipeline"),
        // "amounts and expected close dates": a deal's close date is the one expected (the field was lost after "pipeline").
        (
            #"(?i)(?<=\bpipeline\s{1,3}with\s{1,3}amounts?\s{1,3}and\s{1,3})(?:expected|projected|estimated|target)\s+(close|closing)\s+(dates?)\b"#,
            "$1 $2"
        ),
        // "the coordinates for Tallinn, plus what time zone it's in": one more field (it was "plus what time zone it's in").
        (#"(?i),?(?<!\s)\s+plus\s+(?=(?:what|which|when|how)\b)"#, " and "),
        // "New phone: +1 415 555 0143" (a labelled line): the value an update gives, not a record to create.
        (#"(?im)^([ \t]*)new\s+(phone(?:\s+number)?|mobile|number|e-?mail(?:\s+address)?|job\s+title|title|company)\s*:"#, "$1$2:"),
        // "<action>list messages</action><channel>#incidents</channel>" (labelled): the channel's messages, read (the
        // channel's label was read as a post to it).
        (
            #"(?im)\b((?:list|read|get|show|fetch|pull)\s+(?:the\s+)?(?:latest\s+|recent\s+|last\s+\d+\s+)?(?:messages|posts|history))"#
                + #"[ \t]*[.;]?[ \t]*\n?[ \t]*channel[ \t]*:[ \t]*#?([\w-]+)[ \t]*[.;]?"#,
            "$1 in #$2"
        ),
        // "Make sure Chloe Okafor's phone number in the CRM is updated to +44 …": the update (read as a create).
        (#"(?i)\bmake\s+sure\s+([^.!?\n]{2,60}?)\s+(?:is|gets|has\s+been)\s+(?:updated|changed|set)\s+to\b"#, "update $1 to"),
        // "After the call just now: please change …": when the request comes, no part of it (the request was read as a read).
        (#"(?i)^\s*(?:after|following)\s+(?:the|our|my|this|that|today['’]s)\s+[^:\n"“]{1,40}:\s*(?=\S)"#, ""),
        // "kindly I am requesting to add new contact …": the request ("requesting" was read as its verb).
        (#"(?i)\b(?:i\s+am|i['’]m|we\s+are|we['’]re)\s+(?:kindly\s+)?(?:requesting|asking)\s+(?:you\s+)?to\s+"#, ""),
        // "gimme the channel list", "the contact list from HubSpot": a list of them (the list was a field).
        (
            #"(?i)(?<!\b(?:drive|storage|folder|docs)\b[^.!?\n]{0,40})\b(?:the|a|our|my)\s+(channel|contact|deal|invoice|subscription|event|meeting)"#
                + #"\s+list\b(?![^.!?\n]{0,40}\b(?:drive|storage|file|folder|doc|csv|sheet|spreadsheet)\b)(?![.\w])"#,
            "a list of $1s"
        ),
        // "give me its id and what it's for": its purpose.
        (#"(?i)\bwhat\s+(?:it|the\s+channel)(?:'s|’s|\s+is)\s+(?:for|about|used\s+for)\b"#, "its purpose"),
        // "the temperature and how windy it is before the open house at 5": what the answer is for (it became a field).
        (
            #"(?i)(?<=[\w)])\s+(?:before|ahead\s+of)\s+(?:the|my|our)\s+(?:[\w-]+\s+){0,3}?"#
                + #"(?:open\s+house|viewing|ceremony|wedding|hike|run|match|game|party|event|shoot|delivery|deliveries|trip|flight|drive)"#
                + #"(?:\s+at\s+\d{1,2}(?::\d{2})?\s?(?:am|pm)?)?(?=\s*[.!?]|\s*$)"#,
            ""
        ),
        // "End user: user_789 (Account Manager, EMEA)\nTimezone: UTC": who the end user is and their zone, which ask nothing
        // ("EMEA" was geocoded).
        (#"(?i)\b(user[_-][\w-]+)\s*\([^()\n]{1,80}\)"#, "$1"),
        (#"(?im)^[ \t]*(?:time\s*zone|tz)\s*:\s*[\w/+:.-]{1,40}[ \t]*$"#, ""),
        // "[source: zendesk] Customer wants …": a tag of where the request came from asks nothing (the end user's tag stays).
        (#"(?i)\[(?!\s*(?:end[_ -]?user|user(?:[_ -]?id)?)\b)[a-z][a-z_ -]{0,30}\s*[:=][^\]\n]{0,60}\]\s*"#, ""),
        // "Customer wants to know whether …": what to tell, asked for someone else (the words became a field).
        (
            #"(?i)\b(?:the\s+)?(?:customer|client|user|caller|he|she|they)\s+(?:wants|would\s+like|needs|asked|asks)\s+to\s+know\s+"#,
            "tell me "
        ),
        // "whether their subscription bills monthly or yearly": its billing interval ("bills" read the invoices).
        (
            #"(?i)\bwhether\s+(?:their|the|my|his|her|its|our|your)\s+(subscriptions?|plans?)\s+(?:bills?|is\s+billed|are\s+billed|renews?)\s+"#
                + #"(?:monthly|yearly|annually|weekly|quarterly)\s+or\s+(?:monthly|yearly|annually|weekly|quarterly)"#,
            "the $1's billing interval"
        ),
        // "deal Nordlys Energy -> closed lost plz": the deal moved to that stage (the arrow cut it into a search and a stage).
        (
            #"(?i)\bdeal\s+([\p{L}0-9&'’ .-]{1,60}?)\s*(?:->|→|=>)\s*(closed\s*won|closed\s*lost|won|lost|contract\s*sent|qualified\s+to\s+buy|"#
                + #"presentation\s*scheduled|appointment\s*scheduled|decision\s*maker\s*bought\s*in)\b"#,
            "move the $1 deal to $2"
        ),
        // "stark expansion deal -> closed won 🎉", "Hooli Expansion -> contract sent": the deal named before the arrow, moved to
        // the stage after it (the deals were listed).
        (
            #"(?im)(?:^|(?<=[.!?;:]\s))[ \t]*(?!deal\b|(?:the\s+|its\s+|deal\s+)?(?:stage|status|pipeline\s+stage|deal\s*stage)\s*(?:->|→|=>))((?:[\p{L}0-9&'’.-]+\s+){0,4}?[\p{L}0-9&'’.-]+?)(?:\s+deal)?\s*(?:->|→|=>)\s*"#
                + #"(closed\s*won|closed\s*lost|contract\s*sent|qualified\s+to\s+buy|presentation\s*scheduled|appointment\s*scheduled|"#
                + #"decision\s*maker\s*bought\s*in)\b"#,
            "move the $1 deal to $2"
        ),
        // "deal 2003 -> closed won": by its id.
        (#"(?i)\bmove\s+the\s+(\d{3,})\s+deal\b"#, "move deal $1"),
        // "push its close date to 15 December", "push the due date back to Friday": the date changed ("push" was no update).
        (#"(?i)\bpush\s+(its|the|their|his|her)\s+(close\s+date|closing\s+date|due\s+date)\s+(?:back\s+|out\s+)?to\b"#, "change $1 $2 to"),
        // "push hooli renewal close date to 20/01/2027": the named deal's.
        (
            #"(?i)\bpush\s+(?:the\s+)?((?:(?!its\b|the\b|their\b)[\w&'’.-]+\s+){1,4}?)(?:deal\s+)?(?:close|closing)\s+date\s+(?:back\s+|out\s+)?to\b"#,
            "change the close date of the $1deal to"
        ),
        // "bump deal 2004 up to forty thousand", "bump the Acme deal to 25k": its amount.
        (
            #"(?i)\b(?:bump|raise|increase|lower|drop|nudge)\s+(deal\s+#?\d+|the\s+[^.!?\n]{1,40}?\s+deal)\s+(?:up\s+|down\s+)?to\s+(?=[$€£]?\d)"#,
            "change the amount of $1 to "
        ),
        // "nudge its amount to 50k", "bump the amount up to 12k", "knock the value down to 9k": the amount changed.
        (
            #"(?i)\b(?:nudge|bump|bring|knock|drop|raise|lower|take)\s+(its|the|their|his|her)\s+(amount|value|close\s+date)\s+"#
                + #"(?:up\s+|down\s+|back\s+)?to\b"#,
            "change $1 $2 to"
        ),
        // "Whoever sent my latest unread email - add them to the CRM": the email found, its sender added.
        (
            #"(?i)^\s*whoever\s+sent\s+(my|the)\s+([^\n.!?–—-]{1,60}?)\s*[,:–—-]+\s*add\s+(?:them|him|her)\b"#,
            "find $1 $2 and add the sender"
        ),
        // "Book a 30-minute call tomorrow at 4pm with whoever sent my latest email", "email the sender of the last message
        // about the audit": that email found first, then its sender (the call was booked with no one).
        (
            #"(?i)^\s*((?:please\s+)?(?:book|schedule|set\s+up|arrange|put\s+in|e-?mail|write\s+to|message|invite)\b[^\n.!?]{0,80}?)"#
                + #"\s*\b(?:whoever\s+(?:sent|emailed)(?:\s+me)?|the\s+(?:sender|person\s+who\s+sent(?:\s+me)?)(?:\s+of)?)\s+"#
                + #"(my|the)\s+((?:latest|last|most\s+recent|newest)\s+(?:unread\s+)?)(?:email|e-mail|message|mail)\b"#
                + #"((?:\s+(?:about|from|regarding|re:?|on)\s+[^\n.!?,]{1,40}?)?)(?=\s*(?:[,.!?\n]|$|\b(?:tomorrow|today|on|at|for|next|this|saying|that|to)\b))"#,
            "find $2 $3email$4, then $1 the sender"
        ),
        (
            #"(?i)^\s*((?:please\s+)?(?:book|schedule|set\s+up|arrange|e-?mail|write\s+to|message|invite)\b[^\n.!?]{0,80}?)"#
                + #"\s*\bwhoever\s+(?:e-?mailed|wrote\s+to)\s+me\s+(?:last|most\s+recently)\b"#,
            "find my latest email, then $1 the sender"
        ),
        // "Send Ben Chen a calendar invite for Friday 2pm", "send ann@… an invite for …": an event with them invited (an email
        // went instead).
        (
            #"(?i)\b(?:send|shoot|e-?mail)\s+((?-i:\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2})|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|him|her|them)"#
                + #"\s+(?:an?\s+)?(?:calendar\s+|meeting\s+|calendar\s+meeting\s+)?(invite|invitation)\b"#,
            "send a calendar $2 to $1"
        ),
        // "contact 1007 phone is now +1 312 …", "deal 2004 amount = 40k": that field of the record, set (the contacts were
        // listed).
        (
            #"(?i)^\s*(contact|deal)\s+#?(\d+)(?:['’]s)?\s+(phone(?:\s+number)?|mobile|e-?mail|company|job\s+title|amount|stage|close\s+date)\s+"#
                + #"(?:is\s+now|is|should\s+be|now|=|:|->|→)\s+(?=\S)"#,
            "change $1 $2's $3 to "
        ),
        // "deal 2003 amount is now 38,000 - update bitte": the change said, then "update" again.
        (
            #"(?i)^(\s*change\s+(?:contact|deal)\s+\d+['’]s\s+[^\n]{1,60}?)\s*[-–—,]\s*(?:pls\s+|please\s+)?update(?:\s+it)?"#
                + #"(?:\s+(?:pls|please|bitte|thx|thanks|danke|merci|por\s+favor))?[.!]*\s*$"#,
            "$1"
        ),
        // "globex pilot is closed won!!! 🎉 update the crm", "we lost the initech platform deal 😭 mark it closed lost": the deal
        // the news names, moved to the stage the news or the order says.
        (
            #"(?i)^\s*(?:the\s+)?([\w&'’-]+(?:\s+[\w&'’-]+){0,2}?\s+(?:pilot|renewal|expansion|upsell|deal)(?:\s+deal)?)\s+(?:is|was|has\s+been|got)\s+"#
                + #"(?:closed\s+)?(won|lost)\b[^\n]{0,40}?\b(?:update|mark)\s+(?:the\s+crm|hubspot|it|that|the\s+deal(?:\s+in\s+(?:the\s+)?(?:crm|hubspot))?)\b"#
                + #"(?:\s+(?:pls|please|as\s+closed\s+(?:won|lost)))?"#,
            "mark the $1 closed $2"
        ),
        (
            #"(?i)^\s*(?:we\s+)?(?:just\s+)?(lost|won)\s+(the\s+[^.!?\n]{2,40}?\s+deal)\b[^\n]{0,20}?\b(mark|move|set)\s+it\s+(?:as\s+|to\s+)?"#
                + #"(closed\s+(?:won|lost))"#,
            "$3 $2 $4"
        ),
        // "diego silva new # 415-555-0188 update his contact", "ben chen's # at wayne": a phone number written as "#".
        (#"(?i)\bnew\s+#\s*(?=[+(\d])"#, "new number "),
        (#"(?i)(?<=['’]s)\s+#(?=\s|$|[?.!,])"#, " number"),
        (
            #"(?i)^(\p{L}[\p{L}'’-]+\s+\p{L}[\p{L}'’-]+)\s+new\s+(phone\s+number|number|phone|mobile|cell|e-?mail)\s*[:,-]?\s*"#
                + #"(?=[+(\d]|[\w.+-]+@)"#,
            "$1 has a new $2, "
        ),
        // "weather in chicago rn -> #random pls", "… → ops@…": what comes of it, sent there (the arrow was read as a stop).
        (#"(?<!\s)\s*(?:->|→|=>)\s*(?:(?i:post(?:\s+it)?\s+(?:in|to)\s+))?(#[\w-]+)"#, " and post it in $1"),
        (#"(?<!\s)\s*(?:->|→|=>)\s*(?:(?i:e-?mail(?:\s+it)?\s+to\s+))?([\w.+-]+@[\w-]+(?:\.[\w-]+)+)"#, " and email it to $1"),
        // "mark hooli pilot closed won pls", "vandelay renewal - what stage + close date?": a deal named by company and kind,
        // where what is said of it is a deal's (refused, or read as nothing).
        (
            #"(?i)(?<=\w\s)(?<!\b(?:deal|called|named|new|create|log|record|add|find|opp)\b[^\n.?!]{0,50})(pilot|renewal|expansion|upsell)\b"#
                + #"(?!\s+(?:deal|deals|opp|opps|call|calls|meeting|meetings|email|event|date|doc|document|plan)\b|[\w\s-]{0,25}\bdeals?\b)"#
                + #"(?=[^\n.?!]{0,60}\b(?:closed\s+won|closed\s+lost|contract\s+sent|stage|amount|amt|close\s+date|closing|"#
                + #"qualified\s+to\s+buy|appointment\s+scheduled|decision\s+maker|presentation\s+scheduled|push\s+close|slipped|worth)\b)"#,
            "$1 deal"
        ),
        // "closed umbrella pilot!! mark closed won + post in #sales": the deal the news names, marked.
        (
            #"(?i)^\s*(?:just\s+)?(?:closed|won|signed|lost)\s+(?:the\s+)?([\w&'’-]+(?:\s+[\w&'’-]+)?\s+(?:pilot|renewal|expansion|upsell))"#
                + #"\s*[!.]+\s*(mark|move|set)\s+(?:it\s+)?(?:as\s+|to\s+)?(closed\s+won|closed\s+lost)\b"#,
            "$2 the $1 deal $3"
        ),
        // "hooli pilot slipped, push close to 5/15": its close date moved.
        (#"(?i)\bpush\s+(?:the\s+)?close(?:\s+date)?\s+(?:out\s+|back\s+)?to\b"#, "change its close date to"),
        // "vandelay renewal deal - what stage + close date?": those fields of that deal.
        (
            #"(?i)^\s*+(?:the\s+)?([^?.!\n,:;@#]{2,60}?\s+deal)\s*[-–—:]\s*what(?:['’]s|\s+is|\s+are)?\s+(?:the\s+|its\s+)?"#
                + #"((?:stage|amount|close\s+date|status)(?:\s*(?:\+|&|and|,)\s*(?:stage|amount|close\s+date|status))*)\s*\?*\s*$"#,
            "what is the $2 of the $1?"
        ),
        // "move whichever opp is biggest to contract sent": the biggest one (searched for as "whichever").
        (
            #"(?i)\bwhichever\s+(deal|deals|opp|opps|contact|invoice|subscription|customer)\s+(?:is|has)\s+(?:the\s+)?"#
                + #"(biggest|largest|smallest|highest|lowest|oldest|newest|latest|cheapest|priciest)\b"#,
            "the $2 $1"
        ),
        // "Return name and email as JSON": the form of the answer, no part of a field (a field "email as json").
        (
            #"(?i)(\b(?:return|give\s+me|show\s+me|list|output|respond\s+with|reply\s+with|send\s+back)\b[^.!?\n]{1,80}?)\s+(?:as|in)\s+"#
                + #"(?:an?\s+)?(?:json(?:\s+object|\s+array)?|table|list|bullet(?:ed)?\s+(?:points|list)|bullets|markdown(?:\s+table)?)"#
                + #"(?=\s*[.!]?\s*(?:$|\n))"#,
            "$1"
        ),
        // "How many members does #engineering have? Return only the number.": the answer asked is the count (a field "number").
        (
            #"(?i)(?<=[?.!])\s*(?:please\s+)?(?:return|give(?:\s+me)?|reply\s+with|answer\s+with|respond\s+with)\s+"#
                + #"(?:only|just)\s+(?:the\s+)?(?:number|count|figure)\.?\s*$"#,
            ""
        ),
        // "… wants to know if Ben Chen's latest invoice has been paid": whether it is, which its status says (its amount paid
        // came back).
        (
            #"(?i)\b(?:if|whether)\s+((?:[^.!?\n]{0,60}?\s)?(?:invoice|bill|payment)s?)\s+(?:has\s+been|have\s+been|is|was|were|are|got)\s+"#
                + #"(?:paid|settled)\b(?:\s+(?:yet|already))?"#,
            "the status of $1"
        ),
        // "put the supplier visit in my diary", "diary: dentist 4pm tmrw": the calendar, as British English names it.
        (#"(?i)\b(my|the|our|your|his|her)\s+diary\b"#, "$1 calendar"),
        (#"(?im)^(\s*)diary\s*:"#, "$1calendar:"),
        // "calendar: dentist 4pm tomorrow": an entry to add, with its time (it listed the calendar).
        (
            #"(?im)^(\s*)calendar\s*:\s*([\p{L}'’ -]{1,60}?)\s+(?=[^?\n]*\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b)"#,
            "$1put $2 in my calendar "
        ),
        // "from 10am until noon": the end as a clock time (the length said beside it was not checked against it).
        (#"(?i)\b(until|till|til|to|through|-|–)\s*noon\b"#, "$1 12pm"),
        // "and who exactly sent it?": who sent it (the sender; "exactly sent" was read as when).
        (#"(?i)\bwho\s+(?:exactly|actually|really|precisely)\s+(?=sent|wrote|emailed|posted)"#, "who "),
        // "Step 2: Return it to the caller.", "Return the result to the user": the answer, which every task returns (the words
        // became fields).
        (
            #"(?i)(?:^|(?<=[.!?:]\s)|(?<=\n))\s*(?:step\s+\d+\s*[:.)-]\s*)?(?:return|give|hand|pass|send)\s+(?:back\s+)?"#
                + #"(?:it|them|that|this|the\s+(?:result|results|answer|output|value|address|email)|what\s+you\s+find)\s+(?:back\s+)?to\s+"#
                + #"(?:the\s+)?(?:caller|user|end\s+user|requester|agent|supervisor|orchestrator|planner|parent\s+agent)\s*[.!]?"#, ""
        ),
        // "what plan we're on and how often it bills": the subscription's billing interval ("bills" read the invoices).
        (
            #"(?i)\bhow\s+often\s+(?:it|they|we|i|that|this|the\s+plan|the\s+subscription)\s+(?:gets?\s+|are\s+|is\s+|am\s+)?"#
                + #"(?:bills?|billed|charges?|charged|renews?|renewed)\b"#, "the billing interval"
        ),
        // "export the deal list (name, amount and stage) to a file titled deals.csv": to that file (the words left of the file
        // were searched for).
        (
            #"(?i)\b(to|into|as)\s+(?:a|the|one)\s+(?:new\s+)?(?:file|document|doc|spreadsheet|csv)\s+(?:titled|called|named)\s+"#
                + #"(?=["'“]?[\w.-]+\.[a-z]{2,4}\b)"#, "$1 "
        ),
        // "save … to my drive, call it subs-2027-05.txt": saved as that file ("call" was refused as a phone call).
        // "… to a file on drive? call it channels.csv": the question's file too.
        (#"(?i)(?<=[\w)]),?\s*(?:and\s+)?(?:call|name|title)\s+it\s+(?=["'“]?[\w.-]+\.[a-z]{2,4}\b)"#, " as "),
        (#"(?i)\?\s+(?:and\s+)?(?:call|name|title)\s+it\s+(?=["'“]?[\w.-]+\.[a-z]{2,4}\b)"#, " as "),
        // "on the 14th at 3ish", "friday at half 4": about three, half past four (the start was asked for again).
        (#"(?i)\b(\d{1,2}(?::\d{2})?(?:\s*[ap]m)?)\s*-?\s*ish\b"#, "$1"),
        (#"(?i)\b(at|from|by)\s+half\s+(\d{1,2})\b(?!\s*(?::|hours?|days?|mins?|minutes?))"#, "$1 $2:30"),
        // "names, emails and who they work for", "number, who it's for, how much": the company, the customer (each cut into
        // "who" and "for").
        (#"(?i)\bwho\s+(?:they|he|she|each\s+(?:one|person)?)\s+works?\s+(?:for|at)\b"#, "company"),
        (
            #"(?i)\bwho\s+(?:it's|it’s|it\s+is|is\s+it|they're|they\s+are|each\s+(?:one\s+)?is|that's|that\s+is)\s+(?:for|billed\s+to|to)\b"#,
            "customer"
        ),
        // "who sent it, when, and what it says": when it came, its date.
        (#"(?i)(?<=,)\s*when\s*(?=,|\s+and\b)"#, " the date"),
        // "The customer … would like the second charge, pi_…, refunded", "… says pi_… was a mistake and would like it refunded": a
        // refund asked for in the third person (the payment was only read).
        (
            #"(?i)\b(?:the\s+)?(?:customer|client|user|buyer|they|he|she)\b[^.!?\n]*?\b(?:would\s+like|wants?|needs?|"#
                + #"asked\s+(?:for|to\s+have)|is\s+asking\s+(?:for|to\s+have))\s+((?:the|their|his|her|payment|charge|pi_|ch_)"#
                + #"[^.!?\n"“]{0,80}?)[,\s]+refunded\b"#, "refund $1"
        ),
        (
            #"(?i)\b(?:the\s+)?(?:customer|client|user|buyer|they|he|she)\b[^.!?\n]*?((?:pi|ch|py)_[A-Za-z0-9]+)[^.!?\n]*?"#
                + #"\b(?:would\s+like|wants?|needs?)\s+(?:it|that)\s+refunded\b"#, "refund $1"
        ),
        // "I am needing the list of invoices …": what is needed.
        (#"(?i)\b(?:i\s+am|i'm|i’m)\s+(needing|wanting)\b"#, "I $1"),
        (#"(?i)\bI\s+needing\b"#, "I need"), (#"(?i)\bI\s+wanting\b"#, "I want"),
        // "send the amount to #billing, no, to the #finance-ops channel": the channel said after "no" replaces the first (both
        // were posted to).
        (
            #"(?i)(?<![\w-])#[\w-]+\s*,?\s*(?:no|sorry|wait|actually|i\s+mean|make\s+that|or\s+rather)\s*[,!]?\s+(?:to\s+|in\s+|into\s+)?"#
                + #"(?:the\s+)?(#[\w-]+)(?:\s+channel)?"#, "$1"
        ),
        // "Create a deal for Pinecrest … - actually don't create it, just cancel …": what was taken back goes.
        (
            #"(?i)^[^\n]*?[-–—,.;]\s*(?:actually|wait|no|scratch\s+that)[,!]?\s+(?:don't|do\s+not|dont|never\s+mind,?)\s+"#
                + #"(?:create|add|send|post|book|schedule|make|do|update|email)\s+(?:it|that|this|them)\s*[,;.]?\s*(?:just\s+)?"#, ""
        ),
        // An agent's progress, "Known: …. Done: verified identity. Remaining: update Sam Patel's company …": what is left is the
        // request (the rest was read as parts of it).
        (#"(?is)^\s*(?:known|facts|context)\s*:.*?\b(?:remaining|left\s+to\s+do|still\s+to\s+do|to\s+do)\s*:\s*"#, ""),
        // "which deals do I have and what stage is each in?": the stage of each (the search looked for "each").
        (
            #"(?i)\bwhat\s+(stage|amount|status|close\s+date|value|price|plan)\s+(?:is\s+)?each(?:\s+one)?\s*(?:is\s+)?(?:in|at|on|has)?(?=\s*[?.!]|\s*$)"#,
            "the $1 of each"
        ),
        // "whats in the #random channel today lol": what was posted there ("lol" and "today" left only the channel found).
        (#"(?i)\b(?:lol|lmao|haha+|hehe|xd)\s*[!?.]*\s*$"#, ""),
        // "Open a new deal called "Orbital Foods", 86,000, expected to close 15 December 2027": the figure after the quoted name
        // is its amount, and the day its close date (the deal was made with its name alone).
        (#"(?i)\bexpected\s+to\s+close\s+(?=\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,}|[a-z]{3,}\s+\d)"#, "expected to close on "),
        (
            #"(?i)^\s*,\s*([$€£]?(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s*[km]))(?=\s*[,.]|\s+(?:expected|closing|to\s+close|close))"#,
            ", amount $1"
        ),
        (#"(?i)^\s+for\s+([$€£]?(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s*[km]))\b"#, " with amount $1"),
        // "What stage is the Harborview renewal at?", "what's the stage of the Acme renewal": a deal's stage, by the deal's name
        // (nothing named a tool).
        (
            #"\b((?i:what|which)\s+stage\s+is\s+)(?![^?.!\n]*\b(?i:deals?|contacts?|pipeline)\b)((?i:the\s+)?[A-Z0-9][\w&'.-]*"#
                + #"(?:\s+[\w&'.-]+){0,3}?)\s+((?i:at|in))(?=\s*[?.!]|\s*$)"#, "$1$2 deal $3"
        ),
        (
            #"\b((?i:what(?:'s|’s|\s+is)\s+the\s+stage\s+of\s+))(?![^?.!\n]*\b(?i:deals?|contacts?|pipeline)\b)"#
                + #"((?i:the\s+)?[A-Z0-9][\w&'.-]*(?:\s+[\w&'.-]+){0,3}?)(?=\s*[?.!]|\s*$)"#, "$1$2 deal"
        ),
        // "what time is the dentist on my calendar on jan 20?": when it starts (no field was asked).
        (#"(?i)\bwhat\s+time\s+(is|are|does|do|did|was)\s+(?!it\b)"#, "when $1 "),
        // "upload file todo.txt contains: call bank, …": what the file holds (the text was asked for).
        (#"(?i)(\b[\w-]+\.[a-z0-9]{1,5})\s+(?:that\s+|which\s+)?(?:contains|says|reads)\s*:"#, "$1 containing:"),
        // "Update the phone number of the contact with email luis@… to …": the contact is the one with that address (its id
        // was asked for).
        (
            #"(?i)\bof\s+(?:the\s+)?(?:contact|person|customer|lead|record)\s+(?:with\s+(?:the\s+)?(?:e-?mail|address)(?:\s+address)?"#
                + #"|whose\s+e-?mail(?:\s+address)?\s+is)\s+(?=[\w.+-]+@[\w-]+\.)"#, "of "
        ),
        // "Find files with 'budget' in the name and list them in #finance": post them there (a read, and nothing posted).
        (
            #"(?i)\b(?:list|enumerate|drop|dump)\s+(them|it|those|these|that|the\s+results?)\s+(in|to|on|into)\s+(?=(?:the\s+)?#[\w-])"#,
            "post $1 $2 "
        ),
        // "Search my inbox for anything with the word contract": mail containing it (only "with" was read, and the word lost).
        (
            #"(?i)\b(anything|something|e-?mails?|messages?|mails?)\s+(?:with|having)\s+(?:the\s+)?(?:word|words|phrase|term)\s+"#,
            "$1 containing "
        ),
        // "When does Soylent Co's subscription next bill?": when it renews (its invoices were read).
        (
            #"(?i)\b(when\s+(?:does|will|do)\s+[^?.!\n]{1,60}?\b(?:subscriptions?|plans?|subs?))\s+(?:next\s+)?(?:bill|charge)\b"#,
            "$1 renew"
        ),
        // "Oakfield said yes!! move the deal to closed won": they signed (the sentence was dropped as a reply, and the deal
        // asked for by id).
        (#"(?m)^((?:[A-Z][\w&'.-]*\s+){0,3}[A-Z][\w&'.-]*)\s+said\s+yes\b"#, "$1 signed"),
        // "bump the Fernhill Barn deal to 3,750": its amount (a bare figure was no property).
        (
            #"(?i)\b(bump|raise|increase|up|drop|lower|reduce|cut|change|update|set)\s+(the\s+[^.!?\n]{1,50}?\s+deal)\s+(?:up\s+|down\s+)?"#
                + #"to\s+(?=\d[\d,.]*\s*(?:k\b)?\s*(?:[.!,;]|$|\s+(?:and|then|pls|please|thanks|thx)\b))"#, "$1 $2 amount to "
        ),
        // "My user wants this sent: email ines@… with subject …": what follows is the request (it was read as a search).
        (
            #"(?i)^\s*(?:my|the|our)\s+(?:(?:end\s+)?user|customer|client|boss|manager)\s+(?:wants|would\s+like|needs)\s+"#
                + #"(?:this|that|the\s+following)\s+(?:sent|done|posted|handled|created|booked|scheduled|saved)\s*:\s*"#, ""
        ),
        // "Let #ar-team know what Castellan Brewing's latest invoice is for and how much": the invoice read and posted (the
        // question's words were posted).
        (
            #"(?i)\b(?:let\s+(#[\w-]+)\s+know|tell\s+(#[\w-]+))\s+(?:what|how\s+much|when|whether|which)\s+"#
                + #"((?:[\w&'’.-]+\s+){0,4}?(?:latest|last|newest|most\s+recent|next|current)\s+(?:invoice|subscription|payment|deal|event|meeting))\b"#
                + #"[^.?!\n]{0,60}"#, "get $3 and post it to $1$2"
        ),
        // "Orchestrator restating the user's goal: …": the restatement, whoever says it.
        (#"(?i)^\s*(?:the\s+)?(?:orchestrator|planner|supervisor|router|coordinator)\s+(?=restating\b|recapping\b)"#, ""),
        // "invoices for diego rossi? which ones r still unpaid": the records asked for are those (every invoice of his was
        // listed).
        (
            #"(?i)\b(invoices|subscriptions|subs|deals)\b([^?.!\n]{0,60}?)\s*(?:[?.!]+|\s[-–—])\s+(?:and\s+)?which\s+(?:ones\s+|of\s+(?:them|those)\s+)?"#
                + #"(?:are|r|is|were)\s+(?:still\s+)?(unpaid|open|outstanding|overdue|past\s+due|paid|active|canceled|cancelled)\b\s*\??"#,
            "$3 $1$2"
        ),
        // "any new emails from billing@…?": unread ones, as the docs read "new".
        (#"(?i)\b(any|my|the)\s+new\s+(e-?mails?|mails?|messages\s+in\s+my\s+inbox)\b"#, "$1 unread $2"),
        // "Goal: tell the user whether the Initech pilot deal has closed.": the answer, which the task returns (a message to
        // the user was asked for, with no address).
        (
            #"(?i)\b(?:tell|inform|let)\s+(?:the\s+)?(?:user|caller|customer|requester|end\s+user)(?:\s+know)?\s+"#
                + #"(?=(?:whether|if|what|when|which|who|how)\b)"#, "tell me "
        ),
        // "… for Osaka and wants the result saved to Drive as osaka-weather.txt": what is wanted done, said of the user.
        (
            #"(?i)\b(?:wants|needs|would\s+like|asks\s+for)\s+(the\s+(?:result|results|answer|list|forecast|weather|summary)|it|them|that)\s+"#
                + #"(?:to\s+be\s+)?(saved|uploaded|stored)\s+(?=(?:to|in|on|into)\s)"#, "save $1 "
        ),
        (
            #"(?i)\b(?:wants|needs|would\s+like|asks\s+for)\s+(the\s+(?:result|results|answer|list|forecast|weather|summary)|it|them|that)\s+"#
                + #"(?:to\s+be\s+)?(?:posted|sent|shared)\s+(?=(?:to|in|on|into)\s)"#, "post $1 "
        ),
        // "change kira haddad's phone to +44 20 7946 0321 she got a new number": why it changes is no part of the value.
        (
            #"(?i)(?<=[\w)])\s*[,;–—-]?\s*\b(?:as\s+|since\s+|because\s+)?(?:she|he|they)(?:'s|’s|\s+has|\s+have)?\s+(?:just\s+)?(?:got|gotten|changed|switched\s+to)\s+"#
                + #"(?:a\s+)?(?:new|different)\s+(?:number|phone|phone\s+number|mobile|email|e-mail|address|email\s+address)\b"#
                + #"(?=\s*(?:[.!]|$))"#, ""
        ),
        // "Relay: user_123 needs the deals created this month", "Relaying for the customer success team: please look up …":
        // who relays it, and for whom, ask nothing (the words became a field; "customer" listed the customers).
        (#"(?i)^\s*relay(?:ing|ed)?\s+(?:for|from)\s+(?:the\s+)?[^:\n]{2,40}:\s*"#, ""),
        (#"(?i)^\s*relay(?:ing|ed)?\s*:\s*(?:user_\w+|the\s+user|the\s+customer)\s+(?:needs|wants|would\s+like)\s+"#, "get "),
        // "When does the Copperleaf Cafe subscription renew and how much is it?": its price, asked beside the date (the date
        // alone came back).
        (
            #"(?i)\band\s+how\s+much\s+(?:is\s+it|is\s+that|it\s+is|does\s+it\s+cost|it\s+costs?)(?=\s*(?:[?.!]|$))"#,
            "and what does it cost"
        ),
        // "how many members does #general have, and what's the topic of #random?": two questions, each of its own channel
        // (the second channel was left unused, and the prompt refused).
        (
            #"(?i)(#[\w-]+[^.?!\n#,]{0,40}),\s+and\s+(?=(?:what|what's|whats|what’s|how|who|which|when)\b[^.?!\n#]{0,60}#[\w-]+)"#,
            "$1? "
        ),
        // "count the open invoices and the past-due subscriptions", "show the open deals and the contacts": two kinds of record,
        // each read (the second was dropped, and the task completed with half of it).
        (
            #"(?i)\b((list|show|get|count|pull|fetch|find)\s+[^.?!\n]{0,40}?\b(deals|contacts|invoices|subscriptions|payments|customers|files|"#
                + #"events|meetings|channels))\s+and\s+(?:also\s+)?(?=(?!their\b|its\b|his\b|her\b)(?:the\s+|all\s+|our\s+|my\s+|every\s+)?"#
                + #"(?:[\w-]+\s+){0,2}?(?!\3\b)(?:deals|contacts|invoices|subscriptions|payments|customers|files|events|meetings|channels)\b)"#,
            "$1 and $2 "
        ),
        (
            #"(?i)\b(how\s+many\s+[^.?!\n]{0,40}?\b(?:deals|contacts|invoices|subscriptions|payments|customers|files|events|meetings|"#
                + #"channels))\s+and\s+(?=how\s+many\s)"#, "$1? "
        ),
        // "Chore 14 - back up the contact list …", "Job #3: …": the number of a chore in a list only says which it is (the
        // label was read as the request and the list was not read).
        (#"(?i)^\s*(?:chore|job|task|item|to-?do|ticket|request)\s*#?\d+\s*(?:[-:–—.)]|\s)\s*"#, ""),
        // "…to #office please, people keep asking whether they need umbrellas": why it is asked is no part of the message.
        (
            // Each opens right after a word: opened anywhere in a run of spaces, the runs cost quadratic time.
            #"(?i)(?<=[\w)])\s*[,;-]\s*(?:as\s+|since\s+|because\s+)?(?:people|everyone|everybody|folks|the\s+team|they|customers|clients|staff)\s+"#
                + #"(?:keep|keeps|kept|have\s+been|'ve\s+been|are|were)\s+(?:asking|wondering|complaining)\b[^.!?\n]*"#, ""
        ),
        // "Orchestrator -> Ploton: …", "planner-agent → ploton:", "Supervisor:": who hands the request to whom (the names were
        // read as verbs).
        (
            #"(?i)^\s*[\w-]+(?:\s+[\w-]+)?\s*(?:->|→|=>)\s*(?!(?:to|cc|bcc|subject|body|text|message|channel|name|email)\s*:)"#
                + #"[\w-]+(?:\s+[\w-]+)?\s*:\s*"#, ""
        ),
        (#"(?i)^\s*(?:the\s+)?(?:orchestrator|planner|supervisor|router|coordinator)(?:[\s-]+agent)?\s*:\s*"#, ""),
        // "which deals have Globex in the name?": those found by it (every deal was listed, and emailed).
        (
            #"(?i)\bwhich\s+(deals|contacts|files|documents|docs|customers|channels)\s+(?:have|has|contain|include|got)\s+"#
                + #"(?:the\s+word\s+)?(["'“]?[\w&.-]+(?:\s+[\w&.-]+)?["'”]?)\s+in\s+(?:the|their|its)\s+(names?|titles?)\b"#,
            "find $1 with $2 in the $3"
        ),
        // "How much is the Umbrella renewal worth?": a deal's amount ("worth" named no service).
        (
            #"(?i)\bhow\s+much\s+is\s+(?:the\s+)?(?!(?:our|my|your|their|this|that|it)\b)((?:(?!deal\b|pipeline\b)[\w&'’.-]+\s+){1,4}?)(?:deal\s+)?"#
                + #"(?:worth|valued\s+at)\b"#,
            "what's the amount of the $1deal"
        ),
        // "most recent invoice - who's it for and how much?": whom it bills.
        (#"(?i)\bwho['’]s\s+(it|this|that|each|each\s+one)\s+for\b"#, "who is $1 for"),
        // "resolve the time zone for Adelaide": a look-up ("no tool here can resolve that").
        (#"(?i)\bresolve\s+(?=(?:the\s+)?(?:time\s*zone|timezone|coordinates|lat(?:itude)?|location)\b)"#, "look up "),
        // "Ugh, the coffee machine on 3 is broken AGAIN. Can you let #random know …": a sigh opens no request ("ugh" was read as
        // the verb).
        (#"(?i)^\s*(?:ugh+|argh+|sigh|oops|yikes|phew|welp|hmm+|oh\s+no|oh\s+man|jeez|geez|omg|ffs|whoa|sheesh)\b[,!.…]*\s+"#, ""),
        // "Read the user's most recent email", "the end user's calendar": an agent's "the user" is whom the task acts for, so
        // their mail is the mail read ("user" was searched for).
        (
            #"(?i)\b(?:the\s+)?(?:end[\s-])?user['’]s\s+(?=(?:(?:most\s+recent|latest|last|newest|oldest|first|unread|next|upcoming|"#
                + #"recent|new|own|shared|primary)\s+)*(?:e-?mails?|mail|inbox|messages?|calendar|meetings?|events?|schedule|agenda|"#
                + #"drive|files?|documents?|docs?)\b)"#, "my "
        ),
        // "Post the month-end AR summary to #finance - total amount due on unpaid invoices": the figure after the dash is what
        // the summary is (the words were posted as they stood).
        (
            #"(?i)^\s*(?:please\s+)?(post|send|share|email|e-mail)\s+(?:the\s+|our\s+|a\s+)?(?:[\w-]+\s+){0,3}(?:summary|update|report|figure|number|recap|snapshot)\s+(to\s+(?:#[\w-]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)|in\s+#[\w-]+)\s+[-–—:]\s+((?:the\s+)?(?:total|sum|count|number)\b[^\n]*)$"#,
            "$1 $3 $2"
        ),
        // "Email our ops lead ana.costa@… the Hooli deal - amount and stage": the record's fields named after a dash (the fields
        // were sent as the message, the deal never read).
        (
            #"(?i)\b(the\s+(?:[\w-]+\s+){0,3}(?:deal|invoice|contact|subscription|customer|payment))\s+[-–—:]\s+((?:(?:amount|stage|status|close\s+date|due\s+date|owner|email|phone|company|plan|amount\s+due|total|value)(?:\s*,\s*|\s+and\s+|\s*[+&]\s*)){1,4}(?:amount|stage|status|close\s+date|due\s+date|owner|email|phone|company|plan|amount\s+due|total|value))\s*[.!]?\s*$"#,
            "the $2 of $1"
        ),
        // "Daniel Kim (hiring manager for Platform) needs to be in the CRM. daniel.kim@…": a contact to add (an email was
        // planned, to him, with the calendar in it).
        (
            #"(?:^|(?<=[-–—:.!]\s))\s*(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,2})(\s*\([^)\n]{1,60}\))?\s+(?i:needs|has|should)\s+(?i:to\s+)?(?i:be|go|get)\s+(?i:in|into|added\s+to|put\s+in)\s+(?i:the\s+|our\s+)?(?i:(crm|hubspot))\b(?:[.!]\s*(?=[\w.+-]+@)|[.!]?)"#,
            "Add $1$2 to the $3 as a contact, "
        ),
        // "Initech renewal: PO received, mark it closed won": the deal named before the colon is "it" (the update asked for an
        // id).
        (
            #"(?i)^\s*([\w&.-]+(?:\s+[\w&.-]+)?)\s+(renewal|pilot|expansion|deal|opportunity|opp)\s*:\s*[^,.;\n]{1,60}[,.;]\s*(?:so\s+|pls\s+|please\s+)?(mark|move|set|update|change)\s+it\b"#,
            "$3 the $1 $2 deal"
        ),
        // `Please title it "Priya Raman - Backend Onsite"`: the event's title (refused as a verb "title").
        (#"(?i)[.!?,]?\s+(?:please\s+|pls\s+|and\s+)?(?:title|call|name)\s+it\s*$"#, " titled "),
        // "Keep it polite, it's the first nudge.": how to write the message, no part of it (refused as a verb "keep").
        (
            #"(?i)(?<=[.!?])\s+(?:please\s+|pls\s+)?keep\s+it\s+(?:polite|short|brief|friendly|formal|casual|professional|simple|light|warm|concise|upbeat|kind)\b[^.!?\n]*[.!]?"#,
            ""
        ),
        // "Which clients do we have in payments?": the customers (no payments action was found).
        (#"(?i)\bclients\b(?=[^.?!\n]{0,40}\b(?:payments|stripe|billing)\b)"#, "customers"),
        // "Is Lisbon or Madrid warmer right now?": the weather in both (nothing was recognised).
        (
            #"(?i)^\s*(?:is\s+it\s+|which\s+is\s+|is\s+)((?-i:\p{Lu})[\p{L}'’ -]{1,30}?)\s+or\s+((?-i:\p{Lu})[\p{L}'’ -]{1,30}?)\s+(?:warmer|colder|hotter|cooler|windier|sunnier|wetter|more\s+humid)\b"#,
            "What's the temperature in $1 and $2"
        ),
        // "Weather check for the roadshow: New York, Chicago and San Francisco": the places after the colon ("check" was
        // geocoded).
        (#"(?i)\bweather\s+check\s+(?:for\s+[^:,\n]{1,40})?:[ \t]*(?=\p{Lu})"#, "Weather in "),
        // "PATCH deal 2001 amount=31000": a REST update said as its request line (the deals were listed).
        (#"^\s*(?:PATCH|PUT)\s+/?(?:v\d+/)?(deal|contact)s?/?\s*(\d+)\s+([a-z_]+)\s*=\s*(\S+)\s*$"#, "update $1 $2 $3 to $4"),
        // "What's Chloe Okafor's email in Stripe?": the customer's, looked up in payments (the CRM contact's was read).
        (
            #"(?i)^\s*(?:(?:what(?:'s|’s|\s+is)|get(?:\s+me)?|find|show\s+me)\s+)?((?-i:\p{Lu})[\p{L}'’-]+(?:\s+(?-i:\p{Lu})[\p{L}'’-]+){0,2})(?:'s|’s)\s+"#
                + #"(e-?mail(?:\s+address)?|name|currency|(?:customer\s+)?id)\s+(?:in|on|from)\s+(stripe|payments|billing)\b\s*\??"#,
            "look up $1 in $3 and give me their $2"
        ),
        // "add him to the CRM as a contact; his e-mail address is t.wren@…": the address is the contact's (the contact
        // was asked for its address).
        (#"(?i)(?<!\s)\s*;\s+(?=(?:his|her|their)\s+e-?mail(?:\s+ad+ress)?\s+is\s+[\w.+-]+@)"#, ", "),
        // "forward the list of unpaid invoices to accounts@…", "forward to #support the subject lines of …": what is read,
        // sent on (refused: "no tool here can forward that").
        (
            #"(?i)\bforward\s+(?=(?:to\s+\S+\s+)?(?:the\s+|a\s+|our\s+|my\s+)?(?:list|figure|total|details|summary|names|subject\s+lines?|subjects|number|count|amounts?|weather|balance)\b)"#,
            "send "
        ),
        // "find the most recent email from Kwame and let me know its subject": the field asked for (none was returned).
        (#"(?i)\blet\s+(me|us)\s+know\s+(?=(?:its|their|his|her)\s)"#, "tell $1 "),
        // "the status of payment pi_… and the amount received": both fields of the one record (the second was lost).
        (
            #"(?i)\bthe\s+(status|amount|date|currency|customer)\s+of\s+(payment|invoice)\s+(\S+?)\s+and\s+(?:the\s+)?((?:amount|status|date|currency|customer)(?:\s+(?:received|paid|due|refunded))?)(?=\s*[.?!]?\s*$)"#,
            "the $1 and $4 of $2 $3"
        ),
        // "Email Ava Garcia the amount of her latest invoice - her address is ava.garcia@…": the address beside the name, as
        // written inline (only a send was planned, with no invoice read).
        (
            #"^(.*\b)((?-i:\p{Lu})[\p{L}'’-]+\s+(?-i:\p{Lu})[\p{L}'’-]+)\b([^@\n.!?]*?)\s*[-–—,;]\s*(?i:his|her|their)\s+(?i:e-?mail\s+)?(?i:address\s+)?(?i:is)\s+([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*(?:[-–—]\s*|\.\s*$)?"#,
            "$1$2 ($4)$3 "
        ),
        // "Set up a 1:1 with Noah Silva … and invite him": whom it is with is invited (refused: "no tool here can invite").
        (
            #"(?i)(\b(?:set\s+up|schedule|book|arrange|put|organi[sz]e)\b[^.!?\n]*?\bwith\b[^.!?\n]*?)\s+and\s+invite\s+(?:him|her|them)\b"#,
            "$1"
        ),
        // "Tell #engineering when sprint planning is": the meeting, looked up on the calendar (its words were posted).
        (
            #"(?i)\b(tell|let|notify|ping)\s+(#[\w-]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s+(?:know\s+)?when\s+(?:the\s+)?((?!(?:the|it|we|i|you|they)\b)[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)(?<!\bmeeting|\bevent|\bcall)\s+(?:is|starts|will\s+be|happens)\b"#,
            "$1 $2 when the $3 meeting is"
        ),
        // "whats the email for Maya Müller at Stark?": the contact's address, in the CRM (the mail was searched).
        (
            #"(?i)^\s*(?:what(?:'s|’s|s|\s+is)\s+)?the\s+e-?mail(?:\s+address)?\s+(?:for|of)\s+((?-i:\p{Lu})[\p{L}'’-]+\s+(?-i:\p{Lu})[\p{L}'’-]+)(?:\s+(?:at|from)\s+[\w&.'’ -]{2,30}?)?\s*\??\s*$"#,
            "look up $1 in the CRM and give me their email"
        ),
        // "Could you add her to the CRM? P.S. she's a lead, not a customer yet.": the stage she is added with.
        (
            #"(?i)\b(add\s+(?:her|him|them)\s+to\s+(?:the\s+)?(?:crm|hubspot))\b([^.!?\n]*)[.!?]\s+(?:p\.?\s?s\.?[:,]?\s+)?(?:she|he|they)(?:'s|’s|\s+is|\s+are|'re)\s+(?:a|an)\s+(lead|customer|subscriber|opportunity)\b[^.!?\n]*[.!?]?"#,
            "$1 as a $3$2."
        ),
        // "send current Austin weather to #general - generator test is outdoors at noon": why it is sent, after where (the
        // aside was posted and the weather never read).
        (
            #"^((?i:send|post|share|e-?mail|forward)\s+[^#@\n]*\b(?i:weather|temperature|temp|forecast|deals?|invoices?|contacts?|events?|files?|customers?|subscriptions?|totals?|count|list|summary|numbers?)\b[^#@\n]*?\s(?i:to|in|into)\s+(?:#[\w-]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+))\s+[-–—]\s+(?!(?i:please|pls|and|then|also|just|say|saying)\b)[^\n]+$"#,
            "$1"
        ),
        // "Jade's off sick today so can you let #general know …": the ask after the reason.
        (
            #"(?i)^[^.?!\n\"“]{3,80}?\s+so\s+(?=(?:can|could|would)\s+you\s+(?:please\s+)?(?:let|tell|post|email|send|notify|ping|message)\b)"#,
            ""
        ),
        // "which customer owes us the most": whoever holds the largest open invoice (the customers were listed).
        (
            #"(?i)\b(?:which|what)\s+(?:customer|client|account|company)s?\s+(?=owes?\b)"#, "who "
        ),
        (
            #"(?i)\b(?:which|what)\s+(?:customer|client|account|company)\s+has\s+the\s+(?:biggest|largest|highest)\s+(?:unpaid\s+|open\s+|outstanding\s+)?balance\b"#,
            "who owes us the most"
        ),
        // "post it to sales", "let support know …": a team's channel, named as the team (asked which channel).
        (
            #"(?i)\b(post|share|send|drop|put)\s+(it|this|that|them|these|those)\s+(?:to|in|into|on)\s+(?:the\s+)?"#
                + #"(sales|support|general|engineering|random|marketing|ops|finance|product|design)(?:\s+(?:channel|team))?\b(?![@.\w-])"#,
            "$1 $2 in #$3"
        ),
        (
            // (Not when a channel is named after it: "Goal: let support know … Channel: #support".)
            #"(?i)\blet\s+(?:the\s+)?(sales|support|engineering|marketing|ops|finance|product|design)(?:\s+(?:channel|team))?\s+know\b"#
                + #"(?![^#]*#[\w-])"#,
            "let #$1 know"
        ),
        // "give chloe okafor a call about her invoice": a call, which no tool makes (her invoices were listed).
        (#"(?i)\bgive\s+([^.,;!?\n]{2,40}?)\s+a\s+(?:quick\s+)?(?:call|ring|buzz|phone\s+call|bell)\b"#, "call $1"),
        // "what's the #vendor-onboarding channel about": its topic.
        (#"(?i)\bwhat(?:'s|’s|\s+is)\s+(?:the\s+)?(#[\w-]+)(?:\s+channel)?\s+(?:all\s+)?about\b"#, "what's the topic of $1"),
    ].compactMap { pattern, template in (try? NSRegularExpression(pattern: pattern)).map { ($0, template) } }

    /// Questions put in another order than English puts them, rewritten before names typed in lower case are read (so "noah
    /// dubois" is found as a name in the question's usual place).
    private static let reorderings: [(NSRegularExpression, String)] = [
        // "which company does Noah Dubois work at?", "who is noah dubois, which company he is working": the company a contact is at
        // (refused, nothing recognised).
        (
            #"(?i)\b(?:which|what)\s+company\s+(?:does|do|did)\s+([^?.!\n,]{2,40}?)\s+works?\s+(?:at|for|in)\b"#,
            "what company is $1 at"
        ),
        (
            #"(?i)^\s*who\s+is\s+([^?.!\n,]{2,40}?),?\s+(?:and\s+)?(?:which|what)\s+company\s+(?:he|she|they)\s+(?:is|are|was)\s+"#
                + #"work(?:ing|s)?(?:\s+(?:at|for|in))?\s*\??\s*$"#,
            "what company is $1 at?"
        ),
        // "emma silva which plan she is on": whose plan.
        (
            #"(?i)^\s*+(?!(?:get|list|show|find|tell|what|which|who|how|please|pls)\b)([a-z][\w'’-]+\s+[a-z][\w'’-]+)\s+(?:which|what)\s+"#
                + #"(plan|subscription|tier)\s+(?:she|he|they)\s+(?:is|are)\s+on\s*\?*\s*$"#,
            "what $2 is $1 on?"
        ),
        // "vandelay pilot deal which stage?", "Almaty which time zone is": the question word after what it asks about.
        (
            #"(?i)^\s*+(?!(?:the|get|list|show|find|tell|post|send|email|check|look|give|what|which|who|how|when|where|please|pls)\b)"#
                + #"([^?.!\n,:;@#]{2,60}?\s+deal)\s+(?:which|what)\s+(stage|amount|close\s+date|status)"#
                + #"(?:\s+(?:is|it\s+is|is\s+it))?\s*\?*\s*$"#,
            "what $2 is the $1?"
        ),
        (
            #"(?i)^\s*+(?!(?:get|list|show|find|tell|post|send|email|check|look|give|what|which|who|how|when|where|please|pls)\b)"#
                + #"([^?.!\n,:;@#]{2,60}?)\s+(?:which|what)\s+(stage|time\s*zone|timezone|company|phone(?:\s+number)?|email|amount|plan|status)"#
                + #"(?:\s+(?:is|it\s+is|is\s+it|they\s+are|he\s+is|she\s+is))?\s*\?*\s*$"#,
            "what $2 is $1?"
        ),
        // "deal 2005 move to contract sent", "open deals export to drive as pipeline.csv", "stark industries renewal deal change
        // stage to …": the records first, then the verb, as second-language writers order a request (the records were listed
        // and the action dropped).
        (
            #"(?im)(^\s*|\bthen\s+)((?:(?:the|my|our|all)\s+)?(?:open\s+)?(?:(?!(?:get|list|show|find|tell|post|send|email|check|look|give|what|which|who|how|when|where|please|pls|can|could|i|we|and|then|if|any|"#
                + #"forward|send|save|export|move|change|update|mark|set|push|upload|e-?mail|mail|post|share|put|refund|add|create|"#
                + #"make|schedule|book|pull|fetch|grab|download|open|read|review|summari[sz]e|compare|count|do|does|did|is|are|has|have|"#
                + #"delete|remove|cancel|archive|merge|pause|reply|text|call|invite|search|lookup|ask|let|remind|note)\b)"#
                + #"[\w&'’.-]+\s+){0,4}?"#
                + #"(?:deals?|contacts?|invoices?|subscriptions?|customers?|payments?|e-?mails?)(?:\s+(?:list|\d{3,}))?)\s+"#
                + #"(move|change|export|save|send|update|mark|set|push|upload|email|mail|post|share|forward|put|refund)\s+(?=[\w#$€£])"#,
            "$1$3 $2 "
        ),
        // "contacts list to csv on drive": the records exported (Drive was searched).
        (
            #"(?im)(^\s*|\bthen\s+)((?:(?:the|my|our|all)\s+)?(?:open\s+|paid\s+|unpaid\s+|active\s+)?(?:contacts|deals|invoices|customers|subscriptions|channels|events|payments))"#
                + #"(?:\s+list)?\s+(?:to|into|as)\s+(?:an?\s+)?(csv|spreadsheet|json|excel)\s+(?:file\s+)?(?=(?:on|in|to)\s+(?:the\s+|my\s+|our\s+)?(?:google\s+)?drive\b)"#,
            "$1export $2 to $3 "
        ),
    ].compactMap { pattern, template in (try? NSRegularExpression(pattern: pattern)).map { ($0, template) } }

    /// `post the link to the "Printer troubleshooting" doc in #support`: the document's title, quoted (the title was posted
    /// as the message and no file looked up).
    static func quotedDocumentLinks(_ prompt: String) -> String {
        prompt.replacingMatches(
            of:
                #"(?i)\b(e-?mail|send|share|forward|post)\s+(?:the\s+|a\s+)?(?:link|url)\s+(?:to|for|of)\s+(?:the|our|my)\s+["“']([^"”'\n]{2,60})["”']\s+"#
                + #"(doc|document|file|runbook|report|deck|sheet|spreadsheet|presentation|guide|policy|handbook)\s+(to|in|with)\s+(?=[#\w])"#,
            with: "$1 the link to the $2 $3 $4 "
        )
        // "— it's the file called 'P1 RCA - payments outage' in Drive": a file there, by its name (the name was sent as the
        // message, cut at its dash).
        .replacingMatches(
            of:
                #"(?i)\bthe\s+(file|doc|document|spreadsheet|sheet|deck|report|presentation)\s+(?:called|named|titled)\s+["“']([^"”'\n.]{2,60})["”']"#,
            with: "the $2 $1")
    }

    static func reordered(_ prompt: String) -> String {
        PromptText.rewritten(prompt, by: reorderings)
    }

    static func resolved(_ prompt: String) -> String {
        companiesCapitalised(PromptText.rewritten(quotedDocumentLinks(restCall(nodeOperation(prompt))), by: rules))
    }

    /// `PATCH /crm/deals {"deal": "Stark Industries - Platform", "amount": 27500}`: a REST call with a JSON body, said as the
    /// labelled request the planner reads, "update deal: deal Stark Industries - Platform, amount 27500" (only the search ran).
    static func restCall(_ prompt: String) -> String {
        let call = #"^\s*(PATCH|PUT|POST)\s+/?(?:v\d+/)?(?:crm/)?(deal|contact)s?(?:/(\d+))?\s*(\{[^\n]*\})\s*$"#
        guard let method = prompt.captured(of: call, group: 1), let record = prompt.captured(of: call, group: 2),
            let body = prompt.captured(of: call, group: 4),
            let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any], !object.isEmpty
        else { return prompt }
        let values = object.keys.sorted().compactMap { key -> String? in
            guard let value = object[key], !(value is [Any]), !(value is [String: Any]) else { return nil }
            return key.replacingOccurrences(of: "_", with: " ") + " " + "\(value)"
        }
        let id = prompt.captured(of: call, group: 3).map { " " + $0 } ?? ""
        return (method == "POST" ? "create " : "update ") + record + id + ": " + values.joined(separator: ", ")
    }

    /// A workflow tool's node written out — "resource: event / operation: create / start: … / end: … / summary: Vendor sync" —
    /// said as a sentence (the calendar was read).
    static func nodeOperation(_ prompt: String) -> String {
        guard prompt.rangeOfMatch(of: #"(?im)^\s*operation:\s*create\s*$"#) != nil,
            prompt.rangeOfMatch(of: #"(?im)^\s*resource:\s*event\s*$"#) != nil,
            let start = prompt.captured(of: #"(?im)^\s*start(?:[_ ]?time)?:\s*(.+?)\s*$"#, group: 1)
        else { return prompt }
        let title = prompt.captured(of: #"(?im)^\s*(?:summary|title|name):\s*(.+?)\s*$"#, group: 1)
        let end = prompt.captured(of: #"(?im)^\s*end(?:[_ ]?time)?:\s*(.+?)\s*$"#, group: 1)
        let attendees = prompt.captured(of: #"(?im)^\s*attendees?:\s*(.+?)\s*$"#, group: 1)
        return "create an event" + (title.map { " \"\($0)\"" } ?? "") + " from \(start)" + (end.map { " to \($0)" } ?? "")
            + (attendees.map { " and invite \($0)" } ?? "")
    }

    /// "how much is the globex pilot worth", "close date on the umbrella pilot deal": the company a deal is named by, typed in
    /// lower case, is looked up as one (every deal was listed).
    static func companiesCapitalised(_ prompt: String) -> String {
        let generic: Set<String> = [
            "new", "big", "open", "current", "latest", "next", "last", "this", "that", "annual", "enterprise", "the", "our", "my", "q1",
            "q2", "q3", "q4", "small", "biggest", "largest", "first", "second", "paid", "free", "website", "team", "their", "its",
        ]
        var result = prompt
        for range in prompt.matchRanges(of: #"\bthe\s+[a-z][a-z&'’-]+(?=\s+(?:pilot|renewal|expansion|upsell|platform)\s+deal\b)"#)
            .reversed()
        {
            let words = prompt[range].split(separator: " ")
            guard let company = words.last, !generic.contains(String(company)) else { continue }
            result.replaceSubrange(range, with: "the " + company.prefix(1).uppercased() + company.dropFirst())
        }
        return result
    }
}
