import Foundation
import PlotonAPI
import PlotonCore
import Testing

/// Classes from blind rounds h139–h142 (session 39), each checked on the plan it makes: voice-assistant transcripts (h139: 71
/// of 100 at first sight, 8 silent drops), texting (h140: 88, 3 silent drops), hospitality managers (h141: 89) and trades on
/// site (h142: 80, 1 silent drop).
@Suite struct PlannerSession39ClassesTests {
    static let now = ISO8601DateFormatter().date(from: "2027-08-23T18:05:00Z")!

    static func plan(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    static func text(_ input: JSONInput?) -> String { input.map { "\($0)" } ?? "" }

    @Test func a_prohibition_said_with_fillers_still_refuses() async throws {
        // Each was planned and the refund or the post made (silent drops).
        #expect(
            await EmbeddedPlanning.failure("refund emma silva's last invoice um but actually don't issue any refunds this month") != nil)
        #expect(await EmbeddedPlanning.failure("refund ava garcia's latest invoice but like dont refund anything yet lol") != nil)
        #expect(
            await EmbeddedPlanning.failure(
                "post the open deals count in #sales. wait no, mgmt said nothing is to be posted this week 🙄") != nil)
        // "Once building control sign off the footings, post …": a wait, not a post now.
        let once = await EmbeddedPlanning.failure("Once building control sign off the footings, post in #general that we're good to pour")
        #expect(once?.contains("waits for something to happen") == true)
        // A correction is no prohibition: "- actually don't create it, just list the open deals" lists them.
        let corrected = try await Self.plan("Create a deal for Acme for $5,000 - actually don't create it, just list the open deals.")
        #expect(corrected.steps.map(\.capability) == ["list_deals"])
    }

    @Test func what_the_writer_is_doing_after_the_request_is_left_out() async throws {
        // Each was refused: "no tool here can pouring / got / doing / overcharged that".
        let weather = try await Self.plan("quick one - whats the weather doing in Manchester rn? pouring the slab this arvo")
        #expect(weather.steps.map(\.capability) == ["geocode", "current"])
        let wind = try await Self.plan("Hows the wind at Bristol right now, got the crane booked for 2pm")
        #expect(wind.steps.map(\.capability) == ["geocode", "current"])
        let contacts = try await Self.plan("List all our contacts with their phone numbers, doing a ring round for the new year bookings")
        #expect(contacts.steps.map(\.capability) == ["list_contacts"])
        let refund = try await Self.plan("refund $150 on pi_3QxT9aLkd8, overcharged them for the skip hire")
        #expect(refund.steps.map(\.capability) == ["get_payment", "create_refund"])
        let calendar = try await Self.plan("anything booked tomorrow? trying to squeeze in a callout")
        #expect(calendar.steps.map(\.capability) == ["list_events"])
        // "… so ppl stop asking me": the people are no contacts to read.
        let total = try await Self.plan("post the total of unpaid invoices in #general so ppl stop asking me 😤")
        #expect(total.steps.map(\.capability) == ["list_invoices", "find_channel", "post_message"])
        // A value of the request after its comma stays: ", closing 2026-06-30".
        let deal = try await Self.plan("Create a deal 'Globex - Platform' for $45,000, closing 2026-06-30")
        let written1 = Self.text(deal.steps.first?.input["properties"])
        #expect(written1.contains("2026-06-30"))
    }

    @Test func a_transcript_is_read_as_it_was_said() async throws {
        // "can you male …": mail (the words were sent, and the phone number never read).
        let male = try await Self.plan("can you male grace kowalskis phone number to ann at acme dot example")
        #expect(male.steps.map(\.capability) == ["search_contacts", "send_message"])
        // "emma silvas latest paid invoice": hers, not the newest of anyone's.
        let refund = try await Self.plan("refund twenty five dollars of emma silvas latest paid invoice")
        #expect(refund.steps.map(\.capability) == ["list_customers", "latest_invoice", "create_refund"])
        // "pound random" is #random; "closed one" is closed won.
        let post = try await Self.plan("send a message to pound random saying happy friday everyone")
        #expect(post.steps.map(\.capability) == ["find_channel", "post_message"])
        let won = try await Self.plan("move the globex renewal to closed one")
        let written2 = Self.text(won.steps.last?.input["properties"])
        #expect(written2.contains("closedwon"))
        // "what the weathers like", "when sprint planning is": read, then posted (the words were posted).
        let weather = try await Self.plan("tell the random channel what the weathers like in austin texas cause people keep asking")
        #expect(weather.steps.map(\.capability) == ["geocode", "current", "find_channel", "post_message"])
        let sprint = try await Self.plan("tell the engineering channel when sprint planning is")
        #expect(sprint.steps.first?.capability == "list_events")
        // "yesterdays support messages": the channel's messages, mailed.
        let relayed = try await Self.plan("email yesterdays support messages to ben at initech dot example")
        #expect(relayed.steps.map(\.capability) == ["find_channel", "list_messages", "send_message"])
        // "… she's in the crm": invited from her record.
        let call = try await Self.plan("book a call with chloe okafor on june fourteenth at ten am she's in the crm")
        #expect(call.steps.map(\.capability) == ["search_contacts", "create_event"])
        // "give her a call" is a call, which no tool makes (her invoices were listed).
        #expect(await EmbeddedPlanning.failure("give chloe okafor a call about her invoice") != nil)
    }

    @Test func a_team_named_for_its_channel_and_an_address_stated_after() async throws {
        // "post it to sales": #sales (the post was dropped).
        let invoice = try await Self.plan(
            "get diego rossi's latest invoice and uh post it to sales and also email it to diego at rossi dot example")
        #expect(invoice.steps.map(\.capability).contains("post_message"))
        #expect(invoice.steps.map(\.capability).last == "send_message")
        // "her email's ava@…": the invoice sent there (the inbox's newest mail was).
        let mailed = try await Self.plan("email ava garcia her latest invoice, her email's ava@garcia.example ty")
        #expect(mailed.steps.map(\.capability) == ["list_customers", "latest_invoice", "send_message"])
        // "Tell the Slack channel …" names no channel.
        #expect(try await EmbeddedPlanning.needsInput("Tell the Slack channel that lunch is here").contains("channel"))
    }

    @Test func a_contact_or_a_deal_as_trades_write_them() async throws {
        let gary = try await Self.plan("new client - add Gary Pritchard, gary@pritchardbuild.example, Pritchard Builders Ltd")
        #expect(gary.steps.map(\.capability) == ["create_contact"])
        let lena = try await Self.plan(
            "pls add the new pastry supplier: Lena Hoffmann, lena@sweetcrumb.example, company Sweet Crumb Bakery, phone 020 7946 0321")
        let lenaWritten = Self.text(lena.steps.first?.input["properties"])
        #expect(lenaWritten.contains("Hoffmann") && lenaWritten.contains("Sweet Crumb Bakery"))
        let lee = try await Self.plan("create contact for the new TP rep - Lee Barnes, lee.barnes@tp-merchants.example")
        let leeWritten = Self.text(lee.steps.first?.input["properties"])
        #expect(leeWritten.contains("Barnes") && !leeWritten.contains("TP"))
        let marcus = try await Self.plan("so yeah can you add marcus lee to the crm marcus at globex dot example he works at globex")
        let written3 = Self.text(marcus.steps.first?.input["properties"])
        #expect(written3.contains("globex"))
        // A figure listed among the values, or said after the name, is the amount (dropped, or kept in the name).
        let patel = try await Self.plan("Create a deal for the Patel wedding reception, 12,000, closing Feb 14")
        let patelWritten = Self.text(patel.steps.first?.input["properties"])
        #expect(patelWritten.contains("Patel wedding reception") && patelWritten.contains("12000"))
        let hooli = try await Self.plan("New deal: Hooli team offsite dinner, 40 covers, 3,200, stage appointment scheduled")
        let written4 = Self.text(hooli.steps.first?.input["properties"])
        #expect(written4.contains("3200"))
        let spoken = try await Self.plan("create a deal for hooli expansion forty two thousand dollars closing march thirty first")
        let spokenWritten = Self.text(spoken.steps.first?.input["properties"])
        #expect(spokenWritten.contains("42000") && !spokenWritten.contains("dollars"))
    }

    @Test func an_event_is_titled_by_what_it_is() async throws {
        // "for an hour" titled it "An"; "Wed 9 Dec" and "Dec" were titles.
        let visit = try await Self.plan("book a site visit at 22 Ashgrove Road tomorrow 10am for an hour")
        let written5 = Self.text(visit.steps.first?.input["summary"])
        #expect(!written5.contains("\"An\""))
        let pour = try await Self.plan("Put the slab pour in the calendar for Wed 9 Dec 7am-11am")
        let written6 = Self.text(pour.steps.first?.input["summary"])
        #expect(written6.lowercased().contains("slab pour"))
        let reminder = try await Self.plan("Put a reminder in the calendar for 15 Dec 8am - gas safe cert renewal")
        let written7 = Self.text(reminder.steps.first?.input["summary"])
        #expect(written7.contains("gas safe cert renewal"))
        // "book in a site visit with Gary": an event, whose time is asked.
        #expect(try await EmbeddedPlanning.needsInput("book in a site visit with Gary").contains("start"))
    }

    @Test func the_words_of_a_trade_pick_the_tool() async throws {
        #expect(try await Self.plan("read me the meeting notes file").steps.first?.capability == "list_files")
        #expect(try await Self.plan("find the drawings for the Hendricks loft").steps.first?.capability == "list_files")
        #expect(try await Self.plan("who've we got on file at Kelly Homes?").steps.first?.capability == "search_contacts")
        #expect(try await Self.plan("list all the customers we bill").steps.map(\.capability) == ["list_customers"])
        let status = try await Self.plan("look up payment pi_88ZkQ2 status rn")
        #expect(status.steps.map(\.capability) == ["get_payment"])
        let lost = try await Self.plan("we lost the vandelay pilot so mark it closed lost")
        #expect(lost.steps.map(\.capability) == ["search_deals", "update_deal"])
    }

    @Test func autocorrect_false_friends_and_an_agent_relaying_in_the_passive() async throws {
        // Rounds h143 (a phone's autocorrect), h145 (false friends) and h146 (an agent relaying its user): silent drops each.
        let refund = try await Self.plan("Rembourse completely the last invoice of Emma Silva")
        #expect(refund.steps.map(\.capability) == ["list_customers", "latest_invoice", "create_refund"])
        let relayed = try await Self.plan("The user wants $40 refunded on payment pi_VFoep3psnlEkd8 — \"just forty bucks\".")
        #expect(relayed.steps.map(\.capability).last == "create_refund")
        let logged = try await Self.plan("The user wants a new deal logged: \"Umbrella Corp - Expansion\", $25,000.")
        #expect(logged.steps.map(\.capability) == ["create_deal"])
        let invite = try await Self.plan("Schedule a call with Ben Chen tomorrow at 11, his mail is in the CRM.")
        #expect(invite.steps.map(\.capability) == ["search_contacts", "create_event"])
        let typed = try await Self.plan("book a call with noah okafor weds at 10, hes in the crm")
        #expect(typed.steps.map(\.capability) == ["search_contacts", "create_event"])
        let moved = try await Self.plan("liam kowalski moved to initech, update his company")
        #expect(moved.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(try await Self.plan("whether in lisbon rn?").steps.map(\.capability) == ["geocode", "current"])
        // WhatsApp, written as a verb or a group, is refused rather than read or asked where to post.
        #expect(await EmbeddedPlanning.failure("whatsapp noah okafor the globex deal status")?.contains("WhatsApp") == true)
        #expect(await EmbeddedPlanning.failure("send 'omw 🏃' to the squad whatsapp group") != nil)
    }
}
