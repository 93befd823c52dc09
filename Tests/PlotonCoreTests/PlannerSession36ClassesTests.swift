import Foundation
import PlotonAPI
import PlotonCore
import Testing

/// Classes from blind rounds h115–h118 (session 36), each checked on the plan it makes: above all, text pasted or forwarded
/// with the request written around it (h117: 39 of 100 at first sight).
@Suite struct PlannerSession36ClassesTests {
    static let now = ISO8601DateFormatter().date(from: "2027-09-14T16:45:00Z")!

    static func plan(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    static func text(_ input: JSONInput?) -> String { input.map { "\($0)" } ?? "" }

    @Test func what_a_pasted_thread_asks_of_others_is_no_part_of_the_request() async throws {
        // Jorge's "send your dietary stuff" and the rest were read as parts; the request is the writer's question.
        let weather = try await Self.plan(
            "FW: offsite logistics\n\n> Team, we're meeting in Lisbon on the 28th. Bring a jacket maybe? Carla will book the bus, and please send your dietary stuff to Jorge by Friday.\n> - Jorge\n\nwhat's the weather like in Lisbon right now?"
        )
        #expect(weather.steps.map(\.capability) == ["geocode", "current"])
        #expect(weather.steps[0].input["name"] == .literal(.string("Lisbon")))
        // "Forwarding this:" was read as a forward, and the lunch never booked.
        let lunch = try await Self.plan(
            "Forwarding this:\n\n> From: ann@acme.example\n> Subject: Lunch on Friday?\n> Are you free Friday for lunch? Also could you bring the Q3 numbers, Raj wants to see them.\n\nput lunch with Ann on my calendar friday 12:30-1:30"
        )
        #expect(lunch.steps.map(\.capability) == ["create_event"])
        #expect(lunch.steps[0].input["start"] == .literal(.object(["dateTime": .string("2027-09-17T12:30:00Z")])))
        // Mia's "remind me to call Ana on Friday" was planned beside the search.
        let search = try await Self.plan(
            "see the exchange below, can you check my inbox for anything from billing@globex.example\n\nMia: did Globex ever send that revised quote?\nYou: not sure, will check\nMia: also remind me to call Ana on Friday"
        )
        #expect(search.steps.first?.input["q"] == .literal(.string("from:billing@globex.example")))
        #expect(!search.steps.contains { $0.tool == "calendar" })
    }

    @Test func this_or_the_below_sent_or_saved_is_the_pasted_text() async throws {
        // The post asked for its text.
        let post = try await Self.plan(
            "can you post this in #engineering pls\n\n> Deploy freeze starts Thursday 18:00 UTC and runs until Monday morning. Ping the on-call (Ravi this week) for anything urgent."
        )
        #expect(post.steps.map(\.capability) == ["find_channel", "post_message"])
        #expect(Self.text(post.steps[1].input["text"]).contains("\"Deploy freeze starts Thursday 18:00 UTC"))
        // The files were listed with the notes as the query (a silent drop).
        let notes = try await Self.plan(
            "see below, can you save these notes to drive as vendor-call.txt\n\nVendor call 14/9: pricing holds until Dec, Leo to send PO, next check-in 1 Oct. Ask Mia about SOC2."
        )
        #expect(notes.steps.map(\.capability) == ["upload_file"])
        #expect(Self.text(notes.steps[0].input["content"]).contains("pricing holds until Dec"))
    }

    @Test func a_pasted_ask_pointed_at_is_the_request() async throws {
        // "pls action the hooli one ^": the Hooli pilot marked closed won (its question was planned, a silent drop).
        let hooli = try await Self.plan(
            "[10:02] Priya: has anyone looked at the Hooli pilot?\n[10:04] Marcus: not yet, I'm out till Thursday\n[10:05] Priya: they signed this morning!! can someone mark it closed won\n[10:05] Marcus: also we should ping Dana about the Initech renewal\n\npls action the hooli one ^"
        )
        #expect(hooli.steps.map(\.capability) == ["search_deals", "update_deal"])
        #expect(hooli.steps[0].input["query"] == .literal(.string("Hooli pilot")))
        // "answer Ravi": what he asked the bot.
        let review = try await Self.plan(
            "Thread from #engineering:\nRavi: who's doing the design review Thursday?\nAna: me. also can someone move sprint planning?\nRavi: @bot when is the design review?\n\nanswer Ravi"
        )
        #expect(review.steps.map(\.capability) == ["list_events"])
        // "can you do the first bit": Tom's ask, to the address he signs with.
        let tom = try await Self.plan(
            "> Hey, can you email me the contact details of everyone at Hooli? I'm meeting them Friday. -Tom (tom@ourco.example)\n> PS: and get me a hotel nearby if you can\n\ncan you do the first bit"
        )
        #expect(tom.steps.map(\.capability) == ["search_contacts", "send_message"])
        #expect(Self.text(tom.steps[1].input["raw"]).contains("To: tom@ourco.example"))
        // "* Action for the bot: how many open deals …": the line addressed to the bot.
        let count = try await Self.plan(
            "Meeting notes - pipeline review 14/09\nattendees: me, Dana, Luis\n* Dana will call Wayne Enterprises tomorrow\n* Luis wants the Acme expansion pushed to Q4\n* Action for the bot: how many open deals do we have right now? want the number for the deck"
        )
        #expect(count.steps.map(\.capability) == ["list_deals"])
    }

    @Test func a_hand_offs_own_lines_are_no_pasted_chat() async throws {
        // "Filename: …\nContent: …" and "Yesterday: …\nToday: …" are labels, not people talking.
        let standup = try await Self.plan(
            "Post in #standup:\nYesterday: finished GST report\nToday: vendor reconciliation\nBlockers: none\n"
                + "and after that upload same text to Drive as standup-11-06.txt")
        #expect(standup.steps.map(\.capability) == ["find_channel", "post_message", "upload_file"])
        #expect(Self.text(standup.steps[1].input["text"]).contains("vendor reconciliation"))
        let broadcast = try await Self.plan(
            "Please broadcast the following to #general and #engineering:\n> Maintenance window tonight 22:00-23:00 UTC. Expect brief API downtime."
        )
        #expect(broadcast.steps.filter { $0.capability == "post_message" }.count == 2)
        let announced = Self.text(broadcast.steps.last?.input["text"])
        #expect(announced.contains("Maintenance window tonight"))
    }

    @Test func an_aside_about_who_asks_is_no_message() async throws {
        // The weather was never read; the aside was sent (both silent drops).
        let jacket = try await Self.plan("send tom@ourco.example the weather in Barcelona, he's asking whether to pack a jacket")
        #expect(jacket.steps.map(\.capability) == ["geocode", "current", "send_message"])
        let umbrellas = try await Self.plan(
            "Post the weather for Paris, Amsterdam and Brussels in #general - roadshow team wants to know if they need umbrellas")
        #expect(umbrellas.steps.filter { $0.capability == "current" }.count == 3)
        let weather = Self.text(umbrellas.steps.last?.input["text"])
        #expect(!weather.contains("umbrellas"))
        // The summary's words were posted, the invoices never read (a silent drop).
        let summary = try await Self.plan("Post the month-end AR summary to #finance - total amount due on unpaid invoices")
        #expect(summary.steps.map(\.capability) == ["list_invoices", "find_channel", "post_message"])
        // The fields were sent as the message, the deal never read (a silent drop).
        let deal = try await Self.plan("Email our ops lead ana.costa@ourco.example the Hooli deal - amount and stage")
        #expect(deal.steps.map(\.capability) == ["search_deals", "send_message"])
        let polite = try await Self.plan(
            "Send a dunning reminder to chloe.okafor@example.com - her Starter invoice is past due, net 30 terms. Keep it polite, it's the first nudge."
        )
        #expect(polite.steps.last?.capability == "send_message")
        let posted = try await Self.plan("What was posted in #engineering yesterday? Want to see if the billing webhook fix shipped")
        #expect(posted.steps.map(\.capability) == ["find_channel", "list_messages"])
    }

    @Test func records_and_titles_said_another_way() async throws {
        // An email was planned, to him, with the calendar in it (a silent drop).
        let kim = try await Self.plan(
            "Hey, quick one between interviews - Daniel Kim (hiring manager for Platform) needs to be in the CRM. daniel.kim@ourco.example")
        #expect(kim.steps.map(\.capability) == ["create_contact"])
        let renewal = try await Self.plan("Initech renewal: PO received, mark it closed won")
        #expect(renewal.steps.map(\.capability) == ["search_deals", "update_deal"])
        let interview = try await Self.plan(
            #"Can you set up a 45 min interview with Priya Raman tomorrow at 10am? Please title it "Priya Raman - Backend Onsite". Thanks!"#
        )
        #expect(interview.steps.first?.input["summary"] == .literal(.string("Priya Raman - Backend Onsite")))
        let patch = try await Self.plan("PATCH deal 2001 amount=31000")
        #expect(patch.steps.map(\.capability) == ["update_deal"])
        #expect(patch.steps[0].input["id"] == .literal(.string("2001")))
        #expect(try await Self.plan("Which clients do we have in payments?").steps.map(\.capability) == ["list_customers"])
        let warmer = try await Self.plan("Is Lisbon or Madrid warmer right now?")
        #expect(warmer.steps.filter { $0.capability == "geocode" }.count == 2)
        let check = try await Self.plan("Weather check for the roadshow: New York, Chicago and San Francisco.")
        #expect(check.steps.first?.input["name"] == .literal(.string("New York")))
        let docusign = await EmbeddedPlanning.failure("Send the offer through DocuSign to tomasz.nowak@protonmail.com")
        #expect(docusign?.contains("DocuSign") == true)
    }
}
