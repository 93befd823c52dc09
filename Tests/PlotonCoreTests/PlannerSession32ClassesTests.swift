import Foundation
import PlotonAPI
import PlotonCore
import Testing

/// Classes from blind rounds h86–h89 (session 32), each checked on the plan it makes.
@Suite struct PlannerSession32ClassesTests {
    static let now = ISO8601DateFormatter().date(from: "2026-12-14T09:30:00Z")!

    static func plan(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    @Test func a_fenced_json_block_under_a_heading_is_the_request_s_values() async throws {
        let event = try await Self.plan(
            """
            ## Action: create calendar event
            ```json
            {"title": "Supplier sync - Fabrikam", "date": "2026-12-16", "start_time": "10:00", "duration_min": 30,
             "guests": ["ines.moreau@fabrikam.example"]}
            ```
            Times are UTC.
            """)
        #expect(event.steps.map(\.capability) == ["create_event"])
        let input = event.steps[0].input
        #expect(input["summary"] == .literal(.string("Supplier sync - Fabrikam")))
        #expect(input["start"] == .literal(.object(["dateTime": .string("2026-12-16T10:00:00Z")])))
        // The unit is in the key: 30 minutes, not the default length.
        #expect(input["end"] == .literal(.object(["dateTime": .string("2026-12-16T10:30:00Z")])))
        let lead = try await Self.plan(
            """
            ## New lead
            ```json
            {"first": "Ingrid", "last": "Solberg", "mail": "ingrid.solberg@nordvik.example", "org": "Nordvik AS"}
            ```
            Add this person to the CRM as a contact.
            """)
        #expect(lead.steps.map(\.capability) == ["create_contact"])
        #expect(
            lead.steps[0].input["properties"]
                == .literal(
                    .object([
                        "firstname": .string("Ingrid"), "lastname": .string("Solberg"), "email": .string("ingrid.solberg@nordvik.example"),
                        "company": .string("Nordvik AS"),
                    ])))
    }

    @Test func a_section_heading_and_a_table_of_values_are_labels() async throws {
        let weather = try await Self.plan(
            "## Task\nGet the current conditions where the user is flying.\n\n**Inputs**\n- location: Porto, Portugal\n\n"
                + "**Expected output**\nTemperature and wind speed only.")
        #expect(weather.steps.map(\.capability) == ["geocode", "current"])
        #expect(weather.steps[0].input["name"] == .literal(.string("Porto")))
        let contact = try await Self.plan(
            "# Contact lookup\n\n**Objective:** get details for a call the user is about to make.\n\n**Inputs**\n| key | value |\n"
                + "|---|---|\n| person | Noah Dubois |\n| system | HubSpot |\n\n**Expected output:** his phone number and company.")
        #expect(contact.steps.map(\.capability) == ["search_contacts"])
        #expect(contact.steps[0].input["query"] == .literal(.string("Noah Dubois")))
        #expect(contact.resultFields == ["phone number", "company"])
        // "attendees: none" invites nobody.
        let hold = try await Self.plan(
            "**Calendar hold**\n- title: Quarterly planning\n- day: Friday\n- time: 14:00 to 15:30\n- attendees: none\n"
                + "Put it in the user's calendar.")
        #expect(hold.steps.map(\.capability) == ["create_event"])
        #expect(hold.steps[0].input["attendees"] == nil)
        #expect(hold.steps[0].input["summary"] == .literal(.string("Quarterly planning")))
    }

