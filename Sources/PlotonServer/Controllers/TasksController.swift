import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// `/v1/tasks`: create, read, list, cancel, answer and trace tasks.
struct TasksController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let tasks = routes.grouped("tasks")
        tasks.post(use: create).joinedRead = { req in
            // On PostgreSQL a trusted key's create asks with its account's room instead (`TaskService.create`).
            guard case .postgres = req.ploton.config.database else { return ToolRegistry.joinedProbe }
            var probe = ToolRegistry.joinedProbe
            probe.skippedForTrustedKey = true
            return probe
        }
        tasks.get(use: list)
        tasks.get(":id", use: show).joinedRead = { req in
            let id = try req.parameters.require("id")
            // A final task this process served: answered from memory, its key's statement without the join.
            req.finishedTask = req.ploton.finishedTasks.body(of: id)
            return req.finishedTask == nil ? TaskReads.joined(id) : nil
        }
        tasks.post(":id", "cancel", use: cancel)
        tasks.post(":id", "input", use: input)
        tasks.get(":id", "trace", use: trace)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.decodeStrictly(CreateTaskRequest.self)
        let subAgent = try await TaskFields.subAgent(body.subAgent, in: req.subagents())
        // Unknown when the custom tools probe was skipped: read here only when this request needs
        // it now, else by the create along with its account's room (one statement for both).
        let registry = try req.toolRegistry()
        var catalog: ToolCatalog? = req.joinedReadSkipped ? nil : try await registry.catalog(probed: req.joinedRow)
        if catalog == nil, body.tool != nil || subAgent != nil || body.mode == .test { catalog = try await registry.catalog() }
        if let subAgent { catalog = catalog?.restricted(to: subAgent.tools) }
        let new = try TaskService.NewTask(
            prompt: TaskFields.prompt(body.prompt), userID: TaskFields.nonBlank(body.userID, "user_id"),
            metadata: TaskFields.metadata(body.metadata ?? [:]),
            tool: catalog.map { try TaskFields.tool(body.tool, catalog: $0, subAgent: subAgent) } ?? nil,
            subAgent: subAgent, webhookURL: TaskFields.webhookURL(body.webhookURL), catalog: catalog)
        let service = try service(req)
        if body.mode == .test, let catalog {
            return try await service.preview(new, catalog: catalog).jsonResponse(status: .ok)
        }
        return try await service.create(new).toObject().jsonResponse(status: .created)
    }

    /// From the row read with the key (`TaskReads.joined`), or a final task's body kept by this
    /// process (`FinishedTaskBodies`): no statement of its own.
    @Sendable func show(req: Request) throws -> Response {
        let principal = try req.requirePrincipal()
        if let row = req.joinedRow {
            let task = try TaskReads.object(from: row)
            let body = try task.jsonBody()
            req.ploton.finishedTasks.keep(
                body, of: task.id, status: task.status, accountID: principal.accountID, environment: principal.environment)
            return Response.json(body)
        }
        if let finished = req.finishedTask, finished.accountID == principal.accountID, finished.environment == principal.environment {
            return Response.json(finished.bytes)
        }
        throw TaskError.notFound(try req.parameters.require("id"))
    }

    @Sendable func list(req: Request) async throws -> Response {
        let filters = try TaskService.Filters(
            status: req.queryEnum("status"), userID: req.queryValue("user_id"), tool: req.queryValue("tool"),
            createdAfter: req.queryDate("created_after"), createdBefore: req.queryDate("created_before"))
        let (tasks, hasMore) = try await reads(req).list(filters, page: Pagination(req))
        return try ListObject(data: tasks.map { try $0.toObject() }, hasMore: hasMore).jsonResponse()
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

    private func reads(_ req: Request) throws -> TaskReads {
        let principal = try req.requirePrincipal()
        return TaskReads(database: req.db, accountID: principal.accountID, environment: principal.environment.rawValue)
    }

    private func service(_ req: Request) throws -> TaskService {
        TaskService(database: req.db, services: req.ploton, principal: try req.requirePrincipal())
    }
}

extension Request {
    private struct FinishedTaskKey: StorageKey { typealias Value = FinishedTaskBodies.Body }

    /// The kept body of the final task this `GET /v1/tasks/{id}` asks for, found before its key's lookup.
    fileprivate var finishedTask: FinishedTaskBodies.Body? {
        get { storage[FinishedTaskKey.self] }
        set { storage[FinishedTaskKey.self] = newValue }
    }
}
