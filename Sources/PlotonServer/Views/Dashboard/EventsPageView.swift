import Foundation
import Plot
import PlotonAPI

/// The event log with its type filter, and one event's payload and delivery attempts.
enum EventsPageView {
    struct Model {
        struct Row {
            var id: String
            var type: String
            var taskID: String?
            var createdAt: Date?
            var deliveryStatus: String?
        }

        var rows: [Row]
        var selectedType: String?
    }

    static func list(_ model: Model) -> Markup {
        let rows = model.rows.map { event in
            Markup.row(
                .a(.href("/dashboard/events/\(event.id)"), .plain(event.id)), .plain(event.type), taskLink(event.taskID) ?? "-",
                .date(event.createdAt), .plain(event.deliveryStatus ?? "no destinations"))
        }
        return .group(
            .form(
                .attr("method", "get"), .attr("action", "/dashboard/events"), .label(.for("event-type"), "Event"),
                .filter(id: "event-type", name: "event", values: EventType.names, selected: model.selectedType), " ",
                .button(.type("submit"), "Filter")),
            .table(["Event", "Type", "Task", "Created", "Delivery"], rows, empty: "No events in this environment yet."))
    }

    static func event(_ event: EventObject, attempts: [WebhookDeliveryObject], csrf: String) -> Markup {
        let rows = attempts.map { attempt in
            Markup.row(
                .plain("\(attempt.attempt)"), .code(.plain(attempt.url)), .plain(attempt.status),
                .plain(attempt.statusCode.map(String.init) ?? "-"), .plain(attempt.durationMs.map { "\($0) ms" } ?? "-"),
                .date(attempt.attemptedAt), .plain(attempt.error ?? ""), attempt.nextAttemptAt.map { .date($0) } ?? .empty)
        }
        return .group(
            .p(
                .strong(.plain(event.event)), " at ", .date(event.timestamp),
                taskLink(event.taskID).map { Markup.group(" for task ", $0) } ?? .empty,
                .plain(" · delivery: \(event.deliveryStatus ?? "no destinations")")),
            .h2("Payload"), .pre(.plain(event.data.prettyJSONText)),
            .h2("Delivery attempts"),
            .table(["#", "URL", "Status", "HTTP", "Took", "Attempted", "Error", "Next attempt"], rows, empty: "No attempts yet."),
            .button(csrf: csrf, action: "/dashboard/events/\(event.id)/redeliver", label: "Redeliver now"))
    }

    private static func taskLink(_ id: String?) -> Markup? {
        id.map { .a(.href("/dashboard/tasks/\($0)"), .plain($0)) }
    }
}
