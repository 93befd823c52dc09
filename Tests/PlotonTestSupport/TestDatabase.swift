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

    /// A fresh, empty database for one test, and how to remove it.
    /// SQLite is in memory, or a temporary file when `file` is set (for tests that spawn processes).
    public static func make(file: Bool = false) async throws -> (config: DatabaseConfig, url: String, drop: @Sendable () async -> Void) {
        guard isPostgres else {
            guard file else { return (.sqliteMemory, "sqlite://:memory:", {}) }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ploton-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("ploton.sqlite").path
            return (.sqliteFile(path: path), "sqlite://\(path)", { try? FileManager.default.removeItem(at: directory) })
        }
        let name = "ploton_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
        try await admin("CREATE DATABASE \(name)")
        var components = URLComponents(string: adminURL)!
        components.path = "/\(name)"
        let url = components.string!
        return (.postgres(url: url), url, { try? await admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") })
    }

    private static func admin(_ statement: String) async throws {
        let components = URLComponents(string: adminURL)!
        let configuration = PostgresConnection.Configuration(
            host: components.host ?? "127.0.0.1", port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: String(components.path.dropFirst()), tls: .disable)
        let connection = try await PostgresConnection.connect(
            configuration: configuration, id: 1, logger: Logger(label: "ploton.test.admin"))
        defer { Task { try? await connection.close() } }
        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Logger(label: "ploton.test.admin"))
    }
}
