import Fluent
import Foundation
import PlotonCore
import SQLKit
import Synchronization

/// Puts an event's deliveries in the outbox, in the transaction that records the event: one
/// pending row per enabled endpoint whose filter lets the event through, and one for the task's
/// own `webhook_url`, read and written with plain SQL (one query, one multi-row `INSERT`) however
/// many endpoints there are. Inside a transaction that hands its rows to this process's dispatcher
/// (`WebhookHandoff`), the rows are leased to it as they are written.
enum WebhookOutbox {
    typealias Destination = (endpointID: String?, url: String)

    /// First attempts of `event` to each destination, due now.
    static func insert(_ event: TaskEvent, to destinations: [Destination], retries: Bool, now: Date, on database: any Database)
        async throws
    {
        try await insert([(event, destinations)], retries: retries, now: now, on: database)
    }

    /// First attempts of each event to its destinations, due now: one multi-row `INSERT` for all of
    /// them (a run's `task.progress` and `task.complete` events together), up to `rowsPerStatement`
    /// rows a statement.
    static func insert(
        _ events: [(event: TaskEvent, destinations: [Destination])], retries: Bool, now: Date, on database: any Database
    ) async throws {
        guard let sql = database as? any SQLDatabase, let staged = staged(events, retries: retries, now: now, on: sql) else { return }
        for statement in staged.statements { try await sql.runPrepared(statement) }
        staged.written()
    }

    /// The outbox rows of `events`, not yet written: their `INSERT`s (up to `rowsPerStatement` rows
    /// each), and `written`, to call once the statements have run in the transaction that writes
    /// them (it adds the rows to that transaction's `WebhookHandoff.collector`, bound now).
    /// PostgreSQL can run the `INSERT`s as data-modifying `WITH` parts of another statement
    /// (`TaskRows.insert`). nil: no rows.
    struct Staged {
        /// The rows the statements write, and their lease (nil: not handed to a dispatcher), for a
        /// caller that binds them another way (`TaskCreateStatement`: as arrays).
        let rows: [WebhookOutboxRow]
        let owner: String?
        let leaseExpiresAt: Date?
        let written: () -> Void
        private let sql: any SQLDatabase

        init(rows: [WebhookOutboxRow], owner: String?, leaseExpiresAt: Date?, sql: any SQLDatabase, written: @escaping () -> Void) {
            (self.rows, self.owner, self.leaseExpiresAt, self.sql, self.written) = (rows, owner, leaseExpiresAt, sql, written)
        }

        /// How many `INSERT`s `statements` holds.
        var statementCount: Int { (rows.count + WebhookOutbox.rowsPerStatement - 1) / WebhookOutbox.rowsPerStatement }

        /// The `INSERT`s, built when asked for: a PostgreSQL create binds `rows` as arrays instead
        /// (`TaskCreateStatement`), and building them anyway made 13 binds a row for nothing (session 28).
        var statements: [SQLInsert] {
            var statements: [SQLInsert] = []
            let size = WebhookOutbox.rowsPerStatement
            for start in stride(from: 0, to: rows.count, by: size) {
                var insert = sql.insert(into: WebhookDelivery.schema).columns(
                    "id", "event_id", "account_id", "environment", "endpoint_id", "url", "attempt", "retries", "status", "scheduled_at",
                    "lease_owner", "lease_expires_at", "created_at")
                for row in rows[start..<min(start + size, rows.count)] {
                    insert = insert.values(
                        SQLBind(row.id), SQLBind(row.event_id), SQLBind(row.account_id), SQLBind(row.environment.rawValue),
                        SQLBind(row.endpoint_id), SQLBind(row.url), SQLBind(row.attempt), SQLBind(row.retries),
                        SQLBind(row.status.rawValue), SQLBind(row.scheduled_at), SQLBind(owner), SQLBind(leaseExpiresAt),
                        SQLBind(row.created_at))
                }
                statements.append(insert.insert)
            }
            return statements
        }
    }

