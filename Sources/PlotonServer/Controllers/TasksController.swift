import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// `/v1/tasks`: create, read, list, cancel, answer and trace tasks.
struct TasksController: RouteCollection {
    static let maxPromptLength = 10_000
    static let maxMetadataKeys = 50

    func boot(routes: any RoutesBuilder) throws {
        let tasks = routes.grouped("tasks")
        tasks.post(use: create)
        tasks.get(use: list)
        tasks.get(":id", use: show)
        tasks.post(":id", "cancel", use: cancel)
        tasks.post(":id", "input", use: input)
        tasks.get(":id", "trace", use: trace)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.decodeStrictly(CreateTaskRequest.self)
        let subAgent = try await Self.subAgent(body.subAgent, req: req)
        var catalog = try await ToolsController.registry(req).catalog()
        if let subAgent { catalog = catalog.restricted(to: subAgent.tools) }
        let new = try TaskService.NewTask(
            prompt: Self.prompt(body.prompt), userID: Self.nonBlank(body.userID, "user_id"), metadata: Self.metadata(body.metadata ?? [:]),
            tool: Self.tool(body.tool, catalog: catalog, subAgent: subAgent), subAgent: subAgent,
            webhookURL: Self.webhookURL(body.webhookURL))
        let service = try service(req)
        if body.mode == .test {
            return try await service.preview(new, catalog: catalog).jsonResponse(status: .ok)
        }
        return try await service.create(new).toObject().jsonResponse(status: .created)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await service(req).find(req.parameters.require("id")).toObject().jsonResponse()
    }

    @Sendable func list(req: Request) async throws -> Response {
        let filters = try TaskService.Filters(
            status: Self.queryEnum(req, "status"), userID: req.queryValue("user_id"), tool: req.queryValue("tool"),
            createdAfter: Self.queryDate(req, "created_after"), createdBefore: Self.queryDate(req, "created_before"))
        let (tasks, hasMore) = try await service(req).list(filters, page: Pagination(req))
        return try ListObject(data: tasks.map { $0.toObject() }, hasMore: hasMore).jsonResponse()
    }

    @Sendable func cancel(req: Request) async throws -> Response {
        _ = try req.decodeStrictly(EmptyRequest.self)
        return try await service(req).cancel(req.parameters.require("id")).toObject().jsonResponse()
    }

    @Sendable func input(req: Request) async throws -> Response {
        let body = try req.decodeStrictly(TaskInputRequest.self)
        guard body.input != nil || body.approve != nil else {
            throw APIFailure(
                .invalidRequest, "Send {\"input\": {…}} for input_required or {\"approve\": true|false} for approval_required.")
        }
        return try await service(req).answer(req.parameters.require("id"), input: body.input, approve: body.approve).toObject()
            .jsonResponse()
    }

    @Sendable func trace(req: Request) async throws -> Response {
        let task = try await service(req).find(req.parameters.require("id"))
        return try await TaskTraceBuilder.trace(for: task, on: req.db).jsonResponse()
    }

    private func service(_ req: Request) throws -> TaskService {
        TaskService(database: req.db, services: req.ploton, principal: try req.requirePrincipal())
    }

    // MARK: Validation

    static func prompt(_ prompt: String) throws -> String {
        guard prompt.count <= maxPromptLength else {
            throw APIFailure(
                .promptTooLong, "prompt is \(prompt.count) characters; the limit is \(maxPromptLength). Shorten it or split the task.",
                param: "prompt")
        }
        guard !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIFailure.invalid("prompt", "prompt must not be blank.")
        }
        return prompt
    }

    static func nonBlank(_ value: String?, _ name: String) throws -> String? {
        guard let value else { return nil }
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else { throw APIFailure.invalid(name, "\(name) must not be blank.") }
        return value
    }

    static func metadata(_ metadata: [String: JSONValue]) throws -> [String: JSONValue] {
        guard metadata.count <= maxMetadataKeys else {
            throw APIFailure.invalid("metadata", "metadata has \(metadata.count) keys; at most \(maxMetadataKeys) are allowed.")
        }
        for (key, value) in metadata {
            guard !key.isEmpty, key.count <= 40 else { throw APIFailure.invalid("metadata", "metadata keys must be 1 to 40 characters.") }
            guard value.jsonText.count <= 500 else {
                throw APIFailure.invalid("metadata.\(key)", "metadata.\(key) is too long; values are limited to 500 characters of JSON.")
            }
        }
        return metadata
    }

    /// The pinned tool; with a subagent, one of its tools.
    static func tool(_ tool: String?, catalog: ToolCatalog, subAgent: SubagentObject?) throws -> String? {
        guard let tool else { return nil }
        guard catalog.tool(tool) != nil else {
            let names = catalog.tools.map(\.name).joined(separator: ", ")
            if let subAgent {
                throw APIFailure.invalid("tool", "'\(tool)' is outside the tools of subagent '\(subAgent.name)': \(names).")
            }
            throw APIFailure.invalid("tool", "Unknown tool '\(tool)'. Available tools: \(names).")
        }
        return tool
    }

    /// The subagent a task runs inside, by name or id.
    static func subAgent(_ reference: String?, req: Request) async throws -> SubagentObject? {
        guard let reference else { return nil }
        guard let subagent = try await SubagentsController.service(req).find(reference) else {
            throw APIFailure.invalid(
                "sub_agent",
                "No subagent named '\(reference)' is deployed here. Deploy it with POST /v1/subagents, or list them with GET /v1/subagents."
            )
        }
        return subagent
    }

    static func webhookURL(_ url: String?) throws -> String? {
        guard let url else { return nil }
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host?.isEmpty == false
        else { throw APIFailure.invalid("webhook_url", "webhook_url must be an absolute http(s) URL.") }
        return url
    }

    static func queryEnum<Value: RawRepresentable & CaseIterable>(_ req: Request, _ name: String) throws -> Value?
    where Value.RawValue == String {
        guard let raw = req.queryValue(name) else { return nil }
        guard let value = Value(rawValue: raw) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIFailure.invalid(name, "\(name) must be one of: \(allowed).")
        }
        return value
    }

    /// RFC 3339 (`2025-06-15T14:22:03Z`, fractional seconds allowed, as openapi.json's `date-time`) or Unix seconds.
    static func queryDate(_ req: Request, _ name: String) throws -> Date? {
        guard let raw = req.queryValue(name) else { return nil }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard
            let date = Int(raw).map({ Date(timeIntervalSince1970: TimeInterval($0)) }) ?? ISO8601DateFormatter().date(from: raw)
                ?? fractional.date(from: raw)
        else {
            throw APIFailure.invalid(name, "\(name) must be an ISO 8601 timestamp (2025-06-15T14:22:03Z) or Unix seconds.")
        }
        // The database stores years 1 to 9999; PostgreSQL's driver traps on dates far beyond.
        guard Date.storableSeconds.contains(date.timeIntervalSince1970) else {
            throw APIFailure.invalid(name, "\(name) must fall between the years 1 and 9999.")
        }
        return date
    }
}
