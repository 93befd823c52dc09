import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import SQLKit

/// What the API does with tasks, for one calling account and environment.
struct TaskService {
    let database: any Database
    let services: PlotonServices
    let principal: APIPrincipal

    private var now: Date { services.clock.now() }

    struct NewTask: Sendable {
        var prompt: String
        var userID: String?
        var metadata: [String: JSONValue]
        var tool: String?
        var subAgent: SubagentObject?
        var webhookURL: String?
        /// Steps fixed by the caller (an MCP capability call): run as given, never planned.
        var workflow: Workflow? = nil
        /// The tools the task may use, when the caller has read them already (saving a read).
        var catalog: ToolCatalog? = nil
    }

    /// The planner name a task with a caller-fixed workflow records, so no planner adds turns to it.
    static let pinnedPlanner = "pinned"

    /// Stores the task (the `201` means it is durable) and, when this process's worker has a slot
    /// for it, runs it: a simple task before it is stored, written complete in the same
    /// transaction (`InlineRun`); any other from here at once (`TaskAdmission`). Otherwise queues
    /// it and wakes workers.
    func create(_ new: NewTask) async throws -> AgentTask {
        let (id, now, slots) = (ObjectIDPrefix.task.generate(), now, services.engineSlots)
        let task = try build(new, id: id, now: now)
        let workerID = await slots.reserve(
            waitingUpTo: .seconds(services.config.tasks.createSlotWait), patience: .seconds(services.config.tasks.createSlotPatience))
        let admitted: Bool
        var finished: InlineRun.Finished?
        do {
            let admission = TaskAdmission(
                database: database, settings: services.config.tasks, now: now, commits: services.groupCommit,
                served: services.servedAccounts)
            var room: TaskAdmission.Room?
            if workerID != nil, InlineRun.applies(to: principal.environment, services: services) {
                var catalog = new.catalog
                if catalog == nil, admission.readsRoomBeforeRun {
                    // The account's room, and whether it has custom tools, in one statement.
                    room = try await admission.room(for: task, probingCustomTools: true)
                    if room?.hasCustomTools == false { catalog = services.catalog }
                }
                if catalog == nil { catalog = try await self.catalog(for: new) }
                finished = try await InlineRun(database: database, services: services, catalog: catalog ?? services.catalog).run(task)
            }
            // A run's webhook rows go to this process's dispatcher, as a worker's would.
            admitted =
                if let finished {
                    try await services.webhookHandoff.binding { [room] in
                        try await admission.insert(task, claimingFor: workerID, finished: finished, room: room)
                    }
                } else { try await admission.insert(task, claimingFor: workerID) }
        } catch {
            if workerID != nil { slots.cancel(queued: false) }
            throw error
        }
        PlotonMetrics.taskAccepted(task)
        if admitted, let finished {
            slots.cancel(queued: false)
            for step in finished.steps { PlotonMetrics.stepFinished(step, outcome: .complete, at: step.finishedAt ?? now) }
            PlotonMetrics.taskMoved(task)
            return task
        }
        if admitted, let lease = task.lease {
            // The run gets its own copy: the caller goes on reading the returned one.
            let run = try build(new, id: id, now: now)
            (run.status, run.leaseOwner, run.leaseExpiresAt, run.claims) = (task.status, task.leaseOwner, task.leaseExpiresAt, 1)
            if slots.start(run) { return task }
            try await TaskQueue(database: database, settings: services.config.tasks).release(lease)
        } else if workerID != nil {
            slots.cancel(queued: true)
        }
        await WorkNotifier.notify(database: database, wakeUp: services.wakeUp)
        return task
    }

    private func catalog(for new: NewTask) async throws -> ToolCatalog {
        if let catalog = new.catalog { return catalog }
        let registry = ToolRegistry(
            database: database, services: services, accountID: principal.accountID, environment: principal.environment)
        var catalog = try await registry.catalog()
        if let boundary = new.subAgent?.tools { catalog = catalog.restricted(to: boundary) }
        return catalog
    }

