import ArgumentParser
import Foundation
import PlotonAPI
import PlotonServer

struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Administer dashboard operators directly on the configured database (no server needed).",
        subcommands: [Create.self, List.self, Reset.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an operator. With --password-stdin the password is read from standard input; "
                + "otherwise a one-time sign-in link is printed, and the operator sets a password after using it.")
        @OptionGroup var options: KeysCommand.Options
        @Option(help: "The operator's email; they sign in with it.") var email: String
        @Option(help: "A display name (default: the email).") var name: String?
        @Flag(help: "Read the password from standard input (one line).") var passwordStdin = false

        func run() async throws {
            let password = passwordStdin ? readLine(strippingNewline: true) ?? "" : nil
            let user = try await KeysCommand.administer {
                try await OperatorAdministration(app: $0.app).create(account: options.account, email: email, name: name, password: password)
            }
            if options.json { return try Output.json(user) }
            print("\(user.id)  \(user.email ?? "")  \(user.name)")
            if let link = user.signInURL { print("One-time sign-in link (valid 7 days; then set a password under Account):\n  \(link)") }
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A forgotten password: clear it, end the operator's sessions and lift any lock, and print a new one-time link.")
        @OptionGroup var options: KeysCommand.Options
        @Option(help: "The operator's email.") var email: String

        func run() async throws {
            let user = try await KeysCommand.administer {
                try await OperatorAdministration(app: $0.app).reset(account: options.account, email: email)
            }
            if options.json { return try Output.json(user) }
            print("\(user.id)  \(user.email ?? "")  password cleared")
            if let link = user.signInURL { print("One-time sign-in link (valid 7 days; then set a password under Account):\n  \(link)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the account's operators.")
        @OptionGroup var options: KeysCommand.Options

        func run() async throws {
            let users = try await KeysCommand.administer { try await OperatorAdministration(app: $0.app).list(account: options.account) }
            if options.json { return try Output.json(ListObject(data: users, hasMore: false)) }
            Output.table(
                users.map { [$0.id, $0.email ?? "-", $0.name, $0.passwordSet ? "yes" : "no"] }, header: ["ID", "EMAIL", "NAME", "PASSWORD"])
        }
    }
}
