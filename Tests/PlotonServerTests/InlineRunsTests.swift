import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import SQLKit
import Testing

@testable import PlotonServer

/// A task whose every step reads a built-in sandbox runs inside its create while the process's
/// worker has a slot: the `201` carries it complete, written with its steps, events and outbox rows
/// in the one transaction that accepted it. Any other task is stored first and runs after.
@Suite struct InlineRunsTests {
    static let weather = "Look up the current weather in San Francisco and return temperature, conditions, and humidity"

    @Test func a_sandbox_read_task_is_answered_complete_from_one_transaction_and_its_replay_is_the_same_body() async throws {
        try await withRunningWorker { t async throws in
            let before = t.app.ploton.groupCommit.transactions
            let body = #"{"prompt":"\#(Self.weather)","webhook_url":"https://hooks.example.com/ploton"}"#
            let created = try await t.send(.POST, "v1/tasks", key: t.testKey, json: body, headers: ["Idempotency-Key": "inline-1"])
            #expect(created.status == .created, "\(created.body.string)")
            let object = try created.object
            #expect(object["status"] as? String == "complete")
            let result = try #require(object["result"] as? [String: Any], "the 201 carries the result")
            #expect(result["temperature"] != nil && result["humidity"] != nil)
            #expect(object["completed_at"] is String)
            let id = try #require(object["id"] as? String)

            let task = try #require(try await AgentTask.find(id, on: t.db))
            #expect(task.status == .complete && task.claims == 1 && task.lostClaims == 0 && task.leaseOwner == nil)
            #expect(task.workflowJSON != nil && task.planner == t.app.ploton.planner.name)
            let steps = try await TaskStep.query(on: t.db).filter(\.$task.$id == id).sort(\.$index).all()
            #expect(!steps.isEmpty && steps.allSatisfy { $0.status == .complete && $0.attempts == 1 && $0.outputJSON != nil })
            let events = try await t.events(for: id)
            #expect(events.map(\.type.rawValue) == Array(repeating: "task.progress", count: steps.count) + ["task.complete"])
            #expect(events.allSatisfy { $0.deliveryStatus == .pending })
            let deliveries = try await WebhookDelivery.query(on: t.db).filter(\.$url == "https://hooks.example.com/ploton").all()
            #expect(Set(deliveries.map(\.eventID)) == Set(events.compactMap(\.id)), "one outbox row per event")

            // One transaction wrote all of it (and nothing else ran the task).
            if TestDatabase.isPostgres {
                let sql = try #require(t.db as? any SQLDatabase)
                let writers = try await sql.raw(
                    """
                    SELECT xmin::text AS tx FROM tasks WHERE id = \(bind: id)
                    UNION SELECT xmin::text FROM task_steps WHERE task_id = \(bind: id)
                    UNION SELECT xmin::text FROM events WHERE task_id = \(bind: id)
                    UNION SELECT d.xmin::text FROM webhook_deliveries d JOIN events e ON e.id = d.event_id WHERE e.task_id = \(bind: id)
                    """
                ).all()
                #expect(writers.count == 1, "every row of the task carries the same writing transaction")
            } else {
                #expect(t.app.ploton.groupCommit.transactions - before == 1, "one write transaction for the create")
            }

            let replay = try await t.send(.POST, "v1/tasks", key: t.testKey, json: body, headers: ["Idempotency-Key": "inline-1"])
            #expect(replay.status == .created)
            #expect(replay.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(replay.body.string == created.body.string, "a replay is the same complete task")
            #expect(try await AgentTask.query(on: t.db).count() == 1)
        }
    }

    /// With nowhere to deliver its events, a task run at its create is written by one statement
    /// (PostgreSQL: committed alone, without `BEGIN`): all of its rows or none.
    @Test func a_task_with_nowhere_to_deliver_is_written_whole_by_one_statement() async throws {
        try await withRunningWorker { t async throws in
            let created = try await t.send(.POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"\#(Self.weather)"}"#)
            #expect(created.status == .created, "\(created.body.string)")
            let object = try created.object
            #expect(object["status"] as? String == "complete")
            let id = try #require(object["id"] as? String)
            let steps = try await TaskStep.query(on: t.db).filter(\.$task.$id == id).count()
            let events = try await t.events(for: id)
            #expect(steps > 0 && events.count == steps + 1)
            #expect(events.allSatisfy { $0.deliveryStatus == nil })
            if TestDatabase.isPostgres {
                let sql = try #require(t.db as? any SQLDatabase)
                let writers = try await sql.raw(
                    """
                    SELECT xmin::text AS tx FROM tasks WHERE id = \(bind: id)
                    UNION SELECT xmin::text FROM task_steps WHERE task_id = \(bind: id)
                    UNION SELECT xmin::text FROM events WHERE task_id = \(bind: id)
                    """
                ).all()
                #expect(writers.count == 1, "every row of the task carries the same writing transaction")
            }
        }
    }

