import Fluent
import Foundation
import PlotonCore

/// The authorisation server test keys consent against: a real authorisation-code flow with PKCE,
/// short-lived access tokens, rotating refresh tokens and revocation, kept in the database (as
/// hashes). The consent page and the token endpoint call into it; so does Ploton's own client.
struct SandboxAuthorizationServer {
    let database: any Database
    let now: Date

    static let accessTokenLifetime: TimeInterval = 3600
    static let refreshTokenLifetime: TimeInterval = 30 * 86_400
    static let codeLifetime: TimeInterval = 120

    /// After the user pressed Approve: a single-use code bound to the client's redirect URI and challenge.
    func issueCode(tool: String, subject: String, scopes: [String], redirectURI: String, codeChallenge: String) async throws -> String {
        let code = "sbx_code_" + Base62.random(count: 32)
        let grant = SandboxGrant(
            kind: .code, token: code, tool: tool, subject: subject, scopes: scopes, expiresAt: now.addingTimeInterval(Self.codeLifetime),
            now: now)
        grant.redirectURI = redirectURI
        grant.codeChallenge = codeChallenge
        try await grant.create(on: database)
        return code
    }

    func exchange(tool: String, code: String, verifier: String?, redirectURI: String?) async throws(OAuthError) -> TokenGrant {
        do {
            return try await database.writeTransaction { database in
                guard let grant = try await Self.find(.code, code, tool: tool, on: database), grant.usedAt == nil, grant.expiresAt > now
                else { throw OAuthError(code: "invalid_grant", description: "The code is unknown, used or expired.") }
                grant.usedAt = now
                try await grant.update(on: database)
                guard redirectURI == grant.redirectURI else {
                    throw OAuthError(code: "invalid_grant", description: "redirect_uri does not match the authorisation request.")
                }
                guard let verifier, PKCE.challenge(for: verifier) == grant.codeChallenge else {
                    throw OAuthError(code: "invalid_grant", description: "code_verifier does not match the code_challenge.")
                }
                return try await issueTokens(tool: tool, subject: grant.subject, scopes: grant.scopes, on: database)
            }
        } catch let error as OAuthError {
            throw error
        } catch {
            throw OAuthError(code: "server_error", description: "\(error)")
        }
    }

    /// Refresh with rotation: the old refresh token stops working.
    func refresh(tool: String, refreshToken: String) async throws(OAuthError) -> TokenGrant {
        do {
            return try await database.writeTransaction { database in
                guard let grant = try await Self.find(.refreshToken, refreshToken, tool: tool, on: database), grant.usedAt == nil,
                    grant.expiresAt > now
                else { throw OAuthError(code: "invalid_grant", description: "The refresh token is unknown, revoked or expired.") }
                grant.usedAt = now
                try await grant.update(on: database)
                return try await issueTokens(tool: tool, subject: grant.subject, scopes: grant.scopes, on: database)
            }
        } catch let error as OAuthError {
            throw error
        } catch {
            throw OAuthError(code: "server_error", description: "\(error)")
        }
    }

    /// RFC 7009: the token stops working.
    func revoke(tool: String, token: String) async throws {
        try await SandboxGrant.query(on: database)
            .filter(\.$tokenHash == SecretDigest.sha256Hex(token)).filter(\.$tool == tool)
            .set(\.$usedAt, to: now).update()
    }

    /// Whether an access token is current (what a sandboxed API would check).
    func isValid(accessToken: String, tool: String) async throws -> Bool {
        guard let grant = try await Self.find(.accessToken, accessToken, tool: tool, on: database) else { return false }
        return grant.usedAt == nil && grant.expiresAt > now
    }

    private func issueTokens(tool: String, subject: String, scopes: [String], on database: any Database) async throws -> TokenGrant {
        let access = "sbx_at_" + Base62.random(count: 40)
        let refresh = "sbx_rt_" + Base62.random(count: 40)
        try await SandboxGrant(
            kind: .accessToken, token: access, tool: tool, subject: subject, scopes: scopes,
            expiresAt: now.addingTimeInterval(Self.accessTokenLifetime), now: now
        ).create(on: database)
        try await SandboxGrant(
            kind: .refreshToken, token: refresh, tool: tool, subject: subject, scopes: scopes,
            expiresAt: now.addingTimeInterval(Self.refreshTokenLifetime), now: now
        ).create(on: database)
        return TokenGrant(
            accessToken: access, refreshToken: refresh, expiresIn: Self.accessTokenLifetime, scopes: scopes, tokenType: "Bearer")
    }

    private static func find(_ kind: SandboxGrant.Kind, _ token: String, tool: String, on database: any Database) async throws
        -> SandboxGrant?
    {
        try await SandboxGrant.query(on: database)
            .filter(\.$tokenHash == SecretDigest.sha256Hex(token)).filter(\.$kind == kind).filter(\.$tool == tool).first()
    }
}
