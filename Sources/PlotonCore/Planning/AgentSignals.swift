import Foundation

/// What agent frameworks write around a request for each other, which asks nothing of a tool: a tag naming the
/// hand-off ("[handoff from ResearchAgent]") and the word that ends the exchange ("Reply TERMINATE when done."). Read
/// as words, the tag was searched for as a file name (a silent drop) and the sign-off refused as a reply.
enum AgentSignals {
    static let tag = try? NSRegularExpression(
        pattern:
            #"^\s*\[(?=[^\]\n]{0,60}\b(?:hand-?off|handed|relay(?:ed)?|forwarded|from|agent|delegat\w*|semantic\s+kernel|autogen|crewai|"#
            + #"langchain|langgraph|llamaindex|haystack)\b)[^\]\n]{1,60}\]\s*"#,
        options: [.caseInsensitive])

    /// "[end-user: user_789 | locale: en-GB | plan: pro]" opening the prompt: the request's metadata, keys and values
    /// (the end user is read from it before), no request ("plan: pro" listed subscriptions; "[end user: Daniela, …,
    /// timezone UTC] Check whether …" was looked up as a place).
    static let metadata = try? NSRegularExpression(
        pattern: #"^\s*\[(?![\s{\["'])(?=[^\]\n]*[:=])(?=[^\]\n]*[|;,])[^\]\n]{1,300}\][ \t]*(?:\n|(?=\S))"#)

    /// "Reply TERMINATE when done.", "Respond with DONE once finished.": a word in capitals that signals the end.
    static let signOff = try? NSRegularExpression(
        pattern: #"(?:^|(?<=[.!?\n]))\s*(?i:please\s+)?(?i:reply|respond|answer|say|output|write|return|end)\s+(?i:with\s+)?"#
            + #"["'`]?[A-Z][A-Z_]{2,}["'`]?\s+(?i:when|once|after|if)\b[^.!?\n]*[.!?]?"#)

    /// "… cc @planner_agent when done", "ping @ops-bot once finished": an agent to tell afterwards, which the framework
    /// does (it was written into the email's body).
    static let agentCopy = try? NSRegularExpression(
        pattern: #"(?<![\w@])(?i:cc|notify|ping|tag|loop\s+in)\s+@[\w-]+\s+(?i:when|once|after)\b[^.!?\n]*[.!?]?\s*$"#)

    /// "Handoff from triage_agent to billing_agent.", "Transferred from SupportBot to BillingAgent.": a sentence saying which
    /// agent passed the request to which; read as words, "billing" listed every invoice before the customer was found.
    static let handoff = try? NSRegularExpression(
        pattern: #"(?:^|(?<=[.!?\n]))[ \t]*(?i:hand-?(?:ing\s+)?off|handed\s+off|handoff|transferr?(?:ed|ing)?|rout(?:ed|ing)|"#
            + #"delegat(?:ed|ing|ion)|escalated|passed|passing|forwarded)\b[^.!?\n:,;]{0,80}?\b[\w-]*(?i:agent|bot)\b[^.!?\n:,;]{0,20}?"#
            + #"(?:[.!]+(?=\s|$)|(?=\n)|$)"#)

    /// "UserProxy: @assistant please …", "@agent list …": the agent the request is addressed to, mentioned.
    static let mention = try? NSRegularExpression(
        pattern: #"^(\s*(?:[\w\- ]{1,30}(?:\s*(?:->|→|=>)\s*[\w\- ]{1,30})?\s*:\s*)?)"#
            + #"@[\w-]*(?:assistant|agent|bot|ploton|executor|copilot)[\w-]*[,:]?\s+"#,
        options: [.caseInsensitive])

    static func removed(_ prompt: String) -> String {
        var text = prompt
        if let mention {
            // "UserProxy: @Assistant please create …": the speaker goes with the mention (the heading pass has run).
            text = mention.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
        }
        for pattern in [metadata, tag, signOff, handoff, agentCopy].compactMap({ $0 }) {
            text = pattern.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? prompt : trimmed
    }
}
