import Foundation
import PlotonCore

/// A connection as the API shows it: never a token.
enum ConnectionPresenter {
    static func object(_ connection: Connection) -> JSONValue {
        let date = { (date: Date?) in date.map { JSONValue.string(ISO8601DateFormatter().string(from: $0)) } ?? .null }
        return .object([
            "id": .string(connection.id ?? ""), "object": .string("connection"), "user_id": .string(connection.userID),
            "tool": .string(connection.tool), "type": .string(connection.kind), "status": .string(connection.status),
            "scopes": .array(connection.scopes.map(JSONValue.string)), "expires_at": date(connection.expiresAt),
            "livemode": .bool(connection.environment == PlotonEnvironment.live.rawValue), "created_at": date(connection.createdAt),
            "updated_at": date(connection.updatedAt), "revoked_at": date(connection.revokedAt),
        ])
    }
}
