import ArgumentParser
import Fluent
import Foundation
import PlotonServer

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Bring the configured database's schema up to date, then exit.")

    @Flag(help: "Print the result as JSON.") var json = false

    struct Result: Encodable {
        var object = "migration_result"
        var database: String
        var applied: [String]
    }

    func run() async throws {
        ServerContext.bootstrapLogging(defaultLevel: .warning)
        let config = try ServerContext.loadConfig()
        let applied = try await ServerContext.withApplication(config: config) { app in
            try await appliedMigrations(app)
        }
        let result = Result(database: config.database.description, applied: applied)
        if json {
            try Output.json(result)
        } else {
            print("Database \(result.database) is up to date (\(applied.count) migrations applied).")
        }
    }
}
