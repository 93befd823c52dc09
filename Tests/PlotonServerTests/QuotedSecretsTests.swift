import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// A server Ploton calls may quote in its error what Ploton sent it: an OAuth token endpoint the
/// refresh token and client secret, an MCP server its API key. The error reaches the caller, the
/// trace and webhooks without them.
@Suite(.serialized) struct QuotedSecretsTests {
    @Test func a_token_endpoint_error_quoting_the_refresh_token_and_client_secret_fails_the_step_without_them() async throws {
        let live = OAuthLiveTests()
        try await live.withProvider { t, provider in
            provider.configure {
                $0.initialLifetime = 30  // inside the refresh margin: the task's step refreshes first
                $0.failRefreshQuotingSecrets = true
            }
            try await live.connect(t)
            let connection = try #require(try await Connection.query(on: t.db).first())
            let refreshToken = try #require(
                try ConnectionVault(database: t.db, services: t.app.ploton)
                    .open(connection.sealedRefreshToken, of: connection, purpose: "refresh_token"))
            let task = try await live.run(t)
            let error = try #require(task["error"] as? [String: Any], "\(task)")
            #expect(error["code"] as? String == "token_refresh_failed", "\(error)")
            let message = try #require(error["message"] as? String)
            #expect(message.contains("could not refresh <redacted> from <redacted> (<redacted>)"), "\(message)")
            let trace = try await t.send(.GET, "v1/tasks/\(task["id"] as? String ?? "")/trace", key: t.liveKey).body.string
            let basic = Data("\(FakeOAuthProvider.clientID):\(TokenClient.formEncoded(FakeOAuthProvider.clientSecret))".utf8)
                .base64EncodedString()
            for secret in [refreshToken, FakeOAuthProvider.clientSecret, basic] {
                #expect(!"\(task)".contains(secret) && !trace.contains(secret))
            }
        }
    }

    @Test func an_mcp_servers_error_quoting_its_api_key_is_refused_without_it() async throws {
        let key = "mcp-key-1234567890"
        let server = try await FakeService.start { app in
            app.post("mcp") { req in
                let quoted = req.headers.first(name: "X-Api-Key") ?? ""
                return try Response.json([
                    "jsonrpc": "2.0", "id": 1, "error": ["code": -32001, "message": "key \(quoted) is not allowed here"],
                ])
            }
        }
        try await withPloton({ $0.allowPrivateNetwork = true }) { t in
            let registered = try await t.send(
                .POST, "v1/tools", key: t.testKey,
                json: MCPRemoteOAuthTests.definition(baseURL: server.baseURL, auth: #"{"type":"api_key","header":"X-Api-Key"}"#))
            #expect(registered.status == .created, "\(registered.body.string)")
            let stored = try await t.send(.PUT, "v1/tools/notes/credentials", key: t.testKey, json: #"{"api_key":"\#(key)"}"#)
            #expect(stored.status == .ok)
            let refreshed = try await t.send(.POST, "v1/tools/notes/refresh", key: t.testKey)
            #expect(refreshed.status.code >= 400)
            #expect(refreshed.body.string.contains("key <redacted> is not allowed here"), "\(refreshed.body.string)")
            #expect(!refreshed.body.string.contains(key))
            #expect(server.received.contains { $0.headers["x-api-key"] == key }, "the server was sent the key")
        }
        try await server.stop()
    }
}
