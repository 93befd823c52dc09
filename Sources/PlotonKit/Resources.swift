import Foundation
import NIOHTTP1
import PlotonAPI

/// `/v1/tasks`.
public struct Tasks: Sendable {
    let transport: Transport

    /// `subAgent` runs the task inside a subagent's tool boundary (its name or id).
    public func create(
        prompt: String, userID: String? = nil, metadata: [String: JSONValue] = [:], tool: String? = nil, subAgent: String? = nil,
        webhookURL: String? = nil
    ) async throws -> TaskObject {
        try await create(
            CreateTaskRequest(
                prompt: prompt, userID: userID, metadata: metadata.isEmpty ? nil : metadata, tool: tool, subAgent: subAgent,
                webhookURL: webhookURL))
    }

    /// A task as the API's request type; with `mode: .test` use `preview(_:)`, which answers with the plan.
    public func create(_ request: CreateTaskRequest) async throws -> TaskObject {
        try await transport.send(.POST, "/tasks", json: request)
    }

    /// `mode: "test"`: the plan, without running or storing anything.
    public func preview(prompt: String, userID: String? = nil, tool: String? = nil) async throws -> TaskPreviewObject {
        try await preview(CreateTaskRequest(prompt: prompt, userID: userID, tool: tool))
    }

    /// The plan for `request` (sent with `mode: "test"`), without running or storing anything.
    public func preview(_ request: CreateTaskRequest) async throws -> TaskPreviewObject {
        var request = request
        request.mode = .test
        return try await transport.send(.POST, "/tasks", json: request)
    }

    public func get(_ id: String) async throws -> TaskObject { try await transport.send(.GET, "/tasks/\(id)") }

    public func list(status: TaskStatus? = nil, userID: String? = nil, tool: String? = nil, limit: Int = 20, offset: Int = 0)
        async throws -> Page<TaskObject>
    {
        try await transport.send(
            .GET, "/tasks",
            query: ["status": status?.rawValue, "user_id": userID, "tool": tool, "limit": String(limit), "offset": String(offset)])
    }

    /// Every matching task, newest first, fetched page by page.
    public func all(status: TaskStatus? = nil, userID: String? = nil, tool: String? = nil) -> Paginated<TaskObject> {
        Paginated(pageSize: 100) { limit, offset in try await list(status: status, userID: userID, tool: tool, limit: limit, offset: offset)
        }
    }

    public func cancel(_ id: String) async throws -> TaskObject { try await transport.send(.POST, "/tasks/\(id)/cancel") }

    /// Answers `input_required`.
    public func input(_ id: String, _ input: [String: JSONValue]) async throws -> TaskObject {
        try await transport.send(.POST, "/tasks/\(id)/input", json: TaskInputRequest(input: input))
    }

    /// Answers `approval_required`.
    public func approve(_ id: String, _ approve: Bool = true) async throws -> TaskObject {
        try await transport.send(.POST, "/tasks/\(id)/input", json: TaskInputRequest(approve: approve))
    }

    public func trace(_ id: String) async throws -> TaskTraceObject { try await transport.send(.GET, "/tasks/\(id)/trace") }

    /// Polls until the task is final (or, with `returnWhenWaiting`, waiting), at most `timeout` seconds.
    public func wait(_ id: String, timeout: TimeInterval = 300, returnWhenWaiting: Bool = false, pollInterval: TimeInterval = 0.5)
        async throws -> TaskObject
    {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let task = try await get(id)
            if task.status.isFinal || (returnWhenWaiting && task.status == .waiting) { return task }
            guard Date() < deadline else { throw PlotonError.timedOut(taskID: id) }
            try await Task.sleep(for: .seconds(pollInterval))
        }
    }
}

/// `/v1/connections`.
public struct Connections: Sendable {
    let transport: Transport

    public func list(userID: String? = nil, tool: String? = nil, limit: Int = 20, offset: Int = 0) async throws -> Page<Connection> {
        try await transport.send(
            .GET, "/connections", query: ["user_id": userID, "tool": tool, "limit": String(limit), "offset": String(offset)])
    }

    public func get(_ id: String) async throws -> Connection { try await transport.send(.GET, "/connections/\(id)") }

    /// Revokes at the provider where possible and deletes the tokens; returns the revoked connection.
    public func revoke(_ id: String) async throws -> Connection { try await transport.send(.DELETE, "/connections/\(id)") }

    public func authorize(userID: String, tool: String, scopes: [String]? = nil, redirectURL: String? = nil) async throws
        -> ConnectionAuthorization
    {
        try await transport.send(
            .POST, "/connections/authorize",
            json: AuthorizeConnectionRequest(userID: userID, tool: tool, scopes: scopes, redirectURL: redirectURL))
    }
}

/// `/v1/events`.
public struct Events: Sendable {
    let transport: Transport

    public func list(taskID: String? = nil, event: String? = nil, deliverySuccess: Bool? = nil, limit: Int = 20, offset: Int = 0)
        async throws -> Page<Event>
    {
        try await transport.send(
            .GET, "/events",
            query: [
                "task_id": taskID, "event": event, "delivery_success": deliverySuccess.map { String($0) }, "limit": String(limit),
                "offset": String(offset),
            ])
    }

    public func all(taskID: String? = nil, event: String? = nil) -> Paginated<Event> {
        Paginated(pageSize: 100) { limit, offset in try await list(taskID: taskID, event: event, limit: limit, offset: offset) }
    }

