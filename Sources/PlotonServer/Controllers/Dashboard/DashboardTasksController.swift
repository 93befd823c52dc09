import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// Tasks in the dashboard: a list with status and end-user filters, and a task's prompt, result
/// or error, waiting state (with its `auth_url`) and trace timeline. Same services as the API.
struct DashboardTasksController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let tasks = routes.grouped("dashboard", "tasks")
        tasks.get(use: list)
        tasks.get(":id", use: show)
        tasks.post(":id", "approval", use: approval)
    }

    private func service(_ req: Request) throws -> TaskService {
        TaskService(database: req.db, services: req.ploton, principal: try req.requirePrincipal())
    }

    @Sendable func list(req: Request) async throws -> Response {
        let status = req.queryValue("status").flatMap(TaskStatus.init(rawValue:))
        let user = req.queryValue("user")
        let (tasks, _) = try await service(req).list(
            .init(status: status, userID: user), page: Pagination(limit: Pagination.maxLimit))
        let rows = tasks.map { task in
            TasksListView.Model.Row(
                id: task.id ?? "", status: task.status.rawValue, userID: task.userID, createdAt: task.createdAt, prompt: task.prompt)
        }
        return DashboardPage.render(
            req, title: "Tasks", body: TasksListView.body(.init(rows: rows, status: status?.rawValue, user: user)))
    }

    /// Approves or denies the step a task waits on, as `POST /v1/tasks/{id}/input` does.
    @Sendable func approval(req: Request) async throws -> Response {
        guard let decision = req.formFields["decision"], ["approve", "deny"].contains(decision) else {
            throw APIFailure.invalid("decision", "Choose Approve or Deny.")
        }
        let task = try await service(req).answer(try req.parameters.require("id"), input: nil, approve: decision == "approve")
        return HostedPage.redirect(to: "/dashboard/tasks/\(task.id ?? "")")
    }

    @Sendable func show(req: Request) async throws -> Response {
        let task = try await service(req).find(try req.parameters.require("id"))
        let object = try task.toObject()
        let trace = try await TaskTraceBuilder.trace(for: task, on: req.db)
        return DashboardPage.render(
            req, title: "Task \(object.id)", body: TaskPageView.body(.init(task: object, trace: trace, csrf: DashboardPage.csrf(req))))
    }
}
