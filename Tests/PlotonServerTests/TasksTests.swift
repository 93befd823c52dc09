import Fluent
import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

@Suite struct TasksTests {
    static let example1 = "Look up the current weather in San Francisco and return temperature, conditions, and humidity"

    @Test func documented_example_1_completes_with_exactly_the_requested_fields() async throws {
        try await withPloton { t async throws in
            let response = try await t.send(
                .POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"\#(Self.example1)","metadata":{"order":"42"},"user_id":"user_123"}"#)
            #expect(response.status == .created)
            let created = try response.object
            let id = try #require(created["id"] as? String)
            #expect(id.hasPrefix("task_"))
            #expect(created["object"] as? String == "task")
            #expect(created["status"] as? String == "pending")
            #expect(created["livemode"] as? Bool == false)
            for field in ["result", "error", "waiting", "completed_at", "tool", "sub_agent"] {
                #expect(created[field] is NSNull, "\(field)")
            }
            #expect((created["metadata"] as? [String: Any])?["order"] as? String == "42")

            #expect(try await t.drain() == 1)
            let task = try await t.task(id)
            #expect(task["status"] as? String == "complete")
            let result = try #require(task["result"] as? [String: Any])
            #expect(Set(result.keys) == ["temperature", "conditions", "humidity"])
            #expect(result["temperature"] is Double)
            #expect(result["humidity"] is Double)
            #expect(result["conditions"] is String)
            #expect(task["tool"] as? String == "weather")
            #expect(task["tools"] as? [String] == ["weather"])
            #expect(task["completed_at"] is String)

            let events = try await t.events(for: id)
            #expect(events.map(\.type.rawValue) == ["task.progress", "task.progress", "task.complete"])
            #expect(JSONValue.parse(events[2].dataJSON.text)?.objectValue?.keys.sorted() == ["conditions", "humidity", "temperature"])
            #expect(events.allSatisfy { JSONValue.parse($0.metadataJSON.text) == .object(["order": .string("42")]) })
        }
    }

