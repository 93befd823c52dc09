import Foundation
import PlotonCore
import Testing

/// Classes from blind rounds h79–h82 (session 30), each checked on the plan it makes.
@Suite struct PlannerSession30ClassesTests {
    @Test func a_value_taken_back_at_once_is_replaced_by_the_next() async throws {
        // Only the second address is written to; the first never.
        let mail = try await EmbeddedPlanning.workflow(
            "Email ana@brightline.example — sorry, ben@brightline.example — saying the draft is ready")
        #expect(mail.steps.map(\.capability) == ["send_message"])
        guard case .literal(.string(let raw))? = mail.steps.first?.input["raw"], let message = Base64URLText.decoded(raw) else {
            Issue.record("no message in \(mail)")
            return
        }
        #expect(message.contains("To: ben@brightline.example") && !message.contains("ana@"))
        let post = try await EmbeddedPlanning.workflow("post in #ops that the truck comes at 2 — sorry, at 5pm")
        #expect(post.steps.last?.input["text"] == .literal(.string("the truck comes at 5pm")))
    }

    @Test func a_change_told_about_a_person_is_made_to_their_record() async throws {
        let phone = try await EmbeddedPlanning.workflow("marco ruiz got a new number +1 415 555 0101 pls update")
        #expect(phone.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(phone.steps.first?.input["query"] == .literal(.string("Marco Ruiz")))
        #expect(phone.steps.last?.input["properties"] == .literal(.object(["phone": .string("+1 415 555 0101")])))
        let moved = try await EmbeddedPlanning.workflow("Liam Ortiz has moved to Bluefin Labs, could you update his company in the CRM?")
        #expect(moved.steps.last?.input["properties"] == .literal(.object(["company": .string("Bluefin Labs")])))
        let lead = try await EmbeddedPlanning.workflow(
            "Priya Shah is a new lead - priya@shah.example, Shah Design. Add her, and set up a call with her Thursday at 10am")
        #expect(lead.steps.map(\.capability) == ["create_contact", "create_event"])
    }

    @Test func a_company_named_with_a_services_word_is_the_company() async throws {
        let deal = try await EmbeddedPlanning.workflow("Find the Summit Events deal and move it to closed won, then tell #sales")
        #expect(deal.steps.map(\.capability) == ["search_deals", "find_channel", "update_deal", "post_message"])
        #expect(deal.steps.first?.input["query"] == .literal(.string("Summit Events")))
        // The service's own product keeps its word.
        let lunch = try await EmbeddedPlanning.workflow("add lunch to my Google Calendar tomorrow at 1pm")
        #expect(lunch.steps.map(\.capability) == ["create_event"])
    }

    @Test func who_hands_the_request_over_and_its_labels_are_no_part_of_it() async throws {
        let relayed = try await EmbeddedPlanning.workflow(
            "Orchestrator -> Ploton: the user wrote \"tell #support the phones are down until noon\". Please do that.")
        #expect(relayed.steps.map(\.capability) == ["find_channel", "post_message"])
        let labelled = try await EmbeddedPlanning.workflow(
            "Task: let the team know.\nContext: the release went out at 09:00.\nMessage to post in #releases: \"v2.3 is live, thanks all.\""
        )
        #expect(labelled.steps.last?.input["text"] == .literal(.string("v2.3 is live, thanks all.")))
        let titled = try await EmbeddedPlanning.workflow(
            "Task: contact lookup + outreach.\nFind Grace Kowalski's email in the CRM and send her a note saying the contract is ready.")
        #expect(titled.steps.map(\.capability) == ["search_contacts", "send_message"])
        let chore = try await EmbeddedPlanning.workflow("Chore 3 - export the deal list to Drive as deals.csv")
        #expect(chore.steps.map(\.capability) == ["list_deals", "upload_file"])
        // Why it is asked is not what is posted.
        let weather = try await EmbeddedPlanning.workflow(
            "Post the weather in Bristol to #site-team please, folks keep asking whether to bring coats")
        #expect(weather.steps.map(\.capability) == ["geocode", "current", "find_channel", "post_message"])
    }

    @Test func an_action_inside_a_condition_is_refused_with_the_condition() async throws {
        // The check read as a read, and the post inside its condition was lost: the task completed with nothing told.
        let failure = await EmbeddedPlanning.failure(
            "Check the Orbit renewal deal's amount, and if it's over $40,000 tell #finance to get legal involved")
        #expect(failure?.contains("no tool here acts only when a condition holds (\"if it's over $40,000 tell #finance") == true)
    }

