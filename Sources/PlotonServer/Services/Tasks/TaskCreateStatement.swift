import Foundation
import PostgresNIO

/// PostgreSQL: a task that ran at its create, written as one statement (`TaskRows.insert`) whose
/// text depends only on which parts it has, not on how many steps, events or outbox rows: those
/// are bound as one array a column and `unnest`ed. The text is built once per shape and the binds
/// go straight into PostgresNIO's bindings. SQLKit built and serialised the whole text of every
/// create only to find its prepared statement, and cast each bind dynamically: 8 % of the server's
/// samples at the engine's maximum rate (session 24's profile).
///
/// Each array is cast to its column's type in the text, so PostgreSQL infers every parameter's
/// type from the text alone (a prepared statement declares none), and a `NULL` element is a
/// `NULL` of that type. The task's own row keeps its `VALUES`, typed by its columns as before.
enum TaskCreateStatement {
    static func statement(
        _ task: AgentTask, steps: [RunStep], events: [RunEvent], served: TaskAdmission.ServedMark?, outbox: WebhookOutbox.Staged?
    ) -> PreparedStatements.Statement? {
        var bindings = PostgresBindings(capacity: 3 + 28 + 15 + 9 + 13)
        if let served {
            bindings.append(served.now)
            bindings.append(served.accountID)
            bindings.append(served.now.addingTimeInterval(-1))
        }
        appendTask(task, to: &bindings)
        if !steps.isEmpty { appendSteps(steps, to: &bindings) }
        if !events.isEmpty { appendEvents(events, to: &bindings) }
        if let outbox { appendOutbox(outbox, to: &bindings) }
        let shape = Shape(served: served != nil, steps: !steps.isEmpty, events: !events.isEmpty, outbox: outbox != nil)
        return PreparedStatements.statement(key: shape.key, bindings: bindings) { shape.text }
    }

    /// Which parts the statement has; its text follows from them.
    private struct Shape {
        let served: Bool
        let steps: Bool
        let events: Bool
        let outbox: Bool

        var key: String { "task-create \(served) \(steps) \(events) \(outbox)" }

        var text: String {
            var next = 0
            func parameters(_ types: [String]) -> String {
                types.map { type in
                    next += 1
                    return type.isEmpty ? "$\(next)" : "$\(next)::\(type)"
                }.joined(separator: ", ")
            }
            func unnest(_ types: [String]) -> String { "SELECT * FROM unnest(\(parameters(types.map { $0 + "[]" })))" }
            var parts: [String] = []
            if served {
                let (now, id, second) = (parameters([""]), parameters([""]), parameters([""]))
                parts.append(
                    "UPDATE accounts SET last_claimed_at = \(now) WHERE id = \(id)"
                        + " AND (last_claimed_at IS NULL OR last_claimed_at < \(second))")
            }
            parts.append("INSERT INTO tasks (\(TaskCreateStatement.taskColumns)) VALUES (\(parameters(Array(repeating: "", count: 28))))")
            if steps {
                parts.append("INSERT INTO task_steps (\(TaskCreateStatement.stepColumns)) \(unnest(TaskCreateStatement.stepTypes))")
            }
            if events { parts.append("INSERT INTO events (\(TaskCreateStatement.eventColumns)) \(unnest(TaskCreateStatement.eventTypes))") }
            if outbox {
                parts.append(
                    "INSERT INTO webhook_deliveries (\(TaskCreateStatement.outboxColumns)) \(unnest(TaskCreateStatement.outboxTypes))")
            }
            let last = parts.removeLast()
            let with = parts.enumerated().map { "w\($0.offset) AS (\($0.element))" }.joined(separator: ", ")
            return with.isEmpty ? last : "WITH \(with) \(last)"
        }
    }

    private static let taskColumns = """
        id, created_at, updated_at, completed_at, account_id, environment, status, prompt, user_id, pinned_tool, primary_tool, tools, \
        sub_agent, sub_agent_tools, metadata, webhook_url, planner, workflow, input, result, error, waiting, waiting_expires_at, \
        lease_owner, lease_expires_at, claims, lost_claims, trace_context
        """

