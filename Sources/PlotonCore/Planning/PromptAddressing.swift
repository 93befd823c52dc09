import Foundation

/// Whom a request is to or from, and a meeting wanted: "Hi Ploton,", "From the user's assistant:", "Assistant to
/// Ploton:" are never a part of the request ("no tool here can ploton that"; "From the user's assistant: please save
/// a file …" listed files), and "the user wants a meeting titled … at 2:30pm" is one to schedule (no verb said so),
/// written as the framing reads a request ("wants to schedule …"). Read before the framing ("The user wants …") is.
enum PromptAddressing {
    /// "Hi Ploton,", "Hello team!", "From the user's assistant:", "Assistant to Ploton:".
    static let addressing = try? NSRegularExpression(
        pattern:
            #"^(?:(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening))\s+(?:ploton|there|team|assistant|all)\b[,!.:]*|(?:from|via)\s+(?:the\s+|an?\s+)?[\w'’ -]{0,40}?(?:assistant|agent|bot|copilot)\s*:|(?:the\s+|an?\s+)?[\w'’ -]{0,40}?(?:assistant|agent|bot|copilot)\s+to\s+ploton\s*:"#
            // "Sales-ops agent: update …": the agent speaking, then its request.
            + #"|(?:the\s+|our\s+|my\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,2}\s+(?:assistant|agent|bot|copilot)\s*:(?=\s*\S))\s*"#,
        options: [.caseInsensitive])

    /// "wants a meeting titled …", "needs a call with …", with a time: a meeting to schedule.
    static let wantedEvent = try? NSRegularExpression(
        pattern:
            #"\b(wants|want|would like|needs|need|requests|asked for)\s+(?=(?:a|an)\s+(?:[\w'-]+\s+){0,2}(?:meeting|call|event|sync|1:1|appointment|catch-up|check-in)\b)"#,
        options: [.caseInsensitive])

    /// "User request (forwarded by the scheduling agent):" on a line of its own, the request in the lines after it.
    static let heading = try? NSRegularExpression(
        pattern: #"^[^\n:]{0,80}\b(?:request|requests|forwarded|handoff|hand-off|task|instructions|message)\b[^\n:]{0,60}:[ \t]*\n"#,
        options: [.caseInsensitive])

    /// The request without a heading line (read first: the heading made the lines after it read as one structure).
    static func withoutHeading(_ prompt: String) -> String {
        guard let match = heading?.firstMatch(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)),
            let end = Range(match.range, in: prompt), !prompt[end.upperBound...].isEmpty
        else { return prompt }
        return String(prompt[end.upperBound...])
    }

    static func resolved(_ prompt: String) -> String {
        var prompt = prompt
        if let match = addressing?.firstMatch(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)),
            let end = Range(match.range, in: prompt), !prompt[end.upperBound...].isEmpty
        {
            prompt = String(prompt[end.upperBound...])
        }
        // "… Her email is bea@…. Many thanks in advance!": thanks for the work, never a part of it (the address was lost).
        prompt = prompt.replacingMatches(
            of: #"(?i)(?<=[.!?])\s+(?:(?:many\s+)?thanks|thank\s+you(?:\s+(?:so|very)\s+much)?)\s+in\s+advance[.!]*\s*$"#
                // "…, thank you very much in advance": after a comma too.
                + #"|,\s*(?:(?:many\s+)?thanks|thank\s+you(?:\s+(?:so|very)\s+much)?)\s+in\s+advance[.!]*\s*$"#
                + #"|(?<=[.!?])\s+(?:(?:that\s+would\s+be\s+)?much\s+appreciated|(?:i\s+)?appreciate\s+(?:it|your\s+help))[.!]*\s*$"#,
            with: "")
        // "got any new mail?": the question without its verb.
        if prompt.lowercased().hasPrefix("got any ") { prompt = String(prompt.dropFirst(4)) }
        if PromptText.timeOfDay(in: prompt) != nil, let wantedEvent {
            prompt = wantedEvent.stringByReplacingMatches(
                in: prompt, range: NSRange(prompt.startIndex..., in: prompt), withTemplate: "wants to schedule ")
        }
        return prompt
    }
}
