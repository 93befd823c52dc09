import Foundation
import PlotonCore
import Testing

/// Look-up-then-act, loops that must fail loudly, and destinations no step uses.
@Suite struct PlannerLookupTests {
    @Test func an_update_takes_the_id_of_the_deal_found_or_searches_for_the_deal_named() async throws {
        let found = try await EmbeddedPlanning.workflow("Find the Wayne Enterprises deal and move it to the contractsent stage")
        #expect(found.steps.map(\.capability) == ["search_deals", "update_deal"])
        #expect(found.steps[1].input["id"] == .reference(step: 0, path: "0.id"))
        #expect(found.steps[1].input["properties"] == .literal(.object(["dealstage": .string("contractsent")])))
        let named = try await EmbeddedPlanning.workflow("Move the Acme deal to closed won")
        #expect(named.steps.map(\.capability) == ["search_deals", "update_deal"])
        #expect(named.steps[0].input["query"] == .literal(.string("Acme")))
    }

    @Test func an_event_with_him_invites_the_person_the_earlier_step_found() async throws {
        let plan = try await EmbeddedPlanning.workflow(
            "find Hiro Nakamura's email in the crm and set up a 30 min call with him tomorrow at 10am called Intro call")
        #expect(plan.steps.map(\.capability) == ["search_contacts", "create_event"])
        guard case .template(let attendees)? = plan.steps[1].input["attendees"] else {
            Issue.record("no attendees from the contact found: \(plan.steps[1].input)")
            return
        }
        let found: JSONValue = .array([.object(["properties": .object(["email": .string("hiro@\"globex.example")])])])
        #expect(ComposedText.value(attendees, outputs: [0: found]) == .array([.object(["email": .string("hiro@\"globex.example")])]))
    }

