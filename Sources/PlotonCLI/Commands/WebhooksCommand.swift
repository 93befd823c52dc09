import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PlotonCore
import PlotonKit

struct WebhooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks", abstract: "Webhook tools for development (uses PLOTON_API_KEY and PLOTON_BASE_URL).",
        subcommands: [Listen.self])

    /// Like `stripe listen`: polls the key's environment for new events and POSTs each to a local
    /// URL, signed with the environment's current secret exactly as a real delivery.
    struct Listen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forward the environment's new events to a local URL, signed like real deliveries, until interrupted.")
        @ArgumentParser.Option(help: "Where to POST each event, e.g. http://localhost:3000/webhook.") var forwardTo: String
        @ArgumentParser.Option(help: "Only these event types, comma-separated (default: all).") var events: String?
        @ArgumentParser.Option(help: "Seconds between polls.") var interval: Double = 1
        @Flag(help: "Print one JSON line per forwarded event.") var json = false

        func validate() throws {
            guard let url = URL(string: forwardTo), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ValidationError("--forward-to must be an absolute http(s) URL.")
            }
            guard interval > 0, interval <= 3600 else { throw ValidationError("--interval must be more than 0 and at most 3600 seconds.") }
            let unknown = filter.filter { $0 != "*" && !WebhookEventType.all.contains($0) }
            guard unknown.isEmpty else { throw ValidationError("Unknown event type(s): \(unknown.joined(separator: ", ")).") }
        }

        var filter: [String] { events?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? [] }

        func run() async throws {
            try await SDK.run { ploton in
                guard let secret = WebhookSecret(parsing: try await ploton.webhookSecrets.get().secret) else {
                    Output.error("the server returned no webhook secret")
                    throw ExitCode(1)
                }
                let start = try await ploton.send("GET", "/events?limit=1").value(at: "data.0.id")?.stringValue ?? ""
                FileHandle.standardError.write(Data("Forwarding new events to \(forwardTo). Press Ctrl-C to stop.\n".utf8))
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { await TerminationSignal.wait() }
                    group.addTask {
                        var cursor = start
                        while !Task.isCancelled {
                            for event in try await newEvents(ploton, after: cursor) {
                                cursor = event.value(at: "id")?.stringValue ?? cursor
                                guard WebhookEventType.matches(filter, event.value(at: "event")?.stringValue ?? "") else { continue }
                                // Ctrl-C stops the loop, not a forward already on its way: its outcome is still printed.
                                await Task { await forward(event, secret: secret) }.value
                            }
                            try await Task.sleep(for: .seconds(interval))
                        }
                    }
                    try await group.next()
                    group.cancelAll()
                }
            }
        }

        /// Events newer than `cursor` (ids sort by creation), oldest first.
        func newEvents(_ ploton: Ploton, after cursor: String) async throws -> [JSONValue] {
            var found: [JSONValue] = []
            var offset = 0
            while true {
                let page = try await ploton.send("GET", "/events?limit=100&offset=\(offset)")
                let data = page.value(at: "data")?.arrayValue ?? []
                let newer = data.filter { ($0.value(at: "id")?.stringValue ?? "") > cursor }
                found += newer
                guard newer.count == data.count, page.value(at: "has_more") == .bool(true), !cursor.isEmpty else { break }
                offset += data.count
            }
            return found.reversed()
        }

        /// POSTs the webhook body (the event without its API-only fields) with fresh signatures.
        func forward(_ event: JSONValue, secret: WebhookSecret) async {
            var fields = event.objectValue ?? [:]
            for apiOnly in ["object", "livemode", "delivery_status"] { fields.removeValue(forKey: apiOnly) }
            let body = Data(JSONValue.object(fields).jsonText.utf8)
            let id = fields["id"]?.stringValue ?? ""
            var request = HTTPClientRequest(url: forwardTo)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "ploton-cli webhooks listen")
            for (name, value) in WebhookSignature.headers(
                id: id, timestamp: Int(Date().timeIntervalSince1970), body: body, secrets: [secret])
            {
                request.headers.add(name: name, value: value)
            }
            request.body = .bytes(ByteBuffer(data: body))
            let type = fields["event"]?.stringValue ?? ""
            var outcome: JSONValue
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                outcome = .number(Double(response.status.code))
            } catch {
                outcome = .string("\(error)")
            }
            if json {
                print(JSONValue.object(["id": .string(id), "event": .string(type), "status": outcome]).jsonText)
            } else {
                print("\(type) \(id) -> \(outcome.numberValue.map(\.plainText) ?? "error: \(outcome.stringValue ?? "")")")
            }
        }
    }
}
