import Fluent
import SQLKit

/// Token buckets shared by every API process on PostgreSQL (PostgresTokenBuckets). UNLOGGED: hot,
/// tiny, and worthless after a crash. SQLite keeps its buckets in the one process's memory; the
/// table exists there too so both schemas match.
struct CreateRateLimitBuckets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else {
            try await database.schema("rate_limit_buckets")
                .field("key", .string, .identifier(auto: false))
                .field("tokens", .double, .required)
                .field("taken", .double, .required)
                .field("updated_at", .double, .required)
                .create()
            return
        }
        try await sql.raw(
            """
            CREATE UNLOGGED TABLE rate_limit_buckets (
                key text PRIMARY KEY, tokens double precision NOT NULL, taken double precision NOT NULL,
                updated_at double precision NOT NULL)
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rate_limit_buckets").delete()
    }
}
