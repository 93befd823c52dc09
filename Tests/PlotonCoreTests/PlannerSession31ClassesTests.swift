import Foundation
import PlotonCore
import Testing

/// Classes from blind rounds h81–h84 (session 31), each checked on the plan it makes.
@Suite struct PlannerSession31ClassesTests {
    static let now = ISO8601DateFormatter().date(from: "2026-12-09T13:05:00Z")!

    static func plan(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    @Test func what_the_writer_did_or_will_do_is_no_part_of_the_request() async throws {
        // "customers" in the scene was read as every customer.
        let update = try await Self.plan(
            "After the outage we promised customers an update. Email status@ourco.example with subject 'Outage' and body 'We are back.' "
                + "Then tell #support that it went out.")
        #expect(update.steps.map(\.capability) == ["find_channel", "send_message", "post_message"])
        // "the agenda" was read from the calendar.
        let file = try await Self.plan(
            "We're running a retro on Thursday. Find the 'Q3 report' file in Drive and send it to ana@ourco.example. "
                + "I'll circulate the agenda myself.")
        #expect(file.steps.map(\.capability) == ["list_files", "send_message"])
        let introduced = try await Self.plan(
            "Hi, this is Ruth from accounts. Could you give me the list of paid invoices with their numbers?")
        #expect(introduced.steps.map(\.capability) == ["list_invoices"])
        #expect(introduced.resultFields == ["numbers"])
        // A scene that names the record the request points back at stays.
        #expect(await EmbeddedPlanning.failure("We're running a retro on Thursday. Can you move it to Friday?") != nil)
    }

    @Test func records_sent_with_their_fields_are_read_first() async throws {
        // The words after the dash were mailed, and no deal read.
        let pipeline = try await Self.plan("Email the pipeline to our VP jo@ourco.example - deal name, amount and stage")
        #expect(pipeline.steps.map(\.capability) == ["list_deals", "send_message"])
        #expect(pipeline.steps.first?.keep?.first?.path == "properties.hs_is_closed")
        let named = try await Self.plan("tell #sales the Vandelay deal's amount and close date")
        #expect(named.steps.map(\.capability) == ["search_deals", "find_channel", "post_message"])
        #expect(named.steps.first?.input["query"] == .literal(.string("Vandelay")))
        let worth = try await Self.plan("what is the Acme renewal deal worth?")
        #expect(worth.resultFields == ["amount"])
        // A message after a dash stays the message.
        let said = try await Self.plan("email the invoices to bob@ourco.example - they need them today")
        #expect(said.steps.first?.keep == nil)
    }

    @Test func a_wish_put_for_someone_else_is_done_or_refused() async throws {
        let mail = try await Self.plan("The user wants you to email maria@techsur.example saying the invoice will come by Friday.")
        #expect(mail.steps.map(\.capability) == ["send_message"])
        #expect(
            await EmbeddedPlanning.failure("The user wants a payment reminder emailed to every customer who has an unpaid invoice.") != nil)
        let read = try await Self.plan("The user would like to see the last 10 messages posted in the #sales channel.")
        #expect(read.steps.map(\.capability) == ["find_channel", "list_messages"])
    }

    @Test func a_verb_written_last_or_after_whom_it_goes_to_is_the_verb() async throws {
        let weather = try await Self.plan("Weather of Lisboa to #random send, por favor")
        #expect(weather.steps.map(\.capability) == ["geocode", "current", "find_channel", "post_message"])
        #expect(try await EmbeddedPlanning.needsInput("to Maria send the meeting notes bitte").contains("to"))
    }

    @Test func a_twenty_four_hour_time_without_a_colon_is_a_time() async throws {
        #expect(await EmbeddedPlanning.failure("mail kwame@mtn.example tomorrow 0800 saying happy birthday")?.contains("later") == true)
        let block = try await Self.plan("kindly block my cal thursday 1500-1630 for budget review")
        #expect(block.steps.first?.input["start"] == .literal(.object(["dateTime": .string("2026-12-10T15:00:00Z")])))
        #expect(block.steps.first?.input["end"] == .literal(.object(["dateTime": .string("2026-12-10T16:30:00Z")])))
        let call = try await Self.plan("book a call with ana@ourco.example 14/12 from 14h to 15h30")
        #expect(call.steps.first?.input["end"] == .literal(.object(["dateTime": .string("2026-12-14T15:30:00Z")])))
        // Amounts, ids, phone numbers and dates keep their digits.
        let amount = try await Self.plan("Change the amount of deal 2001 from 1500 to 2000")
        #expect(amount.steps.last?.input["properties"] == .literal(.object(["amount": .string("2000")])))
        let phone = try await Self.plan("Create a contact for Lena Park, lena@parkdesign.example, phone 555-0142")
        guard case .literal(let properties)? = phone.steps.last?.input["properties"] else {
            Issue.record("no properties in \(phone)")
            return
        }
        #expect(properties.value(at: "phone") == .string("555-0142"))
    }

