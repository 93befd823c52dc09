import Fluent
import Foundation
import SQLKit

/// Upkeep runs in one process per interval however many workers share the database: each worker
/// asks every minute, and only the one whose upsert moves `due_at` forward runs it. The upsert's
/// row lock (PostgreSQL) or the single writer (SQLite) makes the claim exclusive; the others find
/// it not due and skip. A run longer than the interval may overlap the next one, which only
/// deletes what is already gone.
struct UpkeepSchedule {
    static let schema = "upkeep_schedule"
    /// Shorter than the workers' one-minute loop, so one of them finds it due every minute.
    static let interval: TimeInterval = 50

    let database: any Database

    /// This host and process, recorded with the run for operators.
    static let runner = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"

    /// True when this caller claimed the run due at `now` (and must run it).
    func claim(_ job: String, now: Date, runner: String = Self.runner) async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { return true }
        let now = now.timeIntervalSince1970
        let claimed = try await sql.raw(
            """
            INSERT INTO \(ident: Self.schema) AS s (name, due_at, ran_by, runs)
            VALUES (\(bind: job), \(bind: now + Self.interval), \(bind: runner), 1)
            ON CONFLICT (name) DO UPDATE SET due_at = EXCLUDED.due_at, ran_by = EXCLUDED.ran_by, runs = s.runs + 1
            WHERE s.due_at <= \(bind: now)
            RETURNING runs
            """
        ).first()
        return claimed != nil
    }
}
