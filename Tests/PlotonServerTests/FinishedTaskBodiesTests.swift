import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

/// `GET /v1/tasks/{id}` of a final task is answered from this process's memory after its first
/// read (`FinishedTaskBodies`), byte for byte, and only to its own account and environment; a
/// task that can still change is read from the database every time.
@Suite struct FinishedTaskBodiesTests {
    @Test func a_final_task_read_again_is_the_same_bytes_for_its_own_key_only() async throws {
        try await withPloton { t async throws in
            let id = try await t.createTask(#"{"prompt":"What is the weather in Paris?"}"#)
            try await t.drain()
            let first = try await t.send(.GET, "v1/tasks/\(id)", key: t.testKey)
            #expect(first.status == .ok)
            #expect(t.app.ploton.finishedTasks.body(of: id) != nil)
            let again = try await t.send(.GET, "v1/tasks/\(id)", key: t.testKey)
            #expect(again.body.string == first.body.string)
            #expect(again.headers.contentType == first.headers.contentType)

            let other = Account(name: "other", createdAt: t.clock.now)
            try await other.create(on: t.db)
            let (_, otherTest) = try await APIKeyService(database: t.db, now: t.clock.now)
                .create(accountID: try other.requireID(), name: "theirs", environment: .test)
            for key in [otherTest.value, t.liveKey] {
                let response = try await t.send(.GET, "v1/tasks/\(id)", key: key)
                #expect(response.status == .notFound)
                #expect(response.errorCode == "not_found")
            }
        }
    }

    @Test func a_task_that_can_still_change_is_read_fresh_each_time() async throws {
        try await withPloton { t async throws in
            let id = try await t.createTask(#"{"prompt":"Create a contact for Jamie Fox"}"#)
            try await t.drain()
            #expect(try await t.task(id)["status"] as? String == "waiting")
            #expect(t.app.ploton.finishedTasks.body(of: id) == nil)
            #expect(try await t.send(.POST, "v1/tasks/\(id)/cancel", key: t.testKey).status == .ok)
            #expect(try await t.task(id)["status"] as? String == "cancelled")
            #expect(t.app.ploton.finishedTasks.body(of: id) != nil)
        }
    }

    @Test func memory_is_bounded_by_entries_and_bytes_oldest_first() {
        let bodies = FinishedTaskBodies(maxEntries: 2, maxBytes: 10)
        func keep(_ id: String, _ text: String, _ status: TaskStatus = .complete) {
            bodies.keep(ByteBuffer(string: text), of: id, status: status, accountID: "acct", environment: .test)
        }
        keep("running", "r", .running)
        #expect(bodies.body(of: "running") == nil)
        keep("a", "aaa")
        keep("b", "bbb")
        keep("c", "ccc")
        #expect(bodies.body(of: "a") == nil && bodies.body(of: "b") != nil && bodies.body(of: "c") != nil)
        keep("d", "dddddddd")  // 8 bytes: b and c must go for it to fit in 10
        #expect(bodies.body(of: "b") == nil && bodies.body(of: "c") == nil && bodies.body(of: "d") != nil)
        keep("huge", String(repeating: "x", count: FinishedTaskBodies.largestBody + 1))
        #expect(bodies.body(of: "huge") == nil && bodies.body(of: "d") != nil)
    }
}
