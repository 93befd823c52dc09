import Fluent
import Foundation
import SQLKit

/// The rows of the engine's hot path (a new task, a step, an event) written with plain SQL, one
/// statement text for each kind of write: no FluentKit model reflection per write, which was the
/// largest single cost in the engine's profile. The columns are the models' own. On PostgreSQL
/// each runs as a prepared statement (`PreparedStatements`): parsed and planned once per connection.
enum TaskRows {
    static func insert(_ task: AgentTask, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return try await task.create(on: database) }
        try await sql.runPrepared(insertStatement(task))
        task._$idExists = true
    }

    /// A task with its steps and events (one that ran at its create): on PostgreSQL one statement,
    /// every insert but the last a data-modifying `WITH` part of it (one round trip and one
    /// statement to parse and plan instead of three or more; the steps' reference to their task
    /// and the outbox rows' to their events are checked at the statement's end, when those rows
    /// are there), its text fixed per shape (`TaskCreateStatement`). SQLite has no such `WITH`: a
    /// statement each there. `served`: the account's served mark, in the same commit; `outbox`:
    /// the events' outbox rows (`WebhookOutbox.staged`), written after them the same way.
    static func insert(
        _ task: AgentTask, steps: [RunStep], events: [RunEvent], served: TaskAdmission.ServedMark? = nil,
        outbox: WebhookOutbox.Staged? = nil, on database: any Database
    ) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else {
            try await insert(task, on: database)
            try await insert(steps: steps, on: database)
            try await insert(events: events, on: database)
            if let sql = database as? any SQLDatabase {
                if let served { try await sql.runPrepared(served.query) }
                for insert in outbox?.statements ?? [] { try await sql.runPrepared(insert) }
            }
            return
        }
        if let statement = TaskCreateStatement.statement(task, steps: steps, events: events, served: served, outbox: outbox) {
            try await sql.run(statement)
        } else {
            try await sql.runPrepared(serialized(task, steps: steps, events: events, served: served, outbox: outbox, on: sql))
        }
        task._$idExists = true
    }

    /// The same statement built by SQLKit, for a process whose prepared statements are all taken.
    private static func serialized(
        _ task: AgentTask, steps: [RunStep], events: [RunEvent], served: TaskAdmission.ServedMark?, outbox: WebhookOutbox.Staged?,
        on sql: any SQLDatabase
    ) -> SQLQueryString {
        var parts: [SQLQueryString] = (served.map { [$0.query] } ?? []) + [insertStatement(task)]
        if let steps = stepsStatement(steps, on: sql) { parts.append("\(steps)") }
        if let events = eventsStatement(events, on: sql) { parts.append("\(events)") }
        for insert in outbox?.statements ?? [] { parts.append("\(insert)") }
        let last = parts.removeLast()
        var statement: SQLQueryString = ""
        for (index, part) in parts.enumerated() {
            statement += index == 0 ? "WITH " : ", "
            statement += "w\(unsafeRaw: String(index)) AS (\(part)) "
        }
        statement += last
        return statement
    }

    private static func insertStatement(_ task: AgentTask) -> SQLQueryString {
        """
        INSERT INTO tasks (id, created_at, updated_at, completed_at, account_id, environment, status, prompt, user_id, pinned_tool,
        primary_tool, tools, sub_agent, sub_agent_tools, metadata, webhook_url, planner, workflow, input, result, error, waiting,
        waiting_expires_at, lease_owner, lease_expires_at, claims, lost_claims, trace_context) VALUES (\(bind: task.id),
        \(bind: task.createdAt), \(bind: task.updatedAt), \(bind: task.completedAt), \(bind: task.$account.id),
        \(bind: task.environment), \(bind: task.status), \(bind: task.prompt), \(bind: task.userID), \(bind: task.pinnedTool),
        \(bind: task.primaryTool), \(bind: task.toolsJSON), \(bind: task.subAgent), \(bind: task.subAgentToolsJSON),
        \(bind: task.metadataJSON), \(bind: task.webhookURL), \(bind: task.planner), \(bind: task.workflowJSON),
        \(bind: task.inputJSON), \(bind: task.resultJSON), \(bind: task.errorJSON), \(bind: task.waitingJSON),
        \(bind: task.waitingExpiresAt), \(bind: task.leaseOwner), \(bind: task.leaseExpiresAt), \(bind: task.claims),
        \(bind: task.lostClaims), \(bind: task.traceContext))
        """
    }

    /// Inserts the step when `fresh` (decided by the caller before its transaction, so a
    /// transaction tried again inserts again), otherwise updates what a run changes. The caller
    /// marks the step as stored once the transaction committed: one rolled back leaves it fresh.
    static func save(_ step: TaskStep, fresh: Bool, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return try await step.save(on: database) }
        if fresh {
            try await sql.runPrepared(
                """
                INSERT INTO task_steps (id, task_id, step_index, tool, capability, status, input, output, error, attempts, recoveries,
                idempotency_key, side_effect, started_at, finished_at) VALUES (\(bind: step.id), \(bind: step.$task.id),
                \(bind: step.index), \(bind: step.tool), \(bind: step.capability), \(bind: step.status), \(bind: step.inputJSON),
                \(bind: step.outputJSON), \(bind: step.errorJSON), \(bind: step.attempts), \(bind: step.recoveriesJSON),
                \(bind: step.idempotencyKey), \(bind: step.sideEffect), \(bind: step.startedAt), \(bind: step.finishedAt))
                """
            )
        } else {
            try await sql.runPrepared(
                """
                UPDATE task_steps SET status = \(bind: step.status), output = \(bind: step.outputJSON), error = \(bind: step.errorJSON),
                attempts = \(bind: step.attempts), recoveries = \(bind: step.recoveriesJSON), started_at = \(bind: step.startedAt),
                finished_at = \(bind: step.finishedAt) WHERE id = \(bind: step.id)
                """
            )
        }
    }

    static func insert(_ event: TaskEvent, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return try await event.create(on: database) }
        try await sql.runPrepared(
            """
            INSERT INTO events (id, created_at, account_id, environment, type, task_id, data, metadata, delivery_status)
            VALUES (\(bind: event.id), \(bind: event.createdAt), \(bind: event.$account.id), \(bind: event.environment.rawValue),
            \(bind: event.type.rawValue), \(bind: event.taskID), \(bind: event.dataJSON), \(bind: event.metadataJSON), \(bind: event.deliveryStatus?.rawValue))
            """
        )
        event._$idExists = true
    }

    /// New steps in one multi-row `INSERT` (the steps of a task run at its create).
    static func insert(steps: [RunStep], on database: any Database) async throws {
        guard !steps.isEmpty, let sql = database as? any SQLDatabase, let statement = stepsStatement(steps, on: sql) else { return }
        try await sql.runPrepared(statement)
    }

    private static func stepsStatement(_ steps: [RunStep], on sql: any SQLDatabase) -> SQLInsert? {
        guard !steps.isEmpty else { return nil }
        var insert = sql.insert(into: TaskStep.schema).columns(
            "id", "task_id", "step_index", "tool", "capability", "status", "input", "output", "error", "attempts", "recoveries",
            "idempotency_key", "side_effect", "started_at", "finished_at")
        for step in steps {
            insert = insert.values(
                SQLBind(step.id), SQLBind(step.taskID), SQLBind(step.index), SQLBind(step.tool), SQLBind(step.capability),
                SQLBind(step.status), SQLBind(step.inputJSON), SQLBind(step.outputJSON), SQLBind(step.errorJSON), SQLBind(step.attempts),
                SQLBind(step.recoveriesJSON), SQLBind(step.idempotencyKey), SQLBind(step.sideEffect), SQLBind(step.startedAt),
                SQLBind(step.finishedAt))
        }
        return insert.insert
    }

    /// New events in one multi-row `INSERT`.
    static func insert(events: [TaskEvent], on database: any Database) async throws {
        guard !events.isEmpty else { return }
        guard let sql = database as? any SQLDatabase else {
            for event in events { try await event.create(on: database) }
            return
        }
        guard let statement = eventsStatement(events, on: sql) else { return }
        try await sql.runPrepared(statement)
        for event in events { event._$idExists = true }
    }

    /// A run's events (plain values) in one multi-row `INSERT`.
    static func insert(events: [RunEvent], on database: any Database) async throws {
        guard !events.isEmpty, let sql = database as? any SQLDatabase, let statement = eventsStatement(events, on: sql) else { return }
        try await sql.runPrepared(statement)
    }

    private static func eventsStatement(_ events: [some EventValues], on sql: any SQLDatabase) -> SQLInsert? {
        guard !events.isEmpty else { return nil }
        var insert = sql.insert(into: TaskEvent.schema).columns(
            "id", "created_at", "account_id", "environment", "type", "task_id", "data", "metadata", "delivery_status")
        for event in events {
            insert = insert.values(
                SQLBind(event.eventID), SQLBind(event.createdAt), SQLBind(event.accountID), SQLBind(event.environment.rawValue),
                SQLBind(event.type.rawValue), SQLBind(event.taskID), SQLBind(event.dataJSON), SQLBind(event.metadataJSON),
                SQLBind(event.deliveryStatus?.rawValue))
        }
        return insert.insert
    }
}
