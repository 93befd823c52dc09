import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import SQLKit
import Testing

@testable import PlotonServer

/// Outbox rows written by a task run reach this process's dispatcher in memory after their
/// transaction commits, already leased to it; rolled back, they reach no one; with no dispatcher
/// attached they wait in the outbox unleased, as before.
@Suite struct WebhookHandoffTests {
    @Test func rows_are_leased_at_insert_and_handed_over_only_after_commit() async throws {
        try await withPloton { t async throws in
            let handoff = t.app.ploton.webhookHandoff
            let task = try await Self.task(in: t)
            let record = { @Sendable (fail: Bool) in
                try await handoff.binding {
                    try await t.db.writeTransaction { database in
                        try await EventRecorder.record(.taskProgress, task: task, data: .null, now: t.clock.now, on: database)
                        if fail { throw RolledBack() }
                    }
                }
            }
            let takeAll = { handoff.take(limit: 100, leasedUntil: t.clock.now) { _ in .max } }

            try await record(false)
            var row = try #require(try await WebhookDelivery.query(on: t.db).first())
            #expect(row.leaseOwner == nil, "no dispatcher attached: the row waits in the outbox for a claim")

            handoff.attach(owner: "whd_here", leaseSeconds: 35, wakeUp: t.app.ploton.webhookWakeUp)
            try await record(false)
            let handed = takeAll()
            #expect(handed.count == 1)
            row = try #require(try await WebhookDelivery.find(try #require(handed.first?.row.id), on: t.db))
            #expect(row.leaseOwner == "whd_here" && row.leaseExpiresAt == t.clock.now.addingTimeInterval(35))
            #expect(takeAll().isEmpty, "taken once")

            await #expect(throws: (any Error).self) { try await record(true) }
            #expect(takeAll().isEmpty, "a rolled-back transaction hands nothing over")
            #expect(try await WebhookDelivery.query(on: t.db).count() == 2)

            try await record(false)
            #expect(handoff.take(limit: 100, leasedUntil: t.clock.now.addingTimeInterval(40)) { _ in .max }.isEmpty, "lease too short")
            try await record(false)
            handoff.detach(owner: "whd_here")
            #expect(takeAll().isEmpty, "a stopped dispatcher's rows are left to their leases")
        }
    }

    /// A backlog waits in memory with its leases kept, however long; a row whose lease another
    /// process has by then is not taken.
    @Test func rows_waiting_for_a_slot_have_their_leases_kept_and_a_lost_one_is_left_to_its_claimer() async throws {
        try await withPloton { t async throws in
            let handoff = t.app.ploton.webhookHandoff
            handoff.attach(owner: "whd_here", leaseSeconds: 35, wakeUp: t.app.ploton.webhookWakeUp)
            let task = try await Self.task(in: t)
            for _ in 0..<2 {
                try await handoff.binding {
                    try await t.db.writeTransaction { database in
                        try await EventRecorder.record(.taskProgress, task: task, data: .null, now: t.clock.now, on: database)
                    }
                }
            }
            let rows = try await WebhookDelivery.query(on: t.db).sort(\.$id).all()
            #expect(rows.count == 2)
            let (kept, lost) = (try rows[0].requireID(), try rows[1].requireID())
            try await WebhookDelivery.query(on: t.db).filter(\.$id == lost).set(\.$leaseOwner, to: "whd_other").update()

            // 30 s on, 5 s of the first lease left: renewed, both in the database and in memory.
            t.clock.advance(by: 30)
            try await handoff.renewWaiting(workerID: "whd_here", now: t.clock.now, seconds: 35, on: t.db)
            let renewed = try #require(try await WebhookDelivery.find(kept, on: t.db))
            #expect(renewed.leaseExpiresAt == t.clock.now.addingTimeInterval(35) && renewed.leaseOwner == "whd_here")
            let other = try #require(try await WebhookDelivery.find(lost, on: t.db))
            #expect(other.leaseOwner == "whd_other" && other.leaseExpiresAt == rows[1].leaseExpiresAt, "not ours to renew")

            let taken = handoff.take(limit: 100, leasedUntil: t.clock.now.addingTimeInterval(12)) { _ in .max }
            #expect(taken.map(\.row.id) == [kept], "the renewed row is taken; the lost one is left to its claimer")
            #expect(taken.first?.leaseExpiresAt == t.clock.now.addingTimeInterval(35))
            #expect(handoff.take(limit: 100, leasedUntil: t.clock.now) { _ in .max }.isEmpty, "the lost row is gone from memory")
        }
    }

