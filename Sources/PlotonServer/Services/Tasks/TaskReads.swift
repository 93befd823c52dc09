import Fluent
import Foundation
import PlotonAPI
import SQLKit

/// `GET /v1/tasks/{id}` (joined to the key's lookup) and `GET /v1/tasks` read in plain SQL: one
/// statement whose text depends only on the filters given, decoded column by column into the
/// model, without FluentKit's per-query model reflection (the largest cost of an authenticated
/// task read in the profile).
/// Every column of the model is read, so the tasks are whole models like `TaskService.find`'s.
struct TaskReads {
    let database: any Database
    let accountID: String
    let environment: String

    static let columns = """
        id, created_at, updated_at, completed_at, account_id, environment, status, prompt, user_id, pinned_tool, primary_tool, \
        tools, sub_agent, sub_agent_tools, metadata, webhook_url, planner, workflow, input, result, error, waiting, \
        waiting_expires_at, lease_owner, lease_expires_at, claims, lost_claims, trace_context
        """

    private static let joinedColumns = columns.split(separator: ",").map { "t." + $0.trimmingCharacters(in: .whitespaces) }
        .joined(separator: ", ")

    /// The task with this id joined to the request's key lookup (`KeyLookup`), in its account and environment.
    static func joined(_ id: String) -> JoinedRead {
        JoinedRead(
            columns: joinedColumns, join: "tasks t ON t.id = \(bind: id) AND t.account_id = k.account_id AND t.environment = k.environment",
            presence: "id")
    }

    /// A page of the account environment's tasks, newest first, as `TaskService.list` orders them.
    func list(_ filters: TaskService.Filters, page: Pagination) async throws -> (items: [AgentTask], hasMore: Bool) {
        guard let sql = database as? any SQLDatabase else { throw DatabaseWithoutSQL() }
        var query: SQLQueryString =
            "SELECT \(unsafeRaw: Self.columns) FROM tasks WHERE account_id = \(bind: accountID) AND environment = \(bind: environment)"
        if let status = filters.status { query += " AND status = \(bind: status.rawValue)" }
        if let userID = filters.userID { query += " AND user_id = \(bind: userID)" }
        if let tool = filters.tool { query += " AND primary_tool = \(bind: tool)" }
        if let after = filters.createdAfter { query += " AND created_at > \(bind: after)" }
        if let before = filters.createdBefore { query += " AND created_at < \(bind: before)" }
        query += " ORDER BY created_at DESC, id DESC LIMIT \(literal: page.limit + 1) OFFSET \(literal: page.offset)"
        let rows = try await sql.raw(query).all()
        let tasks = try rows.prefix(page.limit).map(Self.task(from:))
        return (tasks, rows.count > page.limit)
    }

    /// The task of a row as the API shows it (`task(from:).toObject()`), without building the model.
    static func object(from row: any SQLRow) throws -> TaskObject {
        let id = try row.decode(column: "id", as: String.self)
        return try TaskColumns(
            id: id, status: row.decodeStored("status", as: TaskStatus.self, table: "tasks", row: id),
            prompt: row.decode(column: "prompt", as: String.self), userID: row.decode(column: "user_id", as: String?.self),
            tool: row.decode(column: "primary_tool", as: String?.self) ?? row.decode(column: "pinned_tool", as: String?.self),
            tools: row.decode(column: "tools", as: JSONText.self), subAgent: row.decode(column: "sub_agent", as: String?.self),
            metadata: row.decode(column: "metadata", as: JSONText.self), result: row.decode(column: "result", as: JSONText?.self),
            error: row.decode(column: "error", as: JSONText?.self), waiting: row.decode(column: "waiting", as: JSONText?.self),
            waitingExpiresAt: row.decode(column: "waiting_expires_at", as: Date?.self),
            environment: row.decodeStored("environment", as: PlotonEnvironment.self, table: "tasks", row: id),
            createdAt: row.decode(column: "created_at", as: Date.self), updatedAt: row.decode(column: "updated_at", as: Date.self),
            completedAt: row.decode(column: "completed_at", as: Date?.self)
        ).object(row: id)
    }

    static func task(from row: any SQLRow) throws -> AgentTask {
        let task = AgentTask()
        task.id = try row.decode(column: "id", as: String.self)
        task.createdAt = try row.decode(column: "created_at", as: Date.self)
        task.updatedAt = try row.decode(column: "updated_at", as: Date.self)
        task.completedAt = try row.decode(column: "completed_at", as: Date?.self)
        task.$account.id = try row.decode(column: "account_id", as: String.self)
        task.environment = try row.decodeStored("environment", as: PlotonEnvironment.self, table: "tasks", row: task.id ?? "")
        task.status = try row.decodeStored("status", as: TaskStatus.self, table: "tasks", row: task.id ?? "")
        task.prompt = try row.decode(column: "prompt", as: String.self)
        task.userID = try row.decode(column: "user_id", as: String?.self)
        task.pinnedTool = try row.decode(column: "pinned_tool", as: String?.self)
        task.primaryTool = try row.decode(column: "primary_tool", as: String?.self)
        task.toolsJSON = try row.decode(column: "tools", as: JSONText.self)
        task.subAgent = try row.decode(column: "sub_agent", as: String?.self)
        task.subAgentToolsJSON = try row.decode(column: "sub_agent_tools", as: JSONText?.self)
        task.metadataJSON = try row.decode(column: "metadata", as: JSONText.self)
        task.webhookURL = try row.decode(column: "webhook_url", as: String?.self)
        task.planner = try row.decode(column: "planner", as: String?.self)
        task.workflowJSON = try row.decode(column: "workflow", as: JSONText?.self)
        task.inputJSON = try row.decode(column: "input", as: JSONText.self)
        task.resultJSON = try row.decode(column: "result", as: JSONText?.self)
        task.errorJSON = try row.decode(column: "error", as: JSONText?.self)
        task.waitingJSON = try row.decode(column: "waiting", as: JSONText?.self)
        task.waitingExpiresAt = try row.decode(column: "waiting_expires_at", as: Date?.self)
        task.leaseOwner = try row.decode(column: "lease_owner", as: String?.self)
        task.leaseExpiresAt = try row.decode(column: "lease_expires_at", as: Date?.self)
        task.claims = try row.decode(column: "claims", as: Int.self)
        task.lostClaims = try row.decode(column: "lost_claims", as: Int.self)
        task.traceContext = try row.decode(column: "trace_context", as: String?.self)
        task._$idExists = true
        return task
    }
}
