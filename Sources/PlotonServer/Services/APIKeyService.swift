import Fluent
import Foundation
import NIOCore
import PlotonAPI
import PlotonCore

/// Creating, listing, rolling and revoking API keys (a request's check of its key is `KeyLookup`).
/// Shared by the API, the CLI and first-run setup so the rules live in one place.
struct APIKeyService {
    static let maxRollOverlap = 30 * 24 * 60 * 60

    let database: any Database
    let now: Date
    /// The process's trusted keys, which a key's revocation or new expiry must outlast; nil only
    /// where no key is revoked or rolled.
    var keys: KeyCache? = nil

    func create(accountID: String, name: String, environment: PlotonEnvironment) async throws -> (APIKey, APIKeySecret) {
        let secret = APIKeySecret.generate(environment: environment)
        let key = APIKey(accountID: accountID, name: name, secret: secret, createdAt: now)
        try await key.create(on: database)
        return (key, secret)
    }

    func list(accountID: String, environment: PlotonEnvironment?, page: Pagination) async throws -> (items: [APIKey], hasMore: Bool) {
        var query = APIKey.query(on: database).filter(\.$account.$id == accountID)
        if let environment { query = query.filter(\.$environment == environment) }
        return try await page.page(query.sort(\.$createdAt, .descending).sort(\.$id, .descending))
    }

    func find(accountID: String, id: String) async throws -> APIKey {
        guard
            let key = try await APIKey.query(on: database)
                .filter(\.$id == id).filter(\.$account.$id == accountID).first()
        else { throw KeyError.notFound(id) }
        return key
    }

    /// Issues a new secret under a new key and lets the old one live `expiresIn` more seconds.
    /// With less overlap than the processes trust a key read (`KeyCache`), returns once none does.
    func roll(accountID: String, id: String, expiresIn: Int) async throws -> (APIKey, APIKeySecret) {
        let old = try await find(accountID: accountID, id: id)
        guard old.isUsable(at: now) else {
            throw KeyError.inactive(status: old.status(at: now).rawValue)
        }
        let rolled = try await database.writeTransaction { database in
            let deadline = now.addingTimeInterval(TimeInterval(expiresIn))
            old.expiresAt = min(old.expiresAt ?? deadline, deadline)
            try await old.update(on: database)
            return try await APIKeyService(database: database, now: now)
                .create(accountID: accountID, name: old.name, environment: old.environment)
        }
        if let keys, let oldID = old.id {
            keys.forget(keyID: oldID)
            if TimeAmount.seconds(Int64(expiresIn)) < keys.lifetime { try await keys.outlastOtherProcesses() }
        }
        return rolled
    }

    /// Revokes at once: returns when no process accepts the key any more. Revoking a revoked key
    /// is a no-op that returns it.
    func revoke(accountID: String, id: String) async throws -> APIKey {
        let key = try await find(accountID: accountID, id: id)
        if key.revokedAt == nil {
            key.revokedAt = now
            try await key.update(on: database)
            keys?.forget(keyID: id)
            try await keys?.outlastOtherProcesses()
        }
        return key
    }
}

/// Both supported databases speak SQL; a fault of ours if not (a 500, never the caller's error).
struct DatabaseWithoutSQL: Error {}
