import Foundation

/// A message read in one place and sent on to another, written with verbs that name neither a read nor a post:
/// "Copy the last message from #support into #escalations" (asked for a name, as a file copy),
/// "Take the latest message in #support and post it to #escalations", "take the subject line of my latest email and …"
/// (refused: no tool can "take"),
/// "Send the latest email from Ben to kim@…" (the search's ids were sent, not the message).
enum MessageRelays {
    static let channelRelay = try? NSRegularExpression(
        pattern:
            #"\b(?:copy|take|forward|move|pass|relay|bring|send)\s+(?:over\s+)?((?:the|that)\s+(?:(?:most\s+recent|latest|last|newest|top|first)\s+)?(?:message|post))\s+((?:from|in|on)\s+#[\w-]+)\s+(?:over\s+|across\s+)?(?:to|into|in|on)\s+(?=#[\w-]+)"#,
        options: [.caseInsensitive])

    static let taken = try? NSRegularExpression(
        pattern:
            #"(?:^|(?<=[.!?:]\s)|(?<=\n))take\s+(?=(?:the|my|our)\s+(?:[\w'’-]+\s+){0,7}?(?:messages?|e-?mails?|invoices?|deals?|contacts?|files?|events?|meetings?|subscriptions?)\b[^.!?\n]*?\s(?:and|then)\s)"#,
        options: [.caseInsensitive])

    static let emailSent = try? NSRegularExpression(
        pattern:
            #"\b(?:send|e-?mail|mail)\s+(?=(?:my|the)\s+(?:most\s+)?(?:recent|latest|newest|last|first|oldest)\s+(?:unread\s+)?(?:e-?mail|mail)\b(?!\s+(?:address|addresses)\b))"#,
        options: [.caseInsensitive])

    /// "Tell #leadership what the subject line of my most recent email is": that field, sent (the whole message was).
    static let fieldTold = try? NSRegularExpression(
        pattern:
            #"\b(?:tell|let)\s+(#[\w-]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s+(?:know\s+)?what\s+((?:the|its|their)\s+[^.?!\n]{1,60}?\s+of\s+[^.?!\n]{1,80}?)\s+(?:is|was)\b"#,
        options: [.caseInsensitive])

    /// "… and tell #sales-leads its amount and stage", "tell #ops the amount and stage of the Wayne deal": those fields,
    /// sent (the words were posted as they stand, or the lookup did not reach the post). "tell #sales the deal closed" is
    /// said as written.
    static let fieldsTold = try? NSRegularExpression(
        pattern:
            #"\b(?:tell|let)\s+(#[\w-]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s+(?:know\s+)?(?:what\s+)?"#
            + #"((?:its|their|his|her)\s+[a-z]+(?:\s+[a-z]+)?(?:(?:,\s*|\s+and\s+|,\s+and\s+)[a-z]+(?:\s+[a-z]+)?)*"#
            + #"|the\s+[a-z]+(?:\s+[a-z]+)?(?:(?:,\s*|\s+and\s+|,\s+and\s+)[a-z]+(?:\s+[a-z]+)?)*"#
            + #"\s+of\s+(?:(?!\s(?:and|then)\s)[^.?!\n]){1,80}?)(?:\s+(?:is|are|was|were))?(?=\s*(?:[.?!\n]|$))"#,
        options: [.caseInsensitive])

    /// "Check the status of payment pi_… and tell the #billing channel whether it succeeded": the status read, sent (the
    /// words "channel whether it succeeded" were posted).
    static let outcomeTold = try? NSRegularExpression(
        pattern:
            #"\b(?:tell|let)\s+(?:the\s+)?(#[\w-]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)(?:\s+channel)?\s+(?:know\s+)?(?:whether|if)\s+"#
            + #"(?:it|the\s+(?:payment|charge|refund))\s+(?:succeeded|went\s+through|failed|worked|cleared|was\s+successful|is\s+paid)"#
            + #"(?:\s+or\s+not)?"#,
        options: [.caseInsensitive])

    /// "tell #deliveries whats on my cal this aft", "let ann@… know what's on my calendar tomorrow": the events read, sent
    /// (the question's words were posted).
    static let scheduleTold = try? NSRegularExpression(
        pattern:
            #"\b(?:tell|let)\s+(#[\w-]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s+(?:know\s+)?(what(?:['’]?s|\s+is)\s+on\s+(?:my|our|the)\s+(?:calendar|cal|schedule|agenda)\b[^.?!\n,;]*?)(?=\s*(?:[.?!\n,;]|\s(?:and|then)\s|$))"#,
        options: [.caseInsensitive])

    /// "Copy the last message from #support into #escalations" → "repost the last message from #support to #escalations";
    /// "Take the latest message in #support and post it …" → "get the latest message in #support and post it …";
    /// "Send the latest email from Ben to kim@…" → "forward the latest email from Ben to kim@…".
    static func resolved(_ prompt: String) -> String {
        [
            (channelRelay, "repost $1 $2 to "), (taken, "get "), (emailSent, "forward "), (fieldTold, "send $2 to $1"),
            (fieldsTold, "send $2 to $1"), (outcomeTold, "send its status to $1"), (scheduleTold, "send $2 to $1"),
        ].reduce(prompt) {
            text, rule in
            guard let regex = rule.0 else { return text }
            return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: rule.1)
        }
    }
}
