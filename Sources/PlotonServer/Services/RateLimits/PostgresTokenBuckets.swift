import Fluent
import Foundation
import PlotonCore
import SQLKit

/// The shared token buckets of `SharedRateLimiter`: one row per key in an UNLOGGED table (no WAL;
/// after a PostgreSQL crash the buckets start full again), refilled and taken from in one
/// statement. Hosts' clocks (NTP-synchronised) say when: a host a few milliseconds behind the last
/// writer refills nothing for those milliseconds, never a negative amount. The statement runs
/// prepared (`PreparedStatements`).
struct PostgresTokenBuckets: TokenBucketStore {
    let database: @Sendable () -> any Database

    private struct Row: Decodable {
        var taken: Int
        var tokens: Double
    }

    func take(key: String, capacity: Double, ratePerSecond: Double, want: Int, now: TimeInterval) async throws
        -> (taken: Int, left: Double)
    {
        guard let sql = database() as? any SQLDatabase else { return (want, capacity) }
        // SET expressions read the row as it was, so `taken` and `tokens` both see the old balance.
        let refilled: SQLQueryString =
            "LEAST(\(bind: capacity), b.tokens + GREATEST(0, EXCLUDED.updated_at - b.updated_at) * \(bind: ratePerSecond))"
        let query: SQLQueryString = """
            INSERT INTO rate_limit_buckets AS b (key, tokens, taken, updated_at)
            VALUES (\(bind: key), \(bind: capacity) - LEAST(\(bind: want), FLOOR(\(bind: capacity))),
                    LEAST(\(bind: want), FLOOR(\(bind: capacity))), \(bind: now))
            ON CONFLICT (key) DO UPDATE SET
                taken = LEAST(\(bind: want), FLOOR(\(refilled))),
                tokens = \(refilled) - LEAST(\(bind: want), FLOOR(\(refilled))),
                updated_at = GREATEST(b.updated_at, EXCLUDED.updated_at)
            RETURNING taken::bigint AS taken, tokens
            """
        guard let row = try await sql.allPrepared(query).first?.decode(model: Row.self) else { return (0, 0) }
        return (row.taken, row.tokens)
    }

    /// Deletes the buckets last touched before `idleSince` (upkeep): one row per key ever used
    /// would otherwise stay forever. A request racing the delete starts a full bucket, which is
    /// what an idle one has refilled to.
    static func prune(database: any Database, idleSince: Date) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.delete(from: "rate_limit_buckets").where("updated_at", .lessThan, SQLBind(idleSince.timeIntervalSince1970)).run()
    }
}
