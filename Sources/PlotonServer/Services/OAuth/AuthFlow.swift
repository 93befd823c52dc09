import Fluent
import Foundation
import PlotonAPI
import PlotonCore

/// The hosted consent flow: a session link (`/auth/{tool}?session=sess_…`) starts an attempt with
/// a fresh single-use `state` and PKCE verifier (30 minutes), the provider sends the user back to
/// `/oauth/callback/{tool}`, the code is exchanged, the connection stored and waiting tasks resumed.
struct AuthFlow {
    let database: any Database
    let services: PlotonServices

    private var now: Date { services.clock.now() }
    static let stateLifetime: TimeInterval = 30 * 60

    /// What the end user sees when something is wrong: a page, never a stack trace.
    struct PageError: Error {
        var status: Int
        var title: String
        var message: String
    }

    enum Outcome {
        case connected(Connection, redirect: String?)
        case declined(redirect: String?)
    }

    static func authURL(publicURL: String, tool: String, sessionID: String) -> String {
        "\(publicURL)/auth/\(tool)?session=\(sessionID)"
    }

    func createSession(
        accountID: String, environment: PlotonEnvironment, userID: String, tool: String, scopes: [String], taskID: String?,
        redirectURL: String?, expiresAt: Date
    ) async throws -> (session: AuthSession, url: String) {
        let session = AuthSession(
            accountID: accountID, environment: environment, userID: userID, tool: tool, scopes: scopes, taskID: taskID,
            redirectURL: redirectURL, expiresAt: expiresAt, now: now)
        try await session.create(on: database)
        return (session, Self.authURL(publicURL: services.config.publicURL, tool: tool, sessionID: session.id ?? ""))
    }

    /// Starts an attempt: the provider's authorisation URL to redirect the browser to.
    func begin(tool: String, sessionID: String?) async throws -> String {
        guard let sessionID, let session = try await AuthSession.find(sessionID, on: database), session.tool == tool else {
            throw PageError(status: 404, title: "Link not valid", message: "This authorisation link is not valid. Ask for a new one.")
        }
        guard session.completedAt == nil else {
            throw PageError(status: 410, title: "Already connected", message: "This link was already used. You can close this window.")
        }
        guard session.expiresAt > now else {
            throw PageError(status: 410, title: "Link expired", message: "This authorisation link has expired. Ask for a new one.")
        }
        let provider = try await provider(for: session)
        let state = Base62.random(count: 43)
        let verifier = PKCE.verifier()
        session.stateHash = SecretDigest.sha256Hex(state)
        session.stateExpiresAt = now.addingTimeInterval(Self.stateLifetime)
        session.sealedVerifier = try services.secretBox.seal(verifier, associatedData: session.associatedData())
        try await session.update(on: database)
        return provider.authorizationURL(
            redirectURI: OAuthProvider.redirectURI(publicURL: services.config.publicURL, tool: tool), scopes: session.scopes, state: state,
            verifier: verifier)
    }

