import ArgumentParser
import Foundation
import PlotonCore
import PlotonKit

struct ToolsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tools", abstract: "List, inspect, register and delete tools (uses PLOTON_API_KEY and PLOTON_BASE_URL).",
        subcommands: [List.self, Get.self, Register.self, Delete.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List built-in and custom tools.")
        @ArgumentParser.Option(help: "builtin or custom.") var type: String?
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            try await SDK.run { ploton in
                let list = try await ploton.send("GET", "/tools?limit=100" + (type.map { "&type=\($0)" } ?? ""))
                if json { return try Output.json(list) }
                let rows = (list.value(at: "data")?.arrayValue ?? []).map { tool in
                    [
                        tool.value(at: "name")?.stringValue ?? "", tool.value(at: "type")?.stringValue ?? "",
                        "\(tool.value(at: "capabilities")?.arrayValue?.count ?? 0)", tool.value(at: "description")?.stringValue ?? "",
                    ]
                }
                Output.table(rows, header: ["NAME", "TYPE", "CAPABILITIES", "DESCRIPTION"])
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a tool and its capabilities.")
        @Argument(help: "The tool name.") var name: String
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            try await SDK.run { ploton in
                let tool = try await ploton.send("GET", "/tools/\(name)")
                if json { return try Output.json(tool) }
                print("\(name) (\(tool.value(at: "type")?.stringValue ?? "")) \(tool.value(at: "base_url")?.stringValue ?? "")")
                print(tool.value(at: "description")?.stringValue ?? "")
                let rows = (tool.value(at: "capabilities")?.arrayValue ?? []).map { capability in
                    [
                        capability.value(at: "name")?.stringValue ?? "", capability.value(at: "method")?.stringValue ?? "",
                        capability.value(at: "path")?.stringValue ?? "", capability.value(at: "description")?.stringValue ?? "",
                    ]
                }
                Output.table(rows, header: ["CAPABILITY", "METHOD", "PATH", "DESCRIPTION"])
            }
        }
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a custom tool from a JSON definition file.")
        @ArgumentParser.Option(name: .shortAndLong, help: "The definition file (JSON); - for standard input.") var file: String
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            try await SDK.run { ploton in
                let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: file)
                guard let data else {
                    Output.error("cannot read \(file)")
                    throw ExitCode(2)
                }
                guard let definition = JSONValue.parse(String(decoding: data, as: UTF8.self)) else {
                    Output.error("\(file) is not JSON; a tool definition is a JSON object.")
                    throw ExitCode(2)
                }
                let tool = try await ploton.send("POST", "/tools", body: definition)
                if json { return try Output.json(tool) }
                print(
                    "Registered \(tool.value(at: "name")?.stringValue ?? "") with \(tool.value(at: "capabilities")?.arrayValue?.count ?? 0) capabilities."
                )
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a custom tool and its credentials.")
        @Argument(help: "The tool name.") var name: String
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            try await SDK.run { ploton in
                let deleted = try await ploton.send("DELETE", "/tools/\(name)")
                if json { return try Output.json(deleted) }
                print("Deleted \(name).")
            }
        }
    }
}
