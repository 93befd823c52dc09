import Fluent
import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

/// The built-in `crm` tool with test keys: seeded per end user, stateful, isolated.
@Suite struct CRMSandboxTests {
    func deals(_ t: TestApp, user: String, key: String? = nil) async throws -> [[String: Any]] {
        let id = try await t.createTask(#"{"prompt":"List all deals","tool":"crm","user_id":"\#(user)"}"#, key: key)
        try await t.drainConsenting(key: key)
        let task = try await t.task(id, key: key)
        #expect(task["status"] as? String == "complete", "\(task)")
        return task["result"] as? [[String: Any]] ?? []
    }

    @Test func each_user_gets_a_deterministic_hubspot_shaped_seed() async throws {
        try await withPloton { t async throws in
            let first = try await deals(t, user: "user_123")
            #expect(first.count == 8)
            let properties = try #require(first.first?["properties"] as? [String: Any])
            for key in ["dealname", "amount", "dealstage", "closedate", "hs_is_closed"] { #expect(properties[key] is String, "\(key)") }
            #expect(first.first?["id"] as? String == "2001")
            let again = try await deals(t, user: "user_123")
            #expect(
                again.compactMap { ($0["properties"] as? [String: Any])?["dealname"] as? String }
                    == first.compactMap { ($0["properties"] as? [String: Any])?["dealname"] as? String })

            let renewal = try await t.createTask(#"{"prompt":"Search deals query: renewal","tool":"crm","user_id":"user_123"}"#)
            try await t.drainConsenting()
            let found = try #require(try await t.task(renewal)["result"] as? [[String: Any]])
            #expect(
                found.allSatisfy {
                    (($0["properties"] as? [String: Any])?["dealname"] as? String)?.lowercased().contains("renewal") == true
                })

            let contactsTask = try await t.createTask(#"{"prompt":"List contacts","tool":"crm","user_id":"user_123"}"#)
            try await t.drainConsenting()
            #expect((try await t.task(contactsTask)["result"] as? [Any])?.count == 12)
        }
    }

    @Test func a_created_deal_shows_up_in_the_next_list_for_that_user_only() async throws {
        try await withPloton { t async throws in
            let create = try await t.createTask(#"{"prompt":"Create a deal","tool":"crm","user_id":"user_123"}"#)
            try await t.drainConsenting()
            let waiting = try #require(try await t.task(create)["waiting"] as? [String: Any])
            #expect(((waiting["input_schema"] as? [String: Any])?["required"] as? [String]) == ["properties"])
            let answered = try await t.send(
                .POST, "v1/tasks/\(create)/input", key: t.testKey,
                json: #"{"input":{"properties":{"dealname":"Ploton pilot","amount":12000,"dealstage":"contractsent"}}}"#)
            #expect(answered.status == .ok)
            try await t.drainConsenting()
            let created = try #require(try await t.task(create)["result"] as? [String: Any])
            #expect(created["id"] as? String == "2009")
            #expect((created["properties"] as? [String: Any])?["amount"] as? String == "12000")

            let listed = try await deals(t, user: "user_123")
            #expect(listed.count == 9)
            #expect((listed.last?["properties"] as? [String: Any])?["dealname"] as? String == "Ploton pilot")
            #expect(try await deals(t, user: "user_456").count == 8, "other users do not see it")

            let update = try await t.createTask(#"{"prompt":"Update the deal id: 2009","tool":"crm","user_id":"user_123"}"#)
            try await t.drainConsenting()
            try await t.send(
                .POST, "v1/tasks/\(update)/input", key: t.testKey, json: #"{"input":{"properties":{"dealstage":"closedwon"}}}"#)
            try await t.drainConsenting()
            let updated = try #require(try await t.task(update)["result"] as? [String: Any])
            #expect((updated["properties"] as? [String: Any])?["hs_is_closed"] as? String == "true")
        }
    }

    @Test func sandboxes_are_isolated_between_accounts() async throws {
        try await withPloton { t async throws in
            _ = try await deals(t, user: "user_123")
            let other = Account(name: "other", createdAt: t.clock.now)
            try await other.create(on: t.db)
            let (_, secret) = try await APIKeyService(database: t.db, now: t.clock.now)
                .create(accountID: try other.requireID(), name: "theirs", environment: .test)
            let theirs = try await deals(t, user: "user_123", key: secret.value)
            #expect(theirs.count == 8)
            let rows = try await SandboxRecord.query(on: t.db).filter(\.$account.$id == other.requireID()).count()
            #expect(rows == 21, "their own seed: 12 contacts, 8 deals and the marker")
        }
    }

    @Test func live_crm_without_an_oauth_client_says_what_to_configure() async throws {
        try await withPloton { t async throws in
            let id = try await t.createTask(#"{"prompt":"List all deals","tool":"crm","user_id":"user_123"}"#, key: t.liveKey)
            try await t.drain()
            let error = try #require(try await t.task(id, key: t.liveKey)["error"] as? [String: Any])
            #expect(error["code"] as? String == "oauth_not_configured")
            #expect((error["suggestion"] as? String)?.contains("PLOTON_HUBSPOT_CLIENT_ID") == true)
            #expect(try await SandboxRecord.query(on: t.db).count() == 0, "live keys never touch the sandbox")
        }
    }
}
