import Fluent
import SQLKit

/// Webhook endpoints, the delivery outbox and log, and each event's delivery summary.
struct CreateWebhookDelivery: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(WebhookEndpoint.schema)
            .field("id", .string, .identifier(auto: false))
            .field("account_id", .string, .required, .references(Account.schema, "id", onDelete: .cascade))
            .field("environment", .string, .required)
            .field("url", .string, .required)
            .field("events", .string, .required)
            .field("enabled", .bool, .required)
            .field("description", .string)
            .field("disabled_reason", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await SQLIndex.create(
            on: database, name: "webhook_endpoints_by_environment", table: WebhookEndpoint.schema,
            columns: ["account_id", "environment", "created_at"])

        try await database.schema(WebhookDelivery.schema)
            .field("id", .string, .identifier(auto: false))
            .field("event_id", .string, .required, .references(TaskEvent.schema, "id", onDelete: .cascade))
            .field("account_id", .string, .required, .references(Account.schema, "id", onDelete: .cascade))
            .field("environment", .string, .required)
            .field("endpoint_id", .string)
            .field("url", .string, .required)
            .field("attempt", .int, .required)
            .field("retries", .bool, .required)
            .field("status", .string, .required)
            .field("scheduled_at", .datetime, .required)
            .field("lease_owner", .string)
            .field("lease_expires_at", .datetime)
            .field("status_code", .int)
            .field("duration_ms", .int)
            .field("error", .string)
            .field("next_attempt_at", .datetime)
            .field("attempted_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await SQLIndex.create(
            on: database, name: "webhook_deliveries_due", table: WebhookDelivery.schema, columns: ["status", "scheduled_at"])
        try await SQLIndex.create(
            on: database, name: "webhook_deliveries_by_event", table: WebhookDelivery.schema, columns: ["event_id", "created_at"])

        try await database.schema(TaskEvent.schema).field("delivery_status", .string).update()
        try await SQLIndex.create(
            on: database, name: "events_by_environment", table: TaskEvent.schema, columns: ["account_id", "environment", "created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TaskEvent.schema).deleteField("delivery_status").update()
        try await database.schema(WebhookDelivery.schema).delete()
        try await database.schema(WebhookEndpoint.schema).delete()
    }
}
