import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// Managed OAuth with test keys: tasks wait for consent, the end user approves on the sandbox
/// consent page, tokens go to the vault, the task resumes; and everything that must fail does.
@Suite struct OAuthSandboxTests {
    static let deals = "Pull all open deals from user_123's CRM account. Return deal name, amount, stage, and expected close date."

    func waiting(_ t: TestApp, _ id: String) async throws -> [String: Any] {
        let task = try await t.task(id)
        #expect(task["status"] as? String == "waiting", "\(task)")
        return try #require(task["waiting"] as? [String: Any])
    }

    @Test func a_task_waits_for_consent_and_resumes_by_itself_once_the_user_approves() async throws {
        try await withPloton { t async throws in
            let id = try await t.createTask(#"{"prompt":"\#(Self.deals)","metadata":{"order":"7"}}"#)
            try await t.drain()
            let waiting = try await waiting(t, id)
            #expect(waiting["reason"] as? String == "oauth_consent_required")
            #expect(waiting["service"] as? String == "crm")
            let url = try #require(waiting["auth_url"] as? String)
            #expect(url.hasPrefix("http://localhost:8080/auth/crm?session=sess_"))
            #expect((waiting["scopes"] as? [String])?.contains("crm.objects.deals.read") == true)
            #expect(waiting["expires_at"] is String)
            #expect(try await t.events(for: id).map(\.type.rawValue).contains("task.waiting"))

            let callback = try await t.consent(url)
            #expect(callback.status == .ok && callback.body.string.contains("Connected"))
            #expect(try await t.task(id)["status"] as? String == "running", "resumed on its own")
            try await t.drain()
            let task = try await t.task(id)
            #expect(task["status"] as? String == "complete", "\(task)")
            #expect((task["result"] as? [[String: Any]])?.isEmpty == false)

            let connections = try #require(
                try await t.send(.GET, "v1/connections?user_id=user_123", key: t.testKey).object["data"] as? [[String: Any]])
            let connection = try #require(connections.first)
            #expect(connections.count == 1 && connection["tool"] as? String == "crm" && connection["status"] as? String == "active")
            #expect((connection["id"] as? String)?.hasPrefix("conn_") == true && connection["expires_at"] is String)
            #expect(Set(connection.keys).isDisjoint(with: ["access_token", "refresh_token", "token"]))
            let created = try #require(try await TaskEvent.query(on: t.db).filter(\.$type == EventType.connectionCreated).first())
            #expect(created.taskID == id && created.metadataJSON.text.contains("order"))

            // Tokens are sealed: the vault holds no plaintext and the API never shows it.
            let stored = try #require(try await Connection.query(on: t.db).first())
            #expect(stored.sealedAccessToken?.hasPrefix("v1:") == true && stored.sealedRefreshToken?.hasPrefix("v1:") == true)
            let access = try #require(
                try ConnectionVault(database: t.db, services: t.app.ploton).open(
                    stored.sealedAccessToken, of: stored, purpose: "access_token"))
            #expect(access.hasPrefix("sbx_at_"))
            let trace = try await t.send(.GET, "v1/tasks/\(id)/trace", key: t.testKey)
            #expect(!trace.body.string.contains(access))
            // A second task for the same user needs no consent.
            let again = try await t.createTask(#"{"prompt":"\#(Self.deals)"}"#)
            try await t.drain()
            #expect(try await t.task(again)["status"] as? String == "complete")
        }
    }

    @Test func a_test_mode_preview_lists_the_authorisations_the_user_would_be_asked_for() async throws {
        try await withPloton { t async throws in
            func preview(_ prompt: String) async throws -> [[String: Any]] {
                let response = try await t.send(.POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"\#(prompt)","mode":"test"}"#)
                #expect(response.status == .ok)
                return try #require(try response.object["authorizations_required"] as? [[String: Any]])
            }
            let needed = try await preview(Self.deals)
            #expect(needed.count == 1 && needed.first?["tool"] as? String == "crm")
            #expect(needed.first?["reason"] as? String == "oauth_consent_required")
            #expect(needed.first?["scopes"] as? [String] == ["crm.objects.deals.read"])
            let invoice = "Post a summary of user_123's latest invoice to #engineering in their team chat."
            #expect(try await preview(invoice).compactMap { $0["tool"] as? String } == ["chat"], "payments uses an account key")
            try await t.connect("user_123", "crm")
            #expect(try await preview(Self.deals).isEmpty)
            #expect(try await AuthSession.query(on: t.db).count() == 1, "a preview creates no consent link")
            #expect(try await preview("List all deals in the CRM").first?["reason"] as? String == "user_id_required")
        }
    }

