import ArgumentParser
import Fluent
import Foundation
import PlotonServer

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Bring the configured database's schema up to date, then exit.")

    @Flag(help: "Print the result as JSON.") var json = false
    static let heartbeat: Duration = .seconds(5)

    struct Result: Encodable {
        var object = "migration_result"
        var database: String
        var applied: [String]
    }

    func run() async throws {
        ServerContext.bootstrapLogging(defaultLevel: .warning)
        let config = try ServerContext.loadConfig()
        let applied = try await ServerContext.withApplication(config: config, migrating: false) { app in
            let pending = await pendingMigrations(app).map { $0.split(separator: ".").last.map(String.init) ?? $0 }
            if !json, !pending.isEmpty {
                let names = pending.count > 3 ? "\(pending.prefix(3).joined(separator: ", "))…" : pending.joined(separator: ", ")
                FileHandle.standardError.write(Data("Applying \(pending.count) migrations (\(names))\n".utf8))
            }
            // A long migration (an index on a big table) says it is still going every few seconds.
            let started = ContinuousClock.now
            let heartbeat = Task {
                while !json {
                    try await Task.sleep(for: Self.heartbeat)
                    let seconds = (ContinuousClock.now - started).components.seconds
                    FileHandle.standardError.write(Data("  still migrating (\(seconds) s)…\n".utf8))
                }
            }
            defer { heartbeat.cancel() }
            try await migrate(app)
            return try await appliedMigrations(app)
        }
        let result = Result(database: config.database.description, applied: applied)
        if json {
            try Output.json(result)
        } else {
            print("Database \(result.database) is up to date (\(applied.count) migrations applied).")
        }
    }
}