    @Test func a_change_told_about_a_record_is_made_to_it() async throws {
        let cases: [(String, String, [String: JSONValue])] = [
            ("Felix Rossi's new number is +1 646 555 0199, update him pls", "Felix Rossi", ["phone": .string("+1 646 555 0199")]),
            ("Ben Okafor has new mobile +44 7700 900123, kindly update", "Ben Okafor", ["phone": .string("+44 7700 900123")]),
            (
                "Relay from the sales-ops agent: Chloe Chen (Wayne Enterprises) has a new email, chloe.chen@wayne.example. Update her contact.",
                "Chloe Chen", ["email": .string("chloe.chen@wayne.example")]
            ),
            (
                "Kira Okafor moved over to Stark Industries - change her company in the CRM", "Kira Okafor",
                ["company": .string("Stark Industries")]
            ),
        ]
        for (prompt, person, properties) in cases {
            let plan = try await Self.plan(prompt)
            #expect(plan.steps.map(\.capability) == ["search_contacts", "update_contact"], "\(prompt)")
            #expect(plan.steps.first?.input["query"] == .literal(.string(person)), "\(prompt)")
            #expect(plan.steps.last?.input["properties"] == .literal(.object(properties)), "\(prompt)")
        }
        let deals: [(String, String, [String: JSONValue])] = [
            ("acme renewal deal moved to contract sent, update pls", "acme renewal", ["dealstage": .string("contractsent")]),
            (
                "We lost Acme Corp - Platform to a competitor. mark it closed lost", "Acme Corp - Platform",
                ["dealstage": .string("closedlost")]
            ),
            (
                "Sales-ops agent: update the Stark Industries deal's close date to 2027-02-15.", "Stark Industries",
                ["closedate": .string("2027-02-15")]
            ),
            ("push hooli renewal close date to 20/01/2027", "hooli renewal", ["closedate": .string("2027-01-20")]),
        ]
        for (prompt, deal, properties) in deals {
            let plan = try await Self.plan(prompt)
            #expect(plan.steps.map(\.capability) == ["search_deals", "update_deal"], "\(prompt)")
            // (HubSpot's search ignores case: "hooli renewal" may be looked up as "Hooli renewal".)
            let query = plan.steps.first.map { "\($0.input["query"].map { "\($0)" } ?? "")".lowercased() } ?? ""
            #expect(query == "\(JSONInput.literal(.string(deal)))".lowercased(), "\(prompt)")
            #expect(plan.steps.last?.input["properties"] == .literal(.object(properties)), "\(prompt)")
        }
        let byID = try await Self.plan("deal 2003 -> closed won")
        #expect(byID.steps.last?.input["id"] == .literal(.string("2003")))
    }

    @Test func what_kind_of_message_it_is_asks_nothing() async throws {
        let plan = try await Self.plan(
            "Sales ops request - create contact: Marco Bellini, marco@bellini.example, Bellini Design. Then log a deal 'Bellini - Starter' at 6,000 USD."
        )
        #expect(plan.steps.map(\.capability) == ["create_contact", "create_deal"])
        // A customer's own words before a restated goal are no request of the kind "X request from Y:".
        let restated = try await Self.plan(
            "Original message from the customer: 'hi, I was charged twice, can I get the 20 euros back?'\n"
                + "Restated goal: refund EUR 20 on payment pi_3Kc1VbNm73.")
        #expect(restated.steps.map(\.capability) == ["get_payment", "create_refund"])
    }

    @Test func whose_record_an_action_takes_is_the_person_named() async throws {
        // Each refunded the newest invoice of anyone.
        let typed = try await Self.plan("refund ben chen last invoice")
        #expect(typed.steps.map(\.capability) == ["list_customers", "latest_invoice", "create_refund"])
        let rang = try await Self.plan("Diego Rossi rang - overcharged $25 on his last invoice. Could you refund that?")
        #expect(rang.steps.first?.keep?.first?.value == .string("Diego Rossi"))
        let sameSentence = try await Self.plan("Ben Chen was overcharged, refund $40 of his latest paid invoice")
        #expect(sameSentence.steps.first?.keep?.first?.value == .string("Ben Chen"))
        let framed = try await Self.plan(
            "Billing agent task.\nContext: Ben Chen was overcharged on his last bill.\nAction: refund $40 of his latest paid invoice.")
        #expect(framed.steps.map(\.capability) == ["list_customers", "latest_invoice", "create_refund"])
        // A role is nobody's owner.
        let role = try await Self.plan(
            "Role: Customer Success Agent\nGoal: Find the CRM contact jonas@kestrel.example and report their company.")
        #expect(role.steps.first?.input["query"] == .literal(.string("jonas@kestrel.example")))
        // A part of an amount not said is asked for, never refunded in full.
        #expect(try await EmbeddedPlanning.needsInput("Refund part of Ava Garcia's last invoice") == ["amount"])
    }