    @Test func a_runs_events_go_to_the_outbox_together_in_order_beyond_one_statements_rows() async throws {
        try await withPloton { t async throws in
            let handoff = t.app.ploton.webhookHandoff
            handoff.attach(owner: "whd_here", leaseSeconds: 35, wakeUp: t.app.ploton.webhookWakeUp)
            let task = AgentTask(accountID: t.accountID, environment: .test, prompt: TasksTests.example1, now: t.clock.now)
            try await task.create(on: t.db)
            let events = try [TaskEvent.Kind.taskProgress, .taskProgress, .taskComplete].map { kind in
                try TaskEvent(kind: kind, task: task, data: .object(["kind": .string(kind.rawValue)]), now: t.clock.now)
            }
            let perEvent = WebhookOutbox.rowsPerStatement * 2 / 3 + 1  // three events' rows need more than two statements
            let destinations = (0..<perEvent).map { (endpointID: String?.none, url: "http://127.0.0.1:9/hooks/\($0)") }
            try await handoff.binding {
                try await t.db.writeTransaction { database in
                    try await TaskRows.insert(events: events, on: database)
                    try await EventRecorder.enqueue(events, to: Array(repeating: destinations, count: 3), now: t.clock.now, on: database)
                }
            }

            let stored = try await WebhookDelivery.query(on: t.db).sort(\.$id).all()
            #expect(stored.count == perEvent * 3)
            let byEvent = events.flatMap { event in Array(repeating: event.id ?? "", count: perEvent) }
            #expect(stored.map(\.eventID) == byEvent, "event by event")
            #expect(stored.allSatisfy { $0.attempt == 1 && $0.status == .pending && $0.retries && $0.leaseOwner == "whd_here" })
            let handed = handoff.take(limit: .max, leasedUntil: t.clock.now) { _ in .max }
            #expect(handed.map(\.row.id) == stored.map(\.id), "handed over in the order written")
            #expect(handed.allSatisfy { handed in handed.event.map { $0.id == handed.row.event_id } ?? true })
        }
    }

    @Test func a_urls_rows_beyond_its_allowance_wait_in_order() async throws {
        try await withPloton { t async throws in
            let handoff = t.app.ploton.webhookHandoff
            handoff.attach(owner: "whd_here", leaseSeconds: 35, wakeUp: t.app.ploton.webhookWakeUp)
            let task = try await Self.task(in: t)
            try await handoff.binding {
                for _ in 0..<5 {
                    try await t.db.writeTransaction { database in
                        try await EventRecorder.record(.taskProgress, task: task, data: .null, now: t.clock.now, on: database)
                    }
                }
            }
            let first = handoff.take(limit: 100, leasedUntil: t.clock.now) { _ in 2 }
            let rest = handoff.take(limit: 2, leasedUntil: t.clock.now) { _ in .max }
            let last = handoff.take(limit: 100, leasedUntil: t.clock.now) { _ in .max }
            let ids = try await WebhookDelivery.query(on: t.db).sort(\.$id).all().compactMap(\.id)
            let taken: [String] = (first + rest + last).map(\.row.id)
            #expect(taken == ids)
            #expect(first.count == 2 && rest.count == 2 && last.count == 1)
        }
    }

