import Fluent
import Foundation
import Vapor

/// Runs the task worker and the webhook dispatcher inside the server process (roles `all` and `worker`), and on PostgreSQL
/// listens for work announced by other processes. Stops with the application.
final class WorkerLifecycle: LifecycleHandler, @unchecked Sendable {
    private var loop: Task<Void, Never>?
    private var listener: Task<Void, Never>?
    private var webhooks: Task<Void, Never>?

    func didBootAsync(_ app: Application) async throws {
        let services = app.ploton
        guard services.config.tasks.runsWorkers, services.config.role != .api else { return }
        let worker = TaskWorker(database: app.db, services: services, logger: app.logger, runDatabase: { app.db })
        // The runs' webhook rows go to this process's dispatcher in memory as they commit.
        loop = Task { await services.webhookHandoff.binding { await worker.run() } }
        let dispatcher = WebhookDispatcher(database: app.db, services: services, logger: app.logger)
        webhooks = Task { await dispatcher.run() }
        if case .postgres(let url) = services.config.database {
            listener = Task { await PostgresWakeUpListener(url: url, wakeUp: services.wakeUp, logger: app.logger).run() }
        }
        app.logger.info("task worker started", metadata: ["worker_id": .string(worker.id)])
    }

    func shutdownAsync(_ app: Application) async {
        listener?.cancel()
        loop?.cancel()
        webhooks?.cancel()
        await loop?.value
        await webhooks?.value
        await listener?.value
    }
}
