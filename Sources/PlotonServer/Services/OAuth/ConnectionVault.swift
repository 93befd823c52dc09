import Fluent
import Foundation
import PlotonCore

/// End users' grants: tokens sealed with AES-256-GCM (associated data: account, environment, user,
/// tool), refreshed before they expire, exactly once per connection however many tasks and
/// processes need them at the same moment, and revoked at the provider.
struct ConnectionVault {
    let database: any Database
    let services: PlotonServices

    private var now: Date { services.clock.now() }
    /// Tokens expiring sooner than this are refreshed before use.
    static let refreshMargin: TimeInterval = 60
    /// How long one process may hold a connection's refresh before others may take over.
    static let refreshLease: TimeInterval = 60

    var tokens: TokenClient {
        TokenClient(http: services.outbound, sandbox: SandboxAuthorizationServer(database: database, now: now))
    }

    /// The user's current (not revoked) connection to `tool`.
    func current(accountID: String, environment: PlotonEnvironment, userID: String, tool: String) async throws -> Connection? {
        try await Connection.query(on: database)
            .filter(\.$account.$id == accountID).filter(\.$environment == environment)
            .filter(\.$userID == userID).filter(\.$tool == tool).filter(\.$status != Connection.Status.revoked)
            .sort(\.$createdAt, .descending).first()
    }

    /// Stores a grant from a consent: the user's connection is created, or updated with the union of
    /// scopes (incremental consent). Returns it, and whether it is new.
    func store(_ grant: TokenGrant, session: AuthSession, task: AgentTask?) async throws -> (Connection, created: Bool) {
        let now = self.now
        let box = services.secretBox
        return try await database.writeTransaction { database in
            let existing = try await ConnectionVault(database: database, services: services)
                .current(accountID: session.$account.id, environment: session.environment, userID: session.userID, tool: session.tool)
            let connection =
                existing
                ?? Connection(
                    accountID: session.$account.id, environment: session.environment, userID: session.userID, tool: session.tool,
                    kind: .oauth2, now: now)
            connection.scopes = OAuthScopes.union(existing?.scopes ?? [], grant.scopes ?? session.scopes)
            connection.status = Connection.Status.active
            try Self.seal(grant, into: connection, box: box, now: now)
            try await connection.save(on: database)
            if existing == nil {
                try await EventRecorder.record(.connectionCreated, connection: connection, task: task, now: now, on: database)
            }
            return (connection, existing == nil)
        }
    }

    /// A rotated refresh token is kept with the new access token in one write; without one, the old stays.
    static func seal(_ grant: TokenGrant, into connection: Connection, box: SecretBox, now: Date) throws {
        connection.sealedAccessToken = try box.seal(grant.accessToken, associatedData: connection.associatedData("access_token"))
        if let refresh = grant.refreshToken {
            connection.sealedRefreshToken = try box.seal(refresh, associatedData: connection.associatedData("refresh_token"))
        }
        connection.expiresAt = now.addingTimeInterval(grant.expiresIn)
        connection.updatedAt = now
    }

    func open(_ sealed: String?, of connection: Connection, purpose: String) throws -> String? {
        guard let sealed else { return nil }
        return try services.secretBox.open(sealed, associatedData: connection.associatedData(purpose))
    }

    /// A usable access token: refreshed first when it expires within the margin, or when `stale`
    /// (the token a provider just refused) is still the current one. Returns whether it refreshed.
    func accessToken(for connectionID: String, provider: OAuthProvider, task: AgentTask?, stale: String? = nil) async throws
        -> (token: String, refreshed: Bool)
    {
        let me = "rfr_" + Base62.random(count: 16)
        for _ in 0..<1300 {  // up to about one refresh lease
            let row = try await Connection.find(connectionID, on: database)
            guard let connection = row, connection.status == Connection.Status.active else {
                let revoked = row?.status == Connection.Status.revoked
                throw revoked ? Self.revokedFailure(provider.tool) : Self.expiredFailure(provider.tool)
            }
            // A token that does not open (tampered, or sealed for another owner) is never used.
            guard let access = try? open(connection.sealedAccessToken, of: connection, purpose: "access_token") else {
                try await expire(connectionID, task: task)
                throw Self.expiredFailure(provider.tool)
            }
            let fresh = (connection.expiresAt ?? .distantFuture) > now.addingTimeInterval(Self.refreshMargin)
            if fresh, stale == nil || access != stale { return (access, false) }
            if try await acquireRefresh(connectionID, owner: me) {
                // Someone may have refreshed between our read and our hold: then use theirs.
                guard try await Connection.find(connectionID, on: database)?.sealedAccessToken == connection.sealedAccessToken else {
                    try await release(connectionID, owner: me)
                    continue
                }
                guard let token = try await refresh(connectionID, provider: provider, owner: me, task: task) else { continue }
                return (token, true)
            }
            try await Task.sleep(for: .milliseconds(50))  // another task or process is refreshing this connection
        }
        throw ToolFailure(
            code: "token_refresh_timeout", message: "Another refresh of the \(provider.tool) connection did not finish.", retryable: true)
    }

    private func acquireRefresh(_ id: String, owner: String) async throws -> Bool {
        let now = self.now
        try await Connection.query(on: database)
            .filter(\.$id == id)
            .group(.or) { $0.filter(\.$refreshUntil == nil).filter(\.$refreshUntil < now) }
            .set(\.$refreshOwner, to: owner).set(\.$refreshUntil, to: now.addingTimeInterval(Self.refreshLease))
            .update()
        return try await Connection.find(id, on: database)?.refreshOwner == owner
    }

