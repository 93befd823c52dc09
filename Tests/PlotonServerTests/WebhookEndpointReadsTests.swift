import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import SQLKit
import Testing

@testable import PlotonServer

/// The events one write transaction records (a run's `task.progress` and `task.complete`) read
/// their webhook endpoints once, not once per event; the next transaction reads them again.
@Suite struct WebhookEndpointReadsTests {
    @Test func a_transactions_events_share_one_endpoint_read_and_the_next_transaction_reads_again() async throws {
        try await withPloton { t async throws in
            let task = AgentTask(accountID: t.accountID, environment: .test, prompt: TasksTests.example1, now: t.clock.now)
            try await task.create(on: t.db)
            let created = try await t.send(.POST, "v1/webhook_endpoints", key: t.testKey, json: #"{"url":"https://example.com/h"}"#)
            #expect(created.status == .created)
            let id = try #require(created.object["id"] as? String)
            let firstAttempts = { @Sendable in
                try await WebhookDelivery.query(on: t.db).filter(\.$endpointID == id).filter(\.$attempt == 1).count()
            }

            try await t.db.writeTransaction { database in
                try await EventRecorder.record(.taskProgress, task: task, data: .null, now: t.clock.now, on: database)
                // Disabled after the first event read the endpoints: the second reuses that read.
                let sql = try #require(database as? any SQLDatabase)
                try await sql.raw("UPDATE webhook_endpoints SET enabled = \(bind: false) WHERE id = \(bind: id)").run()
                try await EventRecorder.record(.taskComplete, task: task, data: .null, now: t.clock.now, on: database)
            }
            #expect(try await firstAttempts() == 2, "both events of the transaction went to the endpoint read once")

            try await t.db.writeTransaction { database in
                try await EventRecorder.record(.taskProgress, task: task, data: .null, now: t.clock.now, on: database)
            }
            #expect(try await firstAttempts() == 2, "the next transaction read the endpoint as disabled")
        }
    }
}