    @Test func sandbox_results_are_deterministic() async throws {
        try await withPloton { t async throws in
            let first = try await t.createTask(#"{"prompt":"\#(Self.example1)"}"#)
            let second = try await t.createTask(#"{"prompt":"\#(Self.example1)"}"#)
            try await t.drain()
            let a = try await t.task(first)["result"] as? [String: Any]
            let b = try await t.task(second)["result"] as? [String: Any]
            #expect(a?["temperature"] as? Double == b?["temperature"] as? Double)
            #expect(a?["conditions"] as? String == b?["conditions"] as? String)
        }
    }

    @Test func things_asked_side_by_side_all_reach_the_result() async throws {
        try await withPloton { t async throws in
            let both = try await t.createTask(#"{"prompt":"What is the temperature in Rome and in Oslo?"}"#)
            let rome = try await t.createTask(#"{"prompt":"What is the temperature in Rome?"}"#)
            let oslo = try await t.createTask(#"{"prompt":"What is the temperature in Oslo?"}"#)
            try await t.drain()
            let task = try await t.task(both)
            #expect(task["status"] as? String == "complete")
            let results = try #require(task["result"] as? [[String: Any]], "\(task)")
            let alone = try await [t.task(rome)["result"], t.task(oslo)["result"]].map { $0 as? [String: Any] }
            #expect(results.map { $0["temperature"] as? Double } == alone.map { $0?["temperature"] as? Double })
            // Each says which place it is of.
            #expect(Set(results.flatMap(\.keys)) == ["location", "temperature"])
            #expect(results.map { $0["location"] as? String } == ["Rome", "Oslo"])
        }
    }

    @Test func bad_task_input_is_refused_and_stores_nothing() async throws {
        try await withPloton { t async throws in
            let long = String(repeating: "a", count: 10_001)
            let manyKeys = (0..<51).map { "\"k\($0)\":\"v\"" }.joined(separator: ",")
            let cases: [(String, HTTPStatus, String, String?)] = [
                (#"{}"#, .badRequest, "invalid_request", "prompt"),
                (#"{"prompt":"\#(long)"}"#, .unprocessableEntity, "prompt_too_long", "prompt"),
                // 5,001 flags are 5,001 characters a reader sees, but 10,002 code points, as clients count them.
                (#"{"prompt":"\#(String(repeating: "🇺🇸", count: 5_001))"}"#, .unprocessableEntity, "prompt_too_long", "prompt"),
                (#"{"prompt":"   "}"#, .unprocessableEntity, "validation_error", "prompt"),
                (#"{"prompt":5}"#, .unprocessableEntity, "validation_error", "prompt"),
                (#"{"prompt":"x","metadata":{\#(manyKeys)}}"#, .unprocessableEntity, "validation_error", "metadata"),
                (#"{"prompt":"x","metadata":"a=b"}"#, .unprocessableEntity, "validation_error", "metadata"),
                (#"{"prompt":"x","tool":"teleporter"}"#, .unprocessableEntity, "validation_error", "tool"),
                (#"{"prompt":"x","sub_agent":"nobody"}"#, .unprocessableEntity, "validation_error", "sub_agent"),
                (#"{"prompt":"x","mode":"dry"}"#, .unprocessableEntity, "validation_error", "mode"),
                (#"{"prompt":"x","webhook_url":"ftp://x"}"#, .unprocessableEntity, "validation_error", "webhook_url"),
                (#"{"prompt":"x","webhook_url":"https://GPvHy7#\";3?/\""}"#, .unprocessableEntity, "validation_error", "webhook_url"),
                (#"{"prompt":"x","user_id":""}"#, .unprocessableEntity, "validation_error", "user_id"),
                (#"{"prompt":"x","Prompt":"y"}"#, .badRequest, "invalid_request", "Prompt"),
            ]
            for (body, status, code, param) in cases {
                let response = try await t.send(.POST, "v1/tasks", key: t.testKey, json: body)
                #expect(response.status == status, "\(body.prefix(60))")
                #expect(response.errorCode == code, "\(body.prefix(60))")
                #expect(try response.error["param"] as? String == param, "\(body.prefix(60))")
            }
            let exactly = try await t.send(.POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"\#(String(long.dropFirst()))"}"#)
            #expect(exactly.status == .created, "10,000 characters are allowed")
            #expect(try await AgentTask.query(on: t.db).count() == 1)
        }
    }

    @Test func test_mode_previews_the_plan_and_stores_nothing() async throws {
        try await withPloton { t async throws in
            let response = try await t.send(.POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"\#(Self.example1)","mode":"test"}"#)
            #expect(response.status == .ok)
            let preview = try response.object
            #expect(preview["object"] as? String == "task_preview")
            #expect(preview["tools"] as? [String] == ["weather"])
            let steps = try #require(preview["steps"] as? [[String: Any]])
            #expect(steps.map { $0["capability"] as? String } == ["geocode", "current"])
            #expect(preview["result_fields"] as? [String] == ["temperature", "conditions", "humidity"])
            #expect(preview["error"] is NSNull)

            let unplannable = try await t.send(.POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"Juggle seven oranges","mode":"test"}"#)
            #expect(unplannable.status == .ok)
            #expect((try unplannable.object["error"] as? [String: Any])?["code"] as? String == "planning_failed")
            #expect(try await AgentTask.query(on: t.db).count() == 0)
            #expect(try await TaskEvent.query(on: t.db).count() == 0)
        }
    }

    @Test func an_unplannable_prompt_fails_with_a_suggestion() async throws {
        try await withPloton { t async throws in
            let id = try await t.createTask(#"{"prompt":"Juggle seven oranges while singing"}"#)
            try await t.drain()
            let task = try await t.task(id)
            #expect(task["status"] as? String == "failed")
            let error = try #require(task["error"] as? [String: Any])
            #expect(error["code"] as? String == "planning_failed")
            #expect(error["recoverable"] as? Bool == true)
            #expect((error["suggestion"] as? String)?.contains("weather") == true)
            #expect(try await t.events(for: id).map(\.type.rawValue) == ["task.failed"])
        }
    }

    @Test func tasks_are_listed_newest_first_with_filters_and_isolated_by_environment() async throws {
        try await withPloton { t async throws in
            let a = try await t.createTask(#"{"prompt":"\#(Self.example1)","user_id":"user_1"}"#)
            t.clock.advance(by: 10)
            let b = try await t.createTask(#"{"prompt":"Juggle","user_id":"user_2"}"#)
            try await t.drain()
            t.clock.advance(by: 10)
            let c = try await t.createTask(#"{"prompt":"\#(Self.example1)","user_id":"user_1"}"#)

            func ids(_ query: String) async throws -> [String] {
                let list = try await t.send(.GET, "v1/tasks\(query)", key: t.testKey).object
                #expect(list["object"] as? String == "list")
                return (list["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
            }
            #expect(try await ids("") == [c, b, a])
            #expect(try await ids("?limit=1") == [c])
            #expect(try await ids("?limit=1&offset=1") == [b])
            #expect(try await ids("?status=complete") == [a])
            #expect(try await ids("?status=pending") == [c])
            #expect(try await ids("?user_id=user_1") == [c, a])
            #expect(try await ids("?tool=weather") == [a])
            let start = ISO8601DateFormatter().string(from: t.clock.now.addingTimeInterval(-15))
            #expect(try await ids("?created_after=\(start)") == [c, b])
            #expect(try await ids("?created_before=\(start)") == [a])

            for query in ["status=done", "created_after=yesterday", "limit=500"] {
                #expect(try await t.send(.GET, "v1/tasks?\(query)", key: t.testKey).errorCode == "validation_error", "\(query)")
            }
            // The live environment sees none of the test tasks.
            #expect(try await t.send(.GET, "v1/tasks/\(a)", key: t.liveKey).status == .notFound)
            #expect((try await t.send(.GET, "v1/tasks", key: t.liveKey).object["data"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func cancelling_moves_unfinished_tasks_to_cancelled_once() async throws {
        try await withPloton { t async throws in
            let id = try await t.createTask(#"{"prompt":"\#(Self.example1)"}"#)
            let cancelled = try await t.send(.POST, "v1/tasks/\(id)/cancel", key: t.testKey)
            #expect(cancelled.status == .ok)
            #expect(try cancelled.object["status"] as? String == "cancelled")
            #expect(try cancelled.object["completed_at"] is String)
            #expect(try await t.drain() == 0, "a cancelled task is never run")

            let again = try await t.send(.POST, "v1/tasks/\(id)/cancel", key: t.testKey)
            #expect(again.status == .conflict)
            #expect(again.errorCode == "task_already_finished")

            let done = try await t.createTask(#"{"prompt":"\#(Self.example1)"}"#)
            try await t.drain()
            #expect(try await t.send(.POST, "v1/tasks/\(done)/cancel", key: t.testKey).errorCode == "task_already_finished")
            #expect(try await t.events(for: id).map(\.type.rawValue) == ["task.cancelled"])
            #expect(try await t.send(.POST, "v1/tasks/task_nope/cancel", key: t.testKey).status == .notFound)
        }
    }

    @Test func a_prompt_without_a_place_waits_for_input_and_resumes_with_it() async throws {
        try await withPloton { t async throws in
            let id = try await t.createTask(#"{"prompt":"What's the weather like right now?"}"#)
            try await t.drain()
            var task = try await t.task(id)
            #expect(task["status"] as? String == "waiting")
            let waiting = try #require(task["waiting"] as? [String: Any])
            #expect(waiting["reason"] as? String == "input_required")
            let schema = try #require(waiting["input_schema"] as? [String: Any])
            #expect(schema["required"] as? [String] == ["location"])
            #expect(waiting["expires_at"] as? String == ISO8601DateFormatter().string(from: t.clock.now.addingTimeInterval(7 * 86_400)))
            #expect(try await t.events(for: id).map(\.type.rawValue) == ["task.waiting"])

            let invalid = try await t.send(.POST, "v1/tasks/\(id)/input", key: t.testKey, json: #"{"input":{"location":7}}"#)
            #expect(invalid.status == .unprocessableEntity)
            #expect(try invalid.error["param"] as? String == "input.location")
            let missing = try await t.send(.POST, "v1/tasks/\(id)/input", key: t.testKey, json: #"{"input":{}}"#)
            #expect(missing.errorCode == "validation_error")
            let wrongKind = try await t.send(.POST, "v1/tasks/\(id)/input", key: t.testKey, json: #"{"approve":true}"#)
            #expect(wrongKind.errorCode == "invalid_request")

            let resumed = try await t.send(.POST, "v1/tasks/\(id)/input", key: t.testKey, json: #"{"input":{"location":"Paris"}}"#)
            #expect(resumed.status == .ok)
            #expect(try resumed.object["status"] as? String == "running")
            #expect(try resumed.object["waiting"] is NSNull)
            try await t.drain()
            task = try await t.task(id)
            #expect(task["status"] as? String == "complete")
            let trace = try await t.send(.GET, "v1/tasks/\(id)/trace", key: t.testKey).object
            let steps = try #require(trace["steps"] as? [[String: Any]])
            #expect((steps.first?["input"] as? [String: Any])?["name"] as? String == "Paris")

            let late = try await t.send(.POST, "v1/tasks/\(id)/input", key: t.testKey, json: #"{"input":{"location":"Rome"}}"#)
            #expect(late.errorCode == "task_already_finished")
        }
    }

    @Test func input_for_a_task_that_is_not_waiting_is_a_conflict() async throws {
        try await withPloton { t async throws in
            let id = try await t.createTask(#"{"prompt":"\#(Self.example1)"}"#)
            let response = try await t.send(.POST, "v1/tasks/\(id)/input", key: t.testKey, json: #"{"input":{"location":"Paris"}}"#)
            #expect(response.status == .conflict)
            #expect(response.errorCode == "task_not_waiting")
            let empty = try await t.send(.POST, "v1/tasks/\(id)/input", key: t.testKey, json: #"{}"#)
            #expect(empty.errorCode == "invalid_request")
        }
    }

    @Test func waiting_tasks_expire_and_old_logs_are_pruned() async throws {
        try await withPloton { t async throws in
            let waiting = try await t.createTask(#"{"prompt":"What's the weather?"}"#)
            let done = try await t.createTask(#"{"prompt":"\#(Self.example1)"}"#)
            try await t.drain()
            t.clock.advance(by: 7 * 86_400 + 1)
            await t.worker().maintain()
            let expired = try await t.task(waiting)
            #expect(expired["status"] as? String == "failed")
            #expect((expired["error"] as? [String: Any])?["code"] as? String == "waiting_expired")
            #expect(try await t.events(for: waiting).map(\.type.rawValue) == ["task.waiting", "task.failed"])
            #expect(try await TaskStep.query(on: t.db).filter(\.$task.$id == done).count() == 2)

            t.clock.advance(by: 90 * 86_400)
            await t.worker().maintain()
            #expect(try await TaskStep.query(on: t.db).filter(\.$task.$id == done).count() == 0)
            #expect(try await t.events(for: done).isEmpty)
            #expect(try await t.task(done)["status"] as? String == "complete", "the task itself is kept")
        }
    }
}

extension TasksTests {
    @Test func empty_filter_values_count_as_not_given() async throws {
        try await withPloton { t async throws in
            let id = try await t.createTask(#"{"prompt":"\#(Self.example1)"}"#)
            let list = try await t.send(.GET, "v1/tasks?status=&tool=&user_id=&created_after=&created_before=&limit=", key: t.testKey)
            #expect(list.status == .ok)
            #expect((try list.object["data"] as? [[String: Any]])?.first?["id"] as? String == id)
        }
    }
}
