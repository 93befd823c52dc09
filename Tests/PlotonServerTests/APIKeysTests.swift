import Fluent
import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

@Suite struct APIKeysTests {
    @Test func creating_a_key_shows_its_secret_once_and_stores_only_its_hash() async throws {
        try await withPloton { t async throws in
            let response = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: #"{"name":"CI","environment":"test"}"#)
            #expect(response.status == .created)
            let key = try response.object
            let secret = try #require(key["secret"] as? String)
            #expect(APIKeySecret(parsing: secret)?.environment == .test)
            #expect(key["object"] as? String == "api_key")
            #expect(key["name"] as? String == "CI")
            #expect(key["environment"] as? String == "test")
            #expect(key["status"] as? String == "active")
            #expect(key["prefix"] as? String == String(secret.prefix(12)))
            #expect(key["last4"] as? String == String(secret.suffix(4)))
            #expect(key["created_at"] as? String == ISO8601DateFormatter().string(from: t.clock.now))
            #expect(key["last_used_at"] is NSNull)
            #expect(key["expires_at"] is NSNull)
            let id = try #require(key["id"] as? String)
            #expect(id.hasPrefix("key_"))

            let stored = try #require(try await APIKey.find(id, on: t.db))
            #expect(stored.secretHash == SecretDigest.sha256Hex(secret))
            #expect(stored.secretHash != secret)

            let shown = try await t.send(.GET, "v1/api_keys/\(id)", key: t.liveKey).object
            #expect(shown["secret"] == nil)
            #expect(shown["id"] as? String == id)

            let used = try await t.send(.GET, "v1/api_keys", key: secret)
            #expect(used.status == .forbidden)  // a test key, but it authenticated
            #expect(try await APIKey.find(id, on: t.db)?.lastUsedAt != nil)
        }
    }

