import Foundation

/// "Send a meeting invite to ann@… for Friday 10am titled Planning": an invitation is sent by making the event with
/// them as its attendee (the calendar was listed and emailed to them). "Invite Chloe Okafor and Daniel Reyes (their
/// emails are in the CRM) to …", "… with Chloe Okafor; grab her email from the CRM": each person found in the CRM
/// first, then invited (the event was made with no attendees).
enum InviteRequests {
    /// Where the prompt says the invitees' addresses are.
    static let crmHint =
        #"(?i)\s*\((?:their|her|his)\s+e-?mails?\s+(?:is|are)\s+in\s+(?:the\s+)?(?:crm|hubspot)\)"#
        + #"|(?:[;,.]|\s[-–—])?\s*(?:(?:and|please)\s+)?(?:grab|get|take|pull|use|look\s+up|find|fetch)\s+(?:her|his|their)\s+e-?mails?(?:\s+addresses)?\s+"#
        + #"(?:from|in)\s+(?:the\s+)?(?:crm|hubspot)(?:\s+so\s+[^.;]*)?"#
        + #"|(?:[;,.]|\s[-–—])\s*(?:their|her|his)\s+e-?mails?\s+(?:is|are)\s+in\s+(?:the\s+)?(?:crm|hubspot)\b"#

    static func resolved(_ prompt: String) -> String {
        crmInvitees(
            pronounInvited(
                prompt.replacingMatches(
                    of:
                        #"(?i)\b(?:send|email|shoot)\s+(?:out\s+)?(?:an?\s+)?(?:meeting|calendar|event)\s+invit(?:e|ation)\s+(?:to|for)\s+"#,
                    with: "schedule a meeting with ")))
    }

    /// "Add Noor Haddad (noor@cedar.example) as a contact, then schedule 'Kickoff' on Thursday at 9:30 and invite her": the
    /// one person whose address the prompt gives, invited to the event (refused on "invite").
    static func pronounInvited(_ prompt: String) -> String {
        let addresses = Set(PromptText.emails(in: prompt).map { $0.lowercased() })
        guard addresses.count == 1, let address = addresses.first,
            let invite = prompt.rangeOfMatch(
                of:
                    #"(?i),?\s+and\s+(?:also\s+)?(?:invite|add|include)\s+(?:her|him|them)(?:\s+(?:to\s+it|too|as\s+well))?(?=\s*[.!]?\s*$)"#
            )
        else { return prompt }
        // Only where the sentence books the meeting itself ("Please put it on the calendar and invite her" is read whole).
        let sentence = prompt[..<invite.lowerBound].split(omittingEmptySubsequences: false) { ".!?".contains($0) }.last ?? ""
        guard sentence.contains(where: \.isNumber) else { return prompt }
        return prompt.replacingCharacters(in: invite, with: " with \(address)")
    }

    static func crmInvitees(_ prompt: String) -> String {
        guard let hint = prompt.rangeOfMatch(of: crmHint) else { return prompt }
        let pronoun = prompt[hint].lowercased().split(whereSeparator: { !$0.isLetter }).first { ["her", "his", "their"].contains($0) }
        var rest = prompt.replacingCharacters(in: hint, with: "")
        let names = PartyNames.fullNames(in: rest)
        guard !names.isEmpty, !names.contains(where: { $0.contains("@") }) else { return prompt }
        let object = names.count > 1 || pronoun == "their" ? "them" : pronoun == "his" ? "him" : "her"
        // "Chloe Okafor and Daniel Reyes" → "them"; the first name named stands for them all, the others go.
        let listed = names.joined(separator: #"(?:,\s*|\s+and\s+|\s*&\s*)"#)
        if let together = rest.rangeOfMatch(of: listed) {
            rest.replaceSubrange(together, with: object)
        } else {
            for name in names { rest = rest.replacingOccurrences(of: name, with: object) }
        }
        let finds = names.map { "Find \($0) in the CRM." }.joined(separator: " ")
        return finds + " " + rest.trimmingCharacters(in: .whitespaces)
    }
}
