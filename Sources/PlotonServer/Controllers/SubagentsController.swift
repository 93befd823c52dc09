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

    static let fields: Set<String> = ["name", "prompt"]

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
        let body = try JSONBody.read(req, allowedKeys: Self.fields)
        let name = try body.requiredString("name", maxLength: .max)
        let prompt = try TasksController.prompt(body)
        return try await Self.service(req).deploy(name: name, prompt: prompt).jsonResponse(status: .created)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let id = try req.parameters.require("id")
        guard let subagent = try await Self.service(req).find(id) else { throw APIFailure.notFound("subagent", id: id) }
        return try subagent.jsonResponse()
    }

    @Sendable func update(req: Request) async throws -> Response {
        let body = try JSONBody.read(req, allowedKeys: Self.fields)
        let name = try body.string("name", maxLength: .max)
        let prompt = body.fields["prompt"] == nil ? nil : try TasksController.prompt(body)
        return try await Self.service(req).update(try req.parameters.require("id"), name: name, prompt: prompt).jsonResponse()
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let id = try await Self.service(req).delete(try req.parameters.require("id"))
        return try JSONValue.object(["id": .string(id), "object": .string("subagent"), "deleted": .bool(true)]).jsonResponse()
    }
}
