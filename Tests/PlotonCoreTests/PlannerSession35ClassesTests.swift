import Foundation
import PlotonAPI
import PlotonCore
import Testing

/// Classes from blind rounds h107–h110 (session 35) and the silent drops left from session 34, each checked on the plan
/// it makes.
@Suite struct PlannerSession35ClassesTests {
    static let now = ISO8601DateFormatter().date(from: "2027-07-02T16:40:00Z")!

    static func plan(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    static func text(_ input: JSONInput?) -> String { input.map { "\($0)" } ?? "" }

    @Test func the_sender_of_an_email_is_found_and_invited_or_written_to() async throws {
        // The call was booked with no one (a silent drop).
        let call = try await Self.plan("Book a 30-minute call tomorrow at 4pm with whoever sent my latest email")
        #expect(call.steps.map(\.capability) == ["search_messages", "read_message", "create_event"])
        #expect(Self.text(call.steps[2].input["attendees"]).contains("{{1.payload.headers[name=From].value|address}}"))
        let about = try await Self.plan("Book a call with the sender of my last email about the audit for tomorrow at 10am")
        #expect(about.steps[0].input["q"] == .literal(.string("audit in:inbox")))
        // The address was asked for.
        let reply = try await Self.plan("Email whoever sent my latest email saying thanks, received")
        #expect(reply.steps.map(\.capability) == ["search_messages", "read_message", "send_message"])
        #expect(Self.text(reply.steps[2].input["raw"]).contains("To: {{1.payload.headers[name=From].value|address}}"))
    }

    @Test func what_was_read_goes_with_the_note_said_beside_it() async throws {
        // The note alone was posted, and the total never read (a silent drop).
        let total = try await Self.plan("Share last month's paid invoice total with #finance - say it's for the April close.")
        #expect(total.steps.map(\.capability) == ["list_invoices", "find_channel", "post_message"])
        let posted = Self.text(total.steps[2].input["text"])
        #expect(posted.contains("{{0|total_cents:amount_paid}}") && posted.contains("for the April close"))
        let weather = try await Self.plan("Check the weather in Oslo and post it in #travel with a note: pack umbrellas")
        let forecast = Self.text(weather.steps.last?.input["text"])
        #expect(forecast.contains("{{1.conditions}}") && forecast.contains("pack umbrellas"))
        let deals = try await Self.plan("Get the open deals and email them to ann@acme.example saying please review before Monday")
        let mail = Self.text(deals.steps.last?.input["raw"])
        #expect(mail.contains("{{0|summary}}") && mail.contains("please review before Monday"))
    }

    @Test func a_refund_of_his_invoice_needs_to_know_whose() async throws {
        // The newest invoice of anyone was refunded.
        #expect(try await EmbeddedPlanning.needsInput("refund her 40 dollars of her latest invoice") == ["payment_intent"])
        let named = try await Self.plan("refund diego rossi forty bucks from his latest invoice and let hashtag support know it's done")
        #expect(named.steps.first?.capability == "list_customers")
        #expect(named.steps.first?.keep?.first?.value == .string("Diego Rossi"))
        let pronoun = try await Self.plan("refund Ben Chen in full for his last payment")
        #expect(pronoun.steps.map(\.capability) == ["list_customers", "latest_invoice", "create_refund"])
        // "the customer twenty dollars" named nobody.
        #expect(try await EmbeddedPlanning.needsInput("refund the customer twenty dollars") == ["payment_intent"])
    }

    @Test func a_post_after_then_and_services_written_in_lower_case() async throws {
        // The post after "then" was dropped (a silent drop).
        let booked = try await Self.plan(
            "schedule a meeting called budget sync on july twelfth at two pm for thirty minutes and invite tom at ourco dot example "
                + "then post in general that it's booked")
        #expect(booked.steps.map(\.capability) == ["find_channel", "create_event", "post_message"])
        // Posted to a Slack channel named "teams" (a silent drop); an SMS asked for a channel.
        let teams = await EmbeddedPlanning.failure("send a message to our microsoft teams channel saying lunch is here")
        #expect(teams?.contains("Microsoft Teams") == true)
        let sms = await EmbeddedPlanning.failure("Send SMS to Chloe Okafor that her order is ready for pickup")
        #expect(sms?.contains("no tool here sends \"SMS\"") == true)
    }

    @Test func news_of_a_deal_then_the_change() async throws {
        // A deal named "Vandelay Pilot amount" was searched for.
        let amount = try await Self.plan("Vandelay Pilot amount is now 35000, update it")
        #expect(amount.steps[0].input["query"] == .literal(.string("Vandelay Pilot")))
        // Only the search ran (a silent drop).
        let pushed = try await Self.plan("the Acme renewal deal - close date push to 15 October pls, they wait for budget")
        #expect(pushed.steps.map(\.capability) == ["search_deals", "update_deal"])
        #expect(pushed.steps[1].input["properties"] == .literal(.object(["closedate": .string("2027-10-15")])))
        // The deal's id was asked for.
        let won = try await Self.plan("Umbrella renewal is won!! please mark the deal closed won")
        #expect(won.steps.map(\.capability) == ["search_deals", "update_deal"])
        #expect(won.steps[0].input["query"] == .literal(.string("Umbrella renewal")))
        let bumped = try await Self.plan("bump deal two zero zero four up to forty thousand")
        #expect(bumped.steps[0].input["id"] == .literal(.string("2004")))
        #expect(bumped.steps[0].input["properties"] == .literal(.object(["amount": .string("40000")])))
    }

    @Test func news_of_a_person_and_asides_after_a_dash() async throws {
        // The aside was written into the record.
        let company = try await Self.plan("Change Ava Dubois's company to Hooli - she moved over last month.")
        #expect(company.steps[1].input["properties"] == .literal(.object(["company": .string("Hooli")])))
        let phone = try await Self.plan("Update Noah Okafor's phone number to +1 415 555 0199 - he called from his new line.")
        #expect(phone.steps[1].input["properties"] == .literal(.object(["phone": .string("+1 415 555 0199")])))
        // Refused as "update her pls"; "mark … as customer" refused for the aside.
        let news = try await Self.plan("Grace Chen from Acme has a new phone: +44 20 7946 0321, update her pls")
        #expect(news.steps[0].input["query"] == .literal(.string("Grace Chen")))
        #expect(news.steps[1].input["properties"] == .literal(.object(["phone": .string("+44 20 7946 0321")])))
        let stage = try await Self.plan("mark Jonas Chen as customer, he made his first wholesale order yesterday")
        #expect(stage.steps.map(\.capability) == ["search_contacts", "update_contact"])
    }

    @Test func invites_people_and_channels_read_as_asked() async throws {
        // An email went instead of the event (a silent drop).
        let invite = try await Self.plan(
            "Send Ben Chen a calendar invite for Friday 2pm-2:30pm Eastern: 'Renewal check-in'. His email is ben.chen@example.com.")
        #expect(invite.steps.map(\.capability) == ["create_event"])
        #expect(invite.steps[0].input["attendees"] == .literal(.array([.object(["email": .string("ben.chen@example.com")])])))
        // Acme's first contact was emailed.
        let grace = try await Self.plan("Find Grace Silva at Acme in HubSpot and send her an email asking if Tuesday 3pm still works.")
        #expect(grace.steps[0].input["query"] == .literal(.string("Grace Silva")))
        // The channel was found and never read.
        let support = try await Self.plan("what did the team write in #support today?")
        #expect(support.steps.map(\.capability) == ["find_channel", "list_messages"])
    }

    @Test func dictated_names_figures_and_corrections() async throws {
        let pipeline = try await Self.plan("export all the deals to a spreadsheet on drive called pipeline dot csv")
        #expect(pipeline.steps.last?.input["name"] == .literal(.string("pipeline.csv")))
        let contacts = try await Self.plan("find all the contacts at acme corp and save them to drive as acme contacts dot csv")
        #expect(contacts.steps.last?.input["name"] == .literal(.string("acme-contacts.csv")))
        let deal = try await Self.plan("create a deal called umbrella expansion for eighteen k in the qualified to buy stage")
        #expect(
            deal.steps[0].input["properties"]
                == .literal(
                    .object(["dealname": .string("umbrella expansion"), "amount": .string("18000"), "dealstage": .string("qualifiedtobuy")])
                ))
        let renewal = try await Self.plan(
            "create a deal called hooli renewal for twelve thousand five hundred and tell the sales channel it's been created")
        let created = renewal.steps.first { $0.capability == "create_deal" }
        let properties = Self.text(created?.input["properties"])
        #expect(properties.contains("12500"))
        let kenji = try await Self.plan("add kenji sato kenji at sato dot jp from sato labs as a contact")
        #expect(Self.text(kenji.steps[0].input["properties"]).contains("kenji@sato.jp"))
        // Both addresses were mailed.
        let maria = try await Self.plan(
            "email ana at acme dot com no wait maria at acme dot com saying the contract is ready for signature")
        let sent = try EmbeddedPlanning.sentMessage(maria)
        #expect(sent.contains("To: maria@acme.com") && !sent.contains("ana@acme.com"))
    }