    /// Each URL's rows wait in a queue of their own (`HandoffQueue`): a take looks only at the
    /// front of each, yet takes the rows of several URLs oldest first up to its limit, and leaves
    /// the rest of each URL's rows waiting in their order.
    @Test func rows_of_several_urls_are_taken_oldest_first_up_to_the_limit() async throws {
        try await withPloton { t async throws in
            let handoff = t.app.ploton.webhookHandoff
            handoff.attach(owner: "whd_here", leaseSeconds: 35, wakeUp: t.app.ploton.webhookWakeUp)
            let (a, b) = (try await Self.task(in: t), try await Self.task(in: t, url: "http://127.0.0.1:9/hooks/b"))
            for task in [a, b, a, b, a] {
                try await handoff.binding {
                    try await t.db.writeTransaction { database in
                        try await EventRecorder.record(.taskProgress, task: task, data: .null, now: t.clock.now, on: database)
                    }
                }
            }
            let ids = try await WebhookDelivery.query(on: t.db).sort(\.$id).all().compactMap(\.id)
            let first = handoff.take(limit: 3, leasedUntil: t.clock.now) { _ in .max }
            let second = handoff.take(limit: 100, leasedUntil: t.clock.now) { _ in 1 }
            let last = handoff.take(limit: 100, leasedUntil: t.clock.now) { _ in .max }
            #expect(ids.count == 5)
            #expect(first.map(\.row.id) == Array(ids.prefix(3)), "oldest first across the two URLs")
            #expect(second.map(\.row.id) == Array(ids.suffix(2)), "one of each URL, oldest first")
            #expect(last.isEmpty)
        }
    }

    /// A row that waited too long for a slot is left to its lease, for a claim to send; the later
    /// events of its task to that URL go the same way until its attempt is made, so the claim sends
    /// them in the order they happened instead of the hand-over sending them first. Other tasks'
    /// rows are not held up.
    @Test func a_lanes_rows_after_one_left_to_its_lease_are_left_too_until_it_is_attempted() async throws {
        try await withPloton { t async throws in
            let handoff = t.app.ploton.webhookHandoff
            handoff.attach(owner: "whd_here", leaseSeconds: 35, wakeUp: t.app.ploton.webhookWakeUp)
            let (slow, other) = (try await Self.task(in: t), try await Self.task(in: t))
            @Sendable func record(_ task: AgentTask, after seconds: TimeInterval) async throws {
                try await handoff.binding {
                    try await t.db.writeTransaction { database in
                        try await EventRecorder.record(
                            .taskProgress, task: task, data: .null, now: t.clock.now.addingTimeInterval(seconds), on: database)
                    }
                }
            }
            let take = { (after: TimeInterval) in
                handoff.take(limit: 100, leasedUntil: t.clock.now.addingTimeInterval(after + 30)) { _ in .max }.map(\.row.event_id)
            }
            let events = { (task: AgentTask) in
                try await TaskEvent.query(on: t.db).filter(\.$taskID == task.id).sort(\.$id).all().compactMap(\.id)
            }

            try await record(slow, after: 0)  // its lease (35 s) is too short for an attempt 6 s on (30 s)
            try await record(slow, after: 10)
            try await record(other, after: 10)
            #expect(try await take(6) == events(other), "the slow task's second event waits for its first")
            try await record(slow, after: 20)
            #expect(try await take(6).isEmpty, "and so does its third")

            let slowEvents = try await events(slow)
            let slowRows = try await WebhookDelivery.query(on: t.db).filter(\.$eventID ~~ slowEvents).sort(\.$scheduledAt).all()
                .compactMap(\.id)
            #expect(slowRows.count == 3)
            handoff.attempted(slowRows[0])
            try await record(slow, after: 25)
            #expect(try await take(6).isEmpty, "its second and third were left to their leases too, and so was its fourth")
            handoff.attempted(slowRows[1])
            handoff.attempted(slowRows[2])
            try await record(slow, after: 25)
            #expect(try await take(6).isEmpty, "its fourth is still to be attempted (and the fifth, left behind it)")
            for row in try await WebhookDelivery.query(on: t.db).filter(\.$eventID ~~ events(slow)).all() {
                handoff.attempted(try #require(row.id))
            }
            let before = try await events(slow)
            try await record(slow, after: 25)
            #expect(
                try await take(6) == events(slow).filter { !before.contains($0) },
                "every row left behind was attempted: the lane is handed over again")
        }
    }

