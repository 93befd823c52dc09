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
}

/// How an attempt went, for `WebhookOutcomes` to record.
struct WebhookResult: Sendable {
    let delivery: WebhookOutboxRow
    let outcome: WebhookDeliverer.Outcome
    let durationMs: Int?
}
