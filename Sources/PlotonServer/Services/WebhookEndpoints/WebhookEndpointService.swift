import Fluent
import Foundation
import PlotonAPI
import PlotonCore

/// Where one account environment's events are delivered: its webhook endpoints, for
/// `/v1/webhook_endpoints` and the dashboard.
struct WebhookEndpointService {
    let database: any Database
    let accountID: String
    let environment: PlotonEnvironment
    let allowPrivateNetwork: Bool
    let resolver: OutboundResolver
    let now: Date

    /// Newest first.
    func query() -> QueryBuilder<WebhookEndpoint> {
        WebhookEndpoint.query(on: database)
            .filter(\.$account.$id == accountID).filter(\.$environment == environment)
            .sort(\.$createdAt, .descending).sort(\.$id, .descending)
    }

    func create(_ body: CreateWebhookEndpointRequest) async throws -> WebhookEndpoint {
        let endpoint = WebhookEndpoint(
            accountID: accountID, environment: environment, url: try url(body.url), events: try Self.events(body.events) ?? ["*"],
            description: body.description, now: now)
        endpoint.enabled = body.enabled ?? true
        try await endpoint.create(on: database)
        return endpoint
    }

    func find(_ id: String) async throws -> WebhookEndpoint {
        guard
            let endpoint = try await WebhookEndpoint.query(on: database)
                .filter(\.$id == id).filter(\.$account.$id == accountID).filter(\.$environment == environment).first()
        else { throw WebhookEndpointError.notFound(id) }
        return endpoint
    }

    func update(_ endpoint: WebhookEndpoint, with body: UpdateWebhookEndpointRequest) async throws {
        if let url = body.url { endpoint.url = try self.url(url) }
        if let events = try Self.events(body.events) { endpoint.events = events }
        if let enabled = body.enabled {
            endpoint.enabled = enabled
            if enabled { endpoint.disabledReason = nil }
        }
        if let description = body.description { endpoint.endpointDescription = description }
        endpoint.updatedAt = now
        try await endpoint.update(on: database)
    }

    func delete(_ endpoint: WebhookEndpoint) async throws {
        try await endpoint.delete(on: database)
    }

    /// An absolute http(s) URL; loopback, private and other non-public addresses only when the server allows them.
    /// Only a valid URI: `URL(string:)` percent-encodes what a URI cannot hold (`"`, a space, a second `#`) and
    /// accepts the result, which is not the URL given.
    private func url(_ raw: String) throws -> String {
        guard let url = URL(string: raw, encodingInvalidCharacters: false), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
            let host = url.host, !host.isEmpty,
            url.user == nil
        else { throw WebhookEndpointError.notAnHTTPURL }
        // Names are checked again at every delivery, against each address they resolve to then.
        if !allowPrivateNetwork, let reason = NetworkPolicy.literalRefusal(host: host, resolver: resolver) {
            throw WebhookEndpointError.privateAddress(reason: reason)
        }
        return raw
    }

    /// `events`: event types, or `["*"]` for all, each once.
    private static func events(_ names: [String]?) throws -> [String]? {
        guard let names else { return nil }
        if let unknown = names.first(where: { $0 != "*" && !WebhookEventType.all.contains($0) }) {
            throw WebhookEndpointError.unknownEventType(unknown)
        }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
