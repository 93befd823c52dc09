import Foundation
import PlotonAPI
import PlotonCore
import Testing

/// Classes from blind rounds h99–h103 (session 34), each checked on the plan it makes.
@Suite struct PlannerSession34ClassesTests {
    static let now = ISO8601DateFormatter().date(from: "2027-03-24T07:55:00Z")!

    static func plan(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    @Test func a_calls_keyword_arguments_are_its_values() async throws {
        // The id and the nested properties were dropped, and the update asked for every field.
        let contact = try await Self.plan(
            #"update_contact(id=1004, properties={"lifecyclestage": "customer", "phone": "+1 415 555 0199"})"#)
        #expect(contact.steps.map(\.capability) == ["update_contact"])
        #expect(contact.steps[0].input["id"] == .literal(.string("1004")))
        #expect(
            contact.steps[0].input["properties"]
                == .literal(.object(["lifecyclestage": .string("customer"), "phone": .string("+1 415 555 0199")])))
        let deal = try await Self.plan(#"update_deal(id=2003, properties={'dealstage': 'contractsent'})"#)
        #expect(deal.steps.map(\.capability) == ["update_deal"])
        #expect(deal.steps[0].input["properties"] == .literal(.object(["dealstage": .string("contractsent")])))
        // The file was listed, the message refused as Slack's or Gmail's, the customer's name dropped.
        let file = try await Self.plan(#"read_file(file_id="1Kp8RzQ2wX4yT6uV9") → return name + size"#)
        #expect(file.steps.map(\.capability) == ["read_file"])
        #expect(file.resultFields == ["name", "size"])
        let message = try await Self.plan(#"read_message(id="xhsyzanhmekucx") and post its subject to #engineering"#)
        #expect(message.steps.map(\.capability) == ["read_message", "find_channel", "post_message"])
        #expect(message.steps[0].input["id"] == .literal(.string("xhsyzanhmekucx")))
        let invoice = try await Self.plan(#"latest_invoice(customer="Emma Silva") → number, amount_paid, status"#)
        #expect(invoice.steps.map(\.capability) == ["list_customers", "latest_invoice"])
        let contacts = try await Self.plan(#"lookup_contact(company="Initech") → return name and phone"#)
        #expect(contacts.steps.map(\.capability) == ["search_contacts"])
        // A list's key is named as the others are ("want" asks for fields).
        let wanted = try await Self.plan(#"{"intent": "lookup_contact", "name": "Isla Chen", "want": ["email", "phone"]}"#)
        #expect(wanted.resultFields == ["email", "phone"])
    }

    @Test func a_calls_units_zones_and_windows_are_kept() async throws {
        // An hour booked as the default half, in UTC.
        let meeting = try await Self.plan(
            #"schedule_meeting(title="Q1 pipeline review", start="2027-01-14 10:00", timezone="America/New_York", duration_minutes=60)"#)
        #expect(meeting.steps[0].input["start"] == .literal(.object(["dateTime": .string("2027-01-14T15:00:00Z")])))
        #expect(meeting.steps[0].input["end"] == .literal(.object(["dateTime": .string("2027-01-14T16:00:00Z")])))
        // Stripe's own call counts cents ($1500 was refunded for $15).
        let refund = try await Self.plan(#"create_refund(payment_intent="pi_3X1ZnbOtZj3nYt", amount=1500)"#)
        #expect(refund.steps.map(\.capability) == ["get_payment", "create_refund"])
        #expect(refund.steps[1].input["amount"] == .literal(.number(1500)))
        let window = try await Self.plan(
            #"list_events(timeMin="2027-03-24T00:00:00Z", timeMax="2027-03-25T00:00:00Z") -> title, start, end"#)
        #expect(window.steps[0].input["timeMin"] == .literal(.string("2027-03-24T00:00:00Z")))
        #expect(window.steps[0].input["timeMax"] == .literal(.string("2027-03-25T00:00:00Z")))
        let few = try await Self.plan(#"list_events(q="design review", maxResults=5) fields: title,start,link"#)
        #expect(few.steps[0].input["maxResults"] == .literal(.number(5)))
    }

    @Test func calls_named_by_tool_or_chained_are_read_whole() async throws {
        let weather = try await Self.plan(#"weather.current(city="Reykjavik") -> temperature, wind_speed"#)
        #expect(weather.steps.map(\.capability) == ["geocode", "current"])
        #expect(weather.steps[0].input["name"] == .literal(.string("Reykjavik")))
        let place = try await Self.plan(#"geocode(name="Ulaanbaatar") fields: latitude, longitude, timezone"#)
        #expect(place.steps.map(\.capability) == ["geocode"])
        // The second call's arguments were searched for as words (a silent drop of the deal).
        let chained = try await Self.plan(
            "create_contact(firstname='Tomas', lastname='Berg', email='tomas@fjord.example', company='Fjord AS'), then "
                + "create_deal(dealname='Fjord AS - Pilot', amount=9000)")
        #expect(chained.steps.map(\.capability) == ["create_contact", "create_deal"])
        // A file name with another extension (".log") is one.
        let upload = try await Self.plan(#"upload_file(name="run-8812.log", content="exit=137; retries=2", mimeType="text/plain")"#)
        #expect(upload.steps.map(\.capability) == ["upload_file"])
        #expect(upload.steps[0].input["name"] == .literal(.string("run-8812.log")))
    }

    @Test func a_gmail_query_is_searched_as_written() async throws {
        // Its sender was searched again: "from:from:billing@…".
        let search = try await Self.plan(#"search_messages(q="from:billing@globex.example is:unread") -> id, thread_id"#)
        #expect(search.steps[0].input["q"] == .literal(.string("from:billing@globex.example is:unread")))
    }

    @Test func contacts_of_one_lifecycle_stage_are_kept() async throws {
        let stage = OutputCondition(path: "properties.lifecyclestage", op: .equals, value: .string("lead"))
        for prompt in [
            "list my leads in hubspot", "list contacts in the lead stage",
            "list_contacts where lifecycle_stage=lead, fields: name, company",
        ] {
            let plan = try await Self.plan(prompt)
            #expect(plan.steps.map(\.capability) == ["list_contacts"], "\(prompt)")
            #expect(plan.steps[0].keep == [stage], "\(prompt)")
        }
        // Contacts with no stage named are all kept.
        #expect(try await Self.plan("list all contacts in the CRM").steps[0].keep == nil)
    }
}

extension PlannerSession34ClassesTests {
    @Test func a_document_found_by_its_title_is_looked_up_on_drive() async throws {
        // Nothing was recognised, and "its link" was posted as words.
        let found = try await Self.plan("Find the Q3 board report, then post its link in #general and email it to board@ourco.example")
        #expect(found.steps.map(\.capability) == ["list_files", "find_channel", "post_message", "send_message"])
        // A year is a word of the name (every file was listed).
        let pulled = try await Self.plan("Pull the Roadmap 2026 doc from Drive and email its link to pm-leads@ourco.example")
        #expect(pulled.steps[0].input["q"] == .literal(.string("name contains 'roadmap 2026'")))
    }

    @Test func a_person_looked_up_for_a_later_part_is_found_in_the_crm() async throws {
        // The look-up was dropped and the event had no attendee.
        let meeting = try await Self.plan("Look up Maya Dubois, then create a meeting with her Friday 3pm to 4pm titled Globex QBR")
        #expect(meeting.steps.map(\.capability) == ["search_contacts", "create_event"])
        #expect(meeting.steps[1].input["attendees"] != nil)
    }

    @Test func a_loop_a_declined_delivery_and_another_drive_are_refused() async throws {
        #expect(await EmbeddedPlanning.failure("for each open invoice, email the customer a payment reminder")?.contains("loop") == true)
        #expect(
            await EmbeddedPlanning.failure("post 'release v3 is live' to #engineering\nconstraints: no Slack posts")?
                .contains("no Slack posts") == true)
        // Shared with someone: not shown to the user (the Drive's files were listed).
        #expect(
            await EmbeddedPlanning.failure("share the Roadmap 2026 doc with my cousin on dropbox")?.contains("Dropbox") == true)
        // "No emails" beside a post forbids nothing asked.
        #expect(
            try await Self.plan("post 'release v3 is live' to #engineering. No emails please.").steps.last?.capability == "post_message")
    }

    @Test func a_fields_name_in_code_is_read_as_words() async throws {
        let subscriptions = try await Self.plan(
            "active subscriptions with next_billing_date before 2027-04-01; fields plan_name, customer, next_billing_date")
        #expect(subscriptions.resultFields == ["plan name", "customer", "next billing date"])
        // A key keeps its code name.
        #expect(try await Self.plan("Refund payment_intent: pi_3X1ZnbOtZj3nYt").steps.last?.capability == "create_refund")
    }
}

extension PlannerSession34ClassesTests {
    @Test func news_then_an_update_sets_the_new_value() async throws {
        // "update her" was refused; an address holding "events" was read as a calendar event.
        let contact = try await Self.plan("Isla Silva's email changed to isla@hooli-events.example — update her in the CRM pls")
        #expect(contact.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(contact.steps[1].input["properties"] == .literal(.object(["email": .string("isla@hooli-events.example")])))
        // The deal's id was asked for; "bump" was refused.
        for (prompt, amount) in [
            ("The Vandelay sponsorship went up to 18k — update the deal amount", "18000"),
            ("bump the Wayne Enterprises renewal to 25k, they added two more locations", "25000"),
        ] {
            let deal = try await Self.plan(prompt)
            #expect(deal.steps.map(\.capability) == ["search_deals", "update_deal"], "\(prompt)")
            #expect(deal.steps[1].input["properties"] == .literal(.object(["amount": .string(amount)])), "\(prompt)")
        }
        // "shout it out" was refused.
        let won = try await Self.plan(
            "Umbrella just confirmed the booth! Find the Umbrella deal, move it to closed won, and shout it out in #sales 🎉")
        #expect(won.steps.map(\.capability).contains("update_deal") && won.steps.last?.capability == "post_message")
    }

    @Test func what_the_writer_wonders_or_wants_it_for_asks_nothing() async throws {
        let file = try await Self.plan("how big is file 1WN02yLso9c5N6t? can't remember if it'll fit as an email attachment")
        #expect(file.steps.map(\.capability) == ["read_file"])
        let mail = try await Self.plan("what did the last email from ann@acme.example say? I think it's about the invoice")
        #expect(mail.steps.map(\.tool) == ["email", "email"])
        let phone = try await Self.plan(
            "what's Maya Garcia's phone number? she's one of my stockists and I need to call her about a late order")
        #expect(phone.resultFields == ["phone number"])
        let subscriptions = try await Self.plan(
            "Pull all active subscriptions for user_456 — plan name, amount and next billing date. Finance wants it for the events budget.")
        #expect(subscriptions.steps.map(\.tool) == ["payments"])
        let sheets = try await Self.plan("What spreadsheets do we have on Drive? Looking for the lead exports.")
        #expect(sheets.steps.map(\.capability) == ["list_files"])
        let channels = try await Self.plan(
            "List our Slack channels with member counts — want to know where to post the launch announcement.")
        #expect(channels.resultFields == ["member counts"])
        let count = try await Self.plan("How many unread emails are in my inbox? Post the count in #marketing before standup.")
        #expect(count.steps.map(\.tool) == ["email", "chat", "chat"])
    }

    @Test func the_first_person_and_an_address_given_after_are_read() async throws {
        let owed = try await Self.plan("how much am I owed in total right now?")
        #expect(owed.steps.map(\.capability) == ["list_invoices"])
        #expect(owed.aggregate?.op == .sum)
        let landlord = try await Self.plan("did my landlord email me? his address is greg.hollis@rentco.example")
        #expect(landlord.steps[0].input["q"] == .literal(.string("from:greg.hollis@rentco.example")))
    }
}

extension PlannerSession34ClassesTests {
    @Test func recruiting_words_are_read_as_their_records() async throws {
        #expect(try await Self.plan("what interviews do I have tomorrow?").steps.map(\.capability) == ["list_events"])
        // Sent at once, the offer would not have waited for legal.
        #expect(
            await EmbeddedPlanning.failure(
                "Email the offer to Jenna Park (jenna.park@gmail.com) but hold it until legal signs off on the equity numbers")?
                .contains("waits for something to happen") == true)
        // The aside was searched for ("Delayed Sign-off").
        let pushed = try await Self.plan(
            "Push the close date on the Umbrella contract recruiter deal to March 31, the client delayed sign-off")
        #expect(pushed.steps[0].input["query"] == .literal(.string("Umbrella contract recruiter")))
        // The word was dropped and "the number" posted as words.
        let counted = try await Self.plan("Count my unread emails with application in the subject and tell #hiring the number")
        #expect(counted.steps.map(\.capability) == ["search_messages", "find_channel", "post_message"])
        #expect(counted.steps[0].input["q"] == .literal(.string("subject:application is:unread")))
        #expect(counted.steps[2].input["text"] == .template("Messages: {{0|count}}"))
        // A file's name is spelled as written ("techbeat-interviews.txt").
        let saved = try await Self.plan("Save my latest email from press@techbeat.example to Drive as techbeat-interview.txt")
        #expect(saved.steps.last?.input["name"] == .literal(.string("techbeat-interview.txt")))
    }
}

extension PlannerSession34ClassesTests {
    @Test func a_deal_named_by_company_and_kind_alone_is_a_deal() async throws {
        // Nothing was recognised.
        let worth = try await Self.plan("What's the Wayne Enterprises pilot worth, and what stage is it at?")
        #expect(worth.steps.map(\.capability) == ["search_deals"])
        let moved = try await Self.plan("Move the Hooli pilot to contract sent")
        #expect(moved.steps.map(\.capability) == ["search_deals", "update_deal"])
        // News, a dash, then the order.
        let slipped = try await Self.plan("The Globex expansion just slipped - push its close date to May 30")
        #expect(slipped.steps.map(\.capability) == ["search_deals", "update_deal"])
        // News with a figure, cut at the dash, ends there (the move was read into the news: a silent drop).
        let paid = try await Self.plan("Vandelay paid INV-2077 yesterday - move their deal to closed won.")
        #expect(paid.steps.map(\.capability) == ["search_deals", "update_deal"])
        // A topic stays one.
        let topic = try await Self.plan(
            "Did Ben at Initech send anything about the contract renewal? Search her inbox for mail from ben@initech.example about the contract."
        )
        #expect(topic.steps.map(\.tool).allSatisfy { $0 == "email" })
        // What a subscription costs a month.
        let monthly = try await Self.plan("What does Diego Rossi pay us per month and when does it renew?")
        #expect(monthly.steps.map(\.capability) == ["list_customers", "list_subscriptions"])
        #expect(monthly.resultFields.contains("how much"))
    }

    @Test func what_someone_asks_or_says_is_no_order() async throws {
        // The aside's "refund" was planned and made.
        let asked = try await Self.plan(
            "Diego's asking if his refund went through - check payment pi_3QaZ7tLkd92hFa0c9 and let him know at diego@example.com")
        #expect(asked.steps.map(\.capability) == ["get_payment", "send_message"])
        // The aside was the message, and no invoice was read.
        let said = try await Self.plan("Email Ben Chen his latest invoice at ben.chen@example.com - he says he never received it")
        #expect(said.steps.map(\.capability) == ["list_customers", "latest_invoice", "send_message"])
        #expect(
            await EmbeddedPlanning.failure("Refund $80 on pi_3QaZ7tLkd92hFa0c9. Do not issue any refunds today, finance has frozen them.")?
                .contains("forbids") == true)
    }

    @Test func an_address_in_the_crm_and_mail_from_someone_are_looked_up() async throws {
        // The event had no attendee.
        let call = try await Self.plan("Schedule a 30 minute call with Ingrid Solberg tomorrow at 11am - her email's in the CRM")
        #expect(call.steps.map(\.capability) == ["search_contacts", "create_event"])
        // The calendar was searched.
        let mail = try await Self.plan("Did I get anything from ruth@abbottlaw.example this week?")
        #expect(mail.steps.first?.capability == "search_messages")
    }
}

extension PlannerSession34ClassesTests {
    /// Wrong at run time though the scorer passed them.
    @Test func run_time_findings_of_session_34() async throws {
        // The aside was posted in place of the weather.
        let weather = try await Self.plan(
            "Check the weather in Berlin and post it to #people - we have three onsite candidates arriving this afternoon")
        #expect(weather.steps.last?.input["text"] != .literal(.string("we have three onsite candidates arriving this afternoon")))
        // "Check Oslo" was looked up.
        let oslo = try await Self.plan("Check Oslo's weather and upload it to Drive as oslo-weather.txt")
        #expect(oslo.steps[0].input["name"] == .literal(.string("Oslo")))
        // The contact was named "AP".
        let contact = try await Self.plan("Add our new AP contact at Brightwave: Lena Park, lena.park@brightwave.example")
        #expect(
            contact.steps[0].input["properties"]
                == .literal(
                    .object([
                        "firstname": .string("Lena"), "lastname": .string("Park"), "email": .string("lena.park@brightwave.example"),
                        "company": .string("Brightwave"),
                    ])))
        // "she starts today" filtered the files by "modified today", and nothing was sent.
        let link = try await Self.plan("Send the link to the onboarding checklist file to new-hire@ourco.example, she starts today")
        #expect(link.steps[0].input["q"] == .literal(.string("name contains 'onboarding checklist'")))
    }
}
