import Foundation
import PlotonAPI
import PlotonCore
import Testing

/// Classes from blind rounds h93–h98 (session 33), each checked on the plan it makes.
@Suite struct PlannerSession33ClassesTests {
    static let now = ISO8601DateFormatter().date(from: "2027-01-05T09:10:00Z")!

    static func plan(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    @Test func a_customer_s_words_quoted_before_the_order_are_what_happened() async throws {
        // The quote's "can you bump us to Enterprise?" read the subscriptions, and the refused upgrade was dropped.
        #expect(
            await EmbeddedPlanning.failure(
                "Ben Chen: \"we need 10 more seats, can you bump us to Enterprise?\" Upgrade his subscription to Enterprise.")?
                .contains("upgrade") == true)
        // The quote was searched in the CRM and the company update dropped.
        let moved = try await Self.plan(
            "Isla Silva emailed: \"Heads up, I've moved from Globex to Hooli, same role.\" Change her company to Hooli in the CRM.")
        #expect(moved.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(moved.steps[0].input["query"] == .literal(.string("Isla Silva")))
        #expect(moved.steps[1].input["properties"] == .literal(.object(["company": .string("Hooli")])))
        // "Email her back": to the address the lead-in gives (the subscriptions were read instead).
        let answered = try await Self.plan(
            "Chloe Chen (chloe.chen@globex.example) asked: \"Do you support SAML SSO on the Team plan?\" Email her back saying SAML "
                + "SSO is available on the Business and Enterprise plans, not on Team.")
        #expect(answered.steps.map(\.capability) == ["send_message"])
        let message = try EmbeddedPlanning.sentMessage(answered)
        #expect(message.hasPrefix("To: chloe.chen@globex.example\r\n"))
        // The message's own "not on Team" stays.
        #expect(message.hasSuffix("SAML SSO is available on the Business and Enterprise plans, not on Team."))
    }

    @Test func the_speaker_is_named_once_and_by_name_alone() async throws {
        // Run time: "Customer Chloe Okafor" and "Ben Chen Ben Chen" were looked up and not found.
        let refund = try await Self.plan(
            "Customer Chloe Okafor: \"I got charged for a seat we removed in December.\" Refund $49 of her latest paid invoice.")
        #expect(refund.steps[0].keep == [OutputCondition(path: "name", op: .equals, value: .string("Chloe Okafor"))])
        let mailed = try await Self.plan(
            "Ben Chen: \"What am I paying per month right now?\" Email him his active subscription's plan and amount at ben.chen@example.com."
        )
        #expect(mailed.steps[0].keep == [OutputCondition(path: "name", op: .equals, value: .string("Ben Chen"))])
        // Run time: the event had no attendee; "him" after the look-up is the contact it finds.
        let booked = try await Self.plan(
            "Liam Haddad (Wayne Enterprises) asked for an admin training: \"Friday morning works, 9-10am Eastern?\". Look up his email "
                + "in the CRM and book a training session with him on Friday from 9am to 10am ET.")
        #expect(booked.steps.map(\.capability) == ["search_contacts", "create_event"])
        #expect(booked.steps[1].input["attendees"] != nil)
    }

    @Test func a_file_reported_uploaded_says_which() async throws {
        // Run time: the deals were posted.
        let posted = try await Self.plan("export open deals to drive as pipeline.csv, then tell #sales its uploaded")
        #expect(posted.steps.last?.input["text"] == .literal(.string("Done: Saved pipeline.csv to Drive.")))
    }

