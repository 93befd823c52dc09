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
            .filter(\.$account.$id == principal.accountID).filter(\.$environment == principal.environment)
            .sort(\.$createdAt, .descending).all().map(WebhookPresenter.endpoint)
        let model = WebhooksPageView.Model(
            environment: principal.environment, secret: secret.value, previousExpiresAt: previousExpiresAt, endpoints: endpoints,
            csrf: DashboardPage.csrf(req))
        return DashboardPage.render(req, title: "Webhooks", body: WebhooksPageView.body(model))
    }

    /// The API's request from an endpoint form.
    private func body<Body: RequestBody>(_ req: Request) throws -> Body {
        let form = req.formFields
        var fields: [String: JSONValue] = [:]
        if let url = form["url"] { fields["url"] = .string(url.trimmingCharacters(in: .whitespaces)) }
        if let description = form["description"] { fields["description"] = description.isEmpty ? .null : .string(description) }
        if let enabled = form["enabled"] { fields["enabled"] = .bool(enabled == "true") }
        if form["url"] != nil {
            let events = WebhookEventType.all.filter { form["event.\($0)"] == "on" }
            fields["events"] = .array((events.isEmpty ? ["*"] : events).map(JSONValue.string))
        }
        return try Body.decode(.object(fields))
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
        _ = try await WebhookEndpointsController.create(try body(req), req: req)
        return HostedPage.redirect(to: "/dashboard/webhooks")
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let endpoint = WebhookPresenter.endpoint(try await WebhookEndpointsController.find(req))
        return DashboardPage.render(req, title: "Edit endpoint", body: WebhooksPageView.edit(endpoint, csrf: DashboardPage.csrf(req)))
    }

    @Sendable func update(req: Request) async throws -> Response {
        try await WebhookEndpointsController.update(try await WebhookEndpointsController.find(req), with: try body(req), req: req)
        return HostedPage.redirect(to: "/dashboard/webhooks")
    }

    @Sendable func delete(req: Request) async throws -> Response {
        try DashboardPage.requireConfirmation(req, "delete an endpoint")
        try await WebhookEndpointsController.find(req).delete(on: req.db)
        return HostedPage.redirect(to: "/dashboard/webhooks")
    }
}
