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
                let secret = key.environment == "live" ? t.firstRun.liveKey : t.firstRun.testKey
                #expect(key.secretHash == secret.sha256)
                #expect(![key.secretHash, key.prefix, key.last4, key.name].contains { $0.contains(secret.value.dropFirst(12)) })
            }

            let sealed = try await WebhookSigningSecret.query(on: t.db).all()
            #expect(sealed.count == 2)
            let box = t.app.ploton.secretBox
            for record in sealed {
                let environment = try #require(PlotonEnvironment(rawValue: record.environment))
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

    @Test func first_run_happens_once() async throws {
        try await withPloton { t async throws in
            #expect(try await FirstRun.runIfNeeded(database: t.db, secretBox: t.app.ploton.secretBox, now: t.clock.now) == nil)
            #expect(try await Account.query(on: t.db).count() == 1)
            #expect(try await Account.query(on: t.db).first()?.name == "default")
        }
    }
}
