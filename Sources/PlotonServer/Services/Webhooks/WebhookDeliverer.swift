import Foundation
import NIOCore
import NIOHTTP1
import PlotonCore

/// Makes one prepared delivery attempt: signs the event's body for this attempt and POSTs it (no
/// redirects, the private-network policy, a timeout), and says how it went. `WebhookOutcomes`
/// records it, scheduling the next attempt or disabling an endpoint that answered `410 Gone`.
struct WebhookDeliverer: Sendable {
    let http: OutboundHTTP
    let clock: Clock

    init(services: PlotonServices) {
        var http = services.outbound
        http.timeout = .milliseconds(Int64(services.config.webhooks.timeout * 1000))
        self.http = http
        self.clock = services.clock
    }

    struct Outcome: Sendable {
        var succeeded: Bool
        var statusCode: Int?
        var error: String?
        var retry: Bool
        var retryAfter: TimeInterval?
        var gone = false

        /// Whether the receiver is keeping up: it answered, and not with 429 or a 5xx.
        var healthy: Bool {
            guard let statusCode else { return false }
            return statusCode != 429 && !(500..<600).contains(statusCode)
        }
    }

    func send(_ attempt: WebhookAttempt) async -> WebhookResult {
        switch attempt.plan {
        case .fail(let outcome): return WebhookResult(delivery: attempt.delivery, outcome: outcome, durationMs: nil)
        case .send(let body, let secrets):
            var result = await PlotonTracing.webhookAttempt(attempt) { await post(attempt.delivery, body: body, secrets: secrets) }
            (result.occurredAt, result.answeredAt) = (attempt.occurredAt, Date())
            return result
        }
    }

    private func post(_ delivery: WebhookOutboxRow, body: Data, secrets: [WebhookSecret]) async -> WebhookResult {
        var headers = HTTPHeaders([("Content-Type", "application/json"), ("User-Agent", "Ploton-Webhooks/1.0")])
        let timestamp = Int(clock.now().timeIntervalSince1970)
        for (name, value) in WebhookSignature.headers(id: delivery.event_id, timestamp: timestamp, body: body, secrets: secrets) {
            headers.add(name: name, value: value)
        }
        let started = ContinuousClock.now
        let outcome: Outcome
        do {
            let reply = try await http.send(.POST, delivery.url, headers: headers, body: ByteBuffer(data: body))
            outcome = Self.outcome(status: reply.status, headers: reply.headers)
        } catch let failure as ToolFailure {
            outcome = Outcome(succeeded: false, error: failure.message, retry: failure.code != .destinationNotAllowed)
        } catch {
            outcome = Outcome(succeeded: false, error: "\(error)", retry: true)
        }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        return WebhookResult(delivery: delivery, outcome: outcome, durationMs: milliseconds)
    }

    static func outcome(status: Int, headers: HTTPHeaders) -> Outcome {
        switch status {
        case 200..<300: return Outcome(succeeded: true, statusCode: status, retry: false)
        case 410:
            return Outcome(
                succeeded: false, statusCode: status, error: "The receiver answered 410 Gone; the endpoint was disabled.", retry: false,
                gone: true)
        default:
            // At most a day: the schedule's own waits span about one, and the next attempt's time is stored.
            let retryAfter = TimeInterval.boundedDelay(headers.first(name: "Retry-After").flatMap { Double.finite($0) }, atMost: 86_400)
            let redirect = (300..<400).contains(status) ? " Redirects are not followed; use the final URL." : ""
            return Outcome(
                succeeded: false, statusCode: status, error: "The receiver answered HTTP \(status).\(redirect)", retry: true,
                retryAfter: retryAfter)
        }
    }
}
