import Foundation
import PlotonCore
import Testing

@Suite struct PlannerTests {
    func plan(_ prompt: String, input: [String: JSONValue] = [:], tool: String? = nil) async throws -> PlanningResult {
        try await EmbeddedPlanner().plan(PlanningRequest(prompt: prompt, userID: nil, pinnedTool: tool, input: input, catalog: .builtIn))
    }

    @Test func documented_example_1_plans_geocode_then_current_with_the_requested_fields() async throws {
        let result = try await plan("Look up the current weather in San Francisco and return temperature, conditions, and humidity")
        guard case .workflow(let workflow) = result else { Issue.record("expected a workflow"); return }
        #expect(workflow.steps.map(\.capability) == ["geocode", "current"])
        #expect(workflow.steps[0].input["name"] == .literal(.string("San Francisco")))
        #expect(workflow.steps[1].input["latitude"] == .reference(step: 0, path: "latitude"))
        #expect(workflow.resultFields == ["temperature", "conditions", "humidity"])
    }

    @Test(arguments: [
        ("What's the weather in Paris?", "Paris"),
        ("Get me the forecast for New York, please", "New York"),
        ("How humid is it in Tokyo right now and what's the temperature", "Tokyo"),
        ("weather at London today", "London"),
        ("Is it raining in San Francisco? Include humidity", "San Francisco"),
    ])
    func paraphrases_find_the_place(prompt: String, place: String) async throws {
        guard case .workflow(let workflow) = try await plan(prompt) else { Issue.record("expected a workflow"); return }
        #expect(workflow.steps.first?.input["name"] == .literal(.string(place)))
    }

    @Test func a_missing_place_asks_for_input_and_the_answer_completes_the_plan() async throws {
        guard case .needsInput(let schema, _) = try await plan("What's the weather like?") else {
            Issue.record("expected needsInput"); return
        }
        #expect(schema.value(at: "required.0") == .string("location"))
        guard case .workflow(let workflow) = try await plan("What's the weather like?", input: ["location": .string("Oslo")]) else {
            Issue.record("expected a workflow")
            return
        }
        #expect(workflow.steps.first?.input["name"] == .literal(.string("Oslo")))
    }

