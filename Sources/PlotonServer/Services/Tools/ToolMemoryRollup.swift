import Fluent
import Foundation
import PlotonCore
import SQLKit

/// Execution memory rolled up: one row per account, environment, tool and capability (`tool_memory`)
/// holds the tally of every step folded into it. Upkeep folds the steps of finished tasks (whose
/// steps no run writes again) in batches, each batch and the mark on its steps in one transaction,
/// so a step is counted exactly once; a report reads the rows and adds the few steps not folded
/// yet (running tasks', and those finished since the last upkeep). The rows outlive log retention.
struct ToolMemoryRollup {
    static let schema = "tool_memory"
    /// Steps one transaction folds.
    static let batch = 500
    /// Held by a fold on PostgreSQL, so two folds never rewrite the same row from the same old value.
    private static let foldLock = 727_003

    let database: any Database

    /// Whose memory a row or a step counts into: its columns in `tool_memory` and in a step's query.
    struct Key: Hashable, Decodable {
        var accountID: String
        var environment: String
        var tool: String
        var capability: String

        enum CodingKeys: String, CodingKey {
            case accountID = "account_id", environment, tool, capability
        }
    }

    /// Folds every step of a finished task not folded yet; returns how many.
    @discardableResult
    func fold() async throws -> Int {
        var total = 0
        while true {
            let folded = try await database.writeTransaction { database in try await Self.foldBatch(on: database) }
            total += folded
            guard folded == Self.batch else { return total }
        }
    }

    /// Each capability's tally for one tool of one account environment, rolled up and not yet
    /// rolled up, read in one snapshot (a fold committing meanwhile is counted once).
    func tallies(tool: String, accountID: String, environment: String) async throws -> [String: ToolMemoryTally] {
        try await database.transaction { database in
            guard let sql = database as? any SQLDatabase else { return [:] }
            if sql.dialect.name == "postgresql" { try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").run() }
            var tallies: [String: ToolMemoryTally] = [:]
            let rows = try await sql.raw(
                """
                SELECT * FROM \(ident: Self.schema)
                WHERE account_id = \(bind: accountID) AND environment = \(bind: environment) AND tool = \(bind: tool)
                """
            ).all(decoding: Row.self)
            for row in rows { tallies[row.key.capability] = row.tally }
            let steps = try await sql.raw(
                """
                SELECT s.id, t.account_id, t.environment, s.tool, s.capability, s.status, s.error, s.attempts, s.recoveries,
                  s.started_at, s.finished_at
                FROM task_steps s JOIN tasks t ON t.id = s.task_id
                WHERE s.memory_folded = false AND s.tool = \(bind: tool)
                  AND t.account_id = \(bind: accountID) AND t.environment = \(bind: environment)
                """
            ).all(decoding: StepRow.self)
            for step in steps { tallies[step.key.capability, default: ToolMemoryTally()].add(step.step) }
            return tallies
        }
    }

    private static func foldBatch(on database: any Database) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { return 0 }
        if sql.dialect.name == "postgresql" { try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: foldLock))").run() }
        let steps = try await sql.raw(
            """
            SELECT s.id, t.account_id, t.environment, s.tool, s.capability, s.status, s.error, s.attempts, s.recoveries,
              s.started_at, s.finished_at
            FROM task_steps s JOIN tasks t ON t.id = s.task_id
            WHERE s.memory_folded = false AND t.completed_at IS NOT NULL
            LIMIT \(literal: batch)
            """
        ).all(decoding: StepRow.self)
        guard !steps.isEmpty else { return 0 }

        var tallies: [Key: ToolMemoryTally] = [:]
        for step in steps { tallies[step.key, default: ToolMemoryTally()].add(step.step) }
        let accounts = Array(Set(tallies.keys.map(\.accountID)))
        let stored = try await sql.raw("SELECT * FROM \(ident: schema) WHERE account_id IN (\(binds: accounts))").all(decoding: Row.self)
        for row in stored where tallies[row.key] != nil {
            var total = row.tally
            total.merge(tallies[row.key] ?? ToolMemoryTally())
            tallies[row.key] = total
        }
        // Every key in one statement (a few, past `upsertRows`), not one round trip a key: the
        // tallies above already hold the stored rows' values.
        let rows = Array(tallies)
        for start in stride(from: 0, to: rows.count, by: upsertRows) {
            try await upsert(rows[start..<min(start + upsertRows, rows.count)], on: sql)
        }
        try await sql.raw("UPDATE task_steps SET memory_folded = true WHERE id IN (\(binds: steps.map(\.id)))").run()
        return steps.count
    }

    /// Keys one upsert writes: 16 binds a row, far below either database's limit on binds.
    private static let upsertRows = 200

    /// Writes each key's total (the stored row's tally merged with the batch's) in one multi-row
    /// `INSERT … ON CONFLICT DO UPDATE`; the keys are distinct, so no row is touched twice.
    private static func upsert(_ rows: ArraySlice<(key: Key, value: ToolMemoryTally)>, on sql: any SQLDatabase) async throws {
        guard let first = rows.first else { return }
        let keyColumns: [Key.CodingKeys] = [.accountID, .environment, .tool, .capability]
        let tallyColumns = first.value.columns.map(\.0.rawValue)
        var insert = sql.insert(into: schema).columns(keyColumns.map(\.rawValue) + tallyColumns)
        for (key, tally) in rows {
            let keyed: [any Encodable & Sendable] = [key.accountID, key.environment, key.tool, key.capability]
            insert = insert.values(keyed + tally.columns.map(\.1))
        }
        try await insert.onConflict(with: keyColumns.map(\.rawValue)) { update in
            for column in tallyColumns { _ = update.set(excludedValueOf: column) }
            return update
        }
        .run()
    }

    /// A `tool_memory` row: its key and its tally.
    private struct Row: Decodable {
        var key: Key
        var tally: ToolMemoryTally

        init(from decoder: any Decoder) throws {
            key = try Key(from: decoder)
            tally = try ToolMemoryTally(row: decoder)
        }
    }

    /// A step not folded yet, with its task's account and environment.
    private struct StepRow: Decodable {
        var id: String
        var key: Key
        var step: ToolMemoryTally.Step

        private enum CodingKeys: CodingKey { case id }

        init(from decoder: any Decoder) throws {
            id = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .id)
            key = try Key(from: decoder)
            step = try ToolMemoryTally.Step(from: decoder)
        }
    }
}
