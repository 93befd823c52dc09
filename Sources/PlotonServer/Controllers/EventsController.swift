import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// `/v1/events`: the environment's event log, each event's delivery attempts, and redelivery.
struct EventsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let events = routes.grouped("events")
        events.get(use: list)
        events.get(":id", use: show)
        events.get(":id", "deliveries", use: deliveries)
        events.post(":id", "redeliver", use: redeliver)
    }

    /// Filtered by `task_id`, `event` and `delivery_success`.
    @Sendable func list(req: Request) async throws -> Response {
        let events = try req.events()
        let (items, hasMore) = try await Pagination(req).page(events.query(try EventService.Filters(query: req)))
        return try ListObject(data: try await events.presented(items), hasMore: hasMore).jsonResponse()
    }

    @Sendable func show(req: Request) async throws -> Response {
        let events = try req.events()
        return try await events.presented([try await events.find(try req.parameters.require("id"))])[0].jsonResponse()
    }

    /// Every attempt, newest first.
    @Sendable func deliveries(req: Request) async throws -> Response {
        let events = try req.events()
        let event = try await events.find(try req.parameters.require("id"))
        let (items, hasMore) = try await Pagination(req).page(events.deliveries(of: event))
        return try ListObject(data: items.map(WebhookPresenter.delivery), hasMore: hasMore).jsonResponse()
    }

    /// One more attempt, now, to each of the event's current destinations (no automatic retries).
    @Sendable func redeliver(req: Request) async throws -> Response {
        let events = try req.events()
        let id = try req.parameters.require("id")
        let event = try await events.find(id)
        _ = try req.decodeStrictly(EmptyRequest.self)
        try await events.redeliver(event)
        return try await events.presented([try await events.find(id)])[0].jsonResponse()
    }
}
