import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// `/v1/tools`: the built-in catalogue and the account environment's custom tools.
struct ToolsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let tools = routes.grouped("tools")
        tools.get(use: list)
        tools.post(use: register)
        tools.get(":name", use: show)
        tools.patch(":name", use: update)
        tools.delete(":name", use: delete)
        tools.put(":name", "credentials", use: setCredentials)
        tools.get(":name", "memory", use: memory)
        tools.post(":name", "refresh", use: refresh)
    }

    enum ToolType: String, CaseIterable { case builtin, custom }

    /// Built-ins first, then custom tools by name; the built-ins' objects are encoded once per process.
    @Sendable func list(req: Request) async throws -> Response {
        let registry = try req.toolRegistry()
        let type: ToolType? = try req.queryEnum("type")
        let page = try Pagination(req)
        let credentialed = try await registry.toolsWithCredentials()
        var all: [Data] = []
        if type != .custom {
            all += EncodedToolList.builtIns.map { credentialed.contains($0.name) ? $0.withCredentials : $0.withoutCredentials }
        }
        if type != .builtin {
            all += try await registry.customTools().map {
                EncodedToolList.encoded(ToolPresenter.custom($0, credentialsConfigured: credentialed.contains($0.name)))
            }
        }
        let slice = all.dropFirst(page.offset).prefix(page.limit)
        return EncodedToolList.response(slice, hasMore: all.count > page.offset + slice.count)
    }

    @Sendable func register(req: Request) async throws -> Response {
        let body = try req.decodeStrictly(ToolDefinitionRequest.self)
        let tool = try await req.toolAdministration().register(body)
        return try ToolPresenter.custom(tool, credentialsConfigured: false).jsonResponse(status: .created)
    }

    /// `POST /v1/tools/{name}/refresh`: an MCP server's tools, listed again (for OAuth, as `user_id`).
    @Sendable func refresh(req: Request) async throws -> Response {
        let body = try req.decodeStrictly(RefreshToolRequest.self)
        let tools = try req.toolAdministration()
        let name = try req.parameters.require("name")
        let refreshed = try await tools.refresh(name, with: body)
        return try ToolPresenter.custom(refreshed, credentialsConfigured: try await tools.registry.hasCredentials(for: name)).jsonResponse()
    }

    @Sendable func show(req: Request) async throws -> Response {
        let tools = try req.toolAdministration()
        let name = try req.parameters.require("name")
        if let builtIn = ToolCatalog.builtInDefinitions.first(where: { $0.name == name }) {
            return try ToolPresenter.builtIn(builtIn, credentialsConfigured: try await tools.registry.hasCredentials(for: name))
                .jsonResponse()
        }
        let tool = try await tools.custom(name)
        return try ToolPresenter.custom(tool, credentialsConfigured: try await tools.registry.hasCredentials(for: name)).jsonResponse()
    }

    /// Merges the given top-level fields over the stored definition and validates the result.
    @Sendable func update(req: Request) async throws -> Response {
        let tools = try req.toolAdministration()
        let name = try req.parameters.require("name")
        let updated = try await tools.update(name, with: try req.decodeStrictly(ToolDefinitionRequest.self))
        return try ToolPresenter.custom(updated, credentialsConfigured: try await tools.registry.hasCredentials(for: name)).jsonResponse()
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let name = try req.parameters.require("name")
        try await req.toolAdministration().delete(name)
        return try JSONValue.object(["object": .string("tool"), "name": .string(name), "deleted": .bool(true)]).jsonResponse()
    }

    @Sendable func setCredentials(req: Request) async throws -> Response {
        let name = try req.parameters.require("name")
        let body = try req.decodeStrictly(ToolCredentialsRequest.self)
        let (type, updatedAt) = try await req.toolAdministration().setCredentials(name, from: body)
        return try JSONValue.object([
            "object": .string("tool_credentials"), "tool": .string(name), "type": .string(type.rawValue),
            "configured": .bool(true), "updated_at": .string(ISO8601DateFormatter().string(from: updatedAt)),
        ]).jsonResponse()
    }

    /// `GET /v1/tools/{name}/memory`: what this environment's runs of the tool have taught us.
    @Sendable func memory(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let name = try req.parameters.require("name")
        guard try await req.toolRegistry().catalog().tool(name) != nil else { throw ToolError.notFound(name) }
        return try await ToolMemory.report(tool: name, accountID: principal.accountID, environment: principal.environment, on: req.db)
            .jsonResponse()
    }
}
