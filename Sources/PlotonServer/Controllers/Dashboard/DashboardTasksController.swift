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
            DashboardPage.row([
                "<a href=\"/dashboard/tasks/\(task.id ?? "")\">\(task.id ?? "")</a>", task.status, HostedPage.escape(task.userID ?? "-"),
                DashboardPage.date(task.createdAt), HostedPage.escape(String(task.prompt.prefix(80))),
            ])
        }
        let statuses = DashboardPage.filter(
            id: "status", name: "status", values: TaskStatus.allCases.map(\.rawValue), selected: status?.rawValue)
        return DashboardPage.render(
            req, title: "Tasks",
            body: """
                <form class="filters" method="get" action="/dashboard/tasks"><div><label for="status">Status</label>\(statuses)</div>
                <div><label for="user">End user</label><input id="user" name="user" type="text" value="\(HostedPage.escape(user ?? ""))"></div>
                <button type="submit">Filter</button></form>
                \(DashboardPage.table(["Task", "Status", "User", "Created", "Prompt"], rows, empty: "No tasks match."))
                """)
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
        let object = task.toObject()
        let trace = try await TaskTraceBuilder.trace(for: task, on: req.db)
        let facts: [(String, String?)] = [
            ("Status", "<strong>\(object.status.rawValue)</strong>"), ("End user", object.userID.map(HostedPage.escape)),
            ("Tools", object.tools.isEmpty ? nil : HostedPage.escape(object.tools.joined(separator: ", "))),
            ("Subagent", object.subAgent.map(HostedPage.escape)), ("Created", DashboardPage.date(object.createdAt)),
            ("Completed", object.completedAt.map(DashboardPage.date)),
            ("Events", "<a href=\"/dashboard/events?task_id=\(object.id)\">this task's events</a>"),
        ]
        var details = "<p>\(HostedPage.escape(object.prompt))</p><dl>"
        details += facts.compactMap { name, value in value.map { "<dt>\(name)</dt><dd>\($0)</dd>" } }.joined() + "</dl>"
        if let waiting = object.waiting {
            details +=
                "<p class=\"notice\">Waiting: \(waiting.reason)"
                + (waiting.authURL.map { " — <a href=\"\(HostedPage.escape($0))\">\(HostedPage.escape($0))</a>" } ?? "") + "</p>"
            if waiting.reason == WaitingRequest.Reason.approvalRequired.rawValue {
                details +=
                    "<p>\(HostedPage.escape(waiting.message ?? ""))</p>"
                    + DashboardPage.button(
                        req, action: "/dashboard/tasks/\(object.id)/approval", label: "Approve", fields: ["decision": "approve"])
                    + DashboardPage.button(
                        req, action: "/dashboard/tasks/\(object.id)/approval", label: "Deny", fields: ["decision": "deny"])
            }
        }
        if let error = object.error {
            details += "<p class=\"error\">Error <code>\(HostedPage.escape(error.code))</code>: \(HostedPage.escape(error.message))</p>"
        }
        if let result = object.result { details += "<h2>Result</h2><pre>\(HostedPage.escape(result.prettyJSONText))</pre>" }
        let start = trace.steps.first?.startedAt
        let timeline = trace.steps.map { step in
            let offset = start.map { Int((step.startedAt.timeIntervalSince($0) * 1000).rounded()) } ?? 0
            let recoveries = step.recoveries.compactMap { $0.value(at: "type")?.stringValue }.joined(separator: ", ")
            return "<li><strong>\(HostedPage.escape(step.tool)).\(HostedPage.escape(step.capability))</strong> \(step.status)"
                + " · at +\(offset) ms · \(step.attempts) attempt(s)\(step.durationMs.map { " · took \($0) ms" } ?? "")"
                + (recoveries.isEmpty ? "" : " · recoveries: \(HostedPage.escape(recoveries))")
                + (step.outputSummary.map { "<br><span class=\"muted\">\(HostedPage.escape($0))</span>" } ?? "") + "</li>"
        }
        return DashboardPage.render(
            req, title: "Task \(object.id)",
            body: details + "<h2>Trace</h2>" + (timeline.isEmpty ? "<p class=\"muted\">No steps yet.</p>" : "<ol>\(timeline.joined())</ol>")
        )
    }
}
