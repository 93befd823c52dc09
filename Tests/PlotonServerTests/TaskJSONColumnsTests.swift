import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import SQLKit
import Testing
import VaporTesting

@testable import PlotonServer

/// The JSON of tasks, steps and events is `json` on PostgreSQL (converted from the text earlier
/// versions wrote) and text on SQLite: what is written is read back byte for byte, and PostgreSQL
/// refuses a write that is not JSON.
@Suite struct TaskJSONColumnsTests {
    /// A task with a step and an event, every JSON column set.
    private func storedTask(_ t: TestApp) async throws -> (task: AgentTask, step: TaskStep, event: TaskEvent) {
        let task = AgentTask(accountID: t.accountID, environment: .test, prompt: TasksTests.example1, now: t.clock.now)
        task.status = TaskStatus.complete
        task.setTools(["weather"])
        task.setSubAgentTools(["weather"])
        try task.setWorkflow(Workflow(steps: [PlannedStep(tool: "weather", capability: "current", input: [:])]))
        task.resultJSON = JSONText(#"{"temperature":21}"#)
        task.errorJSON = try JSONText.encode(TaskFailure(code: "tool_failed", message: "m"))
        try await task.create(on: t.db)
        let step = TaskStep(
            taskID: try task.requireID(), index: 0, step: PlannedStep(tool: "weather", capability: "current", input: [:]),
            input: ["city": .string("Oslo")], idempotencyKey: "k", sideEffect: false, now: t.clock.now)
        step.outputJSON = JSONText(#"{"temperature":21}"#)
        try await step.create(on: t.db)
        let event = try TaskEvent(kind: .taskComplete, task: task, data: .object(["temperature": .number(21)]), now: t.clock.now)
        try await event.create(on: t.db)
        return (task, step, event)
    }

    @Test func json_written_as_text_by_earlier_versions_reads_through_the_models_after_the_migration() async throws {
        try await withPloton { t async throws in
            let sql = try #require(t.db as? any SQLDatabase)
            let (task, step, event) = try await storedTask(t)

            // Back to the schema before the migration, with each column as the earlier code wrote it.
            let migration = UpdateTaskJSONToJSON()
            try await migration.revert(on: t.db)
            try await sql.delete(from: "_fluent_migrations").where("name", .equal, migration.name).run()
            let legacy = [
                "metadata": #"{"order":"42"}"#, "input": #"{"city":"Oslo"}"#, "result": #"{"zeta":1,"alpha":[1.50,"x"]}"#,
                "data": #"{"zeta":1,"alpha":[1.50,"x"]}"#, "output": #"{"zeta":1}"#, "recoveries": #"[{"type":"retry"}]"#,
            ]
            for (table, column) in UpdateTaskJSONToJSON.columns {
                guard let text = legacy[column] else { continue }
                try await sql.update(table).set(SQLIdentifier(column), to: SQLBind(text)).run()
            }

            try await migrate(t.app)
            if TestDatabase.isPostgres {
                for (table, column) in UpdateTaskJSONToJSON.columns {
                    let type = try await sql.raw(
                        "SELECT data_type::text AS type FROM information_schema.columns WHERE table_name = \(bind: table) AND column_name = \(bind: column)"
                    ).first()?.decode(column: "type", as: String.self)
                    #expect(type == "json", "\(table).\(column)")
                }
            }
            let read = try #require(try await AgentTask.find(task.id, on: t.db))
            #expect(try read.metadata == ["order": .string("42")])
            #expect(try read.tools == ["weather"] && read.subAgentTools == ["weather"])
            #expect(try read.workflow?.steps.first?.tool == "weather")
            #expect(try read.failure?.code.rawValue == "tool_failed")
            #expect(read.resultJSON?.text == legacy["result"], "the text as written, keys in their order")
            let readStep = try #require(try await TaskStep.find(step.id, on: t.db))
            #expect(try readStep.input == .object(["city": .string("Oslo")]) && readStep.recoveries.count == 1)
            #expect(try await TaskEvent.find(event.id, on: t.db)?.dataJSON.text == legacy["data"])

            let shown = try await t.send(.GET, "v1/tasks/\(task.id ?? "")", key: t.testKey)
            #expect(shown.status == .ok)
            #expect((try shown.object["metadata"] as? [String: String]) == ["order": "42"])
            #expect((try shown.object["result"] as? [String: Any])?["zeta"] as? Int == 1)
            #expect(try await t.send(.GET, "v1/events/\(event.id ?? "")", key: t.testKey).status == .ok)
            #expect(try await t.send(.GET, "v1/tasks/\(task.id ?? "")/trace", key: t.testKey).status == .ok)
        }
    }

    @Test func a_result_and_an_events_data_keep_their_text_byte_for_byte() async throws {
        try await withPloton { t async throws in
            let sql = try #require(t.db as? any SQLDatabase)
            let (task, _, event) = try await storedTask(t)
            // Keys out of order, a number's trailing zero and an escaped NUL: jsonb would change all three.
            let text = #"{"zeta":1,"alpha":{"b":2.50,"a":"a\u0000b"}}"#
            try await AgentTask.query(on: t.db).filter(\.$id == task.requireID()).set(\.$resultJSON, to: JSONText(text)).update()
            try await sql.update(TaskEvent.schema).set("data", to: SQLBind(JSONText(text))).run()

            #expect(try await AgentTask.find(task.id, on: t.db)?.resultJSON?.text == text)
            let row = try #require(
                try await sql.raw("SELECT \(unsafeRaw: TaskReads.columns) FROM tasks WHERE id = \(bind: task.requireID())").first())
            #expect(try TaskReads.task(from: row).resultJSON?.text == text)
            #expect(try await TaskEvent.find(event.id, on: t.db)?.dataJSON.text == text)
            let stored = try await sql.raw("SELECT data FROM events WHERE id = \(bind: event.id)").first()?.decode(
                column: "data", as: String.self)
            #expect(stored == text)
        }
    }

    @Test func postgresql_refuses_a_write_that_is_not_json_and_keeps_the_row() async throws {
        try await withPloton { t async throws in
            guard TestDatabase.isPostgres else { return }  // SQLite has no JSON column type: its accessors refuse such text when read
            let (task, _, _) = try await storedTask(t)
            let broken = try #require(try await AgentTask.find(task.id, on: t.db))
            broken.resultJSON = JSONText("{not json")
            await #expect(throws: (any Error).self) { try await broken.update(on: t.db) }
            #expect(try await AgentTask.find(task.id, on: t.db)?.resultJSON?.text == #"{"temperature":21}"#)
        }
    }
}