    public func get(_ id: String) async throws -> Event { try await transport.send(.GET, "/events/\(id)") }
    public func deliveries(_ id: String) async throws -> Page<WebhookDelivery> {
        try await transport.send(.GET, "/events/\(id)/deliveries")
    }
    public func redeliver(_ id: String) async throws -> Event { try await transport.send(.POST, "/events/\(id)/redeliver") }
}

/// `/v1/webhook_endpoints`.
public struct WebhookEndpoints: Sendable {
    let transport: Transport

    public func create(url: String, events: [String] = ["*"], description: String? = nil) async throws -> WebhookEndpoint {
        try await transport.send(
            .POST, "/webhook_endpoints", json: CreateWebhookEndpointRequest(url: url, events: events, description: description))
    }

    public func list() async throws -> Page<WebhookEndpoint> {
        try await transport.send(.GET, "/webhook_endpoints", query: ["limit": "100"])
    }
    public func get(_ id: String) async throws -> WebhookEndpoint { try await transport.send(.GET, "/webhook_endpoints/\(id)") }

    public func update(_ id: String, url: String? = nil, events: [String]? = nil, enabled: Bool? = nil) async throws -> WebhookEndpoint {
        try await transport.send(
            .PATCH, "/webhook_endpoints/\(id)", json: UpdateWebhookEndpointRequest(url: url, events: events, enabled: enabled))
    }

    public func delete(_ id: String) async throws { _ = try await transport.send(.DELETE, "/webhook_endpoints/\(id)", as: Deleted.self) }
}

/// `/v1/subagents`.
public struct Subagents: Sendable {
    let transport: Transport

    public enum Kind: String, Sendable { case custom, prebuilt }

    public func deploy(name: String, prompt: String) async throws -> Subagent {
        try await transport.send(.POST, "/subagents", json: CreateSubagentRequest(name: name, prompt: prompt))
    }

    public func list(type: Kind? = nil, limit: Int = 20, offset: Int = 0) async throws -> Page<Subagent> {
        var query = ["limit": String(limit), "offset": String(offset)]
        if let type { query["type"] = type.rawValue }
        return try await transport.send(.GET, "/subagents", query: query)
    }

    /// By id or name.
    public func get(_ id: String) async throws -> Subagent { try await transport.send(.GET, "/subagents/\(id)") }

    public func update(_ id: String, name: String? = nil, prompt: String? = nil) async throws -> Subagent {
        try await transport.send(.PATCH, "/subagents/\(id)", json: UpdateSubagentRequest(name: name, prompt: prompt))
    }

    public func delete(_ id: String) async throws { _ = try await transport.send(.DELETE, "/subagents/\(id)", as: Deleted.self) }
}

/// `/v1/webhook_secret`.
public struct WebhookSecrets: Sendable {
    let transport: Transport

    public func get() async throws -> WebhookSecretObject { try await transport.send(.GET, "/webhook_secret") }

    /// A new secret; the old one keeps signing alongside it for `overlap` seconds.
    public func roll(overlap: Int = 86_400) async throws -> WebhookSecretObject {
        try await transport.send(.POST, "/webhook_secret/roll", json: ExpiresInRequest(expiresIn: overlap))
    }
}

/// `/v1/tools`.
public struct Tools: Sendable {
    let transport: Transport

    public func list(type: String? = nil) async throws -> Page<Tool> {
        try await transport.send(.GET, "/tools", query: ["type": type, "limit": "100"])
    }

    /// The full tool object as JSON (definitions are open-ended).
    public func get(_ name: String) async throws -> JSONValue { try await transport.send(.GET, "/tools/\(name)") }
    public func register(_ definition: JSONValue) async throws -> JSONValue { try await transport.send(.POST, "/tools", body: definition) }

    /// A custom tool's definition, refused before it is sent when it names a field the API does not take.
    public func register(_ definition: ToolDefinitionRequest) async throws -> JSONValue {
        try await transport.send(.POST, "/tools", json: definition)
    }

    /// Changes the given top-level fields of a custom tool's definition.
    public func update(_ name: String, _ fields: ToolDefinitionRequest) async throws -> JSONValue {
        try await transport.send(.PATCH, "/tools/\(name)", json: fields)
    }

    /// The account credentials of a tool: `apiKey`, `token`, or `username` and `password`, as its auth type takes.
    public func setCredentials(_ name: String, _ credentials: ToolCredentialsRequest) async throws -> JSONValue {
        try await transport.send(.PUT, "/tools/\(name)/credentials", json: credentials)
    }
    public func delete(_ name: String) async throws { _ = try await transport.send(.DELETE, "/tools/\(name)", as: Deleted.self) }
    public func memory(_ name: String) async throws -> JSONValue { try await transport.send(.GET, "/tools/\(name)/memory") }
}

/// `/v1/api_keys` (live keys only).
public struct APIKeys: Sendable {
    let transport: Transport

    public func list() async throws -> Page<APIKeyObject> { try await transport.send(.GET, "/api_keys", query: ["limit": "100"]) }
    public func get(_ id: String) async throws -> APIKeyObject { try await transport.send(.GET, "/api_keys/\(id)") }

    public func create(name: String, environment: PlotonEnvironment) async throws -> APIKeyObject {
        try await transport.send(.POST, "/api_keys", json: CreateAPIKeyRequest(name: name, environment: environment))
    }

    public func roll(_ id: String, expiresIn: Int = 0) async throws -> APIKeyObject {
        try await transport.send(.POST, "/api_keys/\(id)/roll", json: ExpiresInRequest(expiresIn: expiresIn))
    }

    public func revoke(_ id: String) async throws -> APIKeyObject { try await transport.send(.DELETE, "/api_keys/\(id)") }
}
