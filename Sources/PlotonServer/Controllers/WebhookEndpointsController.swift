import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// `/v1/webhook_endpoints`: where an environment's events are delivered.
struct WebhookEndpointsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let endpoints = routes.grouped("webhook_endpoints")
        endpoints.get(use: list)
        endpoints.post(use: create)
        endpoints.get(":id", use: show)
        endpoints.patch(":id", use: update)
        endpoints.delete(":id", use: delete)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let (items, hasMore) = try await Pagination(req).page(try req.webhookEndpoints().query())
        return try ListObject(data: items.map(WebhookPresenter.endpoint), hasMore: hasMore).jsonResponse()
    }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.decodeStrictly(CreateWebhookEndpointRequest.self)
        return try WebhookPresenter.endpoint(try await req.webhookEndpoints().create(body)).jsonResponse(status: .created)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try WebhookPresenter.endpoint(try await req.webhookEndpoints().find(try req.parameters.require("id"))).jsonResponse()
    }

    @Sendable func update(req: Request) async throws -> Response {
        let endpoints = try req.webhookEndpoints()
        let endpoint = try await endpoints.find(try req.parameters.require("id"))
        try await endpoints.update(endpoint, with: try req.decodeStrictly(UpdateWebhookEndpointRequest.self))
        return try WebhookPresenter.endpoint(endpoint).jsonResponse()
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let endpoints = try req.webhookEndpoints()
        let endpoint = try await endpoints.find(try req.parameters.require("id"))
        try await endpoints.delete(endpoint)
        return try JSONValue.object(["id": .string(endpoint.id ?? ""), "object": .string("webhook_endpoint"), "deleted": .bool(true)])
            .jsonResponse()
    }
}
