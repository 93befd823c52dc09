import Fluent
import Foundation
import PlotonAPI
import PlotonCore

/// End users' connections in one account environment: listing, finding and revoking them, for
/// `/v1/connections`, the dashboard and the end user's settings page.
struct ConnectionService {
    let database: any Database
    let services: PlotonServices
    let accountID: String
    let environment: PlotonEnvironment

    struct Filters {
        var userID: String?
        var tool: String?
        var status: Connection.Status?

        init(userID: String?, tool: String?, status: String?) throws {
            self.userID = userID
            self.tool = tool
            if let status {
                guard let known = Connection.Status(rawValue: status) else { throw ConnectionError.unknownStatus }
                self.status = known
            }
        }
    }

    /// The environment's connections, newest first.
    func query(_ filters: Filters) -> QueryBuilder<Connection> {
        let query = Connection.query(on: database).filter(\.$account.$id == accountID).filter(\.$environment == environment)
        if let user = filters.userID { query.filter(\.$userID == user) }
        if let tool = filters.tool { query.filter(\.$tool == tool) }
        if let status = filters.status { query.filter(\.$status == status) }
        return query.sort(\.$id, .descending)
    }

    func find(_ id: String) async throws -> Connection {
        guard
            let connection = try await Connection.query(on: database)
                .filter(\.$id == id).filter(\.$account.$id == accountID).filter(\.$environment == environment).first()
        else { throw ConnectionError.notFound(id) }
        return connection
    }

    /// Deletes the tokens at once and revokes them at the provider (RFC 7009) where it can; the
    /// outcome says how that went. A revoked connection stays readable.
    func revoke(_ connection: Connection) async throws -> (TokenClient.Revocation, String?) {
        guard connection.status != Connection.Status.revoked else { return (.succeeded, "The connection was already revoked.") }
        let registry = ToolRegistry(
            database: database, services: services, accountID: connection.$account.id, environment: connection.environment)
        let provider = try? await registry.oauthProvider(for: connection.tool)
        return try await ConnectionVault(database: database, services: services).revoke(connection, provider: provider)
    }
}