    /// The endpoints are read with the account's room, in the create's transaction: each enabled
    /// endpoint gets the events its filter lets through, a disabled one none.
    @Test func a_task_run_at_its_create_goes_to_the_accounts_enabled_endpoints_whose_filter_lets_its_events_through() async throws {
        try await withRunningWorker { t async throws in
            var endpoints: [String] = []
            for body in [
                #"{"url":"https://every.example.com/h"}"#, #"{"url":"https://done.example.com/h","events":["task.complete"]}"#,
                #"{"url":"https://off.example.com/h"}"#,
            ] {
                let created = try await t.send(.POST, "v1/webhook_endpoints", key: t.testKey, json: body)
                #expect(created.status == .created, "\(created.body.string)")
                endpoints.append(try #require(try created.object["id"] as? String))
            }
            let disabled = try await t.send(.PATCH, "v1/webhook_endpoints/\(endpoints[2])", key: t.testKey, json: #"{"enabled":false}"#)
            #expect(disabled.status == .ok, "\(disabled.body.string)")

            let created = try await t.send(.POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"\#(Self.weather)"}"#)
            #expect(try created.object["status"] as? String == "complete", "\(created.body.string)")
            let id = try #require(try created.object["id"] as? String)
            let events = try await t.events(for: id)
            #expect(events.count >= 2 && events.allSatisfy { $0.deliveryStatus == .pending })
            let deliveries = try await WebhookDelivery.query(on: t.db).all()
            let received = { (endpoint: String) in Set(deliveries.filter { $0.endpointID == endpoint }.map(\.eventID)) }
            #expect(received(endpoints[0]) == Set(events.compactMap(\.id)), "every event to the endpoint of all events")
            #expect(received(endpoints[1]) == Set(events.filter { $0.type == .taskComplete }.compactMap(\.id)), "task.complete only")
            #expect(received(endpoints[2]).isEmpty, "none to the disabled endpoint")
        }
    }

    /// The outbox rows of a task run at its create are written with it (PostgreSQL: as parts of its
    /// one statement), already leased to this process's dispatcher, and handed to it once written:
    /// each event's rows in order, with the event as written (its body is made from memory). With
    /// more rows than one `INSERT` takes, the create is a transaction as before, with the same rows.
    @Test(arguments: [2, 400]) func a_task_run_at_its_create_hands_its_leased_outbox_rows_over_once_written(endpoints: Int) async throws {
        try await withRunningWorker { t async throws in
            let handoff = t.app.ploton.webhookHandoff
            handoff.attach(owner: "whd_here", leaseSeconds: 35, wakeUp: t.app.ploton.webhookWakeUp)
            defer { handoff.detach(owner: "whd_here") }
            for index in 0..<endpoints {
                try await WebhookEndpoint(
                    accountID: t.accountID, environment: .test, url: "https://e\(index).example.com/h", events: ["*"], description: nil,
                    now: t.clock.now
                ).create(on: t.db)
            }
            let body = #"{"prompt":"\#(Self.weather)","webhook_url":"https://own.example.com/h"}"#
            let created = try await t.send(.POST, "v1/tasks", key: t.testKey, json: body)
            #expect(try created.object["status"] as? String == "complete", "\(created.body.string)")
            let id = try #require(try created.object["id"] as? String)
            let events = try await t.events(for: id)
            #expect(events.count >= 2 && events.allSatisfy { $0.deliveryStatus == .pending })
            if endpoints > 2 { #expect(events.count * (endpoints + 1) > WebhookOutbox.rowsPerStatement, "more than one INSERT's rows") }

            let stored = try await WebhookDelivery.query(on: t.db).sort(\.$id).all()
            #expect(stored.count == events.count * (endpoints + 1), "one row per event and destination")
            #expect(
                stored.allSatisfy { row in
                    row.leaseOwner == "whd_here" && row.leaseExpiresAt == row.scheduledAt.addingTimeInterval(35) && row.attempt == 1
                        && row.status == .pending && row.retries
                }, "leased to this process's dispatcher as written")
            let handed = handoff.take(limit: .max, leasedUntil: t.clock.now) { _ in .max }
            #expect(handed.map(\.row.id) == stored.compactMap(\.id), "every row handed over, in the order written")
            let byID = Dictionary(uniqueKeysWithValues: events.map { ($0.id ?? "", $0) })
            for row in handed {
                guard let event = row.event else { continue }  // read back by the dispatcher
                let stored = byID[event.id]
                #expect(event.id == row.row.event_id && event.data == stored?.dataJSON.text && event.type == stored?.type.rawValue)
            }
            #expect(handed.contains { $0.event != nil } || events.allSatisfy { WebhookEvent(written: $0) == nil })
            if TestDatabase.isPostgres {
                let sql = try #require(t.db as? any SQLDatabase)
                let writers = try await sql.raw(
                    """
                    SELECT xmin::text AS tx FROM tasks WHERE id = \(bind: id)
                    UNION SELECT d.xmin::text FROM webhook_deliveries d JOIN events e ON e.id = d.event_id WHERE e.task_id = \(bind: id)
                    """
                ).all()
                #expect(writers.count == 1, "the task and its outbox rows committed together")
            }
        }
    }

    @Test func a_task_with_a_user_authorised_side_effect_is_stored_first_and_runs_after_as_before() async throws {
        try await withRunningWorker { t async throws in
            let created = try await t.send(
                .POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"Post \"hello\" to #general","user_id":"u1"}"#)
            #expect(created.status == .created, "\(created.body.string)")
            #expect(try created.object["status"] as? String == "running", "claimed by its create, run by the worker")
            let id = try #require(try created.object["id"] as? String)
            // The sandbox chat asks the end user's consent first: the run goes on as it always did.
            try await eventually("the worker runs it to the consent") { try await AgentTask.find(id, on: t.db)?.status == .waiting }
        }
    }

    @Test func with_running_at_create_off_a_sandbox_read_task_is_stored_first() async throws {
        // The create claims its task when it gets one of the worker's slots within `createSlotWait`; on a loaded machine the
        // worker's own claim can hold them longer than the default quarter second, and the task is queued instead (CI, session 35).
        try await withRunningWorker({
            $0.tasks.runsAtCreate = false
            $0.tasks.createSlotWait = 30
        }) { t async throws in
            let created = try await t.send(.POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"\#(Self.weather)"}"#)
            #expect(try created.object["status"] as? String == "running")
            let id = try #require(try created.object["id"] as? String)
            try await eventually("the worker completes it") { try await AgentTask.find(id, on: t.db)?.status == .complete }
            #expect(try await t.events(for: id).last?.type == .taskComplete)
        }
    }

    @Test func a_sandbox_read_task_of_an_account_at_its_limit_is_queued_not_run() async throws {
        try await withRunningWorker({ $0.tasks.accountConcurrency = 1 }) { t async throws in
            // Another process's run holds the account's one slot.
            let other = AgentTask(accountID: t.accountID, environment: .test, prompt: "elsewhere", now: t.clock.now)
            let admission = TaskAdmission(database: t.db, settings: t.app.ploton.config.tasks, now: t.clock.now)
            #expect(try await admission.insert(other, claimingFor: "wrk_elsewhere"))

            let created = try await t.send(.POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"\#(Self.weather)"}"#)
            #expect(try created.object["status"] as? String == "pending", "the account's limit holds for a run at create too")
            let id = try #require(try created.object["id"] as? String)
            #expect(try await t.events(for: id).isEmpty, "the run's outcome was dropped, not written")
            #expect(try await TaskStep.query(on: t.db).filter(\.$task.$id == id).count() == 0)
        }
    }

    @Test func on_postgresql_a_task_run_at_its_create_commits_while_its_accounts_claim_lock_is_held() async throws {
        guard TestDatabase.isPostgres else { return }  // SQLite: creates take turns on the write lock
        try await withRunningWorker { t async throws in
            let holder = try await AccountLockHolder.hold(t.accountID, on: t.db)

            let create = Task { try await t.send(.POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"\#(Self.weather)"}"#) }
            let complete = { try await AgentTask.query(on: t.db).filter(\.$status == .complete).count() }
            try await eventually("the create commits or waits for the lock") {
                let waiting = try await CreateRunsTests.advisoryWaiters(on: t.db)
                return try await complete() == 1 || waiting > 0
            }
            #expect(try await complete() == 1, "committed while the lock was held: a finished task never counts as running")
            try await holder.release()
            let created = try await create.value
            #expect(created.status == .created)
            #expect(try created.object["status"] as? String == "complete")
        }
    }

    /// The worker runs (and takes tasks from creates) but claims only when woken, so no claim holds
    /// the slots at the moment of a create, and never folds execution memory, which would mark the
    /// task's steps in a transaction of its own.
    private func withRunningWorker(_ adjust: (inout PlotonConfig) -> Void = { _ in }, _ body: (TestApp) async throws -> Void)
        async throws
    {
        try await withPloton({
            $0.tasks.pollInterval = 3_600
            $0.tasks.memoryFoldInterval = 3_600
            adjust(&$0)
        }) { t async throws in
            let loop = Task { await t.worker().run() }
            try await eventually("the worker takes tasks from creates") { t.app.ploton.engineSlots.reserve().map { _ in true } ?? false }
            t.app.ploton.engineSlots.cancel(queued: false)
            do {
                try await body(t)
            } catch {
                loop.cancel()
                await loop.value
                throw error
            }
            loop.cancel()
            await loop.value
        }
    }
}
