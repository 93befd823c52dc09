import Fluent
import Foundation
import PlotonCore

extension ToolRegistry {
    /// Forgets every secret kept for where `tool` sent them, so none can reach a new `base_url` or
    /// OAuth endpoint: the account credentials are deleted, end users' connections lose their tokens
    /// and expire (active ones with a `connection.expired` event), and consent attempts in flight
    /// are cancelled (their links start again at the new provider). Call inside the transaction that
    /// changes or deletes the tool.
    func discardSecrets(of tool: String, on database: any Database) async throws {
        let now = services.clock.now()
        try await ToolCredential.query(on: database)
            .filter(\.$account.$id == accountID).filter(\.$environment == environment).filter(\.$tool == tool).delete()
        let connections = try await Connection.query(on: database)
            .filter(\.$account.$id == accountID).filter(\.$environment == environment).filter(\.$tool == tool)
            .filter(\.$status != Connection.Status.revoked).all()
        for connection in connections {
            let wasActive = connection.status == Connection.Status.active
            connection.status = Connection.Status.expired
            connection.sealedAccessToken = nil
            connection.sealedRefreshToken = nil
            connection.refreshOwner = nil
            connection.refreshUntil = nil
            connection.updatedAt = now
            try await connection.update(on: database)
            if wasActive { try await EventRecorder.record(.connectionExpired, connection: connection, task: nil, now: now, on: database) }
        }
        try await AuthSession.query(on: database)
            .filter(\.$account.$id == accountID).filter(\.$environment == environment).filter(\.$tool == tool)
            .filter(\.$completedAt == nil)
            .set(\.$stateHash, to: nil).set(\.$stateExpiresAt, to: nil).set(\.$sealedVerifier, to: nil)
            .update()
    }
}
