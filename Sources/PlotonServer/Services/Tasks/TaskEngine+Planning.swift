import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import SQLKit

/// Planning a claimed task: the first plan (stored before any of its steps runs), and each turn
/// of an iterative planner.
extension TaskEngine {
    enum Turn {
        case steps([PlannedStep])
        /// The result, and the prompt's actions with the steps that did them.
        case finish(JSONValue, checked: [String])
        case stop
    }

    /// The stored workflow, or a new plan (stored before any step acts), with the task as it now
    /// stands. Nil when the task stopped. An iterative planner starts from an empty workflow and
    /// adds steps turn by turn.
    func workflow(for task: AgentTask, catalog: ToolCatalog) async throws -> (Workflow, AgentTask)? {
        if let workflow = try task.workflow { return (workflow, task) }
        if services.planner is any IterativePlanner {
            let opening = Workflow(
                steps: [], resultFields: PromptText.requestedFields(in: task.prompt), userID: PromptText.endUser(in: task.prompt))
            return (opening, try store(opening, on: task))
        }
        do {
            let request = try planningRequest(task, catalog: catalog)
            switch try await PlotonTracing.planning({ try await services.plans.plan(request, by: services.planner) }) {
            case .workflow(let workflow):
                return (workflow, try store(workflow, on: task))
            case .needsInput(let schema, let message):
                try await transitions.suspend(
                    lease.taskID, ownedBy: lease, waiting: WaitingRequest(reason: .inputRequired, inputSchema: schema, message: message),
                    ttl: services.config.tasks.waitingTTL)
                return nil
            }
        } catch let failure as PlanningFailure {
            try await failPlanning(task, failure)
            return nil
        }
    }

    /// Asks an iterative planner what to do after the steps so far, within its step budget.
    func nextTurn(_ planner: any IterativePlanner, task: AgentTask, catalog: ToolCatalog, performed: [PerformedStep]) async throws
        -> Turn
    {
        do {
            let request = try planningRequest(task, catalog: catalog)
            switch try await PlotonTracing.planning({ try await planner.next(request, performed: performed) }) {
            case .steps(let steps) where performed.count + steps.count > planner.maxSteps:
                try await failPlanning(
                    task,
                    PlanningFailure(
                        message: "The planner did not finish within \(planner.maxSteps) steps.",
                        suggestion: "Split the task into smaller ones, or raise PLOTON_LLM_MAX_STEPS."))
                return .stop
            case .steps(let steps) where !steps.isEmpty: return .steps(steps)
            case .steps: return try await checkedFinish(performed.last?.output ?? .null, task: task, catalog: catalog, performed: performed)
            case .finish(let result): return try await checkedFinish(result, task: task, catalog: catalog, performed: performed)
            case .needsInput(let schema, let message):
                try await transitions.suspend(
                    lease.taskID, ownedBy: lease, waiting: WaitingRequest(reason: .inputRequired, inputSchema: schema, message: message),
                    ttl: services.config.tasks.waitingTTL)
                return .stop
            }
        } catch let failure as PlanningFailure {
            try await failPlanning(task, failure)
            return .stop
        }
    }

    /// A finish only when every action the prompt asks for was done by a step that succeeded (issue
    /// 15: never report half a task complete); otherwise `planning_failed` naming the part.
    func checkedFinish(_ result: JSONValue, task: AgentTask, catalog: ToolCatalog, performed: [PerformedStep]) async throws -> Turn {
        let coverage = ActionCoverage.check(prompt: task.prompt, steps: performed.filter { $0.error == nil }.map(\.step), catalog: catalog)
        guard let part = coverage.missing.first else { return .finish(result, checked: coverage.covered) }
        let done = coverage.covered.isEmpty ? "" : " Done: \(coverage.covered.joined(separator: "; "))."
        try await failPlanning(
            task,
            PlanningFailure(
                message:
                    "The planner finished without doing part of the task: \"\(part)\" (no step did it), so the task is not complete.\(done)",
                suggestion: "Retry the task, name the service for that part, or run that part as a task of its own."))
        return .stop
    }

    /// Records the workflow with the run's next write, which comes before any of its steps acts
    /// (an acting step's intent is such a write), and returns the task as it now stands.
    func store(_ workflow: Workflow, on task: AgentTask) throws -> AgentTask {
        let (planner, now, taskID, plannedJSON) = (services.planner.name, now, lease.taskID, try JSONText.encode(workflow))
        let plan: @Sendable (AgentTask) -> Void = { task in
            task.workflowJSON = plannedJSON
            task.planner = planner
            task.setTools(workflow.tools)
            task.primaryTool = task.pinnedTool ?? workflow.tools.first
            task.userID = task.userID ?? workflow.userID
            task.updatedAt = now
        }
        plan(task)
        let (workflowJSON, toolsJSON, primaryTool, userID) = (task.workflowJSON, task.toolsJSON, task.primaryTool, task.userID)
        deferred.add { database in
            guard let sql = database as? any SQLDatabase else { return }
            try await sql.update(AgentTask.schema)
                .set("workflow", to: workflowJSON).set("planner", to: planner).set("tools", to: toolsJSON)
                .set("primary_tool", to: primaryTool).set("user_id", to: userID)
                // Flushed after the completion's own update, it leaves that later time in place.
                .set("updated_at", to: SQLQueryString("CASE WHEN updated_at < \(bind: now) THEN \(bind: now) ELSE updated_at END"))
                .where("id", .equal, taskID).run()
        }
        return task
    }

    private func planningRequest(_ task: AgentTask, catalog: ToolCatalog) throws -> PlanningRequest {
        PlanningRequest(
            prompt: task.prompt, userID: task.userID, pinnedTool: task.pinnedTool,
            input: try task.input.filter { $0.key != Self.approvalsKey }, catalog: catalog, now: now)
    }

    /// Inside a subagent, the suggestion also names the boundary the planner was held to.
    private func failPlanning(_ task: AgentTask, _ failure: PlanningFailure) async throws {
        var suggestion = failure.suggestion
        if let name = task.subAgent, let tools = try task.subAgentTools {
            suggestion += " This task runs inside subagent '\(name)', which can use only: \(tools.joined(separator: ", "))."
        }
        try await transitions.fail(lease.taskID, ownedBy: lease, failure: TaskFailure(failure, suggestion: suggestion))
    }
}
