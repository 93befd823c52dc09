import Fluent
import Foundation
import SQLKit

/// Claims due delivery attempts from the outbox with a lease, at most `maxPerDestination` per URL
/// at a time across processes and at most the caller's `allowance` for the URL (its adaptive
/// limit, so a slow receiver holds a few slots, not all of them).
///
/// The caps are applied in the claim itself, so one URL's backlog cannot crowd the others out: it
/// walks the distinct URLs with pending rows by index (a loose index scan), takes the URLs with
/// due work and free capacity, oldest work first, then up to each one's free capacity of its oldest
/// due rows, and hands them out round-robin across URLs. A URL's attempts in flight are its leased
/// rows but the caller's `settled` ones: attempts it has made whose outcomes wait for their batch
/// (they hold no request to the receiver, so a slot turns over once per claim and send, not once
/// per claim, send and outcome transaction). Claims are serialised on PostgreSQL (an
/// advisory lock; SQLite's write lock) so the cap is exact; `SKIP LOCKED` keeps them off rows a
/// delivery is recording. Round trips per claim: lock, URLs, rows, lease (SQLite: three).
struct WebhookQueue {
    let database: any Database
    let settings: WebhookSettings

    private static let claimLock = 727_002

    func claim(
        workerID: String, now: Date, limit: Int, settled: Set<String> = [], allowance: @escaping @Sendable (String) -> Int = { _ in .max }
    ) async throws -> [WebhookOutboxRow] {
        guard limit > 0 else { return [] }
        let notSettled: SQLQueryString = settled.isEmpty ? "" : " AND f.id NOT IN (\(SQLList(settled.map { SQLBind($0) })))"
        return try await database.writeTransaction { database in
            guard let sql = database as? any SQLDatabase else { return [] }
            let isPostgres = sql.dialect.name == "postgresql"
            if isPostgres {
                try await WebhookOutcomes.commitWithoutWaiting(sql)
                try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: Self.claimLock))").run()
            }
            let pending = WebhookDelivery.Status.pending.rawValue
            let destinations = try await sql.raw(
                """
                WITH RECURSIVE urls(url) AS (
                  SELECT MIN(url) FROM webhook_deliveries WHERE status = \(bind: pending)
                  UNION ALL
                  SELECT (SELECT MIN(w.url) FROM webhook_deliveries w WHERE w.status = \(bind: pending) AND w.url > urls.url)
                  FROM urls WHERE urls.url IS NOT NULL
                )
                SELECT url, in_flight FROM (
                  SELECT urls.url AS url,
                    (SELECT COUNT(*) FROM webhook_deliveries f WHERE f.status = \(bind: pending) AND f.url = urls.url
                      AND f.lease_expires_at >= \(bind: now)\(notSettled)) AS in_flight,
                    (SELECT MIN(d.scheduled_at) FROM webhook_deliveries d WHERE d.status = \(bind: pending) AND d.url = urls.url
                      AND d.scheduled_at <= \(bind: now) AND (d.lease_expires_at IS NULL OR d.lease_expires_at < \(bind: now))) AS oldest
                  FROM urls WHERE urls.url IS NOT NULL
                ) destinations
                WHERE oldest IS NOT NULL AND in_flight < \(bind: settings.maxPerDestination)
                ORDER BY oldest LIMIT \(literal: limit)
                """
            ).all(decoding: Destination.self)
            let takes = destinations.map { min(settings.maxPerDestination - $0.in_flight, allowance($0.url)) }
            let perURL = zip(destinations, takes).enumerated().filter { $0.element.1 > 0 }.map { index, pair -> SQLQueryString in
                """
                SELECT id FROM (SELECT id FROM webhook_deliveries WHERE status = \(bind: pending) AND url = \(bind: pair.0.url)
                  AND scheduled_at <= \(bind: now) AND (lease_expires_at IS NULL OR lease_expires_at < \(bind: now))
                  ORDER BY scheduled_at, id LIMIT \(literal: pair.1)) d\(literal: index)
                """
            }
            guard !perURL.isEmpty else { return [] }
            let locking: SQLQueryString = isPostgres ? " FOR UPDATE SKIP LOCKED" : ""
            let due = try await sql.raw(
                """
                SELECT \(unsafeRaw: WebhookOutboxRow.columns) FROM webhook_deliveries
                WHERE id IN (\(perURL.joined(separator: " UNION ALL ")))\(locking)
                """
            ).all(decoding: WebhookOutboxRow.self)
            let chosen = Self.roundRobin(due, limit: limit)
            guard !chosen.isEmpty else { return [] }
            let ids = SQLList(chosen.map { SQLBind($0.id) })
            try await sql.raw(
                """
                UPDATE webhook_deliveries SET lease_owner = \(bind: workerID),
                  lease_expires_at = \(bind: now.addingTimeInterval(settings.leaseSeconds)) WHERE id IN (\(ids))
                """
            ).run()
            return chosen.sorted { ($0.scheduled_at, $0.id) < ($1.scheduled_at, $1.id) }
        }
    }

    /// Each URL's oldest first, then each one's second, and so on, up to `limit`.
    private static func roundRobin(_ rows: [WebhookOutboxRow], limit: Int) -> [WebhookOutboxRow] {
        let byURL = Dictionary(grouping: rows, by: \.url).values.map { $0.sorted { ($0.scheduled_at, $0.id) < ($1.scheduled_at, $1.id) } }
        let ranked = byURL.flatMap { queue in queue.enumerated().map { (rank: $0.offset, row: $0.element) } }
        return ranked.sorted { ($0.rank, $0.row.scheduled_at, $0.row.id) < ($1.rank, $1.row.scheduled_at, $1.row.id) }
            .prefix(limit).map(\.row)
    }

    private struct Destination: Decodable {
        var url: String
        var in_flight: Int
    }
}
