import Fluent
import Foundation
import NIOCore
import NIOHTTP1
import PlotonCore
import SQLKit

/// Makes one claimed delivery attempt: signs the event's body, POSTs it (no redirects, the
/// private-network policy, a timeout), and records the outcome, scheduling the next attempt or
/// disabling an endpoint that answered `410 Gone`.
struct WebhookDeliverer {
    let database: any Database
    let services: PlotonServices
    let workerID: String

    private var now: Date { services.clock.now() }

    struct Outcome {
        var succeeded: Bool
        var statusCode: Int?
        var error: String?
        var retry: Bool
        var retryAfter: TimeInterval?
        var gone = false
    }

    func attempt(_ delivery: WebhookDelivery) async throws {
        guard let event = try await TaskEvent.find(delivery.eventID, on: database) else { return }
        if let endpointID = delivery.endpointID {
            let endpoint = try await WebhookEndpoint.find(endpointID, on: database)
            guard let endpoint, endpoint.enabled else {
                let reason = endpoint == nil ? "The endpoint was deleted." : "The endpoint is disabled."
                return try await record(
                    delivery, event: event, outcome: Outcome(succeeded: false, error: reason, retry: false), duration: nil)
            }
        }
        let secrets = try await WebhookSecretService(database: database, secretBox: services.secretBox, now: now)
            .signingSecrets(accountID: event.$account.id, environment: event.plotonEnvironment)
        let body = Data(event.payload.jsonText.utf8)
        var headers = HTTPHeaders([("Content-Type", "application/json"), ("User-Agent", "Ploton-Webhooks/1.0")])
        for (name, value) in WebhookSignature.headers(
            id: event.id ?? "", timestamp: Int(now.timeIntervalSince1970), body: body, secrets: secrets)
        {
            headers.add(name: name, value: value)
        }

        var http = services.outbound
        http.timeout = .milliseconds(Int64(services.config.webhooks.timeout * 1000))
        let started = ContinuousClock.now
        let outcome: Outcome
        do {
            let reply = try await http.send(.POST, delivery.url, headers: headers, body: ByteBuffer(data: body))
            outcome = Self.outcome(status: reply.status, headers: reply.headers)
        } catch let failure as ToolFailure {
            outcome = Outcome(succeeded: false, error: failure.message, retry: failure.code != "destination_not_allowed")
        }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        try await record(delivery, event: event, outcome: outcome, duration: milliseconds)
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

    /// Writes the outcome if this worker still holds the attempt, and what follows from it.
    private func record(_ delivery: WebhookDelivery, event: TaskEvent, outcome: Outcome, duration: Int?) async throws {
        let now = self.now
        let schedule = services.config.webhooks.schedule
        let workerID = self.workerID
        try await database.writeTransaction { database in
            // One outcome per event at a time, so its delivery summary sees every destination's latest.
            try await Self.lockEvent(delivery.eventID, on: database)
            guard let row = try await WebhookDelivery.find(delivery.id, on: database),
                row.status == WebhookDelivery.Status.pending.rawValue, row.leaseOwner == workerID
            else { return }
            row.status = (outcome.succeeded ? WebhookDelivery.Status.succeeded : .failed).rawValue
            row.statusCode = outcome.statusCode
            row.error = outcome.error
            row.durationMs = duration
            row.attemptedAt = now
            row.leaseOwner = nil
            row.leaseExpiresAt = nil
            if outcome.retry, row.retries, let delay = schedule.delay(after: row.attempt, retryAfter: outcome.retryAfter) {
                let next = WebhookDelivery(
                    event: event, endpointID: row.endpointID, url: row.url, attempt: row.attempt + 1, retries: true,
                    scheduledAt: now.addingTimeInterval(delay), now: now)
                try await next.create(on: database)
                row.nextAttemptAt = next.scheduledAt
            }
            try await row.update(on: database)
            if outcome.gone, let endpointID = row.endpointID, let endpoint = try await WebhookEndpoint.find(endpointID, on: database) {
                endpoint.enabled = false
                endpoint.disabledReason = "The receiver answered 410 Gone at \(ISO8601DateFormatter().string(from: now))."
                endpoint.updatedAt = now
                try await endpoint.update(on: database)
            }
            try await Self.summarise(eventID: row.eventID, on: database)
        }
    }

    /// Row lock on PostgreSQL (SQLite transactions are serialised already).
    static func lockEvent(_ id: String, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT id FROM events WHERE id = \(bind: id) FOR UPDATE").run()
    }

    /// The event's delivery status: pending while any destination has an attempt to come,
    /// succeeded when every destination's latest attempt did, failed otherwise.
    static func summarise(eventID: String, on database: any Database) async throws {
        let rows = try await WebhookDelivery.query(on: database).filter(\.$eventID == eventID).all()
        guard let event = try await TaskEvent.find(eventID, on: database) else { return }
        let latest = Dictionary(grouping: rows) { $0.endpointID ?? $0.url }.values.compactMap { series in
            series.max { ($0.createdAt, $0.attempt) < ($1.createdAt, $1.attempt) }
        }
        let statuses = Set(latest.map(\.status))
        let status: WebhookDelivery.Status =
            statuses.contains(WebhookDelivery.Status.pending.rawValue)
            ? .pending : statuses == [WebhookDelivery.Status.succeeded.rawValue] ? .succeeded : .failed
        event.deliveryStatus = latest.isEmpty ? nil : status.rawValue
        try await event.update(on: database)
    }
}
