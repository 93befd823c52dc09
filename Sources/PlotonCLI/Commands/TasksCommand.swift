import ArgumentParser
import Foundation
import PlotonAPI
import PlotonCore
import PlotonKit

struct TasksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks", abstract: "Create and follow tasks (uses PLOTON_API_KEY and PLOTON_BASE_URL).",
        subcommands: [Create.self, Get.self, List.self, Wait.self, Cancel.self, Trace.self, Input.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a task from a prompt.")
        @Argument(help: "What to do, in plain language.") var prompt: String
        @ArgumentParser.Option(help: "The end user the work is for.") var user: String?
        @ArgumentParser.Option(help: "Pin the primary tool.") var tool: String?
        @ArgumentParser.Option(help: "Metadata as key=value (repeatable).") var metadata: [String] = []
        @ArgumentParser.Option(help: "Also deliver this task's events to this URL.") var webhookURL: String?
        @Flag(help: "Wait until the task is final (or waiting), showing progress.") var wait = false
        @ArgumentParser.Option(help: "Seconds to wait at most with --wait.") var timeout: Double = 300
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            guard metadata.allSatisfy({ $0.contains("=") && !$0.hasPrefix("=") }) else {
                throw ValidationError("--metadata takes key=value.")
            }
        }

        func run() async throws {
            try await SDK.run { ploton in
                let pairs = metadata.map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
                var task = try await ploton.tasks.create(
                    prompt: prompt, userID: user,
                    metadata: Dictionary(pairs.map { ($0[0], JSONValue.string($0.count > 1 ? $0[1] : "")) }) { _, new in new },
                    tool: tool, webhookURL: webhookURL)
                if wait, json {
                    task = try await ploton.tasks.wait(task.id, timeout: timeout, returnWhenWaiting: true)
                } else if wait {
                    FileHandle.standardError.write(Data("Created \(task.id); waiting…\n".utf8))
                    task = try await StepProgress.follow(task.id, with: ploton, timeout: timeout)
                }
                try TasksCommand.show(task, json: json)
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a task.")
        @Argument(help: "The task id (task_…).") var id: String
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws { try await SDK.run { try TasksCommand.show(try await $0.tasks.get(id), json: json) } }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tasks, newest first.")
        @ArgumentParser.Option(help: "pending, running, waiting, complete, failed or cancelled.") var status: TaskStatus?
        @ArgumentParser.Option(help: "Only this end user's tasks.") var user: String?
        @ArgumentParser.Option(help: "How many (1–100).") var limit = 20
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            try await SDK.run { ploton in
                let page = try await ploton.tasks.list(status: status, userID: user, limit: limit)
                if json { return try Output.json(ListObject(data: page.data, hasMore: page.hasMore)) }
                Output.table(
                    page.data.map {
                        [$0.id, $0.status.rawValue, $0.tool ?? "-", $0.userID ?? "-", SDK.date($0.createdAt), String($0.prompt.prefix(50))]
                    },
                    header: ["ID", "STATUS", "TOOL", "USER", "CREATED", "PROMPT"])
            }
        }
    }

    struct Wait: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Wait until a task is final (or waiting).")
        @Argument(help: "The task id (task_…).") var id: String
        @ArgumentParser.Option(help: "Seconds to wait at most.") var timeout: Double = 300
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            try await SDK.run { try TasksCommand.show(try await $0.tasks.wait(id, timeout: timeout, returnWhenWaiting: true), json: json) }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a pending, running or waiting task.")
        @Argument(help: "The task id (task_…).") var id: String
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws { try await SDK.run { try TasksCommand.show(try await $0.tasks.cancel(id), json: json) } }
    }

    struct Trace: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the workflow and every step of a task.")
        @Argument(help: "The task id (task_…).") var id: String
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            try await SDK.run { ploton in
                let trace = try await ploton.tasks.trace(id)
                if json { return try Output.json(trace) }
                Output.table(
                    trace.steps.map { step in
                        [
                            "\(step.index)", "\(step.tool).\(step.capability)", step.status, "\(step.attempts)",
                            step.durationMs.map { "\($0) ms" } ?? "-", step.outputSummary ?? "-",
                        ]
                    },
                    header: ["#", "STEP", "STATUS", "ATTEMPTS", "DURATION", "OUTPUT"])
            }
        }
    }

    struct Input: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Answer a task waiting for input (--set k=v) or approval (--approve/--deny).")
        @Argument(help: "The task id (task_…).") var id: String
        @ArgumentParser.Option(name: .customLong("set"), help: "An answer as key=value (repeatable).") var answers: [String] = []
        @Flag(help: "Approve the waiting step.") var approve = false
        @Flag(help: "Deny the waiting step.") var deny = false
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            guard [!answers.isEmpty, approve, deny].filter({ $0 }).count == 1 else {
                throw ValidationError("Give either --set key=value, --approve or --deny.")
            }
        }

        func run() async throws {
            try await SDK.run { ploton in
                let task: TaskObject
                if approve || deny {
                    task = try await ploton.tasks.approve(id, approve)
                } else {
                    let pairs = answers.map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
                    task = try await ploton.tasks.input(
                        id, Dictionary(pairs.map { ($0[0], JSONValue.string($0.count > 1 ? $0[1] : "")) }) { _, new in new })
                }
                try TasksCommand.show(task, json: json)
            }
        }
    }

    static func show(_ task: TaskObject, json: Bool) throws {
        if json { return try Output.json(task) }
        print("\(task.id)  \(task.status.rawValue)  \(task.tool ?? "-")")
        if let waiting = task.waiting {
            print("Waiting: \(waiting.reason)" + (waiting.authURL.map { " — open \($0)" } ?? ""))
        }
        if let error = task.error { print("Error: \(error.code): \(error.message)" + (error.suggestion.map { "\n\($0)" } ?? "")) }
        if let result = task.result { print(result.jsonText) }
    }
}

extension TaskStatus: ExpressibleByArgument {}
