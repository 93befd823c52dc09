import Fluent
import Foundation
import Logging
import PlotonCore

/// Delivers due webhook attempts from the outbox, up to `concurrency` at once; each attempt runs
/// in its own child task, so a slow receiver never holds up the others. Tests call `runOnce()`;
/// `serve` runs `run()` until shutdown.
final class WebhookDispatcher: Sendable {
    let id: String
    private let database: any Database
    private let services: PlotonServices
    private let logger: Logger

    init(database: any Database, services: PlotonServices, logger: Logger, id: String = "whd_" + Base62.random(count: 16)) {
        self.id = id
        self.database = database
        self.services = services
        self.logger = logger
    }

    private var queue: WebhookQueue { WebhookQueue(database: database, settings: services.config.webhooks) }
    private var deliverer: WebhookDeliverer { WebhookDeliverer(database: database, services: services, workerID: id) }

    /// Delivers everything due now, batch by batch, until nothing is due; returns how many attempts were made.
    @discardableResult
    func runOnce() async throws -> Int {
        var count = 0
        while true {
            let batch = try await queue.claim(workerID: id, now: services.clock.now(), limit: services.config.webhooks.concurrency)
            guard !batch.isEmpty else { return count }
            try await withThrowingDiscardingTaskGroup { group in
                for delivery in batch { group.addTask { [deliverer] in try await deliverer.attempt(delivery) } }
            }
            count += batch.count
        }
    }

    func run() async {
        let settings = services.config.webhooks
        let active = ActiveCount()
        var backoff = FailureBackoff(what: "claiming webhook deliveries", logger: logger)
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                var wait = settings.pollInterval
                do {
                    let free = settings.concurrency - active.value.withLock { $0 }
                    for delivery in try await queue.claim(workerID: id, now: services.clock.now(), limit: free) {
                        active.value.withLock { $0 += 1 }
                        group.addTask { [self] in
                            do {
                                try await deliverer.attempt(delivery)
                            } catch {
                                logger.error(
                                    "webhook attempt failed to record",
                                    metadata: ["delivery_id": "\(delivery.id ?? "")", "error": "\(error)"])
                            }
                            active.value.withLock { $0 -= 1 }
                            services.webhookWakeUp.signal()
                        }
                    }
                    backoff.succeeded()
                } catch {
                    wait = backoff.failed(error)
                }
                await services.webhookWakeUp.wait(upTo: wait)
            }
            group.cancelAll()
        }
    }
}
