import Foundation
import PlotonAPI
import PlotonCore
import SQLKit
import SQLiteKit
import Testing
import Vapor

@testable import PlotonServer

/// On an embedded SQLite file the key's lookup (with its route's joined read) is answered on the
/// request's event loop by that loop's own read connection (`SQLiteReadConnection`): the same
/// rows as through the driver's pool, and a revoked key refused at once.
@Suite struct SQLiteReadConnectionTests {
    @Test func a_loop_gets_its_own_connection_and_only_on_the_loop() async throws {
        try await withSQLiteFile { t, reads in
            let loop = t.app.eventLoopGroup.next()
            #expect(reads.connection(on: loop) == nil)  // not on the loop's thread
            let (first, second) = try await loop.submit { (reads.connection(on: loop), reads.connection(on: loop)) }.get()
            #expect(first != nil && first === second)
        }
    }

    @Test func the_key_and_its_task_read_the_same_as_through_the_pool() async throws {
        try await withSQLiteFile { t, reads in
            let id = try await t.createTask(#"{"prompt":"What is the weather in Paris?","metadata":{"order":7,"note":"é \" \\n"}}"#)
            try await t.drain()
            let keys = APIKeyService(database: t.db, now: t.clock.now)
            let other = Account(name: "other", createdAt: t.clock.now)
            try await other.create(on: t.db)
            let (_, theirs) = try await keys.create(accountID: try other.requireID(), name: "theirs", environment: .test)
            let connection = try SQLiteReadConnection(path: reads.path)
            for (key, task) in [(t.testKey, id), (t.liveKey, id), (theirs.value, id), (t.testKey, "task_nope")] {
                let secret = try #require(APIKeySecret(parsing: key))
                let pooled = try await KeyLookup(database: t.db, now: t.clock.now).principal(for: secret, joining: TaskReads.joined(task))
                    .get()
                let direct = try await KeyLookup(database: t.db, now: t.clock.now, reads: connection)
                    .principal(for: secret, joining: TaskReads.joined(task)).get()
                #expect([direct.0.keyID, direct.0.accountID] == [pooled.0.keyID, pooled.0.accountID])
                #expect((direct.1 == nil) == (pooled.1 == nil))
                if let row = direct.1, let expected = pooled.1 {
                    #expect(try TaskReads.task(from: row).toObject() == TaskReads.task(from: expected).toObject())
                    #expect(Set(row.allColumns) == Set(expected.allColumns))
                }
            }
            connection.close()
        }
    }

    @Test func a_revoked_key_is_refused_by_the_next_read() async throws {
        try await withSQLiteFile { t, reads in
            let keys = APIKeyService(database: t.db, now: t.clock.now)
            let (key, secret) = try await keys.create(accountID: t.accountID, name: "short-lived", environment: .test)
            let connection = try SQLiteReadConnection(path: reads.path)
            let lookup = KeyLookup(database: t.db, now: t.clock.now, reads: connection)
            #expect(try await lookup.principal(for: secret).get().0.keyID == key.id)
            _ = try await keys.revoke(accountID: t.accountID, id: try key.requireID())
            await #expect(throws: KeyError.invalidKey) { try await lookup.principal(for: secret).get() }
            connection.close()
        }
    }

    @Test func it_reads_and_never_writes() async throws {
        try await withSQLiteFile { t, reads in
            let connection = try SQLiteReadConnection(path: reads.path)
            #expect(try connection.first("SELECT COUNT(*) AS n FROM accounts", binds: [])?.decode(column: "n", as: Int.self) == 1)
            #expect(try connection.first("SELECT id FROM accounts WHERE id = ?1", binds: [.text("acct_nope")]) == nil)
            #expect(throws: SQLiteReadConnection.Failed.self) {
                try connection.first("UPDATE accounts SET name = 'changed'", binds: [])
            }
            connection.close()
        }
    }

    /// Over HTTP: a request's key lookup goes through its loop's connection and answers as before.
    @Test func a_task_read_over_http_answers_from_the_loop() async throws {
        try await withSQLiteFile { t, reads in
            let id = try await t.createTask(#"{"prompt":"What is the weather in Paris?"}"#)
            try await t.drain()
            let inMemory = try await t.send(.GET, "v1/tasks/\(id)", key: t.testKey)  // off the loop: through the pool
            let overHTTP = try await t.app.testing(method: .running(port: 0)).sendRequest(
                .GET, "v1/tasks/\(id)", headers: .bearer(t.testKey))
            #expect(overHTTP.status == .ok)
            #expect(overHTTP.body.string == inMemory.body.string)
            #expect(reads.opened == 1)
        }
    }

    private func withSQLiteFile(_ body: (TestApp, SQLiteReadConnections) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ploton-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withPloton({ $0.database = .sqliteFile(path: directory.appendingPathComponent("ploton.sqlite").path) }) { t in
            try await body(t, try #require(t.app.sqliteReads))
        }
    }
}
