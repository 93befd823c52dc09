import Foundation
import PlotonCore
import Testing

/// Chains whose later part blind round h17 saw lost or garbled: "that" as the thing read, the record
/// as an update left it, where-words never sent as the message, a refused verb on a person named.
@Suite struct PlannerChainTests {
    /// What a send or post carries, decoded when it is a literal email.
    static func carried(_ step: PlannedStep) -> String {
        let value = step.input["raw"] ?? step.input["text"]
        if case .literal(.string(let raw))? = value {
            var base64 = raw.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
            return Data(base64Encoded: base64).flatMap { String(data: $0, encoding: .utf8) } ?? raw
        }
        return "\(value.map { "\($0)" } ?? "")"
    }

    @Test func that_after_a_sending_verb_is_what_was_read_not_the_message() async throws {
        let email = try await EmbeddedPlanning.workflow("Get the open deals, then email that list to vp@ourco.example")
        #expect(email.steps.map(\.capability) == ["list_deals", "send_message"])
        #expect(Self.carried(email.steps[1]).contains("{{0|summary}}"))
        let read = try await EmbeddedPlanning.workflow("Email that list of open deals to ann@x.example")
        #expect(read.steps.map(\.capability) == ["list_deals", "send_message"])
        let post = try await EmbeddedPlanning.workflow("Get the weather in Oslo and post that in #general")
        #expect(post.steps.last?.capability == "post_message")
        #expect(!Self.carried(post.steps[3]).contains("in #general"))
        // "that" opening a clause is still the message's words.
        let said = try await EmbeddedPlanning.workflow("Post in #general saying that the build is green")
        #expect(Self.carried(said.steps[1]).contains("the build is green"))
    }

    @Test func a_message_after_an_update_carries_the_record_as_updated() async throws {
        let plan = try await EmbeddedPlanning.workflow("bump the Stark Industries deal to 120k and let #sales know")
        #expect(plan.steps.map(\.capability) == ["search_deals", "find_channel", "update_deal", "post_message"])
        #expect(plan.steps[3].input["text"] == .template("{{2|summary}}"))
    }

