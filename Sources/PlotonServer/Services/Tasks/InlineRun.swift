import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import SQLKit

/// A simple task run inside its create, before the create's transaction (issue 16): when the
/// process can run the task now (`EngineSlots`) and every step of its plan is a read-only step of
/// a built-in tool's sandbox (no approval, no end user's grant or key, no outside call), the
/// steps run here and the task is written already `complete` with its plan, steps, events and
/// outbox rows in the one transaction that accepts it (`TaskAdmission`): one commit per task,
/// shared with other creates by group commit. Nothing is accepted before that commit, so a crash
/// before it loses only a request that was never answered.
///
/// Anything else goes the queued path as before (`run` returns nil): a planner other than the
/// embedded one (it may call out, or plan turn by turn), a step that fails, waits, writes to the
/// sandbox or meets an open pacing window. What such a run did is thrown away, which repeats
/// nothing: none of it had an effect or was committed.
struct InlineRun {
    let database: any Database
    let services: PlotonServices
    let catalog: ToolCatalog

    /// What the run produced, written by `record` when the create's transaction admits the task.
    struct Finished: Sendable {
        /// Plain values, not models: made, written and dropped once per create (`RunRows`).
        let steps: [RunStep]
        let result: JSONValue
        /// `result`'s text (`ShapedResults`), for the task's row and its `task.complete` event alike.
        let resultText: JSONText
        let clock: Clock

        /// Inside the create's transaction: the task (complete, with its result, run under one
        /// claim), its steps, one `task.progress` event per step and `task.complete`, and their
        /// outbox rows (on PostgreSQL all one statement when the outbox rows fit in one `INSERT`).
        /// `completed_at` is read here, as near the commit as it can be. `served`: the account's
        /// served mark, in the same commit (`TaskRows.insert`).
        func record(_ task: AgentTask, served: TaskAdmission.ServedMark? = nil, on database: any Database) async throws {
            let now = clock.now()
            (task.status, task.resultJSON, task.updatedAt, task.completedAt) = (
                TaskStatus.complete, resultText, now, now
            )
            (task.leaseOwner, task.leaseExpiresAt, task.claims) = (nil, nil, 1)
            let taskID = try task.requireID()
            var events = steps.map { step in
                RunEvent(
                    kind: .taskProgress, task: task, taskID: taskID,
                    dataText: JSONText(
                        JSONValue.object([
                            "task_id": .string(taskID), "step": .number(Double(step.index)), "tool": .string(step.tool),
                            "capability": .string(step.capability), "status": .string("complete"),
                        ]).jsonText), now: step.finishedAt ?? now)
            }
            events.append(RunEvent(kind: .taskComplete, task: task, taskID: taskID, dataText: resultText, now: now))
            let destinations = try await EventRecorder.route(&events, webhookURL: task.webhookURL, on: database)
            let outbox = (database as? any SQLDatabase).flatMap { sql in
                WebhookOutbox.staged(zip(events, destinations).map { ($0, $1) }, retries: true, now: now, on: sql)
            }
            // Up to `WebhookOutbox.rowsPerStatement` outbox rows ride in the task's statement
            // (PostgreSQL: one more `WITH` part); more follow it in statements of their own, in
            // the transaction that `TaskAdmission` then runs the create in.
            let inStatement = outbox.flatMap { $0.statementCount == 1 ? $0 : nil }
            try await TaskRows.insert(task, steps: steps, events: events, served: served, outbox: inStatement, on: database)
            if inStatement == nil, let sql = database as? any SQLDatabase {
                for insert in outbox?.statements ?? [] { try await sql.execute(sql: insert) { _ in } }
            }
            outbox?.written()
        }
    }

    /// Whether a new task in `environment` may run at its create at all.
    static func applies(to environment: PlotonEnvironment, services: PlotonServices) -> Bool {
        services.config.tasks.runsAtCreate && environment == .test && services.planner is EmbeddedPlanner
    }