    private func build(_ new: NewTask, id: String, now: Date) throws -> AgentTask {
        let task = AgentTask(accountID: principal.accountID, environment: principal.environment, prompt: new.prompt, now: now)
        task.id = id
        task.userID = new.userID
        task.pinnedTool = new.tool
        task.subAgent = new.subAgent?.name
        task.setSubAgentTools(new.subAgent?.tools)
        task.webhookURL = new.webhookURL
        task.metadataJSON = JSONText(JSONValue.object(new.metadata).jsonText)
        task.traceContext = PlotonTracing.currentTraceparent()
        if let workflow = new.workflow {
            try task.setWorkflow(workflow)
            task.planner = Self.pinnedPlanner
            task.setTools(workflow.tools)
            task.primaryTool = new.tool ?? workflow.tools.first
        }
        return task
    }

    /// `mode: "test"`: plan without storing or running anything.
    func preview(_ new: NewTask, catalog: ToolCatalog) async throws -> TaskPreviewObject {
        let request = PlanningRequest(
            prompt: new.prompt, userID: new.userID, pinnedTool: new.tool, input: [:], catalog: catalog, now: now)
        let livemode = principal.environment == .live
        do {
            switch try await services.plans.plan(request, by: services.planner) {
            case .workflow(let workflow):
                let steps = workflow.steps.map { step in
                    let capability = catalog.tool(step.tool)?.capability(step.capability)
                    return TaskPreviewObject.Step(
                        tool: step.tool, capability: step.capability, input: step.input, sideEffect: capability?.sideEffect ?? false,
                        requiresApproval: capability?.requiresApproval ?? false, keep: step.keep, reason: step.reason)
                }
                var preview = TaskPreviewObject(
                    prompt: new.prompt, planner: services.planner.name, tool: new.tool ?? workflow.tools.first, tools: workflow.tools,
                    steps: steps, resultFields: workflow.resultFields, waiting: nil, error: nil, livemode: livemode)
                preview.aggregate = workflow.aggregate
                preview.authorizationsRequired = try await authorizations(workflow, userID: new.userID ?? workflow.userID, catalog: catalog)
                return preview
            case .needsInput(let schema, let message):
                let waiting = TaskObject.Waiting(
                    reason: WaitingRequest.Reason.inputRequired.rawValue, service: nil, authURL: nil, inputSchema: schema, scopes: [],
                    message: message, expiresAt: now.addingTimeInterval(services.config.tasks.waitingTTL))
                return TaskPreviewObject(
                    prompt: new.prompt, planner: services.planner.name, tool: new.tool, tools: [], steps: [], resultFields: [],
                    waiting: waiting, error: nil, livemode: livemode)
            }
        } catch let failure as PlanningFailure {
            return TaskPreviewObject(
                prompt: new.prompt, planner: services.planner.name, tool: new.tool, tools: [], steps: [], resultFields: [], waiting: nil,
                error: TaskObject.Failure(TaskFailure(failure)),
                livemode: livemode)
        }
    }

    /// The consents and keys end users would be asked for, tool by tool, before the workflow runs.
    private func authorizations(_ workflow: Workflow, userID: String?, catalog: ToolCatalog) async throws -> [TaskPreviewObject
        .Authorization]
    {
        let registry = ToolRegistry(
            database: database, services: services, accountID: principal.accountID, environment: principal.environment)
        let gate = ConnectionGate(database: database, services: services, registry: registry)
        var found: [TaskPreviewObject.Authorization] = []
        for tool in workflow.tools {
            let scopes = workflow.steps.filter { $0.tool == tool }
                .reduce([String]()) { OAuthScopes.union($0, catalog.tool(tool)?.capability($1.capability)?.scopes ?? []) }
            if let (reason, asked) = try await gate.missingAuthorization(
                tool: tool, scopes: scopes, accountID: principal.accountID, environment: principal.environment, userID: userID)
            {
                found.append(.init(tool: tool, reason: reason, scopes: asked))
            }
        }
        return found
    }

