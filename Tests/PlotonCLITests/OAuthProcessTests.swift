import Foundation
import PlotonTestSupport
import Testing

/// Managed OAuth across real processes sharing one database.
@Suite(.serialized) struct OAuthProcessTests {
    @Test func two_processes_and_many_tasks_refresh_one_connection_exactly_once() async throws {
        let env = try await ProcessEnvironment.make()
        let provider = try await FakeOAuthProvider.start()
        provider.configure { $0.initialLifetime = 30 }  // within the refresh margin: the first use refreshes
        let base = provider.baseURL
        let variables = env.variables([
            "PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys, "PLOTON_ALLOW_PRIVATE_NETWORK": "true",
            "PLOTON_TOOL_CRM_BASE_URL": base, "PLOTON_TOOL_CRM_AUTHORIZE_URL": base + "/authorize",
            "PLOTON_TOOL_CRM_TOKEN_URL": base + "/token", "PLOTON_TOOL_CRM_REVOKE_URL": base + "/revoke",
            "PLOTON_HUBSPOT_CLIENT_ID": FakeOAuthProvider.clientID, "PLOTON_HUBSPOT_CLIENT_SECRET": FakeOAuthProvider.clientSecret,
            "PLOTON_METRICS": "on", "PLOTON_METRICS_TOKEN": MetricsProcessTests.token,
            // One public address for both, as behind a load balancer: the callback's redirect_uri is the authorize request's.
            "PLOTON_PUBLIC_URL": "http://ploton.test",
        ])
        let first = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let second = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let live = try #require(ServeTests.value(after: "Live API key:", in: first.stdout))

        // The end user consents in a browser: Ploton's link, the provider, back to the callback.
        let authorization = try await first.request(.POST, "/v1/connections/authorize", key: live, json: #"{"user_id":"u1","tool":"crm"}"#)
        let authURL = try #require(authorization.json["auth_url"] as? String, "\(authorization.body)")
        let link = try #require(URLComponents(string: authURL))
        let start = try await Browser.get(first.baseURL + link.pathAndQuery)
        let atProvider = try await Browser.get(try #require(start.location))
        let back = try #require(atProvider.location)
        let callback = try #require(URLComponents(string: back))
        let done = try await Browser.get(second.baseURL + callback.pathAndQuery)
        #expect(done.status == 200, "\(done.body)")

        var ids: [String] = []
        for index in 0..<12 {
            let server = index.isMultiple(of: 2) ? first : second
            let created = try await server.request(
                .POST, "/v1/tasks", key: live, json: #"{"prompt":"List all deals","tool":"crm","user_id":"u1"}"#)
            ids.append(try #require(created.json["id"] as? String, "\(created.body)"))
        }
        for id in ids {
            let task = try await TaskProcessTests.waitForFinalStatus(id, on: first, key: live)
            #expect(task["status"] as? String == "complete", "\(task)")
        }
        #expect(provider.refreshRequests == 1, "one refresh for twelve tasks on two processes")
        // A read whose outcome could not be recorded (two processes contending for SQLite under load)
        // runs again after its lease: at least once, never fewer.
        #expect(provider.apiCalls >= 12)
        // The refresh is counted by the process that made it; both see the one active connection.
        let scrapes = [try await MetricsProcessTests.scrape(first), try await MetricsProcessTests.scrape(second)]
        #expect(scrapes.map { $0["ploton_oauth_refreshes_total", ["outcome": "succeeded"]] ?? 0 }.reduce(0, +) == 1)
        #expect(scrapes.allSatisfy { $0["ploton_oauth_refreshes_total", ["outcome": "failed"]] == nil })
        #expect(scrapes.allSatisfy { $0["ploton_connections", ["status": "active"]] == 1 })
        await first.expectCleanStop()
        await second.expectCleanStop()
        for token in provider.issuedTokens {
            #expect(!first.stderr.contains(token) && !second.stderr.contains(token), "tokens never reach the logs")
        }
        try await provider.stop()
        await env.drop()
    }
}

extension URLComponents {
    /// `/path?query`, to send to another origin.
    var pathAndQuery: String { percentEncodedPath + (percentEncodedQuery.map { "?" + $0 } ?? "") }
}
