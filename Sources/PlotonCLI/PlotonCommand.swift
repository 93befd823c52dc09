import ArgumentParser
import Foundation

/// `ploton`: the server, its administration commands, and client commands over PlotonKit.
public struct PlotonCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ploton",
        abstract: "Self-hosted infrastructure for AI agents that act in the real world.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, KeysCommand.self, TasksCommand.self, ToolsCommand.self, ConnectionsCommand.self,
            EventsCommand.self, WebhooksCommand.self, UsersCommand.self, PlannerCommand.self, MCPCommand.self,
        ])

    public init() {}

    /// Runs the command line. Usage errors exit with 2 (not ArgumentParser's 64), API errors with 1.
    public static func runFromCommandLine() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            guard code.rawValue == 64 else { exit(withError: error) }  // EX_USAGE
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            exit(withError: ExitCode(2))
        }
    }
}
