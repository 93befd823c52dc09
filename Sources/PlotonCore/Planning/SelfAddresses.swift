import Foundation

/// "Email me the subject of my latest email. I'm jo@tailspin.com.": the user's own address, stated
/// in a sentence of its own, is where "me" is emailed (the send asked for the address again).
enum SelfAddresses {
    private static let statement =
        #"(?i)(?:^|(?<=[.!?;\n])|(?<=\s[-–—]))\s*(?:i'm|i’m|im|i\s+am|me\s*[=:]|this\s+is|(?:my|our)\s+(?:e-?mail(?:\s+address)?|address|inbox)(?:\s+is|:)|"#
        + #"(?:you\s+can\s+)?(?:reach|find)\s+me\s+at|i'm\s+at|send\s+it\s+to)\s+([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*(?:[.!;,]|\s[-–—](?=\s)|$)"#

    static func resolved(_ prompt: String) -> String {
        // Someone else's words quoted ("Below is what Tomasz sent me: > … send me our latest invoice? My address is …"):
        // their "me" is them.
        let reported = #"(?im)^\s*>|\b(?:wrote|writes|said|says|sent\s+me|asked|asks|messaged)\s*:"#
        // "… my latest email from kwame@… — send it to j.ortega@…": whom a read email came from is no one to send to.
        let recipients = PromptText.emails(in: prompt).filter { address in
            prompt.rangeOfMatch(of: #"(?i)\b(?:from|by)\s*:?\s*"# + NSRegularExpression.escapedPattern(for: address))
                == nil
        }
        guard recipients.count == 1, prompt.rangeOfMatch(of: reported) == nil,
            let match = prompt.rangeOfMatch(of: statement),
            let address = PromptText.emails(in: String(prompt[match])).first
        else { return prompt }
        // "Email me tomorrow's schedule - I'm sam@… - so I know …": an aside between dashes goes with both of them.
        var aside = match
        if prompt[match].last.map({ "-–—".contains($0) }) == true,
            let dash = prompt[..<match.lowerBound].range(of: #"\s[-–—]$"#, options: .regularExpression)
        {
            aside = dash.lowerBound..<match.upperBound
        }
        let rest = prompt.replacingCharacters(in: aside, with: prompt[aside].hasSuffix("\n") ? "\n" : " ")
        let sendsToMe = #"(?i)\b(email|e-mail|mail|send|forward)(\s+(?:it\s+|that\s+|this\s+|them\s+)?(?:to\s+)?)me\b"#
        guard rest.rangeOfMatch(of: sendsToMe) != nil else { return prompt }
        return rest.replacingMatches(of: sendsToMe, with: "$1$2\(address)")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
