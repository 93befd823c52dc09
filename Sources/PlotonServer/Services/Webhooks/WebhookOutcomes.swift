import Fluent
import Foundation
import PlotonCore
import SQLKit

/// Records the outcomes of many attempts in one transaction: each row this worker still holds
/// gets its result, a failure that retries gets its next attempt, an endpoint that answered
/// `410 Gone` is disabled, and the events' delivery statuses are brought up to date.
enum WebhookOutcomes {
    static func record(
        _ results: [WebhookResult], workerID: String, now: Date, schedule: WebhookRetrySchedule, on database: any Database
    ) async throws {
        guard !results.isEmpty else { return }
        try await database.writeTransaction { database in
            // One recorder per event at a time, so its summary sees every destination's latest.
            let eventIDs = Set(results.map(\.delivery.eventID)).sorted()
            try await lockEvents(eventIDs, on: database)
            let rows = try await WebhookDelivery.query(on: database).filter(\.$id ~~ results.compactMap(\.delivery.id)).all()
            let held = Dictionary(
                rows.filter { $0.status == WebhookDelivery.Status.pending.rawValue && $0.leaseOwner == workerID }.map { ($0.id ?? "", $0) },
                uniquingKeysWith: { first, _ in first })
            var gone: Set<String> = []
            for result in results {
                guard let row = held[result.delivery.id ?? ""] else { continue }
                let outcome = result.outcome
                PlotonMetrics.webhookAttempt(succeeded: outcome.succeeded, statusCode: outcome.statusCode, eventAt: row.createdAt, now: now)
                row.status = (outcome.succeeded ? WebhookDelivery.Status.succeeded : .failed).rawValue
                row.statusCode = outcome.statusCode
                row.error = outcome.error
                row.durationMs = result.durationMs
                row.attemptedAt = now
                row.leaseOwner = nil
                row.leaseExpiresAt = nil
                if outcome.retry, row.retries, let delay = schedule.delay(after: row.attempt, retryAfter: outcome.retryAfter) {
                    let next = WebhookDelivery(after: row, scheduledAt: now.addingTimeInterval(delay), now: now)
                    try await next.create(on: database)
                    row.nextAttemptAt = next.scheduledAt
                }
                try await row.update(on: database)
                if outcome.gone, let endpointID = row.endpointID { gone.insert(endpointID) }
            }
            if !gone.isEmpty {
                try await WebhookEndpoint.query(on: database).filter(\.$id ~~ gone)
                    .set(\.$enabled, to: false)
                    .set(\.$disabledReason, to: "The receiver answered 410 Gone at \(ISO8601DateFormatter().string(from: now)).")
                    .set(\.$updatedAt, to: now)
                    .update()
            }
            try await summarise(eventIDs, on: database)
        }
    }

    /// Row locks on PostgreSQL, in id order so concurrent recorders cannot deadlock (SQLite
    /// transactions are serialised already).
    static func lockEvents(_ ids: [String], on database: any Database) async throws {
        guard !ids.isEmpty, let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        let list = SQLList(ids.sorted().map { SQLBind($0) })
        try await sql.raw("SELECT id FROM events WHERE id IN (\(list)) ORDER BY id FOR UPDATE").run()
    }

    /// Each event's delivery status: pending while any destination has an attempt to come,
    /// succeeded when every destination's latest attempt did, failed otherwise.
    static func summarise(_ eventIDs: [String], on database: any Database) async throws {
        guard !eventIDs.isEmpty else { return }
        let rows = try await WebhookDelivery.query(on: database).filter(\.$eventID ~~ eventIDs).all()
        let byEvent = Dictionary(grouping: rows, by: \.eventID)
        let byStatus = Dictionary(grouping: eventIDs) { status(of: byEvent[$0] ?? []) }
        for (status, ids) in byStatus {
            try await TaskEvent.query(on: database).filter(\.$id ~~ ids).set(\.$deliveryStatus, to: status).update()
        }
    }

    private static func status(of deliveries: [WebhookDelivery]) -> String? {
        let latest = Dictionary(grouping: deliveries) { $0.endpointID ?? $0.url }.values.compactMap { series in
            series.max { ($0.createdAt, $0.attempt) < ($1.createdAt, $1.attempt) }
        }
        guard !latest.isEmpty else { return nil }
        let statuses = Set(latest.map(\.status))
        let status: WebhookDelivery.Status =
            statuses.contains(WebhookDelivery.Status.pending.rawValue)
            ? .pending : statuses == [WebhookDelivery.Status.succeeded.rawValue] ? .succeeded : .failed
        return status.rawValue
    }
}
