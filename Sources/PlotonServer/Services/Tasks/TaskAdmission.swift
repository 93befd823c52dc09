import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import SQLKit

/// Stores a new task, claimed at once for this process's worker when it has a slot (`EngineSlots`):
/// the task then runs straight from the create, with no wake-up, claim round trip or re-read,
/// under the same lease a claim takes (renewed while it runs; after a crash the task is claimed
/// again as lost). The account's concurrency limit holds across processes: its running tasks are
/// counted under the account's claim lock (PostgreSQL; a claim takes it for each account it
/// serves, and a create waits for it) or the write lock (SQLite). A task whose account is at its
/// limit or has tasks queued goes to the queue as before.
struct TaskAdmission {
    let database: any Database
    let settings: TaskSettings
    let now: Date
    /// Where the insert commits, with other creates and runs' writes; nil: a transaction of its own.
    var commits: GroupCommit? = nil
    /// This process's memory of the accounts it marked served in the last second; nil: write each time.
    var served: ServedAccounts? = nil

    /// Inserts `task`; true when it was claimed for `workerID` (nil: queue it). With `finished`
    /// (the task already ran at its create, `InlineRun`), a claimed task is written complete with
    /// what its run produced; a queued one is written pending, and the run's outcome dropped.
    /// `room`: the account's room for a task that ran at its create, read before its run (PostgreSQL).
    func insert(
        _ task: AgentTask, claimingFor workerID: String?, finished: InlineRun.Finished? = nil, room: Room? = nil
    ) async throws -> Bool {
        if workerID != nil, let finished, readsRoomBeforeRun {
            return try await insertRun(task, finished: finished, room: room)
        }
        let (settings, now, accountID, served) = (settings, now, task.$account.id, served)
        let write: @Sendable (any Database) async throws -> Bool = { database in
            var admitted = false
            if workerID != nil {
                admitted = try await Self.hasRoom(
                    for: accountID, on: database, settings: settings, now: now, locking: finished == nil,
                    endpointsOf: finished == nil ? nil : task.environment.rawValue)
            }
            if admitted, let finished {
                try await finished.record(task, on: database)
            } else {
                task.status = admitted ? .running : .pending
                task.leaseOwner = admitted ? workerID : nil
                task.leaseExpiresAt = admitted ? now.addingTimeInterval(settings.leaseSeconds) : nil
                task.claims = admitted ? 1 : 0
                (task.resultJSON, task.updatedAt, task.completedAt) = (nil, now, nil)  // as before an attempt that recorded a run
                try await TaskRows.insert(task, on: database)
            }
            if admitted, served?.due(accountID, now: now) ?? true { try await Self.served(accountID, now: now, on: database) }
            return admitted
        }
        guard let commits else { return try await database.writeTransaction(write) }
        return try await commits.write(on: database, write)
    }

