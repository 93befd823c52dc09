import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Testing

@testable import PlotonServer

/// One account's backlog, or one slow webhook URL, does not hold up another account.
@Suite struct FairClaimsTests {
    static let prompt = "Look up the current weather in San Francisco and return temperature, conditions, and humidity"

    @Test func a_backlog_of_5000_tasks_and_a_slow_webhook_url_do_not_hold_up_another_account() async throws {
        try await withPloton({ $0.allowPrivateNetwork = true }) { t async throws in
            let receiver = try await WebhookReceiver.start()
            let slow = Gate()
            receiver.script("slow", [.init(200, hold: { _ in await slow.enterAndWait() })])
            try await Self.backlog(of: 5_000, tasksFor: t.accountID, deliveriesTo: receiver.url("slow"), count: 1_000, t)

            let other = Account(name: "other", createdAt: t.clock.now)
            try await other.create(on: t.db)
            _ = try await WebhookSecretService(database: t.db, secretBox: t.app.ploton.secretBox, now: t.clock.now)
                .create(accountID: try other.requireID(), environment: .test)
            let task = AgentTask(
                accountID: try other.requireID(), environment: .test, prompt: Self.prompt, now: t.clock.now.addingTimeInterval(1))
            task.webhookURL = receiver.url("other")
            try await task.create(on: t.db)
            let id = try task.requireID()

            let worker = t.worker()
            let dispatcher = WebhookDispatcher(database: t.db, services: t.app.ploton, logger: t.app.logger)
            let loops = [Task { await worker.run() }, Task { await dispatcher.run() }]
            await slow.waitUntilEntered()

            try await eventually("the other account's task completes", timeout: .seconds(20)) {
                try await AgentTask.find(id, on: t.db)?.status == .complete
            }
            try await eventually("its task.complete event is delivered", timeout: .seconds(20)) {
                receiver.deliveries("other").contains { $0.body.contains(#""task.complete""#) }
            }
            let pending = try await AgentTask.query(on: t.db).filter(\.$account.$id == t.accountID)
                .filter(\.$status == TaskStatus.pending).count()
            #expect(pending > 4_000, "the other account went ahead of the backlog, not after it")
            #expect(receiver.deliveries("slow").count <= t.app.ploton.config.webhooks.perDestination)

            await slow.release()
            for loop in loops { loop.cancel() }
            for loop in loops { await loop.value }
            try await receiver.stop()
        }
    }

    /// Rows inserted directly, in batches: `tasks` pending tasks, and `count` due deliveries of one event to `url`.
    static func backlog(of tasks: Int, tasksFor accountID: String, deliveriesTo url: String, count: Int, _ t: TestApp) async throws {
        for start in stride(from: 0, to: tasks, by: 500) {
            try await (start..<min(start + 500, tasks)).map { _ in
                AgentTask(accountID: accountID, environment: .test, prompt: prompt, now: t.clock.now)
            }.create(on: t.db)
        }
        let event = TaskEvent(kind: .taskProgress, accountID: accountID, environment: .test, task: nil, data: .null, now: t.clock.now)
        try await event.create(on: t.db)
        for start in stride(from: 0, to: count, by: 500) {
            try await (start..<min(start + 500, count)).map { _ in
                WebhookDelivery(event: event, endpointID: nil, url: url, retries: false, scheduledAt: t.clock.now, now: t.clock.now)
            }.create(on: t.db)
        }
    }
}
