import Foundation
import PlotonTestSupport
import Testing

@Suite(.serialized) struct ServeTests {
    @Test func serve_json_prints_the_first_run_credentials_as_one_object() async throws {
        let env = try await ProcessEnvironment.make()
        let server = try await PlotonProcess.serve(
            environment: env.variables(["PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys]), workingDirectory: env.directory,
            extraArguments: ["--json"])
        let line = try #require(server.stdout.split(separator: "\n").first { $0.hasPrefix("{") })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let live = try #require(object["live_api_key"] as? String)
        #expect(live.hasPrefix("pk_live_") && (object["test_api_key"] as? String)?.hasPrefix("pk_test_") == true)
        #expect((object["test_webhook_secret"] as? String)?.hasPrefix("whsec_") == true)
        #expect((object["dashboard_sign_in_url"] as? String)?.contains("/dashboard/sign-in?token=") == true)
        try await server.request(.GET, "/v1/api_keys", key: live).expect(.ok)
        await server.expectCleanStop()
        await env.drop()
    }

    @Test func first_run_prints_the_credentials_once_and_keeps_them_working() async throws {
        let env = try await ProcessEnvironment.make()
        let variables = env.variables()  // no PLOTON_ENCRYPTION_KEYS: a development ring is generated
        let first = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let banner = first.stdout
        let live = try #require(Self.value(after: "Live API key:", in: banner))
        let test = try #require(Self.value(after: "Test API key:", in: banner))
        let testWebhook = try #require(Self.value(after: "Test webhook secret:", in: banner))
        let liveWebhook = try #require(Self.value(after: "Live webhook secret:", in: banner))
        #expect(live.hasPrefix("pk_live_") && test.hasPrefix("pk_test_"))
        #expect(testWebhook.hasPrefix("whsec_") && liveWebhook.hasPrefix("whsec_") && testWebhook != liveWebhook)

        let ring = env.directory.appendingPathComponent("data/encryption_keys").path
        let permissions = try FileManager.default.attributesOfItem(atPath: ring)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        #expect(first.stderr.contains("PLOTON_ENCRYPTION_KEYS is not set"))

        let listed = try await first.request(.GET, "/v1/api_keys", key: live)
        listed.expect(.ok)
        #expect(listed.headers.first(name: "X-Request-Id")?.hasPrefix("req_") == true)
        try await first.request(.GET, "/v1/api_keys", key: test).expect(.forbidden)
        await first.expectCleanStop()

        // The request log: one line per request, with request id, key id, status and latency; no secrets.
        let logs = first.stderr
        let line = try #require(logs.split(separator: "\n").first { $0.contains("path=/v1/api_keys") && $0.contains("status=200") })
        #expect(line.contains("request-id=req_") && line.contains("api_key_id=key_") && line.contains("duration_ms="))
        for secret in [live, test, testWebhook, liveWebhook] { #expect(!logs.contains(secret)) }

        let second = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        #expect(!second.stdout.contains("pk_live_"), "the banner is shown once")
        try await second.request(.GET, "/v1/api_keys", key: live).expect(.ok)
        await second.expectCleanStop()
        await env.drop()
    }

    @Test func sigterm_lets_an_in_flight_request_finish() async throws {
        let env = try await ProcessEnvironment.make()
        let server = try await PlotonProcess.serve(
            environment: env.variables(["PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys]), workingDirectory: env.directory)
        let live = try #require(Self.value(after: "Live API key:", in: server.stdout))
        let body = #"{"name":"drained","environment":"test"}"#
        let connection = try RawConnection(port: server.port)
        try connection.send(
            "POST /v1/api_keys HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(live)\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + String(body.prefix(10)))
        // A request on another connection completing means the server has read the first one's head.
        try await server.request(.GET, "/health").expect(.ok)

        kill(server.process.processIdentifier, SIGTERM)
        try connection.send(String(body.dropFirst(10)))
        let response = try connection.receiveResponse()
        #expect(response.hasPrefix("HTTP/1.1 201"), "\(response)")
        #expect(response.contains("\"name\":\"drained\""))
        await server.expectCleanStop()
        await env.drop()
    }

    @Test func an_idle_client_connection_is_closed_after_the_idle_timeout() async throws {
        let env = try await ProcessEnvironment.make()
        let server = try await PlotonProcess.serve(
            environment: env.variables(["PLOTON_HTTP_IDLE_TIMEOUT_SECONDS": "1"]), workingDirectory: env.directory)
        let idle = try RawConnection(port: server.port)
        let started = Date()
        // The server closing the connection ends the read with nothing received.
        #expect(try idle.receiveResponse() == "")
        #expect(Date().timeIntervalSince(started) < 25)
        await server.expectCleanStop()
        await env.drop()
    }

    @Test func revocation_is_immediate_across_two_processes_on_one_database() async throws {
        let env = try await ProcessEnvironment.make()
        let variables = env.variables(["PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys])
        let a = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let live = try #require(Self.value(after: "Live API key:", in: a.stdout))
        var jsonLogs = variables
        jsonLogs["PLOTON_LOG_FORMAT"] = "json"
        let b = try await PlotonProcess.serve(environment: jsonLogs, workingDirectory: env.directory)

        let created = try await a.request(.POST, "/v1/api_keys", key: live, json: #"{"name":"shared","environment":"live"}"#).json
        let id = try #require(created["id"] as? String)
        let secret = try #require(created["secret"] as? String)
        try await b.request(.GET, "/v1/api_keys/\(id)", key: secret).expect(.ok)

        try await a.request(.DELETE, "/v1/api_keys/\(id)", key: live).expect(.ok)
        let refused = try await b.request(.GET, "/v1/api_keys/\(id)", key: secret)
        refused.expect(.unauthorized)
        #expect((refused.json["error"] as? [String: Any])?["code"] as? String == "invalid_api_key")

        await a.expectCleanStop()
        await b.expectCleanStop()
        // Process B logged JSON lines, one object per line.
        let lines = b.stderr.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["level"] != nil, "\(line)")
        }
        #expect(lines.contains { $0.contains("\"status\":\"401\"") && $0.contains("\"request-id\":\"req_") })
        await env.drop()
    }

    static func value(after label: String, in text: String) -> String? { FirstRunBanner.value(after: label, in: text) }
}