    @Test func a_field_and_its_new_value_applied_are_an_update() async throws {
        let field = try await Self.plan(
            "Contact update (from the DataQualityAgent):\n- contact: Ava Garcia\n- field: job title\n- new value: Head of Procurement\n"
                + "Apply it in HubSpot.")
        #expect(field.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(field.steps[0].input["query"] == .literal(.string("Ava Garcia")))
        let record = try await Self.plan(
            "### CRM write\nRecord: contact 1002\nChanges:\n  company: Initech Labs\n  phone: +1 415 555 0142\n"
                + "Reason: the contact changed teams. Apply both changes in one update.")
        #expect(record.steps.map(\.capability) == ["update_contact"])
        #expect(
            record.steps[0].input["properties"]
                == .literal(.object(["company": .string("Initech Labs"), "phone": .string("+1 415 555 0142")])))
        let metric = try await Self.plan(
            "Metrics agent request\n- metric: new CRM contacts\n- period: this month\n- output: a single count")
        #expect(metric.steps.map(\.capability) == ["list_contacts"])
        #expect(metric.aggregate?.op == .count)
    }

    @Test func what_the_thing_sent_is_or_who_wants_it_after_a_dash_is_no_message() async throws {
        // Each posted or uploaded the words after the dash, and nothing was read.
        let weather = try await Self.plan(
            "Post the current weather in Oslo to #general - most of the team is walking to the offsite this afternoon")
        #expect(weather.steps.map(\.capability) == ["geocode", "current", "find_channel", "post_message"])
        let file = try await Self.plan("Send the details of file 1ooF9eKQDmEw2n4 to #ops - that's the vendor list finance asked about.")
        #expect(file.steps.map(\.capability) == ["read_file", "find_channel", "post_message"])
        let export = try await Self.plan(
            "Export Ava Garcia's invoices to Drive as ava-garcia-invoices.csv - her accountant is asking for the full history.")
        #expect(export.steps.map(\.capability) == ["list_customers", "list_invoices", "upload_file"])
        // Said to a channel without a message yet, the words after the dash are the message.
        let said = try await Self.plan("tell #sales - that's the last call for the offsite")
        #expect(said.steps.last?.input["text"] == .literal(.string("that's the last call for the offsite")))
    }

    @Test func a_new_value_in_a_person_s_own_words_updates_their_record() async throws {
        let update = try await Self.plan(
            "Ben Chen wrote: 'Just so you know, my new email is ben.chen@vandelay-industries.example from Monday.' Update him in the CRM.")
        #expect(update.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(
            update.steps[1].input["properties"] == .literal(.object(["email": .string("ben.chen@vandelay-industries.example")])))
    }

    @Test func a_new_value_said_of_a_person_then_asked_as_a_question_updates_them() async throws {
        // "no step of the plan does "can you update his contact"".
        let update = try await Self.plan("Isla Nakamura's new phone number is +44 20 7946 0958, can you update her contact?")
        #expect(update.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(update.steps[1].input["properties"] == .literal(.object(["phone": .string("+44 20 7946 0958")])))
    }

    @Test func a_prohibition_after_a_quoted_message_contradicts_the_post() async throws {
        #expect(
            await EmbeddedPlanning.failure(
                "Post the maintenance notice in #eng: 'The database will be read-only from 22:00 UTC.' Do not post anything in Slack "
                    + "until the CTO signs off.") != nil)
    }

    @Test func a_prohibition_under_a_markdown_heading_contradicts_the_task() async throws {
        #expect(
            await EmbeddedPlanning.failure(
                "## Task\nBook 'Budget review' on Wednesday at 3pm UTC for 45 minutes.\n\n**Constraints**\n"
                    + "- Do NOT add anything to the user's calendar.") != nil)
    }

    @Test func records_sent_are_the_ones_asked_whatever_the_reason_says() async throws {
        // "win-back" kept the won deals, "VP of CS" looked up a customer "CS" and "plan" read the subscriptions.
        let lost = try await Self.plan(
            "Email our Head of CS at maria.lopez@ourco.example all the closed lost deals so she can plan win-back calls.")
        #expect(lost.steps.map(\.capability) == ["list_deals", "send_message"])
        #expect(lost.steps[0].keep == [OutputCondition(path: "properties.dealstage", op: .equals, value: .string("closedlost"))])
        // A count sizes the read; every message read is sent, not the newest one.
        let recent = try await Self.plan(
            "1. Read the 10 most recent messages in #support.\n2. Email them to lead@ourco.example with subject \"Support digest\".")
        #expect(recent.steps.map(\.capability) == ["find_channel", "list_messages", "send_message"])
        #expect(recent.steps[1].keep == nil)
        #expect(recent.steps[1].input["limit"] == .literal(.number(10)))
    }

    @Test func an_arrow_to_a_stage_moves_the_deal_named_before_it() async throws {
        let moved = try await Self.plan("hooli expansion deal -> contract sent 🚀")
        #expect(moved.steps.map(\.capability) == ["search_deals", "update_deal"])
        #expect(moved.steps[1].input["properties"] == .literal(.object(["dealstage": .string("contractsent")])))
        let bare = try await Self.plan("Stark Expansion -> closed won")
        #expect(bare.steps.map(\.capability) == ["search_deals", "update_deal"])
    }

    @Test func channels_told_the_same_thing_get_the_words_after_them() async throws {
        let told = try await Self.plan("tell #eng and #ops the deploy is paused until 3pm")
        let posts = told.steps.filter { $0.capability == "post_message" }
        #expect(posts.count == 2)
        #expect(posts.allSatisfy { $0.input["text"] == .literal(.string("the deploy is paused until 3pm")) })
    }

    @Test func the_top_n_records_are_ranked_after_every_one_is_read() async throws {
        // A `limit` took the first five the provider returned, before the open ones were kept, and never ranked them.
        let top = try await Self.plan("Top 3 open deals by amount - name, amount, stage")
        #expect(top.steps.map(\.capability) == ["list_deals"])
        #expect(top.steps[0].input["limit"] == nil)
        #expect(
            top.steps[0].keep == [
                OutputCondition(path: "properties.hs_is_closed", op: .equals, value: .string("false")),
                OutputCondition(path: "properties.amount", op: .highest, value: .number(3)),
            ])
        #expect(top.aggregate == nil)
        let deals: JSONValue = .array(
            [("a", 10, "false"), ("b", 50, "true"), ("c", 30, "false"), ("d", 30, "false"), ("e", 20, "false")].map {
                name, amount, closed in
                .object([
                    "name": .string(name), "properties": .object(["amount": .number(Double(amount)), "hs_is_closed": .string(closed)]),
                ])
            })
        let kept = OutputCondition.filter(deals, top.steps[0].keep ?? [])
        // Best first; equal amounts keep the provider's order.
        #expect(kept.arrayValue?.compactMap { $0.value(at: "name")?.stringValue } == ["c", "d", "e"])
        // Without a count, the one.
        let one = OutputCondition.filter(deals, [OutputCondition(path: "properties.amount", op: .lowest, value: .null)])
        #expect(one.arrayValue?.compactMap { $0.value(at: "name")?.stringValue } == ["a"])
    }

    @Test func a_message_after_an_action_says_what_was_done() async throws {
        let total = try await Self.plan("What's the total of Ben Chen's paid invoices? Post it in #finance")
        #expect(total.steps.last?.input["text"] == .template("Total amount paid of invoices ({{1|count}}): {{1|total_cents:amount_paid}}"))
        let done = try await Self.plan("refund pi_3OqN8vLkdIwHu7ix in full and let #billing know it's done")
        guard case .template(let report)? = done.steps.last?.input["text"] else {
            Issue.record("no report posted")
            return
        }
        #expect(report.hasPrefix("Done: Refunded {{"))
        let said = try await Self.plan("email raj@ourco.example re: Q1 forecast - say numbers come tomorrow morning. thx")
        let message = try EmbeddedPlanning.sentMessage(said)
        #expect(message.contains("Subject: Q1 forecast"))
        #expect(message.hasSuffix("\r\n\r\nnumbers come tomorrow morning"))
    }

    @Test func an_invoice_named_by_its_number_is_the_one_refunded() async throws {
        // "INV-1031" was looked up as a customer's name.
        for prompt in ["Customer says INV-1031 was charged twice. Refund INV-1031 in full.", "Refund $15 of INV-1031's payment"] {
            let refund = try await Self.plan(prompt)
            #expect(refund.steps.map(\.capability) == ["list_invoices", "create_refund"], "\(prompt)")
            #expect(refund.steps[0].keep == [OutputCondition(path: "number", op: .equals, value: .string("INV-1031"))], "\(prompt)")
            #expect(refund.steps[1].input["payment_intent"] == .reference(step: 0, path: "0.payment_intent"), "\(prompt)")
        }
        // A message's own words keep the number as written.
        let said = try await Self.plan(
            "email ben@initech.example with subject \"Invoice question\" and say: Could you resend INV-1042 with the PO number on it?")
        #expect(try EmbeddedPlanning.sentMessage(said).hasSuffix("Could you resend INV-1042 with the PO number on it?"))
    }

    @Test func a_scene_before_the_request_names_whom_its_pronouns_mean() async throws {
        // "no tool here can needs that"; "… paid that".
        let invoice = try await Self.plan(
            "Ava Garcia can't find her last invoice and needs it for her auditors this week. Look up her latest invoice and email the "
                + "number and amount due to ava.garcia@example.com.")
        #expect(invoice.steps.map(\.capability) == ["list_customers", "latest_invoice", "send_message"])
        #expect(invoice.steps[0].keep == [OutputCondition(path: "name", op: .equals, value: .string("Ava Garcia"))])
        let marked = try await Self.plan("Noah Dubois at Globex signed and paid this morning - mark him as a customer in the CRM.")
        #expect(marked.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(marked.steps[0].input["query"] == .literal(.string("Noah Dubois")))
    }

    @Test func what_the_person_did_after_a_value_is_no_part_of_it() async throws {
        // The company was saved as "Hooli, he moved over in November".
        let update = try await Self.plan("change Noah Dubois's company to Hooli, he moved over in November")
        #expect(update.steps.last?.input["properties"] == .literal(.object(["company": .string("Hooli")])))
        // A file saved and then "tell #finance when it's done" says which file (it posted "unpaid.csv: when it's done").
        let saved = try await Self.plan("Save the open invoices to Drive as unpaid.csv and tell #finance when it's done")
        #expect(saved.steps.last?.input["text"] == .literal(.string("Done: Saved unpaid.csv to Drive.")))
        // "the sales channel" before a sentence: the sentence is posted (the Drive was listed for "shared drive").
        let told = try await Self.plan("Tell the marketing channel the new brand guide is up on the shared drive")
        #expect(told.steps.map(\.capability) == ["find_channel", "post_message"])
        #expect(told.steps.last?.input["text"] == .literal(.string("the new brand guide is up on the shared drive")))
    }

    @Test func a_customer_named_in_a_question_or_a_lead_in_narrows_the_read() async throws {
        // Each read every customer's records.
        let had = try await Self.plan("what invoices has Ava Garcia had from us?")
        #expect(had.steps.map(\.capability) == ["list_customers", "list_invoices"])
        #expect(had.steps[0].keep == [OutputCondition(path: "name", op: .equals, value: .string("Ava Garcia"))])
        let call = try await Self.plan("I'm on a call with Ben Chen in 10 min - what plan is he on and when does it renew?")
        #expect(call.steps.map(\.capability) == ["list_customers", "list_subscriptions"])
        #expect(call.steps[0].keep == [OutputCondition(path: "name", op: .equals, value: .string("Ben Chen"))])
    }

    @Test func an_address_is_never_spell_corrected() async throws {
        // "cloud-team@…" was mailed as "cloudy-team@…".
        let forwarded = try await Self.plan("forward my latest email to cloud-team@northwind.example")
        guard case .template(let raw)? = forwarded.steps.last?.input["raw"] else {
            Issue.record("no message composed")
            return
        }
        #expect(raw.contains("To: cloud-team@northwind.example\r\n"))
    }

    @Test func a_threshold_to_wait_for_is_refused_not_acted_on_now() async throws {
        // The post went out at once, whatever the temperature.
        #expect(
            await EmbeddedPlanning.failure("Keep an eye on the temperature in Helsinki and ping #facilities when it drops below -20") != nil
        )
        let told = try await Self.plan("post in #ops: when it rains we close early")
        #expect(told.steps.map(\.capability) == ["find_channel", "post_message"])
    }

    @Test func highest_and_lowest_conditions_take_no_value() throws {
        let condition = try JSONDecoder().decode(
            OutputCondition.self, from: Data(#"{"path": "amount", "op": "highest"}"#.utf8))
        #expect(condition == OutputCondition(path: "amount", op: .highest, value: .null))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(OutputCondition.self, from: Data(#"{"op": "highest"}"#.utf8))
        }
    }
}
