import Fluent
import Foundation
import PlotonCore
import Synchronization

/// The opened signing secrets of each environment, kept by the dispatcher so a batch costs one
/// read of the sealed rows and no decryption unless a secret changed: an entry is used only while
/// its row still holds the same ciphertexts, so a roll (in any process) signs from the next batch.
final class WebhookSigningCache: Sendable {
    struct Environment: Hashable, Sendable {
        var accountID: String
        var environment: PlotonEnvironment
    }

    private struct Entry {
        var sealed: String
        var sealedPrevious: String?
        var secret: WebhookSecret
        var previous: WebhookSecret?
    }

    private let entries = Mutex<[Environment: Entry]>([:])

    /// The secrets that sign deliveries now for each environment, newest first.
    func signingSecrets(for environments: Set<Environment>, database: any Database, secretBox: SecretBox, now: Date) async throws
        -> [Environment: [WebhookSecret]]
    {
        guard !environments.isEmpty else { return [:] }
        let records = try await WebhookSigningSecret.query(on: database)
            .filter(\.$account.$id ~~ Set(environments.map(\.accountID))).all()
        var signing: [Environment: [WebhookSecret]] = [:]
        for record in records {
            let key = Environment(accountID: record.$account.id, environment: record.environment)
            guard environments.contains(key) else { continue }
            let entry = try entry(for: key, record: record, secretBox: secretBox)
            let previousActive = (record.previousExpiresAt.map { $0 > now } ?? false) ? entry.previous : nil
            signing[key] = [entry.secret] + (previousActive.map { [$0] } ?? [])
        }
        // Accounts made before secrets existed get theirs on first use, as before.
        for key in environments where signing[key] == nil {
            signing[key] = try await WebhookSecretService(database: database, secretBox: secretBox, now: now)
                .signingSecrets(accountID: key.accountID, environment: key.environment)
        }
        return signing
    }

    private func entry(for key: Environment, record: WebhookSigningSecret, secretBox: SecretBox) throws -> Entry {
        if let cached = entries.withLock({ $0[key] }), cached.sealed == record.sealedSecret,
            cached.sealedPrevious == record.sealedPreviousSecret
        {
            return cached
        }
        let aad = WebhookSigningSecret.associatedData(accountID: key.accountID, environment: key.environment)
        let open = { (sealed: String) throws -> WebhookSecret in
            guard let secret = WebhookSecret(parsing: try secretBox.open(sealed, associatedData: aad)) else {
                throw SecretBox.OpenError.malformed
            }
            return secret
        }
        let entry = Entry(
            sealed: record.sealedSecret, sealedPrevious: record.sealedPreviousSecret, secret: try open(record.sealedSecret),
            previous: try record.sealedPreviousSecret.map(open))
        entries.withLock { $0[key] = entry }
        return entry
    }
}