    func find(_ id: String) async throws -> AgentTask {
        guard
            let task = try await AgentTask.query(on: database)
                .filter(\.$id == id).filter(\.$account.$id == principal.accountID).filter(\.$environment == principal.environment)
                .first()
        else { throw TaskError.notFound(id) }
        return task
    }

    struct Filters {
        var status: TaskStatus?
        var userID: String?
        var tool: String?
        var createdAfter: Date?
        var createdBefore: Date?
    }

    func list(_ filters: Filters, page: Pagination) async throws -> (items: [AgentTask], hasMore: Bool) {
        var query = AgentTask.query(on: database)
            .filter(\.$account.$id == principal.accountID).filter(\.$environment == principal.environment)
        if let status = filters.status { query = query.filter(\.$status == status) }
        if let userID = filters.userID { query = query.filter(\.$userID == userID) }
        if let tool = filters.tool { query = query.filter(\.$primaryTool == tool) }
        if let after = filters.createdAfter { query = query.filter(\.$createdAt > after) }
        if let before = filters.createdBefore { query = query.filter(\.$createdAt < before) }
        return try await page.page(query.sort(\.$createdAt, .descending).sort(\.$id, .descending))
    }

    func cancel(_ id: String) async throws -> AgentTask {
        let task = try await find(id)
        guard !task.status.isFinal else { throw Self.alreadyFinished(task) }
        let cancelled = try await TaskTransitions(database: database, now: now)
            .move(
                id, to: .cancelled, event: .taskCancelled, data: { try $0.toObject().jsonValue },
                apply: { task in
                    task.waitingJSON = nil
                    task.waitingExpiresAt = nil
                })
        guard let cancelled else { throw Self.alreadyFinished(try await find(id)) }
        return cancelled
    }

    /// The index of the step a task waiting for approval stopped before: its logged steps so far.
    static func pendingStep(of taskID: String, on database: any Database) async throws -> Int {
        try await TaskStep.query(on: database).filter(\.$task.$id == taskID).count()
    }

    /// Answers a task waiting for `input_required` or `approval_required`, and lets it go on.
    func answer(_ id: String, input: [String: JSONValue]?, approve: Bool?) async throws -> AgentTask {
        let task = try await find(id)
        guard !task.status.isFinal else { throw Self.alreadyFinished(task) }
        guard task.status == .waiting, let waiting = try task.waiting,
            [.inputRequired, .approvalRequired].contains(waiting.reason)
        else {
            throw TaskError.notWaiting(status: task.status, reason: try task.waiting?.reason.rawValue)
        }
        let transitions = TaskTransitions(database: database, now: now)
        var answers = try task.input
        switch waiting.reason {
        case .approvalRequired:
            guard let approve else { throw TaskError.approvalExpected }
            guard approve else {
                try await transitions.fail(
                    id, ownedBy: nil,
                    failure: TaskFailure(
                        code: .approvalDenied, message: "The step was not approved.", tool: waiting.service, recoverable: false,
                        suggestion: "Create a new task if the action is still wanted."))
                return try await find(id)
            }
            let pending = try await Self.pendingStep(of: id, on: database)
            answers[TaskEngine.approvalsKey] = .array((try TaskEngine.approvedSteps(task).sorted() + [pending]).map { .number(Double($0)) })
        default:
            guard let input else { throw TaskError.inputExpected }
            try InputValidation.refuseReservedKeys(.object(input))
            if let schema = waiting.inputSchema { try InputValidation.validate(input, against: schema) }
            answers.merge(input) { _, new in new }
        }
        let resumed = try await transitions.move(
            id, to: .running, event: nil,
            apply: { [answers] task in
                task.setInput(answers)
                task.waitingJSON = nil
                task.waitingExpiresAt = nil
                if waiting.reason == .inputRequired { task.workflowJSON = nil }  // plan again with the answers
            })
        guard let resumed else { throw Self.alreadyFinished(try await find(id)) }
        await WorkNotifier.notify(database: database, wakeUp: services.wakeUp)
        return resumed
    }

    static func alreadyFinished(_ task: AgentTask) -> TaskError { .alreadyFinished(status: task.status) }
}
