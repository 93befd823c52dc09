import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

/// `GET /v1/tasks/{id}` and `GET /v1/tasks` read their rows in plain SQL (`TaskReads`): the same
/// task as the model query reads, every column of it.
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
            let reads = TaskReads(database: t.db, accountID: t.accountID, environment: "test")
            for id in [done, waiting] {
                let model = try #require(try await AgentTask.find(id, on: t.db))
                let plain = try await reads.find(id)
                #expect(try plain.toObject() == model.toObject())
                for key in AgentTask.keys {
                    #expect(plain.columnValue(key) == model.columnValue(key), "\(key)")
                }
            }
            let (listed, hasMore) = try await reads.list(TaskService.Filters(), page: Pagination(limit: 1))
            #expect(listed.map(\.id) == [waiting] && hasMore)
            await #expect(throws: TaskError.notFound(done)) {
                _ = try await TaskReads(database: t.db, accountID: t.accountID, environment: "live").find(done)
            }
        }
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
