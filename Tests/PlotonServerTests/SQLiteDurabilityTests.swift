import Foundation
import PlotonTestSupport
import SQLKit
import Testing
import Vapor

@testable import PlotonServer

/// The embedded database's durability is a setting: WAL always, `synchronous` NORMAL by default or
/// FULL, on every connection (the group commit writer's too), and a sleeping busy timeout on the driver's.
@Suite struct SQLiteDurabilityTests {
    @Test func the_setting_is_read_and_checked() throws {
        #expect(try PlotonConfig.load(from: [:]).sqliteSynchronous == .normal)
        #expect(try PlotonConfig.load(from: ["PLOTON_SQLITE_SYNCHRONOUS": "full"]).sqliteSynchronous == .full)
        #expect(throws: ConfigError.self) { try PlotonConfig.load(from: ["PLOTON_SQLITE_SYNCHRONOUS": "off"]) }
    }

    @Test(arguments: [(SQLiteSynchronous.normal, 1), (.full, 2)])
    func every_connection_of_an_embedded_file_commits_as_configured(_ mode: SQLiteSynchronous, _ expected: Int) async throws {
        TestLogging.bootstrap()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ploton-sqlite-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var config = PlotonConfig(
            database: .sqliteFile(path: directory + "/ploton.sqlite"), encryptionKeys: .init(TestKeys.encryptionKeys))
        config.sqliteSynchronous = mode
        let app = try await Application.make(.testing)
        do {
            try configure(app, config: config)
            try await migrate(app)
            for loop in app.eventLoopGroup.makeIterator() {
                let sql = try #require(app.databases.database(logger: app.logger, on: loop) as? any SQLDatabase)
                #expect(try await Self.pragma("journal_mode", on: sql, as: String.self) == "wal")
                #expect(try await Self.pragma("synchronous", on: sql, as: Int.self) == expected)
                #expect(try await Self.pragma("busy_timeout", column: "timeout", on: sql, as: Int.self) == 5000)
            }
            let writer = try #require(app.ploton.groupCommit.sqliteWriter, "task writes go through the file's writer")
            let (written, foreignKeys) = try await writer.transaction(context: app.db.context) { database in
                let sql = try #require(database as? any SQLDatabase)
                return (
                    try await Self.pragma("synchronous", on: sql, as: Int.self),
                    try await Self.pragma("foreign_keys", on: sql, as: Int.self)
                )
            }
            #expect(written == expected)
            #expect(foreignKeys == 1, "foreign keys enforced on the writer, as on the driver's connections")
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    static func pragma<T: Decodable>(_ name: String, column: String? = nil, on sql: any SQLDatabase, as type: T.Type) async throws -> T? {
        try await sql.raw("PRAGMA \(unsafeRaw: name)").first()?.decode(column: column ?? name, as: T.self)
    }
}
