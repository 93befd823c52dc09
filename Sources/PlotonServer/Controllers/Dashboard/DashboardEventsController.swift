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
        let types = DashboardPage.filter(id: "event-type", name: "event", values: WebhookEventType.all, selected: req.queryValue("event"))
        let rows = events.map { event in
            let id = event.id ?? ""
            return DashboardPage.row([
                "<a href=\"/dashboard/events/\(id)\">\(id)</a>", HostedPage.escape(event.type),
                event.taskID.map { "<a href=\"/dashboard/tasks/\($0)\">\($0)</a>" } ?? "-", DashboardPage.date(event.createdAt),
                HostedPage.escape(event.deliveryStatus ?? "no destinations"),
            ])
        }
        let body = """
            <form method="get" action="/dashboard/events"><label for="event-type">Event</label>\
            \(types) <button type="submit">Filter</button></form>
            \(DashboardPage.table(["Event", "Type", "Task", "Created", "Delivery"], rows, empty: "No events in this environment yet."))
            """
        return DashboardPage.render(req, title: "Events", body: body)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let event = WebhookPresenter.event(try await EventsController.find(req))
        let attempts = try await WebhookDelivery.query(on: req.db).filter(\.$eventID == event.id).sort(\.$id, .descending).all()
            .map(WebhookPresenter.delivery)
        let rows = attempts.map { attempt in
            DashboardPage.row([
                "\(attempt.attempt)", "<code>\(HostedPage.escape(attempt.url))</code>", HostedPage.escape(attempt.status),
                attempt.statusCode.map(String.init) ?? "-", attempt.durationMs.map { "\($0) ms" } ?? "-",
                DashboardPage.date(attempt.attemptedAt), HostedPage.escape(attempt.error ?? ""),
                attempt.nextAttemptAt.map(DashboardPage.date) ?? "",
            ])
        }
        let body = """
            <p><strong>\(event.event)</strong> at \(DashboardPage.date(event.timestamp))\
            \(event.taskID.map { " for task <a href=\"/dashboard/tasks/\($0)\">\($0)</a>" } ?? "") · \
            delivery: \(HostedPage.escape(event.deliveryStatus ?? "no destinations"))</p>
            <h2>Payload</h2><pre>\(HostedPage.escape(event.data.prettyJSONText))</pre>
            <h2>Delivery attempts</h2>
            \(DashboardPage.table(["#", "URL", "Status", "HTTP", "Took", "Attempted", "Error", "Next attempt"], rows, empty: "No attempts yet."))
            \(DashboardPage.button(req, action: "/dashboard/events/\(event.id)/redeliver", label: "Redeliver now"))
            """
        return DashboardPage.render(req, title: "Event \(event.id)", body: body)
    }

    @Sendable func redeliver(req: Request) async throws -> Response {
        let event = try await EventsController.find(req)
        try await EventsController.redeliver(event, req: req)
        return HostedPage.redirect(to: "/dashboard/events/\(event.id ?? "")")
    }
}
