import ArgumentParser

/// `ploton`: the server and its administration commands.
public struct PlotonCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ploton",
        abstract: "Self-hosted infrastructure for AI agents that act in the real world.",
        subcommands: [ServeCommand.self, MigrateCommand.self, KeysCommand.self, ToolsCommand.self, WebhooksCommand.self])

    public init() {}
}
