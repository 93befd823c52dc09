import Foundation

/// A sentence that names a record and says what happened to it, then a request that points back at it with a
/// pronoun: "Umbrella Corp signed!! move their deal to closed won" (the deal was asked for by id), "Maria Lopez's
/// email in HubSpot bounces. Update it to maria.lopez@…" ("it" was read as the record to update, with nothing to
/// find it by). The request is written with the record named, and the sentence that only told what happened goes.
enum PointedBackRecords {
    private static let name = #"((?:[A-Z][\w&'.-]*\s+){0,3}[A-Z][\w&'.-]*)"#
    private static let sentenceEnd = #"[^.!?\n]{0,60}?[.!?]+\s+"#
    /// The end of what happened, before the request: a sentence's end, a comma or a dash.
    private static let clauseEnd = #"[^.!?,\n]{0,60}?(?:[.!?]+|,|\s[–—-])\s+"#

    static func resolved(_ prompt: String) -> String {
        let written = requestWritten(dealChangeStated(prompt))
        // "isla okafor got a new number …": a name typed in lower case stands where the rewrite put it ("update isla okafor's
        // phone"), and is read as one there.
        return written == prompt ? prompt : LowercaseNames.resolved(written)
    }

    /// "Maya Okafor emailed: 'Please note my new phone number is +1 628 …, the old one is disconnected.' Update her in the
    /// CRM." → "Maya Okafor has a new phone number, +1 628 …. Update her in the CRM.": the new value a person's own words
    /// give (the whole quote was searched for and the update dropped).
    static func quotedNewValue(_ prompt: String) -> String {
        // "Ben Chen's new phone number is +1 415 …, can you update his contact?": the same news, said of the record.
        prompt.replacingMatches(
            of: #"^((?:[A-Z][\w'’-]+\s+){1,2}[A-Z][\w'’-]+)['’]s\s+new\s+((?i:phone\s+number|phone|mobile(?:\s+number)?|number|"#
                + #"e-?mail(?:\s+address)?|address|company|employer|job\s+title|title))\s+(?i:is)\s+"#
                + #"([^\s,;]+(?:\s+[\d()+-][\d()\s+-]*\d)?)\s*[,.;-]\s*(?=(?i:can|could|would|will)\s+you\b)"#,
            with: "$1 has a new $2, $3. "
        ).replacingMatches(
            // "Ben Chen's mobile number has changed, new number is +91 98450 12345. Kindly update it."
            of: #"^((?:[A-Z][\w'’-]+\s+){1,2}[A-Z][\w'’-]+)['’]s\s+((?i:phone\s+number|phone|mobile(?:\s+number)?|number|"#
                + #"e-?mail(?:\s+address)?|address|company|employer|job\s+title|title))\s+(?i:has\s+)?(?i:changed)\s*[,;:–—-]?\s*"#
                + #"(?i:(?:the|his|her|their)\s+)?(?i:new)(?:\s+(?i:one|number|mobile|phone|e-?mail|address))?\s*(?i:is\s+|:\s*|-\s*)"#
                + #"([^\s,;]+(?:\s+[\d()+-][\d()\s+-]*\d)?)\s*[,.;]\s*"#,
            with: "$1 has a new $2, $3. "
        ).replacingMatches(
            of:
                #"^((?:[A-Z][\w'’-]+\s+){1,2}[A-Z][\w'’-]+)\s+(?:\([^()\n]{1,60}\)\s+)?(?:e-?mailed|wrote|writes|said|says|messaged|texted|"#
                + #"replied|called|rang|told\s+us|let\s+us\s+know)(?:\s+(?:in|us|to\s+say|today|this\s+morning))?\s*:?\s*["'“‘]"#
                + #"[^"“”\n]*?\b(?i:my|our)\s+new\s+((?i:phone\s+number|phone|mobile(?:\s+number)?|number|e-?mail(?:\s+address)?|address|"#
                + #"company|employer|job\s+title|title))\s+(?i:is|will\s+be)\s+([^\s,;"”'’]+(?:\s+[\d()+-][\d()\s+-]*\d)?)"#
                + #"[^"“”\n]*?["'”’](?=\s|$)\.?"#,
            with: "$1 has a new $2, $3.")
    }

