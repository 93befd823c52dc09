import Foundation
import PlotonTestSupport
import Testing

/// A real PostgreSQL stopped and started again under a running `ploton serve` (roles api and worker
/// in one process): no hang and no 500 while it is down, and recovery without a restart.
@Suite(.serialized) struct DatabaseOutageProcessTests {
    static let prompt = TaskProcessTests.prompt

    @Test(.enabled(if: TestDatabase.isPostgres && ThrowawayPostgres.isAvailable))
    func while_the_database_is_down_requests_get_fast_503s_and_the_process_recovers_by_itself() async throws {
        let postgres = try ThrowawayPostgres()
        defer { postgres.stop() }
        let env = try ProcessEnvironment.make(databaseURL: postgres.url)
        let server = try await PlotonProcess.serve(
            environment: env.variables(["PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys]), workingDirectory: env.directory)
        let key = try #require(ServeTests.value(after: "Test API key:", in: server.stdout))
        try await server.request(.GET, "/ready").expect(.ok)

        try postgres.pause()
        for path in ["/v1/tasks", "/v1/tasks", "/v1/events", "/v1/tasks"] {
            let started = ContinuousClock.now
            let response = try await server.request(.GET, path, key: key)
            #expect(ContinuousClock.now - started < .seconds(1), "a refusal is fast, not a wait on the pool")
            response.expect(.serviceUnavailable)
            #expect((response.json["error"] as? [String: Any])?["code"] as? String == "service_unavailable")
            #expect(response.headers.first(name: "Retry-After") == "2")
        }
        let refused = try await server.request(.POST, "/v1/tasks", key: key, json: #"{"prompt":"\#(Self.prompt)"}"#)
        refused.expect(.serviceUnavailable)
        let ready = try await server.request(.GET, "/ready")
        ready.expect(.serviceUnavailable)
        #expect(ready.json["database"] as? String == "unreachable")
        try await server.request(.GET, "/health").expect(.ok, "liveness does not depend on the database")

        try postgres.resume()
        let resumed = ContinuousClock.now
        try await eventually("the API answers again", timeout: .seconds(10)) {
            try await server.request(.GET, "/v1/tasks", key: key).status == .ok
        }
        #expect(ContinuousClock.now - resumed < .seconds(5))
        try await server.request(.GET, "/ready").expect(.ok)
        let created = try await server.request(.POST, "/v1/tasks", key: key, json: #"{"prompt":"\#(Self.prompt)"}"#)
        let id = try #require(created.json["id"] as? String, "\(created.body)")
        let task = try await TaskProcessTests.waitForFinalStatus(id, on: server, key: key, timeout: .seconds(15))
        #expect(task["status"] as? String == "complete", "the worker resumed after the outage: \(task)")

        await server.expectCleanStop()
        let log = server.stderr
        #expect(log.components(separatedBy: "database unreachable; answering 503").count == 2, "logged once per outage:\n\(log)")
        #expect(!log.contains("request failed"), "no 500s:\n\(log)")
        await env.drop()
    }
}
