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
/// Round trips per claim on PostgreSQL: five (`BEGIN`; the lock, taken with the transaction's
/// `synchronous_commit` turned off; the URLs; the rows leased and returned with their events and
/// endpoints; `COMMIT`), and preparing the attempts reads nothing more. The URLs stay a statement
/// of their own: one statement doing the URLs' walk too, with a `LATERAL` per URL, was measured
/// slower (36 ms against 9 ms a claim on PostgreSQL 15, session 7). SQLite: the URLs, then the
/// rows leased and returned (their events are read after the write lock is let go).
struct WebhookQueue {
    let database: any Database
    let settings: WebhookSettings

    private static let claimLock = 727_002

    func claim(
        workerID: String, now: Date, limit: Int, settled: Set<String> = [],
        allowances: DestinationConcurrency.Allowances = .unlimited
    ) async throws -> [ClaimedRow] {
        guard limit > 0 else { return [] }
        let claimed = try await database.writeTransaction { database -> [ClaimedRow] in
            guard let sql = database as? any SQLDatabase else { return [] }
            let claim = Claim(
                workerID: workerID, now: now, limit: limit, settled: settled, allowances: allowances,
                maxPerDestination: settings.maxPerDestination, leaseExpiresAt: now.addingTimeInterval(settings.leaseSeconds))
            guard sql.dialect.name == "postgresql" else { return try await claim.inTwoStatements(sql) }
            try await sql.raw(
                "SELECT set_config('synchronous_commit', 'off', true), pg_advisory_xact_lock(\(literal: Self.claimLock))"
            ).run()
            return try await claim.inTwoStatements(sql, postgres: true)
        }
        return claimed.sorted { ($0.row.scheduled_at, $0.row.id) < ($1.row.scheduled_at, $1.row.id) }
    }

    /// A claimed row, with (on PostgreSQL) its event and whether its endpoint is enabled, read in
    /// the claim's statement so that preparing the attempt reads nothing more.
    struct ClaimedRow: Sendable {
        var row: WebhookOutboxRow
        var event: WebhookEvent? = nil
        var endpointEnabled: Bool? = nil
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

        /// Written into the statements' text, not bound: PostgreSQL's claim indexes hold pending rows only
        /// (`IndexPendingWebhookDeliveries`), and a partial index serves a statement only when its
        /// text says the status.
        private var pending: String { WebhookDelivery.Status.pending.rawValue }

        private var notSettled: SQLQueryString {
            settled.isEmpty ? "" : " AND f.id NOT IN (\(SQLList(settled.map { SQLBind($0) })))"
        }

        /// The distinct URLs with pending rows, each with its attempts in flight (counted up to the
        /// cap: only whether there is room, and how much, matters) and, when it has room, its oldest
        /// due row's time. Both are bounded so that a URL whose rows wait leased in a dispatcher's
        /// memory (`WebhookHandoff`: thousands behind one busy receiver) costs a claim a few index
        /// entries: counted in full, and walked past in `scheduled_at` order to find a row not
        /// leased, they made each claim read every such row (60–85 ms of PostgreSQL's time a claim,
        /// ten claims a second, in the session 22 profile). `MATERIALIZED`: PostgreSQL otherwise
        /// inlines both and evaluates each URL's subqueries again for the filter and the sort (1,303
        /// buffers a claim over 50 URLs against 561).
        private var urlsWithWork: SQLQueryString {
            """
            WITH RECURSIVE urls(url) AS (
              SELECT MIN(url) FROM webhook_deliveries WHERE status = \(literal: pending)
              UNION ALL
              SELECT (SELECT MIN(w.url) FROM webhook_deliveries w WHERE w.status = \(literal: pending) AND w.url > urls.url)
              FROM urls WHERE urls.url IS NOT NULL
            ),
            counted AS MATERIALIZED (
              SELECT urls.url AS url,
                (SELECT COUNT(*) FROM (SELECT 1 FROM webhook_deliveries f WHERE f.status = \(literal: pending) AND f.url = urls.url
                  AND f.lease_expires_at >= \(bind: now)\(notSettled) LIMIT \(literal: maxPerDestination)) c) AS in_flight
              FROM urls WHERE urls.url IS NOT NULL
            ),
            work AS MATERIALIZED (
              SELECT url, in_flight, CASE WHEN in_flight < \(literal: maxPerDestination) THEN
                (SELECT MIN(d.scheduled_at) FROM webhook_deliveries d WHERE d.status = \(literal: pending) AND d.url = counted.url
                  AND d.scheduled_at <= \(bind: now) AND (d.lease_expires_at IS NULL OR d.lease_expires_at < \(bind: now))) END AS oldest
              FROM counted
            )
            """
        }

