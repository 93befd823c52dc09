import Fluent
import Foundation
import PlotonCore
import SQLKit

/// Claims due delivery attempts from the outbox with a lease, at most `maxPerDestination` per URL
/// at a time across processes and at most the caller's `allowances` for the URL (its adaptive
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
/// delivery is recording.
///
/// Round trips per claim on PostgreSQL: six (`BEGIN`; the lock, taken with the transaction's
/// `synchronous_commit` turned off; the URLs; the rows; the lease; `COMMIT`). One
/// `UPDATE … RETURNING` doing the last three was measured slower (36 ms against 9 ms a claim on
/// PostgreSQL 15, session 7): left out. SQLite: the URLs, the rows, the lease.
struct WebhookQueue {
    let database: any Database
    let settings: WebhookSettings

    private static let claimLock = 727_002

    func claim(
        workerID: String, now: Date, limit: Int, settled: Set<String> = [],
        allowances: DestinationConcurrency.Allowances = .unlimited
    ) async throws -> [WebhookOutboxRow] {
        guard limit > 0 else { return [] }
        let claimed = try await database.writeTransaction { database -> [WebhookOutboxRow] in
            guard let sql = database as? any SQLDatabase else { return [] }
            let claim = Claim(
                workerID: workerID, now: now, limit: limit, settled: settled, allowances: allowances,
                maxPerDestination: settings.maxPerDestination, leaseExpiresAt: now.addingTimeInterval(settings.leaseSeconds))
            guard sql.dialect.name == "postgresql" else { return try await claim.inThreeStatements(sql) }
            try await sql.raw(
                "SELECT set_config('synchronous_commit', 'off', true), pg_advisory_xact_lock(\(literal: Self.claimLock))"
            ).run()
            return try await claim.inThreeStatements(sql, locking: " FOR UPDATE SKIP LOCKED")
        }
        return claimed.sorted { ($0.scheduled_at, $0.id) < ($1.scheduled_at, $1.id) }
    }

    /// One claim's inputs and the statements that make it.
    private struct Claim {
        let workerID: String
        let now: Date
        let limit: Int
        let settled: Set<String>
        let allowances: DestinationConcurrency.Allowances
        let maxPerDestination: Int
        let leaseExpiresAt: Date

        private var pending: String { WebhookDelivery.Status.pending.rawValue }

        private var notSettled: SQLQueryString {
            settled.isEmpty ? "" : " AND f.id NOT IN (\(SQLList(settled.map { SQLBind($0) })))"
        }

        /// The distinct URLs with pending rows, each with its attempts in flight and its oldest due row's time.
        private var urlsWithWork: SQLQueryString {
            """
            WITH RECURSIVE urls(url) AS (
              SELECT MIN(url) FROM webhook_deliveries WHERE status = \(bind: pending)
              UNION ALL
              SELECT (SELECT MIN(w.url) FROM webhook_deliveries w WHERE w.status = \(bind: pending) AND w.url > urls.url)
              FROM urls WHERE urls.url IS NOT NULL
            ),
            work AS (
              SELECT urls.url AS url,
                (SELECT COUNT(*) FROM webhook_deliveries f WHERE f.status = \(bind: pending) AND f.url = urls.url
                  AND f.lease_expires_at >= \(bind: now)\(notSettled)) AS in_flight,
                (SELECT MIN(d.scheduled_at) FROM webhook_deliveries d WHERE d.status = \(bind: pending) AND d.url = urls.url
                  AND d.scheduled_at <= \(bind: now) AND (d.lease_expires_at IS NULL OR d.lease_expires_at < \(bind: now))) AS oldest
              FROM urls WHERE urls.url IS NOT NULL
            )
            """
        }

        /// A URL's due rows, oldest first (`webhook_deliveries_by_url` reads them in this order).
        private func dueRows(_ table: String, url: any SQLExpression) -> SQLQueryString {
            """
            \(unsafeRaw: table).status = \(bind: pending) AND \(unsafeRaw: table).url = \(url)
              AND \(unsafeRaw: table).scheduled_at <= \(bind: now)
              AND (\(unsafeRaw: table).lease_expires_at IS NULL OR \(unsafeRaw: table).lease_expires_at < \(bind: now))
            """
        }

        /// The URLs with room, their rows, then the lease: three statements inside the claim lock
        /// (SQLite's write lock); `locking` keeps PostgreSQL's off rows a recorder holds.
        func inThreeStatements(_ sql: any SQLDatabase, locking: SQLQueryString = "") async throws -> [WebhookOutboxRow] {
            let destinations = try await sql.raw(
                """
                \(urlsWithWork)
                SELECT url, in_flight FROM work
                WHERE oldest IS NOT NULL AND in_flight < \(bind: maxPerDestination)
                ORDER BY oldest LIMIT \(literal: limit)
                """
            ).all(decoding: Destination.self)
            let takes = destinations.map { min(maxPerDestination - $0.in_flight, allowances($0.url)) }
            let perURL = zip(destinations, takes).enumerated().filter { $0.element.1 > 0 }.map { index, pair -> SQLQueryString in
                """
                SELECT id FROM (SELECT id FROM webhook_deliveries WHERE \(dueRows("webhook_deliveries", url: SQLBind(pair.0.url)))
                  ORDER BY scheduled_at, id LIMIT \(literal: pair.1)) d\(literal: index)
                """
            }
            guard !perURL.isEmpty else { return [] }
            let candidates = try await sql.raw(
                """
                SELECT \(unsafeRaw: WebhookOutboxRow.columns) FROM webhook_deliveries
                WHERE id IN (\(perURL.joined(separator: " UNION ALL ")))\(locking)
                """
            ).all(decoding: WebhookOutboxRow.self)
            let chosen = Self.roundRobin(candidates, limit: limit)
            guard !chosen.isEmpty else { return [] }
            try await sql.raw(
                """
                UPDATE webhook_deliveries SET lease_owner = \(bind: workerID), lease_expires_at = \(bind: leaseExpiresAt)
                WHERE id IN (\(SQLList(chosen.map { SQLBind($0.id) })))
                """
            ).run()
            return chosen
        }

        /// Each URL's oldest first, then each one's second, and so on, up to `limit`.
        private static func roundRobin(_ rows: [WebhookOutboxRow], limit: Int) -> [WebhookOutboxRow] {
            let byURL = Dictionary(grouping: rows, by: \.url).values.map {
                $0.sorted { ($0.scheduled_at, $0.id) < ($1.scheduled_at, $1.id) }
            }
            let ranked = byURL.flatMap { queue in queue.enumerated().map { (rank: $0.offset, row: $0.element) } }
            return ranked.sorted { ($0.rank, $0.row.scheduled_at, $0.row.id) < ($1.rank, $1.row.scheduled_at, $1.row.id) }
                .prefix(limit).map(\.row)
        }
    }

    private struct Destination: Decodable {
        var url: String
        var in_flight: Int
    }
}
