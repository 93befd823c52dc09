import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import PlotonTestSupport
import SQLKit
import Testing
import VaporTesting

@testable import PlotonServer

/// A process trusts a key it read for `PLOTON_KEY_CACHE_MS` (`KeyCache`), so most requests skip
/// the key's statement; revocation stays immediate on every process because a revoke returns only
/// after that long, and the revoking process forgets the key at once.
@Suite struct KeyCacheTests {
    @Test func a_revoke_returns_only_once_no_process_can_still_trust_the_key() async throws {
        try await withPloton({ $0.keyCacheMilliseconds = 400 }) { t async throws in
            let created = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: #"{"name":"temp","environment":"live"}"#).object
            let id = try #require(created["id"] as? String)
            let secret = try #require(created["secret"] as? String)
            #expect(try await t.send(.GET, "v1/api_keys", key: secret).status == .ok)  // trusted from here on

            let started = ContinuousClock.now
            #expect(try await t.send(.DELETE, "v1/api_keys/\(id)", key: t.liveKey).status == .ok)
            // Another process's entry, read just before the revoke committed, has expired by now.
            #expect(ContinuousClock.now - started >= .milliseconds(400))
            #expect(try await t.send(.GET, "v1/api_keys", key: secret).errorCode == "invalid_api_key")
        }
    }

    @Test func a_rolled_keys_new_expiry_holds_though_the_key_was_trusted() async throws {
        try await withPloton({ $0.keyCacheMilliseconds = 5_000 }) { t async throws in
            let created = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: #"{"name":"svc","environment":"live"}"#).object
            let id = try #require(created["id"] as? String)
            let secret = try #require(created["secret"] as? String)
            #expect(try await t.send(.GET, "v1/api_keys", key: secret).status == .ok)
            // With a day of overlap the roll does not wait, and the old key still works.
            let rolled = try await t.send(.POST, "v1/api_keys/\(id)/roll", key: t.liveKey, json: #"{"expires_in":86400}"#).object
            let newSecret = try #require(rolled["secret"] as? String)
            #expect(try await t.send(.GET, "v1/api_keys", key: secret).status == .ok)
            // Its new expiry holds though the key was trusted a moment ago.
            t.clock.advance(by: 86400)
            #expect(try await t.send(.GET, "v1/api_keys", key: secret).errorCode == "invalid_api_key")
            #expect(try await t.send(.GET, "v1/api_keys", key: newSecret).status == .ok)
        }
    }

    /// What the lifetime bounds: a key changed behind the server's back (nothing in Ploton does
    /// that) is trusted until its entry's lifetime ends, and no longer.
    @Test func a_trusted_key_is_read_again_once_its_lifetime_ends() async throws {
        try await withPloton({ $0.keyCacheMilliseconds = 5_000 }) { t async throws in
            let sql = try #require(t.db as? any SQLDatabase)
            let created = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: #"{"name":"temp","environment":"live"}"#).object
            let id = try #require(created["id"] as? String)
            let secret = try #require(created["secret"] as? String)
            let read = ContinuousClock.now  // before the read that makes the key trusted
            #expect(try await t.send(.GET, "v1/api_keys", key: secret).status == .ok)

            try await sql.update(APIKey.schema).set("revoked_at", to: SQLBind(t.clock.now)).where("id", .equal, id).run()
            let trusted = try await t.send(.GET, "v1/api_keys", key: secret).status
            // Answered from the process's trusted keys, unless a starved machine took the whole lifetime to get here.
            if ContinuousClock.now - read < .seconds(5) { #expect(trusted == .ok) }
            try await eventually("the key is read again and refused", timeout: .seconds(30)) {
                try await t.send(.GET, "v1/api_keys", key: secret).status == .unauthorized
            }
        }
    }

    @Test func with_no_lifetime_every_request_reads_its_key() async throws {
        try await withPloton({ $0.keyCacheMilliseconds = 0 }) { t async throws in
            let sql = try #require(t.db as? any SQLDatabase)
            let created = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: #"{"name":"temp","environment":"live"}"#).object
            let id = try #require(created["id"] as? String)
            let secret = try #require(created["secret"] as? String)
            #expect(try await t.send(.GET, "v1/api_keys", key: secret).status == .ok)
            try await sql.update(APIKey.schema).set("revoked_at", to: SQLBind(t.clock.now)).where("id", .equal, id).run()
            #expect(try await t.send(.GET, "v1/api_keys", key: secret).errorCode == "invalid_api_key")
        }
    }

    @Test func the_cache_holds_hashes_not_keys_and_forgets_what_was_revoked_during_a_read() {
        let keys = KeyCache(lifetime: .seconds(60))
        let principal = APIPrincipal(keyID: "key_1", accountID: "acct_1", environment: .test)
        let now = Date(timeIntervalSince1970: 1_000)
        let read = keys.beginRead()
        keys.forget(keyID: "key_1")  // a revoke committed while the read was on its way
        keys.store(hash: "h1", principal: principal, expiresAt: nil, lastUsedAt: now, read: read)
        #expect(keys.use(hash: "h1", now: now, granularity: 60) == nil)

        keys.store(hash: "h1", principal: principal, expiresAt: now.addingTimeInterval(10), lastUsedAt: now, read: keys.beginRead())
        #expect(keys.use(hash: "h1", now: now, granularity: 60)?.principal.keyID == "key_1")
        #expect(keys.use(hash: "h1", now: now, granularity: 60)?.writesLastUsed == false)
        #expect(keys.use(hash: "h1", now: now.addingTimeInterval(9), granularity: 5)?.writesLastUsed == true)
        #expect(keys.use(hash: "h1", now: now.addingTimeInterval(9), granularity: 5)?.writesLastUsed == false, "one request writes it")
        #expect(keys.use(hash: "h1", now: now.addingTimeInterval(10), granularity: 60) == nil, "expired")
        keys.forget(keyID: "key_1")
        #expect(keys.use(hash: "h1", now: now, granularity: 60) == nil)
    }
}
