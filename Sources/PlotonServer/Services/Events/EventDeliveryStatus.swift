import Fluent
import FluentSQL
import Foundation
import SQLKit

/// An event's delivery status, derived from its attempts when it is read: `pending` while any
/// destination's latest attempt is pending, `succeeded` when every destination's latest attempt
/// succeeded, `failed` otherwise, and none without a destination. A destination is an endpoint, or
/// the task's own `webhook_url`; its latest attempt is the newest (`created_at`, then `attempt`).
///
/// Nothing keeps it up to date: recording an outcome writes the attempt's row only. Until session 31
/// each outcome batch also rewrote the events' `delivery_status` (0.10–0.13 ms of PostgreSQL a
/// task); that column now holds what the event's create wrote (`pending` when it had
/// destinations then) and is not read for the status.
enum EventDeliveryStatus {
    /// The statuses of these events, read in one statement; an event without attempts is absent.
    static func of(_ eventIDs: [String], on database: any Database) async throws -> [String: WebhookDelivery.Status] {
        guard !eventIDs.isEmpty, let sql = database as? any SQLDatabase else { return [:] }
        let ids = SQLList(eventIDs.map { SQLBind($0) })
        let rows = try await sql.raw(
            "SELECT event_id, endpoint_id, url, status, created_at, attempt FROM webhook_deliveries WHERE event_id IN (\(ids))"
        ).all(decoding: Attempt.self)
        return Dictionary(grouping: rows, by: \.event_id).compactMapValues(status(of:))
    }

    /// The events whose status is `succeeded` (`true`), or `pending` or `failed` (`false`): the
    /// same rule in SQL, for `delivery_success`. An attempt is its destination's latest when no
    /// attempt of the same event and destination is newer.
    static func filter(succeeded: Bool) -> DatabaseQuery.Filter {
        let unsuccessfulLatest: SQLQueryString = """
            EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = \(ident: TaskEvent.schema).id
              AND d.status <> \(bind: WebhookDelivery.Status.succeeded.rawValue)
              AND NOT EXISTS (SELECT 1 FROM webhook_deliveries n WHERE n.event_id = d.event_id
                AND COALESCE(n.endpoint_id, n.url) = COALESCE(d.endpoint_id, d.url)
                AND (n.created_at > d.created_at OR (n.created_at = d.created_at AND n.attempt > d.attempt))))
            """
        if !succeeded { return .sql(embed: unsuccessfulLatest) }
        return .sql(
            embed: """
                EXISTS (SELECT 1 FROM webhook_deliveries a WHERE a.event_id = \(ident: TaskEvent.schema).id) AND NOT \(unsuccessfulLatest)
                """)
    }

    /// What the status needs of one attempt.
    struct Attempt: Decodable {
        var event_id: String
        var endpoint_id: String?
        var url: String
        var status: WebhookDelivery.Status
        var created_at: Date
        var attempt: Int
    }

    static func status(of attempts: [Attempt]) -> WebhookDelivery.Status? {
        let latest = Dictionary(grouping: attempts) { $0.endpoint_id ?? $0.url }.values.compactMap { series in
            series.max { ($0.created_at, $0.attempt) < ($1.created_at, $1.attempt) }
        }
        guard !latest.isEmpty else { return nil }
        let statuses = Set(latest.map(\.status))
        return statuses.contains(.pending) ? .pending : statuses == [.succeeded] ? .succeeded : .failed
    }
}
