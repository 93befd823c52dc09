import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// Managed OAuth with live keys against a real (local) OAuth 2.0 authorisation server: PKCE,
/// Basic client authentication, refresh before expiry and on 401 exactly once, rotation,
/// revocation, and the failures that must not store anything.
@Suite(.serialized) struct OAuthLiveTests {
    static let listDeals = #"{"prompt":"List all deals","tool":"crm","user_id":"u1"}"#

    func withProvider(_ body: (TestApp, FakeOAuthProvider) async throws -> Void) async throws {
        let provider = try await FakeOAuthProvider.start()
        do {
            try await withPloton({ config in
                config.allowPrivateNetwork = true
                let base = provider.baseURL
                config.toolOverrides["crm"] = [
                    "base_url": base, "authorize_url": base + "/authorize", "token_url": base + "/token", "revoke_url": base + "/revoke",
                ]
                config.oauthClients = [
                    "PLOTON_HUBSPOT_CLIENT_ID": .init(FakeOAuthProvider.clientID),
                    "PLOTON_HUBSPOT_CLIENT_SECRET": .init(FakeOAuthProvider.clientSecret),
                ]
            }) { t async throws in try await body(t, provider) }
        } catch {
            try await provider.stop()
            throw error
        }
        try await provider.stop()
    }

