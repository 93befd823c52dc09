import Foundation
import PlotonCore
import PlotonTestSupport
import Synchronization
import Testing
import VaporTesting

@testable import PlotonServer

/// A task pinned to a custom tool runs its capabilities over HTTP against a local service.
@Suite(.serialized) struct CustomToolExecutionTests {
    /// Answers like a small CRM that wants `X-Api-Key: sk-live-1`.
    static func crm(failures: FailureScript = FailureScript()) async throws -> FakeService {
        try await FakeService.start { app in
            app.get("api", "contacts") { req async throws -> Response in
                guard req.headers.first(name: "X-Api-Key") == "sk-live-1" else {
                    return try .json(["error": "unauthorized"], status: .unauthorized)
                }
                if let status = failures.next() {
                    return try .json(["error": "nope"], status: HTTPStatus(statusCode: status), headers: ["Retry-After": "0"])
                }
                let after = req.query[String.self, at: "after"]
                let page: [[String: Any]] =
                    after == nil ? [["id": "c1", "name": "Ann"], ["id": "c2", "name": "Bo"]] : [["id": "c3", "name": "Cy"]]
                return try .json(["data": page, "next": after == nil ? "p2" as Any : NSNull()])
            }
            app.get("api", "contacts", ":id") { req async throws -> Response in
                try .json(["id": req.parameters.get("id") ?? "", "name": "Ann", "email": "ann@example.com"])
            }
            app.post("api", "notes") { req async throws -> Response in
                try .json(["id": "n1", "text": (try? req.content.get(String.self, at: "text")) ?? ""], status: .created)
            }
        }
    }

    func withCRM(
        failures: FailureScript = FailureScript(), credentials: Bool = true, allowPrivate: Bool = true,
        _ body: (TestApp, FakeService) async throws -> Void
    ) async throws {
        let service = try await Self.crm(failures: failures)
        do {
            try await withPloton({ $0.allowPrivateNetwork = allowPrivate }) { t async throws in
                let registered = try await t.send(
                    .POST, "v1/tools", key: t.testKey, json: ToolsAPITests.definition(baseURL: service.baseURL + "/api"))
                #expect(registered.status == .created)
                if credentials {
                    try await t.send(.PUT, "v1/tools/internal-crm/credentials", key: t.testKey, json: #"{"api_key":"sk-live-1"}"#)
                }
                try await body(t, service)
            }
        } catch {
            try await service.stop()
            throw error
        }
        try await service.stop()
    }

    @Test func a_pinned_custom_tool_runs_with_its_api_key_and_follows_pagination() async throws {
        try await withCRM { t, service in
            let id = try await t.createTask(#"{"prompt":"List all contacts","tool":"internal-crm"}"#)
            try await t.drain()
            let task = try await t.task(id)
            #expect(task["status"] as? String == "complete", "\(task)")
            #expect(task["tool"] as? String == "internal-crm")
            let names = (task["result"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names == ["Ann", "Bo", "Cy"])
            #expect(service.received.map(\.query) == [nil, "after=p2"])
            #expect(service.received.allSatisfy { $0.headers["x-api-key"] == "sk-live-1" })
            let trace = try await t.send(.GET, "v1/tasks/\(id)/trace", key: t.testKey)
            #expect(!trace.body.string.contains("sk-live-1"))
        }
    }

    @Test func path_parameters_come_from_the_prompt_or_from_input() async throws {
        try await withCRM { t, service in
            let direct = try await t.createTask(#"{"prompt":"Get the contact id: c_42","tool":"internal-crm"}"#)
            let asked = try await t.createTask(#"{"prompt":"Get the contact","tool":"internal-crm"}"#)
            try await t.drain()
            #expect((try await t.task(direct)["result"] as? [String: Any])?["id"] as? String == "c_42")
            let waiting = try #require(try await t.task(asked)["waiting"] as? [String: Any])
            #expect(waiting["reason"] as? String == "input_required")
            try await t.send(.POST, "v1/tasks/\(asked)/input", key: t.testKey, json: #"{"input":{"id":"c 7/x"}}"#)
            try await t.drain()
            #expect((try await t.task(asked)["result"] as? [String: Any])?["id"] as? String == "c 7/x")
            #expect(service.received.last?.path == "/api/contacts/c%207%2Fx")
        }
    }

    @Test func side_effects_carry_the_steps_idempotency_key() async throws {
        try await withCRM { t, service in
            let id = try await t.createTask(#"{"prompt":"Create a note text=hello","tool":"internal-crm"}"#)
            try await t.drain()
            #expect(try await t.task(id)["status"] as? String == "complete")
            let request = try #require(service.received.last)
            #expect(request.method == "POST")
            #expect(request.headers["idempotency-key"] == "\(id)_step_0")
            #expect(request.body.contains(#""text":"hello""#))
        }
    }

    @Test func service_errors_map_to_retries_or_failures() async throws {
        try await withCRM(failures: FailureScript([503, 429])) { t, service in
            let recovered = try await t.createTask(#"{"prompt":"List contacts","tool":"internal-crm"}"#)
            try await t.drain()
            #expect(try await t.task(recovered)["status"] as? String == "complete")
            #expect(service.received.count == 4, "two failures, then two pages")
        }
        try await withCRM(credentials: false) { t, _ in
            let id = try await t.createTask(#"{"prompt":"List contacts","tool":"internal-crm"}"#)
            try await t.drain()
            let error = try #require(try await t.task(id)["error"] as? [String: Any])
            #expect(error["code"] as? String == "credentials_missing")
            #expect(error["recoverable"] as? Bool == true)
        }
        try await withCRM { t, _ in
            try await t.send(.PUT, "v1/tools/internal-crm/credentials", key: t.testKey, json: #"{"api_key":"wrong"}"#)
            let id = try await t.createTask(#"{"prompt":"List contacts","tool":"internal-crm"}"#)
            try await t.drain()
            #expect((try await t.task(id)["error"] as? [String: Any])?["code"] as? String == "auth_failed")
        }
    }

    @Test func custom_tools_on_private_addresses_need_permission() async throws {
        try await withCRM(allowPrivate: false) { t, service in
            let id = try await t.createTask(#"{"prompt":"List contacts","tool":"internal-crm"}"#)
            try await t.drain()
            #expect((try await t.task(id)["error"] as? [String: Any])?["code"] as? String == "destination_not_allowed")
            #expect(service.received.isEmpty)
        }
    }
}

/// Statuses a fake answers with, in order, before it answers properly.
final class FailureScript: Sendable {
    private let statuses: Mutex<[Int]>

    init(_ statuses: [Int] = []) { self.statuses = Mutex(statuses) }

    func next() -> Int? { statuses.withLock { $0.isEmpty ? nil : $0.removeFirst() } }
}
