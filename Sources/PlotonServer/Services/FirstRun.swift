import Fluent
import Foundation
import PlotonCore

/// On a database with no account: creates account `default` with a test and a live key and both
/// webhook secrets, and returns them so the caller can show them once.
enum FirstRun {
    struct Credentials: Sendable {
        var accountID: String
        var testKey: APIKeySecret
        var liveKey: APIKeySecret
        var testWebhookSecret: WebhookSecret
        var liveWebhookSecret: WebhookSecret
        /// The one-time dashboard sign-in link.
        var signInURL: String

        /// The same, as one JSON object (`ploton serve --json`).
        var json: String {
            JSONValue.object([
                "object": .string("first_run"), "account_id": .string(accountID), "test_api_key": .string(testKey.value),
                "live_api_key": .string(liveKey.value), "test_webhook_secret": .string(testWebhookSecret.value),
                "live_webhook_secret": .string(liveWebhookSecret.value), "dashboard_sign_in_url": .string(signInURL),
            ]).jsonText + "\n"
        }

        /// The one-time banner. Printed to the terminal, never logged.
        var banner: String {
            """

            ================================================================================
             Ploton first run: created account "default".
             These secrets are shown ONCE. Store them now; only their hashes or ciphertexts
             are kept. Lost keys are replaced with `ploton keys create`.

               Test API key:         \(testKey.value)
               Live API key:         \(liveKey.value)
               Test webhook secret:  \(testWebhookSecret.value)
               Live webhook secret:  \(liveWebhookSecret.value)

             Dashboard sign-in (one time, valid 7 days):
               \(signInURL)
            ================================================================================

            """
        }
    }

    static let signInLinkLifetime: TimeInterval = 7 * 86_400

    static func runIfNeeded(
        database: any Database, secretBox: SecretBox, now: Date, publicURL: String = PlotonConfig().publicURL
    ) async throws -> Credentials? {
        guard try await Account.query(on: database).count() == 0 else { return nil }
        do {
            return try await database.writeTransaction { database in
                let account = Account(name: Account.defaultName, createdAt: now)
                try await account.create(on: database)
                let accountID = try account.requireID()
                let keys = APIKeyService(database: database, now: now)
                let secrets = WebhookSecretService(database: database, secretBox: secretBox, now: now)
                let signIn = Base62.random(count: 40)
                try await SignInLink(accountID: accountID, token: signIn, expiresAt: now.addingTimeInterval(signInLinkLifetime))
                    .create(on: database)
                return Credentials(
                    accountID: accountID,
                    testKey: try await keys.create(accountID: accountID, name: "Default test key", environment: .test).1,
                    liveKey: try await keys.create(accountID: accountID, name: "Default live key", environment: .live).1,
                    testWebhookSecret: try await secrets.create(accountID: accountID, environment: .test),
                    liveWebhookSecret: try await secrets.create(accountID: accountID, environment: .live),
                    signInURL: "\(publicURL)/dashboard/sign-in?token=\(signIn)")
            }
        } catch {
            // Another process created the account first (unique name); its banner is the one.
            if try await Account.query(on: database).count() > 0 { return nil }
            throw error
        }
    }
}
