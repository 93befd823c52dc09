import Fluent

/// Ids that sort in creation order (`ObjectID.generateSortable`: events, webhook deliveries,
/// connections, subagents, webhook endpoints) compare byte by byte on PostgreSQL too. A database
/// created with a language collation (`en_US.UTF-8`, the default of most images) sorts `a` before
/// `B`, and lists ordered by id came out of creation order. SQLite compares bytes already.
struct UpdateSortableIDsToByteOrder: AsyncMigration {
    static let columns: [(table: String, column: String)] = [
        (TaskEvent.schema, "id"), (WebhookDelivery.schema, "id"), (WebhookDelivery.schema, "event_id"),
        (Connection.schema, "id"), (Subagent.schema, "id"), (WebhookEndpoint.schema, "id"),
    ]

    func prepare(on database: any Database) async throws {
        try await PostgresColumnTypes.alter(Self.columns, to: #"text COLLATE "C""#, on: database)
    }

    func revert(on database: any Database) async throws {
        try await PostgresColumnTypes.alter(Self.columns, to: "text", on: database)
    }
}
