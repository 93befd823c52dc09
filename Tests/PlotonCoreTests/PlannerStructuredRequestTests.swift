import Foundation
import PlotonCore
import Testing

/// Requests agents write as data (a JSON object, "key: value" lines) are planned as the sentence they
/// stand for (eval round h13).
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

    @Test func the_values_an_action_takes_written_as_keys_fill_its_parameters() async throws {
        let deal = try await EmbeddedPlanning.workflow(
            #"{"action": "create_deal", "dealname": "Birchwood Renewal", "amount": 9000, "stage": "closedwon"}"#)
        #expect(
            deal.steps.first?.input["properties"]
                == .literal(
                    .object([
                        "dealname": .string("Birchwood Renewal"), "amount": .string("9000"), "dealstage": .string("closedwon"),
                    ])))
        let refund = try await EmbeddedPlanning.workflow(#"{"action": "refund", "payment_intent": "pi_123", "amount": 15}"#)
        #expect(refund.steps.first?.input["id"] == .literal(.string("pi_123")))
        #expect(refund.steps.last?.input["amount"] == .literal(.number(1500)))
        let meeting = try await EmbeddedPlanning.workflow(
            #"{"action": "schedule_meeting", "title": "Sync", "start": "2026-12-05T10:00:00Z", "attendees": ["a@b.example"]}"#)
        #expect(meeting.steps.first?.input["summary"] == .literal(.string("Sync")))
        #expect(meeting.steps.first?.input["start"] == .literal(.object(["dateTime": .string("2026-12-05T10:00:00Z")])))
    }
}
