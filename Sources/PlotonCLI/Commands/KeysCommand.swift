import ArgumentParser
import Foundation
import PlotonAPI
import PlotonCore
import PlotonServer

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Administer API keys directly on the configured database (no server needed).",
        subcommands: [Create.self, List.self, Roll.self, Revoke.self, RotateEncryption.self])

    struct Options: ParsableArguments {
        @Option(help: "The account, by name.") var account = "default"
        @Flag(help: "Print the result as JSON.") var json = false
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key; its secret is printed once.")
        @OptionGroup var options: Options
        @Option(help: "test or live.") var environment: PlotonEnvironment
        @Option(help: "A name to recognise the key by.") var name = "CLI key"

        func run() async throws {
            let key = try await KeysCommand.administer {
                try await $0.create(account: options.account, name: name, environment: environment)
            }
            try KeysCommand.show(key, json: options.json)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys, newest first.")
        @OptionGroup var options: Options
        @Option(help: "Only keys of this environment (test or live).") var environment: PlotonEnvironment?

        func run() async throws {
            let keys = try await KeysCommand.administer { try await $0.list(account: options.account, environment: environment) }
            if options.json {
                try Output.json(ListObject(data: keys, hasMore: false))
            } else {
                Output.table(
                    keys.map {
                        [
                            $0.id, $0.name, $0.environment.rawValue, "\($0.prefix)…\($0.last4)", $0.status.rawValue,
                            $0.expiresAt.map(Self.format) ?? "-",
                        ]
                    },
                    header: ["ID", "NAME", "ENV", "KEY", "STATUS", "EXPIRES"])
            }
        }

        static func format(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
    }

    struct Roll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a new secret; the old one keeps working for --expires-in seconds.")
        @OptionGroup var options: Options
        @Argument(help: "The key id (key_…).") var id: String
        @Option(help: "Seconds the old secret stays valid (0 = revoke it now).") var expiresIn = 0

        func run() async throws {
            let key = try await KeysCommand.administer { try await $0.roll(account: options.account, id: id, expiresIn: expiresIn) }
            try KeysCommand.show(key, json: options.json)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key at once.")
        @OptionGroup var options: Options
        @Argument(help: "The key id (key_…).") var id: String

        func run() async throws {
            let key = try await KeysCommand.administer { try await $0.revoke(account: options.account, id: id) }
            try KeysCommand.show(key, json: options.json)
        }
    }

    struct RotateEncryption: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-encryption",
            abstract: "Re-encrypt every secret at rest under the first key of PLOTON_ENCRYPTION_KEYS (then older keys can go).")
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            ServerContext.bootstrapLogging(defaultLevel: .warning)
            let report = try await ServerContext.withApplication(config: try ServerContext.loadConfig()) { app in
                try await EncryptionRotation(app: app).run()
            }
            if json { return try Output.json(report) }
            print("Re-encrypted \(report.reencrypted) secrets under key \(report.keyID); \(report.alreadyCurrent) already were.")
            if report.unreadable > 0 {
                Output.error("\(report.unreadable) secrets could not be opened with any key in the ring and were left as they are.")
            }
        }
    }

    /// Opens the database, sets up the default account on first use, and runs `body`. API errors
    /// become a message and exit code 1.
    static func administer<T>(_ body: (KeyAdministration) async throws -> T) async throws -> T {
        ServerContext.bootstrapLogging(defaultLevel: .warning)
        do {
            return try await ServerContext.withApplication(config: try ServerContext.loadConfig()) { app in
                if let banner = try await runFirstRunSetup(app) {
                    FileHandle.standardError.write(Data(banner.utf8))
                }
                return try await body(KeyAdministration(app: app))
            }
        } catch {
            guard let failure = APIFailure(reporting: error) else { throw error }
            Output.error(failure.message)
            throw ExitCode(1)
        }
    }

    static func show(_ key: APIKeyObject, json: Bool) throws {
        if json { return try Output.json(key) }
        print("\(key.id)  \(key.name)  \(key.environment.rawValue)  \(key.status.rawValue)")
        if let secret = key.secret {
            print("Secret (shown once, store it now): \(secret)")
        }
        if let expires = key.expiresAt { print("Expires: \(List.format(expires))") }
    }
}

extension PlotonEnvironment: ExpressibleByArgument {}
