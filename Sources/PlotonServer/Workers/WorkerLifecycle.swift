import Fluent
import Foundation
import Synchronization
import Vapor

/// Runs the task worker and the webhook dispatcher inside the server process (roles `all` and `worker`), and on PostgreSQL
/// listens for work announced by other processes and keeps the hot tables' statistics fresh (`PostgresStatistics`). Stops with the application.
final class WorkerLifecycle: LifecycleHandler, Sendable {
    /// The worker loop, the dispatcher and the listener, started at boot and stopped at shutdown.
    private let running = Mutex<[Task<Void, Never>]>([])

    func didBootAsync(_ app: Application) async throws {
        let services = app.ploton
        guard services.config.tasks.runsWorkers, services.config.role != .api else { return }
        let worker = TaskWorker(database: app.db, services: services, logger: app.logger, runDatabase: { app.db })
        let dispatcher = WebhookDispatcher(database: app.db, services: services, logger: app.logger)
        // The runs' webhook rows go to this process's dispatcher in memory as they commit.
        var tasks = [
            Task { await services.webhookHandoff.binding { await worker.run() } },
            Task { await dispatcher.run() },
        ]
        if case .postgres(let url) = services.config.database {
            tasks.append(Task { await PostgresWakeUpListener(url: url, wakeUp: services.wakeUp, logger: app.logger).run() })
            tasks.append(Task { await PostgresStatistics(database: app.db, logger: app.logger).run() })
        }
        running.withLock { $0 += tasks }
        app.logger.info("task worker started", metadata: ["worker_id": .string(worker.id)])
    }

    func shutdownAsync(_ app: Application) async {
        let tasks = running.withLock { tasks in
            defer { tasks = [] }
            return tasks
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }
}
