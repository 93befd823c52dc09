import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import SQLKit
import Testing
import VaporTesting

@testable import PlotonServer

/// The keys a process verified lately answer without a key read, for at most
/// `VerifiedKeyCache.recheckAfter`; a revoke or roll in this process applies at once.
@Suite struct VerifiedKeyCacheTests {
    private func key(_ id: String, expiresAt: Date? = nil) -> VerifiedKeyCache.VerifiedKey {
        .init(principal: APIPrincipal(keyID: id, accountID: "acct_1", environment: .test), expiresAt: expiresAt)
    }

    @Test func a_verified_key_is_read_again_only_after_a_change_in_this_process() async throws {
        let cache = VerifiedKeyCache(recheckAfter: .seconds(3600))
        var reads = 0
        let now = Date()
        let read = { () -> VerifiedKeyCache.VerifiedKey in
            reads += 1
            return self.key("key_1")
        }
        #expect(try await cache.verified(digest: "d1", now: now, verify: read).principal.keyID == "key_1")
        #expect(try await cache.verified(digest: "d1", now: now, verify: read).principal.keyID == "key_1")
        #expect(reads == 1)
        cache.keysChanged()
        _ = try await cache.verified(digest: "d1", now: now, verify: read)
        #expect(reads == 2)
    }

    @Test func a_refused_key_is_not_kept() async throws {
        let cache = VerifiedKeyCache()
        var reads = 0
        for _ in 0..<2 {
            do {
                _ = try await cache.verified(digest: "d1", now: Date()) {
                    reads += 1
                    throw KeyError.invalidKey
                }
                Issue.record("a refused key was let through")
            } catch {
                #expect(error as? KeyError == .invalidKey)
            }
        }
        #expect(reads == 2)
    }

    @Test func a_kept_key_past_its_expiry_is_refused() async throws {
        let cache = VerifiedKeyCache(recheckAfter: .seconds(3600))
        let now = Date()
        _ = try await cache.verified(digest: "d1", now: now) { self.key("key_1", expiresAt: now.addingTimeInterval(60)) }
        await #expect(throws: KeyError.invalidKey) {
            try await cache.verified(digest: "d1", now: now.addingTimeInterval(60)) {
                Issue.record("read again"); return self.key("x")
            }
        }
    }

    @Test func a_full_cache_drops_entries_instead_of_growing() async throws {
        let cache = VerifiedKeyCache(maxEntries: 2, recheckAfter: .seconds(3600))
        for index in 0..<5 {
            _ = try await cache.verified(digest: "d\(index)", now: Date()) { self.key("key_\(index)") }
        }
        var reads = 0
        _ = try await cache.verified(digest: "d0", now: Date()) {
            reads += 1
            return self.key("key_0")
        }
        #expect(reads == 1, "the oldest keys were dropped to stay within the bound")
    }

    @Test func a_key_revoked_by_ploton_keys_in_this_process_stops_at_once() async throws {
        try await withPloton { t async throws in
            let created = try await KeyAdministration(app: t.app).create(account: Account.defaultName, name: "cli", environment: .test)
            let secret = try #require(created.secret)
            #expect(try await t.send(.GET, "v1/tasks", key: secret).status == .ok)
            _ = try await KeyAdministration(app: t.app).revoke(account: Account.defaultName, id: created.id)
            #expect(try await t.send(.GET, "v1/tasks", key: secret).errorCode == "invalid_api_key")
        }
    }

    @Test func a_key_revoked_in_the_database_by_another_process_stops_within_the_bound() async throws {
        try await withPloton { t async throws in
            let created = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: #"{"name":"elsewhere","environment":"test"}"#)
                .object
            let secret = try #require(created["secret"] as? String)
            let id = try #require(created["id"] as? String)
            #expect(try await t.send(.GET, "v1/tasks", key: secret).status == .ok)
            // What another process's revoke writes: this process is not told.
            let sql = try #require(t.db as? any SQLDatabase)
            try await sql.update(APIKey.schema).set("revoked_at", to: SQLBind(t.clock.now)).where("id", .equal, SQLBind(id)).run()
            try await eventually("the key revoked elsewhere is refused", timeout: .seconds(30)) {
                try await t.send(.GET, "v1/tasks", key: secret).status == .unauthorized
            }
            #expect(try await t.send(.GET, "v1/tasks", key: secret).errorCode == "invalid_api_key")
        }
    }
}
