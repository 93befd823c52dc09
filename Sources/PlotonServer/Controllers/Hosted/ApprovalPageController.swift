import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// The approval page (`/approve/{signed token}`, a task's `waiting.auth_url` when it waits for
/// `approval_required`): what the step is about to do, with Approve and Deny. The answer goes
/// through the same code as `POST /v1/tasks/{id}/input`.
struct ApprovalPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("approve", ":token", use: show)
        routes.post("approve", ":token", use: decide)
    }

    /// The task and the service answering for it, when the link is valid and its step still waits.
    private func pending(_ req: Request) async throws -> (AgentTask, TaskService)? {
        guard let link = ApprovalLink(token: try req.parameters.require("token"), services: req.ploton),
            let task = try await AgentTask.find(link.taskID, on: req.db), task.status == .waiting,
            try task.waiting?.reason == .approvalRequired,
            try await TaskService.pendingStep(of: link.taskID, on: req.db) == link.step
        else { return nil }
        let principal = APIPrincipal(keyID: "approval-link", accountID: task.$account.id, environment: task.environment)
        return (task, TaskService(database: req.db, services: req.ploton, principal: principal))
    }

    @Sendable func show(req: Request) async throws -> Response {
        guard let (task, _) = try await pending(req) else { return Self.unavailable() }
        let body = HostedPageViews.approval(
            message: try task.waiting?.message ?? "A step of this task needs approval.", prompt: task.prompt,
            token: try req.parameters.require("token"))
        return HostedPage.response(title: "Approve this action?", body: body)
    }

    @Sendable func decide(req: Request) async throws -> Response {
        guard let decision = req.formFields["decision"], ["approve", "deny"].contains(decision) else {
            return HostedPage.message(status: .badRequest, title: "Not understood", message: "Choose Approve or Deny.")
        }
        guard let (task, service) = try await pending(req) else { return Self.unavailable() }
        do {
            _ = try await service.answer(try task.requireID(), input: nil, approve: decision == "approve")
        } catch is TaskError {
            return Self.unavailable()  // answered a moment ago, from here or elsewhere
        }
        return decision == "approve"
            ? HostedPage.message(title: "Approved", message: "The task goes on. You can close this page.")
            : HostedPage.message(title: "Denied", message: "The step will not run; the task stops. You can close this page.")
    }

    static func unavailable() -> Response {
        HostedPage.message(
            status: .gone, title: "Nothing to approve",
            message: "This approval link is not valid, has expired, or its step was already answered.")
    }
}
