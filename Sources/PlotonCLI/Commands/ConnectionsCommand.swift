import ArgumentParser
import Foundation
import PlotonAPI
import PlotonKit

struct ConnectionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connections", abstract: "End users' connections (uses PLOTON_API_KEY and PLOTON_BASE_URL).",
        subcommands: [List.self, Revoke.self, Authorize.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List connections, newest first.")
        @ArgumentParser.Option(help: "Only this end user's.") var user: String?
        @ArgumentParser.Option(help: "Only this tool's.") var tool: String?
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            try await SDK.run { ploton in
                let page = try await ploton.connections.list(userID: user, tool: tool, limit: 100)
                if json { return try Output.json(ListObject(data: page.data, hasMore: page.hasMore)) }
                Output.table(
                    page.data.map { [$0.id, $0.userID, $0.tool, $0.status, $0.scopes.joined(separator: " "), SDK.date($0.expiresAt)] },
                    header: ["ID", "USER", "TOOL", "STATUS", "SCOPES", "EXPIRES"])
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a connection (at the provider too, where it can).")
        @Argument(help: "The connection id (conn_…).") var id: String
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            try await SDK.run { ploton in
                let connection = try await ploton.connections.revoke(id)
                if json { return try Output.json(connection) }
                print("\(connection.id)  \(connection.status)")
            }
        }
    }

    struct Authorize: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A consent link to send an end user to, ahead of any task.")
        @ArgumentParser.Option(help: "The end user.") var user: String
        @ArgumentParser.Option(help: "The tool to connect.") var tool: String
        @ArgumentParser.Option(help: "Scopes to ask for (repeatable; default: all of the tool's).") var scope: [String] = []
        @ArgumentParser.Option(help: "Where to send the user's browser afterwards.") var redirectURL: String?
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            try await SDK.run { ploton in
                let link = try await ploton.connections.authorize(
                    userID: user, tool: tool, scopes: scope.isEmpty ? nil : scope, redirectURL: redirectURL)
                if json { return try Output.json(link) }
                print(link.authURL)
            }
        }
    }
}
