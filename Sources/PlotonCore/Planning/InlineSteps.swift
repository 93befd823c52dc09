import Foundation

/// "1. Get deals closing this month 2. Post them to #sales-leads 3. Email them to vp@…", "Steps: 1) list
/// all subscriptions 2) email them …": steps numbered on one line are as many lines, each a part, as
/// when written one under the other. Only a run numbered from 1, opening the prompt (or its label), each
/// number followed by a verb: "containing: 1) intro 2) demo" is a file's text.
enum InlineSteps {
    static let marker = try? NSRegularExpression(pattern: #"(?:^|(?<=\s))(\d{1,2})[.)]\s+(\S+)"#)
    /// "Step 1: look up …", "Step 2 - change …": the word "Step" before a number is a marker too.
    static let stepLabel = try? NSRegularExpression(
        pattern: #"(?:^|(?<=\s))step\s+(\d{1,2})\s*(?:[:.)]|\s[-–—])\s+"#, options: [.caseInsensitive])

    /// "a) schedule … b) post …", "(a) … (b) …": lettered steps are numbered ones.
    static let letter = try? NSRegularExpression(pattern: #"(?:^|(?<=\s))\(?([a-h])\)\s+"#)

    static func lines(_ prompt: String) -> String {
        var prompt =
            stepLabel?.stringByReplacingMatches(in: prompt, range: NSRange(prompt.startIndex..., in: prompt), withTemplate: "$1. ")
            ?? prompt
        prompt = numbered(letters: prompt)
        // "contacts -> csv on drive": records exported to a file of that kind (as two steps, the Drive was listed).
        prompt = prompt.replacingMatches(
            of:
                #"(?i)^([^>\n]{2,80}?)\s*(?:->|-->|→|=>)\s*(?:an?\s+)?(csv|spreadsheet|sheet|json)(?:\s+file)?\s+(?:on|in|to)\s+((?:google\s+)?drive)\b"#,
            with: "export $1 to a $2 on $3")
        guard let marker, !prompt.contains("\n") else { return prompt }
        let text = prompt as NSString
        let matches = marker.matches(in: prompt, range: NSRange(location: 0, length: text.length))
        // The run 1, 2, 3 … in order; the first one opens the prompt or follows a label ("Steps:").
        var run: [NSTextCheckingResult] = []
        for match in matches where Int(text.substring(with: match.range(at: 1))) == run.count + 1 {
            let word = text.substring(with: match.range(at: 2)).lowercased().trimmingCharacters(in: .punctuationCharacters)
            let verb = PromptClauses.base(word)
            // "3. slack #sales: …": a service written as a verb is one too.
            guard
                PromptClauses.actionVerbs[verb] != nil || PromptClauses.readVerbs.contains(verb) || PromptClauses.brandVerbs.contains(verb)
            else { break }
            run.append(match)
        }
        guard run.count >= 2, let first = run.first else { return prompt }
        let opening = text.substring(to: first.range.location).trimmingCharacters(in: .whitespaces)
        guard opening.isEmpty || (opening.hasSuffix(":") && opening.split(separator: " ").count <= 3) else { return prompt }
        var lined = prompt
        for match in run.reversed() {
            guard let range = Range(match.range, in: lined) else { return prompt }
            lined.replaceSubrange(range.lowerBound..<range.lowerBound, with: "\n")
        }
        return lined
    }

    /// The letters a, b, c … in order as 1., 2., 3. …; anything else as written.
    static func numbered(letters prompt: String) -> String {
        guard let letter else { return prompt }
        let text = prompt as NSString
        let matches = letter.matches(in: prompt, range: NSRange(location: 0, length: text.length))
        var run: [NSTextCheckingResult] = []
        for match in matches where text.substring(with: match.range(at: 1)) == String(UnicodeScalar(UInt8(97 + run.count))) {
            run.append(match)
        }
        guard run.count >= 2 else { return prompt }
        var numbered = prompt
        for (index, match) in run.enumerated().reversed() {
            guard let range = Range(match.range, in: numbered) else { return prompt }
            numbered.replaceSubrange(range, with: "\(index + 1). ")
        }
        return numbered
    }
}
