import Foundation

/// Someone named by their role with their address beside it: "the latest email from the landlord
/// (greg.hollis@…)", "any emails from my accountant? she's ruth@…". The address is who is meant (the role word
/// was searched for, and the address taken for a recipient: an email was sent on a read).
enum RoleAddresses {
    private static let address = #"([\w.+-]+@[\w-]+(?:\.[\w-]+)+)"#
    private static let role = #"\b(?:the|my|our|their|his|her|your)\s+(?:[a-z][a-z-]*\s+){0,2}[a-z][a-z-]*"#

    static func resolved(_ prompt: String) -> String {
        // "… — send it to me at j.ortega@…": the address is where "me" is.
        prompt.replacingMatches(
            of: #"(?i)\b(send|forward|e-?mail|mail)\s+(it|this|that|them)\s+to\s+me\s+(?:at|on)\s+"# + address, with: "$1 $2 to $3"
        )
        // "email me at sam.k@… the subject of …": the address is where "me" is (the words between were read as the field).
        .replacingMatches(
            of: #"(?i)\b(e-?mail|send|mail|forward)\s+me\s+(?:at|on)\s+"# + address, with: "$1 $2"
        )
        .replacingMatches(of: role + #"\s*\(\s*"# + address + #"\s*\)"#, with: "$1")
        .replacingMatches(
            of: "(" + role + #")\b([^.?!\n@]*)([?.!])\s*(?:she|he|they)(?:'s|’s|\s+is|\s+are|'re|’re)\s+(?:at\s+)?"# + address
                + #"\s*[.!]?\s*$"#,
            with: "$4$2$3", options: .caseInsensitive
        )
        // "… and email her the amount due - her address is ingrid@…": she is mailed there ("her address is …" was sent as
        // the message).
        .replacingMatches(
            of: #"\b(e-?mail|send|mail|message|forward)\s+(?:her|him|them)\b([^\n@]*?)\s*(?:[.!?;,]|\s[-–—])\s*"#
                + #"(?:(?:her|his|their)\s+(?:e-?mail\s+)?(?:address|e-?mail)(?:'s|’s|\s+is)|(?:she|he|they)(?:'s|’s|\s+is|\s+are|'re|’re))"#
                + #"\s+(?:at\s+)?"# + address + #"\s*[.!]?\s*$"#,
            with: "$1 $3$2", options: .caseInsensitive
        )
        // "any emails from my boss? her address is kate@…": mail from her.
        .replacingMatches(
            of: #"(\bfrom\s+)"# + role + #"\b([^.?!\n@]*)([?.!])\s*(?:her|his|their)\s+(?:e-?mail\s+)?(?:address|e-?mail)"#
                + #"(?:'s|’s|\s+is)\s+(?:at\s+)?"# + address + #"\s*[.!]?\s*$"#,
            with: "$1$4$2$3", options: .caseInsensitive
        )
    }
}
