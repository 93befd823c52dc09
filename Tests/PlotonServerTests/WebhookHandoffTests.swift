import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Testing

@testable import PlotonServer

/// Outbox rows written by a task run reach this process's dispatcher in memory after their
/// transaction commits, already leased to it; rolled back, they reach no one; with no dispatcher
/// attached they wait in the outbox unleased, as before.
@Suite struct WebhookHandoffTests {
    @Test func rows_are_leased_at_insert_and_handed_over_only_after_commit() async throws {
        try await withPloton { t async throws in
            let handoff = t.app.ploton.webhookHandoff
            let task = AgentTask(accountID: t.accountID, environment: .test, prompt: TasksTests.example1, now: t.clock.now)
            task.webhookURL = "http://127.0.0.1:9/hooks/a"
            try await task.create(on: t.db)
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
            row = try #require(try await WebhookDelivery.find(try #require(handed.first?.id), on: t.db))
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

    @Test func a_urls_rows_beyond_its_allowance_wait_in_order() async throws {
        try await withPloton { t async throws in
            let handoff = t.app.ploton.webhookHandoff
            handoff.attach(owner: "whd_here", leaseSeconds: 35, wakeUp: t.app.ploton.webhookWakeUp)
            let task = AgentTask(accountID: t.accountID, environment: .test, prompt: TasksTests.example1, now: t.clock.now)
            task.webhookURL = "http://127.0.0.1:9/hooks/a"
            try await task.create(on: t.db)
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
            let taken: [String] = (first + rest + last).map(\.id)
            #expect(taken == ids)
            #expect(first.count == 2 && rest.count == 2 && last.count == 1)
        }
    }
}

private struct RolledBack: Error {}
