import Foundation

/// A message written under the line that sends it: "Post this to #engineering:" and then the text, a line
/// at a time ("Release 4.2 is out.", "- faster sync", "Thanks all!"). The lines are the message as
/// written, so they are quoted whole, line breaks and bullets kept; read as sentences of the prompt, they
/// were joined into one line and lost their bullets, or a line of them was read as a request of its own.
enum MessageBlocks {
    static func quoted(_ prompt: String) -> String {
        let lines = prompt.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let opening = lines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return prompt }
        let request = lines[opening].trimmingCharacters(in: .whitespaces)
        var text = lines[(opening + 1)...].drop { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        // "…\n\nThen save the same text to Drive as deploy-freeze.txt.": after a blank line, a line going on with the
        // request ends the message (it was posted as its last line, and the upload dropped).
        // "…\nBlockers: none\nand after that upload same text to Drive as standup.txt": so does a line that goes on with
        // "and then", "and after that" to an act, blank line or not.
        var after: [String] = []
        if let next = text.indices.dropFirst().first(where: { index in
            (text[index - 1].trimmingCharacters(in: .whitespaces).isEmpty
                && text[index].rangeOfMatch(
                    of: #"(?i)^\s*(?:then|also|and\s+then|and\s+also|after\s+that|afterwards|next|finally)\b"#)
                    != nil)
                || text[index].rangeOfMatch(
                    of: #"(?i)^\s*(?:and\s+(?:then|also|after\s+that|afterwards)|after\s+that|afterwards)\b.*\b"#
                        + #"(?:upload|save|email|e-mail|send|post|share|create|add|put|store|schedule|book)\b"#) != nil
                // "Then save the same notice on Drive as closure-notice.txt.": an act with where it goes.
                || text[index].rangeOfMatch(
                    of:
                        #"(?i)^\s*then\s+(?:also\s+)?(?:upload|save|email|e-mail|send|post|share|store|put)\b.*(?:\bdrive\b|@|#|\.[a-z]{2,4}\b)"#
                )
                    != nil
        }) {
            after = Array(text[next...])
            text = text[..<next]
        }
        let body = text.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        // Two lines at least: one line after the colon is read as the sentence it is already.
        guard request.hasSuffix(":"), body.contains("\n"), !body.contains(where: { "“”".contains($0) }),
            PromptClauses.classify(String(request.dropLast())).0 == .deliver,
            // "Subject: …", "Body: …" lines are the labelled values `StructuredRequest` reads.
            !text.contains(where: { StructuredRequest.keyValue($0.trimmingCharacters(in: .whitespaces)) != nil })
        else { return prompt }
        // "Post this in #eng and also save it to Drive as notice.txt:": the text stands where "this" does, so the post carries
        // it and the save after it refers to it (the text went to the save alone, and the post asked for one).
        // A text that quotes someone ("As you said, "the export is the blocker."") is held in curly quotes, so its own
        // quote stays in it (only the quoted sentence was sent).
        let quoted = body.contains("\"") ? "“" + body + "”" : "\"" + body + "\""
        if let this = request.rangeOfMatch(of: #"(?i)\b(?:this|the\s+following)\b(?=.*\band\b)"#) {
            let placed = request.replacingCharacters(in: this, with: quoted).dropLast()
            return (lines[..<opening] + [String(placed)] + after).joined(separator: "\n")
        }
        return (lines[..<opening] + [request + " " + quoted] + after).joined(separator: "\n")
    }
}
