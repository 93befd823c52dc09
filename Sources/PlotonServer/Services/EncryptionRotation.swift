import Fluent
import Foundation
import PlotonCore
import Synchronization
import Vapor

/// Re-encrypts every secret at rest under the key ring's first key (`ploton keys
/// rotate-encryption`): webhook secrets, tool credentials and client secrets, connection tokens,
/// consent verifiers and stored idempotent replays. Each value is opened with its own associated data and sealed again.
package struct EncryptionRotation {
    let app: Application

    package init(app: Application) { self.app = app }

    package struct Report: Codable, Sendable {
        package var keyID: String
        package var reencrypted: Int
        package var alreadyCurrent: Int
        /// Values that no key in the ring opens (tampered, or sealed with a key already removed): left as they are.
        package var unreadable: Int

        enum CodingKeys: String, CodingKey {
            case keyID = "key_id"
            case reencrypted
            case alreadyCurrent = "already_current"
            case unreadable
        }
    }

    /// Seals values again under the first key, counting what it did.
    final class Rotator: Sendable {
        let box: SecretBox
        let counts = Mutex((reencrypted: 0, current: 0, unreadable: 0))

        init(box: SecretBox) { self.box = box }

        func rotate(_ value: String?, _ associatedData: String) throws -> String? {
            guard let value else { return nil }
            guard SecretBox.keyID(of: value) != box.keyRing.primary.id else {
                counts.withLock { $0.current += 1 }
                return value
            }
            // Bytes, not text: a replay body is sealed exactly as it was sent.
            guard let plaintext = try? box.openData(value, associatedData: associatedData) else {
                counts.withLock { $0.unreadable += 1 }
                return value
            }
            counts.withLock { $0.reencrypted += 1 }
            return try box.seal(plaintext, associatedData: associatedData)
        }
    }

    package func run() async throws -> Report {
        let rotator = Rotator(box: app.ploton.secretBox)
        let rotate = rotator.rotate
        try await app.db.writeTransaction { database in
            for row in try await WebhookSigningSecret.query(on: database).all() {
                let data = "webhook_secret|\(row.$account.id)|\(row.environment.rawValue)"
                row.sealedSecret = try rotate(row.sealedSecret, data) ?? row.sealedSecret
                row.sealedPreviousSecret = try rotate(row.sealedPreviousSecret, data)
                try await row.update(on: database)
            }
            for row in try await ToolCredential.query(on: database).all() {
                let data = CustomTool.associatedData(
                    accountID: row.$account.id, environment: row.environment.rawValue, tool: row.tool, purpose: "tool_credential")
                row.sealedSecret = try rotate(row.sealedSecret, data) ?? row.sealedSecret
                try await row.update(on: database)
            }
            for row in try await CustomTool.query(on: database).all() {
                let data = CustomTool.associatedData(
                    accountID: row.$account.id, environment: row.environment.rawValue, tool: row.name, purpose: "client_secret")
                row.sealedClientSecret = try rotate(row.sealedClientSecret, data)
                try await row.update(on: database)
            }
            for row in try await Connection.query(on: database).all() {
                row.sealedAccessToken = try rotate(row.sealedAccessToken, row.associatedData("access_token"))
                row.sealedRefreshToken = try rotate(row.sealedRefreshToken, row.associatedData("refresh_token"))
                try await row.update(on: database)
            }
            for row in try await AuthSession.query(on: database).all() {
                row.sealedVerifier = try rotate(row.sealedVerifier, row.associatedData())
                try await row.update(on: database)
            }
            for row in try await IdempotencyRecord.query(on: database).filter(\.$sealedResponseBody != nil).all() {
                row.sealedResponseBody = try rotate(row.sealedResponseBody, row.associatedData)
                try await row.update(on: database)
            }
        }
        let counts = rotator.counts.withLock { $0 }
        return Report(
            keyID: rotator.box.keyRing.primary.id, reencrypted: counts.reencrypted, alreadyCurrent: counts.current,
            unreadable: counts.unreadable)
    }
}
