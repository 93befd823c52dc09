import Fluent
import Foundation
import Logging
import PlotonCore
import Synchronization

/// Claims tasks from the queue and runs them, up to `workerConcurrency` at once, renewing each
/// lease while its task runs. Tests call `runOnce()`; `serve` runs `run()` until shutdown.
final class TaskWorker: Sendable {
    let id: String
    private let database: any Database
    /// The database a task runs on: each run may take another event loop's connection pool, so
    /// the tasks in flight are not held to the connections of the loop that claimed them.
    private let runDatabase: @Sendable () -> any Database
    private let services: PlotonServices
    private let logger: Logger

    init(
        database: any Database, services: PlotonServices, logger: Logger, id: String = "wrk_" + Base62.random(count: 16),
        runDatabase: (@Sendable () -> any Database)? = nil
    ) {
        self.id = id
        self.database = database
        self.runDatabase = runDatabase ?? { database }
        self.services = services
        self.logger = logger
    }

    private var queue: TaskQueue { TaskQueue(database: database, settings: services.config.tasks) }

    /// Claims and runs tasks one at a time until none can be claimed; returns how many ran.
    @discardableResult
    func runOnce() async throws -> Int {
        var count = 0
        while let task = try await queue.claim(workerID: id, now: services.clock.now()) {
            await handle(task)
            count += 1
        }
        return count
    }

    /// The long-running loop: fill free slots with claimed tasks (one claim takes as many as there
    /// are free slots); sleep until woken (new work, a finished task) or the poll interval passes;
    /// run maintenance every minute. Tasks a create claimed for this worker (`EngineSlots`) run in
    /// the slots they reserved. Ends when the surrounding task is cancelled; tasks in flight give
    /// their leases back. A task that lost a worker before runs alone: nothing else is claimed
    /// until it is done, or has run for one lease.
    func run() async {
        let settings = services.config.tasks
        let slots = services.engineSlots
        let created = slots.open(workerID: id, limit: settings.workerConcurrency)
        var lastMaintenance = ContinuousClock.now - .seconds(3600)
        var backoff = FailureBackoff(what: "claiming work", logger: logger)
        var (lastTurn, turnsFindTasks) = (ContinuousClock.now - .seconds(3600), true)
        await withDiscardingTaskGroup { group in
            group.addTask { [self] in
                await withDiscardingTaskGroup { runs in
                    for await task in created { runs.addTask { [self] in await run(task, in: slots, isolated: false) } }
                }
            }
            group.addTask { [self] in
                // Finished steps folded every few seconds, each fold small, instead of a minute's
                // worth landing at once in whatever runs then (upkeep still folds before pruning).
                while (try? await Task.sleep(for: .seconds(settings.memoryFoldInterval))) != nil { await foldMemory() }
            }
            while !Task.isCancelled {
                var wait = settings.pollInterval
                if ContinuousClock.now - lastMaintenance >= .seconds(60) {
                    lastMaintenance = ContinuousClock.now
                    group.addTask { [self] in await maintain() }
                }
                while !Task.isCancelled {
                    var (free, turn) = (slots.reserveForClaim(), false)
                    if free == 0, turnsFindTasks || ContinuousClock.now - lastTurn >= .seconds(settings.pollInterval) {
                        // Every slot taken and creates waiting: the next slot given back is the claim's.
                        // After a turn that found nothing, the next one waits for the poll interval:
                        // a finished run wakes the worker, and an overloaded server finishes many.
                        lastTurn = ContinuousClock.now
                        free = await slots.claimTurn(waitingUpTo: .seconds(wait))
                        turn = true
                    }
                    guard free > 0 else { break }
                    do {
                        let busy = free < settings.workerConcurrency
                        let claimed: [AgentTask]
                        do {
                            claimed = try await queue.claim(workerID: id, now: services.clock.now(), limit: free, busy: busy)
                        } catch {
                            slots.claimed(0, reserved: free, isolated: 0, turn: turn)
                            throw error
                        }
                        backoff.succeeded()
                        let isolated = claimed.filter { settings.runsAlone(lostClaims: $0.lostClaims) }
                        slots.claimed(claimed.count, reserved: free, isolated: isolated.count, turn: turn)
                        if turn { turnsFindTasks = !claimed.isEmpty }
                        guard !claimed.isEmpty else { break }
                        for task in claimed {
                            let alone = settings.runsAlone(lostClaims: task.lostClaims)
                            group.addTask { [self] in await run(task, in: slots, isolated: alone) }
                        }
                    } catch {
                        wait = backoff.failed(error)  // a database outage: back off, log once per interval
                        break
                    }
                }
                await services.wakeUp.wait(upTo: wait)
            }
            slots.close()
            group.cancelAll()
        }
    }

