import Foundation
import PlotonCore

/// One claimed attempt, ready to go: the body to sign and send, or the reason it is not sent.
struct WebhookAttempt: Sendable {
    enum Plan: Sendable {
        case send(body: Data, secrets: [WebhookSecret])
        case fail(WebhookDeliverer.Outcome)
    }

    let delivery: WebhookOutboxRow
    /// Attempts in one lane reach the receiver one after another: a task's events to one URL.
    let lane: String?
    let plan: Plan
    /// The `traceparent` stored with the event's task (tracing on): the attempt's span joins its trace.
    var traceparent: String? = nil
    /// When what the event tells became visible, for the delivery latency (completion → 2xx): the
    /// commit of a row handed over in memory, else the event's time (a retry's too, not the retry's).
    var occurredAt: Date? = nil

    static func lane(url: String, taskID: String?) -> String? { taskID.map { "\(url) \($0)" } }
}

/// How an attempt went, for `WebhookOutcomes` to record.
struct WebhookResult: Sendable {
    let delivery: WebhookOutboxRow
    let outcome: WebhookDeliverer.Outcome
    let durationMs: Int?
    /// The attempt's `occurredAt`, and when the receiver answered.
    var occurredAt: Date? = nil
    var answeredAt: Date? = nil
}
