import Fluent
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
        let principal = try req.requirePrincipal()
        let query = WebhookEndpoint.query(on: req.db)
            .filter(\.$account.$id == principal.accountID).filter(\.$environment == principal.environment)
            .sort(\.$createdAt, .descending).sort(\.$id, .descending)
        let (items, hasMore) = try await Pagination(req).page(query)
        return try ListObject(data: items.map(WebhookPresenter.endpoint), hasMore: hasMore).jsonResponse()
    }

    @Sendable func create(req: Request) async throws -> Response {
        let endpoint = try await Self.create(try req.decodeStrictly(CreateWebhookEndpointRequest.self), req: req)
        return try WebhookPresenter.endpoint(endpoint).jsonResponse(status: .created)
    }

    /// Shared with the dashboard, which sends its forms as the same request.
    static func create(_ body: CreateWebhookEndpointRequest, req: Request) async throws -> WebhookEndpoint {
        let principal = try req.requirePrincipal()
        let url = try url(body.url, allowPrivate: req.ploton.config.allowPrivateNetwork, resolver: req.ploton.outbound.resolver)
        let endpoint = WebhookEndpoint(
            accountID: principal.accountID, environment: principal.environment, url: url, events: try events(body.events) ?? ["*"],
            description: body.description, now: req.now)
        endpoint.enabled = body.enabled ?? true
        try await endpoint.create(on: req.db)
        return endpoint
    }

    @Sendable func show(req: Request) async throws -> Response {
        try WebhookPresenter.endpoint(try await Self.find(req)).jsonResponse()
    }

    @Sendable func update(req: Request) async throws -> Response {
        let endpoint = try await Self.find(req)
        try await Self.update(endpoint, with: try req.decodeStrictly(UpdateWebhookEndpointRequest.self), req: req)
        return try WebhookPresenter.endpoint(endpoint).jsonResponse()
    }

    static func update(_ endpoint: WebhookEndpoint, with body: UpdateWebhookEndpointRequest, req: Request) async throws {
        if let url = body.url {
            endpoint.url = try Self.url(url, allowPrivate: req.ploton.config.allowPrivateNetwork, resolver: req.ploton.outbound.resolver)
        }
        if let events = try Self.events(body.events) { endpoint.events = events }
        if let enabled = body.enabled {
            endpoint.enabled = enabled
            if enabled { endpoint.disabledReason = nil }
        }
        if let description = body.description { endpoint.endpointDescription = description }
        endpoint.updatedAt = req.now
        try await endpoint.update(on: req.db)
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let endpoint = try await Self.find(req)
        try await endpoint.delete(on: req.db)
        return try JSONValue.object(["id": .string(endpoint.id ?? ""), "object": .string("webhook_endpoint"), "deleted": .bool(true)])
            .jsonResponse()
    }

    static func find(_ req: Request) async throws -> WebhookEndpoint {
        let principal = try req.requirePrincipal()
        let id = try req.parameters.require("id")
        guard
            let endpoint = try await WebhookEndpoint.query(on: req.db)
                .filter(\.$id == id).filter(\.$account.$id == principal.accountID)
                .filter(\.$environment == principal.environment).first()
        else { throw APIFailure.notFound("webhook endpoint", id: id) }
        return endpoint
    }

    /// An absolute http(s) URL; loopback, private and other non-public addresses only when the server allows them.
    static func url(_ raw: String, allowPrivate: Bool, resolver: OutboundResolver) throws -> String {
        guard let url = URL(string: raw), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), let host = url.host, !host.isEmpty,
            url.user == nil
        else {
            throw APIFailure.invalid("url", "url must be an absolute http:// or https:// URL, such as https://example.com/webhooks.")
        }
        // Names are checked again at every delivery, against each address they resolve to then.
        if !allowPrivate, let reason = NetworkPolicy.literalRefusal(host: host, resolver: resolver) {
            throw APIFailure.invalid(
                "url",
                "url points at a \(reason) address (this machine or a private network); set PLOTON_ALLOW_PRIVATE_NETWORK=true to allow that."
            )
        }
        return raw
    }

    /// `events`: event types, or `["*"]` for all, each once.
    static func events(_ names: [String]?) throws -> [String]? {
        guard let names else { return nil }
        if let unknown = names.first(where: { $0 != "*" && !WebhookEventType.all.contains($0) }) {
            throw APIFailure.invalid(
                "events", "Unknown event type \(unknown). Use one of: \(WebhookEventType.all.joined(separator: ", ")), or *.")
        }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
