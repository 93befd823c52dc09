import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// A task's failure is one typed value (`TaskFailure`) from where it arises to its edges: the API's
/// `error`, the `task.failed` event's `data` and the webhook body show the same JSON, every key
/// present (`null` when absent), with the code as its raw string.
@Suite struct TaskFailureWireTests {
    @Test func a_failure_encodes_as_the_wire_error_it_is_shown_as() throws {
        let failures = [
            TaskFailure(code: .waitingExpired, message: "The task waited too long.", recoverable: true),
            TaskFailure(
                ToolFailure(code: .rateLimited, message: "Slow down / later.", retryable: true, recoverable: true, suggestion: "Wait."),
                tool: "crm"),
            TaskFailure(PlanningFailure(code: .plannerUnavailable, message: "No model.", suggestion: "Retry."), suggestion: "Retry later."),
        ]
        for failure in failures {
            let wire = TaskObject.Failure(failure)
            #expect(wire.code == failure.code.rawValue)
            #expect(try PlotonJSON.encoder().encode(failure) == PlotonJSON.encoder().encode(wire), "the event's data")
            let stored = try JSONEncoder().encode(wire)
            #expect(try JSONDecoder().decode(TaskFailure.self, from: stored) == failure, "as earlier versions stored it")
        }
        let absent = try #require(JSONValue.parse(String(decoding: try PlotonJSON.encoder().encode(failures[0]), as: UTF8.self)))
        #expect(absent.objectValue?.keys.sorted() == ["code", "message", "recoverable", "suggestion", "tool"])
        #expect(absent.value(at: "tool") == .null)
    }

    @Test func the_task_its_event_and_its_webhook_body_carry_the_same_error() async throws {
        try await WebhooksTests().withReceiver { t, receiver in
            try await WebhooksTests().endpoint(t, receiver.url("failed"), events: ["task.failed"])
            let id = try await t.createTask(#"{"prompt":"Juggle seven oranges while singing"}"#)
            try await t.drain()
            try await WebhooksTests().dispatch(t)

            let task = try #require(JSONValue.parse(try await t.send(.GET, "v1/tasks/\(id)", key: t.testKey).body.string))
            let error = try #require(task.value(at: "error"))
            #expect(error.value(at: "code") == .string("planning_failed"))
            #expect(error.value(at: "tool") == .null, "a key without a value is present as null")

            let event = try #require(try await t.events(for: id).first)
            #expect(event.type == .taskFailed)
            #expect(event.dataJSON.text == error.jsonText, "the event stores the API's error, byte for byte")
            let listed = try #require(
                JSONValue.parse(try await t.send(.GET, "v1/events/\(try event.requireID())", key: t.testKey).body.string))
            #expect(listed.value(at: "data") == error)

            let delivery = try #require(receiver.deliveries("failed").first)
            #expect(delivery.body.contains(#""data":\#(error.jsonText)"#), "the webhook body embeds the same bytes: \(delivery.body)")
        }
    }
}
