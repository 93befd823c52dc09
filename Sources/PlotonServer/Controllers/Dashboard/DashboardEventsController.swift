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
        let events = try await EventsController.listQuery(req).limit(Pagination.maxLimit).all()
        let rows = events.map { event in
            EventsPageView.Model.Row(
                id: event.id ?? "", type: event.type, taskID: event.taskID, createdAt: event.createdAt,
                deliveryStatus: event.deliveryStatus)
        }
        let model = EventsPageView.Model(rows: rows, selectedType: req.queryValue("event"))
        return DashboardPage.render(req, title: "Events", body: EventsPageView.list(model))
    }

    @Sendable func show(req: Request) async throws -> Response {
        let event = WebhookPresenter.event(try await EventsController.find(req))
        let attempts = try await WebhookDelivery.query(on: req.db).filter(\.$eventID == event.id).sort(\.$id, .descending).all()
            .map(WebhookPresenter.delivery)
        return DashboardPage.render(
            req, title: "Event \(event.id)", body: EventsPageView.event(event, attempts: attempts, csrf: DashboardPage.csrf(req)))
    }

    @Sendable func redeliver(req: Request) async throws -> Response {
        let event = try await EventsController.find(req)
        try await EventsController.redeliver(event, req: req)
        return HostedPage.redirect(to: "/dashboard/events/\(event.id ?? "")")
    }
}