    /// Refreshes under this process's hold. Returns nil when the new tokens were not stored (see below).
    private func refresh(_ id: String, provider: OAuthProvider, owner: String, task: AgentTask?) async throws -> String? {
        guard let connection = try await Connection.find(id, on: database),
            let refreshToken = try? open(connection.sealedRefreshToken, of: connection, purpose: "refresh_token")
        else {
            try await expire(id, task: task)
            throw Self.expiredFailure(provider.tool)
        }
        let grant: TokenGrant
        do {
            grant = try await tokens.refresh(provider, refreshToken: refreshToken)
            PlotonMetrics.oauthRefresh(succeeded: true)
        } catch {
            PlotonMetrics.oauthRefresh(succeeded: false)
            // An unavailable endpoint leaves the grant alone; a refusal (invalid_grant, …) ends it.
            guard ["temporarily_unavailable", "server_error"].contains(error.code) else {
                try await expire(id, task: task)
                throw Self.expiredFailure(provider.tool)
            }
            try await release(id, owner: owner)
            throw ToolFailure(
                code: "token_refresh_failed", message: "\(provider.tool)'s token endpoint failed: \(error.description)", retryable: true,
                recoverable: true, suggestion: "The provider's token endpoint was unavailable; run the task again shortly.")
        }
        try Self.seal(grant, into: connection, box: services.secretBox, now: now)
        if let scopes = grant.scopes { connection.scopes = OAuthScopes.union(connection.scopes, scopes) }
        // One conditional write: a revocation, expiry or lease takeover that landed while the
        // provider answered wins, nothing is stored, and the fresh token is never handed out.
        let stored = try await database.writeTransaction { [connection] database in
            try await Connection.query(on: database).filter(\.$id == id)
                .filter(\.$status == Connection.Status.active).filter(\.$refreshOwner == owner)
                .set(\.$sealedAccessToken, to: connection.sealedAccessToken).set(\.$sealedRefreshToken, to: connection.sealedRefreshToken)
                .set(\.$expiresAt, to: connection.expiresAt).set(\.$storedScopes, to: connection.storedScopes)
                .set(\.$updatedAt, to: connection.updatedAt).set(\.$refreshOwner, to: nil).set(\.$refreshUntil, to: nil)
                .update()
            // A fresh nonce makes every sealed token unique: finding ours means our write applied.
            return try await Connection.find(id, on: database)?.sealedAccessToken == connection.sealedAccessToken
        }
        return stored ? grant.accessToken : nil
    }

    private func release(_ id: String, owner: String) async throws {
        try await Connection.query(on: database).filter(\.$id == id).filter(\.$refreshOwner == owner)
            .set(\.$refreshOwner, to: nil).set(\.$refreshUntil, to: nil).update()
    }

    /// The provider refused the refresh (or a per-user key): the connection is `expired` and says
    /// so in an event.
    func expire(_ id: String, task: AgentTask?) async throws {
        let now = self.now
        try await database.writeTransaction { database in
            guard let connection = try await Connection.find(id, on: database), connection.status == Connection.Status.active
            else { return }
            connection.status = Connection.Status.expired
            connection.refreshOwner = nil
            connection.refreshUntil = nil
            connection.updatedAt = now
            try await connection.update(on: database)
            try await EventRecorder.record(.connectionExpired, connection: connection, task: task, now: now, on: database)
        }
    }

    static func expiredFailure(_ tool: String) -> ToolFailure {
        ToolFailure(
            code: "auth_token_expired", message: "The end user's \(tool) authorisation has expired and could not be refreshed.",
            recoverable: true, suggestion: "Ask the user to re-authorise \(tool) (POST /v1/connections/authorize), then run the task again."
        )
    }

    static func revokedFailure(_ tool: String) -> ToolFailure {
        ToolFailure(
            code: .connectionRevoked, message: "The end user's \(tool) connection was revoked while the step was getting a token.",
            recoverable: true,
            suggestion: "Ask the user to connect \(tool) again (POST /v1/connections/authorize), then run the task again.")
    }

    /// Deletes the tokens at once and marks the connection revoked; revokes at the provider first
    /// (RFC 7009) where it can. Returns the provider's outcome.
    func revoke(_ connection: Connection, provider: OAuthProvider?) async throws -> (TokenClient.Revocation, String?) {
        var outcome: (TokenClient.Revocation, String?) = (.notSupported, "No provider revocation for this connection.")
        if let provider,
            let token = try? open(connection.sealedRefreshToken, of: connection, purpose: "refresh_token")
                ?? open(connection.sealedAccessToken, of: connection, purpose: "access_token")
        {
            let hint = connection.sealedRefreshToken != nil ? "refresh_token" : "access_token"
            outcome = await tokens.revoke(provider, token: token, hint: hint)
        }
        let now = self.now
        try await database.writeTransaction { database in
            guard let row = try await Connection.find(connection.id, on: database) else { return }
            row.sealedAccessToken = nil
            row.sealedRefreshToken = nil
            let wasRevoked = row.status == Connection.Status.revoked
            row.status = Connection.Status.revoked
            row.revokedAt = row.revokedAt ?? now
            row.updatedAt = now
            try await row.update(on: database)
            if !wasRevoked { try await EventRecorder.record(.connectionRevoked, connection: row, task: nil, now: now, on: database) }
        }
        return outcome
    }
}
