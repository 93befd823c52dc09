import Fluent
import Foundation
import PlotonAPI
import PlotonCore

/// Runs one claimed task from where it stands: plans it if it has no workflow yet, then executes
/// the steps that have not completed, persisting each finished step before the next begins. A
/// crash anywhere loses at most the step in flight, which the next claim runs again with the same
/// idempotency key.
struct TaskEngine {
    let database: any Database
    let services: PlotonServices
    let workerID: String

    private var now: Date { services.clock.now() }
    private var transitions: TaskTransitions { TaskTransitions(database: database, now: now) }
    static let approvalsKey = "$approved_steps"

    func run(taskID: String) async throws {
        guard let task = try await AgentTask.find(taskID, on: database), try await isOwned(task) else { return }
        let registry = ToolRegistry(
            database: database, services: services, accountID: task.$account.id, environment: task.plotonEnvironment)
        var catalog = try await registry.catalog()
        if let boundary = task.subAgentTools { catalog = catalog.restricted(to: boundary) }
        guard var workflow = try await workflow(for: task, catalog: catalog) else { return }
        // A task planned before this process's planner changed keeps running as it was planned.
        let plannedBy = task.planner ?? services.planner.name
        let iterative = (services.planner as? any IterativePlanner).flatMap { plannedBy == $0.name ? $0 : nil }
        var outputs: [Int: JSONValue] = [:]
        var performed: [PerformedStep] = []
        let logged = try await TaskStep.query(on: database).filter(\.$task.$id == taskID).all()
        let steps = Dictionary(logged.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })

        var index = 0
        while true {
            while index < workflow.steps.count {
                defer { index += 1 }
                let planned = workflow.steps[index]
                if let done = steps[index], done.status == TaskStep.Status.complete.rawValue {
                    outputs[index] = done.output ?? .null
                    performed.append(PerformedStep(step: planned, output: outputs[index]))
                    continue
                }
                if iterative != nil, let done = steps[index], done.status == TaskStep.Status.failed.rawValue {
                    performed.append(PerformedStep(step: planned, output: nil, error: done.failure))
                    continue
                }
                try Task.checkCancellation()
                guard let current = try await AgentTask.find(taskID, on: database), try await isOwned(current) else { return }
                let workflowScopes = workflow.steps.filter { $0.tool == planned.tool }
                    .flatMap { catalog.tool($0.tool)?.capability($0.capability)?.scopes ?? [] }
                let step = PendingStep(
                    index: index, planned: planned, capability: catalog.tool(planned.tool)?.capability(planned.capability),
                    workflowScopes: workflowScopes)
                switch try await execute(
                    step, task: current, existing: steps[index], outputs: outputs, registry: registry, replans: iterative != nil)
                {
                case .completed(let output):
                    outputs[index] = output
                    performed.append(PerformedStep(step: planned, output: output))
                case .replan(let failure): performed.append(PerformedStep(step: planned, output: nil, error: failure))
                case .stopped: return
                }
            }
            guard let planner = iterative else { break }
            guard let current = try await AgentTask.find(taskID, on: database), try await isOwned(current) else { return }
            switch try await nextTurn(planner, task: current, catalog: catalog, performed: performed) {
            case .steps(let more):
                workflow.steps += more
                guard try await store(workflow, taskID: taskID) != nil else { return }
            case .finish(let answer):
                return try await finish(taskID, result: ResultShaper.shape(answer, fields: workflow.resultFields))
            case .stop: return
            }
        }