    /// The dispatcher's claims wait for the database (SQLite's write turn, PostgreSQL's claim
    /// lock, held here by the test); a row handed over is sent meanwhile, and recorded after.
    @Test func a_handed_row_is_sent_while_claims_wait() async throws {
        let receiver = try await WebhookReceiver.start()
        do {
            try await withPloton({ $0.allowPrivateNetwork = true }) { t async throws in
                let services = t.app.ploton
                let task = AgentTask(accountID: t.accountID, environment: .test, prompt: TasksTests.example1, now: t.clock.now)
                task.webhookURL = receiver.url("handed")
                try await task.create(on: t.db)
                _ = try await WebhookSecretService(database: t.db, secretBox: services.secretBox, now: t.clock.now)
                    .signingSecrets(accountID: t.accountID, environment: .test)
                let (held, holding) = AsyncStream<Void>.makeStream()
                let (release, releasing) = AsyncStream<Void>.makeStream()
                let blocker = Task {
                    try await Self.holdClaims(on: t.db) {
                        holding.yield(); for await _ in release {}
                    }
                }
                for await _ in held { break }
                let dispatcher = WebhookDispatcher(database: t.db, services: services, logger: t.app.logger)
                let loop = Task { await dispatcher.run() }
                try await eventually("the dispatcher takes handed rows") { services.webhookHandoff.isAttached }

                // A task's event committed outside the write turn the test holds.
                try await services.webhookHandoff.binding {
                    try await WebhookHandoff.afterCommit { collector in
                        try await t.db.transaction { database in
                            try await WebhookHandoff.$collector.withValue(collector) {
                                try await EventRecorder.record(.taskProgress, task: task, data: .null, now: t.clock.now, on: database)
                            }
                        }
                    }
                }
                // Claims stay held until the test lets them go, so however long a starved machine takes, only the
                // hand-over can have sent it.
                try await eventually("the handed row is sent while claims wait") {
                    receiver.deliveries("handed").count == 1
                }
                releasing.finish()
                try await blocker.value
                try await eventually("its outcome is recorded once claims go on") {
                    try await WebhookDelivery.query(on: t.db).filter(\.$status == .succeeded).count() == 1
                }
                loop.cancel()
                await loop.value
                #expect(receiver.deliveries("handed").count == 1)
            }
        } catch {
            try await receiver.stop()
            throw error
        }
        try await receiver.stop()
    }

    /// A task whose events go to a URL nothing answers on (the tests take its rows, they never send them).
    private static func task(in t: TestApp, url: String = "http://127.0.0.1:9/hooks/a") async throws -> AgentTask {
        let task = AgentTask(accountID: t.accountID, environment: .test, prompt: TasksTests.example1, now: t.clock.now)
        task.webhookURL = url
        try await task.create(on: t.db)
        return task
    }

    /// Runs `body` while claims cannot go on: SQLite's write turn in this process, or PostgreSQL's claim lock.
    private static func holdClaims(on database: any Database, _ body: @escaping @Sendable () async -> Void) async throws {
        guard TestDatabase.isPostgres else { return try await SQLiteWriteGate.shared.run { await body() } }
        try await database.transaction { database in
            try await (database as? any SQLDatabase)?.raw("SELECT pg_advisory_xact_lock(727002)").run()
            await body()
        }
    }
}

private struct RolledBack: Error {}
