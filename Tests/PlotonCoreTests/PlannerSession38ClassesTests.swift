import Foundation
import PlotonAPI
import PlotonCore
import Testing

/// Classes from blind rounds h127–h134 (session 38), each checked on the plan it makes: business English as written in
/// India, Nigeria, Kenya and the Philippines (h127: 64 of 100 at first sight, 8 silent drops), engineering managers (h129: 85,
/// 3 silent drops), revenue analysts asking for figures (h130: 85), sales reps dictating news then "update it" (h132: 55),
/// what must not complete hidden in ordinary prompts (h133: 81, 6 silent drops) and small practices abroad (h134: 79).
@Suite struct PlannerSession38ClassesTests {
    static let now = ISO8601DateFormatter().date(from: "2027-08-23T18:05:00Z")!

    static func plan(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    static func text(_ input: JSONInput?) -> String { input.map { "\($0)" } ?? "" }

    @Test func regional_business_english_is_read_as_its_request() async throws {
        // "kindly do the updation in CRM": the contact was found and nothing changed (a silent drop).
        let phone = try await Self.plan(
            "Ben Chen's mobile number has changed, new number is +91 98450 12345. Kindly do the updation in CRM.")
        #expect(phone.steps.map(\.capability) == ["search_contacts", "update_contact"])
        let written1 = Self.text(phone.steps[1].input["properties"])
        #expect(written1.contains("+91 98450 12345"))
        // "revert back to the team in #engineering that …": the channel was found and nothing posted (a silent drop).
        let revert = try await Self.plan(
            "Kindly revert back to the team in #engineering that the build issue has been resolved.")
        #expect(revert.steps.map(\.capability) == ["find_channel", "post_message"])
        // "intimate #sales also" after a revised amount: neither the update nor the post was planned.
        let amount = try await Self.plan(
            "Ma'am, the Hooli pilot deal amount has been revised to 42k. Kindly do the updation at your end and intimate #sales also.")
        #expect(amount.steps.map(\.capability).filter { ["update_deal", "post_message"].contains($0) } == ["update_deal", "post_message"])
        // "intimate Ben Chen through mail …. His mail id: …": his mail was searched instead of writing to him.
        let mail = try await Self.plan(
            "Kindly intimate Ben Chen through mail that his subscription will be auto renewed. His mail id: ben.chen@chenventures.example")
        #expect(mail.steps.last?.capability == "send_message")
        // "furnish", "share … with amount and stage": shown, not sent to someone to be named.
        let deals = try await Self.plan("Kindly share list of all open deals with amount and stage.")
        #expect(deals.steps.map(\.capability) == ["list_deals"])
        // "2.5 lakhs" is 250,000.
        let lakhs = try await Self.plan("Kindly create deal for Jumia Kenya POS rollout, amount 2.5 lakhs, stage appointment scheduled.")
        let written2 = Self.text(lakhs.steps.first?.input["properties"])
        #expect(written2.contains("250000"))
    }

    @Test func a_wait_or_a_prohibition_in_regional_words_still_refuses() async throws {
        // "Once Umbrella Corp releases the payment, kindly intimate #sales": the post went out at once (a silent drop).
        let once = await EmbeddedPlanning.failure(
            "Once Umbrella Corp releases the payment, kindly intimate #sales that the deal can be closed.")
        #expect(once?.contains("waits for something to happen") == true)
        // "PS: as per compliance, nothing is to be posted on Slack": posted anyway.
        let forbidden = await EmbeddedPlanning.failure(
            "Kindly post the overdue invoices list in #sales.\nPS: as per compliance, nothing is to be posted on Slack.")
        #expect(forbidden != nil)
        // "the MoM of today's meeting": the day's calendar was uploaded as the minutes.
        let minutes = try await EmbeddedPlanning.needsInput("Kindly upload the MoM of today's meeting in the drive.")
        #expect(minutes.contains("content"))
        // "Roll back yesterday's deploy": invoices were listed.
        #expect(await EmbeddedPlanning.failure("Roll back yesterday's deploy of the billing service") != nil)
        // "When the Globex - Pilot deal closes, post …": the dash hid the trigger, and the post went out.
        #expect(await EmbeddedPlanning.failure("When the Globex - Pilot deal closes, post 'We won Globex!' to #sales") != nil)
    }

    @Test func news_of_a_deal_then_update_it_makes_the_change() async throws {
        let date = try await Self.plan("Vandelay deal close date has been postponed to 15th January, kindly update same in CRM.")
        #expect(date.steps.map(\.capability) == ["search_deals", "update_deal"])
        let written3 = Self.text(date.steps[1].input["properties"])
        #expect(written3.contains("2028-01-15"))
        // "Acme's renewal …": the Acme renewal deal, searched without the possessive.
        let slipped = try await Self.plan("Acme's renewal close date slipped to Jan 15 - pls update the deal")
        #expect(slipped.steps.first?.input["query"] == .literal(.string("Acme renewal")))
        let stage = try await Self.plan("Stark Industries pilot moved to contract sent, pls update the crm")
        let written4 = Self.text(stage.steps.last?.input["properties"])
        #expect(written4.contains("contractsent"))
    }

    @Test func an_aside_after_the_request_is_no_part_of_it() async throws {
        // ", standup starts in 5": the calendar was read and its count posted (a silent drop).
        let standup = try await Self.plan("Post the number of open deals to #sales, standup starts in 5")
        #expect(standup.steps.map(\.capability) == ["list_deals", "find_channel", "post_message"])
        // " - she's on the phone with them now": posted as the message, the balance never read (a silent drop).
        let balance = try await Self.plan("Post Chloe Okafor's outstanding balance in #support - she's on the phone with them now")
        #expect(balance.steps.map(\.capability) == ["list_customers", "list_invoices", "find_channel", "post_message"])
        // "— met him at the escalation call": a meeting was asked for.
        let contact = try await Self.plan(
            "add a contact: Omar Haddad, omar@hooli.example, Hooli — met him at the escalation call, he's their SRE lead")
        #expect(contact.steps.map(\.capability) == ["create_contact"])
        // "Post in the channel that …": posted to #the.
        let channel = try await EmbeddedPlanning.needsInput("Post in the channel that we're closed on Boxing Day")
        #expect(channel == ["channel"])
        // "- I'm sam@… -": the rest of the sentence became the email and the schedule was never read.
        let schedule = try await Self.plan("Email me tomorrow's schedule - I'm sam@harbourlets.example - so I know which viewings I've got")
        #expect(schedule.steps.map(\.capability) == ["list_events", "send_message"])
    }

    @Test func figures_asked_the_way_revenue_teams_ask_them() async throws {
        // "Total $ of deals we closed won this quarter?": the records, and no quarter.
        let won = try await Self.plan("Total $ of deals we closed won this quarter?")
        #expect(won.aggregate == ResultAggregate(op: .sum, field: "amount"))
        #expect(won.steps[0].keep?.contains { $0.path == "properties.closedate" && $0.value == .string("2027-07-01T00:00:00Z") } == true)
        // "deals did we lose": every deal counted.
        let lost = try await Self.plan("How many deals did we lose this quarter")
        #expect(lost.steps[0].keep?.contains { $0.value == .string("closedlost") } == true)
        // "What did we collect": what was paid, not what was due.
        let collected = try await Self.plan("What did we collect from paid invoices this month?")
        #expect(collected.aggregate == ResultAggregate(op: .sum, field: "amount_paid"))
        // "on the Business plan": every plan counted.
        let plan = try await Self.plan("Count active subs on the Business plan")
        #expect(plan.aggregate == ResultAggregate(op: .count))
        #expect(plan.steps[0].keep == [OutputCondition(path: "plan.nickname", op: .equals, value: .string("Business"))])
    }

    @Test func an_event_is_titled_by_what_it_is() async throws {
        // "Meeting with grace.silva@…" was the title.
        let retro = try await Self.plan("Set up a P1 retro with grace.silva@acme.example on Wednesday at 3pm, 30 min")
        #expect(retro.steps.first?.input["summary"] == .literal(.string("P1 retro")))
        // The title was asked for.
        let reminder = try await Self.plan("Kindly set a reminder in my calendar on 15th December 10 AM - Submit GST returns.")
        #expect(reminder.steps.first?.input["summary"] == .literal(.string("Submit GST returns")))
    }

    @Test func news_dictated_after_a_call_then_a_bare_ask_changes_that_record() async throws {
        // "update the deal": its id was asked for.
        let amount = try await Self.plan("Wayne expansion - amount went up to 41,000 after they added two more sites. update the deal")
        #expect(amount.steps.map(\.capability) == ["search_deals", "update_deal"])
        let written = Self.text(amount.steps[1].input["properties"])
        #expect(written.contains("41000"))
        // "Renewal is closed won. Update the CRM pls": refused ("no tool here can update that").
        let won = try await Self.plan("Just got off the phone with Umbrella - they're signing. Renewal is closed won. Update the CRM pls")
        #expect(won.steps.first?.input["query"] == .literal(.string("Umbrella Renewal")))
        let stage = Self.text(won.steps.last?.input["properties"])
        #expect(stage.contains("closedwon"))
        // A contact's new company and address, then "update contact": its id was asked for.
        let moved = try await Self.plan(
            "Jonas Nakamura moved from Umbrella to Hooli, new email jonas@hooli.example. update contact")
        #expect(moved.steps.map(\.capability) == ["search_contacts", "update_contact"])
        let values = Self.text(moved.steps[1].input["properties"])
        #expect(values.contains("jonas@hooli.example") && values.contains("Hooli"))
        // "… and post in #sales that …": the change, then the post.
        let title = try await Self.plan(
            "Diego Nakamura at Acme is now Director of Procurement, phone +1 415 555 0177. update contact and post in #sales that Acme has a new buyer"
        )
        #expect(title.steps.map(\.capability) == ["search_contacts", "find_channel", "update_contact", "post_message"])
        // A married name: read as a contact to create.
        let married = try await Self.plan(
            "Hi! Chloe Müller from Globex got married - her last name is now Weber and her email is chloe.weber@globex.example. Could you update her contact please?"
        )
        let names = Self.text(married.steps.last?.input["properties"])
        #expect(names.contains("Weber") && names.contains("chloe.weber@globex.example"))
    }

    @Test func what_waits_or_is_forbidden_is_refused_and_what_is_only_quoted_is_not() async throws {
        // Each of these acted at once (silent drops).
        #expect(
            await EmbeddedPlanning.failure("Refund the latest invoice for Ben Chen.\nNote: no refunds this month, per finance policy.")
                != nil)
        #expect(await EmbeddedPlanning.failure("ping #engineering when the build goes green") != nil)
        #expect(await EmbeddedPlanning.failure("Post in #general on Friday morning: \"Pizza at noon in the big room\"") != nil)
        #expect(
            await EmbeddedPlanning.failure(
                "After they sign, create a deal 'Initech renewal' for 40k and email ben@chen.example about it.") != nil)
        #expect(await EmbeddedPlanning.failure("Share the Q3 board report to Dropbox so the auditors can see it") != nil)
        // A message's own "if", a field left alone: no contradiction.
        let pizza = try await Self.plan("Post 'Happy Friday-eve! If anyone wants pizza, reply here' in #random")
        #expect(pizza.steps.last?.capability == "post_message")
        let stage = try await Self.plan("Update the Hooli pilot deal to closed won. Don't change the amount.")
        #expect(stage.steps.last?.capability == "update_deal")
    }

    @Test func what_a_post_speaks_of_is_read_first() async throws {
        // The words were posted, and nothing read.
        let weather = try await Self.plan("Tell #general what the weather's like in Berlin right now")
        #expect(weather.steps.map(\.capability) == ["geocode", "current", "find_channel", "post_message"])
        let prep = try await Self.plan("Tell #general what time the board prep is")
        #expect(prep.steps.first?.capability == "list_events")
        // Stripe's customers were posted.
        let link = try await Self.plan("Post the link to the customer list in #sales")
        #expect(link.steps.first?.capability == "list_files")
        // "and also whats on the calendar": the weather was dropped.
        let both = try await Self.plan("weather in Leeds pls and also whats on the calendar today")
        #expect(both.steps.map(\.capability) == ["geocode", "current", "list_events"])
    }

    @Test func calls_written_for_other_platforms_are_planned_as_asked() async throws {
        // A REST call with a JSON body: only the search ran (a silent drop).
        let patch = try await Self.plan(#"PATCH /crm/deals  {"deal": "Stark Industries - Platform", "amount": 27500}"#)
        #expect(patch.steps.map(\.capability) == ["search_deals", "update_deal"])
        // A workflow tool's node: the calendar was read (a silent drop).
        let node = try await Self.plan(
            "Google Calendar node\nresource: event\noperation: create\ncalendar: primary\nstart: 2026-12-14 16:00\nend: 2026-12-14 16:45\nsummary: Vendor sync"
        )
        #expect(node.steps.map(\.capability) == ["create_event"])
        #expect(node.steps[0].input["summary"] == .literal(.string("Vendor sync")))
        // The change stated alone: the deals were listed.
        let stated = try await Self.plan("Initech platform deal amount is now 52k after PO rev C")
        #expect(stated.steps.map(\.capability) == ["search_deals", "update_deal"])
    }

    @Test func the_story_around_a_request_is_left_out() async throws {
        // "no tool here can closed that".
        let inbox = try await Self.plan(
            "I came back from two weeks of parental leave and my inbox is a disaster zone. I don't even know where to start, honestly I opened it and closed it again. Could you just show me my unread emails for now?"
        )
        #expect(inbox.steps.first?.capability == "search_messages")
        // A sentence of the story that names a place stays ("flying to Reykjavík").
        let trip = try await Self.plan(
            "My user Dana is flying to Reykjavík tomorrow morning and wants to know whether to pack a heavy coat. Can you check the current conditions and the temperature there?"
        )
        #expect(trip.steps.first?.input["name"] == .literal(.string("Reykjavík")))
        // "Heads up: we're not creating any new contacts": a rule of the request, which it breaks.
        let policy = await EmbeddedPlanning.failure(
            "Add Maya Fernandes (maya@fernandes.example) to the CRM. Heads up: we're not creating any new contacts until the cleanup is done."
        )
        #expect(policy?.contains("forbids") == true)
        // "Anyway, could you fax him …": the invoice was read and the fax dropped (a silent drop).
        #expect(await EmbeddedPlanning.failure("Anyway, could you fax him Chloe Okafor's latest invoice?") != nil)
    }

    @Test func an_invoice_sent_to_someone_is_theirs() async throws {
        // "his", "her": the one person written to. The newest invoice of anyone was emailed to them (another customer's).
        for prompt in [
            "Can you send diego.rossi@example.com a copy of his last invoice",
            "Email chloe.okafor@acme.example the status of her latest invoice",
            "Reply to Emma at emma.silva@example.com with her latest invoice",
        ] {
            let plan = try await Self.plan(prompt)
            #expect(plan.steps.map(\.capability) == ["list_customers", "latest_invoice", "send_message"], "\(prompt)")
            #expect(plan.steps[1].input["customer"] == .reference(step: 0, path: "0.id"), "\(prompt)")
        }
        // "Find the Stripe customer with email lena@… and list her subscriptions": found once.
        let found = try await Self.plan("Find the Stripe customer with email lena@fjord.example and list her subscriptions")
        #expect(found.steps.filter { $0.capability == "list_customers" }.count == 1)
    }
}
