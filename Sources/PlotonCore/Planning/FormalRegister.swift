import Foundation

/// Requests written as a formal letter: "I should be grateful if you would add him to the CRM", "Would you be so kind as to
/// post …", "Dear Sir or Madam, I am writing to enquire what …", "Ms. Chloe Okafor", "and thereafter email …". The courtesy
/// says nothing a tool does: said plainly, the request is planned as any other (the formulas were refused as verbs, "no
/// tool here can dear that", or read as fields; a title stayed in the name looked up, and no Ms Emma Silva was found).
enum FormalRegister {
    /// (A rule opening with spaces starts only where a run of them does: tried at each of 10,000 spaces, it cost quadratic
    /// time.)
    private static let rules: [(NSRegularExpression, String)] =
        [
            // "Dear Sir or Madam," "Dear Ms Lowe,": the salutation of a letter.
            (#"(?i)^\s*dear\s+[^,\n]{1,40},\s*"#, ""),
            // "I write to inform you that", "I am writing to let you know that": what follows is the news.
            (#"(?i)\bi\s+(?:write|am\s+writing)\s+to\s+(?:inform\s+you|let\s+you\s+know|advise(?:\s+you)?)\s+(?:that\s+)?"#, ""),
            // "I am writing to enquire what the wind speed is": the question.
            (#"(?i)\bi\s+(?:write|am\s+writing|wish|would\s+like)\s+to\s+(?:enquire|inquire|ask)\s+(?:as\s+to\s+|about\s+)?"#, ""),
            // "Further to my meeting with Tobias Wren of Fairbanks & Hale yesterday, …": whom the request goes on to call "him".
            (
                #"(?i)(?:^|(?<=[.!?]\s))further\s+to\s+(?:my|our)\s+(?:meeting|call|conversation|discussion|lunch)\s+with\s+((?-i:\p{Lu})[^,;\n]{1,80})[,;]\s*"#,
                "I met $1. "
            ),
            // "Further to our telephone conversation this morning, …": where the request comes from.
            (#"(?i)(?:^|(?<=[.!?]\s))further\s+to\s+[^,;\n]{1,80}[,;]\s*"#, ""),
            // Courtesy formulas before the verb.
            (
                #"(?i)\b(?:i\s+should\s+be|i\s+would\s+be|i'd\s+be|we\s+should\s+be|we\s+would\s+be)\s+(?:most\s+|very\s+|extremely\s+)?"#
                    + #"(?:grateful|obliged|thankful)\s+(?:if\s+you\s+(?:would|could|might)|for\s+your\s+help\s+in|were\s+you\s+to)\s+"#,
                "please "
            ),
            (#"(?i)\b(?:would|could|will)\s+you\s+(?:please\s+)?be\s+so\s+(?:kind|good)\s+as\s+to\s+"#, "please "),
            (#"(?i)\b(?:please\s+)?be\s+so\s+(?:kind|good)\s+as\s+to\s+"#, "please "),
            (#"(?i)\b(?:would|could)\s+you\s+kindly\s+"#, "please "),
            (#"(?i)\bmight\s+i\s+(?:trouble|ask)\s+you\s+to\s+"#, "please "),
            (#"(?i)\bi\s+(?:would|should)\s+(?:appreciate\s+it|be\s+pleased)\s+if\s+you\s+(?:would|could)\s+"#, "please "),
            // "…, should it be convenient, the humidity too": a courtesy aside.
            (
                #"(?i)(?<![\s,]),?\s*(?:should\s+it\s+be\s+convenient|if\s+convenient|if\s+it\s+is\s+not\s+too\s+much\s+trouble|at\s+your\s+earliest\s+convenience)\s*,?"#,
                ""
            ),
            // "and thereafter email …", "whereupon you might let #sales know": the next step.
            (#"(?i)(?<![\s,]),?\s*(?:and\s+)?(?:thereafter|whereupon\s+you\s+(?:might|could|would|may|should))\s+"#, ", then "),
            // ", whereupon she will decide whether …": what someone else does next asks nothing.
            (#"(?i)(?<![\s,]),?\s*whereupon\s+(?:she|he|they|we|the\s+\w+)\s+(?:will|shall|can|may)\b[^.;!?\n]*"#, ""),
            // Formal verbs and nouns, said plainly.
            (#"(?i)\bascertain\b"#, "find"),
            (#"(?i)\b(?:kindly\s+)?confirm\s+(?=(?:the\s+)?(?:status|amount|total|balance|date|details)\b)"#, "check "),
            (#"(?i)\b(?:provide|furnish|supply)\s+(me|us)\s+with\b"#, "give $1"),
            (#"(?i)\blet\s+(me|us)\s+have\b"#, "give $1"),
            (#"(?i)\bentitled\b"#, "titled"),
            (#"(?i)\b(my|our)\s+engagements\b"#, "$1 events"),
            (#"(?i)\bwith\s+(?:a|an)\s+(?:value|amount)\s+of\s+(?=[$€£]?\d)"#, "worth "),
            (#"(?i)\b(?:and\s+)?(?:with\s+)?an\s+expected\s+close\s+date\s+of\s+"#, "closing "),
            (#"(?i)(?<![\s,]),?\s+together\s+with\s+"#, ", with "),
            (#"(?i)\b(?:that\s+)?remain\s+unread\b"#, "that are unread"),
            // "…, ahead of Thursday's partners' meeting": when the answer is wanted by, no part of it (the meeting was read).
            (#"(?i)(?<![\s,]),?\s+(?:ahead\s+of|in\s+advance\s+of|in\s+preparation\s+for|in\s+time\s+for)\s+[^.;!?\n]*"#, ""),
            // "however, on no account are any refunds to be issued this week": a prohibition, said as one.
            (#"(?i)\bon\s+no\s+account\s+(?:are|is|should|must)\s+(?:any\s+)?(\w+)\s+(?:to\s+)?be\s+issued\b"#, "do not issue any $1"),
            (#"(?i)\bon\s+no\s+account\s+(?:are|is|should|must)\s+(?:any\s+)?(\w+)\s+(?:to\s+)?be\s+sent\b"#, "do not send any $1"),
            (#"(?i)\bon\s+no\s+account\s+(?:are|is|should|must)\s+(?:any\s+)?(\w+)\s+(?:to\s+)?be\s+posted\b"#, "do not post any $1"),
            (#"(?i)\bon\s+no\s+account\s+(?:are|is|should|must)\s+(?:any\s+)?(\w+)\s+(?:to\s+)?be\s+made\b"#, "do not make any $1"),
            // "Heads up: we're not creating any new contacts": a rule of this request, not a label's.
            (
                #"(?i)(?<=[.!?]\s)(?:fyi|heads\s+up|nb|ps)\s*:\s*(?=do\s+not\b|don['’]t\b|never\b|we['’]re\s+not\b|we\s+are\s+not\b)"#,
                ""
            ),
            // "Note: no refunds this month, per finance policy.", "we're not creating any new contacts until …": prohibitions.
            (#"(?i)(?:^|(?<=[.!?:;]\s)|(?<=\n)|(?<=\bbut\s))(?:note:\s*)?no\s+refunds?\b"#, "do not refund anything"),
            // "PS: as per compliance, nothing is to be posted on Slack": the same prohibition.
            (#"(?i)\b"# + saidBy + #"nothing\s+(?:is\s+to|should|must|may|can|shall)\s+be\s+posted\b"#, "do not post anything"),
            (#"(?i)\b"# + saidBy + #"nothing\s+(?:is\s+to|should|must|may|can|shall)\s+be\s+(?:sent|e-?mailed)\b"#, "do not send anything"),
            (#"(?i)\b"# + saidBy + #"nothing\s+(?:is\s+to|should|must|may|can|shall)\s+be\s+refunded\b"#, "do not refund anything"),
            (
                #"(?i)\b"# + saidBy + #"nothing\s+(?:is\s+to|should|must|may|can|shall)\s+be\s+(?:changed|updated)\b"#,
                "do not update anything"
            ),
        ].compactMap { pattern, template in (try? NSRegularExpression(pattern: pattern)).map { ($0, template) } } + policies

    /// "mgmt said nothing is to be posted this week": who set the rule is no part of it.
    private static let saidBy = #"(?:(?:[\w-]+\s+){1,2}(?:said|says|decided|wants|told\s+us)\s+(?:that\s+)?)?"#

    /// "we're not creating any new contacts until the cleanup is done": a prohibition.
    private static let policies: [(NSRegularExpression, String)] = {
        let verbs: [(String, String)] = [
            ("creating", "create"), ("adding", "add"), ("sending", "send"), ("posting", "post"), ("issuing", "issue"),
            ("refunding", "refund"), ("emailing", "email"), ("updating", "update"), ("changing", "change"), ("making", "make"),
            ("booking", "book"), ("uploading", "upload"),
        ]
        return verbs.compactMap { gerund, verb in
            (try? NSRegularExpression(pattern: #"(?i)\bwe(?:['’]re|\s+are)\s+not\s+"# + gerund + #"\b"#)).map { ($0, "do not " + verb) }
        }
    }()

    static func resolved(_ prompt: String) -> String {
        PromptText.outsideQuotes(PromptText.rewritten(prompt, by: rules), untitled)
    }

    /// "email Ms. Chloe Okafor", "refund Dr Diego Rossi": the person looked up, without the title. A message's words keep
    /// it ("post in #support saying Dr. Patel moved the call").
    static func untitled(_ text: String) -> String {
        var result = text
        let title = #"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+(?=\p{Lu}\p{Ll})"#
        while let found = result.matchRanges(of: title).last(where: { range in
            let sentence = result[..<range.lowerBound].split(whereSeparator: { ".!?\n".contains($0) }).last ?? ""
            return sentence.rangeOfMatch(of: #"(?i)\b(?:saying|say|says|that|text|message|note|reads?|body|telling)\b|:"#) == nil
        }) {
            result.removeSubrange(found)
        }
        return result
    }

}