    @Test func where_and_how_a_message_goes_is_never_its_text() async throws {
        for prompt in [
            "Mark the Umbrella - Expansion deal as closed won and then let the team know in #sales",
            "Find the Hooli deal, bump it to 80k, and let ann@x.example know by email",
            "Update contact 1003 email to maya@new.example and tell her about it",
        ] {
            let plan = try await EmbeddedPlanning.workflow(prompt)
            let text = Self.carried(try #require(plan.steps.last))
            #expect(text.contains("|summary}}"), "\(prompt): \(text)")
            for leftover in ["in #sales", "by email", "about it"] { #expect(!text.hasSuffix(leftover), "\(prompt): \(text)") }
        }
    }

    @Test func an_address_after_a_deal_update_is_whom_to_email_not_the_deal_searched() async throws {
        let prompt = "Update the Umbrella - Expansion deal to contract sent, then email ann@ourco.example"
        // Nothing said but where it goes, after an action: what to say is asked.
        let asked = try await EmbeddedPlanner().plan(
            PlanningRequest(prompt: prompt, userID: nil, pinnedTool: nil, input: [:], catalog: .builtIn))
        guard case .needsInput(let schema, _) = asked else {
            Issue.record("expected a question, got \(asked)")
            return
        }
        #expect(schema.value(at: "required") == .array([.string("body")]))
        let answered = try await EmbeddedPlanner().plan(
            PlanningRequest(
                prompt: prompt, userID: nil, pinnedTool: nil, input: ["body": .string("Moved to contract sent.")], catalog: .builtIn))
        guard case .workflow(let plan) = answered else {
            Issue.record("expected a workflow, got \(answered)")
            return
        }
        #expect(plan.steps.map(\.capability) == ["search_deals", "update_deal", "send_message"])
        #expect(plan.steps[0].input["query"] == .literal(.string("Umbrella - Expansion")))
        #expect(Self.carried(plan.steps[2]).contains("ann@ourco.example"))
    }

    @Test func a_refused_verb_at_the_end_of_a_chain_is_reported() async throws {
        let text = await EmbeddedPlanning.failure("Get the open deals and email them to ann@ourco.example, then text Bob")
        #expect(text?.contains("no tool here can text that") == true)
        let call = await EmbeddedPlanning.failure("Get the open deals and email them to ann@x.example, then call Bob")
        #expect(call?.contains("no tool here can call that") == true)
        let react = await EmbeddedPlanning.failure("Post 'deploy done' in #engineering and react with a thumbs up")
        #expect(react?.contains("no tool here can react that") == true)
    }

    @Test func a_forecast_over_days_ahead_is_refused_not_read_as_today() async throws {
        for prompt in ["Show me the 5-day forecast for Berlin", "weather forecast for the weekend in Berlin"] {
            let message = await EmbeddedPlanning.failure(prompt)
            #expect(message?.contains("reads current conditions only") == true, "\(prompt)")
        }
        _ = try await EmbeddedPlanning.workflow("Get the forecast for Denver and email it to ann@acme.example")
    }

    @Test func steps_numbered_on_one_line_are_each_a_part() async throws {
        let numbered = try await EmbeddedPlanning.workflow(
            "1. Get deals closing this month 2. Post them to #sales-leads 3. Email them to vp@cobaltridge.example")
        #expect(numbered.steps.map(\.capability) == ["list_deals", "find_channel", "post_message", "send_message"])
        let labelled = try await EmbeddedPlanning.workflow(
            "Steps: 1) list all subscriptions 2) email them to collections@ourco.example 3) post 'collections notified' to #support")
        #expect(labelled.steps.map(\.capability) == ["list_subscriptions", "find_channel", "send_message", "post_message"])
        // Numbered words that are no verbs are a file's text.
        let file = try await EmbeddedPlanning.workflow("Upload a file called agenda.txt containing: 1) intro 2) demo 3) Q&A")
        #expect(file.steps.first?.input["content"] == .literal(.string("1) intro 2) demo 3) Q&A")))
    }

    @Test func unquoted_message_words_end_where_an_action_with_its_own_target_starts() async throws {
        let upload = try await EmbeddedPlanning.workflow(
            "Upload a file called agenda.txt containing: 1) intro 2) demo 3) Q&A, and email it to team@ourco.example")
        #expect(upload.steps.map(\.capability) == ["upload_file", "send_message"])
        #expect(upload.steps[0].input["content"] == .literal(.string("1) intro 2) demo 3) Q&A")))
        let follow = try await EmbeddedPlanning.workflow(
            "Email ann@x.example saying thanks and schedule a follow-up with her next Monday at 10am")
        #expect(follow.steps.map(\.capability) == ["send_message", "create_event"])
        let refund = try await EmbeddedPlanning.workflow("Message #support: the outage is over, and refund pi_999")
        #expect(refund.steps.map(\.capability) == ["find_channel", "post_message", "create_refund"])
        #expect(refund.steps[1].input["text"] == .literal(.string("the outage is over")))
        // Without a target of its own, the words stay the message's.
        let said = try await EmbeddedPlanning.workflow("Post in #general saying we shipped it and update the docs later")
        #expect(said.steps.map(\.capability) == ["find_channel", "post_message"])
    }

    @Test func two_payments_named_in_one_refund_are_two_refunds_each_with_its_amount() async throws {
        let plan = try await EmbeddedPlanning.workflow("Refund $5 on pi_1 and $7 on pi_2")
        // Each payment is read first, for its currency (`RefundCurrency`).
        #expect(plan.steps.map(\.capability) == ["get_payment", "create_refund", "get_payment", "create_refund"])
        #expect(plan.steps.map { $0.input["id"] } == [.literal(.string("pi_1")), nil, .literal(.string("pi_2")), nil])
        #expect(
            plan.steps.map { $0.input["payment_intent"] } == [nil, .reference(step: 0, path: "id"), nil, .reference(step: 2, path: "id")])
        #expect(plan.steps.map { $0.input["amount"] } == [nil, .literal(.number(500)), nil, .literal(.number(700))])
    }

    @Test func a_stage_the_pipeline_does_not_have_is_asked_for_not_written() async throws {
        let result = try await EmbeddedPlanner().plan(
            PlanningRequest(prompt: "Move deal 2001 to the banana stage", userID: nil, pinnedTool: nil, input: [:], catalog: .builtIn))
        guard case .needsInput(let schema, _) = result else {
            Issue.record("expected a question, got \(result)")
            return
        }
        #expect(schema.value(at: "required") == .array([.string("dealstage")]))
        #expect(schema.value(at: "properties.dealstage.description")?.stringValue?.contains("closed won") == true)
        let known = try await EmbeddedPlanning.workflow("Move deal 2001 to contract sent")
        #expect(known.steps.first?.input["properties"] == .literal(.object(["dealstage": .string("contractsent")])))
    }

    @Test func every_part_of_a_chain_with_a_tool_is_planned() async throws {
        let details = try await EmbeddedPlanning.workflow(
            "Create a contact for Lea Brandt lea@brandt.example at Kestrel GmbH and email the details to sales-ops@ourco.example")
        #expect(details.steps.map(\.capability) == ["create_contact", "send_message"])
        #expect(Self.carried(details.steps[1]).contains("To: sales-ops@ourco.example"))
        let after = try await EmbeddedPlanning.workflow(
            "Check my calendar for tomorrow and post it to #general after that email it to ben@x.example")
        #expect(after.steps.map(\.capability) == ["list_events", "find_channel", "post_message", "send_message"])
        let written = try await EmbeddedPlanning.workflow("Get the open invoices and write them to Drive as ar.csv")
        #expect(written.steps.map(\.capability) == ["list_invoices", "upload_file"])
        #expect(written.steps[1].input["content"] == .template("{{0|csv}}"))
    }

    @Test func values_the_prompt_states_are_not_asked_again() async throws {
        let file = try await EmbeddedPlanning.workflow("upload todo.txt containing buy milk and post 'todo saved' to #random")
        #expect(file.steps.first { $0.capability == "upload_file" }?.input["content"] == .literal(.string("buy milk")))
        let deal = try await EmbeddedPlanning.workflow(
            "Create a contact for Omar Haddad omar@haddad.example, add a deal Haddad Trading for $5,000, and schedule an intro call "
                + "with him on Friday at 3pm")
        #expect(deal.steps.map(\.capability) == ["create_contact", "create_deal", "create_event"])
        #expect(deal.steps[1].input["properties"] == .literal(.object(["dealname": .string("Haddad Trading"), "amount": .string("5000")])))
    }

    @Test func an_event_is_titled_by_its_kind_up_to_when_it_is() async throws {
        for (prompt, title) in [
            ("Schedule a design sync tomorrow at 3pm ET with lucia@studio9.example", "Design sync"),
            ("Schedule a budget review tomorrow at 3pm with lucia@studio9.example", "Budget review"),
        ] {
            let plan = try await EmbeddedPlanning.workflow(prompt)
            #expect(plan.steps.first?.input["summary"] == .literal(.string(title)), "\(prompt)")
        }
    }

    @Test func the_file_after_an_upload_is_the_one_uploaded_and_subjects_say_what_was_done() async throws {
        let shared = try await EmbeddedPlanning.workflow(
            "Save the open deals to Drive as deals.csv and share the file with ben@ourco.example")
        #expect(shared.steps.map(\.capability) == ["list_deals", "upload_file", "send_message"])
        // What the file holds (rounds h18 and h19 at run time: its name and modified time reached the recipient).
        #expect(Self.carried(shared.steps[2]).contains("{{0|csv}}"))
        #expect(Self.carried(shared.steps[2]).contains("Subject: deals.csv"))
        let updated = try await EmbeddedPlanning.workflow("Find the Hooli deal, bump it to 80k, and let ann@x.example know by email")
        #expect(Self.carried(updated.steps[2]).contains("Subject: Deal updated"))
    }

    /// Blind round h18's two silent drops: ordering words after a sentence end inside a file's text,
    /// and a place read for the weather taken as the channel to post in.
    @Test func once_thats_done_after_labelled_text_starts_the_next_part() async throws {
        let plan = try await EmbeddedPlanning.workflow(
            "Upload a note to Google Drive named 'packing-list.md' containing: tent, stove, 2 headlamps. once that's done, post in #offsite that the packing list is on Drive"
        )
        #expect(plan.steps.map(\.capability) == ["find_channel", "upload_file", "post_message"])
        #expect(plan.steps[1].input["content"] == .literal(.string("tent, stove, 2 headlamps")))
    }

    @Test func a_place_the_weather_reads_is_not_the_channel_a_post_goes_to() async throws {
        guard case .needsInput(let schema, _) = try await PlannerAnswersTests.plan("Post the current weather in Valparaíso") else {
            Issue.record("the channel is asked for")
            return
        }
        #expect(schema.value(at: "required") == .array([.string("channel")]))
        let named = try await EmbeddedPlanning.workflow("post the weather in Paris in random")
        #expect(named.steps.map(\.capability) == ["geocode", "current", "find_channel", "post_message"])
        #expect(named.steps[2].input["name"] == .literal(.string("random")))
    }

    /// "send it" asks for an address or a channel: either answer is one the schema accepts.
    @Test func an_address_or_a_channel_asked_as_alternatives_are_each_enough() async throws {
        guard case .needsInput(let schema, _) = try await PlannerAnswersTests.plan("Get the weather in Oslo and send it") else {
            Issue.record("where it goes is asked for")
            return
        }
        #expect(schema.value(at: "required") == .array([]))
        #expect(schema.value(at: "minProperties") == .number(1))
        guard
            case .workflow(let posted) = try await PlannerAnswersTests.plan(
                "Get the weather in Oslo and send it", ["channel": .string("general")])
        else {
            Issue.record("a channel answers it")
            return
        }
        #expect(posted.steps.last?.capability == "post_message")
    }
}
