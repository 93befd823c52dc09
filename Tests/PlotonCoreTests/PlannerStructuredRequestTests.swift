import Foundation
import PlotonCore
import Testing

/// Requests agents write as data (a JSON object, "key: value" lines) and a pinned built-in tool are
/// planned as the sentence they stand for, with inputs asked in the caller's terms (eval round h13).
@Suite struct PlannerStructuredRequestTests {
    func email(_ workflow: Workflow) -> String? {
        guard case .literal(.string(let raw))? = workflow.steps.last?.input["raw"] else { return nil }
        return Base64URLText.decoded(raw)
    }

    @Test func a_json_object_is_read_as_the_request_it_spells_out() async throws {
        let sent = try await EmbeddedPlanning.workflow(
            #"{"action": "send_email", "to": "ann@acme.example", "subject": "Standup", "body": "Standup moves to 10am"}"#)
        #expect(sent.steps.map(\.capability) == ["send_message"])
        let message = try #require(email(sent))
        #expect(message.contains("To: ann@acme.example\r\n") && message.contains("Subject: Standup\r\n"))
        #expect(message.hasSuffix("\r\n\r\nStandup moves to 10am"))
        let read = try await EmbeddedPlanning.workflow(##"{"tool": "chat", "action": "list_messages", "channel": "#design", "limit": 20}"##)
        #expect(read.steps.map(\.capability) == ["find_channel", "list_messages"])
        #expect(read.steps[0].input["name"] == .literal(.string("design")))
        #expect(read.steps[1].input["limit"] == .literal(.number(20)))
    }

    @Test func key_value_lines_without_an_action_post_or_send_what_they_carry() async throws {
        let posted = try await EmbeddedPlanning.workflow("channel: #random\nmessage: Lunch is here")
        #expect(posted.steps.map(\.capability) == ["find_channel", "post_message"], "one post, not two")
        #expect(posted.steps[1].input["text"] == .literal(.string("Lunch is here")))
        let saved = try await EmbeddedPlanning.workflow("upload a file\nname: notes.txt\ncontent: Ship on Friday")
        #expect(saved.steps.last?.input["name"] == .literal(.string("notes.txt")))
        #expect(saved.steps.last?.input["content"] == .literal(.string("Ship on Friday")))
        #expect(
            await EmbeddedPlanning.failure("Context: we ship Fridays\nTask: post 'shipped' to #eng") == nil,
            "framing labels are not request keys")
    }

    @Test func a_pinned_email_tool_asks_for_the_message_in_plain_terms() async throws {
        let request = PlanningRequest(prompt: "send an email", userID: nil, pinnedTool: "email", input: [:], catalog: .builtIn)
        guard case .needsInput(let schema, _) = try await EmbeddedPlanner().plan(request) else {
            Issue.record("expected a question"); return
        }
        let asked = Set(schema.objectValue?["properties"]?.objectValue?.keys.map { $0 } ?? [])
        #expect(asked.isSuperset(of: ["to", "body"]) && !asked.contains("raw"), "asked: \(asked)")
        let given = PlanningRequest(
            prompt: "send an email to ann@acme.example saying the build is green", userID: nil, pinnedTool: "email", input: [:],
            catalog: .builtIn)
        guard case .workflow(let workflow) = try await EmbeddedPlanner().plan(given) else { Issue.record("expected a workflow"); return }
        #expect(email(workflow)?.hasSuffix("\r\n\r\nthe build is green") == true)
    }
}
