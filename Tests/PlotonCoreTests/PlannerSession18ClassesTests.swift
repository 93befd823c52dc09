import Foundation
import PlotonAPI
import Testing

@testable import PlotonCore

/// Session 18's planner classes left open by session 17, and blind round h33's failures.
@Suite struct PlannerSession18ClassesTests {
    /// Friday 2026-12-04, 10:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_796_378_400)

    static func plan(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    static func start(_ workflow: Workflow) -> String? {
        workflow.steps.last?.input["start"].flatMap { input -> String? in
            guard case .literal(let value) = input else { return nil }
            return value.value(at: "dateTime")?.stringValue
        }
    }

    /// h33-62: "schedule call w/ raj@… tmrw 4:30pm IST" read "schedule" as the calendar's name and "call" as the verb.
    @Test func a_verb_that_names_the_calendar_keeps_the_thing_it_makes() async throws {
        let call = try await Self.plan("schedule call w/ raj@infy.example tmrw 4:30pm IST, title 'API walkthrough'")
        #expect(call.steps.map(\.capability) == ["create_event"])
        #expect(Self.start(call) == "2026-12-05T11:00:00Z")
        let message = try await Self.plan("schedule meeting tomorrow 3pm w/ leo@acme.example")
        #expect(message.steps.map(\.capability) == ["create_event"])
    }

    /// h33-59: "two things: weather in chicago and the list of open invoices" planned the weather alone.
    @Test func a_counted_list_of_things_reads_each() async throws {
        let two = try await Self.plan("ok so i need two things: weather in chicago and the list of open invoices")
        #expect(two.steps.map(\.capability) == ["geocode", "current", "list_invoices"])
        let numbered = try await Self.plan("quick qs: 1) how many open deals do we have 2) any new emails?")
        #expect(Set(numbered.steps.map(\.capability)).isSuperset(of: ["list_deals", "search_messages"]))
        // A field list is no list of things.
        let fields = try await Self.plan("what's the temperature and humidity in Oslo?")
        #expect(fields.steps.map(\.capability) == ["geocode", "current"])
    }

    /// h33-87: a contact and a deal in one sentence, the deal opened with a verb ("and open a deal", "and then a deal").
    @Test func a_contact_and_a_deal_opened_in_one_sentence_are_both_created() async throws {
        for prompt in [
            "add Ann Lee (ann@x.io) as a contact and open a deal 'X' for 5k",
            "Create contact Siobhan O'Neill (siobhan@celtic-ai.example) and then a deal 'Celtic AI pilot' for 9,900 USD",
            "Please add Tom Kay (tom@kay.example) to the CRM and open a $3,000 deal named Kay Pilot",
        ] {
            let workflow = try await Self.plan(prompt)
            #expect(workflow.steps.map(\.capability) == ["create_contact", "create_deal"], "\(prompt)")
        }
    }

    /// h32-70: "block 2 hours for 'deep work' starting in 2 hours"; "in 90 minutes" was over the limit of 48 units.
    @Test func a_start_from_now_is_a_time() async throws {
        let block = try await Self.plan("block 2 hours for 'deep work' starting in 2 hours")
        #expect(Self.start(block) == "2026-12-04T12:00:00Z")
        let minutes = try await Self.plan("book a 30 min sync in 90 minutes with leo@acme.example")
        #expect(Self.start(minutes) == "2026-12-04T11:30:00Z")
        let fromNow = try await Self.plan("Please schedule a 1h review starting 2 hours from now with pat@ourco.example")
        #expect(Self.start(fromNow) == "2026-12-04T12:00:00Z")
    }

    /// "list all channels including archived": Slack's switch, not a field named "archived".
    @Test func archived_channels_asked_for_turn_the_switch_off() async throws {
        for prompt in ["list all channels including archived", "What Slack channels do we have? Include the archived ones."] {
            let workflow = try await Self.plan(prompt)
            #expect(workflow.steps.last?.input["exclude_archived"] == .literal(.bool(false)), "\(prompt)")
            #expect(!workflow.resultFields.contains { $0.lowercased().contains("archived") }, "\(prompt)")
        }
    }

    /// h33-55: "just the last 10 messages, who wrote them …" after the channel's read sized nothing.
    @Test func a_count_naming_the_records_read_sizes_the_read() async throws {
        let workflow = try await Self.plan("What's in #random lately? just the last 10 messages, who wrote them and what they said")
        #expect(workflow.steps.last?.input["limit"] == .literal(.number(10)))
    }
}
