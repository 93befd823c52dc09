import Fluent
import Foundation
import PlotonTestSupport
import SQLKit
import Testing

@testable import PlotonServer

/// The engine's hot tables are analyzed as they outgrow their statistics, by one process at a
/// time, and not again until they change again (PostgreSQL only: SQLite's planner keeps no such
/// statistics for these queries).
@Suite struct PostgresStatisticsTests {
    @Test(.enabled(if: TestDatabase.isPostgres))
    func a_table_that_outgrew_its_statistics_is_analyzed_once_and_not_while_another_process_analyzes() async throws {
        try await withPloton { t async throws in
            let sql = try #require(t.db as? any SQLDatabase)
            let statistics = PostgresStatistics(database: t.db, logger: t.app.logger)
            // PostgreSQL's own autovacuum would analyze the table too, whenever its next round comes (it did, mid-test, on CI).
            try await sql.raw("ALTER TABLE events SET (autovacuum_enabled = false)").run()
            // The statistics of a fresh database count its migrations' rows only.
            _ = try await statistics.refresh()
            try await t.db.transaction { database in
                let sql = try #require(database as? any SQLDatabase)
                try await sql.raw(
                    """
                    INSERT INTO events (id, account_id, environment, type, task_id, data, metadata, created_at)
                    SELECT 'evt_stat_' || n, \(bind: t.accountID), 'test', 'task.progress', NULL, '{}', '{}', now()
                    FROM generate_series(1, 3000) AS n
                    """
                ).run()
                // This connection reports its changes as soon as it is idle, not within the next ten seconds.
                try await sql.raw("SELECT pg_stat_force_next_flush()").run()
            }

            // While another process holds the lock, this one leaves the table to it.
            try await t.db.transaction { database in
                let holder = try #require(database as? any SQLDatabase)
                try await holder.raw("SELECT pg_advisory_xact_lock(\(bind: PostgresStatistics.lockKey))").run()
                try await eventually("the insert is counted in the table's statistics") {
                    try await Self.changesSinceAnalysis(of: "events", on: sql) >= 3000
                }
                #expect(try await statistics.refresh() == [])
            }
            #expect(try await Self.changesSinceAnalysis(of: "events", on: sql) >= 3000)

            #expect(try await statistics.refresh() == ["events"])
            #expect(try await Self.changesSinceAnalysis(of: "events", on: sql) == 0)
            #expect(try await statistics.refresh() == [])
        }
    }

    static func changesSinceAnalysis(of table: String, on sql: any SQLDatabase) async throws -> Int {
        struct Row: Decodable { var n_mod_since_analyze: Int }
        return try await sql.raw("SELECT n_mod_since_analyze FROM pg_stat_user_tables WHERE relname = \(bind: table)")
            .first(decoding: Row.self)?.n_mod_since_analyze ?? -1
    }
}
