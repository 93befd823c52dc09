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
    private let services: PlotonServices
    private let logger: Logger

    init(database: any Database, services: PlotonServices, logger: Logger, id: String = "wrk_" + Base62.random(count: 16)) {
        self.id = id
        self.database = database
        self.services = services
        self.logger = logger
    }

    private var queue: TaskQueue { TaskQueue(database: database, settings: services.config.tasks) }

    /// Claims and runs tasks one at a time until none can be claimed; returns how many ran.
    @discardableResult
    func runOnce() async throws -> Int {
        var count = 0
        while let task = try await queue.claim(workerID: id, now: services.clock.now()) {
            await process(try task.requireID())
            count += 1
        }
        return count
    }

    /// The long-running loop: fill free slots with claimed tasks; sleep until woken (new work, a
    /// finished task) or the poll interval passes; run maintenance every minute. Ends when the
    /// surrounding task is cancelled; tasks in flight give their leases back.
    func run() async {
        let settings = services.config.tasks
        let active = ActiveCount()
        var lastMaintenance = ContinuousClock.now - .seconds(3600)
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                if ContinuousClock.now - lastMaintenance >= .seconds(60) {
                    lastMaintenance = ContinuousClock.now
                    group.addTask { [self] in await maintain() }
                }
                while active.value.withLock({ $0 }) < settings.workerConcurrency, !Task.isCancelled {
                    do {
                        guard let task = try await queue.claim(workerID: id, now: services.clock.now()) else { break }
                        let taskID = try task.requireID()
                        active.value.withLock { $0 += 1 }
                        group.addTask { [self] in
                            await process(taskID)
                            active.value.withLock { $0 -= 1 }
                            services.wakeUp.signal()  // a slot is free
                        }
                    } catch {
                        logger.error("claiming work failed", metadata: ["error": "\(error)"])
                        break
                    }
                }
                await services.wakeUp.wait(upTo: settings.pollInterval)
            }
            group.cancelAll()
        }
    }

    /// Runs one claimed task while a side task keeps its lease alive.
    func process(_ taskID: String) async {
        let engine = TaskEngine(database: database, services: services, workerID: id)
        let renewEvery = max(0.05, services.config.tasks.leaseSeconds / 3)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(renewEvery))
                    guard !Task.isCancelled else { return }
                    _ = try? await queue.renew(taskID: taskID, workerID: id, now: services.clock.now())
                }
            }
            group.addTask { [self] in
                do {
                    try await engine.run(taskID: taskID)
                } catch is CancellationError {
                    try? await queue.release(taskID: taskID, workerID: id, now: services.clock.now())
                } catch {
                    logger.error(
                        "task run failed; it will be retried when its lease expires",
                        metadata: ["task_id": "\(taskID)", "error": "\(error)"])
                }
            }
            await group.next()
            group.cancelAll()
        }
        services.webhookWakeUp.signal()  // the task's events may have deliveries due
    }

    func maintain() async {
        do {
            try await Maintenance(database: database, settings: services.config, now: services.clock.now()).run()
        } catch {
            logger.error("maintenance failed", metadata: ["error": "\(error)"])
        }
    }
}

/// How much work a worker has in flight right now.
final class ActiveCount: Sendable {
    let value = Mutex(0)
}
