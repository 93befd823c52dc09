import Foundation

/// "email the team about the outage. send it to oncall@…, subject "…", body: …" (often the two turns of a chat): a send
/// that names no recipient, followed by one that sends "it" to someone, is the same send said again with its details.
/// Planned as two, the first asked for the recipient and the body the second gave.
enum FollowUpDeliveries {
    static let sendsIt =
        #"^(?:(?:and|then|so|ok|okay|yes|sure)[,]?\s+)*(?:please\s+)?(?:send|e-?mail|mail|post|share)\s+it\s+(?:to|in|on)\s"#

    static func merged(_ clauses: [PromptClause]) -> [PromptClause] {
        var clauses = clauses
        for index in clauses.indices.dropFirst().reversed() where clauses[index].kind == .deliver && namesRecipient(clauses[index]) {
            guard clauses[index].text.rangeOfMatch(of: sendsIt, options: .caseInsensitive) != nil,
                let earlier = clauses[..<index].lastIndex(where: { $0.kind == .deliver }),
                !namesRecipient(clauses[earlier]), clauses[earlier].words.isDisjoint(with: ["me", "us", "myself"])
            else { continue }
            clauses.remove(at: earlier)
        }
        return clauses
    }

    static func namesRecipient(_ clause: PromptClause) -> Bool {
        !PromptText.emails(in: clause.text).isEmpty || !PromptText.channels(in: clause.text).isEmpty
    }
}
