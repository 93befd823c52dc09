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
        WebhookSigningCache.secretsChanged()
        return secret
    }

    static let maxOverlap = 7 * 86_400

    /// The environment's secret, created on first use (accounts made before a secret existed).
    func current(accountID: String, environment: PlotonEnvironment) async throws -> (secret: WebhookSecret, previousExpiresAt: Date?) {
        if let record = try await record(accountID: accountID, environment: environment) {
            return (try open(record.sealedSecret, accountID: accountID, environment: environment), activePreviousExpiry(record))
        }
        do {
            return (try await create(accountID: accountID, environment: environment), nil)
        } catch {
            // Concurrent first uses (several deliveries at once) race to create it; the loser reads the winner's.
            guard let record = try await record(accountID: accountID, environment: environment) else { throw error }
            return (try open(record.sealedSecret, accountID: accountID, environment: environment), activePreviousExpiry(record))
        }
    }

    /// The secrets that sign deliveries now, newest first: two during a rotation overlap.
    func signingSecrets(accountID: String, environment: PlotonEnvironment) async throws -> [WebhookSecret] {
        let (current, _) = try await current(accountID: accountID, environment: environment)
        guard let record = try await record(accountID: accountID, environment: environment), activePreviousExpiry(record) != nil,
            let previous = record.sealedPreviousSecret
        else { return [current] }
        return [current, try open(previous, accountID: accountID, environment: environment)]
    }

    /// A new secret; the old one keeps signing (alongside) for `overlap` seconds (0 = none).
    func roll(accountID: String, environment: PlotonEnvironment, overlap: Int) async throws -> (
        secret: WebhookSecret, previousExpiresAt: Date?
    ) {
        let aad = WebhookSigningSecret.associatedData(accountID: accountID, environment: environment)
        guard let record = try await record(accountID: accountID, environment: environment) else {
            return (try await create(accountID: accountID, environment: environment), nil)
        }
        let secret = WebhookSecret.generate()
        record.sealedPreviousSecret = overlap > 0 ? record.sealedSecret : nil
        record.previousExpiresAt = overlap > 0 ? now.addingTimeInterval(TimeInterval(overlap)) : nil
        record.sealedSecret = try secretBox.seal(secret.value, associatedData: aad)
        record.updatedAt = now
        try await record.update(on: database)
        WebhookSigningCache.secretsChanged()
        return (secret, record.previousExpiresAt)
    }

    private func activePreviousExpiry(_ record: WebhookSigningSecret) -> Date? {
        guard let expiry = record.previousExpiresAt, expiry > now, record.sealedPreviousSecret != nil else { return nil }
        return expiry
    }

    private func record(accountID: String, environment: PlotonEnvironment) async throws -> WebhookSigningSecret? {
        try await WebhookSigningSecret.query(on: database)
            .filter(\.$account.$id == accountID).filter(\.$environment == environment).first()
    }

    private func open(_ sealed: String, accountID: String, environment: PlotonEnvironment) throws -> WebhookSecret {
        let plaintext = try secretBox.open(
            sealed, associatedData: WebhookSigningSecret.associatedData(accountID: accountID, environment: environment))
        guard let secret = WebhookSecret(parsing: plaintext) else { throw SecretBox.OpenError.malformed }
        return secret
    }
}