    @Test func a_saved_files_link_and_answers_in_the_form_asked() async throws {
        // The whole CSV was emailed as "the file link".
        let saved = try await Self.plan(
            "List the contacts, export them to Drive as contacts.csv, and email the file link to kira@acme.example")
        let link = Self.text(saved.steps.last?.input["raw"])
        #expect(link.contains("{{1.name}}: {{1.webViewLink}}") && !link.contains("|csv"))
        // "email as json" and "number" were fields; "has been paid" gave its amount paid.
        #expect(try await Self.plan("Find contacts at Globex. Return name and email as JSON.").resultFields == ["name", "email"])
        #expect(try await Self.plan("How many members does #engineering have? Return only the number.").resultFields == ["members"])
        let paid = try await Self.plan("The user wants to know if Ben Chen's latest invoice has been paid.")
        #expect(paid.resultFields == ["status"])
        // The company the context gives was asked for.
        let moved = try await Self.plan("Context: Maya Dubois has moved to Initech.\nTask: update her company in the CRM.")
        #expect(moved.steps.last?.input["properties"] == .literal(.object(["company": .string("Initech")])))
    }

    @Test func hedged_asks_shorthand_and_arrows_still_act() async throws {
        // "could you maybe put …" listed the events; "maybe let #engineering know" posted only to #support.
        let block = try await Self.plan(
            "What's the weather in Berlin right now? and could you maybe put a 'Walk to Hooli office' block on my calendar tomorrow 9-9:30am"
        )
        #expect(block.steps.map(\.capability) == ["geocode", "current", "create_event"])
        let both = try await Self.plan(
            "Could you maybe let #engineering know the release is now Thursday at 4pm, and tell #support the same")
        #expect(both.steps.filter { $0.capability == "post_message" }.count == 2)
        // The question was posted as written.
        let review = try await Self.plan("pls tell #engineering what time the design review is 🙏")
        #expect(review.steps.map(\.capability) == ["list_events", "find_channel", "post_message"])
        // Each listed the contacts only.
        let phone = try await Self.plan("contact 1007 phone is now +1 312 555 0142")
        #expect(phone.steps.map(\.capability) == ["update_contact"])
        #expect(phone.steps[0].input["properties"] == .literal(.object(["phone": .string("+1 312 555 0142")])))
        let hash = try await Self.plan("diego silva new # 415-555-0188 update his contact")
        #expect(hash.steps.map(\.capability) == ["search_contacts", "update_contact"])
        // The arrow ended the request, and nothing was posted.
        let arrow = try await Self.plan("weather in chicago rn -> #random pls")
        #expect(arrow.steps.map(\.capability) == ["geocode", "current", "find_channel", "post_message"])
    }

