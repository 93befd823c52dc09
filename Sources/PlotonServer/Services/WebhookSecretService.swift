import Fluent
import Foundation
import PlotonCore

/// The sealed webhook signing secret of each environment.
struct WebhookSecretService {
    let database: any Database
    let secretBox: SecretBox
    let now: Date

    func create(accountID: String, environment: PlotonEnvironment) async throws -> WebhookSecret {
        let secret = WebhookSecret.generate()
        let sealed = try secretBox.seal(
            secret.value, associatedData: WebhookSigningSecret.associatedData(accountID: accountID, environment: environment))
        try await WebhookSigningSecret(accountID: accountID, environment: environment, sealedSecret: sealed, now: now)
            .create(on: database)
        return secret
    }

    func current(accountID: String, environment: PlotonEnvironment) async throws -> WebhookSecret? {
        guard
            let record = try await WebhookSigningSecret.query(on: database)
                .filter(\.$account.$id == accountID).filter(\.$environment == environment.rawValue).first()
        else { return nil }
        let plaintext = try secretBox.open(
            record.sealedSecret, associatedData: WebhookSigningSecret.associatedData(accountID: accountID, environment: environment))
        return WebhookSecret(parsing: plaintext)
    }
}
