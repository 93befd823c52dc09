import Fluent
import Foundation
import PlotonAPI
import PlotonCore

/// Runs one planned step of a claimed task: resolves its input, waits for approval or consent,
/// calls the tool with retries and recoveries, and records the outcome. Every write is fenced by
/// the lease (a `LeaseLost` ends the run).
struct StepRunner {
    let database: any Database
    let services: PlotonServices
    let lease: TaskLease
    let deferred: DeferredWrites
    let registry: ToolRegistry
    /// A step that fails for good goes back to the (iterative) planner instead of failing the task.
    let replans: Bool

    struct Pending {
        var index: Int
        var planned: PlannedStep
        var capability: CapabilityDescriptor?
        /// What every step of this tool in the workflow needs, to ask the user once.
        var workflowScopes: [String]
        /// The workflow's steps, to explain a reference to one that found nothing.
        var workflow: [PlannedStep] = []
    }

    enum Outcome {
        case completed(JSONValue)
        /// The step failed for good, and the planner is to decide what to do instead.
        case replan(ToolFailure)
        case stopped
    }

    private var now: Date { services.clock.now() }
    private var transitions: TaskTransitions {
        TaskTransitions(database: database, now: now, deferred: deferred, commits: services.groupCommit)
    }

    func execute(_ pending: Pending, task: AgentTask, existing: TaskStep?, outputs: [Int: JSONValue]) async throws -> Outcome {
        let (index, planned, capability) = (pending.index, pending.planned, pending.capability)
        let taskID = lease.taskID
        let input: [String: JSONValue]
        do {
            // "Move the Acme renewal deal …" when two deals match: not the first one, silently.
            if capability?.sideEffect == true,
                let ambiguous = AmbiguousRecords.failure(input: planned.input, outputs: outputs, steps: pending.workflow)
            {
                throw ambiguous
            }
            // "Refund £40 of …" on a USD payment would refund $40.00.
            if let mismatch = RefundCurrency.mismatch(planned, outputs: outputs, prompt: task.prompt) { throw mismatch }
            if capability?.sideEffect != false, FanOut.applies(to: planned) { throw FanOut.refusal(planned) }
            input = try Self.resolve(planned.input, outputs: outputs, steps: pending.workflow)
        } catch let failure as ToolFailure {
            try await transitions.fail(taskID, ownedBy: lease, failure: TaskFailure(failure, tool: planned.tool))
            return .stopped
        }
        if capability?.requiresApproval == true, try !TaskEngine.approvedSteps(task).contains(index) {
            let message = ApprovalText.message(
                planned, input: input, redacted: Redaction.redact(.object(input)).jsonText, outputs: outputs, prompt: task.prompt)
            let ttl = services.config.tasks.waitingTTL
            let link = ApprovalLink.url(taskID: taskID, step: index, expiresAt: now.addingTimeInterval(ttl), services: services)
            try await transitions.suspend(
                taskID, ownedBy: lease,
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
                try await transitions.suspend(taskID, ownedBy: lease, waiting: waiting, ttl: services.config.tasks.waitingTTL)
                return .stopped
            case .proceed(let granted, let id, let refreshed):
                credentials = granted
                connectionID = id
                if refreshed {
                    try step.addRecovery(StepRecovery.tokenRefresh(before: true, at: now))
                }
            }
        } catch let failure as ToolFailure {
            try await transitions.fail(taskID, ownedBy: lease, failure: TaskFailure(failure, tool: planned.tool))
            return .stopped
        }
        var refreshedAfterRejection = false
        if step.attempts == 0, let wait = try await pacing(tool: planned.tool, capability: planned.capability, task: task) {
            try step.addRecovery(StepRecovery.pace(wait, at: now))
            try await Task.sleep(for: .seconds(wait))
        }

        let userID = try task.userID ?? task.workflow?.userID
        let environment = task.environment
        let sandbox =
            environment == .live
            ? nil
            : FluentSandboxStorage(
                database: database, accountID: task.$account.id, environment: environment, userKey: userID ?? "",
                tool: planned.tool)
        let request = StepRequest(
            taskID: taskID, accountID: task.$account.id, userID: userID, stepIndex: index, tool: planned.tool,
            capability: planned.capability, input: input, mode: environment == .live ? .live : .sandbox,
            idempotencyKey: step.idempotencyKey, sandbox: sandbox)
        let settings = services.config.tasks
        // Intent (attempt count, idempotency key) is written before a call that can act outside this
        // process. A read-only step of a built-in sandbox repeats no effect when run again after a
        // crash, so only its outcome is written: one commit per step instead of two.
        let recordsIntent = step.sideEffect || request.mode == .live || services.catalog.tool(planned.tool) == nil

        while true {
            step.attempts += 1
            step.status = TaskStep.Status.running
            step.startedAt = step.attempts == 1 ? now : step.startedAt
            if recordsIntent { try await save(step) }
            sandbox?.discardWrites()
            let outcome: StepOutcome
            do {
                outcome = try await FanOut.run(request, step: planned) { try await executeStep($0, credentials: credentials) }
            } catch let failure as ToolFailure {
                // The service refused the end user's own key: it expires, and they are asked for a new one.
                if failure.code == .authFailed, let connectionID, try await registry.definition(of: planned.tool)?.auth.perUser == true {
                    try await ConnectionVault(database: database, services: services).expire(connectionID, task: task)
                    let gate = ConnectionGate(database: database, services: services, registry: registry)
                    if case .suspend(let waiting) = try await gate.check(
                        tool: planned.tool, capability: capability, task: task, workflowScopes: pending.workflowScopes)
                    {
                        step.status = TaskStep.Status.waiting
                        try step.addRecovery(StepRecovery.credentialsRejected(at: now))
                        try await save(step)
                        try await transitions.suspend(taskID, ownedBy: lease, waiting: waiting, ttl: settings.waitingTTL)
                        return .stopped
                    }
                }
                // The provider refused the end user's token: refresh it once and try again.
                if failure.code == .authFailed, let connectionID, case .bearer(let stale)? = credentials,
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
                    try step.addRecovery(StepRecovery.tokenRefresh(before: false, at: now))
                    try await save(step)
                    continue
                }
                if failure.retryable, step.attempts < settings.maxStepAttempts {
                    let delay = retryDelay(failure, attempt: step.attempts)
                    guard delay <= settings.maxRetryDelay else { return try await stepFailed(step, failure, task: task, replans: replans) }
                    try step.addRecovery(StepRecovery.retry(failure, attempt: step.attempts, delay: delay, at: now))
                    try await save(step)
                    if failure.code == .rateLimited {
                        try await PacingWindows(database: database, known: services.openPacingWindows).record(
                            window(planned.tool, planned.capability, task), until: now.addingTimeInterval(delay))
                    }
                    try await Task.sleep(for: .seconds(delay))
                    continue
                }
                return try await stepFailed(step, failure, task: task, replans: replans)
            } catch is CancellationError {
                throw CancellationError()
            } catch let lost as LeaseLost {
                throw lost
            } catch  where error is any DatabaseError || DatabaseUnreachable.matches(error) {
                // A sandbox keeps its records in the database: a connection lost mid-step (PostgreSQL restarting) ends
                // the run, and the step runs again after the lease; nothing of it was committed. Not every such error
                // is a `DatabaseError` (a transaction cut off by the restart ends in `DatabaseConnectionLost`, a pool's
                // wait in `ConnectionPoolTimeoutError`); taken for the step's own failure, they had failed the task.
                throw error
            } catch {
                let failure = ToolFailure(code: "internal_error", message: "The step failed unexpectedly: \(error)")
                return try await stepFailed(step, failure, task: task, replans: replans)
            }
            // A database error recording the outcome ends the run: the step runs again after the lease.
            switch outcome {
            case .completed(let raw):
                let output = OutputCondition.filter(raw, planned.keep ?? [])
                try await complete(
                    step, output: output, task: task, sandbox: sandbox, deferrable: !recordsIntent && sandbox?.hasPendingWrites != true)
                return .completed(output)
            case .suspend(let waiting):
                step.status = TaskStep.Status.waiting
                try await save(step)
                try await transitions.suspend(taskID, ownedBy: lease, waiting: waiting, ttl: settings.waitingTTL)
                return .stopped
            }
        }
    }

    /// Built-in (and test-injected) tools run through the configured executor; custom tools
    /// through the generic HTTP executor with their stored definition and credentials.
    private func executeStep(_ request: StepRequest, credentials endUser: ToolCredentials?) async throws -> StepOutcome {
        let credentials = { () async throws -> ToolCredentials? in
            if let endUser { return endUser }
            return try await registry.credentials(for: request.tool)
        }
        if request.mode == .live, let definition = services.liveDefinitions[request.tool] {
            return try await HTTPToolExecutor(http: services.outbound).execute(
                definition, credentials: try await credentials(), request: request)
        }
        if services.catalog.tool(request.tool) != nil { return try await services.executor.execute(request) }
        guard let definition = try await registry.find(request.tool)?.definition else {
            throw ToolFailure(code: "unknown_tool", message: "The tool '\(request.tool)' is not registered (any more).")
        }
        return try await HTTPToolExecutor(http: services.outbound).execute(
            definition, credentials: try await credentials(), request: request)
    }

    /// Writes the step (and first the run's deferred writes) while the lease holds.
    private func save(_ step: TaskStep) async throws {
        let fresh = !step._$idExists
        try await lease.fenced(on: database, via: services.groupCommit) { database in
            try await deferred.flush(on: database)
            try await TaskRows.save(step, fresh: fresh, on: database)
        }
        deferred.committed()
        step._$idExists = true
    }

    /// The step's outcome, its sandbox writes and its `task.progress` event, in one fenced
    /// transaction; or, for a read-only sandbox step (`deferrable`), with the run's next write.
    private func complete(
        _ step: TaskStep, output: JSONValue, task: AgentTask, sandbox: FluentSandboxStorage?, deferrable: Bool
    ) async throws {
        let (now, taskID, deferred) = (self.now, lease.taskID, self.deferred)
        PlotonMetrics.stepFinished(step, outcome: .complete, at: now)
        let fresh = !step._$idExists
        let record: DeferredWrites.Write = { database in
            try await sandbox?.commitWrites(on: database)
            step.status = TaskStep.Status.complete
            step.outputJSON = JSONText(output.jsonText)
            step.finishedAt = now
            try await TaskRows.save(step, fresh: fresh, on: database)
            try await EventRecorder.record(
                .taskProgress, task: task,
                data: .object([
                    "task_id": .string(taskID), "step": .number(Double(step.index)), "tool": .string(step.tool),
                    "capability": .string(step.capability), "status": .string("complete"),
                ]),
                now: now, on: database)
        }
        guard !deferrable else { return deferred.add(record) }
        try await lease.fenced(on: database, via: services.groupCommit) { database in
            try await deferred.flush(on: database)
            try await record(database)
        }
        deferred.committed()
    }

    private func stepFailed(_ step: TaskStep, _ failure: ToolFailure, task: AgentTask, replans: Bool) async throws -> Outcome {
        step.status = TaskStep.Status.failed
        try step.setFailure(failure)
        step.finishedAt = now
        PlotonMetrics.stepFinished(step, outcome: .failed, at: now)
        if replans {
            try step.addRecovery(StepRecovery.replan(failure, attempt: step.attempts, at: now))
        }
        try await save(step)
        if replans { return .replan(failure) }
        var taskFailure = TaskFailure(failure, tool: step.tool)
        if failure.retryable, taskFailure.suggestion == nil { taskFailure.suggestion = "The service kept failing; retry the task later." }
        try await transitions.fail(lease.taskID, ownedBy: lease, failure: taskFailure)
        return .stopped
    }

    /// Exponential backoff with jitter, never shorter than the service's `Retry-After`.
    private func retryDelay(_ failure: ToolFailure, attempt: Int) -> TimeInterval {
        let base = services.config.tasks.retryBaseDelay * pow(2, Double(attempt - 1))
        let jittered = base * Double.random(in: 0.8...1.2)
        return max(jittered, failure.retryAfter ?? 0)
    }

    /// Execution memory: while a window the provider announced when it rate limited this
    /// capability for the account is open, the next call waits it out instead of hitting it again.
    private func pacing(tool: String, capability: String, task: AgentTask) async throws -> TimeInterval? {
        let windows = PacingWindows(database: database, known: services.openPacingWindows)
        let remaining = try await windows.remaining(window(tool, capability, task), now: now)
        return remaining.map { min($0, services.config.tasks.maxRetryDelay) }
    }

    private func window(_ tool: String, _ capability: String, _ task: AgentTask) -> PacingWindows.Key {
        PacingWindows.Key(accountID: task.$account.id, environment: task.environment.rawValue, tool: tool, capability: capability)
    }

    static func resolve(_ input: [String: JSONInput], outputs: [Int: JSONValue], steps: [PlannedStep] = []) throws -> [String: JSONValue] {
        var resolved: [String: JSONValue] = [:]
        for (parameter, value) in input { resolved[parameter] = try resolve(value, parameter: parameter, outputs: outputs, steps: steps) }
        return resolved
    }

    static func resolve(_ value: JSONInput, parameter: String, outputs: [Int: JSONValue], steps: [PlannedStep]) throws -> JSONValue {
        switch value {
        case .literal(let literal): return literal
        case .reference(let step, let path):
            guard let resolved = outputs[step]?.value(at: path) else {
                throw StepReferences.missing(
                    parameter: parameter, path: path, sourceIndex: step, source: steps.indices.contains(step) ? steps[step] : nil,
                    output: outputs[step])
            }
            return resolved
        case .template(let template):
            // A message to "him" after a search that found no one is not sent to "—".
            if let (step, path) = StepReferences.missingRecord(in: template, outputs: outputs) {
                throw StepReferences.missing(
                    parameter: parameter, path: path, sourceIndex: step, source: steps.indices.contains(step) ? steps[step] : nil,
                    output: outputs[step])
            }
            return ComposedText.value(template, outputs: outputs)
        }
    }
}
