import Foundation
import PlotonCore
import PlotonServer
import Vapor

/// This test process's migrated PostgreSQL template: made on first use by migrating an empty
/// database as `ploton migrate` does, then copied for each test (`CREATE DATABASE … TEMPLATE`),
/// which is much faster than migrating every test's database.
///
/// Named after the process id: runs of other builds (another schema) never share it, and the
/// templates of processes that have exited, such as killed runs, are dropped by the next run.
enum MigratedTemplate {
    static let prefix = "ploton_template_"

    /// Made at most three times: one connect timeout under a loaded suite must not fail every test.
    static let name = Task<String, any Error> {
        var failures: [String] = []
        while true {
            do {
                return try await create()
            } catch {
                failures.append(String(reflecting: error))
                guard failures.count < 3 else { throw TemplateNotMade(failures: failures) }
            }
        }
    }

    /// Every test on PostgreSQL fails with this, so it says what each attempt met.
    struct TemplateNotMade: Error, CustomStringConvertible {
        var failures: [String]
        var description: String { "the migrated template could not be made; attempts: " + failures.joined(separator: " | ") }
    }

    private static func create() async throws -> String {
        try await dropAbandoned()
        let name = "\(prefix)\(getpid())"
        try await TestDatabase.admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")  // a reused pid
        try await TestDatabase.admin("CREATE DATABASE \(name)")
        var config = PlotonConfig(database: .postgres(url: TestDatabase.url(of: name)), encryptionKeys: Redacted(TestKeys.encryptionKeys))
        config.tasks.runsWorkers = false
        let app = try await Application.make(.testing)
        do {
            try configure(app, config: config)
            try await migrate(app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        return name
    }

    private static func dropAbandoned() async throws {
        let templates = try await TestDatabase.adminQuery("SELECT datname FROM pg_database WHERE datname LIKE '\(prefix)%'")
        for template in templates {
            guard let pid = pid_t(template.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? await TestDatabase.admin("DROP DATABASE IF EXISTS \(template) WITH (FORCE)")
        }
    }
}