        /// A URL's due rows, oldest first (`webhook_deliveries_by_url` reads them in this order).
        private func dueRows(_ table: String, url: any SQLExpression) -> SQLQueryString {
            """
            \(unsafeRaw: table).status = \(literal: pending) AND \(unsafeRaw: table).url = \(url)
              AND \(unsafeRaw: table).scheduled_at <= \(bind: now)
              AND (\(unsafeRaw: table).lease_expires_at IS NULL OR \(unsafeRaw: table).lease_expires_at < \(bind: now))
            """
        }

        /// The URLs with room, then their rows leased and returned by one `UPDATE … RETURNING`: two
        /// statements inside the claim lock (SQLite's write lock). On PostgreSQL (`postgres`) the
        /// rows come back with their events and endpoints, and `SKIP LOCKED` keeps the claim off
        /// rows a recorder holds.
        func inTwoStatements(_ sql: any SQLDatabase, postgres: Bool = false) async throws -> [ClaimedRow] {
            let destinations = try await sql.raw(
                """
                \(urlsWithWork)
                SELECT url, in_flight FROM work
                WHERE oldest IS NOT NULL AND in_flight < \(bind: maxPerDestination)
                ORDER BY oldest LIMIT \(literal: limit)
                """
            ).all(decoding: Destination.self)
            let room = destinations.map { min(maxPerDestination - $0.in_flight, allowances($0.url)) }
            let perURL = zip(destinations, Self.roundRobin(room, limit: limit)).enumerated().filter { $0.element.1 > 0 }
                .map { index, pair -> SQLQueryString in
                    """
                    SELECT id FROM (SELECT id FROM webhook_deliveries WHERE \(dueRows("webhook_deliveries", url: SQLBind(pair.0.url)))
                      ORDER BY scheduled_at, id LIMIT \(literal: pair.1)) d\(literal: index)
                    """
                }
            guard !perURL.isEmpty else { return [] }
            // Checked again as the row is updated: a row recorded or leased since the read is not taken.
            let lease: SQLQueryString = """
                UPDATE webhook_deliveries SET lease_owner = \(bind: workerID), lease_expires_at = \(bind: leaseExpiresAt)
                WHERE id IN (SELECT id FROM webhook_deliveries WHERE id IN (\(perURL.joined(separator: " UNION ALL ")))\(
                    unsafeRaw: postgres ? " FOR UPDATE SKIP LOCKED" : ""))
                  AND status = \(bind: pending) AND (lease_expires_at IS NULL OR lease_expires_at < \(bind: now))
                RETURNING \(unsafeRaw: WebhookOutboxRow.columns)
                """
            guard postgres else {
                return try await sql.raw(lease).all(decoding: WebhookOutboxRow.self).map { ClaimedRow(row: $0) }
            }
            return try await sql.raw(
                """
                WITH leased AS (\(lease))
                SELECT leased.*, e.id AS ev_id, e.created_at AS ev_created_at, e.account_id AS ev_account_id,
                  e.environment AS ev_environment, e.type AS ev_type, e.task_id AS ev_task_id, e.data AS ev_data,
                  e.metadata AS ev_metadata, ep.enabled AS endpoint_enabled
                FROM leased LEFT JOIN events e ON e.id = leased.event_id LEFT JOIN webhook_endpoints ep ON ep.id = leased.endpoint_id
                """
            ).all().map { row in
                ClaimedRow(
                    row: try row.decode(model: WebhookOutboxRow.self),
                    event: try row.decodeNil(column: "ev_id") ? nil : try row.decode(model: WebhookEvent.self, prefix: "ev_"),
                    endpointEnabled: try row.decode(column: "endpoint_enabled", as: Bool?.self))
            }
        }

        /// How many of `limit` rows each URL gets, round-robin in the URLs' order (oldest work
        /// first): one each while it has room, then a second each, and so on.
        static func roundRobin(_ room: [Int], limit: Int) -> [Int] {
            var (shares, left, round) = (Array(repeating: 0, count: room.count), limit, 0)
            while left > 0, room.contains(where: { $0 > round }) {
                for index in room.indices where room[index] > round && left > 0 {
                    shares[index] += 1
                    left -= 1
                }
                round += 1
            }
            return shares
        }
    }

    private struct Destination: Decodable {
        var url: String
        var in_flight: Int
    }
}
