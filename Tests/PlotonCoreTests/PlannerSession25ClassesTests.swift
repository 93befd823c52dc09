import Foundation
import PlotonCore
import Testing

/// Classes from blind rounds h55 to h57 (session 25), each checked on the plan it makes.
@Suite struct PlannerSession25ClassesTests {
    /// The template of the workflow's email, which relays what a step read.
    static func raw(_ workflow: Workflow) -> String {
        guard case .template(let raw)? = workflow.steps.last(where: { $0.capability == "send_message" })?.input["raw"] else { return "" }
        return raw
    }

    @Test func a_polite_request_a_plan_of_reads_misses_fails_naming_it() async throws {
        let failure = try #require(
            await EmbeddedPlanning.failure("Thinking out loud, could you please update the Acme deal amount to 5000"))
        #expect(failure.contains("no step of the plan does \"could you please update the Acme deal amount to 5000\""))
        // An act no tool does, opening a label's text, is refused rather than read ("IT cleanup: delete …" listed the files).
        let deleted = try #require(await EmbeddedPlanning.failure("IT cleanup: delete the file old-backup-2025.zip from Drive."))
        #expect(deleted.contains("\"delete the file old-backup-2025.zip from Drive\""))
        // A total asked for politely is a read ("add up" is no record added).
        let total = try await EmbeddedPlanning.workflow("could you please add up the open invoices?")
        #expect(total.aggregate?.op == .sum)
        // Planned, it passes the guard.
        let planned = try await EmbeddedPlanning.workflow(
            "Sorry to bother you - could you please change the Pied Piper deal amount to 72000?")
        #expect(planned.steps.map(\.capability) == ["search_deals", "update_deal"])
    }

    @Test func a_role_with_its_address_searches_the_address_and_sends_nothing() async throws {
        let asked = try await EmbeddedPlanning.workflow("any emails from my accountant? she's ruth@taxwise.example")
        #expect(!asked.steps.contains { $0.capability == "send_message" })
        #expect(asked.steps.first?.input["q"] == .literal(.string("from:ruth@taxwise.example")))
        let relayed = try await EmbeddedPlanning.workflow(
            "email me at sam.k@fastmail.example the subject of the latest email from the landlord (greg.hollis@lettings.example)")
        #expect(relayed.steps.first?.input["q"] == .literal(.string("from:greg.hollis@lettings.example")))
        #expect(Self.raw(relayed).contains("To: sam.k@fastmail.example\r\n"))
    }

    @Test func whom_a_read_email_came_from_is_never_its_recipient() async throws {
        #expect(try await EmbeddedPlanning.needsInput("Email me the subject of my latest email from kwame@adinkra.example") == ["to"])
        let sent = try await EmbeddedPlanning.workflow(
            "Email me the subject of my latest email from kwame@adinkra.example — send it to me at j.ortega@home.example.")
        #expect(sent.steps.filter { $0.capability == "send_message" }.count == 1)
        #expect(Self.raw(sent).contains("To: j.ortega@home.example\r\n"))
    }

    @Test func an_arrow_in_a_message_is_kept() async throws {
        let posted = try await EmbeddedPlanning.workflow(
            "Post this to #general exactly as written:\nOffice closed Friday.\nQuestions → facilities@")
        #expect(posted.steps.last?.input["text"] == .literal(.string("Office closed Friday.\nQuestions → facilities@")))
    }

    @Test func quoted_ticket_lines_over_a_question_of_its_own_are_context() async throws {
        let workflow = try await EmbeddedPlanning.workflow(
            "From ticket #7741:\n> Caller: Priya Raman, says she's a customer, wants a callback.\nwhat's Priya Raman's phone number in the CRM?"
        )
        #expect(workflow.steps.map(\.capability) == ["search_contacts"])
    }

    @Test func casual_times_are_read_and_quoted_text_keeps_them_as_written() async throws {
        let now = Date(timeIntervalSince1970: 1_765_103_400)  // Sunday 2025-12-07 10:30 UTC
        let booked = try await EmbeddedPlanning.workflow("add dentist to my calendar on friday at half 4 for 30 mins", now: now)
        let start = try #require(booked.steps.first?.input["start"]?.resolved(outputs: [:])?.value(at: "dateTime")?.stringValue)
        #expect(start.hasSuffix("T16:30:00Z"))
        let posted = try await EmbeddedPlanning.workflow(#"post in #ops: "maintenance at half 4, back by 5ish""#)
        #expect(posted.steps.last?.input["text"] == .literal(.string("maintenance at half 4, back by 5ish")))
    }

    @Test func a_corrected_time_with_a_new_length_changes_both() async throws {
        let now = Date(timeIntervalSince1970: 1_765_103_400)
        let workflow = try await EmbeddedPlanning.workflow(
            "User: Book 'Design review' tomorrow at 2pm UTC for 30 minutes.\nAssistant: Shall I create it?\nUser: Actually make it 4pm, and an hour long.",
            now: now)
        let event = try #require(workflow.steps.first)
        #expect(event.input["start"]?.resolved(outputs: [:])?.value(at: "dateTime")?.stringValue == "2025-12-08T16:00:00Z")
        #expect(event.input["end"]?.resolved(outputs: [:])?.value(at: "dateTime")?.stringValue == "2025-12-08T17:00:00Z")
    }

    @Test func a_channel_word_in_a_quoted_subject_posts_nowhere() async throws {
        let workflow = try await EmbeddedPlanning.workflow(
            "What's the topic of #partnerships? Email it to alex.kim@example.com with the subject 'Partnerships channel topic'.")
        #expect(workflow.steps.map(\.capability) == ["find_channel", "send_message"])
        #expect(Self.raw(workflow).contains("\r\n\r\nTopic: {{0.0.topic.value}}{{/base64url}}"))
    }
}
