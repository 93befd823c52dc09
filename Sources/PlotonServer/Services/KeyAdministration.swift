import Fluent
import PlotonAPI
import PlotonCore
import Vapor

/// Offline key administration for the `ploton keys` commands: the same rules as `/v1/api_keys`,
/// addressed by account name instead of by a calling key.
package struct KeyAdministration {
    package let app: Application

    package init(app: Application) { self.app = app }

    private var now: Date { app.ploton.clock.now() }
    private var service: APIKeyService { APIKeyService(database: app.db, now: now, keys: app.ploton.keys) }

    package func create(account: String, name: String, environment: PlotonEnvironment) async throws -> APIKeyObject {
        let (key, secret) = try await service.create(accountID: try await accountID(named: account), name: name, environment: environment)
        return key.toObject(at: now, secret: secret)
    }

    package func list(account: String, environment: PlotonEnvironment?) async throws -> [APIKeyObject] {
        let id = try await accountID(named: account)
        var query = APIKey.query(on: app.db).filter(\.$account.$id == id)
        if let environment { query = query.filter(\.$environment == environment) }
        return try await query.sort(\.$createdAt, .descending).all().map { $0.toObject(at: now) }
    }

    package func roll(account: String, id: String, expiresIn: Int) async throws -> APIKeyObject {
        guard (0...APIKeyService.maxRollOverlap).contains(expiresIn) else {
            throw KeyError.rollOverlapOutOfRange
        }
        let (key, secret) = try await service.roll(accountID: try await accountID(named: account), id: id, expiresIn: expiresIn)
        return key.toObject(at: now, secret: secret)
    }

    package func revoke(account: String, id: String) async throws -> APIKeyObject {
        try await service.revoke(accountID: try await accountID(named: account), id: id).toObject(at: now)
    }

    func accountID(named name: String) async throws -> String {
        guard let account = try await Account.query(on: app.db).filter(\.$name == name).first() else {
            throw KeyError.noSuchAccount(name)
        }
        return try account.requireID()
    }
}
