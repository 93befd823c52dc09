import Foundation
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// A tool that repeats its own credentials in its answer (an echo service, a debugging endpoint)
/// does not put them in the task's result, its trace or its events.
@Suite struct ToolSecretScrubbingTests {
    @Test func a_tool_echoing_its_api_key_has_it_redacted_from_the_result_and_trace() async throws {
        let secret = "sk-live-echoed-0123456789"
        let service = try await FakeService.start { app in
            app.get("api", "contacts") { req async throws -> Response in
                let key = req.headers.first(name: "X-Api-Key") ?? ""
                return try .json(["data": [["id": "c1", "name": "Ann", "debug": "called with X-Api-Key: \(key)"]], "next": NSNull()])
            }
        }
        do {
            try await withPloton({ $0.allowPrivateNetwork = true }) { t in
                let registered = try await t.send(
                    .POST, "v1/tools", key: t.testKey, json: ToolsAPITests.definition(baseURL: service.baseURL + "/api"))
                #expect(registered.status == .created)
                try await t.send(.PUT, "v1/tools/internal-crm/credentials", key: t.testKey, json: #"{"api_key":"\#(secret)"}"#)
                let id = try await t.createTask(#"{"prompt":"List all contacts","tool":"internal-crm"}"#)
                try await t.drain()
                let task = try await t.send(.GET, "v1/tasks/\(id)", key: t.testKey)
                #expect(try task.object["status"] as? String == "complete", "\(task.body.string)")
                #expect(task.body.string.contains("called with X-Api-Key: <redacted>"), "\(task.body.string)")
                let trace = try await t.send(.GET, "v1/tasks/\(id)/trace", key: t.testKey)
                let events = try await t.send(.GET, "v1/events?task_id=\(id)", key: t.testKey)
                for body in [task.body.string, trace.body.string, events.body.string] { #expect(!body.contains(secret)) }
            }
        } catch {
            try await service.stop()
            throw error
        }
        try await service.stop()
    }
}
