import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import SQLKit
import Testing
import VaporTesting

@testable import PlotonServer

/// The text columns of tasks and steps read as typed values, and one that does not read is a
/// `StoredValueError` naming its table, column and row: never a default (a corrupt status taken for
/// `failed`, a corrupt workflow silently planned again, a corrupt output read as nothing).
@Suite struct StoredValueTests {
    /// A finished task (no worker picks it up) whose columns the test then corrupts one at a time.
    private func storedTask(_ t: TestApp) async throws -> String {
        let task = AgentTask(accountID: t.accountID, environment: .test, prompt: TasksTests.example1, now: t.clock.now)
        task.status = TaskStatus.complete
        try await task.create(on: t.db)
        return try task.requireID()
    }

    @Test func each_corrupt_column_of_a_task_names_its_table_column_and_row() async throws {
        try await withPloton { t async throws in
            let sql = try #require(t.db as? any SQLDatabase)
            let id = try await storedTask(t)
            // Each column with a value that does not read as its type, and the accessor that reads it.
            let corrupt: [(column: String, value: String, read: @Sendable (AgentTask) throws -> Void)] = [
                ("workflow", #"{"steps":3}"#, { _ = try $0.workflow }),
                ("waiting", #"{"reason":"asleep"}"#, { _ = try $0.waiting }),
                ("input", "[1]", { _ = try $0.input }),
                ("metadata", "[]", { _ = try $0.metadata }),
                ("tools", #"{"weather":true}"#, { _ = try $0.tools }),
                ("sub_agent_tools", #"[1,2]"#, { _ = try $0.subAgentTools }),
                ("error", #"{"code":7,"message":"m","recoverable":false}"#, { _ = try $0.failure }),
            ]
            for (column, value, read) in corrupt {
                let before = try #require(try await AgentTask.find(id, on: t.db))
                #expect(throws: Never.self, "\(column) reads before it is corrupted") { try read(before) }
                let good = try await sql.select().column(SQLIdentifier(column)).from("tasks").where("id", .equal, id).first()?
                    .decode(column: column, as: String?.self)

                // Bound as JSON: PostgreSQL's json columns refuse text.
                try await sql.update("tasks").set(SQLIdentifier(column), to: SQLBind(JSONText(value))).where("id", .equal, id).run()
                let task = try #require(try await AgentTask.find(id, on: t.db))
                let error = #expect(throws: StoredValueError.self, "\(column)") { try read(task) }
                #expect(error?.table == "tasks" && error?.column == column && error?.row == id, "\(String(describing: error))")
                #expect(error?.description.contains(value) == false, "a JSON column's value is not repeated: it may hold user data")
                try await sql.update("tasks").set(SQLIdentifier(column), to: SQLBind(good.map(JSONText.init))).where("id", .equal, id)
                    .run()
            }
        }
    }

    /// Statuses and environments are enum fields: a value that is none of the cases fails the read
    /// of the row, naming the column, and is never taken for a default.
    @Test func a_task_whose_status_or_environment_is_no_known_value_does_not_read() async throws {
        try await withPloton { t async throws in
            let sql = try #require(t.db as? any SQLDatabase)
            let id = try await storedTask(t)
            for (column, value) in [("status", "paused"), ("environment", "staging")] {
                try await sql.update("tasks").set(SQLIdentifier(column), to: SQLBind(value)).where("id", .equal, id).run()
                let error = await #expect(throws: (any Error).self, "\(column)") { try await AgentTask.find(id, on: t.db) }
                #expect(String(describing: error).contains(column), "\(String(describing: error))")
                let good = column == "status" ? TaskStatus.complete.rawValue : PlotonEnvironment.test.rawValue
                try await sql.update("tasks").set(SQLIdentifier(column), to: SQLBind(good)).where("id", .equal, id).run()
            }
        }
    }

    @Test func a_task_or_trace_that_does_not_read_answers_500_and_changes_nothing() async throws {
        try await withPloton { t async throws in
            let sql = try #require(t.db as? any SQLDatabase)
            let id = try await storedTask(t)
            let planned = PlannedStep(tool: "weather", capability: "current", input: [:])
            let step = TaskStep(taskID: id, index: 0, step: planned, input: [:], idempotencyKey: "k", sideEffect: false, now: t.clock.now)
            try await step.create(on: t.db)
            // Read in a list, not by id: a final task read by id is kept in memory (`FinishedTaskBodies`),
            // and this test changes the row behind the server's back, which nothing in Ploton does.
            #expect(try await t.send(.GET, "v1/tasks", key: t.testKey).status == .ok)
            #expect(try await t.send(.GET, "v1/tasks/\(id)/trace", key: t.testKey).status == .ok)

            try await sql.update("task_steps").set("recoveries", to: SQLBind(JSONText(#"{"retry":1}"#))).run()
            let trace = try await t.send(.GET, "v1/tasks/\(id)/trace", key: t.testKey)
            #expect(trace.status == .internalServerError && trace.errorCode == "internal_error", "\(trace.body.string)")
            let stored = try #require(try await TaskStep.find(step.requireID(), on: t.db))
            let error = #expect(throws: StoredValueError.self) { _ = try stored.recoveries }
            #expect(error?.table == "task_steps" && error?.column == "recoveries" && error?.row == step.id)
            try await sql.update("task_steps").set("status", to: SQLBind("half_done")).run()
            await #expect(throws: (any Error).self, "a step whose status does not read is not taken for one to run again") {
                try await TaskStep.find(step.requireID(), on: t.db)
            }

            try await sql.update("tasks").set("status", to: SQLBind("paused")).where("id", .equal, id).run()
            for path in ["v1/tasks/\(id)", "v1/tasks"] {
                let answer = try await t.send(.GET, path, key: t.testKey)
                #expect(answer.status == .internalServerError && answer.errorCode == "internal_error", "\(path): \(answer.body.string)")
            }
            let cancel = try await t.send(.POST, "v1/tasks/\(id)/cancel", key: t.testKey)
            #expect(cancel.status == .internalServerError, "a status that does not read is not taken for one that can be cancelled")
            let status = try await sql.select().column("status").from("tasks").where("id", .equal, id).first()?
                .decode(column: "status", as: String.self)
            #expect(status == "paused")
        }
    }

    @Test func an_idempotency_record_whose_state_does_not_read_is_not_taken_for_in_progress() async throws {
        try await withPloton { t async throws in
            let sql = try #require(t.db as? any SQLDatabase)
            let body = #"{"name":"once","environment":"test"}"#
            let first = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: body, headers: ["Idempotency-Key": "k-1"])
            #expect(first.status == .created)
            try await sql.update(IdempotencyRecord.schema).set("state", to: SQLBind("half_done")).run()

            let again = try await t.send(.POST, "v1/api_keys", key: t.liveKey, json: body, headers: ["Idempotency-Key": "k-1"])
            #expect(again.status == .internalServerError && again.errorCode == "internal_error", "\(again.body.string)")
            #expect(try await APIKey.query(on: t.db).filter(\.$name == "once").count() == 1, "the request did not run again")
        }
    }

    @Test func an_events_delivery_status_or_a_deliverys_status_that_does_not_read_answers_500() async throws {
        try await withPloton { t async throws in
            let sql = try #require(t.db as? any SQLDatabase)
            let event = TaskEvent(kind: .taskProgress, accountID: t.accountID, environment: .test, task: nil, data: .null, now: t.clock.now)
            event.deliveryStatus = .pending
            try await event.create(on: t.db)
            let delivery = WebhookDelivery(
                event: event, endpointID: nil, url: "https://hooks.example/in", retries: true, scheduledAt: t.clock.now, now: t.clock.now)
            try await delivery.create(on: t.db)
            let id = try event.requireID()
            #expect(try await t.send(.GET, "v1/events/\(id)", key: t.testKey).status == .ok)
            #expect(try await t.send(.GET, "v1/events/\(id)/deliveries", key: t.testKey).status == .ok)

            try await sql.update(WebhookDelivery.schema).set("status", to: SQLBind("lost")).run()
            let deliveries = try await t.send(.GET, "v1/events/\(id)/deliveries", key: t.testKey)
            #expect(deliveries.status == .internalServerError && deliveries.errorCode == "internal_error", "\(deliveries.body.string)")
            try await sql.update(TaskEvent.schema).set("delivery_status", to: SQLBind("lost")).run()
            for path in ["v1/events/\(id)", "v1/events"] {
                let answer = try await t.send(.GET, path, key: t.testKey)
                #expect(answer.status == .internalServerError && answer.errorCode == "internal_error", "\(path): \(answer.body.string)")
            }
        }
    }

    @Test func a_corrupt_stored_workflow_is_not_planned_again() async throws {
        try await withPloton { t async throws in
            let sql = try #require(t.db as? any SQLDatabase)
            let task = AgentTask(accountID: t.accountID, environment: .test, prompt: TasksTests.example1, now: t.clock.now)
            task.workflowJSON = JSONText(#"{"steps":"three"}"#)
            task.planner = TaskService.pinnedPlanner
            try await task.create(on: t.db)
            let id = try task.requireID()

            _ = try await t.drain()

            let row = try #require(
                try await sql.select().column("workflow").column("planner").column("status").from("tasks").where("id", .equal, id).first())
            #expect(try row.decode(column: "workflow", as: String.self) == #"{"steps":"three"}"#, "the stored plan was not replaced")
            #expect(try row.decode(column: "planner", as: String.self) == TaskService.pinnedPlanner)
            #expect(try row.decode(column: "status", as: String.self) != TaskStatus.complete.rawValue)
            #expect(try await TaskStep.query(on: t.db).filter(\.$task.$id == id).count() == 0, "no step ran on a plan it could not read")
        }
    }
}
