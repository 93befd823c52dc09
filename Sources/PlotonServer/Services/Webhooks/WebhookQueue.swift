import Fluent
import Foundation
import SQLKit

/// Claims due delivery attempts from the outbox with a lease, at most one per destination URL at
/// a time (so a slow receiver holds one slot, not all of them). `SKIP LOCKED` on PostgreSQL keeps
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
                SELECT DISTINCT url FROM webhook_deliveries
                WHERE status = \(bind: pending) AND lease_expires_at >= \(bind: now)
                """
            ).all(decoding: BusyURL.self)
            var taken = Set(busy.map(\.url))
            let chosen = candidates.filter { taken.insert($0.url).inserted }.prefix(limit).map(\.id)
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
    }
}