    @Test func denied_consent_fails_the_task_and_stores_nothing() async throws {
        try await withPloton { t async throws in
            let id = try await t.createTask(#"{"prompt":"\#(Self.deals)"}"#)
            try await t.drain()
            let page = try await t.consent(try #require(try await waiting(t, id)["auth_url"] as? String), approve: false)
            #expect(page.status == .ok && page.body.string.contains("Not connected"))
            let error = try #require(try await t.task(id)["error"] as? [String: Any])
            #expect(error["code"] as? String == "consent_declined" && error["recoverable"] as? Bool == true)
            #expect(try await Connection.query(on: t.db).count() == 0)
        }
    }

    @Test func state_is_single_use_expires_and_cannot_be_forged() async throws {
        try await withPloton { t async throws in
            let id = try await t.createTask(#"{"prompt":"\#(Self.deals)"}"#)
            try await t.drain()
            let url = try #require(try await waiting(t, id)["auth_url"] as? String)

            // A forged state, and a callback for another tool, are refused.
            #expect(try await t.send(.GET, "oauth/callback/crm?code=x&state=forged").status == .badRequest)

            // An attempt left for 31 minutes has expired.
            let start = try await t.send(.GET, try TestApp.local(url))
            let location = try #require(start.headers.first(name: .location))
            let authorize = try #require(URLComponents(string: location))
            let state = try #require(authorize.queryItems?.first { $0.name == "state" }?.value)
            t.clock.advance(by: 31 * 60)
            let late = try await t.send(.GET, "oauth/callback/crm?code=x&state=\(state)")
            #expect(late.status == .badRequest && late.body.string.contains("expired"))

            // Approve normally; then replaying the provider's redirect does nothing.
            let callback = try await t.consent(url)
            #expect(callback.status == .ok)
            let connections = try await Connection.query(on: t.db).all()
            #expect(connections.count == 1)
            let sessions = try await AuthSession.query(on: t.db).all()
            #expect(sessions.allSatisfy { $0.stateHash == nil })
            let reused = try await t.send(.GET, "auth/crm?session=\(try #require(sessions.first?.id))")
            #expect(reused.status == .gone, "a completed link cannot start again")
        }
    }

    @Test func a_replayed_callback_is_refused() async throws {
        try await withPloton { t async throws in
            let response = try await t.send(
                .POST, "v1/connections/authorize", key: t.testKey, json: #"{"user_id":"u1","tool":"chat"}"#)
            let url = try #require(try response.object["auth_url"] as? String)
            let start = try await t.send(.GET, try TestApp.local(url))
            let authorize = try #require(start.headers.first(name: .location))
            let query = try #require(URLComponents(string: authorize)?.queryItems)
            let form = (query.map { "\($0.name)=\(TestApp.formEncoded($0.value ?? ""))" } + ["decision=approve"]).joined(separator: "&")
            let decided = try await t.app.testing().sendRequest(
                .POST, "sandbox/oauth/chat/authorize", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: form))
            let back = try TestApp.local(try #require(decided.headers.first(name: .location)))
            #expect(try await t.send(.GET, back).status == .ok)
            let replay = try await t.send(.GET, back)
            #expect(replay.status == .badRequest && replay.body.string.contains("already used"))
            #expect(try await Connection.query(on: t.db).count() == 1)
        }
    }

    @Test func a_capability_needing_more_scopes_asks_only_for_the_missing_ones() async throws {
        try await withPloton { t async throws in
            let authorize = try await t.send(
                .POST, "v1/connections/authorize", key: t.testKey,
                json: #"{"user_id":"user_9","tool":"crm","scopes":["crm.objects.deals.read"]}"#)
            #expect(authorize.status == .created)
            #expect(try authorize.object["scopes"] as? [String] == ["crm.objects.deals.read"])
            try await t.consent(try #require(try authorize.object["auth_url"] as? String))
            let first = try #require(try await Connection.query(on: t.db).first())
            #expect(first.scopes == ["crm.objects.deals.read"])

            let id = try await t.createTask(#"{"prompt":"List all contacts","tool":"crm","user_id":"user_9"}"#)
            try await t.drain()
            let waiting = try await waiting(t, id)
            #expect(waiting["reason"] as? String == "additional_scopes_required")
            #expect(waiting["scopes"] as? [String] == ["crm.objects.contacts.read"])
            try await t.consent(try #require(waiting["auth_url"] as? String))
            try await t.drain()
            #expect(try await t.task(id)["status"] as? String == "complete")
            let connections = try await Connection.query(on: t.db).all()
            #expect(connections.count == 1 && connections.first?.id == first.id, "the same connection, updated")
            #expect(Set(connections.first?.scopes ?? []) == ["crm.objects.deals.read", "crm.objects.contacts.read"])
        }
    }

    @Test func scopes_other_users_needed_are_asked_for_up_front() async throws {
        try await withPloton { t async throws in
            try await t.connect("early", "crm")  // granted every crm scope
            let id = try await t.createTask(#"{"prompt":"List all deals","tool":"crm","user_id":"late"}"#)
            try await t.drain()
            let scopes = try #require(try await waiting(t, id)["scopes"] as? [String])
            #expect(scopes.first == "crm.objects.deals.read")
            #expect(Set(scopes).isSuperset(of: ["crm.objects.contacts.read", "crm.objects.deals.write"]))
            let memory = try await t.send(.GET, "v1/tools/crm/memory", key: t.testKey).object
            #expect(Set(memory["scopes_required"] as? [String] ?? []).isSuperset(of: scopes))
        }
    }

    @Test func connections_are_listed_shown_and_revoked_per_environment() async throws {
        try await withPloton { t async throws in
            try await t.connect("user_1", "crm")
            try await t.connect("user_2", "chat")
            let list = try #require(try await t.send(.GET, "v1/connections", key: t.testKey).object["data"] as? [[String: Any]])
            #expect(list.count == 2)
            let chat = try #require(try await t.send(.GET, "v1/connections?tool=chat", key: t.testKey).object["data"] as? [[String: Any]])
            #expect(chat.count == 1 && chat.first?["user_id"] as? String == "user_2")
            let id = try #require(chat.first?["id"] as? String)
            #expect(try await t.send(.GET, "v1/connections/\(id)", key: t.liveKey).status == .notFound, "another environment")
            #expect(try await t.send(.GET, "v1/connections?status=bogus", key: t.testKey).status == .unprocessableEntity)

            let revoked = try await t.send(.DELETE, "v1/connections/\(id)", key: t.testKey)
            #expect(revoked.status == .ok)
            let object = try revoked.object
            #expect(object["status"] as? String == "revoked" && object["revoked_at"] is String)
            #expect((object["revocation"] as? [String: Any])?["provider"] as? String == "succeeded")
            let row = try #require(try await Connection.find(id, on: t.db))
            #expect(row.sealedAccessToken == nil && row.sealedRefreshToken == nil, "tokens deleted at once")
            #expect(try await t.send(.GET, "v1/connections/\(id)", key: t.testKey).object["status"] as? String == "revoked")
            #expect(try await TaskEvent.query(on: t.db).filter(\.$type == EventType.connectionRevoked).count() == 1)

            // The next task for that user needs consent again.
            let task = try await t.createTask(#"{"prompt":"List channels","tool":"chat","user_id":"user_2"}"#)
            try await t.drain()
            #expect(try await waiting(t, task)["reason"] as? String == "oauth_consent_required")
        }
    }

    @Test func authorize_checks_its_input_and_honours_redirect_url() async throws {
        try await withPloton { t async throws in
            for (json, status, param) in [
                (#"{"tool":"crm"}"#, HTTPStatus.badRequest, "user_id"),
                (#"{"user_id":"u","tool":"weather"}"#, .unprocessableEntity, "tool"),
                (#"{"user_id":"u","tool":"crm","scopes":["admin"]}"#, .unprocessableEntity, "scopes"),
                (#"{"user_id":"u","tool":"crm","redirect_url":"javascript:alert(1)"}"#, .unprocessableEntity, "redirect_url"),
            ] {
                let response = try await t.send(.POST, "v1/connections/authorize", key: t.testKey, json: json)
                #expect(response.status == status && (try? response.error["param"] as? String) == param, "\(json)")
            }
            let response = try await t.send(
                .POST, "v1/connections/authorize", key: t.testKey,
                json: #"{"user_id":"u","tool":"crm","redirect_url":"https://agent.example/done?x=1"}"#)
            let back = try await t.consent(try #require(try response.object["auth_url"] as? String))
            #expect(back.status == .seeOther)
            let location = try #require(back.headers.first(name: .location))
            #expect(location.hasPrefix("https://agent.example/done?x=1&connection_id=conn_") && location.contains("status=connected"))
        }
    }

    @Test func a_task_without_an_end_user_fails_clearly() async throws {
        try await withPloton { t async throws in
            let id = try await t.createTask(#"{"prompt":"List all deals","tool":"crm"}"#)
            try await t.drain()
            let error = try #require(try await t.task(id)["error"] as? [String: Any])
            #expect(error["code"] as? String == "user_id_required" && (error["suggestion"] as? String)?.contains("user_id") == true)
        }
    }

    @Test func a_tampered_or_misplaced_token_is_never_used() async throws {
        try await withPloton { t async throws in
            try await t.connect("alice", "crm")
            try await t.connect("bob", "crm")
            let alice = try #require(try await Connection.query(on: t.db).filter(\.$userID == "alice").first())
            let bob = try #require(try await Connection.query(on: t.db).filter(\.$userID == "bob").first())
            bob.sealedAccessToken = alice.sealedAccessToken  // alice's token copied onto bob's row
            try await bob.update(on: t.db)
            let stolen = try await t.createTask(#"{"prompt":"List all deals","tool":"crm","user_id":"bob"}"#)
            try await t.drain()
            let error = try #require(try await t.task(stolen)["error"] as? [String: Any])
            #expect(error["code"] as? String == "auth_token_expired" && error["recoverable"] as? Bool == true)
            #expect(try await Connection.find(bob.id, on: t.db)?.status == .expired)

            var sealed = try #require(alice.sealedAccessToken)
            sealed.removeLast(2)
            alice.sealedAccessToken = sealed + "AA"
            try await alice.update(on: t.db)
            let tampered = try await t.createTask(#"{"prompt":"List all deals","tool":"crm","user_id":"alice"}"#)
            try await t.drain()
            #expect((try await t.task(tampered)["error"] as? [String: Any])?["code"] as? String == "auth_token_expired")
        }
    }

    @Test func the_settings_page_shows_one_users_connections_and_revokes_them() async throws {
        try await withPloton { t async throws in
            try await t.connect("user_1", "crm")
            try await t.connect("user_2", "crm")
            let link = try await t.send(.POST, "v1/users/user_1/settings_link", key: t.testKey, json: #"{"expires_in":600}"#)
            #expect(link.status == .created)
            let url = try #require(try link.object["url"] as? String)
            #expect(url.hasPrefix("http://localhost:8080/settings/"))
            let expiresAt = try #require(ISO8601DateFormatter().date(from: try link.object["expires_at"] as? String ?? ""))
            #expect(expiresAt.timeIntervalSince(t.clock.now) == 600)
            #expect(
                try await t.send(.POST, "v1/users/user_1/settings_link", key: t.testKey, json: #"{"expires_in":90000}"#).status
                    == .unprocessableEntity, "at most 24 hours")

            let path = try TestApp.local(url)
            let page = try await t.send(.GET, path)
            #expect(page.status == .ok && page.body.string.contains(">Revoke<") && page.body.string.contains("user_1"))
            let mine = try #require(try await Connection.query(on: t.db).filter(\.$userID == "user_1").first())
            let theirs = try #require(try await Connection.query(on: t.db).filter(\.$userID == "user_2").first())
            #expect(page.body.string.contains(mine.id!) && !page.body.string.contains(theirs.id!))

            func revoke(_ id: String, on path: String) async throws -> TestingHTTPResponse {
                try await t.app.testing().sendRequest(
                    .POST, path + "/revoke", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "connection_id=\(id)"))
            }
            #expect(try await revoke(theirs.id!, on: path).status == .notFound, "no other user's connection is reachable")
            #expect(try await Connection.find(theirs.id, on: t.db)?.status == .active)
            #expect(try await revoke(mine.id!, on: path).status == .seeOther)
            #expect(try await Connection.find(mine.id, on: t.db)?.status == .revoked)

            var forged = path
            forged.removeLast(3)
            #expect(try await t.send(.GET, forged + "abc").status == .notFound)
            t.clock.advance(by: 601)
            #expect(try await t.send(.GET, path).status == .notFound, "expired")
        }
    }

    @Test func rotating_the_key_ring_reencrypts_every_secret() async throws {
        try await withPloton { t async throws in
            try await t.connect("user_1", "crm")
            let old = t.app.ploton.secretBox.keyRing
            let newKey = KeyRing.Entry(id: "k2", key: .init(size: .bits256))
            t.app.ploton.secretBox = SecretBox(keyRing: try KeyRing(entries: [newKey] + old.entries))
            let report = try await EncryptionRotation(app: t.app).run()
            #expect(report.keyID == "k2" && report.reencrypted >= 4 && report.alreadyCurrent == 0)
            #expect(try await EncryptionRotation(app: t.app).run().reencrypted == 0)
            // The old key can go: everything still opens.
            t.app.ploton.secretBox = SecretBox(keyRing: try KeyRing(entries: [newKey]))
            #expect(try await t.send(.GET, "v1/webhook_secret", key: t.testKey).status == .ok)
            let id = try await t.createTask(#"{"prompt":"List all deals","tool":"crm","user_id":"user_1"}"#)
            try await t.drain()
            #expect(try await t.task(id)["status"] as? String == "complete")
        }
    }
}
