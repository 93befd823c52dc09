import Fluent
import Foundation
import Logging
import SQLKit

/// Keeps PostgreSQL's statistics of the engine's hot tables up to date as they grow, so the
/// planner picks the index for the rows it is asked about. Autovacuum looks once a minute and
/// analyzes a table after a tenth of it changed; a fresh or quiet database taking thousands of
/// tasks a second outgrows its statistics within seconds, and the planner, still believing a
/// table holds a few rows, scans every pending delivery to record the outcome of nine (seen in
/// `Benchmarks/webhook_delivery.py`: 17 ms for nine rows, a third of PostgreSQL's time).
///
/// Every `interval`, one statement reads the tables' change counters; a table changed by more
/// than half its rows (and at least `minimumChanges`) since its last analysis is analyzed, by one
/// process at a time (a transaction-scoped advisory lock; the others skip it): a table that only
/// grows is analyzed each time it doubles. Not more often: the planner scales a table's row count
/// by its current size in pages already, so what goes stale is the data's distribution, and each
/// `ANALYZE` reads a sample of up to 30,000 rows (at a fifth, on a benchmark's fresh tables, these
/// analyses were a seventh of PostgreSQL's CPU). Autovacuum's own analysis after a tenth changed,
/// once a minute at most, keeps large tables' statistics as before.
struct PostgresStatistics {
    static let tables = ["tasks", "task_steps", "events", "webhook_deliveries"]
    static let interval: Duration = .seconds(2)
    static let minimumChanges = 1000
    /// The advisory lock that one process analyzes under (`pg_try_advisory_xact_lock`).
    static let lockKey: Int64 = 0x706C_6F74_7374_6174

    let database: any Database
    let logger: Logger

    func run() async {
        var backoff = FailureBackoff(what: "keeping table statistics", logger: logger)
        while !Task.isCancelled {
            var wait = Self.interval
            do {
                try await refresh()
                backoff.succeeded()
            } catch {
                wait = .milliseconds(Int64(backoff.failed(error) * 1000))
            }
            try? await Task.sleep(for: wait)
        }
    }

    /// Analyzes the tables that outgrew their statistics; returns their names.
    @discardableResult
    func refresh() async throws -> [String] {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return [] }
        struct Stale: Decodable { var relname: String }
        let stale = try await sql.raw(
            """
            SELECT relname FROM pg_stat_user_tables
            WHERE schemaname = current_schema() AND relname IN (\(SQLList(Self.tables.map { SQLBind($0) })))
              AND n_mod_since_analyze > GREATEST(\(bind: Self.minimumChanges), n_live_tup / 2)
            ORDER BY relname
            """
        ).all(decoding: Stale.self).map(\.relname)
        guard !stale.isEmpty else { return [] }
        let analyzed = try await database.transaction { database -> Bool in
            guard let sql = database as? any SQLDatabase else { return false }
            struct Locked: Decodable { var locked: Bool }
            let lock = try await sql.raw("SELECT pg_try_advisory_xact_lock(\(bind: Self.lockKey)) AS locked").first(decoding: Locked.self)
            guard lock?.locked == true else { return false }
            for table in stale { try await sql.raw("ANALYZE \(ident: table)").run() }
            return true
        }
        return analyzed ? stale : []
    }
}
