import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import SQLKit
import Testing
import VaporTesting

@testable import PlotonServer

/// `GET /v1/tasks/{id}` and `GET /v1/tasks` read their rows in plain SQL (`TaskReads`): the same
/// task as the model query reads, every column of it. A task by id is read in its key's statement
/// (`KeyLookup` joining `TaskReads.joined`), which must still answer for the key first.
@Suite struct TaskReadsTests {
    @Test func the_plain_read_names_every_column_of_the_model() {
        let read = Set(TaskReads.columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        #expect(read == Set(AgentTask.keys.map(\.description)))
    }

    @Test func a_task_reads_the_same_as_through_the_model() async throws {
        try await withPloton { t async throws in
            let done = try await t.createTask(#"{"prompt":"What is the weather in Paris?","user_id":"u1","metadata":{"order":7}}"#)
            try await t.drain()
            t.clock.advance(by: 1)  // the newer of the two, in any order of their ids
            let waiting = try await t.createTask(#"{"prompt":"Create a contact for Jamie Fox"}"#)
            try await t.drain()
            for id in [done, waiting] {
                let model = try #require(try await AgentTask.find(id, on: t.db))
                let plain = try TaskReads.task(from: try #require(try await t.joinedTaskRow(id, key: t.testKey)))
                #expect(try plain.toObject() == model.toObject())
                let row = try #require(try await t.joinedTaskRow(id, key: t.testKey))
                #expect(try TaskReads.object(from: row) == model.toObject())  // without the model
                for key in AgentTask.keys {
                    #expect(plain.columnValue(key) == model.columnValue(key), "\(key)")
                }
            }
            let reads = TaskReads(database: t.db, accountID: t.accountID, environment: "test")
            let (listed, hasMore) = try await reads.list(TaskService.Filters(), page: Pagination(limit: 1))
            #expect(listed.map(\.id) == [waiting] && hasMore)
            #expect(try await t.joinedTaskRow(done, key: t.liveKey) == nil)  // the live environment has no such task
        }
    }

    @Test func the_key_answers_before_the_task_it_reads() async throws {
        try await withPloton { t async throws in
            let id = try await t.createTask(#"{"prompt":"What is the weather in Paris?"}"#)
            try await t.drain()
            let keys = APIKeyService(database: t.db, now: t.clock.now)
            let other = Account(name: "other", createdAt: t.clock.now)
            try await other.create(on: t.db)
            let (_, otherTest) = try await keys.create(accountID: try other.requireID(), name: "theirs", environment: .test)
            let (revoked, revokedSecret) = try await keys.create(accountID: t.accountID, name: "revoked", environment: .test)
            _ = try await keys.revoke(accountID: t.accountID, id: try revoked.requireID())
            let (expiring, expiredSecret) = try await keys.create(accountID: t.accountID, name: "rolled", environment: .test)
            _ = try await keys.roll(accountID: t.accountID, id: try expiring.requireID(), expiresIn: 0)
            let unknown = APIKeySecret.generate(environment: .test).value  // well formed, never stored

            let found = try await t.send(.GET, "v1/tasks/\(id)", key: t.testKey)
            #expect(found.status == .ok)
            #expect(try found.object["id"] as? String == id)
            for (key, status, code) in [
                (otherTest.value, HTTPStatus.notFound, "not_found"), (t.liveKey, .notFound, "not_found"),
                (revokedSecret.value, .unauthorized, "invalid_api_key"), (expiredSecret.value, .unauthorized, "invalid_api_key"),
                (unknown, .unauthorized, "invalid_api_key"),
            ] {
                let response = try await t.send(.GET, "v1/tasks/\(id)", key: key)
                #expect(response.status == status)
                #expect((try response.object["error"] as? [String: Any])?["code"] as? String == code)
            }
            let missing = try await t.send(.GET, "v1/tasks/task_nope", key: t.testKey)
            #expect(missing.status == .notFound)
            let message = (try missing.object["error"] as? [String: Any])?["message"] as? String
            #expect(message?.contains("task_nope") == true, "\(message ?? "")")
        }
    }
}

extension TestApp {
    /// The task row read with `key`'s lookup, as `GET /v1/tasks/{id}` reads it; nil if the key's
    /// account and environment have no such task.
    fileprivate func joinedTaskRow(_ id: String, key: String) async throws -> (any SQLRow)? {
        let secret = try #require(APIKeySecret(parsing: key))
        return try await KeyLookup(database: db, now: clock.now).principal(for: secret, joining: TaskReads.joined(id)).get().1
    }
}

extension AgentTask {
    /// A column's value as the model would write it, for comparing two reads of one row.
    fileprivate func columnValue(_ key: FieldKey) -> String {
        let collector = ValueCollector()
        input(to: collector)
        return collector.values[key].map { "\($0)" } ?? "absent"
    }
}

private final class ValueCollector: DatabaseInput {
    var values: [FieldKey: DatabaseQuery.Value] = [:]
    var wantsUnmodifiedKeys: Bool { true }
    func set(_ value: DatabaseQuery.Value, at key: FieldKey) { values[key] = value }
}
