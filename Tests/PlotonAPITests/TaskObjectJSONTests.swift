import Foundation
import PlotonAPI
import Testing

/// A task's body is written without `JSONEncoder` (`TaskObject.jsonBytes`) and must stay the
/// encoder's bytes: clients and tests compare it as text.
@Suite struct TaskObjectJSONTests {
    private func encoded(_ task: TaskObject) throws -> String {
        String(decoding: try PlotonJSON.encoder().encode(task), as: UTF8.self)
    }

    /// What a response carries: the writer's bytes, or the encoder's when it leaves the task to it.
    private func written(_ task: TaskObject) throws -> String {
        guard let bytes = task.jsonBytes else { return try encoded(task) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func task(
        completedAt: Date? = nil, error: TaskObject.Failure? = nil, waiting: TaskObject.Waiting? = nil, metadata: [String: JSONValue] = [:],
        result: JSONValue? = nil, text: String = "What is the weather in Paris?", tools: [String] = ["weather"], optional: Bool = true
    ) -> TaskObject {
        TaskObject(
            id: "task_abc", status: .complete, prompt: text, userID: optional ? "u/1 \(text)" : nil, tool: optional ? "weather" : nil,
            tools: tools, subAgent: optional ? "helper" : nil, metadata: metadata, result: result, error: error, waiting: waiting,
            livemode: optional, createdAt: Date(timeIntervalSince1970: 1_764_791_009.25),
            updatedAt: Date(timeIntervalSince1970: 1_764_791_010.75),
            completedAt: completedAt)
    }

    @Test func every_shape_of_a_task_is_written_as_the_encoder_writes_it() throws {
        let texts = ["", "a/b\"c\\d\n\t\r\u{08}\u{0C}\u{01}\u{1F}\u{7F}é😀\u{2028}", "plain"]
        let failures: [TaskObject.Failure?] = [
            nil, .init(code: "tool_failed", message: "It \"broke\"\n", tool: "weather", recoverable: true, suggestion: "Try again"),
            .init(code: "x", message: ""),
        ]
        let waitings: [TaskObject.Waiting?] = [
            nil,
            .init(
                reason: "auth_required", service: "gmail", authURL: "https://x.test/a?b=c",
                inputSchema: .object(["type": .string("object")]),
                scopes: ["a", "b/c"], message: "Connect \"Gmail\"", expiresAt: Date(timeIntervalSince1970: 1_764_791_100.9999)),
            .init(
                reason: "input_required", service: nil, authURL: nil, inputSchema: nil, scopes: [], message: nil, expiresAt: .distantFuture),
            .init(
                reason: "approval_required", service: nil, authURL: nil, inputSchema: .null, scopes: [], message: "ok",
                expiresAt: Date(timeIntervalSince1970: 0)),
        ]
        let dates: [Date?] = [
            nil, Date(timeIntervalSince1970: 1_764_791_009), Date(timeIntervalSince1970: 1_764_791_009.0004),
            Date(timeIntervalSince1970: 1_764_791_009.9996), Date(timeIntervalSince1970: 1_764_791_009.5),
            Date(timeIntervalSince1970: -1.5),
            Date(timeIntervalSince1970: 253_402_300_800.5),
        ]
        let metadata: [[String: JSONValue]] = [[:], ["order": .number(7), "b": .string("x"), "A": .array([.null, .bool(true)])]]
        let results: [JSONValue?] = [nil, .null, .object(["temperature": .number(18.5), "conditions": .string("Clear")]), .array([])]
        var count = 0
        for text in texts {
            for failure in failures {
                for waiting in waitings {
                    for (index, date) in dates.enumerated() {
                        let value = task(
                            completedAt: date, error: failure, waiting: waiting, metadata: metadata[index % 2], result: results[index % 4],
                            text: text, tools: index % 3 == 0 ? [] : ["weather", "gmail"], optional: index % 2 == 0)
                        #expect(try written(value) == encoded(value))
                        count += 1
                    }
                }
            }
        }
        #expect(count == 252)
        let ordinary = task(completedAt: Date(timeIntervalSince1970: 1_764_791_011.123), result: .object(["a": .number(1)]))
        #expect(ordinary.jsonBytes != nil)  // an ordinary task is written, not left to the encoder
    }

    @Test func a_number_json_cannot_carry_is_refused_as_the_encoder_refuses_it() {
        let value = task(result: .object(["x": .number(.nan)]))
        #expect(value.jsonBytes == nil)
        #expect(throws: (any Error).self) { try PlotonJSON.encoder().encode(value) }
    }
}
