import Fluent
import Foundation
import PlotonAPI
import PlotonCore

/// Creating, listing, rolling, revoking and checking API keys. Shared by the API, the CLI and
/// first-run setup so the rules live in one place.
struct APIKeyService {
    static let maxRollOverlap = 30 * 24 * 60 * 60
    /// `last_used_at` is written at most this often per key, so reads stay reads.
    static let lastUsedGranularity: TimeInterval = 60

    let database: any Database
    let now: Date
    /// This process's checked keys (`PlotonServices.apiKeys`); dropped when a key is rolled or revoked.
    var cache: APIKeyCache? = nil

    func create(accountID: String, name: String, environment: PlotonEnvironment) async throws -> (APIKey, APIKeySecret) {
        let secret = APIKeySecret.generate(environment: environment)
        let key = APIKey(accountID: accountID, name: name, secret: secret, createdAt: now)
        try await key.create(on: database)
        return (key, secret)
    }

    func list(accountID: String, environment: PlotonEnvironment?, page: Pagination) async throws -> (items: [APIKey], hasMore: Bool) {
        var query = APIKey.query(on: database).filter(\.$account.$id == accountID)
        if let environment { query = query.filter(\.$environment == environment.rawValue) }
        return try await page.page(query.sort(\.$createdAt, .descending).sort(\.$id, .descending))
    }

    func find(accountID: String, id: String) async throws -> APIKey {
        guard
            let key = try await APIKey.query(on: database)
                .filter(\.$id == id).filter(\.$account.$id == accountID).first()
        else { throw APIFailure.notFound("api key", id: id) }
        return key
    }

    /// Issues a new secret under a new key and lets the old one live `expiresIn` more seconds.
    func roll(accountID: String, id: String, expiresIn: Int) async throws -> (APIKey, APIKeySecret) {
        let old = try await find(accountID: accountID, id: id)
        guard old.isUsable(at: now) else {
            throw APIFailure(
                .apiKeyInactive, "Only active keys can be rolled; this key is \(old.status(at: now).rawValue). Create a new key instead.")
        }
        let rolled = try await database.writeTransaction { database in
            let deadline = now.addingTimeInterval(TimeInterval(expiresIn))
            old.expiresAt = min(old.expiresAt ?? deadline, deadline)
            try await old.update(on: database)
            return try await APIKeyService(database: database, now: now)
                .create(accountID: accountID, name: old.name, environment: old.plotonEnvironment)
        }
        cache?.removeAll()
        return rolled
    }

    /// Revokes at once. Revoking a revoked key is a no-op that returns it.
    func revoke(accountID: String, id: String) async throws -> APIKey {
        let key = try await find(accountID: accountID, id: id)
        if key.revokedAt == nil {
            key.revokedAt = now
            try await key.update(on: database)
            cache?.removeAll()
        }
        return key
    }

    /// Who the active key with this secret acts for (from the cache when checked within its
    /// lifetime), or `401 invalid_api_key`.
    func principal(for secret: APIKeySecret) async throws -> APIPrincipal {
        let hash = secret.sha256
        if let cached = cache?.entry(forHash: hash), cached.expiresAt.map({ now < $0 }) ?? true {
            if cached.lastUsedAt.map({ now.timeIntervalSince($0) >= Self.lastUsedGranularity }) ?? true {
                try await APIKey.query(on: database).filter(\.$id == cached.principal.keyID).set(\.$lastUsedAt, to: now).update()
                cache?.used(hash: hash, at: now)
            }
            return cached.principal
        }
        let generation = cache?.generation ?? 0
        let key = try await authenticate(secret)
        let principal = APIPrincipal(keyID: try key.requireID(), accountID: key.$account.id, environment: key.plotonEnvironment)
        cache?.store(.init(principal: principal, expiresAt: key.expiresAt, lastUsedAt: key.lastUsedAt), forHash: hash, readAt: generation)
        return principal
    }

    /// The active key with this secret, or `401 invalid_api_key`.
    func authenticate(_ secret: APIKeySecret) async throws -> APIKey {
        guard let key = try await APIKey.query(on: database).filter(\.$secretHash == secret.sha256).first(),
            key.isUsable(at: now)
        else {
            throw APIFailure(.invalidAPIKey, "The API key is not valid: it is unknown, revoked or expired. Use an active key.")
        }
        if key.lastUsedAt.map({ now.timeIntervalSince($0) >= Self.lastUsedGranularity }) ?? true {
            key.lastUsedAt = now
            try await APIKey.query(on: database).filter(\.$id == key.requireID()).set(\.$lastUsedAt, to: now).update()
        }
        return key
    }
}