    /// Plans `task` (unless its workflow is fixed) and runs its steps; nil when it is not a simple
    /// task. The plan is kept on `task` either way it was made, so a task that then goes to the
    /// queue is not planned again.
    func run(_ task: AgentTask) async throws -> Finished? {
        let clock = services.clock
        let workflow: Workflow
        if let fixed = try task.workflow {
            workflow = fixed
        } else {
            let request = PlanningRequest(
                prompt: task.prompt, userID: task.userID, pinnedTool: task.pinnedTool, input: [:], catalog: catalog, now: clock.now())
            guard case .workflow(let planned)? = try? await services.plans.plan(request, by: services.planner) else { return nil }
            workflow = planned
        }
        guard !workflow.steps.isEmpty, workflow.steps.allSatisfy(isSimple) else { return nil }

        let taskID = try task.requireID()
        var outputs: [Int: JSONValue] = [:]
        var steps: [RunStep] = []
        for (index, planned) in workflow.steps.enumerated() {
            let started = clock.now()
            guard let input = try? StepRunner.resolve(planned.input, outputs: outputs, steps: workflow.steps),
                try await PacingWindows(database: database, known: services.openPacingWindows).remaining(
                    window(planned, task), now: started) == nil
            else { return nil }
            let userID = task.userID ?? workflow.userID
            let sandbox = FluentSandboxStorage(
                database: database, accountID: task.$account.id, environment: .test, userKey: userID ?? "", tool: planned.tool)
            let key = "\(taskID)_step_\(index)"
            let request = StepRequest(
                taskID: taskID, accountID: task.$account.id, userID: userID, stepIndex: index, tool: planned.tool,
                capability: planned.capability, input: input, mode: .sandbox, idempotencyKey: key, sandbox: sandbox)
            guard case .completed(let raw)? = try? await FanOut.run(request, step: planned, execute: services.executor.execute),
                !sandbox.hasPendingWrites
            else { return nil }
            let output = OutputCondition.filter(raw, planned.keep ?? [])
            outputs[index] = output
            steps.append(
                RunStep(
                    completed: planned, taskID: taskID, index: index, input: Redaction.redact(.object(input)).objectValue ?? [:],
                    output: JSONText(output.jsonText), idempotencyKey: key, startedAt: started, finishedAt: clock.now()))
        }

        let shaped = try services.shapedResults.shape(workflow, outputs: outputs, catalog: catalog)
        keep(shaped, on: task)
        return Finished(steps: steps, result: shaped.result, resultText: shaped.resultText, clock: clock)
    }

    /// A read-only capability of a built-in tool that needs no end user's grant or key: run in its
    /// sandbox, it acts on nothing outside this process and repeats nothing when run again.
    private func isSimple(_ planned: PlannedStep) -> Bool {
        guard let definition = ToolCatalog.builtInDefinitions.first(where: { $0.name == planned.tool }),
            services.catalog.tool(planned.tool) != nil,
            let capability = catalog.tool(planned.tool)?.capability(planned.capability)
        else { return false }
        let userAuthorised = definition.auth.type == .oauth2 || definition.auth.perUser == true
        return !capability.sideEffect && !capability.requiresApproval && !userAuthorised
    }

    /// The plan on the task as `TaskEngine.store` records it (a fixed workflow keeps its planner).
    private func keep(_ shaped: ShapedResults.Shaped, on task: AgentTask) {
        let workflow = shaped.workflow
        task.workflowJSON = shaped.workflowText
        if task.planner == nil { task.planner = services.planner.name }
        task.setTools(workflow.tools)
        task.primaryTool = task.pinnedTool ?? workflow.tools.first
        task.userID = task.userID ?? workflow.userID
    }

    private func window(_ planned: PlannedStep, _ task: AgentTask) -> PacingWindows.Key {
        PacingWindows.Key(
            accountID: task.$account.id, environment: task.environment.rawValue, tool: planned.tool, capability: planned.capability)
    }
}
