import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// Webhook endpoints, signed durable delivery with retries, the event log and redelivery, against
/// a local receiver; signatures checked by independent verifiers (Python, Node, `standardwebhooks`).
@Suite(.serialized) struct WebhooksTests {
    func withReceiver(
        _ adjust: @escaping (inout PlotonConfig) -> Void = { _ in }, _ body: (TestApp, WebhookReceiver) async throws -> Void
    ) async throws {
        let receiver = try await WebhookReceiver.start()
        do {
            try await withPloton({ config in
                config.allowPrivateNetwork = true
                adjust(&config)
            }) { t async throws in try await body(t, receiver) }
        } catch {
            try await receiver.stop()
            throw error
        }
        try await receiver.stop()
    }

    func endpoint(_ t: TestApp, _ url: String, events: [String]? = nil, key: String? = nil) async throws -> String {
        let filter = events.map { ",\"events\":[" + $0.map { "\"\($0)\"" }.joined(separator: ",") + "]" } ?? ""
        let response = try await t.send(.POST, "v1/webhook_endpoints", key: key ?? t.testKey, json: #"{"url":"\#(url)"\#(filter)}"#)
        #expect(response.status == .created, "\(response.body.string)")
        return try #require(try response.object["id"] as? String)
    }

    @discardableResult
    func dispatch(_ t: TestApp, id: String = "whd_test") async throws -> Int {
        try await WebhookDispatcher(database: t.db, services: t.app.ploton, logger: t.app.logger, id: id).runOnce()
    }

    /// Runs example 1 to completion and returns the task id.
    func completeTask(_ t: TestApp, extra: String = "") async throws -> String {
        let id = try await t.createTask(#"{"prompt":"\#(TasksTests.example1)","metadata":{"order":"42"}\#(extra)}"#)
        try await t.drain()
        return id
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func endpoints_are_created_read_updated_listed_and_deleted_per_environment() async throws {
        try await withReceiver { t, receiver in
            let created = try await t.send(
                .POST, "v1/webhook_endpoints", key: t.testKey,
                json: #"{"url":"\#(receiver.url("a"))","description":"orders","events":["task.complete","task.failed"]}"#)
            #expect(created.status == .created)
            let object = try created.object
            let id = try #require(object["id"] as? String)
            #expect(id.hasPrefix("whep_"))
            #expect(object["object"] as? String == "webhook_endpoint")
            #expect(object["enabled"] as? Bool == true && object["livemode"] as? Bool == false)
            #expect(object["events"] as? [String] == ["task.complete", "task.failed"])

            let patched = try await t.send(
                .PATCH, "v1/webhook_endpoints/\(id)", key: t.testKey, json: #"{"enabled":false,"events":["*"],"description":null}"#)
            #expect(patched.status == .ok)
            let updated = try patched.object
            #expect(updated["enabled"] as? Bool == false && updated["events"] as? [String] == ["*"] && updated["description"] is NSNull)

            let defaults = try await endpoint(t, receiver.url("b"))
            #expect(try await t.send(.GET, "v1/webhook_endpoints/\(defaults)", key: t.testKey).object["events"] as? [String] == ["*"])
            let list = try await t.send(.GET, "v1/webhook_endpoints", key: t.testKey).object
            #expect((list["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [defaults, id])
            // The live environment sees none of them.
            #expect(try await t.send(.GET, "v1/webhook_endpoints/\(id)", key: t.liveKey).status == .notFound)
            #expect((try await t.send(.GET, "v1/webhook_endpoints", key: t.liveKey).object["data"] as? [Any])?.isEmpty == true)

            let deleted = try await t.send(.DELETE, "v1/webhook_endpoints/\(id)", key: t.testKey)
            #expect(try deleted.object["deleted"] as? Bool == true)
            #expect(try await t.send(.GET, "v1/webhook_endpoints/\(id)", key: t.testKey).status == .notFound)
        }
    }

    @Test func bad_endpoint_input_is_refused_and_changes_nothing() async throws {
        try await withReceiver({ $0.allowPrivateNetwork = false }) { t, _ in
            for (json, status, param) in [
                (#"{}"#, HTTPStatus.badRequest, "url"),
                (#"{"url":"ftp://example.com/hook"}"#, .unprocessableEntity, "url"),
                (#"{"url":"not a url"}"#, .unprocessableEntity, "url"),
                // Not URIs: Foundation's URL(string:) percent-encodes what a URI cannot hold and accepts the result.
                (#"{"url":"https://GPvHy7#\";3?/\""}"#, .unprocessableEntity, "url"),
                (#"{"url":"https://example.com/a hook"}"#, .unprocessableEntity, "url"),
                (#"{"url":"https://example.com/hook#a#b"}"#, .unprocessableEntity, "url"),
                (#"{"url":"http://127.0.0.1:9/hook"}"#, .unprocessableEntity, "url"),
                (#"{"url":"http://localhost/hook"}"#, .unprocessableEntity, "url"),
                (#"{"url":"https://example.com/hook","events":["task.exploded"]}"#, .unprocessableEntity, "events"),
                (#"{"url":"https://example.com/hook","events":[]}"#, .unprocessableEntity, "events"),
                (#"{"url":"https://example.com/hook","enabled":"yes"}"#, .unprocessableEntity, "enabled"),
                (#"{"url":"https://example.com/hook","secret":"x"}"#, .badRequest, "secret"),
            ] {
                let response = try await t.send(.POST, "v1/webhook_endpoints", key: t.testKey, json: json)
                #expect(response.status == status, "\(json): \(response.body.string)")
                #expect((try response.object["error"] as? [String: Any])?["param"] as? String == param, "\(json)")
                #expect(status != .unprocessableEntity || response.errorCode == "validation_error", "\(json)")
            }
            #expect(try await WebhookEndpoint.query(on: t.db).count() == 0)
            #expect(
                try await t.send(.POST, "v1/webhook_endpoints", key: t.testKey, json: #"{"url":"https://example.com/h"}"#).status
                    == .created)
        }
    }

    @Test func task_events_are_delivered_signed_in_the_documented_body() async throws {
        try await withReceiver { t, receiver in
            t.clock.advance(by: Date().timeIntervalSince(t.clock.now))  // real time, for timestamp tolerances
            _ = try await endpoint(t, receiver.url("all"))
            _ = try await endpoint(t, receiver.url("done"), events: ["task.complete"])
            _ = try await endpoint(t, receiver.url("live"), key: t.liveKey)
            let taskID = try await completeTask(t)
            #expect(try await dispatch(t) == 4)

            #expect(
                receiver.deliveries("all").compactMap { try? json($0.body)["event"] as? String }.sorted()
                    == ["task.complete", "task.progress", "task.progress"])
            #expect(receiver.deliveries("live").isEmpty, "a test task's events stay in the test environment")
            let delivery = try #require(receiver.deliveries("done").first)
            let body = try json(delivery.body)
            #expect(Set(body.keys) == ["id", "event", "task_id", "timestamp", "data", "metadata"])
            #expect(body["event"] as? String == "task.complete" && body["task_id"] as? String == taskID)
            #expect(body["metadata"] as? [String: String] == ["order": "42"])
            let result = try await t.task(taskID)["result"] as? [String: Any]
            #expect((body["data"] as? [String: Any])?["temperature"] as? Double == result?["temperature"] as? Double)
            #expect(delivery.headers["content-type"] == "application/json")
            #expect(delivery.headers["webhook-id"] == body["id"] as? String)

            let secret = try await t.send(.GET, "v1/webhook_secret", key: t.testKey).object["secret"] as! String
            let verdicts = try verify(delivery, secret: secret, now: t.clock.now)
            #expect(verdicts.allSatisfy { $0.value }, "\(verdicts)")
            var tampered = delivery
            tampered.body = delivery.body.replacingOccurrences(of: "42", with: "43")
            #expect(try verify(tampered, secret: secret, now: t.clock.now).allSatisfy { !$0.value })
            let other = WebhookSecret.generate().value
            #expect(try verify(delivery, secret: other, now: t.clock.now).allSatisfy { !$0.value })
            let stale = try verify(delivery, secret: secret, now: t.clock.now.addingTimeInterval(600))
            #expect(stale["python.standard"] == false && stale["node.standard"] == false && stale["python.ploton"] == true)
        }
    }

    func verify(_ delivery: FakeService.Received, secret: String, now: Date) throws -> [String: Bool] {
        let verdicts = try WebhookVerifiers.verify(body: delivery.body, headers: delivery.headers, secret: secret, now: now)
        #expect(verdicts.count >= 4, "every verifier ran: \(verdicts)")
        return verdicts
    }

    @Test func during_a_secret_overlap_both_secrets_sign() async throws {
        try await withReceiver { t, receiver in
            t.clock.advance(by: Date().timeIntervalSince(t.clock.now))
            let old = try await t.send(.GET, "v1/webhook_secret", key: t.testKey).object["secret"] as! String
            let new =
                try await t.send(.POST, "v1/webhook_secret/roll", key: t.testKey, json: #"{"expires_in":3600}"#).object["secret"]
                as! String
            _ = try await endpoint(t, receiver.url("a"), events: ["task.complete"])
            _ = try await completeTask(t)
            try await dispatch(t)
            let delivery = try #require(receiver.deliveries("a").first)
            #expect(delivery.headers["webhook-signature"]?.split(separator: " ").count == 2)
            #expect(try verify(delivery, secret: new, now: t.clock.now).allSatisfy { $0.value })
            let withOld = try verify(delivery, secret: old, now: t.clock.now)
            #expect(withOld["python.standard"] == true && withOld["node.standard"] == true && withOld["standardwebhooks"] == true)
            #expect(withOld["python.ploton"] == false, "X-Ploton-Signature carries the new secret only")

            // After the overlap only the new secret signs.
            t.clock.advance(by: 3601)
            _ = try await completeTask(t)
            try await dispatch(t)
            #expect(receiver.deliveries("a").last?.headers["webhook-signature"]?.split(separator: " ").count == 1)
        }
    }

    @Test func a_task_webhook_url_receives_that_tasks_events() async throws {
        try await withReceiver { t, receiver in
            let id = try await completeTask(t, extra: #","webhook_url":"\#(receiver.url("task"))""#)
            _ = try await completeTask(t)  // another task: not sent there
            #expect(try await dispatch(t) == 3)
            #expect(Set(receiver.deliveries("task").compactMap { try? json($0.body)["task_id"] as? String }) == [id])
            let complete = try #require(
                try await TaskEvent.query(on: t.db).filter(\.$taskID == id).filter(\.$type == EventType.taskComplete).first())
            let attempts = try await t.send(.GET, "v1/events/\(complete.id!)/deliveries", key: t.testKey).object["data"] as? [[String: Any]]
            #expect(attempts?.first?["endpoint_id"] is NSNull && attempts?.first?["url"] as? String == receiver.url("task"))
        }
    }

    @Test func a_failing_receiver_is_retried_on_schedule_until_it_recovers() async throws {
        try await withReceiver { t, receiver in
            receiver.script("flaky", [.init(503), .init(500), .init(200)])
            _ = try await endpoint(t, receiver.url("flaky"), events: ["task.complete"])
            _ = try await completeTask(t)
            #expect(try await dispatch(t) == 1)
            let event = try #require(
                try await t.send(.GET, "v1/events?event=task.complete", key: t.testKey).object["data"] as? [[String: Any]]
            )
            .first
            let eventID = try #require(event?["id"] as? String)
            #expect(event?["delivery_status"] as? String == "pending")
            #expect(try await dispatch(t) == 0, "the retry is not due yet")

            t.clock.advance(by: 36)  // 30 s ± 20 %
            #expect(try await dispatch(t) == 1)
            t.clock.advance(by: 360)  // 5 min ± 20 %
            #expect(try await dispatch(t) == 1)
            #expect(receiver.deliveries("flaky").count == 3)

            let attempts = try #require(
                try await t.send(.GET, "v1/events/\(eventID)/deliveries", key: t.testKey).object["data"] as? [[String: Any]])
            #expect(attempts.map { $0["attempt"] as? Int } == [3, 2, 1])
            #expect(attempts.map { $0["status_code"] as? Int } == [200, 500, 503])
            #expect(attempts.map { $0["status"] as? String } == ["succeeded", "failed", "failed"])
            #expect(attempts[0]["next_attempt_at"] is NSNull && attempts[2]["next_attempt_at"] is String)
            #expect(attempts.allSatisfy { ($0["id"] as? String)?.hasPrefix("del_") == true && $0["duration_ms"] is Int })
            let first = try #require(ISO8601DateFormatter().date(from: attempts[2]["attempted_at"] as? String ?? ""))
            let next = try #require(ISO8601DateFormatter().date(from: attempts[2]["next_attempt_at"] as? String ?? ""))
            #expect((24...36).contains(next.timeIntervalSince(first)), "the first retry comes within a minute")
            // Every attempt carries the same body and event id.
            #expect(Set(receiver.deliveries("flaky").map(\.body)).count == 1)
            #expect(Set(receiver.deliveries("flaky").compactMap { $0.headers["webhook-id"] }) == [eventID])

            let succeeded = try await t.send(.GET, "v1/events?delivery_success=true", key: t.testKey).object["data"] as? [[String: Any]]
            #expect(succeeded?.compactMap { $0["id"] as? String } == [eventID])
            #expect(try await t.send(.GET, "v1/events?delivery_success=maybe", key: t.testKey).status == .unprocessableEntity)
        }
    }

    @Test func retry_after_is_a_minimum_delay_and_the_schedule_ends() async throws {
        try await withReceiver { t, receiver in
            receiver.script("busy", [.init(429, headers: ["Retry-After": "3600"]), .init(503)])
            _ = try await endpoint(t, receiver.url("busy"), events: ["task.complete"])
            _ = try await completeTask(t)
            try await dispatch(t)
            t.clock.advance(by: 600)
            #expect(try await dispatch(t) == 0, "Retry-After: 3600 outweighs the 30 s schedule")
            t.clock.advance(by: 3000)
            #expect(try await dispatch(t) == 1)
            for _ in 0..<10 {
                t.clock.advance(by: 86_400)
                try await dispatch(t)
            }
            #expect(receiver.deliveries("busy").count == t.app.ploton.config.webhooks.schedule.maxAttempts)
            let event = try #require(try await TaskEvent.query(on: t.db).filter(\.$type == EventType.taskComplete).first())
            #expect(try await EventDeliveryStatus.of([try event.requireID()], on: t.db)[try event.requireID()] == .failed)
            let failed = try await t.send(.GET, "v1/events?delivery_success=false", key: t.testKey).object["data"] as? [[String: Any]]
            #expect(failed?.compactMap { $0["id"] as? String } == [try #require(event.id)])
        }
    }

    @Test func gone_disables_the_endpoint_and_redirects_are_not_followed() async throws {
        try await withReceiver { t, receiver in
            receiver.script("gone", [.init(410)])
            receiver.script("moved", [.init(301, headers: ["Location": "\(receiver.service.baseURL)/elsewhere"])])
            let gone = try await endpoint(t, receiver.url("gone"), events: ["task.complete"])
            _ = try await endpoint(t, receiver.url("moved"), events: ["task.complete"])
            _ = try await completeTask(t)
            try await dispatch(t)
            let disabled = try await t.send(.GET, "v1/webhook_endpoints/\(gone)", key: t.testKey).object
            #expect(disabled["enabled"] as? Bool == false)
            #expect((disabled["disabled_reason"] as? String)?.contains("410") == true)
            #expect(receiver.service.received.filter { $0.path == "/elsewhere" }.isEmpty)

            t.clock.advance(by: 86_400 * 2)
            _ = try await completeTask(t)
            try await dispatch(t)
            #expect(receiver.deliveries("gone").count == 1, "a disabled endpoint gets nothing more")
            #expect(receiver.deliveries("moved").count >= 2, "a redirect is a failure, retried")
            #expect(receiver.service.received.filter { $0.path == "/elsewhere" }.isEmpty)
        }
    }

    @Test func a_receiver_that_times_out_is_retried_and_does_not_hold_up_others() async throws {
        let gate = Gate()
        try await withReceiver({ $0.webhooks.timeout = 2 }) { t, receiver in
            receiver.script("slow", [.init(200, delay: .seconds(10)), .init(200)])
            receiver.script("held", [.init(200, hold: { _ in await gate.enterAndWait() })])
            receiver.script("fast", [.init(200, hold: { _ in await gate.release() })])
            _ = try await endpoint(t, receiver.url("slow"), events: ["task.complete"])
            _ = try await endpoint(t, receiver.url("held"), events: ["task.complete"])
            _ = try await endpoint(t, receiver.url("fast"), events: ["task.complete"])
            _ = try await completeTask(t)
            #expect(try await dispatch(t) == 3)
            let rows = try await WebhookDelivery.query(on: t.db).filter(\.$attempt == 1).all()
            let byURL = Dictionary(uniqueKeysWithValues: rows.map { ($0.url, $0) })
            // `held` only answered because `fast` was delivered while it waited.
            #expect(byURL[receiver.url("held")]?.status == .succeeded)
            #expect(byURL[receiver.url("fast")]?.status == .succeeded)
            let slow = try #require(byURL[receiver.url("slow")])
            #expect(slow.status == .failed && slow.statusCode == nil && slow.nextAttemptAt != nil)
            #expect(slow.error?.isEmpty == false)
        }
    }

    @Test func an_attempt_left_by_a_dead_process_is_made_once_after_its_lease() async throws {
        try await withReceiver { t, receiver in
            _ = try await endpoint(t, receiver.url("a"), events: ["task.complete"])
            _ = try await completeTask(t)
            // A process claims the attempt and dies before making it.
            let claimed = try await WebhookQueue(database: t.db, settings: t.app.ploton.config.webhooks)
                .claim(workerID: "whd_dead", now: t.clock.now, limit: 10)
            #expect(claimed.count == 1)
            #expect(try await dispatch(t, id: "whd_alive") == 0, "leased to another process")
            t.clock.advance(by: t.app.ploton.config.webhooks.leaseSeconds + 1)
            #expect(try await dispatch(t, id: "whd_alive") == 1)
            #expect(receiver.deliveries("a").count == 1)
            #expect(try await WebhookDelivery.query(on: t.db).first()?.status == .succeeded)
        }
    }

    @Test func an_event_whose_stored_data_is_not_json_fails_its_delivery_instead_of_sending_an_empty_body() async throws {
        try await withReceiver { t, receiver in
            _ = try await endpoint(t, receiver.url("a"), events: ["task.complete"])
            _ = try await completeTask(t)
            let event = try #require(try await TaskEvent.query(on: t.db).filter(\.$type == EventType.taskComplete).first())
            event.dataJSON = JSONText("{not json")
            if TestDatabase.isPostgres {
                // The json column refuses text that is not JSON, so no such event is stored there.
                await #expect(throws: (any Error).self) { try await event.update(on: t.db) }
                return
            }
            try await event.update(on: t.db)

            #expect(try await dispatch(t) == 1)
            #expect(receiver.deliveries("a").isEmpty)
            let attempts = try await WebhookDelivery.query(on: t.db).all()
            #expect(attempts.count == 1, "not tried again: the stored event will not read better later")
            #expect(attempts.first?.status == .failed && attempts.first?.nextAttemptAt == nil)
            #expect(attempts.first?.error?.contains("data is not valid JSON") == true, "\(attempts.first?.error ?? "")")
            #expect(try await EventDeliveryStatus.of([try event.requireID()], on: t.db)[try event.requireID()] == .failed)
            let shown = try await t.send(.GET, "v1/events/\(event.id ?? "")", key: t.testKey)
            #expect(shown.status == .internalServerError, "not shown with its data as null")
        }
    }

    @Test func a_urls_cap_counts_attempts_in_flight_not_those_awaiting_their_recorded_outcome() async throws {
        try await withReceiver { t, receiver in
            _ = try await endpoint(t, receiver.url("a"))
            _ = try await completeTask(t)
            var settings = t.app.ploton.config.webhooks
            settings.maxPerDestination = 1
            let queue = WebhookQueue(database: t.db, settings: settings)
            let first = try await queue.claim(workerID: "whd_a", now: t.clock.now, limit: 10)
            #expect(first.count == 1)
            #expect(try await queue.claim(workerID: "whd_a", now: t.clock.now, limit: 10).isEmpty, "the URL's one slot is taken")
            // The attempt was made; its outcome waits for the recorder's batch: the slot is free.
            let next = try await queue.claim(workerID: "whd_a", now: t.clock.now, limit: 10, settled: Set(first.map(\.row.id)))
            #expect(next.count == 1 && next.first?.row.id != first.first?.row.id)
        }
    }

    @Test func a_claim_smaller_than_the_work_takes_one_row_of_each_url_before_a_second_of_any() async throws {
        try await withReceiver { t, receiver in
            let endpoints = Set([try await endpoint(t, receiver.url("a")), try await endpoint(t, receiver.url("b"))])
            _ = try await completeTask(t)
            let claimed = try await WebhookQueue(database: t.db, settings: t.app.ploton.config.webhooks)
                .claim(workerID: "whd_a", now: t.clock.now, limit: 3)
            #expect(claimed.count == 3)
            #expect(Set(claimed.map(\.row.url)) == [receiver.url("a"), receiver.url("b")])
            #expect(try await WebhookDelivery.query(on: t.db).filter(\.$leaseOwner == "whd_a").count() == 3)
            if TestDatabase.isPostgres {  // read by the claim's statement, not by the batch after it
                #expect(claimed.allSatisfy { $0.event?.id == $0.row.event_id && $0.endpointEnabled == true })
                #expect(Set(claimed.compactMap(\.row.endpoint_id)).isSubset(of: endpoints))
            }
        }
    }

    @Test func concurrent_dispatchers_make_each_attempt_once() async throws {
        try await withReceiver { t, receiver in
            for name in ["a", "b", "c", "d"] { _ = try await endpoint(t, receiver.url(name)) }
            for _ in 0..<5 { _ = try await completeTask(t) }
            let made = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<3 { group.addTask { try await dispatch(t, id: "whd_\(index)") } }
                return try await group.reduce(0, +)
            }
            let events = try await TaskEvent.query(on: t.db).count()
            #expect(made == events * 4)
            for name in ["a", "b", "c", "d"] {
                let ids = receiver.deliveries(name).compactMap { $0.headers["webhook-id"] }
                #expect(ids.count == events && Set(ids).count == events, "\(name): each event exactly once")
            }
        }
    }

    @Test func events_are_listed_filtered_and_redelivered() async throws {
        try await withReceiver { t, receiver in
            let first = try await completeTask(t)
            _ = try await completeTask(t)
            let all = try #require(try await t.send(.GET, "v1/events", key: t.testKey).object["data"] as? [[String: Any]])
            #expect(all.count == 6)
            #expect(all.allSatisfy { $0["object"] as? String == "event" && $0["delivery_status"] is NSNull })
            let ids = all.compactMap { $0["id"] as? String }
            #expect(ids == ids.sorted(by: >), "newest first")
            let mine = try #require(
                try await t.send(.GET, "v1/events?task_id=\(first)&event=task.complete", key: t.testKey).object["data"] as? [[String: Any]])
            #expect(mine.count == 1)
            let eventID = try #require(mine.first?["id"] as? String)
            let shown = try await t.send(.GET, "v1/events/\(eventID)", key: t.testKey).object
            #expect(shown["task_id"] as? String == first && shown["event"] as? String == "task.complete")
            #expect(try await t.send(.GET, "v1/events/\(eventID)", key: t.liveKey).status == .notFound)
            #expect(try await t.send(.GET, "v1/events?event=task.exploded", key: t.testKey).status == .unprocessableEntity)

            let nowhere = try await t.send(.POST, "v1/events/\(eventID)/redeliver", key: t.testKey)
            #expect(nowhere.status == .conflict)
            #expect((try nowhere.object["error"] as? [String: Any])?["code"] as? String == "no_webhook_destinations")

            _ = try await endpoint(t, receiver.url("late"))
            let redelivered = try await t.send(.POST, "v1/events/\(eventID)/redeliver", key: t.testKey)
            #expect(redelivered.status == .ok)
            #expect(try redelivered.object["delivery_status"] as? String == "pending")
            #expect(try await dispatch(t) == 1)
            #expect(receiver.deliveries("late").first?.headers["webhook-id"] == eventID)
            #expect(try await t.send(.GET, "v1/events/\(eventID)", key: t.testKey).object["delivery_status"] as? String == "succeeded")
        }
    }
}