    /// "Vandelay deal close date has been postponed to 15th January, kindly update same in CRM", "Acme's renewal close date
    /// slipped to Jan 15 - pls update the deal": the change the news states, made (the update was asked for by id, or with
    /// nothing to change).
    static func dealChangeStated(_ prompt: String) -> String {
        let request =
            #"(?i)^(?:[^.:\n"“]{1,40}:\s*)?(?:the\s+)?([\p{L}\d&'’ -]{2,50}?)(?:['’]s)?\s+(amount|value|close\s*date|closing\s+date)\s+"#
            + #"(?:(?:has|have)\s+been\s+|was\s+|is\s+|got\s+|just\s+|now\s+)*(?:revised|changed|updated|moved|pushed(?:\s+out|\s+back)?|"#
            + #"postponed|slipped|increased|reduced|dropped|raised|bumped|extended|preponed|shifted|set|gone\s+up|gone\s+down)?\s*"#
            + #"(?:(?:to|=|:)\s+)?([^.!?\n,;]{1,30}?)\s*(?:[.!,;]|\s[-–—])\s*(?:so\s+)?(?:please\s+|pls\s+|plz\s+|kindly\s+|can\s+you\s+|could\s+you\s+)*"#
            + #"(?:update|change|fix|reflect|correct)\b(?:\s+(?:it|that|this|the\s+deal|the\s+same|same|the\s+record|(?:the\s+)?(?:crm|hubspot)))?"#
            + #"(?:\s+(?:in|on)\s+(?:the\s+)?(?:crm|hubspot|system))?(?:\s+(?:please|pls|plz|asap|also|too))*\s*([.!?]*\s*(?:(?:and|then)\s+[^\n]*)?)$"#
        guard let named = prompt.captured(of: request, group: 1), let field = prompt.captured(of: request, group: 2),
            let value = prompt.captured(of: request, group: 3)
        else { return prompt }
        // ("Acme's renewal" is the Acme renewal deal.)
        let company = named.replacingMatches(of: #"['’]s\b"#, with: "")
        let deal = company.lowercased().hasSuffix(" deal") ? company : company + " deal"
        // "… and tell #sales also": what else was asked goes on after it.
        let rest = (prompt.captured(of: request, group: 4) ?? "").trimmingCharacters(in: .whitespaces)
        let next = rest.drop { ".!? ".contains($0) }
        return "change the \(deal)'s \(field.lowercased()) to \(value)" + (next.isEmpty ? "" : " " + next)
    }

    private static func requestWritten(_ prompt: String) -> String {
        // "Sales manager: the Fjord Analytics deal moved to contract sent. Update it in the CRM, …": the deal moved there (a new
        // deal was asked for).
        let prompt = prompt.replacingMatches(
            of:
                #"(?i)^(?:[^.:\n"“]{1,40}:\s*)?((?:the\s+)?[^.!?\n]{1,60}?\s+deal)\s+(?:has\s+)?(?:just\s+)?(?:moved|went|progressed|advanced|is\s+now)\s+"#
                + #"(?:on\s+)?(?:to|in|into|at)\s+([^.!?\n,]{2,40}?)\s*[.!,]\s+(?:please\s+|pls\s+|kindly\s+|so\s+)?(?:update|change|reflect|mark)"#
                // "…, update pls": with nothing after it, "update" is of the deal too.
                + #"(?:\s+(?:it|that|this|(?:the\s+)?(?:crm|hubspot))|(?=\s+(?:please|pls|plz|kindly)\s*[.!]*\s*$|\s*[.!]*\s*$))(?:\s+in\s+(?:the\s+)?(?:crm|hubspot))?"#
                + #"(?:\s+(?:please|pls|plz|kindly)\s*[.!]*\s*$)?"#,
            with: "move $1 to $2"
        )
        // "close the Hooli deal as lost": its stage set ("close" was taken for an action no tool has).
        return prompt.replacingMatches(
            of: #"(?i)\bclose(?:\s+out)?\s+((?:the|their|its|our)\s+(?:[^.!?\n]{1,40}?\s+)?deal)\s+(?:as\s+)?(won|lost)\b"#,
            with: "mark $1 closed $2"
        )
        .replacingMatches(
            of: #"^(?!(?:We|I|They|She|He|You)\b)"# + name + #"\s+(?:just\s+|finally\s+|officially\s+)?"#
                + #"(?:signed|closed|churned|renewed|cancell?ed|upgraded|downgraded|agreed|accepted|said\s+yes|is\s+in|went\s+with\s+us)\b"#
                + clauseEnd + #"(?:(?:please|pls|so|now|then|ok)\s+)?([A-Za-z]+)\s+(?:their|its|the)\s+deal\b"#,
            with: "$2 the $1 deal"
        )
        // "the greenleaf deal closed!!! we won it. update crm": its stage set to what was said ("won" was refused as a verb).
        .replacingMatches(
            of: #"(?i)^(?:the\s+)?([^.!?\n]{2,40}?\s+deal)\s+(?:just\s+|finally\s+|has\s+)?(?:closed|is\s+closed|is\s+done)\s*[.!]+\s*"#
                + #"(?:we\s+(won|lost)\s+(?:it|them)\s*[.!]*\s*)(?:(?:so\s+|please\s+|pls\s+)?(?:update|mark\s+it\s+in|reflect\s+it\s+in)\s+"#
                + #"(?:the\s+)?(?:crm|hubspot)(?:\s+(?:please|pls))?)\s*[.!]*\s*$"#,
            with: "mark the $1 closed $2"
        )
        // "We lost Acme Corp - Platform to a competitor. mark it closed lost": the deal of that name ("it" named nothing).
        .replacingMatches(
            of:
                #"^(?i:we(?:['’]ve|\s+have)?|i(?:['’]ve|\s+have)?)\s+(?i:just\s+|finally\s+|officially\s+)?(?i:signed|closed|won|landed|lost)\s+"#
                + #"(?i:the\s+)?(\p{Lu}[\w&'.-]*(?:\s+(?:[-–]\s+)?\p{Lu}[\w&'.-]*){0,4})(?:\s+(?i:deal))?[^.!?\n]{0,60}?[.!]+\s+"#
                + #"(?i:(?:please|pls|kindly|so|now|then|ok)\s+)?(?i:mark|move|set)\s+(?i:it|that|them)\s+(?i:as\s+|to\s+)?"#
                + #"((?i:closed\s+(?:won|lost)))\b"#,
            with: "mark the $1 deal $2"
        )
        // "Liam Dubois is our champion at Stark. Put a call with him on my calendar …": he is found in the CRM and invited
        // (the call was booked without him).
        .replacingMatches(
            of: #"^(?![^\n]*@)(?!(?i:find|get|look|search|check|please|pls|can|could|book|put|schedule|add|set|email|send|tell|post)\b)"#
                + #"(\p{Lu}[\w'’-]+\s+\p{Lu}[\w'’-]+)\b(?!\s+(?i:and|or)\b)[^.!?\n]{0,80}[.!]\s+"#
                + #"(?=(?i:(?:please|pls|can\s+you|could\s+you)\s+)?(?i:put|book|schedule|set\s+up|arrange|block|add)\b[^.!?\n]{0,60}?"#
                + #"\b(?i:with)\s+(?i:him|her|them)\b)"#,
            with: "Find $1 in the CRM and "
        )
        // "We signed Brightwater Labs yesterday, mark their deal as closed won".
        .replacingMatches(
            of:
                #"^(?i:we(?:['’]ve|\s+have)?|i(?:['’]ve|\s+have)?)\s+(?i:just\s+|finally\s+|officially\s+)?(?i:signed|closed|won|landed|lost)\s+"#
                + name + clauseEnd + #"(?i:(?:please|pls|so|now|then|ok)\s+)?([A-Za-z]+)\s+(?i:their|its|the)\s+deal\b"#,
            with: "$2 the $1 deal"
        )
        .replacingMatches(
            of: #"^"# + name + #"(['’]s\s+(?:e-?mail(?:\s+address)?|phone(?:\s+number)?|number|company|job\s+title|title))"#
                + #"(\s+(?:in|on)\s+(?:HubSpot|the\s+CRM))?\b"# + sentenceEnd
                + #"(?:(?:please|pls|so|can\s+you|could\s+you)\s+)?(update|change|set|fix|correct|switch)\s+it\s+to\b"#,
            with: "$4 $1$2$3 to", options: .caseInsensitive
        )
        // "Ruth Abbott from Abbott Interiors has a new number, 0161 496 0732. Please update her record.", "isla okafor got a new
        // number +1 415 555 0199 pls update".
        .replacingMatches(
            of: #"^(?:[^.:\n"“@]{1,40}:\s*)?(?!(?i:we|i|they|she|he|you|my|our|the|just|also)\b)("# + name.dropFirst().dropLast()
                + #"|[a-z][\w'-]+\s+(?!(?:just|also|has|got)\b)[a-z][\w'-]+)(?:\s+(?:from|at|of)\s+"# + name
                // "Chloe Chen (Wayne Enterprises) has a new email, …": where they work, in brackets.
                + #"|\s*\([^()\n]{1,40}\))?\s+(?:has\s+(?:got\s+)?|(?:just\s+)?got\s+)(?:a\s+)?new\s+"#
                + #"(phone\s+number|number|phone|mobile|e-?mail(?:\s+address)?|job\s+title|title|company)\s*(?:[,:–—-]|\bwhich\s+is\b|\bis\b)?\s*"#
                + #"(?!(?i:please|pls|kindly|so|can|could|update|change|fix|number|phone|address|title)\b)(?=[+\d(]|[\w.+-]+@|\p{Lu})([^\n]{2,60}?)"#
                + #"\s*(?:[.!]+\s+|\s[–—-]\s+|,?\s+(?=(?i:please|pls|kindly|so|can|could|update|change|fix)\b))"#
                + #"(?i:(?:(?:please|pls|kindly|so|can\s+(?:you|u)|could\s+(?:you|u))\s+)?(update|change|fix)(?:\s+(?:her|his|their)\s+"#
                + #"(?:record|contact|details|entry|info|profile|number|phone|e-?mail|title)\b(?:\s+(?:please|pls|plz|thanks|thx)\b)?"#
                + #"|(?:\s+(?:it|that|this|them|her|him))?"#
                + #"(?:\s+(?:in\s+)?(?:the\s+crm|hubspot))?(?:\s+(?:please|pls|plz|thanks|thx))?(?=\s*[.!?]*\s*$)))"#,
            with: "$5 $1's $3 to $4"
        )
        // "Gustavo Pereira from Andes Coffee just called, his new email is gustavo@… - please update his CRM record."
        .replacingMatches(
            of: #"(?:^|(?<=[.!?]\s))"# + name + #"(?:\s+(?:from|at|of)\s+"# + name
                + #")?(?:\s+(?:just\s+)?(?:called|rang|emailed|wrote|messaged|phoned)(?:\s+in)?)?\s*[,;:]?\s+(?i:his|her|their)\s+"#
                // "his new number is …", "his number is now …": a value said to have changed.
                + #"(?=(?i:new)\s|[\w ]{2,20}?\s(?i:is\s+now|has\s+changed\s+to|changed\s+to)\s)(?i:new\s+)?"#
                + #"(phone\s+number|number|phone|mobile|e-?mail(?:\s+address)?|job\s+title|title|company)\s+"#
                + #"(?i:is\s+now|has\s+changed\s+to|changed\s+to|is|=|:)\s+([^\n]{2,60}?)"#
                + #"\s*(?:[.!,;]+|\s[–—-])\s+(?i:(?:(?:please|pls|so|can\s+you|could\s+you)\s+)?(update|change|fix)\s+(?:his|her|their)\s+"#
                + #"(?:crm\s+|hubspot\s+)?(?:record|contact|details|entry|info|profile))\b"#,
            with: "$5 $1's $3 to $4"
        )
        // "bea okafor's new number is 07700 900123 pls update"
        .replacingMatches(
            of: #"^"# + name + #"['’]s\s+new\s+(phone\s+number|number|phone|mobile|e-?mail(?:\s+address)?|job\s+title|title|company)\s+"#
                + #"(?:is|=|:)\s+([^\n]{2,60}?)\s*(?:[.!,;]+|\s[–—-])?\s+(?i:(?:(?:please|pls|plz|kindly|so|can\s+(?:you|u)|could\s+(?:you|u))\s+)?"#
                + #"(update|change|fix)(?:\s+(?:it|that|this|her|him|his|their|them|the\s+crm|hubspot|the\s+record|her\s+record|his\s+record)){0,2})"#
                + #"(?:\s+(?:pls|please|plz|kindly|thx|thanks))?\s*[.!]*\s*$"#,
            with: "$4 $1's $2 to $3"
        )
        // "Ruth Abbott has moved to Abbott & Rowe - update her company in the CRM"
        .replacingMatches(
            of: #"^"# + name
                + #"\s+(?:has\s+)?(?:now\s+)?(?:moved|switched|gone|joined|changed\s+jobs)\s+(?:over\s+)?to\s+([^.!?\n–—]{2,40}?)"#
                + #"\s*(?:[.!,]+|\s[–—-])\s+(?i:(?:(?:please|pls|so|can\s+you|could\s+you)\s+)?(update|change|fix)\s+(?:her|his|their)\s+"#
                + #"(?:company|employer|record|contact|details))\b"#,
            with: "$3 $1's company to $2"
        )
        // "The Okafor rebrand deal has gone up - please change the amount to 7200."
        .replacingMatches(
            of: #"^(?:[^.:\n"“]{1,40}:\s*)?(?i:the)\s+([A-Z][\w&'.-]*(?:\s+[\w&'.-]+){0,3}\s+deal)\b[^.!?\n]{0,60}?(?:[.!]+|\s[–—-])\s+"#
                + #"(?i:(?:(?:please|pls|so|can\s+you|could\s+you)\s+)?(change|set|update|bump|push|move|nudge)\s+(?:the|its)\s+"#
                + #"(amount|value|close\s+date|stage|deal\s+stage)\s+to)\b"#,
            with: "$2 the $1's $3 to"
        )
        // "We just quoted the Greenway Schools bathroom refit - log it as a new deal for 18,500 pounds": the deal is named by
        // what was quoted.
        .replacingMatches(
            of:
                #"(?i)^(?:we(?:['’]ve|\s+have)?\s+|i(?:['’]ve|\s+have)?\s+)?(?:just\s+)?(?:quoted|won|landed|pitched|priced(?:\s+up)?|bid\s+on)\s+"#
                + #"(?:for\s+)?(?:the|a|an)\s+([^.!?\n–—]{2,60}?)\s*(?:[.!]+|\s[–—-])\s+(?:(?:please|pls|so|can\s+you|could\s+you)\s+)?"#
                + #"(log|add|create|put|enter|record|make)\s+(?:it|that|this)\s+(?:in(?:to)?\s+(?:the\s+)?(?:crm|hubspot)\s+)?as\s+an?\s+(?:new\s+)?deal\b"#,
            with: "$2 a deal called $1"
        )
        // "New lead from the webinar: Marisol Ortega, marisol@…, she's at Fernbank Health. Add her as a contact.": the contact
        // is the person told of first (her name and email were asked for).
        .replacingMatches(
            of:
                #"^(?:(?i:new\s+(?:lead|contact|customer|sign-?up|client))[^:\n]{0,40}:\s*)?(?:(?i:(?:i\s+|we\s+)?(?:just\s+)?(?:met|spoke\s+(?:to|with)|talked\s+to|chatted\s+with|got\s+off\s+the\s+phone\s+with|had\s+a\s+call\s+with))\s+"#
                // "Met a great prospect at the SaaStr dinner last night - Maya Fernandes, maya@…": who, after where.
                + #"(?:(?i:a|an|this|the)\s+[^\n,:@]{0,60}?\s[-–—:]\s+)?)?"#
                + #"([^\n]{3,200}?\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"#
                + #"[^\n]{0,100}?)(?:[.!]|\s[-–—])\s+(?i:(?:please\s+|pls\s+|can\s+you\s+|could\s+you\s+)?(?:add|create|save|put|enter|log)\s+"#
                // "… pls add to the crm", "Add her, and book an intro call with her …": what follows the contact is asked too.
                + #"(?:(?:her|him|them)\s+(?:as\s+an?\s+(?:new\s+)?(?:contact|lead)|(?:to|in|into)\s+(?:the\s+)?(?:crm|hubspot)"#
                + #"(?:\s+as\s+an?\s+(?:new\s+)?(?:contact|lead))?)|(?:to|in|into)\s+(?:the\s+)?(?:crm|hubspot)|(?:her|him|them)(?=\s*,?\s*(?:and|then)\s)|(?:her|him|them)(?=\s*[.!?]*\s*$)))"#
                + #"(?:\s+please)?\s*(?:[.!?]?\s*$|,?\s*(?=(?i:and|then)\s))"#,
            with: "Add a contact: $1. "
        )
        // "wayne enterprises expansion is now 52,000 - can you update the deal", "Report from crm_agent: the Initech - Pilot deal is
        // now worth $16,000 (was $14,000). Next: update the amount in HubSpot": the deal's amount set to it (the deal to update was
        // asked for by id, or the amount).
        .replacingMatches(
            of:
                #"(?i)^(?:[^.:\n"“]{1,40}:\s*)?(?:the\s+)?((?:(?!is\b|has\b)[\w&'’.-]+\s+(?:[-–]\s+)?){1,5}?)(?:deal\s+)?(?:(?:amount|value)\s+)?(?:is|has\s+gone\s+up\s+to)\s+"#
                + #"(?:now\s+)?(?:worth\s+)?([$€£]?\s?\d[\d,.]*\s?(?:k|dollars|euros?|pounds|usd|eur|gbp)?)(?:\s*\([^)\n]{0,40}\))?\s*"#
                + #"(?:[.!,;]+|\s[–—-])\s+(?:next\s*:\s*)?(?:(?:please|pls|so|can\s+(?:you|u)|could\s+(?:you|u))\s+)?"#
                + #"(?:update|change|set|reflect)\s+(?:the\s+deal|it|that|this|the\s+amount|its\s+amount)(?:\s+in\s+(?:hubspot|the\s+crm))?"#
                + #"(?:\s+(?:please|pls))?(?=\s*(?:[.!?,;]|\s(?:and|then)\s|$))"#,
            with: "update the $1deal amount to $2"
        )
        // "Pinecrest Dental wants the 3-location package! Log a deal for them, 9,600 dollars": the deal is theirs, named for
        // them (its name was asked for).
        .replacingMatches(
            of: #"^(?:[^.!?\n]{0,40}\s[-–—]\s)?"# + name
                + #"\s+(?:wants|want|has\s+agreed\s+to|agreed\s+to|is\s+buying|bought|signed\s+up\s+for|"#
                + #"ordered|asked\s+for|needs)\b[^.!?\n]{0,80}[.!?]+\s+(?i:(?:please|pls|so|can\s+you|could\s+you)\s+)?"#
                + #"((?i:log|add|create|open|make|enter|record)\s+(?i:a|an)\s+(?i:new\s+)?(?i:deal))\s+(?i:for)\s+(?i:them|him|her|it)\b"#,
            with: "$2 for $1"
        )
        // "update Ruth Abbott's number to 0161 …": the number is her phone.
        .replacingMatches(
            of: #"(?i)\b(update|change|set|fix)\s+([^.!?\n]{2,40}?['’]s)\s+(?:number|mobile(?:\s+number)?|cell(?:\s+number)?)\s+to\b"#,
            with: "$1 $2 phone to"
        )
    }
}
