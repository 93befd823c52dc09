import Foundation

/// Business English as it is written in India, Nigeria, Kenya or the Philippines: "kindly intimate #sales", "revert back to
/// the team that …", "kindly do the needful in CRM", "furnish the list of …", "her mail id", "2.5 lakhs". Said the way the
/// rest of the planner reads, the request is planned as any other (the verbs were refused — "no tool here can intimate that" —
/// or an update asked for as "the updation" was dropped after its lookup).
enum RegionalEnglish {
    private static let recipient = #"(?=(?:the|all|him|her|them|me|us|our|my|everyone|#|(?-i:\p{Lu})|[\w.+-]+@))"#

    /// (A rule opening with spaces starts only where a run of them does.)
    private static let rules: [(NSRegularExpression, String)] = [
        // Greetings and lead-ins that ask nothing.
        (#"(?i)\b(?:warm\s+)?greetings\s+(?:of\s+the\s+day|from\s+[^.!,\n]{1,40})\s*[!.,]?\s*"#, ""),
        (#"(?i)(?:^|(?<=[.!?]\s))(?:good\s+(?:morning|afternoon|evening)|hi|hello|sir|ma'am|madam)\s*,\s*"#, ""),
        // ", kindly tell #sales …": please, where a part starts.
        (#"(?i)(?:^|(?<=[.!?,;]\s)|(?<=\band\s))kindly\s+(?=\p{L})"#, "please "),
        (#"(?i)\bwith\s+reference\s+to\s+[^,;\n]{1,60}[,;]\s*"#, ""),
        (#"(?i)\b(?:i\s+|we\s+)?request\s+you\s+to\s+(?:kindly\s+|please\s+)*"#, "please "),
        // "kindly do the needful in CRM", "do the updation at your end", "update same in CRM": the change the news before
        // it gives.
        (
            #"(?i)\b(?:kindly\s+|please\s+|pls\s+)?do\s+the\s+(?:needful|updation|necessary|update)\s+(?:in|on)\s+(?:the\s+)?(crm|hubspot|system)\b"#,
            "please update it in the $1"
        ),
        (#"(?i)\b(?:kindly\s+|please\s+|pls\s+)?do\s+the\s+(?:updation|update)(?:\s+at\s+your\s+end)?"#, "please update it"),
        (#"(?i)\bupdate\s+(?:the\s+)?same\b"#, "update it"),
        (#"(?i)\bupdation\b"#, "update"),
        // "intimate #sales", "intimate the client Grace Silva over mail that …": tell.
        (#"(?i)\bintimate\s+(?=(?:the\s+)?(?:count|number|total|status|amount|list|details)\b)"#, "tell me "),
        (#"(?i)\bintimate\s+"# + recipient, "tell "),
        // "intimate the #sales team about …": the channel.
        (#"(?i)\bthe\s+(#[\w-]+)\s+(?:team|folks|people|group|crew|guys)\b"#, "$1"),
        // "revert back to the team in #engineering that …", "revert to anjali@… regarding …": a reply.
        (#"(?i)\brevert(?:\s+back)?\s+to\s+(?=[\w.+-]+@)"#, "email "),
        (#"(?i)\brevert(?:\s+back)?\s+to\s+"# + recipient, "tell "),
        (#"(?i)\brevert(?:\s+back)?\s+with\s+"#, "tell me "),
        // "whether Mr. Okonkwo has reverted on the quotation mail": replied.
        (#"(?i)\b(has|have|had)\s+reverted\s+(?:back\s+)?(?:on|to|regarding|about)\b"#, "$1 replied about"),
        // "…, kindly revert.", "and revert back asap", "Revert at the earliest pls.": the answer, wanted soon.
        (
            #"(?i)(?:(?<![\s,])\s*,?\s*(?:and\s+|n\s+)?|^|(?<=[.!?]\s))(?:kindly\s+|please\s+|pls\s+|plz\s+)?revert(?:\s+back)?"#
                + #"(?:\s+(?:asap|at\s+the\s+earliest|immediately|urgently|soon|to\s+me|on\s+(?:this|the\s+same)|pls|please))*\s*[.!]?"#
                + #"(?=\s*$|\s*\n|\s+\p{Lu})"#,
            ""
        ),
        // "furnish the list of all contacts": show.
        (#"(?i)\b(?:kindly\s+|please\s+)?furnish\s+(?:me\s+|us\s+)?(?:with\s+)?"#, "please show me "),
        // "her mail id", "the email id of Chloe Okafor", "through mail": email.
        (#"(?i)\b(?:e-?)?mail\s+id(?:s)?\b"#, "email"),
        (#"(?i)\b(?:through|over|via|on|by)\s+(?:e-?)?mail\b(?!\s+(?:id|address))"#, "by email"),
        // "the MoM of today's meeting": its minutes.
        (#"\bMoMs?\b"#, "minutes"),
        // "plz chk d status": chat shorthand.
        (#"(?i)\bchk\b"#, "check"),
        (#"(?<=\s)d(?=\s+\p{Ll})"#, "the"),
    ].compactMap { pattern, template in (try? NSRegularExpression(pattern: pattern)).map { ($0, template) } }

    static func resolved(_ prompt: String) -> String {
        PromptText.outsideQuotes(PromptText.rewritten(prompt, by: rules), inRupees)
    }

    /// "amount 2.5 lakhs", "1.2 crore": the figure written out (a lakh is 100,000, a crore 10,000,000).
    static func inRupees(_ text: String) -> String {
        var result = text
        for range in result.matchRanges(of: #"(?i)\b\d+(?:\.\d+)?\s*(?:lakhs?|lacs?|crores?|cr)\b"#).reversed() {
            let written = String(result[range])
            guard let number = written.rangeOfMatch(of: #"\d+(?:\.\d+)?"#).flatMap({ Decimal(string: String(written[$0])) })
            else { continue }
            let scale: Decimal = written.lowercased().contains("cr") ? 10_000_000 : 100_000
            result.replaceSubrange(range, with: "\(number * scale)")
        }
        return result
    }
}