    @Test func a_person_named_before_with_him_is_found_and_invited() async throws {
        let call = try await Self.plan(
            "Liam Dubois is our champion at Stark. Put a call with him on my calendar Tuesday 9:30am, 30 mins, titled Stark check-in.")
        #expect(call.steps.map(\.capability) == ["search_contacts", "create_event"])
        #expect(call.steps.first?.input["query"] == .literal(.string("Liam Dubois")))
        let named = try await Self.plan("Book 30 min with Ben Garcia Thursday at 2pm")
        #expect(named.steps.first?.input["summary"] == .literal(.string("Meeting with Ben Garcia")))
    }

    @Test func values_people_write_their_own_way_are_read() async throws {
        let grand = try await Self.plan("Log a new deal: Brightpath Annual, 15 grand, stage qualified to buy")
        let rupees = try await Self.plan("new deal Tata Motors - Fleet for ₹2,50,000")
        guard case .literal(let thousands)? = grand.steps.last?.input["properties"],
            case .literal(let lakhs)? = rupees.steps.last?.input["properties"]
        else {
            Issue.record("no properties in \(grand) or \(rupees)")
            return
        }
        #expect(thousands.value(at: "amount") == .string("15000"))
        #expect(lakhs.value(at: "amount") == .string("250000") && lakhs.value(at: "deal_currency_code") == .string("INR"))
        let contact = try await Self.plan("Add Priya Natarajan, priya@lumenlabs.example, Lumen Labs to HubSpot")
        guard case .literal(let properties)? = contact.steps.last?.input["properties"] else {
            Issue.record("no properties in \(contact)")
            return
        }
        #expect(properties.value(at: "company") == .string("Lumen Labs"))
    }

    @Test func every_order_opening_a_line_is_carried_out_or_refused() async throws {
        let tasks = try await Self.plan(
            "Win notice from the end user: Globex signed.\nTasks:\n1. Move the Globex Platform deal to closed won in the CRM.\n2. Tell #sales."
        )
        #expect(tasks.steps.map(\.capability).contains("update_deal"))
        let heading = try await Self.plan("### Post to Slack\n- channel: #random\n- text: \"Coffee machine serviced 2-4pm\"")
        #expect(heading.steps.last?.input["text"] == .literal(.string("Coffee machine serviced 2-4pm")))
        let dashed = try await Self.plan("Vandelay just paid their first invoice - move the Vandelay Platform deal to closed won")
        #expect(dashed.steps.map(\.capability) == ["search_deals", "update_deal"])
        let owed = try await Self.plan("Email ann@ourco.example the total we're owed, subject 'AR total'")
        #expect(owed.steps.map(\.capability) == ["list_invoices", "send_message"])
        #expect(
            try await EmbeddedPlanning.needsInput(
                "Send-email request from the assistant: tell the landlord the keys were returned. The user didn't give me the landlord's address."
            ).contains("to"))
    }

    @Test func an_agents_schedule_rule_or_send_time_given_as_a_label_is_refused() async throws {
        let repeated = await EmbeddedPlanning.failure(
            "Recurring task setup\nschedule: every Monday at 9am\naction: post the number of open deals to #sales")
        #expect(repeated?.contains("repeats an action") == true)
        let forbidden = await EmbeddedPlanning.failure(
            "Post \"Deploy finished\" to #engineering.\nConstraints:\n- Do not post anything to Slack.")
        #expect(forbidden?.contains("forbids") == true)
        let later = await EmbeddedPlanning.failure(
            "### Scheduled announcement\nTo: team@ourco.example\nWhen: tomorrow at 8am\nMessage: The release is live.\nPlease send it at that time."
        )
        #expect(later?.contains("later") == true)
        let brief = try await Self.plan(
            "Morning-brief agent request:\n- read: tomorrow's calendar events\n- deliver: by email to the user at ceo@ourco.example")
        #expect(brief.steps.map(\.capability) == ["list_events", "send_message"])
    }

    @Test func a_question_word_after_what_it_asks_about_is_the_question() async throws {
        let zone = try await Self.plan("Almaty which time zone is")
        #expect(zone.steps.map(\.capability) == ["geocode"])
        #expect(zone.resultFields == ["time zone"])
        let company = try await Self.plan("who is noah dubois, which company he is working")
        #expect(company.steps.map(\.capability) == ["search_contacts"])
        #expect(company.resultFields == ["company"])
        let stage = try await Self.plan("vandelay pilot deal which stage?")
        #expect(stage.steps.first?.input["query"] == .literal(.string("Vandelay Pilot")))
    }
}
