import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// The event log in the dashboard: every event with its delivery status, each event's payload and
/// delivery attempts, and redelivery; the same queries and redelivery as `/v1/events`.
struct DashboardEventsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let events = routes.grouped("dashboard", "events")
        events.get(use: list)
        events.get(":id", use: show)
        events.post(":id", "redeliver", use: redeliver)
    }

    @Sendable func list(req: Request) async throws -> Response {
        // The list shows no payloads, so events are not presented (and their JSON not parsed) here.
        let service = try req.events()
        let events = try await service.query(try EventService.Filters(query: req)).limit(Pagination.maxLimit).all()
        let statuses = try await service.deliveryStatuses(of: events)
        let rows = events.map { event in
            EventsPageView.Model.Row(
                id: event.id ?? "", type: event.type.rawValue, taskID: event.taskID, createdAt: event.createdAt,
                deliveryStatus: statuses[event.id ?? ""]?.rawValue)
        }
        let model = EventsPageView.Model(rows: rows, selectedType: req.queryValue("event"))
        return DashboardPage.render(req, title: "Events", body: EventsPageView.list(model))
    }

    @Sendable func show(req: Request) async throws -> Response {
        let events = try req.events()
        let stored = try await events.find(try req.parameters.require("id"))
        let event = try await events.presented([stored])[0]
        let attempts = try await events.deliveries(of: stored).all().map(WebhookPresenter.delivery)
        return DashboardPage.render(
            req, title: "Event \(event.id)", body: EventsPageView.event(event, attempts: attempts, csrf: DashboardPage.csrf(req)))
    }

    @Sendable func redeliver(req: Request) async throws -> Response {
        let events = try req.events()
        let event = try await events.find(try req.parameters.require("id"))
        try await events.redeliver(event)
        return HostedPage.redirect(to: "/dashboard/events/\(event.id ?? "")")
    }
}
