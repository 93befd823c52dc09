import Fluent

/// The dashboard Overview reads one environment's webhook attempts of the last hour or day by index.
struct IndexWebhookDeliveriesByEnvironment: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await SQLIndex.create(
            on: database, name: "webhook_deliveries_by_environment", table: WebhookDelivery.schema,
            columns: ["account_id", "environment", "created_at"])
    }

    func revert(on database: any Database) async throws {
        try await SQLIndex.drop(on: database, name: "webhook_deliveries_by_environment")
    }
}
