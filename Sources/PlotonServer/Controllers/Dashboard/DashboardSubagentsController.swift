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
        let subagents = try await req.subagents().list(type: nil)
        let body = SubagentsPageView.list(subagents, maxNameLength: SubagentService.maxNameLength, csrf: DashboardPage.csrf(req))
        return DashboardPage.render(req, title: "Subagents", body: body)
    }

    /// The form's prompt, held to the API's rules (`prompt_too_long`, not blank).
    private static func prompt(_ form: [String: String]) throws -> String {
        try TaskFields.prompt(form["prompt"] ?? "")
    }

    @Sendable func deploy(req: Request) async throws -> Response {
        let form = req.formFields
        let prompt = try Self.prompt(form)
        let subagent = try await req.subagents().deploy(name: form["name"] ?? "", prompt: prompt)
        return HostedPage.redirect(to: "/dashboard/subagents/\(subagent.id)")
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let id = try req.parameters.require("id")
        guard let subagent = try await req.subagents().find(id), subagent.type == "custom" else {
            return DashboardPage.notFound(req, "custom subagent")
        }
        let body = SubagentsPageView.edit(subagent, maxNameLength: SubagentService.maxNameLength, csrf: DashboardPage.csrf(req))
        return DashboardPage.render(req, title: "Subagent \(subagent.name)", body: body)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let form = req.formFields
        let prompt = try Self.prompt(form)
        let subagent = try await req.subagents().update(
            try req.parameters.require("id"), name: form["name"], prompt: prompt)
        return HostedPage.redirect(to: "/dashboard/subagents/\(subagent.id)")
    }

    @Sendable func delete(req: Request) async throws -> Response {
        try DashboardPage.requireConfirmation(req, "delete a subagent")
        _ = try await req.subagents().delete(try req.parameters.require("id"))
        return HostedPage.redirect(to: "/dashboard/subagents")
    }
}