    /// PostgreSQL, a task that already ran (`InlineRun`): its room check takes no lock, so it is
    /// read before any transaction (at READ COMMITTED each statement of one has its own snapshot
    /// anyway), with the webhook endpoints its events go to. What is left to write is then one
    /// statement: the task with its steps, events, their outbox rows (leased to this process's
    /// dispatcher) and the account's served mark when due, each a data-modifying part of its
    /// `WITH`. It commits alone, as atomic as a transaction and two round trips (`BEGIN`, `COMMIT`)
    /// shorter, and its outbox rows are handed to the dispatcher once it returned (committed),
    /// as a transaction's are. Only a task whose events have more outbox rows than one `INSERT`
    /// takes (`WebhookOutbox.rowsPerStatement`) is written in a transaction as before.
    private func insertRun(_ task: AgentTask, finished: InlineRun.Finished, room: Room?) async throws -> Bool {
        let (now, accountID, served) = (now, task.$account.id, served)
        let environment = task.environment.rawValue
        let read = if let room { room } else { try await self.room(for: task, probingCustomTools: false) }
        let (admitted, endpoints) = (read.admits, read.endpoints)
        let marksServed = admitted && (served?.due(accountID, now: now) ?? true)
        // At most one outbox row per event and destination: the endpoints and the task's own URL.
        let outboxRows = endpoints.map { (finished.steps.count + 1) * ($0.count + (task.webhookURL == nil ? 0 : 1)) }
        let oneStatement = outboxRows.map { $0 <= WebhookOutbox.rowsPerStatement } ?? false
        let servedInStatement = marksServed && oneStatement
        let write: @Sendable (any Database) async throws -> Bool = { database in
            if let endpoints { WebhookOutbox.endpointReads?.know(endpoints, accountID: accountID, environment: environment) }
            if admitted {
                try await finished.record(task, served: servedInStatement ? ServedMark(accountID: accountID, now: now) : nil, on: database)
            } else {
                (task.status, task.leaseOwner, task.leaseExpiresAt, task.claims) = (.pending, nil, nil, 0)
                (task.resultJSON, task.updatedAt, task.completedAt) = (nil, now, nil)
                try await TaskRows.insert(task, on: database)
            }
            if marksServed, !servedInStatement { try await Self.served(accountID, now: now, on: database) }
            return admitted
        }
        guard !admitted || oneStatement else {
            guard let commits else { return try await database.writeTransaction(write) }
            return try await commits.write(on: database, write)
        }
        // One statement: its outbox rows go to this process's dispatcher after it, as a transaction's do.
        return try await WebhookHandoff.afterCommit { collector in
            try await WebhookOutbox.$endpointReads.withValue(WebhookOutbox.EndpointReads()) {
                try await WebhookHandoff.$collector.withValue(collector) { try await write(database) }
            }
        }
    }

    /// The account's room for a task that already ran at its create (PostgreSQL), read outside
    /// any transaction with the webhook endpoints of its environment, and, when asked, whether
    /// the account environment has custom tools (the create then needs no probe of its own).
    struct Room: Sendable {
        var admits: Bool
        var endpoints: [WebhookOutbox.Endpoint]?
        var hasCustomTools: Bool?
    }

    /// PostgreSQL: a task run at its create has its room read outside any transaction (`insertRun`).
    var readsRoomBeforeRun: Bool { (database as? any SQLDatabase)?.dialect.name == "postgresql" }

    func room(for task: AgentTask, probingCustomTools: Bool) async throws -> Room {
        let (accountID, environment) = (task.$account.id, task.environment.rawValue)
        let reads = WebhookOutbox.EndpointReads()
        let probed = probingCustomTools ? CustomToolsProbe() : nil
        let admits = try await WebhookOutbox.$endpointReads.withValue(reads) {
            try await Self.hasRoom(
                for: accountID, on: database, settings: settings, now: now, locking: false, endpointsOf: environment, probing: probed)
        }
        return Room(admits: admits, endpoints: reads.known(accountID: accountID, environment: environment), hasCustomTools: probed?.found)
    }

    /// Where `hasRoom` tells whether the account environment has custom tools.
    private final class CustomToolsProbe: @unchecked Sendable {
        var found: Bool?
    }

