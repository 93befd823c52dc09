import Fluent
import Foundation
import PlotonAPI
import PlotonCore

/// Runs one claimed task from where it stands: plans it if it has no workflow yet, then executes
/// the steps that have not completed, persisting each finished step before the next begins. A
/// crash anywhere loses at most the step in flight, which the next claim runs again with the same
/// idempotency key. Every write is fenced by the claim's lease: once the task has moved on
/// (cancelled, or claimed again after the lease was lost), the run stops without writing.
struct TaskEngine {
    let database: any Database
    let services: PlotonServices
    let lease: TaskLease
    /// The task as its claim just read it, saving a read; nil reads it.
    var claimed: AgentTask? = nil
    /// This run's finished read-only sandbox steps, committed with its next write.
    let deferred = DeferredWrites()

    var now: Date { services.clock.now() }
    var transitions: TaskTransitions { TaskTransitions(database: database, now: now, deferred: deferred, commits: services.groupCommit) }
    static let approvalsKey = "$approved_steps"

    func run() async throws {
        do {
            try await runSteps()
        } catch is LeaseLost {
            return  // the task moved on without this run
        }
    }

    private func runSteps() async throws {
        let taskID = lease.taskID
        guard let claimed = try await claimedTask(), lease.holds(claimed) else { return }
        let registry = ToolRegistry(
            database: database, services: services, accountID: claimed.$account.id, environment: claimed.environment)
        var catalog = try await registry.catalog()
        if let boundary = try claimed.subAgentTools { catalog = catalog.restricted(to: boundary) }
        guard var (workflow, task) = try await workflow(for: claimed, catalog: catalog) else { return }
        // A task planned before this process's planner changed keeps running as it was planned.
        let plannedBy = task.planner ?? services.planner.name
        let iterative = (services.planner as? any IterativePlanner).flatMap { plannedBy == $0.name ? $0 : nil }
        let runner = StepRunner(
            database: database, services: services, lease: lease, deferred: deferred, registry: registry, replans: iterative != nil)
        var outputs: [Int: JSONValue] = [:]
        var performed: [PerformedStep] = []
        // Steps are written only under a lease: a task on its first claim has none yet.
        let logged = lease.claim == 1 ? [] : try await TaskStep.query(on: database).filter(\.$task.$id == taskID).all()
        let steps = Dictionary(logged.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })

        var index = 0
        while true {
            while index < workflow.steps.count {
                defer { index += 1 }
                let planned = workflow.steps[index]
                if let done = steps[index], done.status == .complete {
                    outputs[index] = try done.output ?? .null
                    performed.append(PerformedStep(step: planned, output: outputs[index]))
                    continue
                }
                if iterative != nil, let done = steps[index], done.status == .failed {
                    performed.append(PerformedStep(step: planned, output: nil, error: try done.failure))
                    continue
                }
                try Task.checkCancellation()
                let workflowScopes = workflow.steps.filter { $0.tool == planned.tool }
                    .flatMap { catalog.tool($0.tool)?.capability($0.capability)?.scopes ?? [] }
                let step = StepRunner.Pending(
                    index: index, planned: planned, capability: catalog.tool(planned.tool)?.capability(planned.capability),
                    workflowScopes: workflowScopes, workflow: workflow.steps)
                let outcome = try await PlotonTracing.step(index, tool: planned.tool, capability: planned.capability) {
                    try await runner.execute(step, task: task, existing: steps[index], outputs: outputs)
                }
                switch outcome {
                case .completed(let output):
                    outputs[index] = output
                    performed.append(PerformedStep(step: planned, output: output))
                case .replan(let failure): performed.append(PerformedStep(step: planned, output: nil, error: failure))
                case .stopped: return
                }
            }
            guard let planner = iterative else { break }
            switch try await nextTurn(planner, task: task, catalog: catalog, performed: performed) {
            case .steps(let more):
                workflow.steps += more
                task = try store(workflow, on: task)
            case .finish(let answer, let checked):
                workflow.actionsChecked = checked
                task = try store(workflow, on: task)
                return try await finish(task, result: ResultShaper.shape(answer, fields: workflow.resultFields))
            case .stop: return
            }
        }

        let (result, unmatched) = WorkflowResult.shape(workflow, outputs: outputs, catalog: catalog)
        if !unmatched.isEmpty {
            workflow.unmatchedFields = unmatched
            task = try store(workflow, on: task)
        }
        try await finish(task, result: result)
    }

    private func claimedTask() async throws -> AgentTask? {
        if let claimed, claimed.id == lease.taskID { return claimed }
        return try await AgentTask.find(lease.taskID, on: database)
    }

    private func finish(_ task: AgentTask, result: JSONValue) async throws {
        try await TaskCompletion(database: database, clock: services.clock, lease: lease, deferred: deferred, commits: services.groupCommit)
            .complete(task, result: result)
    }
}

extension TaskEngine {
    static func approvedSteps(_ task: AgentTask) throws -> Set<Int> {
        Set(try task.input[approvalsKey]?.arrayValue?.compactMap { $0.numberValue.flatMap { Int(exactly: $0) } } ?? [])
    }
}
