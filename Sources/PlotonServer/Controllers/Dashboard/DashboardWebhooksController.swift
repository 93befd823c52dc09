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
        let endpoints = try await req.webhookEndpoints().query().all().map(WebhookPresenter.endpoint)
        let model = WebhooksPageView.Model(
            environment: principal.environment, secret: secret.value, previousExpiresAt: previousExpiresAt, endpoints: endpoints,
            csrf: DashboardPage.csrf(req))
        return DashboardPage.render(req, title: "Webhooks", body: WebhooksPageView.body(model))
    }

    /// The API's request from an endpoint form, held to the API's rules: the form names the URL,
    /// the description (empty: none), whether it is enabled, and each event type it receives.
    private func form(_ req: Request) throws -> UpdateWebhookEndpointRequest {
        let form = req.formFields
        let url = form["url"]?.trimmingCharacters(in: .whitespaces)
        let events = WebhookEventType.all.filter { form["event.\($0)"] == "on" }
        return try UpdateWebhookEndpointRequest(
            url: url, events: url == nil ? nil : events.isEmpty ? ["*"] : events, enabled: form["enabled"].map { $0 == "true" },
            description: form["description"].map { $0.isEmpty ? nil : $0 }
        ).validated()
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
        let form = try form(req)
        let body = CreateWebhookEndpointRequest(
            url: form.url ?? "", events: form.events, enabled: form.enabled, description: form.description ?? nil)
        _ = try await req.webhookEndpoints().create(try body.validated())
        return HostedPage.redirect(to: "/dashboard/webhooks")
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let endpoint = WebhookPresenter.endpoint(try await req.webhookEndpoints().find(try req.parameters.require("id")))
        return DashboardPage.render(req, title: "Edit endpoint", body: WebhooksPageView.edit(endpoint, csrf: DashboardPage.csrf(req)))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let endpoints = try req.webhookEndpoints()
        try await endpoints.update(try await endpoints.find(try req.parameters.require("id")), with: try form(req))
        return HostedPage.redirect(to: "/dashboard/webhooks")
    }

    @Sendable func delete(req: Request) async throws -> Response {
        try DashboardPage.requireConfirmation(req, "delete an endpoint")
        let endpoints = try req.webhookEndpoints()
        try await endpoints.delete(try await endpoints.find(try req.parameters.require("id")))
        return HostedPage.redirect(to: "/dashboard/webhooks")
    }
}