    @Test func a_read_nothing_uses_is_dropped_when_redundant_made_the_result_or_fails_naming_the_action() async throws {
        let redundant = try await EmbeddedPlanning.workflow("Look up contact 1001 and update their company to Acme Corp")
        #expect(redundant.steps.map(\.capability) == ["update_contact"])
        let result = try await EmbeddedPlanning.workflow(#"get weather for seattle, then schedule a 1 hour "Team hike" tomorrow at 9am"#)
        #expect(result.steps.map(\.capability) == ["geocode", "current", "create_event"])
        #expect(result.resultStep == 1)
        let counted = try await EmbeddedPlanning.workflow("check my unread gmail and tell #general how many there are")
        #expect(counted.steps.last?.input["text"] == .template("Messages: {{0|count}}"))
        let unwired = await EmbeddedPlanning.failure("find Hiro Nakamura in the crm and create a deal called Hiro renewal for him worth 5k")
        #expect(unwired?.contains(#"crm.search_contacts looks up does not reach the action that needs it ("create a deal"#) == true)
    }

    @Test func a_message_to_her_goes_to_the_address_the_earlier_step_found() async throws {
        let plan = try await EmbeddedPlanning.workflow(
            #"Look up Chloe Okafor's email in HubSpot and send her an email saying "Your quote is ready""#)
        #expect(plan.steps.map(\.capability) == ["search_contacts", "send_message"])
        guard case .template(let raw)? = plan.steps[1].input["raw"] else {
            Issue.record("the address is composed at run time")
            return
        }
        let outputs: [Int: JSONValue] = [0: .array([.object(["properties": .object(["email": .string("chloe@acme.example")])])])]
        let message = Base64URLText.decoded(ComposedText.render(raw, outputs: outputs))
        #expect(message?.hasPrefix("To: chloe@acme.example\r\n") == true)
    }

    @Test func a_lookup_that_feeds_a_later_step_is_filtered_by_whom_the_prompt_names_never_the_first_record() async throws {
        let named = try await EmbeddedPlanning.workflow("What did Ben Chen pay on his latest invoice?")
        #expect(named.steps.map(\.capability) == ["list_customers", "latest_invoice"])
        #expect(named.steps[0].keep == [OutputCondition(path: "name", op: .equals, value: .string("Ben Chen"))])
        #expect(named.steps[1].input["customer"] == .reference(step: 0, path: "0.id"))
        // The invoice number posted is the one found, not a new read of every customer's invoices.
        let posted = try await EmbeddedPlanning.workflow("Look up Diego Rossi's latest invoice and post the invoice number in #support")
        #expect(posted.steps.map(\.capability) == ["list_customers", "latest_invoice", "find_channel", "post_message"])
        // "her" after an unfiltered list is nobody in particular: the address is asked for.
        let result = try await EmbeddedPlanner().plan(
            PlanningRequest(
                prompt: "list my hubspot contacts and send her an email saying hi", userID: nil, pinnedTool: nil, input: [:],
                catalog: .builtIn))
        guard case .needsInput(let schema, _) = result else {
            Issue.record("expected input_required, got \(result)")
            return
        }
        #expect(schema.value(at: "required") == .array([.string("to")]))
    }

    @Test func message_text_keeps_its_final_punctuation_and_gets_a_neutral_subject_when_none_is_stated() async throws {
        let note = try await EmbeddedPlanning.workflow("shoot maya.silva@acme.example a quick note: can we move lunch to friday?")
        guard case .literal(.string(let raw))? = note.steps.first?.input["raw"], let message = Base64URLText.decoded(raw) else {
            Issue.record("expected a composed message")
            return
        }
        #expect(message.contains("Subject: A quick note\r\n"))
        #expect(message.hasSuffix("\r\n\r\ncan we move lunch to friday?"))
        let post = try await EmbeddedPlanning.workflow("Post 'Welcome Isla!' in random")
        #expect(post.steps.last?.input["text"] == .literal(.string("Welcome Isla!")))
    }

    @Test func deal_stages_written_in_words_are_the_stage_ids_and_none_is_invented() async throws {
        let update = try await EmbeddedPlanning.workflow("Set the Hooli - Pilot deal to contract sent")
        #expect(update.steps.map(\.capability) == ["search_deals", "update_deal"])
        #expect(update.steps[1].input["properties"] == .literal(.object(["dealstage": .string("contractsent")])))
        let created = try await EmbeddedPlanning.workflow("create a deal 'Globex - Expansion 2' for $12,500, stage qualified to buy")
        guard case .literal(let properties)? = created.steps.first?.input["properties"] else { return }
        #expect(properties.value(at: "dealstage") == .string("qualifiedtobuy"))
        let unstaged = try await EmbeddedPlanning.workflow("new hubspot deal: Umbrella renewal, 8k, closes 2027-01-31")
        guard case .literal(let stated)? = unstaged.steps.first?.input["properties"] else { return }
        #expect(stated.value(at: "dealstage") == nil)
    }

    @Test func a_channels_messages_are_read_by_id_and_a_service_word_before_the_verb_is_a_label() async throws {
        let messages = try await EmbeddedPlanning.workflow("grab the newest message in #engineering and save it as eng-latest.txt on drive")
        #expect(messages.steps.map(\.capability) == ["find_channel", "list_messages", "upload_file"])
        #expect(messages.steps[1].input["channel"] == .reference(step: 0, path: "0.id"))
        let refund = try await EmbeddedPlanning.workflow("stripe refund pi_3OqWbC2eZvKYlo2C1x9YzT4k for 12.5 dollars")
        #expect(refund.steps.last?.input["amount"] == .literal(.number(1250)))
        let event = try await EmbeddedPlanning.workflow("Do I have a design review scheduled?")
        #expect(event.steps.first?.input["q"] == .literal(.string("design review")))
    }

    @Test func an_action_on_each_record_found_fails_naming_the_part_instead_of_acting_once() async {
        let add = await EmbeddedPlanning.failure("list my stripe customers and add them to hubspot as contacts")
        #expect(add?.contains("add them to hubspot") == true)
        let each = await EmbeddedPlanning.failure("get my hubspot contacts and email each of them a welcome note")
        #expect(each?.contains("email each of them") == true)
        // Sending the list itself is one message.
        let list = try? await EmbeddedPlanning.workflow("Get the open deals and email them to ann@acme.example")
        #expect(list?.steps.map(\.capability) == ["list_deals", "send_message"])
    }

    @Test func a_channel_or_address_no_step_uses_fails_the_plan() async throws {
        let both = try await EmbeddedPlanning.workflow(#"Email ben@initech.example and ann@acme.example: "Meeting moved to 3pm""#)
        guard case .literal(.string(let raw))? = both.steps.first?.input["raw"] else {
            Issue.record("one message")
            return
        }
        #expect(Base64URLText.decoded(raw)?.hasPrefix("To: ben@initech.example, ann@acme.example\r\n") == true)
        let posted = try await EmbeddedPlanning.workflow("list the files in my google drive and slack the list to #random")
        #expect(posted.steps.map(\.capability) == ["list_files", "find_channel", "post_message"])
    }
}

/// Test-side decoding of a base64url message, so the assertions read the text a provider receives.
enum Base64URLText {
    static func decoded(_ string: String) -> String? {
        let base64 = string.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            .padding(toLength: (string.count + 3) / 4 * 4, withPad: "=", startingAt: 0)
        return Data(base64Encoded: base64).flatMap { String(data: $0, encoding: .utf8) }
    }
}

extension PlannerLookupTests {
    @Test func a_refund_named_by_its_invoice_refunds_the_payment_of_that_invoice() async throws {
        let plan = try await EmbeddedPlanning.workflow("refund $20 of ann@acme.example's latest invoice")
        #expect(plan.steps.map(\.capability) == ["list_customers", "latest_invoice", "create_refund"])
        #expect(plan.steps[0].input["email"] == .literal(.string("ann@acme.example")))
        #expect(plan.steps[2].input["payment_intent"] == .reference(step: 1, path: "payment_intent"))
        #expect(plan.steps[2].input["amount"] == .literal(.number(2000)))
    }

    @Test func a_customer_named_without_an_address_is_found_by_name() async throws {
        let plan = try await EmbeddedPlanning.workflow("what's Emma Silva's subscription")
        #expect(plan.steps.map(\.capability) == ["list_customers", "list_subscriptions"])
        #expect(plan.steps[0].keep == [OutputCondition(path: "name", op: .equals, value: .string("Emma Silva"))])
        #expect(plan.steps[1].input["customer"] == .reference(step: 0, path: "0.id"))
    }
}

extension PlannerLookupTests {
    @Test func a_read_keeps_the_record_it_names_and_the_dates_it_means() async throws {
        let one = try await EmbeddedPlanning.workflow("what's the status of deal 2003")
        #expect(one.steps.first?.keep == [OutputCondition(path: "id", op: .equals, value: .string("2003"))])
        let closing = try await EmbeddedPlanning.workflow("which deals close this month")
        #expect(closing.steps.first?.keep?.map(\.path) == ["properties.closedate", "properties.closedate"])
    }
}
