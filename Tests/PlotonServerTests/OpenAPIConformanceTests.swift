import Foundation
import PlotonCore
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// Drives every operation through its documented outcomes and checks each real response against
/// the committed OpenAPI document with an independent validator (Python `openapi-schema-validator`).
@Suite struct OpenAPIConformanceTests {
    @Test func real_responses_conform_to_the_openapi_document() async throws {
        var exchanges: [String] = []
        try await withPloton({ $0.rateLimits = [.live: .init(limit: 1000), .test: .init(limit: 2)] }) { t async throws in
            func record(
                _ method: HTTPMethod, _ template: String, _ path: String, key: String?, json: String? = nil, headers: HTTPHeaders = [:]
            ) async throws -> TestingHTTPResponse {
                let response = try await t.send(method, path, key: key, json: json, headers: headers)
                let names = Dictionary(response.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
                let line: [String: Any] = [
                    "method": method.rawValue, "path": template, "status": Int(response.status.code),
                    "headers": names, "body": response.body.string,
                ]
                exchanges.append(String(decoding: try JSONSerialization.data(withJSONObject: line), as: UTF8.self))
                return response
            }
            let live = t.liveKey
            _ = try await record(.GET, "/health", "health", key: nil)
            _ = try await record(.GET, "/ready", "ready", key: nil)
            _ = try await record(.GET, "/v1/openapi.json", "v1/openapi.json", key: nil)
            _ = try await record(.GET, "/v1/api_keys", "v1/api_keys", key: live)
            _ = try await record(.GET, "/v1/api_keys", "v1/api_keys?limit=1", key: live)
            _ = try await record(.GET, "/v1/api_keys", "v1/api_keys?limit=0", key: live)
            _ = try await record(.GET, "/v1/api_keys", "v1/api_keys", key: nil)
            _ = try await record(.GET, "/v1/api_keys", "v1/api_keys", key: "pk_live_nope")
            for _ in 0..<3 { _ = try await record(.GET, "/v1/api_keys", "v1/api_keys", key: t.testKey) }  // 403, 403, 429
            let created = try await record(
                .POST, "/v1/api_keys", "v1/api_keys", key: live, json: #"{"name":"c","environment":"live"}"#,
                headers: ["Idempotency-Key": "i1"])
            _ = try await record(
                .POST, "/v1/api_keys", "v1/api_keys", key: live, json: #"{"name":"c","environment":"live"}"#,
                headers: ["Idempotency-Key": "i1"])
            _ = try await record(
                .POST, "/v1/api_keys", "v1/api_keys", key: live, json: #"{"name":"d","environment":"live"}"#,
                headers: ["Idempotency-Key": "i1"])
            _ = try await record(.POST, "/v1/api_keys", "v1/api_keys", key: live, json: #"{"environment":"live"}"#)
            _ = try await record(.POST, "/v1/api_keys", "v1/api_keys", key: live, json: #"{"name":"x","environment":1}"#)
            let twice = try await record(
                .POST, "/v1/api_keys", "v1/api_keys", key: live, json: #"{"name":"a","name":"b","environment":"live"}"#)
            #expect(twice.status == .badRequest)
            _ = try await record(.POST, "/v1/api_keys", "v1/api_keys", key: live, json: "{" + String(repeating: " ", count: 1 << 20) + "}")
            let id = try #require(try created.object["id"] as? String)
            _ = try await record(.GET, "/v1/api_keys/{id}", "v1/api_keys/\(id)", key: live)
            _ = try await record(.GET, "/v1/api_keys/{id}", "v1/api_keys/key_missing", key: live)
            _ = try await record(.POST, "/v1/api_keys/{id}/roll", "v1/api_keys/\(id)/roll", key: live, json: #"{"expires_in":60}"#)
            _ = try await record(.POST, "/v1/api_keys/{id}/roll", "v1/api_keys/\(id)/roll", key: live, json: #"{"expires_in":"soon"}"#)
            _ = try await record(.POST, "/v1/api_keys/{id}/roll", "v1/api_keys/key_missing/roll", key: live)
            _ = try await record(.DELETE, "/v1/api_keys/{id}", "v1/api_keys/\(id)", key: live)
            _ = try await record(.DELETE, "/v1/api_keys/{id}", "v1/api_keys/key_missing", key: live)

            let test = t.testKey
            t.clock.advance(by: 10)  // refill the test key's rate-limit bucket
            let deals = try await record(
                .POST, "/v1/tasks", "v1/tasks", key: test,
                json:
                    #"{"prompt":"Pull all open deals from user_123's CRM account. Return deal name, amount, stage, and expected close date."}"#
            )
            let dealsID = try #require(try deals.object["id"] as? String, "\(deals.status)")
            try await t.drain()
            t.clock.advance(by: 10)
            let dealsTask = try await record(.GET, "/v1/tasks/{id}", "v1/tasks/\(dealsID)", key: test)
            let dealsTrace = try await record(.GET, "/v1/tasks/{id}/trace", "v1/tasks/\(dealsID)/trace", key: test)
            #expect(dealsTask.status == .ok && dealsTrace.status == .ok)
            t.clock.advance(by: 10)
            let example =
                #"{"prompt":"Look up the current weather in San Francisco and return temperature, conditions, and humidity","metadata":{"a":"b"}}"#
            let task = try await record(.POST, "/v1/tasks", "v1/tasks", key: live, json: example)
            let taskID = try #require(try task.object["id"] as? String)
            _ = try await record(.POST, "/v1/tasks", "v1/tasks", key: live, json: #"{"prompt":"What is the weather?"}"#)
            _ = try await record(.POST, "/v1/tasks", "v1/tasks", key: live, json: #"{"prompt":"x","mode":"test"}"#)
            _ = try await record(.POST, "/v1/tasks", "v1/tasks", key: live, json: #"{"prompt":"weather in Oslo","mode":"test"}"#)
            _ = try await record(
                .POST, "/v1/tasks", "v1/tasks", key: live, json: #"{"prompt":"\#(String(repeating: "p", count: 10_001))"}"#)
            _ = try await record(.POST, "/v1/tasks", "v1/tasks", key: live, json: #"{"user_id":"u"}"#)
            _ = try await record(.GET, "/v1/tasks/{id}", "v1/tasks/\(taskID)", key: live)
            _ = try await record(.GET, "/v1/tasks/{id}/trace", "v1/tasks/\(taskID)/trace", key: live)
            _ = try await record(.POST, "/v1/tasks/{id}/input", "v1/tasks/\(taskID)/input", key: live, json: #"{"approve":true}"#)
            t.app.ploton.executor = ToolRouter(sandbox: [Weather.name: WeatherSandbox()], live: [Weather.name: WeatherSandbox()])
            try await t.drain()
            _ = try await record(.GET, "/v1/tasks/{id}", "v1/tasks/\(taskID)", key: live)
            _ = try await record(.GET, "/v1/tasks/{id}/trace", "v1/tasks/\(taskID)/trace", key: live)
            _ = try await record(.GET, "/v1/tasks", "v1/tasks?limit=5&status=waiting", key: live)
            _ = try await record(.GET, "/v1/tasks", "v1/tasks", key: live)
            _ = try await record(.GET, "/v1/tasks", "v1/tasks?created_after=never", key: live)
            // Empty filters count as not given; RFC 3339 with fractional seconds is a `date-time`.
            let filtered = try await record(.GET, "/v1/tasks", "v1/tasks?status=&created_before=9999-01-01T00:00:00.250%2B01:00", key: live)
            #expect(filtered.status == .ok)
            #expect(try await record(.GET, "/v1/tasks", "v1/tasks?user_id=%00", key: live).status == .badRequest)
            let longID = try await record(.GET, "/v1/tasks/{id}", "v1/tasks/task_\(String(repeating: "x", count: 7000))", key: live)
            #expect(longID.status == .notFound && longID.body.readableBytes < 1000)
            let waiting = try #require(try await t.send(.GET, "v1/tasks?status=waiting", key: live).object["data"] as? [[String: Any]])
            let waitingID = try #require(waiting.first?["id"] as? String)
            _ = try await record(
                .POST, "/v1/tasks/{id}/input", "v1/tasks/\(waitingID)/input", key: live, json: #"{"input":{"location":7}}"#)
            _ = try await record(
                .POST, "/v1/tasks/{id}/input", "v1/tasks/\(waitingID)/input", key: live, json: #"{"input":{"location":"Oslo"}}"#)
            _ = try await record(.POST, "/v1/tasks/{id}/cancel", "v1/tasks/\(waitingID)/cancel", key: live)
            _ = try await record(.POST, "/v1/tasks/{id}/cancel", "v1/tasks/\(waitingID)/cancel", key: live)
            _ = try await record(.GET, "/v1/tasks/{id}", "v1/tasks/task_missing", key: test)
            _ = try await record(.GET, "/v1/tasks/{id}/trace", "v1/tasks/task_missing/trace", key: live)
            _ = try await record(.POST, "/v1/tasks/{id}/cancel", "v1/tasks/task_missing/cancel", key: live)

            let definition = ToolsAPITests.definition(auth: #"{"type":"api_key"}"#)
            _ = try await record(.POST, "/v1/tools", "v1/tools", key: live, json: definition)
            _ = try await record(.POST, "/v1/tools", "v1/tools", key: live, json: definition)
            _ = try await record(.POST, "/v1/tools", "v1/tools", key: live, json: #"{"base_url":"https://x.example"}"#)
            _ = try await record(.GET, "/v1/tools", "v1/tools", key: live)
            _ = try await record(.GET, "/v1/tools", "v1/tools?type=nope", key: live)
            _ = try await record(.GET, "/v1/tools/{name}", "v1/tools/weather", key: live)
            _ = try await record(.GET, "/v1/tools/{name}/memory", "v1/tools/weather/memory", key: live)
            _ = try await record(.GET, "/v1/webhook_secret", "v1/webhook_secret", key: live)
            _ = try await record(.POST, "/v1/webhook_secret/roll", "v1/webhook_secret/roll", key: live, json: #"{"expires_in":60}"#)
            _ = try await record(.POST, "/v1/webhook_secret/roll", "v1/webhook_secret/roll", key: live, json: #"{"expires_in":-5}"#)
            _ = try await record(.GET, "/v1/tools/{name}/memory", "v1/tools/nope/memory", key: live)
            _ = try await record(.GET, "/v1/tools/{name}", "v1/tools/internal-crm", key: live)
            _ = try await record(.GET, "/v1/tools/{name}", "v1/tools/nope", key: live)
            _ = try await record(.PATCH, "/v1/tools/{name}", "v1/tools/internal-crm", key: live, json: #"{"description":"d"}"#)
            _ = try await record(.PATCH, "/v1/tools/{name}", "v1/tools/weather", key: live, json: #"{"description":"d"}"#)
            _ = try await record(
                .PUT, "/v1/tools/{name}/credentials", "v1/tools/internal-crm/credentials", key: live, json: #"{"api_key":"k"}"#)
            _ = try await record(.PUT, "/v1/tools/{name}/credentials", "v1/tools/internal-crm/credentials", key: live, json: #"{}"#)
            for wrong in [#"{"api_key":"k","password":1}"#, #"{"api_key":""}"#] {
                let refused = try await record(
                    .PUT, "/v1/tools/{name}/credentials", "v1/tools/internal-crm/credentials", key: live, json: wrong)
                #expect(refused.status == .unprocessableEntity, "\(wrong)")
            }
            _ = try await record(.DELETE, "/v1/tools/{name}", "v1/tools/internal-crm", key: live)
            _ = try await record(.DELETE, "/v1/tools/{name}", "v1/tools/internal-crm", key: live)

            let eventID = try #require(
                (try await t.send(.GET, "v1/events?limit=1", key: live).object["data"] as? [[String: Any]])?.first?["id"] as? String)
            _ = try await record(.POST, "/v1/events/{id}/redeliver", "v1/events/\(eventID)/redeliver", key: live)
            let endpoint = try await record(
                .POST, "/v1/webhook_endpoints", "v1/webhook_endpoints", key: live,
                json: #"{"url":"https://example.com/hooks","events":["task.complete"],"description":"d"}"#)
            let endpointID = try #require(try endpoint.object["id"] as? String)
            _ = try await record(.POST, "/v1/webhook_endpoints", "v1/webhook_endpoints", key: live, json: #"{"url":"ftp://x"}"#)
            _ = try await record(.POST, "/v1/webhook_endpoints", "v1/webhook_endpoints", key: live, json: #"{}"#)
            _ = try await record(.GET, "/v1/webhook_endpoints", "v1/webhook_endpoints", key: live)
            _ = try await record(.GET, "/v1/webhook_endpoints/{id}", "v1/webhook_endpoints/\(endpointID)", key: live)
            _ = try await record(.GET, "/v1/webhook_endpoints/{id}", "v1/webhook_endpoints/whep_missing", key: live)
            _ = try await record(
                .PATCH, "/v1/webhook_endpoints/{id}", "v1/webhook_endpoints/\(endpointID)", key: live,
                json: #"{"events":["*"],"description":null,"enabled":false}"#)
            _ = try await record(
                .PATCH, "/v1/webhook_endpoints/{id}", "v1/webhook_endpoints/\(endpointID)", key: live, json: #"{"events":[]}"#)
            _ = try await record(
                .PATCH, "/v1/webhook_endpoints/{id}", "v1/webhook_endpoints/\(endpointID)", key: live, json: #"{"enabled":true}"#)
            _ = try await record(.POST, "/v1/events/{id}/redeliver", "v1/events/\(eventID)/redeliver", key: live)
            _ = try await record(.GET, "/v1/events", "v1/events", key: live)
            _ = try await record(.GET, "/v1/events", "v1/events?delivery_success=false&event=task.complete", key: live)
            _ = try await record(.GET, "/v1/events", "v1/events?event=nope", key: live)
            _ = try await record(.GET, "/v1/events/{id}", "v1/events/\(eventID)", key: live)
            _ = try await record(.GET, "/v1/events/{id}", "v1/events/evt_missing", key: live)
            _ = try await record(.GET, "/v1/events/{id}/deliveries", "v1/events/\(eventID)/deliveries", key: live)
            _ = try await record(.GET, "/v1/events/{id}/deliveries", "v1/events/evt_missing/deliveries", key: live)
            _ = try await record(.DELETE, "/v1/webhook_endpoints/{id}", "v1/webhook_endpoints/\(endpointID)", key: live)
            _ = try await record(.DELETE, "/v1/webhook_endpoints/{id}", "v1/webhook_endpoints/\(endpointID)", key: live)

            // Subagents.
            let subagent = try await record(
                .POST, "/v1/subagents", "v1/subagents", key: live,
                json: #"{"name":"billing-desk","prompt":"Invoices and refunds in Stripe"}"#)
            let subagentID = try #require(try subagent.object["id"] as? String)
            _ = try await record(.POST, "/v1/subagents", "v1/subagents", key: live, json: #"{"name":"vague","prompt":"Be nice"}"#)
            _ = try await record(.POST, "/v1/subagents", "v1/subagents", key: live, json: #"{"prompt":"Invoices"}"#)
            _ = try await record(.GET, "/v1/subagents", "v1/subagents?type=prebuilt&limit=3", key: live)
            _ = try await record(.GET, "/v1/subagents", "v1/subagents?type=nope", key: live)
            _ = try await record(.GET, "/v1/subagents/{id}", "v1/subagents/\(subagentID)", key: live)
            _ = try await record(.GET, "/v1/subagents/{id}", "v1/subagents/sa_prebuilt_sales", key: live)
            _ = try await record(.GET, "/v1/subagents/{id}", "v1/subagents/sa_missing", key: live)
            _ = try await record(
                .PATCH, "/v1/subagents/{id}", "v1/subagents/\(subagentID)", key: live, json: #"{"prompt":"Slack channels"}"#)
            _ = try await record(.PATCH, "/v1/subagents/{id}", "v1/subagents/sales", key: live, json: #"{"name":"x"}"#)
            _ = try await record(.DELETE, "/v1/subagents/{id}", "v1/subagents/\(subagentID)", key: live)
            _ = try await record(.DELETE, "/v1/subagents/{id}", "v1/subagents/\(subagentID)", key: live)

            // Connections, with the test key (sandbox consent); its bucket refills between calls.
            func testKeyRecord(_ method: HTTPMethod, _ template: String, _ path: String, json: String? = nil) async throws
                -> TestingHTTPResponse
            {
                t.clock.advance(by: 10)
                return try await record(method, template, path, key: test, json: json)
            }
            let authorization = try await testKeyRecord(
                .POST, "/v1/connections/authorize", "v1/connections/authorize", json: #"{"user_id":"u1","tool":"crm"}"#)
            try await t.consent(try #require(try authorization.object["auth_url"] as? String))
            _ = try await testKeyRecord(
                .POST, "/v1/connections/authorize", "v1/connections/authorize", json: #"{"user_id":"u1","tool":"weather"}"#)
            _ = try await testKeyRecord(.POST, "/v1/connections/authorize", "v1/connections/authorize", json: #"{"tool":"crm"}"#)
            let connections = try await testKeyRecord(.GET, "/v1/connections", "v1/connections?user_id=u1")
            let connectionID = try #require((try connections.object["data"] as? [[String: Any]])?.first?["id"] as? String)
            _ = try await testKeyRecord(.GET, "/v1/connections/{id}", "v1/connections/\(connectionID)")
            _ = try await testKeyRecord(.GET, "/v1/connections/{id}", "v1/connections/conn_missing")
            _ = try await testKeyRecord(.GET, "/v1/connections", "v1/connections?status=nope")
            _ = try await testKeyRecord(.DELETE, "/v1/connections/{id}", "v1/connections/\(connectionID)")
            _ = try await testKeyRecord(.DELETE, "/v1/connections/{id}", "v1/connections/\(connectionID)")
            _ = try await testKeyRecord(.POST, "/v1/users/{user_id}/settings_link", "v1/users/u1/settings_link")
            _ = try await testKeyRecord(
                .POST, "/v1/users/{user_id}/settings_link", "v1/users/u1/settings_link", json: #"{"expires_in":100000}"#)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ploton-contract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("exchanges.jsonl")
        try exchanges.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)

        let result = try ProcessRunner.run(
            "python3",
            [
                RepositoryPaths.root.appendingPathComponent("scripts/check_openapi_conformance.py").path,
                RepositoryPaths.openAPIDocument.path, file.path,
            ])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("checked \(exchanges.count) exchanges, 0 problems"))
    }
}
