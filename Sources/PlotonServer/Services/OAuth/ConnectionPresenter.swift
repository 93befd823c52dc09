import Foundation
import PlotonAPI
import PlotonCore

/// A connection as the API shows it: never a token.
enum ConnectionPresenter {
    static func object(_ connection: Connection, revocation: ConnectionObject.Revocation? = nil) -> ConnectionObject {
        ConnectionObject(
            id: connection.id ?? "", userID: connection.userID, tool: connection.tool, type: connection.kind.rawValue,
            status: connection.status.rawValue,
            scopes: connection.scopes, expiresAt: connection.expiresAt, livemode: connection.environment == .live,
            createdAt: connection.createdAt, updatedAt: connection.updatedAt, revokedAt: connection.revokedAt, revocation: revocation)
    }
}