    @Test func a_quote_the_order_points_at_or_takes_values_from_stays() async throws {
        // "Post it to Slack": the quote is the message.
        let posted = try await Self.plan(
            "Customer feedback from Ana Ruiz: \"Love the new dashboard, but CSV exports are painfully slow.\" Post it to #product.")
        #expect(posted.steps.last?.input["text"] == .literal(.string("Love the new dashboard, but CSV exports are painfully slow.")))
        // The contact's name, address and company come from the quote.
        let added = try await Self.plan(
            "Inbound from the pricing page chat: \"Hi, Tomas Vega here, CTO at Quarry Labs (tomas@quarrylabs.example). We want 50 "
                + "seats on Business.\" Add him as a contact.")
        #expect(added.steps.map(\.capability) == ["create_contact"])
        #expect(
            added.steps[0].input["properties"]
                == .literal(
                    .object([
                        "firstname": .string("Tomas"), "lastname": .string("Vega"), "email": .string("tomas@quarrylabs.example"),
                        "company": .string("Quarry Labs"),
                    ])))
        // The new number is the quote's.
        let updated = try await Self.plan(
            "Voicemail transcript: \"Hi, it's Emma Chen from Umbrella, my new direct line is +1 628 555 0147, please use that from "
                + "now on.\" Update her phone number in the CRM.")
        #expect(updated.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(updated.steps[1].input["properties"] == .literal(.object(["phone": .string("+1 628 555 0147")])))
        // "Check it": the payment the quote names, then the email asked (the email was dropped).
        let checked = try await Self.plan(
            "Ben Chen asked: \"Can you confirm payment pi_3SdE9kLp went through?\" Check it and email ben.chen@example.com its status.")
        #expect(checked.steps.map(\.capability) == ["get_payment", "send_message"])
        #expect(checked.steps[0].input["id"] == .literal(.string("pi_3SdE9kLp")))
    }

    @Test func news_about_a_deal_names_the_deal_the_order_means() async throws {
        // Each was refused: "no tool here can move that".
        for (prompt, query) in [
            ("Great news - Hooli signed the pilot this morning. Mark it closed won.", "Hooli pilot"),
            ("Initech renewal is signed!! move it to closed won", "Initech renewal"),
            ("Just got off the call with Initech. Move their renewal to closed won.", "Initech renewal"),
        ] {
            let moved = try await Self.plan(prompt)
            #expect(moved.steps.map(\.capability) == ["search_deals", "update_deal"], "\(prompt)")
            #expect(moved.steps[0].input["query"] == .literal(.string(query)), "\(prompt)")
            #expect(moved.steps[1].input["properties"] == .literal(.object(["dealstage": .string("closedwon")])), "\(prompt)")
        }
        // Steps are no news.
        let steps = try await Self.plan("1. find the Tamarind Hotels deal 2. set its amount to 52000")
        #expect(steps.steps[0].input["query"] == .literal(.string("Tamarind Hotels")))
    }

    @Test func appointment_scheduled_is_a_deal_stage_not_a_meeting() async throws {
        // A calendar event's start and title were asked for.
        let moved = try await Self.plan("Set the Acme Corp renewal deal to appointment scheduled and bump the amount to 45k")
        #expect(moved.steps.map(\.capability) == ["search_deals", "update_deal"])
        #expect(
            moved.steps[1].input["properties"]
                == .literal(.object(["dealstage": .string("appointmentscheduled"), "amount": .string("45000")])))
    }

    @Test func records_written_before_the_verb_are_what_it_acts_on() async throws {
        // The deals were listed and the update dropped.
        let moved = try await Self.plan("deal 2005 move to contract sent")
        #expect(moved.steps.map(\.capability) == ["update_deal"])
        let exported = try await Self.plan("open deals export to drive as pipeline.csv and then tell #sales its uploaded")
        #expect(exported.steps.map(\.capability) == ["list_deals", "find_channel", "upload_file", "post_message"])
        let listed = try await Self.plan("contacts list to csv on drive n then email it to sam@ourco.example")
        #expect(listed.steps.map(\.capability) == ["list_contacts", "upload_file", "send_message"])
        #expect(listed.steps[1].input["name"] == .literal(.string("contacts.csv")))
        // A verb first stays as written.
        let forwarded = try await Self.plan("Forward the invoice email from Globex to ap@ourco.example")
        #expect(forwarded.steps.map(\.capability) == ["search_messages", "read_message", "send_message"])
    }

    @Test func records_saved_without_a_name_are_a_csv_file_named_after_them() async throws {
        let saved = try await Self.plan("Save the open invoices to Drive")
        #expect(saved.steps.map(\.capability) == ["list_invoices", "upload_file"])
        #expect(saved.steps[1].input["name"] == .literal(.string("invoices.csv")))
        #expect(saved.steps[1].input["mimeType"] == .literal(.string("text/csv")))
        // One message read has no name to take.
        #expect(try await EmbeddedPlanning.needsInput("save my latest email to drive") == ["name"])
    }

    @Test func a_channel_s_messages_named_by_the_channel_are_read() async throws {
        // "#support" was read as where to post, and the text asked for.
        let sent = try await Self.plan("email today's #support messages to ann@ourco.example")
        #expect(sent.steps.map(\.capability) == ["find_channel", "list_messages", "send_message"])
        #expect(sent.steps[0].input["name"] == .literal(.string("support")))
        let listed = try await Self.plan("Grab the Slack channel list and upload it to Drive")
        #expect(listed.steps.map(\.capability) == ["list_channels", "upload_file"])
    }

    @Test func a_channel_and_an_address_told_the_same_thing_both_get_it() async throws {
        for prompt in [
            "Tell #incidents and ops-managers@contoso.example that the database is back",
            "let #incidents and ops-managers@contoso.example know the database is back",
        ] {
            let told = try await Self.plan(prompt)
            #expect(told.steps.map(\.capability) == ["find_channel", "post_message", "send_message"], "\(prompt)")
            #expect(told.steps[1].input["text"] == .literal(.string("the database is back")), "\(prompt)")
            #expect(try EmbeddedPlanning.sentMessage(told).hasPrefix("To: ops-managers@contoso.example\r\n"), "\(prompt)")
        }
    }

    @Test func every_time_something_happens_is_a_trigger_and_a_labelled_schedule_repeats() async throws {
        // Every invoice was listed and posted.
        #expect(await EmbeddedPlanning.failure("every time a customer pays an invoice, post it in #sales") != nil)
        // The hand-off's lines were read as a sentence without the schedule, and the post went out once.
        #expect(
            await EmbeddedPlanning.failure("schedule: every Friday at 5pm\naction: post \"Weekly reminder: log your hours.\" to #general")?
                .contains("repeats") == true)
    }

    @Test func a_bold_action_heading_over_labelled_lines_is_the_action() async throws {
        // The heading was dropped and the lines read as a search.
        let contact = try await Self.plan(
            "**Create contact**\n- First name: Tomasz\n- Last name: Wieczorek\n- Email: tomasz.w@baltic-freight.example\n- Company: Baltic Freight"
        )
        #expect(contact.steps.map(\.capability) == ["create_contact"])
        #expect(
            contact.steps[0].input["properties"]
                == .literal(
                    .object([
                        "firstname": .string("Tomasz"), "lastname": .string("Wieczorek"),
                        "email": .string("tomasz.w@baltic-freight.example"), "company": .string("Baltic Freight"),
                    ])))
    }

    @Test func when_it_suits_and_for_whom_are_no_message() async throws {
        // "for me when you get a chance" was posted.
        #expect(try await EmbeddedPlanning.needsInput("can you ping #general for me when you get a chance") == ["text"])
    }

    @Test func a_reminder_is_the_message() async throws {
        // Its text was asked for, or "remind" refused.
        let reminded = try await Self.plan("Email Ben Chen at ben.chen@example.com to remind him the board packet is due Friday.")
        #expect(try EmbeddedPlanning.sentMessage(reminded).hasSuffix("Reminder: the board packet is due Friday."))
        let posted = try await Self.plan("remind #eng about the code freeze at 5pm")
        #expect(posted.steps.last?.input["text"] == .literal(.string("Reminder: the code freeze at 5pm")))
    }

    @Test func an_address_said_to_be_in_the_crm_is_looked_up() async throws {
        // The channel or the address was asked for.
        let told = try await Self.plan("Tell Hiro Nakamura the Vandelay contract is ready for signature. His address is in the CRM.")
        #expect(told.steps.map(\.capability) == ["search_contacts", "send_message"])
        #expect(told.steps[0].input["query"] == .literal(.string("Hiro Nakamura")))
    }

    @Test func a_lower_case_owner_written_first_narrows_the_read() async throws {
        // The newest invoice of anyone was refunded.
        let refund = try await Self.plan("refund 25 dollars from ben chen last invoice, he was overcharged")
        #expect(refund.steps.map(\.capability) == ["list_customers", "latest_invoice", "create_refund"])
        #expect(refund.steps[0].keep == [OutputCondition(path: "name", op: .equals, value: .string("Ben Chen"))])
        let plan = try await Self.plan("emma silva which plan she is on")
        #expect(plan.steps[0].keep == [OutputCondition(path: "name", op: .equals, value: .string("Emma Silva"))])
    }

    @Test func an_aside_after_the_value_or_the_question_is_no_part_of_it() async throws {
        let company = try await Self.plan("change Liam Dubois's company to Pied Piper, he's moved jobs")
        #expect(company.steps.last?.input["properties"] == .literal(.object(["company": .string("Pied Piper")])))
        let weather = try await Self.plan("how windy is it in Galway? doing the outdoor market this arvo")
        #expect(weather.steps.map(\.capability) == ["geocode", "current"])
    }

    @Test func a_document_named_by_its_title_is_read_from_drive_with_its_link() async throws {
        // Its text was asked for.
        let sent = try await Self.plan("email the link to the Q3 board report to felix@ourco.example")
        #expect(sent.steps.map(\.capability) == ["list_files", "send_message"])
        let declared = try #require(ToolCatalog.builtIn.tool("storage")?.capability("list_files")).fields
        #expect(declared.contains { $0.paths == ["webViewLink"] })
    }

    @Test func titles_and_subjects_hold_only_their_own_words() async throws {
        // "Calender dentist appointment", "The stocktake", and a subject running on into the body.
        let put = try await Self.plan("put in my calender dentist appointment 5th March 09:15 to 10:00")
        #expect(put.steps.first?.input["summary"] == .literal(.string("Dentist appointment")))
        let blocked = try await Self.plan("block friday 9-12 for the stocktake")
        #expect(blocked.steps.first?.input["summary"] == .literal(.string("Stocktake")))
        let mailed = try await Self.plan(
            "mail to kevin@sharma.example subject Quotation saying please find the revised quotation by friday")
        #expect(try EmbeddedPlanning.sentMessage(mailed).contains("\r\nSubject: Quotation\r\n"))
    }

    @Test func a_meeting_noted_with_its_time_range_is_booked() async throws {
        // The day's events were listed.
        let booked = try await Self.plan("meeting with team on 22/02 from 09:00 till 10:30 name it Sprint planning")
        #expect(booked.steps.map(\.capability) == ["create_event"])
        #expect(booked.steps[0].input["summary"] == .literal(.string("Sprint planning")))
        #expect(booked.steps[0].input["end"] == .literal(.object(["dateTime": .string("2027-02-22T10:30:00Z")])))
    }

    @Test func an_email_forwarded_to_a_channel_is_posted_there() async throws {
        // An address was asked for; written object first, "forward" was searched for.
        for prompt in ["forward my latest email to #support", "my latest email forward to the #support channel"] {
            let posted = try await Self.plan(prompt)
            #expect(posted.steps.map(\.capability) == ["search_messages", "read_message", "find_channel", "post_message"], "\(prompt)")
            #expect(posted.steps[0].input["q"] == .literal(.string("in:inbox")), "\(prompt)")
        }
    }

    @Test func a_place_named_as_where_not_to_go_is_left_alone() async throws {
        // Run time: it was posted there too.
        let posted = try await Self.plan("Which open deal closes first? Post it in #sales (not #general)")
        #expect(posted.steps.map(\.capability) == ["list_deals", "find_channel", "post_message"])
        #expect(posted.steps[1].input["name"] == .literal(.string("sales")))
    }

    @Test func the_pipeline_s_worth_is_the_open_deals_total() async throws {
        // Run time: won and lost deals were summed too.
        let worth = try await Self.plan("How much is our pipeline worth right now?")
        #expect(worth.steps[0].keep == [OutputCondition(path: "properties.hs_is_closed", op: .equals, value: .string("false"))])
        #expect(worth.aggregate == ResultAggregate(op: .sum, field: "amount"))
    }

    @Test func second_language_and_finance_shorthand_is_read() async throws {
        // Each was refused, asked for its place, or searched the mail.
        let mrr = try await Self.plan("What's our MRR?")
        #expect(mrr.steps.map(\.capability) == ["list_subscriptions"])
        #expect(mrr.steps[0].input["status"] == .literal(.string("active")))
        #expect(mrr.aggregate == ResultAggregate(op: .sum, field: "amount"))
        let weather = try await Self.plan("weather of pune right now pls")
        #expect(weather.steps.first?.input["name"] == .literal(.string("pune")))
        let customers = try await Self.plan("list customers with there email")
        #expect(customers.steps.map(\.capability) == ["list_customers"])
    }

    @Test func customers_who_signed_up_in_a_period_are_kept_to_it() async throws {
        // Run time: every customer was listed.
        let joined = try await Self.plan("Which customers signed up this month?")
        #expect(
            joined.steps[0].keep == [
                OutputCondition(path: "created", op: .since, value: .string("2027-01-01T00:00:00Z")),
                OutputCondition(path: "created", op: .before, value: .string("2027-02-01T00:00:00Z")),
            ])
        let all = try await Self.plan("list our customers")
        #expect(all.steps[0].keep == nil)
    }

    @Test func a_kind_of_file_is_no_word_of_its_name() async throws {
        let pdfs = try await Self.plan("find all PDFs in my drive")
        #expect(pdfs.steps[0].input["q"] == .literal(.string("mimeType = 'application/pdf'")))
    }

    @Test func a_writer_named_by_role_is_not_searched_for() async throws {
        let read = try await Self.plan("What did the customer say in my most recent email?")
        #expect(read.steps[0].input["q"] == .literal(.string("in:inbox")))
    }
}
