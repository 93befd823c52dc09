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
            guard let sql = database as? any SQLDatabase else { return }
            // One recorder per event at a time, so its summary sees every destination's latest.
            let eventIDs = Set(results.map(\.delivery.event_id)).sorted()
            try await lockEvents(eventIDs, on: database, committingWithoutWaiting: true)
            var gone: Set<String> = []
            let nexts = results.map { result in
                result.outcome.retry && result.delivery.retries
                    ? schedule.delay(after: result.delivery.attempt, retryAfter: result.outcome.retryAfter).map {
                        now.addingTimeInterval($0)
                    }
                    : nil
            }
            let held = try await markRecorded(zip(results, nexts).map { $0 }, workerID: workerID, now: now, on: sql)
            // A row not held any more: the lease ran out and another worker has it.
            for (result, next) in zip(results, nexts) where held.contains(result.delivery.id) {
                let (row, outcome) = (result.delivery, result.outcome)
                PlotonMetrics.webhookAttempt(
                    succeeded: outcome.succeeded, statusCode: outcome.statusCode, occurredAt: result.occurredAt ?? row.scheduled_at,
                    answeredAt: result.answeredAt ?? now)
                if let next { try await WebhookDelivery(after: row, scheduledAt: next, now: now).create(on: database) }
                if outcome.gone, let endpointID = row.endpoint_id { gone.insert(endpointID) }
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

    /// Writes each outcome to its row while this worker still holds it, a thousand rows per
    /// statement (`UPDATE … FROM` a list of values; on PostgreSQL the list is one array a column,
    /// `unnest`ed, so the statement has one text whatever the batch's size and runs prepared);
    /// returns the ids of the rows it wrote.
    private static func markRecorded(
        _ outcomes: [(result: WebhookResult, next: Date?)], workerID: String, now: Date, on sql: any SQLDatabase
    ) async throws -> Set<String> {
        var held: Set<String> = []
        for start in stride(from: 0, to: outcomes.count, by: 1000) {
            let batch = outcomes[start..<min(start + 1000, outcomes.count)]
            let values = sql.dialect.name == "postgresql" ? unnested(batch) : listed(batch)
            let rows = try await sql.allPrepared(
                """
                WITH v(id, status, status_code, error, duration_ms, next_attempt_at) AS (\(values))
                UPDATE webhook_deliveries SET status = v.status, status_code = v.status_code, error = v.error,
                  duration_ms = v.duration_ms, attempted_at = \(bind: now), lease_owner = NULL, lease_expires_at = NULL,
                  next_attempt_at = v.next_attempt_at
                FROM v
                WHERE webhook_deliveries.id = v.id AND webhook_deliveries.status = \(bind: WebhookDelivery.Status.pending.rawValue)
                  AND webhook_deliveries.lease_owner = \(bind: workerID)
                RETURNING webhook_deliveries.id
                """
            )
            held.formUnion(try rows.map { try $0.decode(model: ID.self).id })
        }
        return held
    }

    private static func status(of result: WebhookResult) -> String {
        (result.outcome.succeeded ? WebhookDelivery.Status.succeeded : .failed).rawValue
    }

    /// PostgreSQL: the batch as one typed array per column.
    private static func unnested(_ batch: ArraySlice<(result: WebhookResult, next: Date?)>) -> SQLQueryString {
        let ids = batch.map(\.result.delivery.id)
        let statuses = batch.map { status(of: $0.result) }
        let codes = NullableArray(batch.map(\.result.outcome.statusCode))
        let errors = NullableArray(batch.map(\.result.outcome.error))
        let durations = NullableArray(batch.map(\.result.durationMs))
        let nexts = NullableArray(batch.map(\.next))
        return """
            SELECT * FROM unnest(\(bind: ids), \(bind: statuses), \(bind: codes), \(bind: errors), \(bind: durations), \(bind: nexts))
            """
    }

    /// SQLite: the batch as a list of values.
    private static func listed(_ batch: ArraySlice<(result: WebhookResult, next: Date?)>) -> SQLQueryString {
        let values = SQLList(
            batch.map { result, next -> any SQLExpression in
                SQLGroupExpression([
                    SQLBind(result.delivery.id), SQLBind(status(of: result)), SQLBind(result.outcome.statusCode),
                    SQLBind(result.outcome.error), SQLBind(result.durationMs), SQLBind(next),
                ])
            })
        return "VALUES \(values)"
    }

    private struct ID: Decodable {
        var id: String
    }

    /// Row locks on PostgreSQL, in id order so concurrent recorders cannot deadlock (SQLite
    /// transactions are serialised already). `committingWithoutWaiting` also turns off the
    /// transaction's `synchronous_commit` in the same statement (one round trip less): its commit
    /// does not wait for the WAL flush. Safe for outcomes: a database crash loses at most the last
    /// moments of them, and a lost outcome only means the attempt is made again after its lease,
    /// as after a `kill -9` (at least once).
    static func lockEvents(_ ids: [String], on database: any Database, committingWithoutWaiting: Bool = false) async throws {
        guard !ids.isEmpty, let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        let asynchronous: SQLQueryString = committingWithoutWaiting ? ", set_config('synchronous_commit', 'off', true)" : ""
        try await sql.runPrepared("SELECT id\(asynchronous) FROM events WHERE id = ANY(\(bind: ids.sorted())) ORDER BY id FOR UPDATE")
    }

    /// Each event's delivery status: pending while any destination has an attempt to come,
    /// succeeded when every destination's latest attempt did, failed otherwise. Reads the six
    /// columns that decide it (an event with 50 endpoints has 50 rows read per batch it is in), and
    /// writes only the events whose status changes.
    /// On PostgreSQL the same rule is one `UPDATE` (the latest attempt per destination by
    /// `DISTINCT ON`), not a read and an `UPDATE` per status: one or two round trips fewer per batch.
    static func summarise(_ eventIDs: [String], on database: any Database) async throws {
        guard !eventIDs.isEmpty, let sql = database as? any SQLDatabase else { return }
        let ids = SQLList(eventIDs.map { SQLBind($0) })
        if sql.dialect.name == "postgresql" {
            let (pending, succeeded, failed) = (
                WebhookDelivery.Status.pending.rawValue, WebhookDelivery.Status.succeeded.rawValue, WebhookDelivery.Status.failed.rawValue
            )
            try await sql.runPrepared(
                """
                UPDATE events SET delivery_status = s.status FROM (
                  SELECT event_id, CASE WHEN bool_or(status = \(bind: pending)) THEN \(bind: pending)
                    WHEN bool_and(status = \(bind: succeeded)) THEN \(bind: succeeded) ELSE \(bind: failed) END AS status
                  FROM (SELECT DISTINCT ON (event_id, COALESCE(endpoint_id, url)) event_id, status FROM webhook_deliveries
                    WHERE event_id = ANY(\(bind: eventIDs)) ORDER BY event_id, COALESCE(endpoint_id, url), created_at DESC, attempt DESC) latest
                  GROUP BY event_id
                ) s
                WHERE events.id = s.event_id AND events.delivery_status IS DISTINCT FROM s.status
                """
            )
            return
        }
        let rows = try await sql.raw(
            "SELECT event_id, endpoint_id, url, status, created_at, attempt FROM webhook_deliveries WHERE event_id IN (\(ids))"
        ).all(decoding: Attempt.self)
        let byEvent = Dictionary(grouping: rows, by: \.event_id)
        for (status, ids) in Dictionary(grouping: eventIDs, by: { status(of: byEvent[$0] ?? []) }) {
            let list = SQLList(ids.map { SQLBind($0) })
            // Only the events whose status changes: most batches leave an event with other attempts to come `pending`.
            let changes: SQLQueryString =
                if let status { "(delivery_status IS NULL OR delivery_status <> \(bind: status))" } else { "delivery_status IS NOT NULL" }
            try await sql.raw("UPDATE events SET delivery_status = \(bind: status) WHERE id IN (\(list)) AND \(changes)").run()
        }
    }

    /// What an event's summary needs of one of its attempts.
    private struct Attempt: Decodable {
        var event_id: String
        var endpoint_id: String?
        var url: String
        var status: WebhookDelivery.Status
        var created_at: Date
        var attempt: Int
    }

    private static func status(of attempts: [Attempt]) -> String? {
        let latest = Dictionary(grouping: attempts) { $0.endpoint_id ?? $0.url }.values.compactMap { series in
            series.max { ($0.created_at, $0.attempt) < ($1.created_at, $1.attempt) }
        }
        guard !latest.isEmpty else { return nil }
        let statuses = Set(latest.map(\.status))
        let status: WebhookDelivery.Status = statuses.contains(.pending) ? .pending : statuses == [.succeeded] ? .succeeded : .failed
        return status.rawValue
    }
}