    /// A task that lost a worker runs alone for one lease (`PLOTON_TASK_LEASE_SECONDS`) at most: one
    /// whose run hangs rather than crashing the process held every other claim and create of this
    /// worker until its claim overran (15 minutes by default).
    private func run(_ task: AgentTask, in slots: EngineSlots, isolated: Bool) async {
        let alone = isolated ? slots.aloneRun() : nil
        let window = alone.map { alone in
            Task { [services] in
                try? await Task.sleep(for: .seconds(services.config.tasks.leaseSeconds))
                if !Task.isCancelled, alone.end() { services.wakeUp.signal() }
            }
        }
        await handle(task)
        window?.cancel()
        _ = alone?.end()
        slots.finished(isolated: false)
        services.wakeUp.signal()  // a slot is free
    }

    /// Runs a claimed task, or fails it with `worker_crashed` when it has lost too many workers.
    private func handle(_ task: AgentTask) async {
        guard let lease = task.lease else { return }
        let taskID = lease.taskID
        let settings = services.config.tasks
        guard settings.isPoisoned(lostClaims: task.lostClaims) else { return await process(lease, claimed: task) }
        logger.error(
            "task lost its worker too many times; failing it", metadata: ["task_id": "\(taskID)", "lost_claims": "\(task.lostClaims)"])
        do {
            try await TaskTransitions(database: database, now: services.clock.now())
                .fail(taskID, ownedBy: lease, failure: .workerCrashed(times: task.lostClaims))
        } catch {
            logger.error("failing a poison task failed", metadata: ["task_id": "\(taskID)", "error": "\(LoggedError.description(error))"])
        }
        services.webhookWakeUp.signal()
    }

    /// Runs one claimed task while a side task keeps its lease alive, for at most
    /// `maxClaimDuration`. A run that overruns it is cancelled and left behind, and its lease ends
    /// still naming this worker, so the next claim counts it as lost; the slot is free again even
    /// when the run ignores cancellation (a wedged task cannot hold a worker or its task forever).
    func process(_ lease: TaskLease, claimed: AgentTask? = nil) async {
        let (settings, taskID) = (services.config.tasks, lease.taskID)
        PlotonMetrics.runningTasks(1)
        defer { PlotonMetrics.runningTasks(-1) }
        let engine = TaskEngine(database: runDatabase(), services: services, lease: lease, claimed: claimed)
        let run = Task { [self] () -> Bool in
            do {
                try await PlotonTracing.run(claimed, claim: lease.claim) { try await engine.run() }
            } catch is CancellationError {
                return false
            } catch {
                logger.error(
                    "task run failed; it will be retried when its lease expires",
                    metadata: ["task_id": "\(taskID)", "error": "\(LoggedError.description(error))"])
            }
            return true
        }
        let renewal = Task { [self] in
            let every = max(0.05, settings.leaseSeconds / 3)
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(every))
                guard !Task.isCancelled else { return }
                _ = try? await queue.renew(lease, now: services.clock.now())
            }
        }
        let finished = await withTaskCancellationHandler {
            await ClaimDeadline.value(of: run, within: settings.maxClaimDuration)
        } onCancel: {
            run.cancel()
        }
        renewal.cancel()
        switch finished {
        case true?: break
        case false?: try? await queue.release(lease)
        case nil:
            run.cancel()
            logger.error(
                "task overran its claim; giving it up as lost",
                metadata: ["task_id": "\(taskID)", "seconds": "\(settings.maxClaimDuration)"])
            try? await queue.abandon(lease, now: services.clock.now())
        }
        services.webhookWakeUp.signal()  // the task's events may have deliveries due
    }

    func foldMemory() async {
        do {
            try await ToolMemoryRollup(database: database).fold()
        } catch {
            logger.error("folding execution memory failed", metadata: ["error": "\(LoggedError.description(error))"])
        }
    }

    func maintain() async {
        do {
            try await Maintenance(database: database, settings: services.config, now: services.clock.now()).run()
        } catch {
            logger.error("maintenance failed", metadata: ["error": "\(LoggedError.description(error))"])
        }
    }
}

/// How much work a worker has in flight right now.
final class ActiveCount: Sendable {
    let value = Mutex(0)
}