    @Test func an_unknown_intent_fails_with_a_suggestion_naming_the_tools() async throws {
        await #expect {
            _ = try await plan("Order a pizza")
        } throws: { error in
            (error as? PlanningFailure)?.suggestion.contains("weather") == true
        }
        guard case .workflow = try await plan("Outlook in Oslo for me", tool: "weather") else {
            Issue.record("a pinned tool plans"); return
        }
    }

    @Test func planning_failed_names_what_was_understood_and_how_to_rephrase() async throws {
        await #expect {
            _ = try await plan("Book a table for user_42 tonight and send the $40 deposit receipt to ann@example.com, return time, place")
        } throws: { error in
            guard let failure = error as? PlanningFailure else { return false }
            return failure.code == .planningFailed
                && failure.message.contains("Understood: end user user_42; email ann@example.com; amount $40; the fields time, place")
                && failure.suggestion.contains("pin a tool with `tool`") && failure.suggestion.contains("crm")
        }
        await #expect {
            _ = try await plan("Do the thing in HubSpot", tool: nil)
        } throws: { error in
            (error as? PlanningFailure)?.message.contains("which crm action") == true
        }
    }

    @Test func a_contact_named_without_an_email_asks_for_the_email_and_the_answer_creates_it() async throws {
        guard case .needsInput(let schema, _) = try await plan("Create a contact for Jamie Fox") else {
            Issue.record("expected needsInput"); return
        }
        #expect(schema.value(at: "properties")?.objectValue?.keys.sorted() == ["email"])
        let answered = try await plan("Create a contact for Jamie Fox", input: ["email": .string("jamie@fox.example")])
        guard case .workflow(let workflow) = answered else { Issue.record("expected a workflow"); return }
        #expect(workflow.steps.map(\.capability) == ["create_contact"])
        #expect(
            workflow.steps.first?.input["properties"]
                == .literal(.object(["firstname": .string("Jamie"), "lastname": .string("Fox"), "email": .string("jamie@fox.example")])))
    }

    @Test func a_new_value_said_as_is_now_drops_the_now() async throws {
        guard case .workflow(let workflow) = try await plan("update contact 1003 - her company is now Hooli") else {
            Issue.record("expected a workflow"); return
        }
        #expect(workflow.steps.first?.input["properties"] == .literal(.object(["company": .string("Hooli")])))
    }

    @Test func a_count_in_a_part_of_its_own_sizes_the_read_before_it() async throws {
        guard case .workflow(let workflow) = try await plan("What's been said in #support lately? last 10 messages") else {
            Issue.record("expected a workflow"); return
        }
        #expect(workflow.steps.map(\.capability) == ["find_channel", "list_messages"])
        #expect(workflow.steps.last?.input["limit"] == .literal(.number(10)))
    }

    @Test func a_meeting_kind_with_no_one_named_titles_the_event() async throws {
        guard case .workflow(let workflow) = try await plan("set up a team standup on Friday at 9am PT, 15 min") else {
            Issue.record("expected a workflow"); return
        }
        #expect(workflow.steps.first?.input["summary"] == .literal(.string("Team standup")))
    }

    @Test func subject_and_body_lines_of_their_own_write_the_message_of_the_line_before() async throws {
        let prompt = "Task: Send a follow-up email to kira@hooli.com.\nSubject: Proposal next steps\nBody: Thanks for the call today."
        guard case .workflow(let workflow) = try await plan(prompt),
            case .literal(.string(let raw))? = workflow.steps.last?.input["raw"], let message = Base64URLText.decoded(raw)
        else { Issue.record("expected an email"); return }
        #expect(message.contains("Subject: Proposal next steps\r\n"))
        #expect(message.hasSuffix("\r\n\r\nThanks for the call today."))
    }

    @Test func a_named_service_is_matched_by_name_category_or_brand() async throws {
        guard case .workflow(let files) = try await plan("List the files in my Google Drive") else { Issue.record("files"); return }
        #expect(files.steps.map { "\($0.tool).\($0.capability)" } == ["storage.list_files"])
        guard case .workflow(let events) = try await plan("Show upcoming events on the calendar") else { Issue.record("calendar"); return }
        #expect(events.steps.first?.tool == "calendar")
        guard case .needsInput(let schema, _) = try await plan("Send an email with Gmail") else { Issue.record("email"); return }
        #expect(schema.value(at: "required")?.arrayValue?.isEmpty == false)
    }

    @Test func parameters_are_taken_from_emails_amounts_quotes_channels_and_dates_in_the_prompt() throws {
        let tool = ToolDescriptor(
            name: "payouts", description: "Payouts", categories: ["payouts"],
            capabilities: [
                CapabilityDescriptor(
                    name: "send_payout", description: "Send a payout",
                    parameters: [
                        "to": .init(type: .string, required: true), "amount": .init(type: .integer, required: true),
                        "subject": .init(type: .string), "channel": .init(type: .string), "start_date": .init(type: .string),
                    ])
            ])
        let now = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28
        let request = PlanningRequest(
            prompt: #"Send a payout of $1,250.50 to ann@example.com with subject "May invoice", tell #finance, starting tomorrow"#,
            userID: nil, pinnedTool: "payouts", input: [:], catalog: ToolCatalog(tools: [tool]), now: now)
        guard case .workflow(let workflow) = try CapabilityMatcher.plan(request, tool: tool) else {
            Issue.record("expected a workflow")
            return
        }
        let input = try #require(workflow.steps.first?.input)
        #expect(input["to"] == .literal(.string("ann@example.com")))
        #expect(input["amount"] == .literal(.number(125_050)), "integer amounts are in the smallest unit")
        #expect(input["subject"] == .literal(.string("May invoice")))
        #expect(input["channel"] == .literal(.string("finance")))
        #expect(input["start_date"] == .literal(.string("2026-05-29T00:00:00Z")))
    }

    @Test func requested_fields_are_read_from_return_clauses() {
        #expect(
            PromptText.requestedFields(in: "… Return deal name, amount, stage, and expected close date.")
                == ["deal name", "amount", "stage", "expected close date"])
        #expect(PromptText.requestedFields(in: "weather in Oslo") == [])
        #expect(PromptText.requestedFields(in: "List subscriptions with plan name, amount") == ["plan name", "amount"])
        #expect(PromptText.requestedFields(in: "Post to chat with a smile") == [])
        #expect(PromptText.location(in: "San Francisco weather now") == "San Francisco")
    }

    @Test func results_are_shaped_by_name_and_synonym() {
        let output = JSONValue.object([
            "temperature": .number(12), "conditions": .string("Fog"), "humidity": .number(90), "wind_speed": .number(3),
        ])
        #expect(
            ResultShaper.shape(output, fields: ["temp", "weather", "relative humidity"])
                == .object(["temp": .number(12), "weather": .string("Fog"), "relative_humidity": .number(90)]))
        #expect(ResultShaper.shape(.array([output]), fields: ["humidity"]) == .array([.object(["humidity": .number(90)])]))
        #expect(ResultShaper.shape(output, fields: []) == output)
        #expect(ResultShaper.key(for: "Expected close date") == "expected_close_date")
    }

    @Test func the_sandbox_is_deterministic_and_validates_input() async throws {
        let sandbox = WeatherSandbox(now: { Date(timeIntervalSince1970: 1_780_000_000) })
        func run(_ capability: String, _ input: [String: JSONValue]) async throws -> StepOutcome {
            try await sandbox.execute(
                StepRequest(
                    taskID: "t", accountID: "a", userID: nil, stepIndex: 0, tool: "weather", capability: capability, input: input,
                    mode: .sandbox,
                    idempotencyKey: "k"))
        }
        let first = try await run("current", ["latitude": .number(37.77), "longitude": .number(-122.42)])
        let second = try await run("current", ["latitude": .number(37.77), "longitude": .number(-122.42)])
        #expect(first == second)
        guard case .completed(let place) = try await run("geocode", ["name": .string("san francisco")]) else { Issue.record(); return }
        #expect(place.value(at: "latitude") == .number(37.77493))
        await #expect(throws: ToolFailure.self) { _ = try await run("current", ["latitude": .string("north")]) }
    }
}
