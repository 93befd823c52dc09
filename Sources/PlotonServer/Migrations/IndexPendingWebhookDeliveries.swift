import Fluent
import SQLKit

/// PostgreSQL: the three indexes that claims and the outbox gauge read (`webhook_deliveries_due`,
/// `_by_url`, `_in_flight`) hold pending rows only. Every statement that reads them asks for
/// `status = 'pending'` in its text (`WebhookQueue`, `MetricsSampler`), and a delivery's outcome
/// turns its row `succeeded` or `failed`: with `status` a key of all three, that update inserted
/// the row's new version into each of them (six index entries an outcome, not three) and they grew
/// with the whole history. Now a recorded row's new version goes into the primary key and the two
/// indexes by event and by environment only, and the claim indexes stay as small as the backlog.
/// SQLite keeps the full indexes: it records outcomes as fast as it delivers them already.
struct IndexPendingWebhookDeliveries: AsyncMigration {
    static let pending = WebhookDelivery.Status.pending.rawValue
    static let indexes: [(name: String, columns: String)] = [
        ("webhook_deliveries_due", "scheduled_at"),
        ("webhook_deliveries_by_url", "url, scheduled_at, id"),
        ("webhook_deliveries_in_flight", "url, lease_expires_at"),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        for (name, columns) in Self.indexes {
            try await sql.raw("DROP INDEX \(ident: name)").run()
            try await sql.raw(
                "CREATE INDEX \(ident: name) ON webhook_deliveries (\(unsafeRaw: columns)) WHERE status = \(literal: Self.pending)"
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        for (name, columns) in Self.indexes {
            try await sql.raw("DROP INDEX \(ident: name)").run()
            try await sql.raw("CREATE INDEX \(ident: name) ON webhook_deliveries (status, \(unsafeRaw: columns))").run()
        }
    }
}