    @Test func lengths_triggers_conditions_and_loops_said_loosely_are_refused() async throws {
        // Booked 2–4pm as "Meeting"; posted at once; posted every open invoice; listed the events.
        let length = await EmbeddedPlanning.failure("30 min mtg w/ chloe dubois thurs 2-4pm")
        #expect(length?.contains("lasts 30 minutes but runs 120 minutes") == true)
        let once = await EmbeddedPlanning.failure("once umbrella pays their invoice post in #sales")
        #expect(once?.contains("waits for something to happen") == true)
        let overdue = await EmbeddedPlanning.failure("Check the open invoices and if any are overdue, post the list in #sales")
        #expect(overdue?.contains("if any are overdue") == true)
        let every = await EmbeddedPlanning.failure(
            "For every deal closing this month, could you put a reminder on my calendar the day before?")
        #expect(every?.contains("needs a loop") == true)
    }

    @Test func sales_shorthand_names_deals() async throws {
        // Refused as "mark"; "opp" and "inv" named nothing.
        let won = try await Self.plan("mark hooli pilot closed won pls")
        #expect(won.steps.map(\.capability) == ["search_deals", "update_deal"])
        #expect(won.steps[1].input["properties"] == .literal(.object(["dealstage": .string("closedwon")])))
        let closed = try await Self.plan("closed umbrella pilot!! mark closed won")
        #expect(closed.steps.map(\.capability) == ["search_deals", "update_deal"])
        let opps = try await Self.plan("all open opps w/ amt + stage")
        #expect(opps.steps.map(\.capability) == ["list_deals"])
        // A deal made with such a name keeps it.
        let made = try await Self.plan("new deal: Acme Corp renewal, 18k, stage contract sent")
        #expect(Self.text(made.steps[0].input["properties"]).contains("\"Acme Corp renewal\""))
        // The deal searched for was "whichever".
        let biggest = await EmbeddedPlanning.failure("move whichever opp is biggest to contract sent")
        #expect(biggest?.contains("comparing every deal first") == true)
    }