    private static func appendTask(_ task: AgentTask, to bindings: inout PostgresBindings) {
        bindings.append(task.id)
        bindings.append(task.createdAt)
        bindings.append(task.updatedAt)
        bindings.append(task.completedAt)
        bindings.append(task.$account.id)
        bindings.append(task.environment.rawValue)
        bindings.append(task.status.rawValue)
        bindings.append(task.prompt)
        bindings.append(task.userID)
        bindings.append(task.pinnedTool)
        bindings.append(task.primaryTool)
        bindings.append(task.toolsJSON)
        bindings.append(task.subAgent)
        bindings.append(task.subAgentToolsJSON)
        bindings.append(task.metadataJSON)
        bindings.append(task.webhookURL)
        bindings.append(task.planner)
        bindings.append(task.workflowJSON)
        bindings.append(task.inputJSON)
        bindings.append(task.resultJSON)
        bindings.append(task.errorJSON)
        bindings.append(task.waitingJSON)
        bindings.append(task.waitingExpiresAt)
        bindings.append(task.leaseOwner)
        bindings.append(task.leaseExpiresAt)
        bindings.append(task.claims)
        bindings.append(task.lostClaims)
        bindings.append(task.traceContext)
    }

    private static let stepColumns = """
        id, task_id, step_index, tool, capability, status, input, output, error, attempts, recoveries, idempotency_key, side_effect, \
        started_at, finished_at
        """
    private static let stepTypes = [
        "text", "text", "int8", "text", "text", "text", "json", "json", "json", "int8", "json", "text", "bool", "timestamptz",
        "timestamptz",
    ]

    private static func appendSteps(_ steps: [RunStep], to bindings: inout PostgresBindings) {
        bindings.append(steps.map(\.id))
        bindings.append(steps.map(\.taskID))
        bindings.append(steps.map(\.index))
        bindings.append(steps.map(\.tool))
        bindings.append(steps.map(\.capability))
        bindings.append(steps.map(\.status.rawValue))
        bindings.append(steps.map(\.inputJSON))
        bindings.append(NullableArray(steps.map(\.outputJSON)))
        bindings.append(NullableArray(steps.map(\.errorJSON)))
        bindings.append(steps.map(\.attempts))
        bindings.append(steps.map(\.recoveriesJSON))
        bindings.append(steps.map(\.idempotencyKey))
        bindings.append(steps.map(\.sideEffect))
        bindings.append(steps.map(\.startedAt))
        bindings.append(NullableArray(steps.map(\.finishedAt)))
    }

    private static let eventColumns = "id, created_at, account_id, environment, type, task_id, data, metadata, delivery_status"
    private static let eventTypes = ["text", "timestamptz", "text", "text", "text", "text", "json", "json", "text"]

    private static func appendEvents(_ events: [RunEvent], to bindings: inout PostgresBindings) {
        bindings.append(events.map(\.id))
        bindings.append(events.map(\.createdAt))
        bindings.append(events.map(\.accountID))
        bindings.append(events.map(\.environment.rawValue))
        bindings.append(events.map(\.type.rawValue))
        bindings.append(NullableArray(events.map(\.taskID)))
        bindings.append(events.map(\.dataJSON))
        bindings.append(events.map(\.metadataJSON))
        bindings.append(NullableArray(events.map { $0.deliveryStatus?.rawValue }))
    }

    private static let outboxColumns = """
        id, event_id, account_id, environment, endpoint_id, url, attempt, retries, status, scheduled_at, lease_owner, \
        lease_expires_at, created_at
        """
    private static let outboxTypes = [
        "text", "text", "text", "text", "text", "text", "int8", "bool", "text", "timestamptz", "text", "timestamptz", "timestamptz",
    ]

    private static func appendOutbox(_ outbox: WebhookOutbox.Staged, to bindings: inout PostgresBindings) {
        let rows = outbox.rows
        bindings.append(rows.map(\.id))
        bindings.append(rows.map(\.event_id))
        bindings.append(rows.map(\.account_id))
        bindings.append(rows.map(\.environment.rawValue))
        bindings.append(NullableArray(rows.map(\.endpoint_id)))
        bindings.append(rows.map(\.url))
        bindings.append(rows.map(\.attempt))
        bindings.append(rows.map(\.retries))
        bindings.append(rows.map(\.status.rawValue))
        bindings.append(rows.map(\.scheduled_at))
        bindings.append(NullableArray(Array(repeating: outbox.owner, count: rows.count)))
        bindings.append(NullableArray(Array(repeating: outbox.leaseExpiresAt, count: rows.count)))
        bindings.append(rows.map(\.created_at))
    }
}

/// JSON text as an element of a `json[]` parameter (`TaskCreateStatement`'s `unnest`).
extension JSONText: PostgresArrayEncodable {
    static var psqlArrayType: PostgresDataType { .jsonArray }
}
