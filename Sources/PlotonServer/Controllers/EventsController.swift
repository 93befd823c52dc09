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

    @Sendable func list(req: Request) async throws -> Response {
        let (items, hasMore) = try await Pagination(req).page(try Self.listQuery(req))
        return try ListObject(data: items.map(WebhookPresenter.event), hasMore: hasMore).jsonResponse()
    }

    /// The environment's events, newest first, filtered by `task_id`, `event` and `delivery_success`.
    static func listQuery(_ req: Request) throws -> QueryBuilder<TaskEvent> {
        let principal = try req.requirePrincipal()
        let query = TaskEvent.query(on: req.db)
            .filter(\.$account.$id == principal.accountID).filter(\.$environment == principal.environment.rawValue)
        if let taskID = req.queryValue("task_id") { query.filter(\.$taskID == taskID) }
        if let type = req.queryValue("event") {
            guard WebhookEventType.all.contains(type) else {
                throw APIFailure.invalid("event", "event must be one of: \(WebhookEventType.all.joined(separator: ", ")).")
            }
            query.filter(\.$type == type)
        }
        if let raw = req.queryValue("delivery_success") {
            guard let success = Bool(raw) else { throw APIFailure.invalid("delivery_success", "delivery_success must be true or false.") }
            let succeeded = WebhookDelivery.Status.succeeded.rawValue
            if success {
                query.filter(\.$deliveryStatus == succeeded)
            } else {
                query.filter(\.$deliveryStatus ~~ [WebhookDelivery.Status.pending.rawValue, WebhookDelivery.Status.failed.rawValue])
            }
        }
        return query.sort(\.$id, .descending)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try WebhookPresenter.event(try await Self.find(req)).jsonResponse()
    }

    /// Every attempt, newest first.
    @Sendable func deliveries(req: Request) async throws -> Response {
        let event = try await Self.find(req)
        let query = WebhookDelivery.query(on: req.db).filter(\.$eventID == event.id ?? "").sort(\.$id, .descending)
        let (items, hasMore) = try await Pagination(req).page(query)
        return try ListObject(data: items.map(WebhookPresenter.delivery), hasMore: hasMore).jsonResponse()
    }

    /// One more attempt, now, to each of the event's current destinations (no automatic retries).
    @Sendable func redeliver(req: Request) async throws -> Response {
        let event = try await Self.find(req)
        _ = try req.decodeStrictly(EmptyRequest.self)
        try await Self.redeliver(event, req: req)
        return try WebhookPresenter.event(try await Self.find(req)).jsonResponse()
    }

    static func redeliver(_ event: TaskEvent, req: Request) async throws {
        let now = req.now
        let task = try await AgentTask.query(on: req.db).filter(\.$id == (event.taskID ?? "")).first()
        let webhookURL = task?.webhookURL
        try await req.db.writeTransaction { database in
            try await WebhookOutcomes.lockEvents([event.id ?? ""], on: database)
            let destinations = try await WebhookOutbox.destinations(for: event, webhookURL: webhookURL, on: database)
            guard !destinations.isEmpty else {
                throw APIFailure(
                    .noWebhookDestinations,
                    "No enabled webhook endpoint receives \(event.type) events in this environment. Add or enable one, then redeliver.")
            }
            try await WebhookOutbox.insert(event, to: destinations, retries: false, now: now, on: database)
            try await WebhookOutcomes.summarise([event.id ?? ""], on: database)
        }
        req.ploton.webhookWakeUp.signal()
    }

    static func find(_ req: Request) async throws -> TaskEvent {
        let principal = try req.requirePrincipal()
        let id = try req.parameters.require("id")
        guard
            let event = try await TaskEvent.query(on: req.db)
                .filter(\.$id == id).filter(\.$account.$id == principal.accountID)
                .filter(\.$environment == principal.environment.rawValue).first()
        else { throw APIFailure.notFound("event", id: id) }
        return event
    }
}
