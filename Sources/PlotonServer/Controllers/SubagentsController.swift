import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// `/v1/subagents`: scoped agents whose tools come from a domain prompt; tasks name one with
/// `sub_agent` to run inside its boundary.
struct SubagentsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let subagents = routes.grouped("subagents")
        subagents.get(use: list)
        subagents.post(use: deploy)
        subagents.get(":id", use: show)
        subagents.patch(":id", use: update)
        subagents.delete(":id", use: delete)
    }

    static func service(_ req: Request) throws -> SubagentService {
        SubagentService(registry: try ToolsController.registry(req), now: req.now)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let all = try await Self.service(req).list(type: try TasksController.queryEnum(req, "type"))
        let page = try Pagination(req)
        let slice = Array(all.dropFirst(page.offset).prefix(page.limit))
        return try ListObject(data: slice, hasMore: all.count > page.offset + slice.count).jsonResponse()
    }

    @Sendable func deploy(req: Request) async throws -> Response {
        let body = try req.decodeStrictly(CreateSubagentRequest.self)
        let prompt = try Self.prompt(body.prompt)
        return try await Self.service(req).deploy(name: body.name, prompt: prompt).jsonResponse(status: .created)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let id = try req.parameters.require("id")
        guard let subagent = try await Self.service(req).find(id) else { throw APIFailure.notFound("subagent", id: id) }
        return try subagent.jsonResponse()
    }

    @Sendable func update(req: Request) async throws -> Response {
        let body = try req.decodeStrictly(UpdateSubagentRequest.self)
        let prompt = try body.prompt.map(Self.prompt)
        return try await Self.service(req).update(try req.parameters.require("id"), name: body.name, prompt: prompt).jsonResponse()
    }

    /// A task's prompt rules (`prompt_too_long`, not blank) hold for a subagent's too.
    static func prompt(_ prompt: String) throws -> String {
        try TasksController.prompt(prompt)
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let id = try await Self.service(req).delete(try req.parameters.require("id"))
        return try JSONValue.object(["id": .string(id), "object": .string("subagent"), "deleted": .bool(true)]).jsonResponse()
    }
}
