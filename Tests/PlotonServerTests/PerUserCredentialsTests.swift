import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Synchronization
import Testing
import VaporTesting

@testable import PlotonServer

/// Tools whose end users each bring their own API key: the task waits with `credentials_required`,
/// the user fills in the hosted form, the key goes to the vault, the task resumes and uses it.
@Suite(.serialized) struct PerUserCredentialsTests {
    @Test func a_per_user_key_is_asked_for_once_stored_sealed_and_used() async throws {
        let refuseKeys = Mutex(false)
        let service = try await FakeService.start { app in
            app.get("contacts") { _ in
                if refuseKeys.withLock({ $0 }) { throw Abort(.unauthorized) }
                return try Response.json(["data": [["id": "c1"]], "next": NSNull()])
            }
        }
        try await withPloton({ $0.allowPrivateNetwork = true }) { t async throws in
            let definition = ToolsAPITests.definition(
                baseURL: service.baseURL, auth: #"{"type":"api_key","header":"X-Api-Key","per_user":true}"#)
            #expect(try await t.send(.POST, "v1/tools", key: t.testKey, json: definition).status == .created)
            let id = try await t.createTask(#"{"prompt":"List contacts","tool":"internal-crm","user_id":"ann"}"#)
            try await t.drain()
            let waiting = try #require(try await t.task(id)["waiting"] as? [String: Any])
            #expect(waiting["reason"] as? String == "credentials_required" && waiting["service"] as? String == "internal-crm")
            let url = try #require(waiting["auth_url"] as? String)
            #expect(url.hasPrefix("http://localhost:8080/credentials/internal-crm?session=sess_"))

            let form = try await t.send(.GET, try TestApp.local(url))
            #expect(form.status == .ok && form.body.string.contains(#"<label for="key">API key</label>"#))
            let session = try #require(URLComponents(string: url)?.queryItems?.first?.value)
            let saved = try await t.app.testing().sendRequest(
                .POST, "credentials/internal-crm", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "session=\(session)&key=ann-secret-key-123"))
            #expect(saved.status == .ok)
            try await t.drain()
            #expect(try await t.task(id)["status"] as? String == "complete")
            #expect(service.received.last?.headers["x-api-key"] == "ann-secret-key-123")
            let connection = try #require(try await Connection.query(on: t.db).first())
            #expect(connection.kind == .apiKey && connection.userID == "ann")
            #expect(connection.sealedAccessToken?.contains("ann-secret-key-123") == false)
            #expect(try await t.send(.GET, try TestApp.local(url)).status == .notFound, "the link is used up")

            // A key the service later refuses expires its connection, and the user is asked again.
            refuseKeys.withLock { $0 = true }
            let rejected = try await t.createTask(#"{"prompt":"List contacts","tool":"internal-crm","user_id":"ann"}"#)
            try await t.drain()
            let rejectedTask = try await t.task(rejected)
            let again = try #require(rejectedTask["waiting"] as? [String: Any], "\(rejectedTask)")
            #expect(again["reason"] as? String == "credentials_required" && (again["auth_url"] as? String) != url)
            #expect(try await Connection.query(on: t.db).first()?.status == .expired)
            #expect(try await t.events(for: rejected).contains { $0.type == .connectionExpired })
            let trace = try await t.send(.GET, "v1/tasks/\(rejected)/trace", key: t.testKey).object
            let recoveries = (trace["steps"] as? [[String: Any]])?.first?["recoveries"] as? [[String: Any]]
            #expect(recoveries?.first?["type"] as? String == "credentials_rejected")

            // An OAuth consent link cannot be used to plant a key.
            let oauth = try await t.send(.POST, "v1/connections/authorize", key: t.testKey, json: #"{"user_id":"ann","tool":"crm"}"#)
            let oauthSession = try #require(URLComponents(string: try oauth.object["auth_url"] as? String ?? "")?.queryItems?.first?.value)
            #expect(try await t.send(.GET, "credentials/crm?session=\(oauthSession)").status == .notFound)
        }
        try await service.stop()
    }
}