        let resultIndex = workflow.resultStep ?? (workflow.steps.count - 1)
        let resultStep = workflow.steps.indices.contains(resultIndex) ? workflow.steps[resultIndex] : nil
        let declared = resultStep.flatMap { catalog.tool($0.tool)?.capability($0.capability)?.fields } ?? []
        try await finish(
            taskID, result: ResultShaper.shape(outputs[resultIndex] ?? .null, fields: workflow.resultFields, declared: declared))
    }

    private func finish(_ taskID: String, result: JSONValue) async throws {
        try await transitions.move(
            taskID, to: .complete, ownedBy: workerID, event: .taskComplete, data: { _ in result },
            apply: { task in task.resultJSON = result.jsonText })
    }

    private enum Turn {
        case steps([PlannedStep])
        case finish(JSONValue)
        case stop
    }

    /// Asks an iterative planner what to do after the steps so far, within its step budget.
    private func nextTurn(_ planner: any IterativePlanner, task: AgentTask, catalog: ToolCatalog, performed: [PerformedStep]) async throws
        -> Turn
    {
        let taskID = try task.requireID()
        do {
            switch try await planner.next(planningRequest(task, catalog: catalog), performed: performed) {
            case .steps(let steps) where performed.count + steps.count > planner.maxSteps:
                try await failPlanning(
                    task,
                    PlanningFailure(
                        message: "The planner did not finish within \(planner.maxSteps) steps.",
                        suggestion: "Split the task into smaller ones, or raise PLOTON_LLM_MAX_STEPS."))
                return .stop
            case .steps(let steps) where !steps.isEmpty: return .steps(steps)
            case .steps: return .finish(performed.last?.output ?? .null)
            case .finish(let result): return .finish(result)
            case .needsInput(let schema, let message):
                try await transitions.suspend(
                    taskID, ownedBy: workerID, waiting: WaitingRequest(reason: .inputRequired, inputSchema: schema, message: message),
                    ttl: services.config.tasks.waitingTTL)
                return .stop
            }
        } catch let failure as PlanningFailure {
            try await failPlanning(task, failure)
            return .stop
        }
    }

    private func planningRequest(_ task: AgentTask, catalog: ToolCatalog) -> PlanningRequest {
        PlanningRequest(
            prompt: task.prompt, userID: task.userID, pinnedTool: task.pinnedTool,
            input: task.input.filter { $0.key != Self.approvalsKey }, catalog: catalog, now: now)
    }

    /// Inside a subagent, the suggestion also names the boundary the planner was held to.
    private func failPlanning(_ task: AgentTask, _ failure: PlanningFailure) async throws {
        var suggestion = failure.suggestion
        if let name = task.subAgent, let tools = task.subAgentTools {
            suggestion += " This task runs inside subagent '\(name)', which can use only: \(tools.joined(separator: ", "))."
        }
        try await transitions.fail(
            try task.requireID(), ownedBy: workerID,
            failure: .init(code: failure.code, message: failure.message, recoverable: true, suggestion: suggestion))
    }

    /// Saves the workflow (before any of its new steps runs). Nil when the task is no longer ours.
    private func store(_ workflow: Workflow, taskID: String) async throws -> AgentTask? {
        let planner = services.planner.name
        return try await transitions.move(
            taskID, to: .running, ownedBy: workerID, event: nil,
            apply: { task in
                task.workflow = workflow
                task.planner = planner
                task.toolsJSON = JSONValue.array(workflow.tools.map(JSONValue.string)).jsonText
                task.primaryTool = task.pinnedTool ?? workflow.tools.first
                task.userID = task.userID ?? workflow.userID
            })
    }

    private func isOwned(_ task: AgentTask) async throws -> Bool {
        task.taskStatus == .running && task.leaseOwner == workerID
    }

    /// The stored workflow, or a new plan (stored before any step runs). Nil when the task stopped.
    /// An iterative planner starts from an empty workflow and adds steps turn by turn.
    private func workflow(for task: AgentTask, catalog: ToolCatalog) async throws -> Workflow? {
        if let workflow = task.workflow { return workflow }
        let taskID = try task.requireID()
        if services.planner is any IterativePlanner {
            let opening = Workflow(
                steps: [], resultFields: PromptText.requestedFields(in: task.prompt), userID: PromptText.endUser(in: task.prompt))
            return try await store(opening, taskID: taskID) == nil ? nil : opening
        }
        do {
            switch try await services.planner.plan(planningRequest(task, catalog: catalog)) {
            case .workflow(let workflow):
                return try await store(workflow, taskID: taskID) == nil ? nil : workflow
            case .needsInput(let schema, let message):
                try await transitions.suspend(
                    taskID, ownedBy: workerID, waiting: WaitingRequest(reason: .inputRequired, inputSchema: schema, message: message),
                    ttl: services.config.tasks.waitingTTL)
                return nil
            }
        } catch let failure as PlanningFailure {
            try await failPlanning(task, failure)
            return nil
        }
    }

    private struct PendingStep {
        var index: Int
        var planned: PlannedStep
        var capability: CapabilityDescriptor?
        /// What every step of this tool in the workflow needs, to ask the user once.
        var workflowScopes: [String]
    }

    private enum StepResult {
        case completed(JSONValue)
        /// The step failed for good, and the planner is to decide what to do instead.
        case replan(ToolFailure)
        case stopped
    }

    private func execute(
        _ pending: PendingStep, task: AgentTask, existing: TaskStep?, outputs: [Int: JSONValue], registry: ToolRegistry,
        replans: Bool
    ) async throws -> StepResult {
        let (index, planned, capability) = (pending.index, pending.planned, pending.capability)
        let taskID = try task.requireID()
        let input: [String: JSONValue]
        do {
            input = try Self.resolve(planned.input, outputs: outputs)
        } catch let failure as ToolFailure {
            try await transitions.fail(
                taskID, ownedBy: workerID, failure: .init(code: failure.code, message: failure.message, tool: planned.tool))
            return .stopped
        }
        if capability?.requiresApproval == true, !Self.approvedSteps(task).contains(index) {
            let message = "Approve \(planned.tool).\(planned.capability) with \(Redaction.redact(.object(input)).jsonText)?"
            let ttl = services.config.tasks.waitingTTL
            let link = ApprovalLink.url(taskID: taskID, step: index, expiresAt: now.addingTimeInterval(ttl), services: services)
            try await transitions.suspend(
                taskID, ownedBy: workerID,
                waiting: WaitingRequest(reason: .approvalRequired, service: planned.tool, authURL: link, message: message), ttl: ttl)
            return .stopped
        }

        let step =
            existing
            ?? TaskStep(
                taskID: taskID, index: index, step: planned, input: Redaction.redact(.object(input)).objectValue ?? [:],
                idempotencyKey: "\(taskID)_step_\(index)", sideEffect: capability?.sideEffect ?? false, now: now)
        // A user-authorised tool needs the end user's grant: wait for consent, or use (refreshed) tokens.
        var credentials: ToolCredentials?
        var connectionID: String?
        do {
            let gate = ConnectionGate(database: database, services: services, registry: registry)
            switch try await gate.check(tool: planned.tool, capability: capability, task: task, workflowScopes: pending.workflowScopes) {
            case .suspend(let waiting):
                try await transitions.suspend(taskID, ownedBy: workerID, waiting: waiting, ttl: services.config.tasks.waitingTTL)
                return .stopped
            case .proceed(let granted, let id, let refreshed):
                credentials = granted
                connectionID = id
                if refreshed { step.recoveriesJSON = JSONValue.array(step.recoveries + [tokenRefresh(before: true)]).jsonText }
            }
        } catch let failure as ToolFailure {
            try await transitions.fail(
                taskID, ownedBy: workerID,
                failure: .init(
                    code: failure.code, message: failure.message, tool: planned.tool, recoverable: failure.recoverable,
                    suggestion: failure.suggestion))
            return .stopped
        }
        var refreshedAfterRejection = false
        if step.attempts == 0, let wait = try await pacing(tool: planned.tool, capability: planned.capability, task: task) {
            step.recoveriesJSON = JSONValue.array(step.recoveries + [pace(wait)]).jsonText
            try await Task.sleep(for: .seconds(wait))
        }

        let userID = task.userID ?? task.workflow?.userID
        let request = StepRequest(
            taskID: taskID, accountID: task.$account.id, userID: userID, stepIndex: index, tool: planned.tool,
            capability: planned.capability, input: input, mode: task.plotonEnvironment == .live ? .live : .sandbox,
            idempotencyKey: step.idempotencyKey,
            sandbox: task.plotonEnvironment == .live
                ? nil
                : FluentSandboxStorage(
                    database: database, accountID: task.$account.id, environment: task.environment, userKey: userID ?? "",
                    tool: planned.tool))
        let settings = services.config.tasks

        while true {
            step.attempts += 1
            step.status = TaskStep.Status.running.rawValue
            step.startedAt = step.attempts == 1 ? now : step.startedAt
            try await step.save(on: database)
            do {
                switch try await executeStep(request, registry: registry, credentials: credentials) {
                case .completed(let raw):
                    let output = OutputCondition.filter(raw, planned.keep ?? [])
                    try await complete(step, output: output, task: task, total: outputs.count)
                    return .completed(output)
                case .suspend(let waiting):
                    step.status = TaskStep.Status.waiting.rawValue
                    try await step.save(on: database)
                    try await transitions.suspend(taskID, ownedBy: workerID, waiting: waiting, ttl: settings.waitingTTL)
                    return .stopped
                }
            } catch let failure as ToolFailure {
                // The service refused the end user's own key: it expires, and they are asked for a new one.
                if failure.code == "auth_failed", let connectionID, try await registry.definition(of: planned.tool)?.auth.perUser == true {
                    try await ConnectionVault(database: database, services: services).expire(connectionID, task: task)
                    let gate = ConnectionGate(database: database, services: services, registry: registry)
                    if case .suspend(let waiting) = try await gate.check(
                        tool: planned.tool, capability: capability, task: task, workflowScopes: pending.workflowScopes)
                    {
                        step.status = TaskStep.Status.waiting.rawValue
                        step.recoveriesJSON = JSONValue.array(step.recoveries + [credentialsRejected()]).jsonText
                        try await step.save(on: database)
                        try await transitions.suspend(taskID, ownedBy: workerID, waiting: waiting, ttl: settings.waitingTTL)
                        return .stopped
                    }
                }
                // The provider refused the end user's token: refresh it once and try again.
                if failure.code == "auth_failed", let connectionID, case .bearer(let stale)? = credentials,
                    let provider = try await registry.oauthProvider(for: planned.tool), !refreshedAfterRejection
                {
                    refreshedAfterRejection = true
                    do {
                        credentials = .bearer(
                            try await ConnectionVault(database: database, services: services)
                                .accessToken(for: connectionID, provider: provider, task: task, stale: stale).token)
                    } catch let refreshFailure as ToolFailure {
                        return try await stepFailed(step, refreshFailure, task: task, replans: false)
                    }
                    step.recoveriesJSON = JSONValue.array(step.recoveries + [tokenRefresh(before: false)]).jsonText
                    try await step.save(on: database)
                    continue
                }
                if failure.retryable, step.attempts < settings.maxStepAttempts {
                    let delay = retryDelay(failure, attempt: step.attempts)
                    guard delay <= settings.maxRetryDelay else { return try await stepFailed(step, failure, task: task, replans: replans) }
                    step.recoveriesJSON =
                        JSONValue.array(step.recoveries + [recovery(failure, attempt: step.attempts, delay: delay)]).jsonText
                    try await step.save(on: database)
                    try await Task.sleep(for: .seconds(delay))
                    continue
                }
                return try await stepFailed(step, failure, task: task, replans: replans)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                let failure = ToolFailure(code: "internal_error", message: "The step failed unexpectedly: \(error)")
                return try await stepFailed(step, failure, task: task, replans: replans)
            }
        }
    }

    /// Built-in (and test-injected) tools run through the configured executor; custom tools
    /// through the generic HTTP executor with their stored definition and credentials.
    private func executeStep(_ request: StepRequest, registry: ToolRegistry, credentials endUser: ToolCredentials?) async throws
        -> StepOutcome
    {
        let credentials = { () async throws -> ToolCredentials? in
            if let endUser { return endUser }
            return try await registry.credentials(for: request.tool)
        }
        if request.mode == .live, let definition = services.liveDefinitions[request.tool] {
            return try await HTTPToolExecutor(http: services.outbound).execute(
                definition, credentials: try await credentials(), request: request)
        }
        if services.catalog.tool(request.tool) != nil { return try await services.executor.execute(request) }
        guard let tool = try await registry.find(request.tool), let definition = tool.definition else {
            throw ToolFailure(code: "unknown_tool", message: "The tool '\(request.tool)' is not registered (any more).")
        }
        return try await HTTPToolExecutor(http: services.outbound).execute(
            definition, credentials: try await credentials(), request: request)
    }

    private func complete(_ step: TaskStep, output: JSONValue, task: AgentTask, total: Int) async throws {
        let now = self.now
        let taskID = try task.requireID()
        try await database.writeTransaction { database in
            step.status = TaskStep.Status.complete.rawValue
            step.outputJSON = output.jsonText
            step.finishedAt = now
            try await step.save(on: database)
            try await EventRecorder.record(
                .taskProgress, task: task,
                data: .object([
                    "task_id": .string(taskID), "step": .number(Double(step.index)), "tool": .string(step.tool),
                    "capability": .string(step.capability), "status": .string("complete"),
                ]),
                now: now, on: database)
        }
    }

    private func stepFailed(_ step: TaskStep, _ failure: ToolFailure, task: AgentTask, replans: Bool) async throws -> StepResult {
        step.status = TaskStep.Status.failed.rawValue
        step.errorJSON = JSONValue.object(["code": .string(failure.code), "message": .string(failure.message)]).jsonText
        step.finishedAt = now
        if replans {
            let replan: JSONValue = .object([
                "type": .string("replan"), "reason": .string(failure.code), "message": .string(failure.message),
                "attempt": .number(Double(step.attempts)), "at": .string(ISO8601DateFormatter().string(from: now)),
            ])
            step.recoveriesJSON = JSONValue.array(step.recoveries + [replan]).jsonText
        }
        try await step.save(on: database)
        if replans { return .replan(failure) }
        try await transitions.fail(
            try task.requireID(), ownedBy: workerID,
            failure: .init(
                code: failure.code, message: failure.message, tool: step.tool, recoverable: failure.recoverable,
                suggestion: failure.suggestion ?? (failure.retryable ? "The service kept failing; retry the task later." : nil)))
        return .stopped
    }

    /// Exponential backoff with jitter, never shorter than the service's `Retry-After`.
    private func retryDelay(_ failure: ToolFailure, attempt: Int) -> TimeInterval {
        let base = services.config.tasks.retryBaseDelay * pow(2, Double(attempt - 1))
        let jittered = base * Double.random(in: 0.8...1.2)
        return max(jittered, failure.retryAfter ?? 0)
    }

    /// Execution memory: when the provider rate limited this capability for the account within the
    /// last ten minutes, the next call waits out the window it announced instead of hitting it again.
    private func pacing(tool: String, capability: String, task: AgentTask) async throws -> TimeInterval? {
        let recent = try await TaskStep.query(on: database)
            .join(AgentTask.self, on: \TaskStep.$task.$id == \AgentTask.$id)
            .filter(AgentTask.self, \.$account.$id == task.$account.id).filter(AgentTask.self, \.$environment == task.environment)
            .filter(\.$tool == tool).filter(\.$capability == capability)
            .filter(\.$startedAt >= now.addingTimeInterval(-600)).filter(\.$recoveriesJSON ~~ "rate_limit_wait")
            .sort(\.$startedAt, .descending).first()
        guard let wait = recent?.recoveries.last(where: { $0.value(at: "type") == .string("rate_limit_wait") }),
            let at = wait.value(at: "at")?.stringValue.flatMap(ISO8601DateFormatter().date(from:)),
            let delay = wait.value(at: "delay_ms")?.numberValue
        else { return nil }
        let remaining = at.addingTimeInterval(delay / 1000).timeIntervalSince(now)
        return remaining > 0 ? min(remaining, services.config.tasks.maxRetryDelay) : nil
    }

    private func pace(_ wait: TimeInterval) -> JSONValue {
        .object([
            "type": .string("rate_limit_pace"), "reason": .string("rate_limited_recently"),
            "message": .string("The provider rate limited this capability recently; waiting out its window before calling."),
            "delay_ms": .number((wait * 1000).rounded()), "at": .string(ISO8601DateFormatter().string(from: now)),
        ])
    }

    /// A per-user key the service refused, in the trace.
    private func credentialsRejected() -> JSONValue {
        .object([
            "type": .string("credentials_rejected"), "reason": .string("auth_failed"),
            "message": .string("The service refused the end user's key; the connection expired and the user is asked for a new one."),
            "at": .string(ISO8601DateFormatter().string(from: now)),
        ])
    }

    /// A token refresh in the trace: before use (about to expire) or after the provider refused it.
    private func tokenRefresh(before: Bool) -> JSONValue {
        .object([
            "type": .string("token_refresh"),
            "reason": .string(before ? "token_expiring" : "auth_failed"),
            "message": .string(
                before
                    ? "The access token was about to expire; it was refreshed."
                    : "The provider refused the access token; it was refreshed and the call retried."),
            "at": .string(ISO8601DateFormatter().string(from: now)),
        ])
    }

    private func recovery(_ failure: ToolFailure, attempt: Int, delay: TimeInterval) -> JSONValue {
        .object([
            "type": .string(failure.code == "rate_limited" ? "rate_limit_wait" : "retry"),
            "reason": .string(failure.code), "message": .string(failure.message),
            "attempt": .number(Double(attempt)), "delay_ms": .number((delay * 1000).rounded()),
            "at": .string(ISO8601DateFormatter().string(from: now)),
        ])
    }

    static func resolve(_ input: [String: JSONInput], outputs: [Int: JSONValue]) throws -> [String: JSONValue] {
        try input.mapValues { value in
            switch value {
            case .literal(let literal): return literal
            case .reference(let step, let path):
                guard let resolved = outputs[step]?.value(at: path) else {
                    throw ToolFailure(code: "invalid_workflow", message: "Step \(step) produced no '\(path)' for a later step.")
                }
                return resolved
            case .template(let template): return .string(ComposedText.render(template, outputs: outputs))
            }
        }
    }

    static func approvedSteps(_ task: AgentTask) -> Set<Int> {
        Set(task.input[approvalsKey]?.arrayValue?.compactMap { $0.numberValue.flatMap { Int(exactly: $0) } } ?? [])
    }
}
