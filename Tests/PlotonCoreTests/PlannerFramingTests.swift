import Foundation
import PlotonCore
import Testing

/// Prompts as agents frame them (context, task and output labels, bullets, a quoted request), values
/// written outside the US, and channels read by id when a tool is pinned.
@Suite struct PlannerFramingTests {
    let now = Date(timeIntervalSince1970: 1_796_178_600)  // Wednesday 2026-12-02 02:30 UTC

    func plan(_ prompt: String, tool: String? = nil) async throws -> PlanningResult {
        try await EmbeddedPlanner().plan(
            PlanningRequest(prompt: prompt, userID: nil, pinnedTool: tool, input: [:], catalog: .builtIn, now: now))
    }

    func workflow(_ prompt: String, tool: String? = nil) async throws -> Workflow {
        let result = try await plan(prompt, tool: tool)
        guard case .workflow(let workflow) = result else {
            Issue.record("expected a workflow for \(prompt), got \(result)")
            throw CancellationError()
        }
        return workflow
    }

    @Test func context_is_dropped_and_task_and_output_labels_are_read() async throws {
        let labelled = try await workflow(
            "Context: I'm an assistant helping a user plan their commute. Task: get the current temperature in Lyon.\nOutput: temperature, wind speed"
        )
        #expect(labelled.steps.map(\.capability) == ["geocode", "current"], "no subscription read from 'user plan'")
        #expect(labelled.steps[0].input["name"] == .literal(.string("Lyon")))
        #expect(labelled.resultFields == ["temperature", "wind speed"])
        let quoted = try await workflow(
            "You are an ops assistant. The user owns a small agency, so keep it short. They wrote: 'can u check if the Wayne deal closed yet'"
        )
        #expect(quoted.steps.map(\.capability) == ["search_deals"])
        let steps = try await workflow("Steps:\n1. get the weather in Berlin\n2. email it to tom@ourco.example")
        #expect(steps.steps.map(\.capability) == ["geocode", "current", "send_message"])
        let bullets = try await workflow("- weather in Oslo\n- weather in Bergen")
        #expect(bullets.steps.compactMap { $0.input["name"] } == [.literal(.string("Oslo")), .literal(.string("Bergen"))])
        #expect(
            try await workflow("shoot maya@acme.example a quick note: can we move lunch?").steps.map(\.capability) == ["send_message"],
            "a lower-case 'note:' inside a request is no context label")
    }

    @Test func amounts_and_dates_written_outside_the_us() async throws {
        #expect(PromptText.amounts(in: "worth €1.200,50") == [1_200.5])
        #expect(PromptText.amounts(in: "refund €45,00 of pi_1") == [45])
        #expect(PromptText.amounts(in: "€1.200") == [1_200])
        #expect(PromptText.amounts(in: "$1,250") == [1_250])
        let iso = ISO8601DateFormatter()
        #expect(PromptText.startTime(in: "on 14/12 at 9:00", now: now).map(iso.string) == "2026-12-14T09:00:00Z")
        #expect(PromptText.startTime(in: "on 12/14 at 9:00", now: now).map(iso.string) == "2026-12-14T09:00:00Z", "month first")
        let update = try await workflow("Find the Initech deal and set its close date to 14/12/2026")
        #expect(update.steps.last?.input["properties"] == .literal(.object(["closedate": .string("2026-12-14")])))
    }

    @Test func marking_a_contact_sets_its_lifecycle_stage_and_a_dash_starts_a_part() async throws {
        let marked = try await workflow("mark contact 1003 as a customer")
        #expect(marked.steps.last?.input["properties"] == .literal(.object(["lifecyclestage": .string("customer")])))
        let phone = try await workflow("contact 1007 — update phone to +49 30 1234567")
        #expect(phone.steps.last?.capability == "update_contact")
        #expect(phone.steps.last?.input["id"] == .literal(.string("1007")))
    }

    @Test func a_refund_of_every_charge_is_a_loop_that_says_how_to_ask_instead() async throws {
        do {
            _ = try await plan("Refund every failed charge from last week")
            Issue.record("expected planning_failed")
        } catch let failure as PlanningFailure {
            #expect(failure.message.contains("loop"))
            #expect(failure.message.contains("name one record per request"))
        }
    }

    @Test func a_pinned_chat_read_finds_the_channel_id_first() async throws {
        let pinned = try await workflow("List the messages in #engineering", tool: "chat")
        #expect(pinned.steps.map(\.capability) == ["find_channel", "list_messages"])
        #expect(pinned.steps[0].input["name"] == .literal(.string("engineering")))
        #expect(pinned.steps[1].input["channel"] == .reference(step: 0, path: "0.id"))
        let labelled = try await workflow("List messages channel: #engineering")
        #expect(labelled.steps.map(\.capability) == ["find_channel", "list_messages"], "a read, not a post")
    }

    @Test func an_output_format_is_no_field_and_a_part_of_a_month_is_a_day() async throws {
        let fields = try await EmbeddedPlanner().plan(
            PlanningRequest(
                prompt: "Output: JSON with name and email of every contact at Initech", userID: nil, pinnedTool: nil, input: [:],
                catalog: .builtIn))
        guard case .workflow(let contacts) = fields else { throw CancellationError() }
        #expect(contacts.resultFields == ["name", "email"])
        let deal = try await EmbeddedPlanner().plan(
            PlanningRequest(
                prompt: "create a deal called Stark expansion for $1,200.50, closing end of April", userID: nil, pinnedTool: nil,
                input: [:],
                catalog: .builtIn, now: ISO8601DateFormatter().date(from: "2026-03-10T09:00:00Z")!))
        guard case .workflow(let created) = deal else { throw CancellationError() }
        guard case .literal(let properties)? = created.steps.first?.input["properties"] else { throw CancellationError() }
        #expect(properties.value(at: "closedate") == .string("2026-04-30"))
    }

    @Test func an_arrow_to_drive_or_a_file_name_saves_what_was_read() async throws {
        for (prompt, name) in [
            ("open deals -> drive as f.csv", "f.csv"), ("past due subs → past-due.csv", "past-due.csv"),
            ("contacts created this week -> google drive as new.csv", "new.csv"),
        ] {
            let workflow = try await EmbeddedPlanning.workflow(prompt)
            #expect(workflow.steps.count == 2, "\(prompt): \(workflow.steps.map(\.capability))")
            #expect(workflow.steps.last?.capability == "upload_file", "\(prompt) was a Drive listing")
            #expect(workflow.steps.last?.input["name"] == .literal(.string(name)))
            #expect(workflow.steps.last?.input["content"] == .template("{{0|csv}}"))
        }
    }
}