    /// The end user at a real provider: Ploton's start page, the provider's authorize endpoint, back.
    func providerRedirect(_ t: TestApp, authURL: String) async throws -> String {
        let start = try await t.send(.GET, try TestApp.local(authURL))
        #expect(start.status == .seeOther)
        let authorize = try #require(start.headers.first(name: .location))
        let page = try await Browser.get(authorize)
        #expect(page.status == 302)
        return try TestApp.local(try #require(page.location))
    }

    func connect(_ t: TestApp, user: String = "u1") async throws {
        let response = try await t.send(
            .POST, "v1/connections/authorize", key: t.liveKey, json: #"{"user_id":"\#(user)","tool":"crm"}"#)
        let callback = try await t.send(
            .GET, try await providerRedirect(t, authURL: try #require(try response.object["auth_url"] as? String)))
        #expect(callback.status == .ok, "\(callback.body.string)")
    }

    func run(_ t: TestApp, _ json: String = listDeals) async throws -> [String: Any] {
        let id = try await t.createTask(json, key: t.liveKey)
        try await t.drain()
        return try await t.task(id, key: t.liveKey)
    }

    func recoveries(_ t: TestApp, _ task: [String: Any]) async throws -> [[String: Any]] {
        let trace = try await t.send(.GET, "v1/tasks/\(task["id"] as? String ?? "")/trace", key: t.liveKey).object
        return ((trace["steps"] as? [[String: Any]])?.first?["recoveries"] as? [[String: Any]]) ?? []
    }

    @Test func consent_at_a_real_provider_with_pkce_then_the_task_runs_with_the_users_token() async throws {
        try await withProvider { t, provider in
            let id = try await t.createTask(Self.listDeals, key: t.liveKey)
            try await t.drain()
            let waiting = try #require(try await t.task(id, key: t.liveKey)["waiting"] as? [String: Any])
            #expect(waiting["reason"] as? String == "oauth_consent_required")
            let back = try await providerRedirect(t, authURL: try #require(waiting["auth_url"] as? String))
            let request = try #require(provider.authorizeRequests.last)
            #expect(request["client_id"] == FakeOAuthProvider.clientID && request["response_type"] == "code")
            #expect(request["redirect_uri"] == "http://localhost:8080/oauth/callback/crm")
            #expect(request["code_challenge_method"] == "S256" && request["code_challenge"]?.count == 43)
            #expect(request["scope"]?.split(separator: " ").contains("crm.objects.deals.read") == true)
            #expect((request["state"]?.count ?? 0) >= 32)

            #expect(try await t.send(.GET, back).status == .ok)
            try await t.drain()
            let task = try await t.task(id, key: t.liveKey)
            #expect(task["status"] as? String == "complete", "\(task)")
            #expect(((task["result"] as? [[String: Any]])?.first?["properties"] as? [String: Any])?["dealname"] as? String == "Live deal")
            let connection = try #require(try await Connection.query(on: t.db).first())
            #expect(connection.environment == .live && connection.scopes.contains("crm.objects.deals.read"))
        }
    }

    @Test func a_code_sent_back_with_another_attempts_state_fails_pkce_and_stores_nothing() async throws {
        try await withProvider { t, provider in
            func authURL() async throws -> String {
                let response = try await t.send(.POST, "v1/connections/authorize", key: t.liveKey, json: #"{"user_id":"u1","tool":"crm"}"#)
                return try #require(try response.object["auth_url"] as? String)
            }
            let victim = try await providerRedirect(t, authURL: try await authURL())
            let attacker = try await providerRedirect(t, authURL: try await authURL())
            let code = try #require(URLComponents(string: "http://x/" + victim)?.queryItems?.first { $0.name == "code" }?.value)
            let state = try #require(URLComponents(string: "http://x/" + attacker)?.queryItems?.first { $0.name == "state" }?.value)
            let injected = try await t.send(.GET, "oauth/callback/crm?code=\(code)&state=\(state)")
            #expect(injected.status == .badGateway && injected.body.string.contains("Nothing was stored"))
            #expect(try await Connection.query(on: t.db).count() == 0)
        }
    }

    @Test func tokens_are_refreshed_before_expiry_with_rotation_and_a_default_lifetime() async throws {
        try await withProvider { t, provider in
            provider.configure {
                $0.initialLifetime = 30  // inside the refresh margin: the first use refreshes
                $0.refreshedLifetime = nil  // no expires_in: Ploton assumes an hour
            }
            try await connect(t)
            let first = try await run(t)
            #expect(first["status"] as? String == "complete", "\(first)")
            #expect(provider.refreshRequests == 1)
            #expect(try await recoveries(t, first).map { $0["type"] as? String } == ["token_refresh"])
            let connection = try #require(try await Connection.query(on: t.db).first())
            #expect(connection.expiresAt == t.clock.now.addingTimeInterval(TokenGrant.defaultLifetime))

            #expect(try await run(t)["status"] as? String == "complete")
            #expect(provider.refreshRequests == 1, "a fresh token is reused")
            // An hour later it is refreshed again, with the rotated refresh token (the old one is dead).
            t.clock.advance(by: 3600)
            #expect(try await run(t)["status"] as? String == "complete")
            #expect(provider.refreshRequests == 2)
        }
    }

    @Test func without_a_new_refresh_token_the_old_one_is_kept() async throws {
        try await withProvider { t, provider in
            provider.configure {
                $0.initialLifetime = 30
                $0.rotateRefreshTokens = false  // the refresh response carries no refresh_token
            }
            try await connect(t)
            let before = try #require(try await Connection.query(on: t.db).first()?.sealedRefreshToken)
            #expect(try await run(t)["status"] as? String == "complete")
            #expect(try await Connection.query(on: t.db).first()?.sealedRefreshToken == before)
            t.clock.advance(by: 3600)
            #expect(try await run(t)["status"] as? String == "complete", "the kept refresh token still works")
            #expect(provider.refreshRequests == 2)
        }
    }

    @Test func a_refused_token_is_refreshed_once_and_the_call_retried() async throws {
        try await withProvider { t, provider in
            try await connect(t)
            provider.invalidateAccessTokens()
            let task = try await run(t)
            #expect(task["status"] as? String == "complete", "\(task)")
            #expect(provider.refreshRequests == 1)
            let recovery = try #require(try await recoveries(t, task).first)
            #expect(recovery["type"] as? String == "token_refresh" && recovery["reason"] as? String == "auth_failed")
        }
    }

    @Test func many_concurrent_tasks_refresh_a_connection_exactly_once() async throws {
        try await withProvider { t, provider in
            provider.configure { $0.initialLifetime = 30 }
            try await connect(t)
            var ids: [String] = []
            for _ in 0..<8 { ids.append(try await t.createTask(Self.listDeals, key: t.liveKey)) }
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<4 { group.addTask { try await t.worker(id: "wrk_\(index)").runOnce() } }
                try await group.waitForAll()
            }
            for id in ids { #expect(try await t.task(id, key: t.liveKey)["status"] as? String == "complete") }
            #expect(provider.refreshRequests == 1)
        }
    }

    @Test func a_failed_refresh_expires_the_connection_and_fails_the_task_recoverably() async throws {
        try await withProvider { t, provider in
            provider.configure {
                $0.initialLifetime = 30
                $0.refuseRefresh = true
            }
            try await connect(t)
            let task = try await run(t)
            let error = try #require(task["error"] as? [String: Any])
            #expect(error["code"] as? String == "auth_token_expired" && error["recoverable"] as? Bool == true)
            #expect((error["suggestion"] as? String)?.contains("re-authorise") == true)
            #expect(try await Connection.query(on: t.db).first()?.status == .expired)
            let expired = try #require(try await TaskEvent.query(on: t.db).filter(\.$type == EventType.connectionExpired).first())
            #expect(expired.taskID == task["id"] as? String)
        }
    }

    @Test func deleting_a_connection_revokes_it_at_the_provider() async throws {
        try await withProvider { t, provider in
            try await connect(t)
            let connection = try #require(try await Connection.query(on: t.db).first())
            let refresh = try ConnectionVault(database: t.db, services: t.app.ploton)
                .open(connection.sealedRefreshToken, of: connection, purpose: "refresh_token")
            let response = try await t.send(.DELETE, "v1/connections/\(connection.id!)", key: t.liveKey)
            #expect(try (response.object["revocation"] as? [String: Any])?["provider"] as? String == "succeeded")
            #expect(provider.revocations == [refresh])
            provider.configure { $0.initialLifetime = 30 }
            let task = try await run(t)
            #expect((task["waiting"] as? [String: Any])?["reason"] as? String == "oauth_consent_required")
        }
    }
}
