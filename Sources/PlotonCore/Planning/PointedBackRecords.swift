import Foundation

/// A sentence that names a record and says what happened to it, then a request that points back at it with a
/// pronoun: "Umbrella Corp signed!! move their deal to closed won" (the deal was asked for by id), "Maria Lopez's
/// email in HubSpot bounces. Update it to maria.lopez@…" ("it" was read as the record to update, with nothing to
/// find it by). The request is written with the record named, and the sentence that only told what happened goes.
enum PointedBackRecords {
    private static let name = #"((?:[A-Z][\w&'.-]*\s+){0,3}[A-Z][\w&'.-]*)"#
    private static let sentenceEnd = #"[^.!?\n]{0,60}?[.!?]+\s+"#

    static func resolved(_ prompt: String) -> String {
        // "Sales manager: the Fjord Analytics deal moved to contract sent. Update it in the CRM, …": the deal moved there (a new
        // deal was asked for).
        let prompt = prompt.replacingMatches(
            of:
                #"(?i)^(?:[^.:\n"“]{1,40}:\s*)?(the\s+[^.!?\n]{1,60}?\s+deal)\s+(?:has\s+)?(?:just\s+)?(?:moved|went|progressed|advanced|is\s+now)\s+"#
                + #"(?:on\s+)?(?:to|in|into|at)\s+([^.!?\n,]{2,40}?)\s*[.!,]\s+(?:please\s+|pls\s+|so\s+)?(?:update|change|reflect|mark)\s+"#
                + #"(?:it|that|this)(?:\s+in\s+(?:the\s+)?(?:crm|hubspot))?"#,
            with: "move $1 to $2"
        )
        // "close the Hooli deal as lost": its stage set ("close" was taken for an action no tool has).
        return prompt.replacingMatches(
            of: #"(?i)\bclose(?:\s+out)?\s+((?:the|their|its|our)\s+(?:[^.!?\n]{1,40}?\s+)?deal)\s+(?:as\s+)?(won|lost)\b"#,
            with: "mark $1 closed $2"
        )
        .replacingMatches(
            of: #"^"# + name + #"\s+(?:just\s+|finally\s+|officially\s+)?"#
                + #"(?:signed|closed|churned|renewed|cancell?ed|upgraded|downgraded|agreed|accepted|said\s+yes|is\s+in|went\s+with\s+us)\b"#
                + sentenceEnd + #"(?:(?:please|pls|so|now|then|ok)\s+)?([A-Za-z]+)\s+(?:their|its|the)\s+deal\b"#,
            with: "$2 the $1 deal"
        )
        .replacingMatches(
            of: #"^"# + name + #"(['’]s\s+(?:e-?mail(?:\s+address)?|phone(?:\s+number)?|number|company|job\s+title|title))"#
                + #"(\s+(?:in|on)\s+(?:HubSpot|the\s+CRM))?\b"# + sentenceEnd
                + #"(?:(?:please|pls|so|can\s+you|could\s+you)\s+)?(update|change|set|fix|correct|switch)\s+it\s+to\b"#,
            with: "$4 $1$2$3 to", options: .caseInsensitive
        )
    }
}
