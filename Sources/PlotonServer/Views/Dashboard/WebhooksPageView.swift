import Foundation
import Plot
import PlotonAPI

/// Webhooks: the signing secret (reveal, roll with an overlap) and the endpoints (add, edit,
/// enable or disable, delete).
enum WebhooksPageView {
    struct Model {
        var environment: PlotonEnvironment
        var secret: String
        var previousExpiresAt: Date?
        var endpoints: [WebhookEndpointObject]
        var csrf: String
    }

    static func body(_ model: Model) -> Markup {
        let csrf = model.csrf
        let rows = model.endpoints.map { endpoint in
            let path = "/dashboard/webhooks/endpoints/\(endpoint.id)"
            return Markup.row(
                .group(.code(.plain(endpoint.url)), endpoint.description.map { Markup.group(.br, .plain($0)) } ?? .empty),
                .plain(endpoint.events.joined(separator: ", ")),
                endpoint.enabled
                    ? .span(.class("ok"), "enabled")
                    : .group(.span(.class("bad"), "disabled"), endpoint.disabledReason.map { Markup.plain(" (\($0))") } ?? .empty),
                .group(
                    .a(.href(path), "Edit"), " ",
                    .button(
                        csrf: csrf, action: path, label: endpoint.enabled ? "Disable" : "Enable",
                        fields: ["enabled": endpoint.enabled ? "false" : "true"]),
                    .button(csrf: csrf, action: "\(path)/delete", label: "Delete", confirm: true)))
        }
        return .group(
            .h2("Signing secret"),
            .details(
                .tag("summary", .plain("Reveal the \(model.environment.rawValue) webhook secret")),
                .copyable(id: "webhook-secret", label: "Webhook secret", value: model.secret)),
            model.previousExpiresAt.map { Markup.p(.class("muted"), "The previous secret also signs until ", .date($0), ".") } ?? .empty,
            .post(
                "/dashboard/webhooks/secret/roll", .csrf(csrf), .label(.for("overlap"), "The current secret keeps signing for"),
                .select(
                    .id("overlap"), .name("expires_in"), .option(.value("86400"), "24 hours"), .option(.value("3600"), "1 hour"),
                    .option(.value("0"), "0 s (stop now)")), " ",
                .button(.type("submit"), "Roll secret")),
            .h2("Endpoints"),
            .table(["URL", "Events", "Status", ""], rows, empty: "No endpoints yet: events go only to tasks' webhook_url."),
            .h3("Add an endpoint"),
            .post(
                "/dashboard/webhooks/endpoints", .csrf(csrf), fields(nil),
                .div(.class("actions"), .button(.class("primary"), .type("submit"), "Add endpoint"))),
            .p("Every event and its delivery attempts: ", .a(.href("/dashboard/events"), "Events"), "."))
    }

    static func edit(_ endpoint: WebhookEndpointObject, csrf: String) -> Markup {
        .post(
            "/dashboard/webhooks/endpoints/\(endpoint.id)", .csrf(csrf), fields(endpoint),
            .div(.class("actions"), .button(.class("primary"), .type("submit"), "Save"), " ", .a(.href("/dashboard/webhooks"), "Cancel")))
    }

    /// URL, description and event checkboxes (none ticked means every event).
    private static func fields(_ endpoint: WebhookEndpointObject?) -> Markup {
        let subscribed = Set(endpoint?.events ?? ["*"])
        let boxes = EventType.names.map { type in
            Markup.label(
                .input(
                    .type("checkbox"), .name("event.\(type)"), .value("on"),
                    .flag("checked", subscribed.contains(type) && !subscribed.contains("*"))),
                .plain(" \(type)"))
        }
        return .group(
            .label(.for("endpoint-url"), "URL"),
            .input(
                .id("endpoint-url"), .name("url"), .type("url"), .flag("required"), .attr("maxlength", "2048"),
                .attr("placeholder", "https://example.com/webhooks"), .value(endpoint?.url ?? "")),
            .label(.for("endpoint-description"), "Description (optional)"),
            .input(
                .id("endpoint-description"), .name("description"), .type("text"), .attr("maxlength", "500"),
                .value(endpoint?.description ?? "")),
            .fieldset(.tag("legend", "Events (none ticked: all events)"), .group(boxes)))
    }
}
