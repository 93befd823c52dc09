import Fluent
import Foundation
import SQLKit

/// Claims due delivery attempts from the outbox with a lease, at most `perDestination` per URL at
/// a time (so a slow receiver holds a few slots, not all of them). `SKIP LOCKED` on PostgreSQL keeps
/// concurrent claimers off each other's rows; a claimed row's lease runs out if its process dies.
struct WebhookQueue {
    let database: any Database
    let settings: WebhookSettings

    func claim(workerID: String, now: Date, limit: Int) async throws -> [WebhookDelivery] {
        guard limit > 0 else { return [] }
        return try await database.writeTransaction { database in
            guard let sql = database as? any SQLDatabase else { return [] }
            let locking: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
            let pending = WebhookDelivery.Status.pending.rawValue
            let candidates = try await sql.raw(
                """
                SELECT id, url FROM webhook_deliveries
                WHERE status = \(bind: pending) AND scheduled_at <= \(bind: now)
                AND (lease_expires_at IS NULL OR lease_expires_at < \(bind: now))
                ORDER BY scheduled_at LIMIT \(literal: limit * 4)\(locking)
                """
            ).all(decoding: Candidate.self)
            guard !candidates.isEmpty else { return [] }
            let busy = try await sql.raw(
                """
                SELECT url, COUNT(*) AS in_flight FROM webhook_deliveries
                WHERE status = \(bind: pending) AND lease_expires_at >= \(bind: now) GROUP BY url
                """
            ).all(decoding: BusyURL.self)
            var load = Dictionary(uniqueKeysWithValues: busy.map { ($0.url, $0.in_flight) })
            let chosen = candidates.filter { candidate in
                guard load[candidate.url, default: 0] < settings.perDestination else { return false }
                load[candidate.url, default: 0] += 1
                return true
            }.prefix(limit).map(\.id)
            guard !chosen.isEmpty else { return [] }
            try await WebhookDelivery.query(on: database).filter(\.$id ~~ chosen)
                .set(\.$leaseOwner, to: workerID)
                .set(\.$leaseExpiresAt, to: now.addingTimeInterval(settings.leaseSeconds))
                .update()
            return try await WebhookDelivery.query(on: database).filter(\.$id ~~ chosen).sort(\.$scheduledAt).all()
        }
    }

    private struct Candidate: Decodable {
        var id: String
        var url: String
    }

    private struct BusyURL: Decodable {
        var url: String
        var in_flight: Int
    }
}