    /// The provider's redirect back: checks and consumes `state`, exchanges the code, stores the connection.
    func complete(tool: String, code: String?, state: String?, error: String?) async throws -> Outcome {
        guard let state, !state.isEmpty, let session = try await consume(state: state, tool: tool) else {
            throw PageError(
                status: 400, title: "Link not valid",
                message:
                    "This sign-in response was already used, has expired, or did not come from a request made here. Start again from the original link."
            )
        }
        guard session.expiresAt > now else {
            throw PageError(status: 410, title: "Link expired", message: "This authorisation link has expired. Ask for a new one.")
        }
        let task = try await AgentTask.query(on: database).filter(\.$id == (session.taskID ?? "")).first()
        if let error {
            guard error == "access_denied" else {
                throw PageError(
                    status: 502, title: "The provider refused",
                    message: "\(tool) answered with \(error). Nothing was stored; try the link again.")
            }
            try await declined(session, task: task)
            return .declined(redirect: session.redirectURL.map { Self.append($0, ["status": "denied"]) })
        }
        guard let code, !code.isEmpty, let sealed = session.sealedVerifier else {
            throw PageError(status: 400, title: "Link not valid", message: "The provider sent no authorisation code. Start again.")
        }
        guard let verifier = try? services.secretBox.open(sealed, associatedData: session.associatedData()) else {
            throw PageError(status: 400, title: "Link not valid", message: "This sign-in attempt cannot be completed. Start again.")
        }
        let provider = try await provider(for: session)
        let grant: TokenGrant
        do {
            grant = try await ConnectionVault(database: database, services: services).tokens.exchange(
                provider, code: code, verifier: verifier,
                redirectURI: OAuthProvider.redirectURI(publicURL: services.config.publicURL, tool: tool))
        } catch {
            throw PageError(
                status: 502, title: "Could not connect",
                message: "\(tool) did not accept the authorisation (\(error.code)). Nothing was stored; start again from the original link."
            )
        }
        let (connection, _) = try await ConnectionVault(database: database, services: services).store(grant, session: session, task: task)
        session.completedAt = now
        try await session.update(on: database)
        await ToolRegistry(database: database, services: services, accountID: session.$account.id, environment: session.environment)
            .discoverAfterConsent(tool, accessToken: grant.accessToken)
        try await resumeWaiting(
            accountID: session.$account.id, environment: session.environment, userID: session.userID, tool: tool)
        let redirect = session.redirectURL.map { Self.append($0, ["status": "connected", "connection_id": connection.id ?? ""]) }
        return .connected(connection, redirect: redirect)
    }

    /// Single use: the first caller with a state takes it; expired states do not count.
    private func consume(state: String, tool: String) async throws -> AuthSession? {
        let hash = SecretDigest.sha256Hex(state)
        let now = self.now
        return try await database.writeTransaction { database in
            guard let session = try await AuthSession.query(on: database).filter(\.$stateHash == hash).first(), session.tool == tool,
                let expiry = session.stateExpiresAt, expiry > now
            else { return nil }
            session.stateHash = nil
            session.stateExpiresAt = nil
            try await session.update(on: database)
            return session
        }
    }

    private func provider(for session: AuthSession) async throws -> OAuthProvider {
        let registry = ToolRegistry(
            database: database, services: services, accountID: session.$account.id, environment: session.environment)
        do {
            guard let provider = try await registry.oauthProvider(for: session.tool) else {
                throw PageError(status: 404, title: "Not an OAuth service", message: "\(session.tool) does not use OAuth.")
            }
            return provider
        } catch let failure as ToolFailure {
            throw PageError(status: 503, title: "Not configured", message: failure.suggestion ?? failure.message)
        }
    }

    private func declined(_ session: AuthSession, task: AgentTask?) async throws {
        session.completedAt = now
        try await session.update(on: database)
        guard let task, let id = task.id, task.status == .waiting else { return }
        try await TaskTransitions(database: database, now: now).fail(
            id, ownedBy: nil,
            failure: TaskFailure(
                code: .consentDeclined, message: "The end user declined to authorise \(session.tool).", tool: session.tool,
                recoverable: true, suggestion: "Ask the user to approve access to \(session.tool), then create the task again."))
    }

    /// Every task of this user waiting for consent to this tool goes on.
    func resumeWaiting(accountID: String, environment: PlotonEnvironment, userID: String, tool: String) async throws {
        let waiting = try await AgentTask.query(on: database)
            .filter(\.$account.$id == accountID).filter(\.$environment == environment).filter(\.$userID == userID)
            .filter(\.$status == TaskStatus.waiting).all()
        let reasons: Set<WaitingRequest.Reason> = [.oauthConsentRequired, .additionalScopesRequired, .credentialsRequired]
        let transitions = TaskTransitions(database: database, now: now)
        var resumed = false
        for task in waiting {
            guard let request = try task.waiting, reasons.contains(request.reason), request.service == tool, let id = task.id else {
                continue
            }
            let moved = try await transitions.move(
                id, to: .running, event: nil,
                apply: { task in
                    task.waitingJSON = nil
                    task.waitingExpiresAt = nil
                })
            resumed = resumed || moved != nil
        }
        if resumed { await WorkNotifier.notify(database: database, wakeUp: services.wakeUp) }
    }

    static func append(_ url: String, _ items: [String: String]) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.queryItems =
            (components.queryItems ?? []) + items.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return components.string ?? url
    }
}
