import Foundation
import PlotonTestSupport
import SQLKit
import Synchronization
import Testing
import Vapor

@testable import PlotonServer

/// SQLite's "busy" is read from the driver's result code: a read-then-write transaction that
/// another connection overtook (`SQLITE_BUSY_SNAPSHOT`) is run again, and other errors are not.
@Suite(.enabled(if: !TestDatabase.isPostgres, "SQLite only"))
struct SQLiteBusyTests {
    @Test func an_overtaken_write_transaction_runs_again() async throws {
        TestLogging.bootstrap()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ploton-busy-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let app = try await Application.make(.testing)
        do {
            try configure(
                app,
                config: PlotonConfig(
                    database: .sqliteFile(path: directory + "/ploton.sqlite"), encryptionKeys: .init(TestKeys.encryptionKeys)))
            try await migrate(app)  // WAL: a reader does not block the other connection's writer
            var loops = app.eventLoopGroup.makeIterator()
            let (nextLoop, otherLoop) = (loops.next(), loops.next())
            let (first, second) = (try #require(nextLoop), try #require(otherLoop))
            let database = app.databases.database(logger: app.logger, on: first)!
            let other = try #require(app.databases.database(logger: app.logger, on: second) as? any SQLDatabase)
            try await other.raw("CREATE TABLE counters (n INTEGER NOT NULL)").run()
            try await other.raw("INSERT INTO counters (n) VALUES (0)").run()

            let attempts = Mutex(0)
            try await database.writeTransaction { database in
                let sql = database as! any SQLDatabase
                let n = try await sql.raw("SELECT n FROM counters").first(decoding: Counter.self)?.n ?? -1
                if attempts.withLock({ count in
                    count += 1
                    return count == 1
                }) {
                    // Another connection commits after this transaction has read: its write cannot go on.
                    try await other.raw("UPDATE counters SET n = n + 100").run()
                }
                try await sql.raw("UPDATE counters SET n = \(bind: n + 1)").run()
            }
            #expect(attempts.withLock { $0 } == 2)
            #expect(try await other.raw("SELECT n FROM counters").first(decoding: Counter.self)?.n == 101)

            await #expect(throws: (any Error).self) {
                try await database.writeTransaction { database in
                    attempts.withLock { $0 += 1 }
                    try await (database as! any SQLDatabase).raw("INSERT INTO missing_table VALUES (1)").run()
                }
            }
            #expect(attempts.withLock { $0 } == 3, "an error that is not busy is not retried")
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    struct Counter: Decodable { var n: Int }
}
