import Fluent
import Foundation
import PlotonCore
import SQLKit

/// Records the outcomes of many attempts in one transaction: each row this worker still holds
/// gets its result, a failure that retries gets its next attempt, an endpoint that answered
/// `410 Gone` is disabled. The events' delivery statuses are derived from these rows when read
/// (`EventDeliveryStatus`), so nothing on `events` is written or locked here.
enum WebhookOutcomes {
    static func record(
        _ results: [WebhookResult], workerID: String, now: Date, schedule: WebhookRetrySchedule, on database: any Database
    ) async throws {
        guard !results.isEmpty else { return }
        try await database.writeTransaction { database in
            guard let sql = database as? any SQLDatabase else { return }
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
        }
    }

    /// Writes each outcome to its row while this worker still holds it, a thousand rows per
    /// statement (`UPDATE … FROM` a list of values; on PostgreSQL the list is one array a column,
    /// `unnest`ed, so the statement has one text whatever the batch's size and runs prepared);
    /// returns the ids of the rows it wrote. On PostgreSQL the same statement turns off the
    /// transaction's `synchronous_commit` (no round trip of its own): its commit does not wait for
    /// the WAL flush. Safe for outcomes: a database crash loses at most the last moments of them,
    /// and a lost outcome only means the attempt is made again after its lease, as after a
    /// `kill -9` (at least once).
    private static func markRecorded(
        _ outcomes: [(result: WebhookResult, next: Date?)], workerID: String, now: Date, on sql: any SQLDatabase
    ) async throws -> Set<String> {
        var held: Set<String> = []
        // In id order: two recorders whose batches share rows (a lease taken over) lock them in one order.
        let outcomes = outcomes.sorted { $0.result.delivery.id < $1.result.delivery.id }
        for start in stride(from: 0, to: outcomes.count, by: 1000) {
            let batch = outcomes[start..<min(start + 1000, outcomes.count)]
            let postgres = sql.dialect.name == "postgresql"
            let values = postgres ? unnested(batch) : listed(batch)
            // A CTE PostgreSQL evaluates once because the `UPDATE` joins its one row.
            let asynchronous: SQLQueryString =
                postgres ? ", c AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true) AS setting)" : ""
            let joined: SQLQueryString = postgres ? "v, c" : "v"
            let rows = try await sql.allPrepared(
                """
                WITH v(id, status, status_code, error, duration_ms, next_attempt_at) AS (\(values))\(asynchronous)
                UPDATE webhook_deliveries SET status = v.status, status_code = v.status_code, error = v.error,
                  duration_ms = v.duration_ms, attempted_at = \(bind: now), lease_owner = NULL, lease_expires_at = NULL,
                  next_attempt_at = v.next_attempt_at
                FROM \(joined)
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
}
