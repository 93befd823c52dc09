import Foundation

/// "Send a meeting invite to ann@… for Friday 10am titled Planning": an invitation is sent by making the event with
/// them as its attendee (the calendar was listed and emailed to them).
enum InviteRequests {
    static func resolved(_ prompt: String) -> String {
        prompt.replacingOccurrences(
            of: #"(?i)\b(?:send|email|shoot)\s+(?:out\s+)?(?:an?\s+)?(?:meeting|calendar|event)\s+invit(?:e|ation)\s+(?:to|for)\s+"#,
            with: "schedule a meeting with ", options: .regularExpression)
    }
}
