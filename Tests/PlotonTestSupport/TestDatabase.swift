import Foundation
import Logging
import PlotonServer
import PostgresNIO

/// The database a test runs on, chosen by `PLOTON_TEST_DB` (`sqlite`, the default, or `postgres`).
/// Postgres tests each get a fresh database on the server named by `PLOTON_TEST_POSTGRES_URL`
/// (an admin URL, loopback only), dropped afterwards.
public enum TestDatabase {
    public static var isPostgres: Bool { ProcessInfo.processInfo.environment["PLOTON_TEST_DB"] == "postgres" }

    static var adminURL: String {
        ProcessInfo.processInfo.environment["PLOTON_TEST_POSTGRES_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres"
    }

    /// A fresh database for one test, and how to remove it.
    /// SQLite is in memory, or a temporary file when `file` is set (for tests that spawn processes).
    /// With `premigrated`, a PostgreSQL database is a copy of this process's migrated template
    /// (`MigratedTemplate`), so `migrate(app)` finds nothing left to do; otherwise it is empty.
    /// `PLOTON_TEST_PG_TEMPLATE=off` makes every database empty, to compare suite times.
    public static func make(file: Bool = false, premigrated: Bool = false) async throws -> (
        config: DatabaseConfig, url: String, drop: @Sendable () async -> Void
    ) {
        guard isPostgres else {
            guard file else { return (.sqliteMemory, "sqlite://:memory:", {}) }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ploton-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("ploton.sqlite").path
            return (.sqliteFile(path: path), "sqlite://\(path)", { try? FileManager.default.removeItem(at: directory) })
        }
        let name = "ploton_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
        if premigrated, ProcessInfo.processInfo.environment["PLOTON_TEST_PG_TEMPLATE"] != "off" {
            try await copyTemplate(into: name)
        } else {
            try await admin("CREATE DATABASE \(name)")
        }
        let url = url(of: name)
        return (.postgres(url: url), url, { try? await admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") })
    }

    /// Copies the migrated template. PostgreSQL refuses a copy while any other session is on the
    /// template (55006) after waiting 5 s; the migrating app's connection can outlive its shutdown
    /// by longer than that on a busy machine, so the copy is tried again for up to a minute.
    static func copyTemplate(into name: String) async throws {
        let template = try await MigratedTemplate.name.value
        var attempt = 0
        while true {
            do {
                return try await admin("CREATE DATABASE \(name) TEMPLATE \(template)")
            } catch let failure as AdminStatementFailed where attempt < 12 && String(reflecting: failure.error).contains("55006") {
                attempt += 1
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    /// The admin URL with another database name.
    static func url(of database: String) -> String {
        var components = URLComponents(string: adminURL)!
        components.path = "/\(database)"
        return components.string!
    }

    static func admin(_ statement: String) async throws { _ = try await adminQuery(statement) }

    /// Runs one statement on the admin database; the first column of each row, as text. A failure
    /// says which statement and what the server answered (a `PSQLError` alone prints neither).
    static func adminQuery(_ statement: String) async throws -> [String] {
        do {
            return try await adminQueryUnexplained(statement)
        } catch {
            throw AdminStatementFailed(statement: statement, error: error)
        }
    }

    struct AdminStatementFailed: Error, CustomStringConvertible {
        var statement: String
        var error: any Error
        var description: String { "\(statement) failed on the test PostgreSQL: \(String(reflecting: error))" }
    }

    private static func adminQueryUnexplained(_ statement: String) async throws -> [String] {
        let components = URLComponents(string: adminURL)!
        let configuration = PostgresConnection.Configuration(
            host: components.host ?? "127.0.0.1", port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: String(components.path.dropFirst()), tls: .disable)
        let connection = try await PostgresConnection.connect(
            configuration: configuration, id: 1, logger: Logger(label: "ploton.test.admin"))
        defer { Task { try? await connection.close() } }
        let rows = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Logger(label: "ploton.test.admin"))
        var values: [String] = []
        for try await row in rows {
            if let cell = row.first { values.append(try cell.decode(String.self)) }
        }
        return values
    }
}

/// A `PSQLError` that says what the server answered: its own description is generic on purpose
/// (it could carry data), which leaves a test failing under load with nothing to read.
public struct ExplainedDatabaseError: Error, CustomStringConvertible {
    public var error: any Error
    public var description: String { String(reflecting: error) }

    /// `error` itself, unless it is a `PSQLError`, which comes wrapped.
    public static func explaining(_ error: any Error) -> any Error {
        error is PSQLError ? ExplainedDatabaseError(error: error) : error
    }
}
