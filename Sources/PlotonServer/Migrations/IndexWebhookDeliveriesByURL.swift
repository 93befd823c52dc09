import Fluent

/// The webhook claim walks the distinct URLs with pending deliveries, and per URL counts the
/// attempts in flight and takes the oldest due ones, each by index, however long one URL's queue is.
struct IndexWebhookDeliveriesByURL: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await SQLIndex.create(
            on: database, name: "webhook_deliveries_by_url", table: WebhookDelivery.schema, columns: ["status", "url", "scheduled_at"])
        try await SQLIndex.create(
            on: database, name: "webhook_deliveries_in_flight", table: WebhookDelivery.schema,
            columns: ["status", "url", "lease_expires_at"])
    }

    func revert(on database: any Database) async throws {
        try await SQLIndex.drop(on: database, name: "webhook_deliveries_in_flight")
        try await SQLIndex.drop(on: database, name: "webhook_deliveries_by_url")
    }
}
