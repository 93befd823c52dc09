// An agent in a few lines: create a task with PlotonKit, receive its webhook in a small Vapor
// receiver that checks the signature with `WebhookVerifier`, print the result.
//
//   PLOTON_API_KEY=pk_test_… PLOTON_BASE_URL=http://localhost:8080/v1 PLOTON_WEBHOOK_SECRET=whsec_… \
//     swift run example-agent "Look up the current weather in Paris and return temperature and conditions"
//
// The server delivers to http://127.0.0.1:3000 (PORT to change it), so start it with
// PLOTON_ALLOW_PRIVATE_NETWORK=true.
import Foundation
import PlotonKit
import PlotonKitVapor
import Vapor

@main enum ExampleAgent {
    static func main() async throws {
        let ploton = try Ploton()
        let verifier = try ploton.webhookVerifier()
        let port = Int(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 3000
        let prompt = CommandLine.arguments.dropFirst().joined(separator: " ")
        let (events, received) = AsyncStream.makeStream(of: Event.self)

        let app = try await Application.make(.production)
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = port
        // Unsigned or tampered requests get 400 from the middleware and never reach the route.
        app.grouped(PlotonWebhookMiddleware(verifier: verifier)).post("webhook") { req async throws -> HTTPStatus in
            if let event = req.plotonWebhookEvent { received.yield(event) }
            return .ok
        }
        try await app.server.start(address: nil)

        let task = try await ploton.tasks.create(
            prompt: prompt.isEmpty ? "Look up the current weather in Paris and return temperature and conditions" : prompt,
            webhookURL: "http://127.0.0.1:\(port)/webhook")
        print("Created \(task.id); waiting for its webhook…")
        for await event in events where event.taskID == task.id {
            switch event.event {
            case "task.complete": print("Result: \(event.data.jsonText)")
            case "task.failed": print("Failed: \(event.data.jsonText)")
            case "task.waiting": print("Waiting: \(event.data.value(at: "auth_url")?.stringValue ?? event.data.jsonText)")
            default: continue
            }
            if event.event != "task.waiting" { break }
        }
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}
