import Foundation

/// A trade's own words for the records the tools keep: a charity's pledges and grants are the CRM's deals, its monthly
/// donors Stripe's subscriptions, its volunteers and donors the CRM's contacts. Said in the tools' words, the request is
/// planned as any other (nothing in "What stage is the Hooli Expansion grant at" matched a tool).
enum DomainNouns {
    /// A capitalised word of a name, not a verb opening the request ("Post Chloe Okafor's balance").
    private static let nameWord =
        #"(?!(?:post|send|email|tell|share|get|show|give|find|check|pull|drop|put|message|ping|slack|what|please|and|then)\b)"#
        + #"(?-i:\p{Lu})[\p{L}'’-]+"#

    private static let rules: [(NSRegularExpression, String)] = [
        // "the Hooli Expansion grant", "open pledges", "log a new pledge": deals. Not "grant access to …", "pledged".
        // (Lower case: "Oliver Grant's latest invoice" is a person's.)
        // (Not in an address, "oliver.grant@…", nor the verb: "grant Diego Rossi edit access".)
        (
            #"(?<!\bto\s)(?<![\w.@+-])grant(s)?(?![\w.@+-])(?!\s+(?:\p{Lu}|(?i:access|permission|permissions|rights|him|her|them|me|us|you|edit|view)\b))"#,
            "deal$1"
        ),
        (#"(?<![\w.@+-])pledge(s)?(?![\w.@+-])"#, "deal$1"),
        (#"(?i)(?<![\w.@+-])membership(s)?(?![\w.@+-])"#, "subscription$1"),
        // "Create a new client record: …", "Add a buyer: Tom Aldridge, …": a contact.
        (#"(?i)\bclient\s+(?:record|profile|entry|card|file)\b"#, "contact"),
        (
            #"(?i)\b(add|create|new)\s+(?:a\s+|an\s+)?(?:new\s+)?(?:buyer|tenant|landlord|client|patient|student|parent|donor|volunteer|member|vendor|supplier)(?=\s*[:,(-])"#,
            "$1 a contact"
        ),
        // "Save the client list from the CRM to Drive": the CRM's contacts (Stripe's customers were read).
        (#"(?i)\b(?:the\s+)?client(?:s|\s+list)\b(?=\s+(?:from|in|on)\s+(?:the\s+)?(?:crm|hubspot)\b)"#, "the contacts"),
        (#"(?i)\b(?:monthly|recurring|regular)\s+(?:donors|givers|supporters|donations|gifts)\b"#, "subscriptions"),
        (#"(?i)\b(?:monthly|recurring|regular)\s+(?:giving|donation|gift)\b"#, "subscription"),
        // "How many volunteers and donors do we have in the CRM": its contacts.
        (
            #"(?i)\b(?:volunteers|donors|parents|members|supporters|alumni)(?:\s+(?:and|&|or)\s+(?:volunteers|donors|parents|members|supporters|alumni))*(?=\s+(?:do\s+we\s+have\s+)?(?:in|on)\s+(?:the\s+|our\s+)?(?:crm|hubspot)\b)"#,
            "contacts"
        ),
        // "Post Chloe Okafor's outstanding balance in #support": what her open invoices still ask (only the words were posted).
        (
            #"(?i)\b((?:"# + nameWord + #"\s+){0,2}"# + nameWord + #"['’]s?)\s+(?:outstanding\s+|current\s+|unpaid\s+|open\s+|account\s+)?"#
                + #"balance(?:\s+(?:owed|due|outstanding))?\b"#,
            "the total amount due of $1 open invoices"
        ),
    ].compactMap { pattern, template in (try? NSRegularExpression(pattern: pattern)).map { ($0, template) } }

    static func resolved(_ prompt: String) -> String {
        PromptText.rewritten(prompt, by: rules)
    }
}
