import Fluent

/// A URL's due deliveries are claimed in `scheduled_at, id` order; with `id` in the index the claim
/// reads only the rows it takes, also when many share one `scheduled_at` (a burst of events, a
/// batch written at once). Without it, every claim read and sorted all the URL's pending rows of
/// that `scheduled_at` (SQLite: "USE TEMP B-TREE FOR RIGHT PART OF ORDER BY").
struct IndexWebhookDeliveriesByURLInClaimOrder: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await SQLIndex.drop(on: database, name: "webhook_deliveries_by_url")
        try await SQLIndex.create(
            on: database, name: "webhook_deliveries_by_url", table: WebhookDelivery.schema,
            columns: ["status", "url", "scheduled_at", "id"])
    }

    func revert(on database: any Database) async throws {
        try await SQLIndex.drop(on: database, name: "webhook_deliveries_by_url")
        try await SQLIndex.create(
            on: database, name: "webhook_deliveries_by_url", table: WebhookDelivery.schema, columns: ["status", "url", "scheduled_at"])
    }
}
