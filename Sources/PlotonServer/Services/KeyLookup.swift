import Fluent
import Foundation
import PlotonCore
import SQLKit
import SQLiteKit

/// Who the active key with this secret acts for, or `401 invalid_api_key`: from the process's
/// `KeyCache` when it trusts the key, else by the key's statement (which refills the cache), as
/// one plain row, without model decoding, and as futures on the request's event loop, without a
/// hop into Swift concurrency. A route may join its own read to the statement (`JoinedRead`), so
/// that read costs no second statement (no second PostgreSQL round trip); such a request always
/// runs it.
struct KeyLookup {
    /// `last_used_at` is written at most this often per key, so reads stay reads.
    static let lastUsedGranularity: TimeInterval = 60

    /// Made only when the lookup needs the database (a trusted key needs none).
    private let database: () -> any Database
    private let eventLoop: any EventLoop
    let now: Date
    /// The request's event loop's own read connection on an embedded SQLite file, which answers
    /// the lookup without leaving the loop; nil: through the database's pool.
    var reads: SQLiteReadConnection?
    /// The process's trusted keys; nil: the statement on every request.
    var keys: KeyCache?

    init(
        database: @autoclosure @escaping () -> any Database, on eventLoop: (any EventLoop)? = nil, now: Date,
        reads: SQLiteReadConnection? = nil, keys: KeyCache? = nil
    ) {
        self.database = database
        self.eventLoop = eventLoop ?? database().eventLoop
        self.now = now
        self.reads = reads
        self.keys = keys
    }

    /// The key's principal, and the joined read's row when `read` is given (nil when it found
    /// nothing in the key's account and environment).
    func principal(for secret: APIKeySecret, joining read: JoinedRead? = nil) -> EventLoopFuture<(APIPrincipal, (any SQLRow)?)> {
        let hash = secret.sha256
        let trusted = read == nil ? keys?.use(hash: hash, now: now, granularity: Self.lastUsedGranularity) : nil
        if let (principal, writesLastUsed) = trusted, !writesLastUsed {
            return eventLoop.makeSucceededFuture((principal, nil))
        }
        let database = database()
        guard let sql = database as? any SQLDatabase else { return eventLoop.makeFailedFuture(DatabaseWithoutSQL()) }
        if let (principal, _) = trusted {
            return writeLastUsed(keyID: principal.keyID, on: sql).map { (principal, nil) }
        }
        let started = keys?.beginRead()
        var query: SQLQueryString = """
            SELECT k.id AS key_id, k.account_id AS key_account_id, k.environment AS key_environment, \
            k.last_used_at AS key_last_used_at, k.expires_at AS key_expires_at, k.revoked_at AS key_revoked_at
            """
        if let read { query += ", \(unsafeRaw: read.columns)" }
        query += " FROM \(ident: APIKey.schema) k"
        if let read {
            query += " LEFT JOIN "
            query += read.join
        }
        query += " WHERE k.secret_hash = \(bind: hash) LIMIT 1"
        return first(query, on: sql).flatMapThrowing { row -> (KeyRow, (any SQLRow)?) in
            guard let row else { throw KeyError.invalidKey }
            let key = try KeyRow(row)
            guard key.isActive(at: now) else { throw KeyError.invalidKey }
            return (key, try read.flatMap { try row.decodeNil(column: $0.presence) ? nil : row })
        }.flatMap { key, joined in
            let principal = APIPrincipal(keyID: key.id, accountID: key.accountID, environment: key.environment)
            let due = key.lastUsedAt.map({ now.timeIntervalSince($0) >= Self.lastUsedGranularity }) ?? true
            if let keys, let started {
                keys.store(
                    hash: hash, principal: principal, expiresAt: key.expiresAt, lastUsedAt: due ? now : key.lastUsedAt, read: started)
            }
            guard due else { return sql.eventLoop.makeSucceededFuture((principal, joined)) }
            return writeLastUsed(keyID: key.id, on: sql).map { (principal, joined) }
        }
    }

    private func writeLastUsed(keyID: String, on sql: any SQLDatabase) -> EventLoopFuture<Void> {
        sql.update(APIKey.schema).set("last_used_at", to: SQLBind(now)).where("id", .equal, SQLBind(keyID)).run()
    }

    /// On the loop's read connection when there is one; through the pool when there is none or
    /// it cannot answer now (busy: the WAL being recovered).
    private func first(_ query: SQLQueryString, on sql: any SQLDatabase) -> EventLoopFuture<(any SQLRow)?> {
        if let reads {
            var serializer = SQLSerializer(database: sql)
            query.serialize(to: &serializer)
            do {
                let binds = try serializer.binds.map { try SQLiteDataEncoder().encode($0) }
                return sql.eventLoop.makeSucceededFuture(try reads.first(serializer.sql, binds: binds))
            } catch {
                // Answered by the pool below, which waits where this connection would not.
            }
        }
        return sql.raw(query).first()
    }

    private struct KeyRow {
        let id: String
        let accountID: String
        let environment: PlotonEnvironment
        let lastUsedAt: Date?
        let expiresAt: Date?
        let revokedAt: Date?

        init(_ row: any SQLRow) throws {
            id = try row.decode(column: "key_id", as: String.self)
            accountID = try row.decode(column: "key_account_id", as: String.self)
            environment = try row.decode(column: "key_environment", as: PlotonEnvironment.self)
            lastUsedAt = try row.decode(column: "key_last_used_at", as: Date?.self)
            expiresAt = try row.decode(column: "key_expires_at", as: Date?.self)
            revokedAt = try row.decode(column: "key_revoked_at", as: Date?.self)
        }

        func isActive(at now: Date) -> Bool { revokedAt == nil && expiresAt.map { now < $0 } ?? true }
    }
}

/// A route's read of one row that rides on its key's lookup (`KeyLookup`): its columns, and a
/// `LEFT JOIN` of the key `k` that must hold the row to the key's account and environment.
struct JoinedRead: Sendable {
    /// The columns, each qualified by the join's alias.
    var columns: String
    /// `table alias ON …`, after `LEFT JOIN`.
    var join: SQLQueryString
    /// A column that is never null in a row found: null says none was.
    var presence: String
    /// The route can learn what this read tells some other way, so a request whose key the
    /// process trusts skips the statement instead (`Request.joinedReadSkipped`).
    var skippedForTrustedKey = false
}
