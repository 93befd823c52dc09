import Fluent
import Foundation
import PlotonCore

/// Before a step of a user-authorised tool runs: is there a usable grant with the scopes it needs?
/// If not, the task waits for consent (asking for the scopes the whole workflow needs of the tool,
/// plus those other users ended up granting, so a user consents once) or for the missing scopes.
struct ConnectionGate {
    let database: any Database
    let services: PlotonServices
    let registry: ToolRegistry

    enum Decision {
        /// Run, with the end user's credentials (nil: the tool needs none, or an account credential stands in).
        case proceed(credentials: ToolCredentials?, connectionID: String?, refreshed: Bool)
        case suspend(WaitingRequest)
    }

    private var now: Date { services.clock.now() }
    private var vault: ConnectionVault { ConnectionVault(database: database, services: services) }

    func check(tool: String, capability: CapabilityDescriptor?, task: AgentTask, workflowScopes: [String]) async throws -> Decision {
        if let definition = try await registry.definition(of: tool), definition.auth.perUser == true,
            [.apiKey, .bearer].contains(definition.auth.type)
        {
            return try await perUserKey(definition, task: task)
        }
        guard let provider = try await oauthProvider(tool) else { return .proceed(credentials: nil, connectionID: nil, refreshed: false) }
        let userID = try Self.userID(of: task, tool: tool)
        let needed = capability?.scopes ?? []
        let connection = try await vault.current(
            accountID: task.$account.id, environment: task.environment, userID: userID, tool: tool)
        guard let connection, connection.status == Connection.Status.active else {
            let remembered = try await rememberedScopes(tool: tool, accountID: task.$account.id, environment: task.environment)
            let scopes = OAuthScopes.union(OAuthScopes.union(workflowScopes, needed), remembered)
            return try await consent(.oauthConsentRequired, tool: tool, userID: userID, scopes: scopes, task: task)
        }
        let missing = OAuthScopes.missing(needed, granted: connection.scopes)
        guard missing.isEmpty else {
            return try await consent(.additionalScopesRequired, tool: tool, userID: userID, scopes: missing, task: task)
        }
        do {
            let (token, refreshed) = try await vault.accessToken(for: connection.id ?? "", provider: provider, task: task)
            return .proceed(credentials: .bearer(token), connectionID: connection.id, refreshed: refreshed)
        } catch let failure as ToolFailure where failure.code == .connectionRevoked {
            // Revoked while we read or refreshed it: the same as revoked before, so the user is asked to connect again.
            return try await check(tool: tool, capability: capability, task: task, workflowScopes: workflowScopes)
        }
    }

    static func userID(of task: AgentTask, tool: String) throws -> String {
        guard let userID = try task.userID ?? task.workflow?.userID else {
            throw ToolFailure(
                code: "user_id_required", message: "\(tool) acts for an end user, and the task names none.", recoverable: true,
                suggestion: "Create the task with user_id (the end user whose \(tool) account to use).")
        }
        return userID
    }

    /// A tool whose every end user brings their own key: theirs from the vault, or a hosted form.
    private func perUserKey(_ definition: ToolDefinition, task: AgentTask) async throws -> Decision {
        let tool = definition.name
        let userID = try Self.userID(of: task, tool: tool)
        if let connection = try await vault.current(
            accountID: task.$account.id, environment: task.environment, userID: userID, tool: tool),
            connection.status == Connection.Status.active,
            let key = try? vault.open(connection.sealedAccessToken, of: connection, purpose: "access_token")
        {
            return .proceed(
                credentials: definition.auth.type == .apiKey ? .apiKey(key) : .bearer(key), connectionID: connection.id, refreshed: false)
        }
        let (session, _) = try await AuthFlow(database: database, services: services).createSession(
            accountID: task.$account.id, environment: task.environment, userID: userID, tool: tool, scopes: [], taskID: task.id,
            redirectURL: nil, expiresAt: now.addingTimeInterval(services.config.tasks.waitingTTL))
        return .suspend(
            WaitingRequest(
                reason: .credentialsRequired, service: tool,
                authURL: "\(services.config.publicURL)/credentials/\(tool)?session=\(session.id ?? "")",
                message: "Send \(userID) to auth_url to enter their \(tool) key; the task resumes on its own."))
    }

    /// The provider when the tool uses end-user OAuth and no account-level token stands in.
    func oauthProvider(_ tool: String) async throws -> OAuthProvider? {
        guard try await registry.definition(of: tool)?.auth.type == .oauth2, !(try await registry.hasCredentials(for: tool)) else {
            return nil
        }
        return try await registry.oauthProvider(for: tool)
    }

    /// Scopes this account's users have granted the tool: what tasks turned out to need.
    func rememberedScopes(tool: String, accountID: String, environment: PlotonEnvironment) async throws -> [String] {
        let connections = try await Connection.query(on: database)
            .filter(\.$account.$id == accountID).filter(\.$environment == environment).filter(\.$tool == tool).all()
        return connections.reduce([]) { OAuthScopes.union($0, $1.scopes) }
    }

    /// For a `mode:"test"` preview: what the end user would be asked for before `tool` runs (nothing is created).
    func missingAuthorization(tool: String, scopes needed: [String], accountID: String, environment: PlotonEnvironment, userID: String?)
        async throws -> (reason: String, scopes: [String])?
    {
        guard let definition = try await registry.definition(of: tool) else { return nil }
        let perUser = definition.auth.perUser == true && [.apiKey, .bearer].contains(definition.auth.type)
        let provider = perUser ? nil : try? await oauthProvider(tool)
        guard perUser || provider != nil else { return nil }
        guard let userID else { return ("user_id_required", []) }
        let connection = try await vault.current(accountID: accountID, environment: environment, userID: userID, tool: tool)
        let active = connection?.status == Connection.Status.active
        if perUser { return active ? nil : (WaitingRequest.Reason.credentialsRequired.rawValue, []) }
        guard let connection, active else {
            let remembered = try await rememberedScopes(tool: tool, accountID: accountID, environment: environment)
            return (WaitingRequest.Reason.oauthConsentRequired.rawValue, OAuthScopes.union(needed, remembered))
        }
        let missing = OAuthScopes.missing(needed, granted: connection.scopes)
        return missing.isEmpty ? nil : (WaitingRequest.Reason.additionalScopesRequired.rawValue, missing)
    }

    private func consent(_ reason: WaitingRequest.Reason, tool: String, userID: String, scopes: [String], task: AgentTask) async throws
        -> Decision
    {
        let (_, url) = try await AuthFlow(database: database, services: services).createSession(
            accountID: task.$account.id, environment: task.environment, userID: userID, tool: tool, scopes: scopes,
            taskID: task.id, redirectURL: nil, expiresAt: now.addingTimeInterval(services.config.tasks.waitingTTL))
        let what = reason == .oauthConsentRequired ? "connect \(tool)" : "grant \(tool) more access (\(scopes.joined(separator: ", ")))"
        return .suspend(
            WaitingRequest(
                reason: reason, service: tool, authURL: url, scopes: scopes,
                message: "Send \(userID) to auth_url to \(what); the task resumes on its own."))
    }
}
