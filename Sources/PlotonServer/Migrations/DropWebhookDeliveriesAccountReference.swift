import Fluent
import SQLKit

/// PostgreSQL: `webhook_deliveries.account_id` no longer references `accounts`. A create writes
/// each of its outbox rows in the statement that writes the task (`TaskCreateStatement`), and each
/// row's two foreign keys were checked one row at a time, each a lookup and a `FOR KEY SHARE` lock
/// of the referenced row: for the account, the same row every create of that account locks at
/// once (a new multixact per create), three times a task with one endpoint. The account's rows
/// still go with it: a delivery belongs to its event (`event_id`, `ON DELETE CASCADE`), and the
/// event to the account (`events.account_id`, the same), and a delivery's account is its event's
/// (every writer copies it). SQLite keeps the reference: dropping it there rebuilds the table, and
/// its checks take no lock.
struct DropWebhookDeliveriesAccountReference: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        let names = try await sql.raw(
            """
            SELECT conname::text AS name FROM pg_constraint
            WHERE conrelid = 'webhook_deliveries'::regclass AND confrelid = 'accounts'::regclass AND contype = 'f'
            """
        ).all(decoding: Constraint.self)
        for constraint in names {
            try await sql.raw("ALTER TABLE webhook_deliveries DROP CONSTRAINT \(ident: constraint.name)").run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw(
            "ALTER TABLE webhook_deliveries ADD FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE"
        ).run()
    }

    private struct Constraint: Decodable {
        var name: String
    }
}
