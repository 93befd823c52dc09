import Foundation
import PlotonAPI
import Testing
import VaporTesting

@testable import PlotonServer

/// A search of the inbox answers with message ids alone; a task that shows messages reads each one it found
/// (a step run once per id) and returns what a person reads an inbox by.
@Suite struct MessageReadsTests {
    @Test func unread_emails_come_back_as_messages_not_ids() async throws {
        try await withPloton { t async throws in
            let task = try await t.runPrompt("show me my unread emails")
            #expect(task["status"] as? String == "complete", "\(task)")
            let messages = try #require(task["result"] as? [[String: Any]], "\(task)")
            #expect(messages.count == 3, "the sandbox inbox has three unread messages")
            for message in messages {
                #expect(Set(message.keys) == ["subject", "sender", "date", "snippet", "id"], "\(message)")
                #expect(message.values.allSatisfy { !($0 is NSNull) }, "\(message)")
                #expect((message["sender"] as? String)?.contains("@") == true, "\(message)")
            }
            let trace = try await t.send(.GET, "v1/tasks/\(try #require(task["id"] as? String))/trace", key: t.testKey).object
            let steps = try #require(trace["steps"] as? [[String: Any]])
            #expect(steps.map { $0["capability"] as? String } == ["search_messages", "read_message"])
            let ids = try #require((steps[1]["input"] as? [String: Any])?["id"] as? [String], "the read lists the ids it read")
            #expect(ids == messages.compactMap { $0["id"] as? String })
        }
    }

    @Test func the_fields_asked_of_each_message_are_its_headers() async throws {
        try await withPloton { t async throws in
            let task = try await t.runPrompt("give me the sender and subject of my unread emails")
            let messages = try #require(task["result"] as? [[String: Any]], "\(task)")
            #expect(messages.count == 3)
            #expect(messages.allSatisfy { Set($0.keys) == ["sender", "subject"] && $0.values.allSatisfy { $0 is String } }, "\(messages)")
        }
    }

    @Test func a_search_that_finds_nothing_reads_nothing() async throws {
        try await withPloton { t async throws in
            let task = try await t.runPrompt("any emails from nobody@nowhere.example?")
            #expect(task["status"] as? String == "complete", "\(task)")
            #expect((task["result"] as? [Any])?.isEmpty == true, "\(task)")
        }
    }

    @Test func a_read_runs_once_per_item_and_a_step_that_acts_never_does() async throws {
        try await withPloton { t async throws in
            let items = JSONValue.array([.object(["name": .string("a")]), .object(["name": .string("b")])])
            let tool = t.useScriptedTool([
                PlannedStep(tool: "vault", capability: "read", input: [:]),
                PlannedStep(tool: "vault", capability: "read", input: ["name": .reference(step: 0, path: "*.name")]),
                PlannedStep(tool: "vault", capability: "log", input: ["name": .reference(step: 0, path: "*.name")]),
            ])
            tool.script("read", { _ in .completed(items) }, { _ in .completed(.number(1)) }, { _ in .completed(.number(2)) })
            let id = try await t.createTask(#"{"prompt":"read the vault, each entry, and log each"}"#)
            try await t.drain()
            let task = try await t.task(id)
            #expect(task["status"] as? String == "failed")
            #expect((task["error"] as? [String: Any])?["code"] as? String == "invalid_workflow", "\(task)")
            #expect(tool.requests.filter { $0.capability == "read" }.map { $0.input["name"] } == [nil, .string("a"), .string("b")])
            #expect(tool.count("log") == 0)
            let trace = try await t.send(.GET, "v1/tasks/\(id)/trace", key: t.testKey).object
            let steps = try #require(trace["steps"] as? [[String: Any]])
            #expect(steps.count >= 2 && (steps[1]["output"] as? [Int]) == [1, 2], "\(steps)")
        }
    }
}
