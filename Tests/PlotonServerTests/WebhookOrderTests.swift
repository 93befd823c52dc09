import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Synchronization
import Testing

@testable import PlotonServer

/// Under load (many tasks' events due at once, a receiver answering after uneven delays) each
/// task's events reach a URL in the order they happened, while a failing receiver next to it is
/// retried later and holds nothing up.
@Suite(.serialized) struct WebhookOrderTests {
    @Test func each_tasks_events_arrive_in_order_and_a_failing_receiver_holds_nothing_up() async throws {
        let receiver = try await WebhookReceiver.start()
        // Each answer takes a while; the log says when each event arrived and was answered.
        let log = AnswerLog()
        receiver.script(
            "ordered",
            [
                .init(
                    200,
                    hold: { headers in
                        let id = headers["webhook-id"] ?? ""
                        log.note(id, arrived: true)
                        try? await Task.sleep(for: .milliseconds(15))
                        log.note(id, arrived: false)
                    })
            ])
        receiver.script("failing", [.init(503, delay: .milliseconds(5))])
        do {
            try await withPloton({ $0.allowPrivateNetwork = true }) { t async throws in
                for name in ["ordered", "failing"] {
                    let response = try await t.send(
                        .POST, "v1/webhook_endpoints", key: t.testKey, json: #"{"url":"\#(receiver.url(name))"}"#)
                    #expect(response.status == .created)
                }
                var tasks: [String] = []
                for _ in 0..<20 { tasks.append(try await t.createTask(#"{"prompt":"\#(TasksTests.example1)"}"#)) }
                try await t.drain()
                try await WebhookDispatcher(database: t.db, services: t.app.ploton, logger: t.app.logger).runOnce()

                let events = try await TaskEvent.query(on: t.db).all()
                let happened = Dictionary(uniqueKeysWithValues: events.map { ($0.id ?? "", ($0.taskID ?? "", $0.createdAt)) })
                let received = receiver.deliveries("ordered").compactMap { $0.headers["webhook-id"] }
                #expect(received.count == events.count && Set(received).count == events.count, "every event once")
                let (arrived, answered) = log.times
                for task in tasks {
                    let ids = received.filter { happened[$0]?.0 == task }
                    let times = ids.compactMap { happened[$0]?.1 }
                    #expect(times.count >= 2 && times == times.sorted(), "\(task): its events in the order they happened")
                    for (earlier, later) in zip(ids, ids.dropFirst()) {
                        let (answer, arrival) = (answered[earlier] ?? .distantFuture, arrived[later] ?? .distantPast)
                        #expect(arrival >= answer, "\(task): the next event is sent only after the previous one's answer")
                    }
                }
                #expect(receiver.deliveries("failing").count == events.count, "one attempt each, none retried yet")
                let retries = try await WebhookDelivery.query(on: t.db).filter(\.$attempt == 2).count()
                #expect(retries == events.count, "each failure has its retry scheduled")
            }
        } catch {
            try await receiver.stop()
            throw error
        }
        try await receiver.stop()
    }
}

private final class AnswerLog: Sendable {
    private let log = Mutex<(arrived: [String: Date], answered: [String: Date])>(([:], [:]))
    func note(_ id: String, arrived: Bool) {
        log.withLock { if arrived { $0.arrived[id] = Date() } else { $0.answered[id] = Date() } }
    }
    var times: (arrived: [String: Date], answered: [String: Date]) { log.withLock { $0 } }
}

/// The same order while tasks are still finishing: a live worker and dispatcher, many tasks with
/// several events each to one receiver, the rows handed over in memory as their transactions
/// commit, or (without the handoff) claimed from the outbox, where the test clock gives every
/// row the same `scheduled_at`, so only the ids say which came first.
@Suite(.serialized) struct WebhookOrderUnderLoadTests {
    @Test(arguments: [true, false]) func each_tasks_events_arrive_in_order_while_tasks_finish(handoff: Bool) async throws {
        let receiver = try await WebhookReceiver.start()
        // Uneven answers, so that attempts overtake one another wherever order is not kept.
        receiver.script("load", (0..<8).map { .init(200, delay: .microseconds(250 * $0)) } + [.init(200)])
        do {
            try await withPloton({ $0.allowPrivateNetwork = true }) { t async throws in
                let response = try await t.send(.POST, "v1/webhook_endpoints", key: t.testKey, json: #"{"url":"\#(receiver.url("load"))"}"#)
                #expect(response.status == .created)
                let worker = t.worker()
                let dispatcher = WebhookDispatcher(database: t.db, services: t.app.ploton, logger: t.app.logger)
                let services = t.app.ploton
                let loops = [
                    Task { handoff ? await services.webhookHandoff.binding { await worker.run() } : await worker.run() },
                    Task { await dispatcher.run() },
                ]
                var tasks: [String] = []
                for _ in 0..<60 { tasks.append(try await t.createTask(#"{"prompt":"\#(TasksTests.example1)"}"#)) }
                // Received is not yet recorded: the loops stop only once every attempt's outcome is written.
                try await eventually("every task finishes and every event is received and recorded", timeout: .seconds(60)) {
                    let events = try await TaskEvent.query(on: t.db).count()
                    let finished = try await AgentTask.query(on: t.db).filter(\.$status == TaskStatus.complete).count()
                    let unrecorded = try await WebhookDelivery.query(on: t.db).filter(\.$status != .succeeded).count()
                    return finished == tasks.count && receiver.deliveries("load").count >= events && unrecorded == 0
                }
                for loop in loops { loop.cancel() }
                for loop in loops { await loop.value }

                let events = try await TaskEvent.query(on: t.db).all()
                let taskOf = Dictionary(uniqueKeysWithValues: events.map { ($0.id ?? "", $0.taskID ?? "") })
                let received = receiver.deliveries("load").compactMap { $0.headers["webhook-id"] }
                #expect(received.count == events.count && Set(received).count == events.count, "every event once")
                let byTask = Dictionary(grouping: received) { taskOf[$0] ?? "" }
                for task in tasks {
                    let ids = byTask[task] ?? []
                    #expect(ids.count >= 2 && ids == ids.sorted(), "\(task): its events in the order they happened")
                }
                let pending = try await WebhookDelivery.query(on: t.db).filter(\.$status != .succeeded).count()
                #expect(pending == 0, "every attempt recorded as succeeded")
            }
        } catch {
            try await receiver.stop()
            throw error
        }
        try await receiver.stop()
    }
}
