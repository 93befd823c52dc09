import Foundation
import NIOHTTP1
// The wire types (TaskObject, JSONValue, TaskStatus, …) come with PlotonKit; the server's domain does not.
@_exported import PlotonAPI

/// The Ploton API client.
///
/// ```swift
/// let ploton = try Ploton()                       // PLOTON_API_KEY, PLOTON_BASE_URL, PLOTON_WEBHOOK_SECRET
/// let task = try await ploton.tasks.create(prompt: "Pull all open deals from user_123's CRM account")
/// let done = try await ploton.tasks.wait(task.id)
/// ```
public struct Ploton: Sendable {
    public static let defaultBaseURL = "https://api.ploton.ai/v1"

    let transport: Transport
    public let webhookSecret: String?

    /// Reads `PLOTON_API_KEY` (required), `PLOTON_BASE_URL` and `PLOTON_WEBHOOK_SECRET`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, retry: RetryPolicy = .standard) throws {
        guard let key = environment["PLOTON_API_KEY"], !key.isEmpty else {
            throw PlotonError.configuration("PLOTON_API_KEY is not set: export a pk_test_… or pk_live_… key.")
        }
        let base = environment["PLOTON_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultBaseURL
        let secret = environment["PLOTON_WEBHOOK_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
        try self.init(apiKey: key, baseURL: base, webhookSecret: secret, retry: retry)
    }

    public init(apiKey: String, baseURL: String = Ploton.defaultBaseURL, webhookSecret: String? = nil, retry: RetryPolicy = .standard)
        throws
    {
        guard APIKeySecret(parsing: apiKey) != nil else {
            throw PlotonError.configuration("PLOTON_API_KEY is not a valid Ploton key (pk_test_… or pk_live_… with its checksum).")
        }
        guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw PlotonError.configuration("PLOTON_BASE_URL must be an absolute http(s) URL such as http://localhost:8080/v1.")
        }
        transport = Transport(baseURL: baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL, apiKey: apiKey, retry: retry)
        self.webhookSecret = webhookSecret
    }

    public var tasks: Tasks { Tasks(transport: transport) }
    public var connections: Connections { Connections(transport: transport) }
    public var events: Events { Events(transport: transport) }
    public var webhookEndpoints: WebhookEndpoints { WebhookEndpoints(transport: transport) }
    public var webhookSecrets: WebhookSecrets { WebhookSecrets(transport: transport) }
    public var tools: Tools { Tools(transport: transport) }
    public var apiKeys: APIKeys { APIKeys(transport: transport) }
    public var subagents: Subagents { Subagents(transport: transport) }

    /// Any endpoint as raw JSON (`send("GET", "/tools/crm")`), with the same retries, idempotency
    /// keys and errors as the typed methods; for objects whose shape is open-ended, such as tool definitions.
    public func send(_ method: String, _ path: String, body: JSONValue? = nil) async throws -> JSONValue {
        try await transport.send(HTTPMethod(rawValue: method.uppercased()), path, body: body)
    }

    /// A verifier for this client's webhook secret.
    public func webhookVerifier(tolerance: TimeInterval = 300) throws -> WebhookVerifier {
        guard let webhookSecret else { throw PlotonError.configuration("PLOTON_WEBHOOK_SECRET is not set.") }
        guard WebhookSecret(parsing: webhookSecret) != nil else {
            throw PlotonError.configuration("PLOTON_WEBHOOK_SECRET must be a whsec_… secret.")
        }
        return try WebhookVerifier(secret: webhookSecret, tolerance: tolerance)
    }
}
