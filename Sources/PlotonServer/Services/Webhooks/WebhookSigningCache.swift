import Fluent
import Foundation
import PlotonCore
import Synchronization

/// The opened signing secrets of each environment, kept by the dispatcher so that a batch
/// usually costs no read and no decryption: an entry is used without reading its row again for
/// `recheckAfter`, and then only while the row still holds the same ciphertexts. A roll made in
/// this process (`secretsChanged()`) signs from the next batch; one made in another process
/// within `recheckAfter`.
final class WebhookSigningCache: Sendable {
    struct Environment: Hashable, Sendable {
        var accountID: String
        var environment: PlotonEnvironment
    }

    /// How long an entry signs without its row being read again.
    static let recheckAfter: Duration = .seconds(1)

    private struct Entry {
        var sealed: String
        var sealedPrevious: String?
        var secret: WebhookSecret
        var previous: WebhookSecret?
        var previousExpiresAt: Date?
        var checkedAt: ContinuousClock.Instant
        var generation: Int

        /// Newest first; the previous secret while its overlap lasts.
        func signing(now: Date) -> [WebhookSecret] {
            guard let previous, let expiry = previousExpiresAt, expiry > now else { return [secret] }
            return [secret, previous]
        }
    }

    private let entries = Mutex<[Environment: Entry]>([:])
    /// Bumped whenever this process rolls or creates a secret: every entry is read again.
    private static let generation = Atomic<Int>(0)

    /// A secret was rolled or created in this process: the next batch reads every environment's row.
    static func secretsChanged() {
        generation.add(1, ordering: .sequentiallyConsistent)
    }

    /// The secrets that sign deliveries now for each environment, newest first.
    func signingSecrets(for environments: Set<Environment>, database: any Database, secretBox: SecretBox, now: Date) async throws
        -> [Environment: [WebhookSecret]]
    {
        guard !environments.isEmpty else { return [:] }
        let generation = Self.generation.load(ordering: .sequentiallyConsistent)
        let checkedAt = ContinuousClock.now
        var signing = entries.withLock { entries in
            var signing: [Environment: [WebhookSecret]] = [:]
            for key in environments {
                guard let entry = entries[key], entry.generation == generation, checkedAt - entry.checkedAt < Self.recheckAfter else {
                    continue
                }
                signing[key] = entry.signing(now: now)
            }
            return signing
        }
        let stale = environments.filter { signing[$0] == nil }
        guard !stale.isEmpty else { return signing }
        let records = try await WebhookSigningSecret.query(on: database)
            .filter(\.$account.$id ~~ Set(stale.map(\.accountID))).all()
        for record in records {
            let key = Environment(accountID: record.$account.id, environment: record.environment)
            guard stale.contains(key) else { continue }
            let entry = try entry(for: key, record: record, secretBox: secretBox, checkedAt: checkedAt, generation: generation)
            signing[key] = entry.signing(now: now)
        }
        // Accounts made before secrets existed get theirs on first use, as before.
        for key in stale where signing[key] == nil {
            signing[key] = try await WebhookSecretService(database: database, secretBox: secretBox, now: now)
                .signingSecrets(accountID: key.accountID, environment: key.environment)
        }
        return signing
    }

    private func entry(
        for key: Environment, record: WebhookSigningSecret, secretBox: SecretBox, checkedAt: ContinuousClock.Instant, generation: Int
    ) throws -> Entry {
        if var cached = entries.withLock({ $0[key] }), cached.sealed == record.sealedSecret,
            cached.sealedPrevious == record.sealedPreviousSecret
        {
            (cached.previousExpiresAt, cached.checkedAt, cached.generation) = (record.previousExpiresAt, checkedAt, generation)
            entries.withLock { $0[key] = cached }
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
            previous: try record.sealedPreviousSecret.map(open), previousExpiresAt: record.previousExpiresAt, checkedAt: checkedAt,
            generation: generation)
        entries.withLock { $0[key] = entry }
        return entry
    }
}