    @Test func a_zone_written_in_words_sets_the_time() async throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2027-11-23T10:10:00Z"))
        let eastern = try await EmbeddedPlanning.workflow(
            "book a call with dev@kestrel.example tomorrow at 2 pm eastern for 30 minutes called pricing sync", now: now)
        #expect(eastern.steps.first?.input["start"] == .literal(.object(["dateTime": .string("2027-11-24T19:00:00Z")])))
        let european = try await EmbeddedPlanning.workflow(
            "set up a 45-minute review with ola@fjord.example on Friday at 11am Central European time", now: now)
        #expect(european.steps.first?.input["start"] == .literal(.object(["dateTime": .string("2027-11-26T10:00:00Z")])))
    }

    @Test func what_people_add_around_the_request_asks_nothing() async throws {
        let unpaid = try await EmbeddedPlanning.workflow("invoices for maria lopez? which ones are still unpaid")
        #expect(unpaid.steps.last?.input["status"] == .literal(.string("open")))
        let demo = try await EmbeddedPlanning.workflow("what time is the product demo this week")
        #expect(demo.steps.map(\.capability) == ["list_events"])
        let fresh = try await EmbeddedPlanning.workflow("any new emails from ops@harbor.example?")
        #expect(fresh.steps.first?.input["q"] == .literal(.string("is:unread from:ops@harbor.example")))
        let thanked = try await EmbeddedPlanning.workflow("Can you list the open deals and post them to #revenue? Thanks a ton.")
        #expect(thanked.steps.map(\.capability) == ["list_deals", "find_channel", "post_message"])
        let newcomer = try await EmbeddedPlanning.workflow("hey! im new to this. i want to add a deal for Apex Foods, 12k")
        #expect(newcomer.steps.map(\.capability) == ["create_deal"])
        let phone = try await EmbeddedPlanning.workflow("change sara kim's phone to +1 312 555 0144 she got a new number")
        #expect(phone.steps.last?.input["properties"] == .literal(.object(["phone": .string("+1 312 555 0144")])))
        let won = try await EmbeddedPlanning.workflow("the bluebird deal closed! we won it. update the crm")
        #expect(won.steps.last?.input["properties"] == .literal(.object(["dealstage": .string("closedwon")])))
    }

    @Test func two_kinds_of_record_asked_together_are_each_read() async throws {
        // The second kind was dropped and the task completed with half of what was asked.
        let counted = try await EmbeddedPlanning.workflow("count the open invoices and the past-due subscriptions")
        #expect(counted.steps.map(\.capability) == ["list_invoices", "list_subscriptions"])
        #expect(counted.steps.last?.input["status"] == .literal(.string("past_due")))
        let listed = try await EmbeddedPlanning.workflow("list the open deals and the contacts")
        #expect(listed.steps.map(\.capability) == ["list_deals", "list_contacts"])
        let channels = try await EmbeddedPlanning.workflow("how many members does #design have, and what's the topic of #ops?")
        #expect(channels.steps.map(\.capability) == ["find_channel", "find_channel"])
        // Their own records, not two reads.
        let theirs = try await EmbeddedPlanning.workflow("show the deals and their contacts")
        #expect(theirs.steps.map(\.capability) == ["list_deals"])
    }

    @Test func a_message_after_say_colon_keeps_its_sign_off() async throws {
        let mail = try await EmbeddedPlanning.workflow(
            "Email joan@fernhill.example with subject 'Receipts' and say: Hi Joan, the receipts are in the folder. "
                + "Let me know if anything's missing.")
        guard case .literal(.string(let raw))? = mail.steps.first?.input["raw"], let message = Base64URLText.decoded(raw) else {
            Issue.record("no message in \(mail)")
            return
        }
        #expect(message.contains("the receipts are in the folder. Let me know if anything's missing"))
    }

    @Test func a_subscription_named_by_its_holder_is_theirs() async throws {
        // Every customer's subscription was read as the one asked about.
        let plan = try await EmbeddedPlanning.workflow("what plan is nora ellis on and when does it renew")
        #expect(plan.steps.map(\.capability) == ["list_customers", "list_subscriptions"])
        #expect("\(plan.steps[0])".contains("Nora Ellis"))
        let renewal = try await EmbeddedPlanning.workflow("When does the Brightwave subscription renew?")
        #expect(renewal.steps.map(\.capability) == ["list_customers", "list_subscriptions"])
        // A plan's own name is no holder.
        let tier = try await EmbeddedPlanning.workflow("show the Pro subscriptions")
        #expect(tier.steps.map(\.capability) == ["list_subscriptions"])
    }
}
