import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// Webhooks in the dashboard: the signing secret (reveal, roll with an overlap) and the endpoints
/// (add, edit, enable or disable, delete), through the same code as `/v1/webhook_secret` and
/// `/v1/webhook_endpoints`: forms are turned into the API's fields and validated by it.
struct DashboardWebhooksController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let webhooks = routes.grouped("dashboard", "webhooks")
        webhooks.get(use: index)
        webhooks.post("secret", "roll", use: rollSecret)
        webhooks.post("endpoints", use: create)
        webhooks.get("endpoints", ":id", use: edit)
        webhooks.post("endpoints", ":id", use: update)
        webhooks.post("endpoints", ":id", "delete", use: delete)
    }

    private func secrets(_ req: Request) -> WebhookSecretService {
        WebhookSecretService(database: req.db, secretBox: req.ploton.secretBox, now: req.now)
    }

    @Sendable func index(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let (secret, previousExpiresAt) = try await secrets(req).current(accountID: principal.accountID, environment: principal.environment)
        let endpoints = try await WebhookEndpoint.query(on: req.db)
            .filter(\.$account.$id == principal.accountID).filter(\.$environment == principal.environment.rawValue)
            .sort(\.$createdAt, .descending).all().map(WebhookPresenter.endpoint)
        let rows = endpoints.map { endpoint in
            let toggle = DashboardPage.button(
                req, action: "/dashboard/webhooks/endpoints/\(endpoint.id)", label: endpoint.enabled ? "Disable" : "Enable",
                fields: ["enabled": endpoint.enabled ? "false" : "true"])
            return DashboardPage.row([
                "<code>\(HostedPage.escape(endpoint.url))</code>" + (endpoint.description.map { "<br>\(HostedPage.escape($0))" } ?? ""),
                HostedPage.escape(endpoint.events.joined(separator: ", ")),
                endpoint.enabled
                    ? "<span class=\"ok\">enabled</span>"
                    : "<span class=\"bad\">disabled</span>" + (endpoint.disabledReason.map { " (\(HostedPage.escape($0)))" } ?? ""),
                "<a href=\"/dashboard/webhooks/endpoints/\(endpoint.id)\">Edit</a> \(toggle)"
                    + DashboardPage.button(
                        req, action: "/dashboard/webhooks/endpoints/\(endpoint.id)/delete", label: "Delete", confirm: true),
            ])
        }
        let overlap = previousExpiresAt.map { "<p class=\"muted\">The previous secret also signs until \(DashboardPage.date($0)).</p>" }
        let body = """
            <h2>Signing secret</h2>
            <details><summary>Reveal the \(principal.environment.rawValue) webhook secret</summary>
            \(DashboardPage.copyable(id: "webhook-secret", label: "Webhook secret", value: secret.value))</details>\(overlap ?? "")
            <form method="post" action="/dashboard/webhooks/secret/roll">\(DashboardPage.csrf(req))\
            <label for="overlap">The current secret keeps signing for</label><select id="overlap" name="expires_in">\
            <option value="86400">24 hours</option><option value="3600">1 hour</option><option value="0">0 s (stop now)</option></select>
            <button type="submit">Roll secret</button></form>
            <h2>Endpoints</h2>
            \(DashboardPage.table(["URL", "Events", "Status", ""], rows, empty: "No endpoints yet: events go only to tasks' webhook_url."))
            <h3>Add an endpoint</h3>
            <form method="post" action="/dashboard/webhooks/endpoints">\(DashboardPage.csrf(req))\(fieldsForm(nil))
            <div class="actions"><button class="primary" type="submit">Add endpoint</button></div></form>
            <p>Every event and its delivery attempts: <a href="/dashboard/events">Events</a>.</p>
            """
        return DashboardPage.render(req, title: "Webhooks", body: body)
    }

    /// URL, description and event checkboxes (none ticked means every event).
    private func fieldsForm(_ endpoint: WebhookEndpointObject?) -> String {
        let subscribed = Set(endpoint?.events ?? ["*"])
        let boxes = WebhookEventType.all.map { type in
            let checked = subscribed.contains(type) && !subscribed.contains("*") ? " checked" : ""
            return #"<label><input type="checkbox" name="event.\#(type)" value="on"\#(checked)> \#(type)</label>"#
        }
        return """
            <label for="endpoint-url">URL</label><input id="endpoint-url" name="url" type="url" required maxlength="2048" \
            placeholder="https://example.com/webhooks" value="\(HostedPage.escape(endpoint?.url ?? ""))">
            <label for="endpoint-description">Description (optional)</label><input id="endpoint-description" name="description" \
            type="text" maxlength="500" value="\(HostedPage.escape(endpoint?.description ?? ""))">
            <fieldset><legend>Events (none ticked: all events)</legend>\(boxes.joined())</fieldset>
            """
    }

    /// The API's fields from an endpoint form.
    private func body(_ req: Request) -> JSONBody {
        let form = req.formFields
        var fields: [String: JSONValue] = [:]
        if let url = form["url"] { fields["url"] = .string(url.trimmingCharacters(in: .whitespaces)) }
        if let description = form["description"] { fields["description"] = description.isEmpty ? .null : .string(description) }
        if let enabled = form["enabled"] { fields["enabled"] = .bool(enabled == "true") }
        if form["url"] != nil {
            let events = WebhookEventType.all.filter { form["event.\($0)"] == "on" }
            fields["events"] = .array((events.isEmpty ? ["*"] : events).map(JSONValue.string))
        }
        return JSONBody(fields: fields)
    }

    @Sendable func rollSecret(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        guard let overlap = Int(req.formFields["expires_in"] ?? ""), (0...WebhookSecretService.maxOverlap).contains(overlap) else {
            throw APIFailure.invalid("expires_in", "Choose how long the current secret keeps signing.")
        }
        _ = try await secrets(req).roll(accountID: principal.accountID, environment: principal.environment, overlap: overlap)
        return HostedPage.redirect(to: "/dashboard/webhooks")
    }

    @Sendable func create(req: Request) async throws -> Response {
        _ = try await WebhookEndpointsController.create(body(req), req: req)
        return HostedPage.redirect(to: "/dashboard/webhooks")
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let endpoint = WebhookPresenter.endpoint(try await WebhookEndpointsController.find(req))
        let body = """
            <form method="post" action="/dashboard/webhooks/endpoints/\(endpoint.id)">\(DashboardPage.csrf(req))\(fieldsForm(endpoint))
            <div class="actions"><button class="primary" type="submit">Save</button> <a href="/dashboard/webhooks">Cancel</a></div></form>
            """
        return DashboardPage.render(req, title: "Edit endpoint", body: body)
    }

    @Sendable func update(req: Request) async throws -> Response {
        try await WebhookEndpointsController.update(try await WebhookEndpointsController.find(req), with: body(req), req: req)
        return HostedPage.redirect(to: "/dashboard/webhooks")
    }

    @Sendable func delete(req: Request) async throws -> Response {
        try DashboardPage.requireConfirmation(req, "delete an endpoint")
        try await WebhookEndpointsController.find(req).delete(on: req.db)
        return HostedPage.redirect(to: "/dashboard/webhooks")
    }
}
