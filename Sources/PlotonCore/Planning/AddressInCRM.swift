import Foundation

/// "Tell Hiro Nakamura the Vandelay contract is ready for signature. His address is in the CRM.", "Set up lunch with Hiro
/// Nakamura … His email should be in the CRM.": the one person the prompt names, looked up in the CRM first, so the message
/// or the invitation goes to the address found there (it was asked for).
enum AddressInCRM {
    static let note =
        // "- her email's in the CRM": the contraction too.
        #"(?i)(?:(?<=[.!?])\s+|\s*\(\s*|\s+[-–—]\s+|,\s+)(?:(?:his|her|their)\s+(?:e-?mail\s+)?(?:address|email|e-mail)"#
        + #"(?:\s+(?:is|should\s+be|['’]s|will\s+be|can\s+be\s+found)|['’]s)"#
        // "- she's in the CRM": the person, so their address.
        + #"|(?:she|he|they)(?:['’]s|['’]re|\s+is|\s+are)(?:\s+already)?)\s+(?:in|on)\s+(?:the\s+|our\s+)?(?:crm|hubspot)\s*\)?[.!]?"#

    static func resolved(_ prompt: String) -> String {
        guard let found = prompt.rangeOfMatch(of: note) else { return prompt }
        var rest = prompt
        rest.replaceSubrange(found, with: found.upperBound == prompt.endIndex ? "" : " ")
        rest = rest.trimmingCharacters(in: .whitespaces)
        // "Invite Grace Garcia to a second viewing at 5 Rowan Mews …": the one named after the verb, when places are named too.
        let names = PartyNames.fullNames(in: rest)
        let addressed = names.filter { name in
            rest.rangeOfMatch(
                of: #"(?i)\b(?:invite|email|e-mail|tell|message|ping|with|send|notify)\s+"# + NSRegularExpression.escapedPattern(for: name))
                != nil
        }
        guard let name = names.count == 1 ? names.first : (addressed.count == 1 ? addressed.first : nil) else { return prompt }
        // "… then tell him …": the person found, as the request's steps read a pronoun after a look-up.
        let pronoun =
            ["his": "him", "her": "her", "he": "him", "she": "her", "he's": "him", "she's": "her", "he’s": "him", "she’s": "her"][
                prompt[found].lowercased().split(separator: " ").first { $0 != "(" && $0 != "-" && $0 != "," }
                    .map(String.init) ?? ""] ?? "them"
        rest = rest.replacingOccurrences(of: name, with: pronoun)
        return "Look up \(name) in the CRM, then " + rest.prefix(1).lowercased() + rest.dropFirst()
    }
}
