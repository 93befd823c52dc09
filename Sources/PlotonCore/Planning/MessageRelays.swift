import Foundation

/// A message read in one place and sent on to another, written with verbs that name neither a read nor a post:
/// "Copy the last message from #support into #escalations" (asked for a name, as a file copy),
/// "Take the latest message in #support and post it to #escalations" (refused: no tool can "take"),
/// "Send the latest email from Ben to kim@…" (the search's ids were sent, not the message).
enum MessageRelays {
    static let channelRelay = try? NSRegularExpression(
        pattern:
            #"\b(?:copy|take|forward|move|pass|relay|bring|send)\s+(?:over\s+)?((?:the|that)\s+(?:(?:most\s+recent|latest|last|newest|top|first)\s+)?(?:message|post))\s+((?:from|in|on)\s+#[\w-]+)\s+(?:over\s+|across\s+)?(?:to|into|in|on)\s+(?=#[\w-]+)"#,
        options: [.caseInsensitive])

    static let taken = try? NSRegularExpression(
        pattern:
            #"(?:^|(?<=[.!?:]\s)|(?<=\n))take\s+(?=(?:the|my|our)\s+(?:[\w'’-]+\s+){0,3}?(?:messages?|e-?mails?|invoices?|deals?|contacts?|files?|events?|meetings?|subscriptions?)\b[^.!?\n]*?\s(?:and|then)\s)"#,
        options: [.caseInsensitive])

    static let emailSent = try? NSRegularExpression(
        pattern:
            #"\b(?:send|e-?mail|mail)\s+(?=(?:my|the)\s+(?:most\s+)?(?:recent|latest|newest|last|first|oldest)\s+(?:unread\s+)?(?:e-?mail|mail)\b(?!\s+(?:address|addresses)\b))"#,
        options: [.caseInsensitive])

    /// "Copy the last message from #support into #escalations" → "repost the last message from #support to #escalations";
    /// "Take the latest message in #support and post it …" → "get the latest message in #support and post it …";
    /// "Send the latest email from Ben to kim@…" → "forward the latest email from Ben to kim@…".
    static func resolved(_ prompt: String) -> String {
        var prompt = prompt
        prompt = replaced(channelRelay, in: prompt) { "repost \($0[1]) \($0[2]) to " }
        prompt = replaced(taken, in: prompt) { _ in "get " }
        prompt = replaced(emailSent, in: prompt) { _ in "forward " }
        return prompt
    }

    static func replaced(_ regex: NSRegularExpression?, in prompt: String, with replacement: ([String]) -> String) -> String {
        guard let regex else { return prompt }
        var result = prompt
        for match in regex.matches(in: prompt, range: NSRange(prompt.startIndex..., in: prompt)).reversed() {
            guard let whole = Range(match.range, in: result) else { continue }
            let groups = (0..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: result).map { String(result[$0]) } ?? ""
            }
            result.replaceSubrange(whole, with: replacement(groups))
        }
        return result
    }
}