    /// `events`: each event once (a stored `TaskEvent`, or a run's `RunEvent`: plain values).
    static func staged<Event: EventValues & Sendable>(
        _ events: [(event: Event, destinations: [Destination])], retries: Bool, now: Date, on sql: any SQLDatabase
    ) -> Staged? {
        let collector = WebhookHandoff.collector
        let leaseExpiresAt = collector.map { now.addingTimeInterval($0.leaseSeconds) }
        var rows: [(row: WebhookOutboxRow, event: Int)] = []
        for (index, (event, destinations)) in events.enumerated() {
            for destination in destinations {
                rows.append((WebhookOutboxRow(firstAttemptOf: event, to: destination, retries: retries, now: now), index))
            }
        }
        guard !rows.isEmpty else { return nil }
        let written = events.map(\.event)
        return Staged(rows: rows.map(\.row), owner: collector?.owner, leaseExpiresAt: leaseExpiresAt, sql: sql) {
            guard let collector, let leaseExpiresAt else { return }
            // Each event's body made once, however many destinations it goes to.
            var made = [WebhookEvent??](repeating: nil, count: written.count)
            for (row, index) in rows {
                let event = written[index]
                let body = made[index] ?? WebhookEvent(written: event)
                made[index] = body
                collector.add(row, leaseExpiresAt: leaseExpiresAt, event: body, taskID: event.taskID)
            }
        }
    }

    /// 13 parameters a row: 1,000 rows stay within SQLite's 32,766 and PostgreSQL's 65,535.
    static let rowsPerStatement = 1000

    struct Endpoint: Decodable, Sendable {
        var id: String
        var url: String
        var events: StoredJSON<[String]>
    }

    /// The endpoints read in the write transaction running now, by account and environment, so the
    /// events one transaction records (a run's `task.progress` and `task.complete`) share one read.
    /// `Database.writeTransaction` binds a fresh one to each attempt.
    @TaskLocal static var endpointReads: EndpointReads?

    final class EndpointReads: Sendable {
        private let read = Mutex<[String: [Endpoint]]>([:])

        /// Endpoints read by another statement of the transaction (`TaskAdmission`'s room check).
        func know(_ endpoints: [Endpoint], accountID: String, environment: String) {
            read.withLock { $0[Self.key(accountID, environment)] = endpoints }
        }

        static func key(_ accountID: String, _ environment: String) -> String { "\(accountID) \(environment)" }

        /// The endpoints known for the account and environment, if they have been read.
        func known(accountID: String, environment: String) -> [Endpoint]? {
            read.withLock { $0[Self.key(accountID, environment)] }
        }

        func endpoints(_ key: String, else load: () async throws -> [Endpoint]) async throws -> [Endpoint] {
            if let known = read.withLock({ $0[key] }) { return known }
            let loaded = try await load()
            read.withLock { $0[key] = loaded }
            return loaded
        }
    }

    /// Where an event goes now: matching enabled endpoints, oldest first, then the task's `webhook_url`.
    static func destinations(for event: some EventValues, webhookURL: String?, on database: any Database) async throws -> [Destination] {
        guard let sql = database as? any SQLDatabase else { return [] }
        let load = {
            try await sql.raw(
                """
                SELECT id, url, events FROM webhook_endpoints
                WHERE account_id = \(bind: event.accountID) AND environment = \(bind: event.environment.rawValue) AND enabled = \(bind: true)
                ORDER BY created_at
                """
            ).all(decoding: Endpoint.self)
        }
        let endpoints =
            if let reads = endpointReads {
                try await reads.endpoints(EndpointReads.key(event.accountID, event.environment.rawValue), else: load)
            } else { try await load() }
        var destinations: [Destination] = endpoints.filter { endpoint in
            WebhookEventType.matches(endpoint.events.value, event.type.rawValue)
        }.map { ($0.id, $0.url) }
        if let webhookURL { destinations.append((nil, webhookURL)) }
        return destinations
    }
}
