import Fluent
import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

/// A custom tool's secrets stay with the destination they were given for: changing where the tool
/// sends them (`base_url`, or anything in `auth`) drops the account credentials, the client secret
/// and the end users' grants, so a key holder cannot point them at a host of their choice.
@Suite struct ToolSecretsDestinationTests {
    static func auth(
        authorize: String = "https://a.example/authorize", token: String = "https://a.example/token",
        revoke: String = "https://a.example/revoke", clientID: String = "cid", clientSecret: String? = nil
    ) -> String {
        let secret = clientSecret.map { #","client_secret":"\#($0)""# } ?? ""
        return
            #"{"type":"oauth2","authorize_url":"\#(authorize)","token_url":"\#(token)","revoke_url":"\#(revoke)","client_id":"\#(clientID)"\#(secret)}"#
    }

    /// The tool with every kind of stored secret: a client secret, an account token, a user's
    /// tokens, and a consent attempt in flight for another user.
    func withSecrets(_ body: (TestApp) async throws -> Void) async throws {
        try await withPloton { t async throws in
            let definition = ToolsAPITests.definition(auth: Self.auth(clientSecret: "cs-1"))
            #expect(try await t.send(.POST, "v1/tools", key: t.testKey, json: definition).status == .created)
            #expect(try await t.send(.PUT, "v1/tools/internal-crm/credentials", key: t.testKey, json: #"{"token":"acct-1"}"#).status == .ok)
            let connection = Connection(
                accountID: t.accountID, environment: .test, userID: "ann", tool: "internal-crm", kind: .oauth2, now: t.clock.now)
            let grant = TokenGrant(accessToken: "at-1", refreshToken: "rt-1", expiresIn: 3600, scopes: [])
            try ConnectionVault.seal(grant, into: connection, box: t.app.ploton.secretBox, now: t.clock.now)
            try await connection.create(on: t.db)
            let authorize = try await t.send(
                .POST, "v1/connections/authorize", key: t.testKey, json: #"{"user_id":"bo","tool":"internal-crm"}"#)
            let start = try await t.send(.GET, try TestApp.local(try #require(try authorize.object["auth_url"] as? String)))
            #expect(start.headers.first(name: .location)?.hasPrefix("https://a.example/authorize?") == true)
            #expect(try await AuthSession.query(on: t.db).filter(\.$stateHash != nil).count() == 1)
            try await body(t)
        }
    }

    func expectSecrets(kept: Bool, _ t: TestApp, _ tool: [String: Any]) async throws {
        #expect(tool["credentials_configured"] as? Bool == kept)
        #expect((tool["auth"] as? [String: Any])?["client_secret_set"] as? Bool == kept)
        #expect(try await ToolCredential.query(on: t.db).count() == (kept ? 1 : 0))
        let connection = try #require(try await Connection.query(on: t.db).filter(\.$userID == "ann").first())
        #expect(connection.status == (kept ? .active : .expired))
        #expect((connection.sealedAccessToken != nil) == kept && (connection.sealedRefreshToken != nil) == kept)
        let expired = try await TaskEvent.query(on: t.db).filter(\.$type == EventType.connectionExpired).all()
        #expect(expired.count == (kept ? 0 : 1))
        #expect(try await AuthSession.query(on: t.db).filter(\.$stateHash != nil).count() == (kept ? 1 : 0))
    }

    @Test(arguments: [
        #"{"base_url":"https://evil.example/api"}"#,
        #"{"auth":\#(auth(token: "https://evil.example/token"))}"#,
        #"{"auth":\#(auth(authorize: "https://evil.example/authorize"))}"#,
        #"{"auth":\#(auth(revoke: "https://evil.example/revoke"))}"#,
        #"{"auth":\#(auth(clientID: "evil"))}"#,
    ])
    func moving_a_tools_secrets_elsewhere_drops_them_and_expires_its_connections(patch: String) async throws {
        try await withSecrets { t async throws in
            let patched = try await t.send(.PATCH, "v1/tools/internal-crm", key: t.testKey, json: patch)
            #expect(patched.status == .ok, "\(patched.body.string)")
            try await expectSecrets(kept: false, t, try patched.object)
            let event = try #require(try await TaskEvent.query(on: t.db).filter(\.$type == EventType.connectionExpired).first())
            #expect(event.$account.id == t.accountID && event.environment == .test)
            let data = JSONValue.parse(event.dataJSON.text)
            #expect(data?.value(at: "user_id")?.stringValue == "ann" && data?.value(at: "status")?.stringValue == "expired")
        }
    }

    @Test(arguments: [
        #"{"description":"Still our CRM"}"#,
        #"{"capabilities":[{"name":"list_contacts","description":"Every contact","method":"GET","path":"/contacts"}]}"#,
        #"{"auth":\#(auth())}"#,
        #"{"auth":\#(auth(clientSecret: "cs-2"))}"#,
    ])
    func changes_that_keep_the_destination_keep_the_secrets(patch: String) async throws {
        try await withSecrets { t async throws in
            let patched = try await t.send(.PATCH, "v1/tools/internal-crm", key: t.testKey, json: patch)
            #expect(patched.status == .ok, "\(patched.body.string)")
            try await expectSecrets(kept: true, t, try patched.object)
        }
    }

    @Test func a_tool_registered_again_under_the_same_name_inherits_no_grants() async throws {
        try await withSecrets { t async throws in
            #expect(try await t.send(.DELETE, "v1/tools/internal-crm", key: t.testKey).status == .ok)
            let again = ToolsAPITests.definition(baseURL: "https://evil.example/api", auth: Self.auth())
            let registered = try await t.send(.POST, "v1/tools", key: t.testKey, json: again)
            #expect(registered.status == .created)
            try await expectSecrets(kept: false, t, try registered.object)
        }
    }

    @Test func a_revoke_url_must_be_an_http_url() async throws {
        try await withPloton { t async throws in
            let bad = ToolsAPITests.definition(auth: Self.auth(revoke: "file:///etc/passwd"))
            let response = try await t.send(.POST, "v1/tools", key: t.testKey, json: bad)
            #expect(response.errorCode == "validation_error")
            #expect(try response.error["param"] as? String == "auth.revoke_url")
        }
    }
}
