import Foundation
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// A remote MCP server that wants OAuth 2.1 as the MCP authorization spec defines it, against the
/// official Python SDK's MCPServer with its own authorization-server routes (Tests/MCPPeers/server.py
/// `--oauth`): discovery from its 401, dynamic client registration or a configured client, Ploton's
/// managed consent with PKCE and the RFC 8707 resource, the vault, and refresh.
@Suite struct MCPRemoteOAuthTests {
    static func definition(port: Int, auth: String = #"{"type":"oauth2"}"#) -> String {
        definition(baseURL: "http://127.0.0.1:\(port)", auth: auth)
    }

    /// The "notes" MCP tool served at `baseURL`/mcp.
    static func definition(baseURL: String, auth: String) -> String {
        #"""
        {"name":"notes","description":"A notes server","kind":"mcp","base_url":"\#(baseURL)/mcp","auth":\#(auth)}
        """#
    }

    /// What the Python authorization server saw (`GET /stats`).
    static func stats(_ port: Int) async throws -> [String: Any] {
        let page = try await Browser.get("http://127.0.0.1:\(port)/stats")
        return try #require(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
    }

    /// The end user: Ploton's start page, the server's authorize endpoint (which approves), Ploton's callback.
    static func consent(_ t: TestApp, _ authURL: String) async throws {
        let start = try await t.send(.GET, try TestApp.local(authURL))
        #expect(start.status == .seeOther, "\(start.body.string)")
        let authorize = try await Browser.get(try #require(start.headers.first(name: .location)))
        #expect(authorize.status == 302, "\(authorize.body)")
        let callback = try await t.send(.GET, try TestApp.local(try #require(authorize.location)))
        #expect(callback.status == .ok, "\(callback.body.string)")
    }

    static func connect(_ t: TestApp, _ user: String) async throws {
        let response = try await t.send(.POST, "v1/connections/authorize", key: t.testKey, json: #"{"user_id":"\#(user)","tool":"notes"}"#)
        #expect(response.status == .created, "\(response.body.string)")
        try await consent(t, try #require(try response.object["auth_url"] as? String))
    }

    @Test func discovery_dynamic_registration_consent_and_refresh_against_the_sdks_authorization_server() async throws {
        let (server, port) = try await MCPRemoteToolsTests.startServer(["--oauth", "--token-lifetime", "30"])
        defer { server.stop() }
        let resource = "http://127.0.0.1:\(port)/mcp"
        try await withPloton({ $0.allowPrivateNetwork = true }) { t in
            let registered = try await t.send(.POST, "v1/tools", key: t.testKey, json: Self.definition(port: port))
            #expect(registered.status == .created, "\(registered.body.string)")
            let auth = try #require(try registered.object["auth"] as? [String: Any])
            #expect(auth["authorize_url"] as? String == "http://127.0.0.1:\(port)/authorize")
            #expect(auth["token_url"] as? String == "http://127.0.0.1:\(port)/token")
            #expect(auth["resource"] as? String == resource)
            #expect(auth["scopes"] as? [String] == ["notes"])
            #expect(auth["token_endpoint_auth_method"] as? String == "client_secret_post")
            #expect((auth["client_id"] as? String)?.isEmpty == false)
            #expect(auth["client_secret"] == nil)
            #expect(try await Self.stats(port)["registrations"] as? Int == 1)

            let anonymous = try await t.send(.POST, "v1/tools/notes/refresh", key: t.testKey)
            #expect(anonymous.status == .unprocessableEntity)
            #expect(try anonymous.error["param"] as? String == "user_id")

            // The first end user to connect makes the server's tools known.
            try await Self.connect(t, "owner")
            let authorization = try #require((try await Self.stats(port)["authorizations"] as? [[String: Any]])?.first)
            #expect(authorization["resource"] as? String == resource)
            #expect(authorization["scopes"] as? [String] == ["notes"])
            let tool = try await t.send(.GET, "v1/tools/notes", key: t.testKey).object
            let capabilities = try #require(tool["capabilities"] as? [[String: Any]])
            #expect(Set(capabilities.compactMap { $0["name"] as? String }) == ["add", "save_note"])
            #expect(capabilities.allSatisfy { $0["scopes"] as? [String] == ["notes"] })

            // Another end user's task waits for their consent, then runs with their token, refreshed
            // before use (it lives 30 s, inside the refresh margin).
            let id = try await t.createTask(#"{"prompt":"Save the note \"hello\"","tool":"notes","user_id":"u2"}"#)
            try await t.drain()
            let waiting = try #require(try await t.task(id)["waiting"] as? [String: Any])
            #expect(waiting["reason"] as? String == "oauth_consent_required", "\(waiting)")
            #expect(waiting["service"] as? String == "notes")
            try await Self.consent(t, try #require(waiting["auth_url"] as? String))
            try await t.drain()
            let done = try await t.task(id)
            #expect(done["status"] as? String == "complete", "\(done)")
            #expect((done["result"] as? [String: Any])?["saved"] as? String == "hello", "\(done)")

            let stats = try await Self.stats(port)
            #expect(stats["tool_calls"] as? Int == 1)
            let requests = try #require(stats["token_requests"] as? [[String: Any]])
            #expect(requests.allSatisfy { $0["resource"] as? String == resource }, "\(requests)")
            #expect(requests.filter { $0["grant_type"] as? String == "authorization_code" }.count == 2)
            #expect(requests.contains { $0["grant_type"] as? String == "refresh_token" }, "\(requests)")
            let connections = try await t.send(.GET, "v1/connections?tool=notes&user_id=u2", key: t.testKey).object
            #expect((connections["data"] as? [[String: Any]])?.first?["status"] as? String == "active")
        }
    }

    @Test func a_configured_client_where_the_server_offers_no_registration() async throws {
        let redirect = "http://localhost:8080/oauth/callback/notes"
        let (server, port) = try await MCPRemoteToolsTests.startServer([
            "--oauth", "--client", "ploton-app", "s3cret", redirect, "--token-lifetime", "30",
        ])
        defer { server.stop() }
        try await withPloton({ $0.allowPrivateNetwork = true }) { t in
            let unregistered = try await t.send(.POST, "v1/tools", key: t.testKey, json: Self.definition(port: port))
            #expect(unregistered.status == .unprocessableEntity)
            let message = try unregistered.error["message"] as? String ?? ""
            #expect(message.contains("no dynamic client registration") && message.contains(redirect), "\(message)")

            let registered = try await t.send(
                .POST, "v1/tools", key: t.testKey,
                json: Self.definition(port: port, auth: #"{"type":"oauth2","client_id":"ploton-app","client_secret":"s3cret"}"#))
            #expect(registered.status == .created, "\(registered.body.string)")
            #expect(!registered.body.string.contains("s3cret"))
            #expect(try await Self.stats(port)["registrations"] as? Int == 0)
            try await Self.connect(t, "owner")
            #expect(try await t.send(.GET, "v1/tools/notes", key: t.testKey).object["capabilities"] as? [Any] != nil)

            // Listing again as the owner refreshes their token first (it lives 30 s, inside the margin).
            let refreshed = try await t.send(.POST, "v1/tools/notes/refresh", key: t.testKey, json: #"{"user_id":"owner"}"#)
            #expect(refreshed.status == .ok, "\(refreshed.body.string)")
            #expect((try refreshed.object["capabilities"] as? [Any])?.count == 2)
            let requests = try #require(try await Self.stats(port)["token_requests"] as? [[String: Any]])
            #expect(requests.map { $0["grant_type"] as? String } == ["authorization_code", "refresh_token"], "\(requests)")
            let stranger = try await t.send(.POST, "v1/tools/notes/refresh", key: t.testKey, json: #"{"user_id":"nobody"}"#)
            #expect(stranger.status == .unprocessableEntity)
        }
    }
}
