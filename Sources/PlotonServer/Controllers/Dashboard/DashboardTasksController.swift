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
    }

    private func service(_ req: Request) throws -> TaskService {
        TaskService(database: req.db, services: req.ploton, principal: try req.requirePrincipal())
    }

    @Sendable func list(req: Request) async throws -> Response {
        let status = req.queryValue("status").flatMap(TaskStatus.init(rawValue:))
        let user = req.queryValue("user")
        let (tasks, _) = try await service(req).list(
            .init(status: status, userID: user), page: Pagination(limit: Pagination.maxLimit))
        let options = ([""] + TaskStatus.allCases.map(\.rawValue)).map { value in
            "<option value=\"\(value)\"\(value == status?.rawValue ?? "" ? " selected" : "")>\(value.isEmpty ? "any" : value)</option>"
        }
        let rows = tasks.map { task in
            "<tr><td><a href=\"/dashboard/tasks/\(task.id ?? "")\">\(task.id ?? "")</a></td><td>\(task.status)</td>"
                + "<td>\(HostedPage.escape(task.userID ?? "-"))</td><td>\(DashboardPage.date(task.createdAt))</td>"
                + "<td>\(HostedPage.escape(String(task.prompt.prefix(80))))</td></tr>"
        }
        return DashboardPage.render(
            req, title: "Tasks",
            body: """
                <form method="get" action="/dashboard/tasks"><label for="status">Status</label><select id="status" name="status">\(options.joined())</select>
                <label for="user">End user</label><input id="user" name="user" type="text" value="\(HostedPage.escape(user ?? ""))">
                <button type="submit">Filter</button></form>
                <table><thead><tr><th>Task</th><th>Status</th><th>User</th><th>Created</th><th>Prompt</th></tr></thead>
                <tbody>\(rows.joined())</tbody></table>
                """)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let task = try await service(req).find(try req.parameters.require("id"))
        let object = task.toObject()
        let trace = try await TaskTraceBuilder.trace(for: task, on: req.db)
        var details = "<p><strong>\(object.status.rawValue)</strong> · \(HostedPage.escape(object.prompt))</p>"
        if let waiting = object.waiting {
            details +=
                "<p>Waiting: \(waiting.reason)"
                + (waiting.authURL.map { " — <a href=\"\(HostedPage.escape($0))\">\(HostedPage.escape($0))</a>" } ?? "") + "</p>"
        }
        if let error = object.error {
            details += "<p>Error <code>\(HostedPage.escape(error.code))</code>: \(HostedPage.escape(error.message))</p>"
        }
        if let result = object.result { details += "<h2>Result</h2><pre>\(HostedPage.escape(result.prettyJSONText))</pre>" }
        let timeline = trace.steps.map { step in
            let recoveries = step.recoveries.compactMap { $0.value(at: "type")?.stringValue }.joined(separator: ", ")
            return "<li><strong>\(HostedPage.escape(step.tool)).\(HostedPage.escape(step.capability))</strong> \(step.status)"
                + " · \(step.attempts) attempt(s)\(step.durationMs.map { " · \($0) ms" } ?? "")"
                + (recoveries.isEmpty ? "" : " · recoveries: \(HostedPage.escape(recoveries))") + "</li>"
        }
        return DashboardPage.render(
            req, title: "Task \(object.id)", body: details + "<h2>Trace</h2><ol>\(timeline.joined())</ol>")
    }
}