    /// `locking`: the task is to be inserted `running`, so the count must not change until the
    /// commit (PostgreSQL: the account's claim lock, held to the end of the transaction). A task
    /// that already ran at its create is inserted `complete` and never counts as running: its
    /// check takes no lock, so one account's creates do not commit one after another.
    /// `endpointsOf`: the environment whose webhook endpoints the task's events will be routed to,
    /// read in the same statement (one round trip less) and kept for the transaction's events
    /// (`WebhookOutbox.endpointReads`).
    private static func hasRoom(
        for accountID: String, on database: any Database, settings: TaskSettings, now: Date, locking: Bool,
        endpointsOf environment: String?,
        probing probe: CustomToolsProbe? = nil
    ) async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { return false }
        if locking, sql.dialect.name == "postgresql" {
            // Waited for, not tried: it is held for a few statements, and a create that missed it
            // queued its task, which then kept the account's later creates from running theirs.
            // The create's transaction holds no other lock yet, so the wait cannot deadlock. The
            // count below is a statement of its own so that its snapshot is taken after the lock.
            try await sql.runPrepared("SELECT pg_advisory_xact_lock(\(literal: TaskQueue.accountLock), hashtext(\(bind: accountID)))")
        }
        var query: SQLQueryString = """
            SELECT r.running, r.queued
            """
        if environment != nil {
            // PostgreSQL's `jsonb` as text, read below without `JSONDecoder` (session 28: decoding it was 0.9 % of
            // the server's samples with a webhook endpoint); SQLite stores the text itself.
            let events = sql.dialect.name == "postgresql" ? "e.events::text" : "e.events"
            query += ", e.id AS endpoint_id, e.url AS endpoint_url, \(unsafeRaw: events) AS endpoint_events"
        }
        if probe != nil { query += ", r.custom_tools" }
        query += """
             FROM (SELECT (SELECT COUNT(*) FROM tasks WHERE account_id = \(bind: accountID) AND status = 'running'
                AND lease_expires_at >= \(bind: now)) AS running,
              (SELECT COUNT(*) FROM (SELECT 1 FROM tasks WHERE account_id = \(bind: accountID) AND status = 'pending' LIMIT 1) q) AS queued
            """
        if probe != nil, let environment {
            query += """
                , (SELECT COUNT(*) FROM (SELECT 1 FROM custom_tools WHERE account_id = \(bind: accountID)
                  AND environment = \(bind: environment) LIMIT 1) c) AS custom_tools
                """
        }
        query += ") r"
        if let environment {
            query += """
                 LEFT JOIN webhook_endpoints e ON e.account_id = \(bind: accountID) AND e.environment = \(bind: environment)
                AND e.enabled = \(bind: true) ORDER BY e.created_at
                """
        }
        let rows = try await sql.allPrepared(query)
        guard let first = rows.first else { return false }
        // Read column by column: `decode(model:)` went through `Codable` (a decoder and its keyed
        // container) once per create (session 28).
        let (running, queued) = (try first.decode(column: "running", as: Int.self), try first.decode(column: "queued", as: Int.self))
        if let probe { probe.found = try first.decode(column: "custom_tools", as: Int.self) > 0 }
        if let environment, let reads = WebhookOutbox.endpointReads {
            let endpoints = try rows.compactMap { row -> WebhookOutbox.Endpoint? in
                guard let id = try row.decode(column: "endpoint_id", as: String?.self) else { return nil }
                return WebhookOutbox.Endpoint(
                    id: id, url: try row.decode(column: "endpoint_url", as: String.self),
                    events: try endpointEvents(row))
            }
            reads.know(endpoints, accountID: accountID, environment: environment)
        }
        return running < settings.accountConcurrency && queued == 0
    }

    /// An endpoint's event filter (a JSON array of event types), read from its text: by `JSONValue.decoded` when it is
    /// a plain array of strings, otherwise by `JSONDecoder` as before (which takes or refuses it the same way).
    private static func endpointEvents(_ row: any SQLRow) throws -> StoredJSON<[String]> {
        let text = try row.decode(column: "endpoint_events", as: String.self)
        if let events = JSONValue.decoded(text, as: [String].self) { return StoredJSON(events) }
        return StoredJSON(try JSONDecoder().decode([String].self, from: Data(text.utf8)))
    }

    /// Claims serve the account served longest ago first: a task run from its create is a claim
    /// too. Written at most once a second per account, so creates rarely contend for its row.
    private static func served(_ accountID: String, now: Date, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.runPrepared(ServedMark(accountID: accountID, now: now).query)
    }

    /// The account marked served now, unless it was in the last second.
    struct ServedMark: Sendable {
        let accountID: String
        let now: Date

        var query: SQLQueryString {
            """
            UPDATE accounts SET last_claimed_at = \(bind: now) WHERE id = \(bind: accountID)
              AND (last_claimed_at IS NULL OR last_claimed_at < \(bind: now.addingTimeInterval(-1)))
            """
        }
    }
}
