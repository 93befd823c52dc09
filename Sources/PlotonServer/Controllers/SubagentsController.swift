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

    @Sendable func list(req: Request) async throws -> Response {
        let all = try await req.subagents().list(type: try req.queryEnum("type"))
        let page = try Pagination(req)
        let slice = Array(all.dropFirst(page.offset).prefix(page.limit))
        return try ListObject(data: slice, hasMore: all.count > page.offset + slice.count).jsonResponse()
    }

    @Sendable func deploy(req: Request) async throws -> Response {
        let body = try req.decodeStrictly(CreateSubagentRequest.self)
        let prompt = try TaskFields.prompt(body.prompt)
        return try await req.subagents().deploy(name: body.name, prompt: prompt).jsonResponse(status: .created)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let id = try req.parameters.require("id")
        guard let subagent = try await req.subagents().find(id) else { throw SubagentError.notFound(id) }
        return try subagent.jsonResponse()
    }

    @Sendable func update(req: Request) async throws -> Response {
        let body = try req.decodeStrictly(UpdateSubagentRequest.self)
        let prompt = try body.prompt.map(TaskFields.prompt)
        return try await req.subagents().update(try req.parameters.require("id"), name: body.name, prompt: prompt).jsonResponse()
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let id = try await req.subagents().delete(try req.parameters.require("id"))
        return try JSONValue.object(["id": .string(id), "object": .string("subagent"), "deleted": .bool(true)]).jsonResponse()
    }
}
