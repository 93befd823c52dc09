import Fluent
import Foundation
import PlotonCore
import Vapor

/// The hosted form where an end user gives their own key for a per-user API-key tool
/// (`credentials_required`); the key goes into the vault like a token and waiting tasks resume.
struct CredentialsPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("credentials", ":tool", use: form)
        routes.post("credentials", ":tool", use: save)
    }

    @Sendable func form(req: Request) async throws -> Response {
        let tool = try req.parameters.require("tool")
        return try await OAuthPagesController.page {
            let session = try await Self.session(req, tool: tool, id: req.queryValue("session"))
            return HostedPage.response(
                title: "Connect \(tool)", body: HostedPageViews.credentials(tool: tool, session: session.id ?? ""))
        }
    }

    @Sendable func save(req: Request) async throws -> Response {
        let tool = try req.parameters.require("tool")
        return try await OAuthPagesController.page {
            let fields = req.formFields
            let session = try await Self.session(req, tool: tool, id: fields["session"])
            guard let key = fields["key"]?.trimmingCharacters(in: .whitespacesAndNewlines), !key.isEmpty, key.count <= 4096 else {
                throw AuthFlow.PageError(status: 400, title: "Key missing", message: "Enter the key, then save.")
            }
            let now = req.now
            let box = req.ploton.secretBox
            try await req.db.writeTransaction { database in
                let vault = ConnectionVault(database: database, services: req.ploton)
                let existing = try await vault.current(
                    accountID: session.$account.id, environment: session.environment, userID: session.userID, tool: tool)
                let connection =
                    existing
                    ?? Connection(
                        accountID: session.$account.id, environment: session.environment, userID: session.userID, tool: tool,
                        kind: .apiKey, now: now)
                connection.status = Connection.Status.active
                connection.sealedAccessToken = try box.seal(key, associatedData: connection.associatedData("access_token"))
                connection.updatedAt = now
                try await connection.save(on: database)
                session.completedAt = now
                try await session.update(on: database)
                if existing == nil {
                    let task = try await AgentTask.query(on: database).filter(\.$id == (session.taskID ?? "")).first()
                    try await EventRecorder.record(.connectionCreated, connection: connection, task: task, now: now, on: database)
                }
            }
            try await AuthFlow(database: req.db, services: req.ploton).resumeWaiting(
                accountID: session.$account.id, environment: session.environment, userID: session.userID, tool: tool)
            return HostedPage.message(title: "Saved", message: "Your \(tool) key is saved. You can close this window.")
        }
    }

    static func session(_ req: Request, tool: String, id: String?) async throws -> AuthSession {
        let invalid = AuthFlow.PageError(status: 404, title: "Link not valid", message: "This link is not valid, was used, or has expired.")
        guard let id, let session = try await AuthSession.find(id, on: req.db), session.tool == tool, session.completedAt == nil,
            session.expiresAt > req.now
        else { throw invalid }
        // Only tools whose end users bring their own key: never a way around OAuth consent.
        let registry = ToolRegistry(
            database: req.db, services: req.ploton, accountID: session.$account.id, environment: session.environment)
        guard try await registry.definition(of: tool)?.auth.perUser == true else { throw invalid }
        return session
    }
}
