import Fluent
import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

@Suite struct WebhookSecretTests {
    @Test func each_environment_reads_its_own_secret() async throws {
        try await withPloton { t async throws in
            let test = try await t.send(.GET, "v1/webhook_secret", key: t.testKey)
            #expect(test.status == .ok)
            #expect(try test.object["object"] as? String == "webhook_secret")
            #expect(try test.object["secret"] as? String == t.firstRun.testWebhookSecret.value)
            #expect(try test.object["previous_expires_at"] is NSNull)
            #expect(
                try await t.send(.GET, "v1/webhook_secret", key: t.liveKey).object["secret"] as? String
                    == t.firstRun.liveWebhookSecret.value)
        }
    }

    @Test func concurrent_first_uses_agree_on_one_secret() async throws {
        try await withPloton { t async throws in
            try await WebhookSigningSecret.query(on: t.db).delete()
            let service = WebhookSecretService(database: t.db, secretBox: t.app.ploton.secretBox, now: t.clock.now)
            let accountID = t.accountID
            let secrets = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<8 { group.addTask { try await service.current(accountID: accountID, environment: .test).secret.value } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(secrets.count == 1)
            #expect(try await WebhookSigningSecret.query(on: t.db).count() == 1)
            #expect(try await t.send(.GET, "v1/webhook_secret", key: t.testKey).object["secret"] as? String == secrets.first)
        }
    }

    @Test func rolling_overlaps_then_expires_the_previous_secret() async throws {
        try await withPloton { t async throws in
            let rolled = try await t.send(.POST, "v1/webhook_secret/roll", key: t.testKey, json: #"{"expires_in":3600}"#)
            #expect(rolled.status == .ok)
            let secret = try #require(try rolled.object["secret"] as? String)
            #expect(secret.hasPrefix("whsec_") && secret != t.firstRun.testWebhookSecret.value)
            let expiry = ISO8601DateFormatter().string(from: t.clock.now.addingTimeInterval(3600))
            #expect(try rolled.object["previous_expires_at"] as? String == expiry)

            let shown = try await t.send(.GET, "v1/webhook_secret", key: t.testKey).object
            #expect(shown["secret"] as? String == secret)
            #expect(shown["previous_expires_at"] as? String == expiry)
            let record = try #require(try await WebhookSigningSecret.query(on: t.db).filter(\.$environment == .test).first())
            #expect(record.sealedPreviousSecret != nil)
            #expect(record.sealedPreviousSecret?.contains(t.firstRun.testWebhookSecret.value.dropFirst(6)) == false)

            t.clock.advance(by: 3601)
            #expect(try await t.send(.GET, "v1/webhook_secret", key: t.testKey).object["previous_expires_at"] is NSNull)
            // The live environment was not touched.
            #expect(
                try await t.send(.GET, "v1/webhook_secret", key: t.liveKey).object["secret"] as? String
                    == t.firstRun.liveWebhookSecret.value)

            let immediate = try await t.send(.POST, "v1/webhook_secret/roll", key: t.testKey, json: #"{"expires_in":0}"#)
            #expect(try immediate.object["previous_expires_at"] is NSNull)
        }
    }

    @Test(arguments: ["-1", "604801", "\"soon\"", "1.5"])
    func bad_overlaps_are_refused(value: String) async throws {
        try await withPloton { t async throws in
            let response = try await t.send(.POST, "v1/webhook_secret/roll", key: t.testKey, json: #"{"expires_in":\#(value)}"#)
            #expect(response.status == .unprocessableEntity)
            #expect(try response.error["param"] as? String == "expires_in")
            #expect(
                try await t.send(.GET, "v1/webhook_secret", key: t.testKey).object["secret"] as? String
                    == t.firstRun.testWebhookSecret.value)
        }
    }
}