    @Test func key_management_needs_a_live_key() async throws {
        try await withPloton { t async throws in
            for (method, path) in [(HTTPMethod.GET, "v1/api_keys"), (.POST, "v1/api_keys"), (.DELETE, "v1/api_keys/key_x")] {
                let response = try await t.send(method, path, key: t.testKey, json: #"{"name":"x","environment":"live"}"#)
                #expect(response.status == .forbidden)
                #expect(response.errorCode == "forbidden")
            }
            #expect(try await APIKey.query(on: t.db).count() == 2)
        }
    }

    @Test func listing_is_paginated_newest_first_and_filters_by_environment() async throws {
        try await withPloton { t async throws in
            for index in 0..<3 {
                t.clock.advance(by: 1)
                try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: #"{"name":"k\#(index)","environment":"live"}"#)
            }
            let first = try await t.send(.GET, "v1/api_keys?limit=2", key: t.liveKey).object
            #expect(first["object"] as? String == "list")
            #expect(first["has_more"] as? Bool == true)
            let names = (first["data"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names == ["k2", "k1"])

            let rest = try await t.send(.GET, "v1/api_keys?limit=2&offset=3", key: t.liveKey).object  // 3 + 2 from first run
            #expect((rest["data"] as? [Any])?.count == 2)
            #expect(rest["has_more"] as? Bool == false)

            let tests = try await t.send(.GET, "v1/api_keys?environment=test", key: t.liveKey).object
            #expect((tests["data"] as? [[String: Any]])?.map { $0["environment"] as? String } == ["test"])
        }
    }

    @Test(arguments: ["limit=0", "limit=101", "limit=abc", "offset=-1", "offset=x", "environment=prod"])
    func bad_list_parameters_are_validation_errors(query: String) async throws {
        try await withPloton { t async throws in
            let response = try await t.send(.GET, "v1/api_keys?\(query)", key: t.liveKey)
            #expect(response.status == .unprocessableEntity)
            #expect(response.errorCode == "validation_error")
            #expect(try response.error["param"] as? String == String(query.prefix { $0 != "=" }))
        }
    }

    @Test func revocation_is_immediate() async throws {
        try await withPloton { t async throws in
            let created = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: #"{"name":"temp","environment":"live"}"#).object
            let id = try #require(created["id"] as? String)
            let secret = try #require(created["secret"] as? String)
            #expect(try await t.send(.GET, "v1/api_keys", key: secret).status == .ok)

            let revoked = try await t.send(.DELETE, "v1/api_keys/\(id)", key: t.liveKey)
            #expect(revoked.status == .ok)
            #expect(try revoked.object["status"] as? String == "revoked")

            let refused = try await t.send(.GET, "v1/api_keys", key: secret)
            #expect(refused.status == .unauthorized)
            #expect(refused.errorCode == "invalid_api_key")
            #expect(try await APIKey.find(id, on: t.db)?.revokedAt != nil)
        }
    }

    @Test func rolling_issues_a_new_secret_and_keeps_the_old_one_for_the_overlap() async throws {
        try await withPloton { t async throws in
            let created = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: #"{"name":"svc","environment":"live"}"#).object
            let oldID = try #require(created["id"] as? String)
            let oldSecret = try #require(created["secret"] as? String)

            let rolled = try await t.send(.POST, "v1/api_keys/\(oldID)/roll", key: t.liveKey, json: #"{"expires_in":3600}"#)
            #expect(rolled.status == .created)
            let new = try rolled.object
            let newSecret = try #require(new["secret"] as? String)
            #expect(new["id"] as? String != oldID)
            #expect(new["name"] as? String == "svc")
            #expect(newSecret != oldSecret)

            let old = try await t.send(.GET, "v1/api_keys/\(oldID)", key: newSecret).object
            #expect(old["expires_at"] as? String == ISO8601DateFormatter().string(from: t.clock.now.addingTimeInterval(3600)))
            #expect(old["status"] as? String == "active")
            #expect(try await t.send(.GET, "v1/api_keys", key: oldSecret).status == .ok)

            t.clock.advance(by: 3600)
            #expect(try await t.send(.GET, "v1/api_keys", key: oldSecret).errorCode == "invalid_api_key")
            #expect(try await t.send(.GET, "v1/api_keys/\(oldID)", key: newSecret).object["status"] as? String == "expired")
        }
    }

    @Test func only_active_keys_can_be_rolled() async throws {
        try await withPloton { t async throws in
            let created = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: #"{"name":"gone","environment":"test"}"#).object
            let id = try #require(created["id"] as? String)
            try await t.send(.DELETE, "v1/api_keys/\(id)", key: t.liveKey)
            let response = try await t.send(.POST, "v1/api_keys/\(id)/roll", key: t.liveKey)
            #expect(response.status == .conflict)
            #expect(response.errorCode == "api_key_inactive")
            #expect(try await APIKey.query(on: t.db).filter(\.$name == "gone").count() == 1)
        }
    }

    @Test func rolling_with_no_overlap_ends_the_old_secret_now() async throws {
        try await withPloton { t async throws in
            let keys = try await APIKey.query(on: t.db).filter(\.$environment == .live).all()
            let id = try #require(keys.first?.id)
            let rolled = try await t.send(.POST, "v1/api_keys/\(id)/roll", key: t.liveKey)
            #expect(rolled.status == .created)
            #expect(try await t.send(.GET, "v1/api_keys", key: t.liveKey).errorCode == "invalid_api_key")
            let newSecret = try #require(try rolled.object["secret"] as? String)
            #expect(try await t.send(.GET, "v1/api_keys", key: newSecret).status == .ok)
        }
    }

    @Test func bad_input_is_refused_and_changes_nothing() async throws {
        try await withPloton { t async throws in
            let cases: [(String, HTTPStatus, String, String?)] = [
                (#"{"environment":"test"}"#, .badRequest, "invalid_request", "name"),
                (#"{"name":"x"}"#, .badRequest, "invalid_request", "environment"),
                (#"{"name":null,"environment":"test"}"#, .badRequest, "invalid_request", "name"),
                (#"{"name":"x","environment":"staging"}"#, .unprocessableEntity, "validation_error", "environment"),
                (#"{"name":42,"environment":"test"}"#, .unprocessableEntity, "validation_error", "name"),
                (#"{"name":"  ","environment":"test"}"#, .unprocessableEntity, "validation_error", "name"),
                (#"{"name":"bell\u0007","environment":"test"}"#, .unprocessableEntity, "validation_error", "name"),
                (
                    #"{"name":"\#(String(repeating: "n", count: 101))","environment":"test"}"#, .unprocessableEntity, "validation_error",
                    "name"
                ),
                (#"{"Name":"x","environment":"test"}"#, .badRequest, "invalid_request", "Name"),
                (#"{"name":"x","environment":"test""#, .badRequest, "invalid_request", nil),
                (#"["name"]"#, .badRequest, "invalid_request", nil),
                ("", .badRequest, "invalid_request", "name"),
            ]
            for (body, status, code, param) in cases {
                let response = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: body)
                #expect(response.status == status, "\(body)")
                #expect(response.errorCode == code, "\(body)")
                #expect(try response.error["param"] as? String == param, "\(body)")
            }
            let roll = try await t.send(.POST, "v1/api_keys/key_nope/roll", key: t.liveKey, json: #"{"expires_in":-1}"#)
            #expect(roll.errorCode == "validation_error")
            let keys = try await APIKey.query(on: t.db).all()
            let live = try #require(keys.first { $0.environment == .live }?.id)
            for value in ["-1", "1.5", "\"60\"", "2592001"] {
                let response = try await t.send(.POST, "v1/api_keys/\(live)/roll", key: t.liveKey, json: #"{"expires_in":\#(value)}"#)
                #expect(response.errorCode == "validation_error", "\(value)")
            }
            #expect(try await APIKey.query(on: t.db).count() == 2)
            #expect(try await APIKey.query(on: t.db).filter(\.$expiresAt != nil).count() == 0)
        }
    }

    @Test func unknown_and_foreign_keys_are_not_found() async throws {
        try await withPloton { t async throws in
            let other = Account(name: "other", createdAt: t.clock.now)
            try await other.create(on: t.db)
            let (foreign, _) = try await APIKeyService(database: t.db, now: t.clock.now)
                .create(accountID: try other.requireID(), name: "theirs", environment: .live)
            for path in ["v1/api_keys/key_doesnotexist", "v1/api_keys/\(try foreign.requireID())"] {
                let response = try await t.send(.GET, path, key: t.liveKey)
                #expect(response.status == .notFound)
                #expect(response.errorCode == "not_found")
            }
            #expect(try await t.send(.DELETE, "v1/api_keys/\(try foreign.requireID())", key: t.liveKey).status == .notFound)
            #expect(try await APIKey.find(foreign.id, on: t.db)?.revokedAt == nil)
        }
    }
}
