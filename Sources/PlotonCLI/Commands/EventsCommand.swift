import ArgumentParser
import Foundation
import PlotonAPI
import PlotonKit

struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "The event log and its webhook deliveries (uses PLOTON_API_KEY and PLOTON_BASE_URL).",
        subcommands: [List.self, Get.self, Redeliver.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List events, newest first.")
        @ArgumentParser.Option(help: "Only this task's.") var task: String?
        @ArgumentParser.Option(help: "Only this type (task.complete, …).") var event: String?
        @ArgumentParser.Option(help: "How many (1–100).") var limit = 20
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            try await SDK.run { ploton in
                let page = try await ploton.events.list(taskID: task, event: event, limit: limit)
                if json { return try Output.json(ListObject(data: page.data, hasMore: page.hasMore)) }
                Output.table(
                    page.data.map { [$0.id, $0.event, $0.taskID ?? "-", SDK.date($0.timestamp), $0.deliveryStatus ?? "-"] },
                    header: ["ID", "EVENT", "TASK", "TIME", "DELIVERY"])
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an event and its delivery attempts.")
        @Argument(help: "The event id (evt_…).") var id: String
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            try await SDK.run { ploton in
                let event = try await ploton.events.get(id)
                if json { return try Output.json(event) }
                print("\(event.id)  \(event.event)  \(event.taskID ?? "-")  delivery: \(event.deliveryStatus ?? "-")")
                print(event.data.jsonText)
                let attempts = try await ploton.events.deliveries(id).data
                Output.table(
                    attempts.map { [$0.id, $0.url, "\($0.attempt)", $0.status, $0.statusCode.map(String.init) ?? "-", $0.error ?? ""] },
                    header: ["DELIVERY", "URL", "ATTEMPT", "STATUS", "HTTP", "ERROR"])
            }
        }
    }

    struct Redeliver: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deliver an event again to its current destinations.")
        @Argument(help: "The event id (evt_…).") var id: String
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            try await SDK.run { ploton in
                let event = try await ploton.events.redeliver(id)
                if json { return try Output.json(event) }
                print("\(event.id) scheduled for redelivery")
            }
        }
    }
}