    @Test func news_in_lower_case_or_before_the_ask_then_the_change() async throws {
        // Refused as "isla", "lost", "met"; asked which fields; the value said twice asked for a deal.
        let phone = try await Self.plan("isla garcia has a new number: +1 415 555 0199, can u update her?")
        #expect(phone.steps.last?.input["properties"] == .literal(.object(["phone": .string("+1 415 555 0199")])))
        let won = try await Self.plan("globex pilot is closed won!!! 🎉🍾 update the crm")
        #expect(won.steps.last?.input["properties"] == .literal(.object(["dealstage": .string("closedwon")])))
        let lost = try await Self.plan("we lost the initech platform deal 😭 mark it closed lost")
        #expect(lost.steps.last?.input["properties"] == .literal(.object(["dealstage": .string("closedlost")])))
        let amount = try await Self.plan("deal 2003 amount is now 38,000 - update bitte")
        #expect(amount.steps.map(\.capability) == ["update_deal"])
        let called = try await Self.plan(
            "Hiro Nakamura called in, his new phone number is +1 415 555 0199. Update his CRM record.")
        #expect(called.steps.map(\.capability) == ["search_contacts", "update_contact"])
        let met = try await Self.plan(
            "Met a great prospect at the SaaStr dinner last night - Maya Fernandes, maya@brightloop.example, she runs ops at "
                + "Brightloop. Can you add her to the CRM?")
        #expect(Self.text(met.steps[0].input["properties"]).contains("Fernandes"))
        // Whose invoice, from the one person named in lower case.
        let refund = try await Self.plan("ben chen was overcharged, refund $10 of his last invoice")
        #expect(refund.steps.first?.keep?.first?.value == .string("Ben Chen"))
    }

    @Test func chat_times_days_and_totals_owed() async throws {
        // Read as 01:30 and refused as ending before it starts.
        let lunch = try await Self.plan("book 'Team lunch' wed 12:30 to 1:30")
        #expect(Self.text(lunch.steps[0].input["end"]).contains("T13:30:00Z"))
        let night = try await Self.plan("book 'Late shift' tomorrow 10pm to 1am")
        #expect(Self.text(night.steps[0].input["end"]).contains("T01:00:00Z"))
        // "Mañana" was taken as the verb.
        #expect(try await Self.plan("Mañana 9am block 'Focus time' for 2 hours").steps.map(\.capability) == ["create_event"])
        // The open invoices came back, not what they come to.
        let owed = try await Self.plan("How much does Ava Garcia still owe us?")
        #expect(owed.aggregate == ResultAggregate(op: .sum, field: "amount_due"))
        let total = try await Self.plan("What's the total still owed on open invoices?")
        #expect(total.aggregate == ResultAggregate(op: .sum, field: "amount_due"))
    }
}
