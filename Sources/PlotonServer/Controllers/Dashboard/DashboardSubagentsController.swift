import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// Subagents in the dashboard: the prebuilt ones and those deployed here with their tools,
/// deploying one from a name and domain prompt, changing and deleting it; the same service as
/// `/v1/subagents`.
struct DashboardSubagentsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let subagents = routes.grouped("dashboard", "subagents")
        subagents.get(use: list)
        subagents.post(use: deploy)
        subagents.get(":id", use: edit)
        subagents.post(":id", use: update)
        subagents.post(":id", "delete", use: delete)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let subagents = try await SubagentsController.service(req).list(type: nil)
        let rows = subagents.map { subagent in
            let name = HostedPage.escape(subagent.name)
            return DashboardPage.row([
                subagent.type == "custom" ? "<a href=\"/dashboard/subagents/\(subagent.id)\">\(name)</a>" : name, subagent.type,
                HostedPage.escape(subagent.tools.joined(separator: ", ")), HostedPage.escape(subagent.prompt),
            ])
        }
        let body = """
            <p>A task created with <code>"sub_agent": "name"</code> can use only that subagent's tools.</p>
            \(DashboardPage.table(["Name", "Type", "Tools", "Domain prompt"], rows, empty: "No subagents."))
            <h2>Deploy a subagent</h2>
            <form method="post" action="/dashboard/subagents">\(DashboardPage.csrf(req))\(fields(nil))
            <div class="actions"><button class="primary" type="submit">Deploy subagent</button></div></form>
            """
        return DashboardPage.render(req, title: "Subagents", body: body)
    }

    private func fields(_ subagent: SubagentObject?) -> String {
        """
        <label for="subagent-name">Name</label><input id="subagent-name" name="name" type="text" required \
        maxlength="\(SubagentService.maxNameLength)" value="\(HostedPage.escape(subagent?.name ?? ""))">
        <label for="subagent-prompt">Domain prompt: the services and things it works with (its tools are derived from it)</label>
        <textarea id="subagent-prompt" name="prompt" rows="4" required>\(HostedPage.escape(subagent?.prompt ?? ""))</textarea>
        """
    }

    /// The form's prompt, held to the API's rules (`prompt_too_long`, not blank).
    private static func prompt(_ form: [String: String]) throws -> String {
        try TasksController.prompt(JSONBody(fields: ["prompt": .string(form["prompt"] ?? "")]))
    }

    @Sendable func deploy(req: Request) async throws -> Response {
        let form = req.formFields
        let prompt = try Self.prompt(form)
        let subagent = try await SubagentsController.service(req).deploy(name: form["name"] ?? "", prompt: prompt)
        return HostedPage.redirect(to: "/dashboard/subagents/\(subagent.id)")
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let id = try req.parameters.require("id")
        guard let subagent = try await SubagentsController.service(req).find(id), subagent.type == "custom" else {
            return DashboardPage.notFound(req, "custom subagent")
        }
        let body = """
            <p>Tools: <strong>\(HostedPage.escape(subagent.tools.joined(separator: ", ")))</strong> · created \
            \(DashboardPage.date(subagent.createdAt))</p>
            <form method="post" action="/dashboard/subagents/\(subagent.id)">\(DashboardPage.csrf(req))\(fields(subagent))
            <div class="actions"><button class="primary" type="submit">Save</button> <a href="/dashboard/subagents">Back</a></div></form>
            \(DashboardPage.button(req, action: "/dashboard/subagents/\(subagent.id)/delete", label: "Delete subagent", confirm: true))
            """
        return DashboardPage.render(req, title: "Subagent \(subagent.name)", body: body)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let form = req.formFields
        let prompt = try Self.prompt(form)
        let subagent = try await SubagentsController.service(req).update(
            try req.parameters.require("id"), name: form["name"], prompt: prompt)
        return HostedPage.redirect(to: "/dashboard/subagents/\(subagent.id)")
    }

    @Sendable func delete(req: Request) async throws -> Response {
        try DashboardPage.requireConfirmation(req, "delete a subagent")
        _ = try await SubagentsController.service(req).delete(try req.parameters.require("id"))
        return HostedPage.redirect(to: "/dashboard/subagents")
    }
}
