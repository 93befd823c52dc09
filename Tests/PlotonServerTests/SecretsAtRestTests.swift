import Fluent
import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

@Suite struct SecretsAtRestTests {
    @Test func keys_are_stored_as_hashes_and_webhook_secrets_sealed_to_their_owner() async throws {
        try await withPloton { t async throws in
            let keys = try await APIKey.query(on: t.db).all()
            #expect(keys.count == 2)
            for key in keys {
                let secret = key.environment == .live ? t.firstRun.liveKey : t.firstRun.testKey
                #expect(key.secretHash == secret.sha256)
                #expect(![key.secretHash, key.prefix, key.last4, key.name].contains { $0.contains(secret.value.dropFirst(12)) })
            }

            let sealed = try await WebhookSigningSecret.query(on: t.db).all()
            #expect(sealed.count == 2)
            let box = t.app.ploton.secretBox
            for record in sealed {
                let environment = record.environment
                let expected = environment == .live ? t.firstRun.liveWebhookSecret : t.firstRun.testWebhookSecret
                #expect(!record.sealedSecret.contains(expected.value.dropFirst(6)))
                #expect(SecretBox.keyID(of: record.sealedSecret) == "test1")
                let own = WebhookSigningSecret.associatedData(accountID: t.accountID, environment: environment)
                #expect(try box.open(record.sealedSecret, associatedData: own) == expected.value)
                let other = WebhookSigningSecret.associatedData(accountID: t.accountID, environment: environment == .live ? .test : .live)
                #expect(throws: SecretBox.OpenError.authenticationFailed) { try box.open(record.sealedSecret, associatedData: other) }
            }
        }
    }

    @Test func idempotent_responses_carrying_secrets_are_replayed_but_never_stored_in_plain_text() async throws {
        try await withPloton { t async throws in
            func post(_ path: String, _ json: String, idempotencyKey: String) async throws -> (status: HTTPStatus, body: String) {
                let first = try await t.send(.POST, path, key: t.liveKey, json: json, headers: ["Idempotency-Key": idempotencyKey])
                let replay = try await t.send(.POST, path, key: t.liveKey, json: json, headers: ["Idempotency-Key": idempotencyKey])
                #expect(replay.headers.first(name: "Idempotent-Replayed") == "true")
                #expect(replay.status == first.status && replay.body.string == first.body.string)
                return (first.status, first.body.string)
            }
            func field(_ name: String, of body: String) throws -> String {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
                return try #require(object[name] as? String)
            }
            func secret(_ body: String) throws -> String { try field("secret", of: body) }
            let created = try await post("v1/api_keys", #"{"name":"scan-me","environment":"live"}"#, idempotencyKey: "scan-1")
            #expect(created.status == .created)
            let id = try field("id", of: created.body)
            let rolled = try await post("v1/api_keys/\(id)/roll", #"{"expires_in":60}"#, idempotencyKey: "scan-2")
            let webhook = try await post("v1/webhook_secret/roll", #"{"expires_in":60}"#, idempotencyKey: "scan-3")
            #expect(rolled.status == .created && webhook.status == .ok)
            #expect(try await IdempotencyRecord.query(on: t.db).count() == 3)

            let keys = [try secret(created.body), try secret(rolled.body), t.liveKey, t.testKey]
            let webhookSecrets = [try secret(webhook.body), t.firstRun.liveWebhookSecret.value, t.firstRun.testWebhookSecret.value]
            // A key's display prefix and last four are stored on purpose; the rest of it never is.
            let needles =
                keys + keys.map { String($0.dropFirst(12).dropLast(4)) } + webhookSecrets.map { String($0.dropFirst(6)) } + ["whsec_"]
            let stored = try await DatabaseText.all(in: t.db)
            #expect(stored.contains { $0.table == APIKey.schema && $0.text == "scan-me" }, "the scan reads stored text")
            for value in stored {
                for needle in needles where value.text.contains(needle) {
                    Issue.record("\(value.table).\(value.column) holds a secret in plain text")
                }
            }
        }
    }

    @Test func a_replay_survives_key_rotation_and_is_refused_cleanly_once_its_key_is_gone() async throws {
        try await withPloton { t async throws in
            let body = #"{"name":"rotated","environment":"live"}"#
            let headers: HTTPHeaders = ["Idempotency-Key": "rotate-1"]
            let first = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: body, headers: headers)
            let old = t.app.ploton.secretBox.keyRing
            let newKey = KeyRing.Entry(id: "k2", key: .init(size: .bits256))
            t.app.ploton.secretBox = SecretBox(keyRing: try KeyRing(entries: [newKey] + old.entries))
            #expect(try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: body, headers: headers).body.string == first.body.string)

            // Re-sealed under the new key, the replay outlives the old one.
            #expect(try await EncryptionRotation(app: t.app).run().reencrypted >= 1)
            let record = try #require(try await IdempotencyRecord.query(on: t.db).first())
            #expect(SecretBox.keyID(of: record.sealedResponseBody ?? "") == "k2")
            t.app.ploton.secretBox = SecretBox(keyRing: try KeyRing(entries: [newKey]))
            #expect(try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: body, headers: headers).body.string == first.body.string)

            // Without the key that sealed it, the request neither replays nor runs again.
            t.app.ploton.secretBox = SecretBox(keyRing: try KeyRing(entries: [KeyRing.Entry(id: "k3", key: .init(size: .bits256))]))
            let refused = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: body, headers: headers)
            #expect(refused.status == .conflict && refused.errorCode == "idempotency_conflict")
            #expect(try await APIKey.query(on: t.db).filter(\.$name == "rotated").count() == 1)
        }
    }

    @Test func a_sealed_replay_does_not_open_for_another_key_or_environment() async throws {
        try await withPloton { t async throws in
            try await t.send(
                .POST, "v1/api_keys", key: t.liveKey, json: #"{"name":"bound","environment":"test"}"#, headers: ["Idempotency-Key": "own"])
            let record = try #require(try await IdempotencyRecord.query(on: t.db).first())
            let sealed = try #require(record.sealedResponseBody)
            let box = t.app.ploton.secretBox
            #expect(throws: Never.self) { try box.openData(sealed, associatedData: record.associatedData) }
            for (environment, key) in [(PlotonEnvironment.test, "own"), (.live, "other")] {
                let moved = IdempotencyRecord(
                    accountID: t.accountID, environment: environment, key: key, fingerprint: "", now: t.clock.now, ttl: 1)
                #expect(throws: SecretBox.OpenError.authenticationFailed) { try box.openData(sealed, associatedData: moved.associatedData) }
            }
        }
    }

    @Test func first_run_happens_once() async throws {
        try await withPloton { t async throws in
            #expect(try await FirstRun.runIfNeeded(database: t.db, secretBox: t.app.ploton.secretBox, now: t.clock.now) == nil)
            #expect(try await Account.query(on: t.db).count() == 1)
            #expect(try await Account.query(on: t.db).first()?.name == "default")
        }
    }
}
