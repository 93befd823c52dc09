import Fluent
import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

@Suite struct AuthenticationTests {
    @Test func a_request_without_a_key_is_missing_api_key() async throws {
        try await withPloton { t async throws in
            for headers: HTTPHeaders in [[:], ["Authorization": ""], ["Authorization": "   "]] {
                let response = try await t.send(.GET, "v1/api_keys", headers: headers)
                #expect(response.status == .unauthorized)
                #expect(response.errorCode == "missing_api_key")
                #expect(response.headers.first(name: .wwwAuthenticate)?.hasPrefix("Bearer") == true)
            }
        }
    }

    @Test func malformed_unknown_and_wrong_scheme_keys_are_invalid_api_key() async throws {
        try await withPloton { t async throws in
            let valid = t.liveKey
            var flipped = Array(valid)
            flipped[10] = flipped[10] == "a" ? "b" : "a"  // breaks the checksum
            let unknown = APIKeySecret.generate(environment: .live).value  // well formed, never issued
            let candidates = [
                "Bearer \(String(flipped))", "Bearer \(unknown)", "Bearer pk_live_short", "Bearer sk_live_x",
                "Basic \(valid)", "Bearer \(valid.dropLast())", "Bearer \(valid)x",
                // Foundation's `.whitespaces` holds U+200B (zero-width space): the key with one is not the key.
                "Bearer \u{200B}\(valid)", "Bearer \(valid)\u{200B}", "\u{200B}Bearer \(valid)", "Bearer \u{200B} \(valid)",
            ]
            for header in candidates {
                let response = try await t.send(.GET, "v1/api_keys", headers: ["Authorization": header])
                #expect(response.status == .unauthorized, "\(header)")
                #expect(response.errorCode == "invalid_api_key", "\(header)")
                #expect(!response.body.string.contains(valid), "the key must not be echoed")
            }
            #expect(try await t.send(.GET, "v1/api_keys", headers: ["Authorization": "bearer \(valid)"]).status == .ok)
        }
    }

    @Test func key_checksum_rejects_a_key_without_a_database_lookup() async throws {
        // The format check is pure: a corrupted key is refused by the parser before any query.
        let key = APIKeySecret.generate(environment: .test).value
        #expect(APIKeySecret(parsing: key) != nil)
        #expect(APIKeySecret(parsing: String(key.dropLast()) + (key.last == "0" ? "1" : "0")) == nil)
    }

    @Test func a_key_only_sees_its_own_account() async throws {
        try await withPloton { t async throws in
            let other = Account(name: "other", createdAt: t.clock.now)
            try await other.create(on: t.db)
            let (_, otherSecret) = try await APIKeyService(database: t.db, now: t.clock.now)
                .create(accountID: try other.requireID(), name: "theirs", environment: .live)
            let listed = try await t.send(.GET, "v1/api_keys", key: otherSecret.value).object
            let names = (listed["data"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names == ["theirs"])
        }
    }
}
