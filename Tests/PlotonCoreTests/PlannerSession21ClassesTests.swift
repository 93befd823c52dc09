import Foundation
import PlotonAPI
import Testing

@testable import PlotonCore

/// Session 21's planner classes from blind rounds h37 and h38 (the lead's share).
@Suite struct PlannerSession21ClassesTests {
    /// Monday 2026-12-07, 10:30 UTC.
    static let now = Date(timeIntervalSince1970: 1_796_639_400)

    /// "Show my latest email" read every message of the newest page (`*.id`); one message is asked for.
    @Test func the_latest_email_is_one_message_read() async throws {
        for prompt in ["Show my latest email", "What's my most recent unread email?", "Get my newest email from ben@x.example"] {
            let workflow = try await EmbeddedPlanning.workflow(prompt, now: Self.now)
            let read = try #require(workflow.steps.last { $0.capability == "read_message" }, "\(prompt)")
            #expect(read.input["id"] == .reference(step: 0, path: "0.id"), "\(prompt): \(workflow.steps)")
        }
        // Several messages are still each read.
        let several = try await EmbeddedPlanning.workflow("show my 3 latest emails", now: Self.now)
        #expect(several.steps.last?.input["id"] == .reference(step: 0, path: "*.id"), "\(several.steps)")
    }

    /// h38-65: "post a summary of it" of an email posted "Snippet: …": its subject and sender sit in a list of headers.
    @Test func a_message_summarised_names_its_subject_and_sender() {
        let message: JSONValue = .object([
            "id": .string("m1"), "snippet": .string("Attached is the draft."),
            "payload": .object([
                "headers": .array([
                    .object(["name": .string("Subject"), "value": .string("Contract draft")]),
                    .object(["name": .string("From"), "value": .string("Dmitri <dmitri@volga.example>")]),
                ])
            ]),
        ])
        #expect(RecordSummary.text(message) == "Contract draft (from Dmitri <dmitri@volga.example>): Attached is the draft.")
        #expect(RecordSummary.text(.array([message])) == "- Contract draft (from Dmitri <dmitri@volga.example>): Attached is the draft.")
    }

    /// h39-39: Haystack's `ToolCall(tool_name='get_payment', arguments={'payment_id': 'pi_…'})` read the id with its quote and brace.
    @Test func a_haystack_tool_call_is_the_call_it_writes() async throws {
        let workflow = try await EmbeddedPlanning.workflow(
            "ToolCall(tool_name='get_payment', arguments={'payment_id': 'pi_9Qa7Zt'})", now: Self.now)
        #expect(workflow.steps.map(\.capability) == ["get_payment"], "\(workflow.steps)")
        #expect(workflow.steps.first?.input["id"] == .literal(.string("pi_9Qa7Zt")), "\(workflow.steps)")
    }
}
