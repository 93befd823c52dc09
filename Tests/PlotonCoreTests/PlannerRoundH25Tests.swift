import Foundation
import PlotonCore
import Testing

/// Blind round h25 (session 14; in the bundled set since session 15), by class.
@Suite struct PlannerRoundH25Tests {
    static let now = Date(timeIntervalSince1970: 1_796_639_400)  // 2026-12-07 10:30 UTC, a Monday

    static func plan(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    /// "on the 10th" was no day: every event was read and emailed.
    @Test func a_day_of_the_month_without_its_month_is_the_coming_one() async throws {
        let events = try await Self.plan("email the titles and start times of my calendar events on the 10th to ops@ourco.example")
        #expect(events.steps.first?.input["timeMin"] == .literal(.string("2026-12-10T00:00:00Z")))
        // Passed this month: next month's.
        let third = try await Self.plan("what's on my calendar on the 3rd")
        #expect(third.steps.first?.input["timeMin"] == .literal(.string("2027-01-03T00:00:00Z")))
        // A place in a list is no day.
        let second = try await Self.plan("read the 2nd message in #general")
        #expect(second.steps.allSatisfy { $0.input["timeMin"] == nil })
    }

    /// "Q3 report.pdf" was searched as "report.pdf": "Q3" was taken for a brand.
    @Test func a_file_name_keeps_its_capitalised_words() async throws {
        let file = try await Self.plan("Get the details of the file Q3 report.pdf")
        #expect(file.steps.first?.input["q"] == .literal(.string("name contains 'Q3 report.pdf'")))
    }

    /// An agent's account of what happened is no action: "he put a board deck in Drive last week" asked for a
    /// file name to upload.
    @Test func what_someone_did_before_the_request_is_context() async throws {
        let listed = try await Self.plan(
            #"Writing on behalf of Noah Kim: he put a board deck in Drive last week and can't find it. Could you list the files whose names contain "board"?"#
        )
        #expect(listed.steps.map(\.capability) == ["list_files"])
        #expect(listed.steps.first?.input["q"] == .literal(.string("name contains 'board'")))
    }

    /// A meeting and its time with no verb, then "call it …": one to make (it failed on "call").
    @Test func a_described_meeting_named_after_a_comma_is_made() async throws {
        let event = try await Self.plan("meeting with the d'Almeida family on Tuesday the 15th, 10-11am, call it Estate planning")
        #expect(event.steps.map(\.capability) == ["create_event"])
        #expect(event.steps.first?.input["summary"] == .literal(.string("Estate planning")))
        #expect(event.steps.first?.input["start"] == .literal(.object(["dateTime": .string("2026-12-15T10:00:00Z")])))
    }

    /// "Carlos asked me to check Stripe for …. Please include their name, customer id and when they signed up.": the
    /// fields asked after the relayed request were dropped with the framing.
    @Test func fields_asked_after_a_relayed_request_are_kept() async throws {
        let customer = try await Self.plan(
            "Hi, I'm the scheduling assistant for Carlos Mendes. Carlos asked me to check Stripe for the customer with the email "
                + "carlos.client@acme.example. Please include their name, customer id and when they signed up.")
        #expect(customer.steps.map(\.capability) == ["list_customers"])
        #expect(customer.resultFields == ["name", "customer id", "when they signed up"])
    }

    /// Whom the agent works for asks for nothing: "I'm writing for our finance lead, Aoife O'Brien." looked her up in
    /// the CRM before listing the subscriptions.
    @Test func whom_the_agent_works_for_is_context() async throws {
        let listed = try await Self.plan(
            "I'm writing for our finance lead, Aoife O'Brien. She needs an overview of upcoming subscription renewals. Please "
                + "list the active subscriptions, including the plan, the amount and the next billing date.")
        #expect(listed.steps.map(\.capability) == ["list_subscriptions"])
        #expect(listed.resultFields == ["plan", "amount", "next billing date"])
    }

    /// A meeting described in one sentence and placed in the next ("Please add it to her calendar") is made once; it
    /// asked for its title and start.
    @Test func a_meeting_described_then_added_to_a_calendar_is_made() async throws {
        let call = try await Self.plan(
            #"I'm an assistant for Hannah Schmidt. She needs a call titled "Vendor sync - Müller GmbH" on the 14th at 09:30 for 45 minutes, "#
                + "with k.weber@mueller.example invited. Please add it to her calendar.")
        #expect(call.steps.map(\.capability) == ["create_event"])
        let input = call.steps.first?.input
        #expect(input?["summary"] == .literal(.string("Vendor sync - Müller GmbH")))
        #expect(input?["start"] == .literal(.object(["dateTime": .string("2026-12-14T09:30:00Z")])))
        #expect(input?["end"] == .literal(.object(["dateTime": .string("2026-12-14T10:15:00Z")])))
        #expect(input?["attendees"] == .literal(.array([.object(["email": .string("k.weber@mueller.example")])])))
        // "… and invite her": the person the meeting is with, once.
        let chat = try await Self.plan(
            "Set up a coffee chat with Zoë Ruiz-Park (zoe@ruizpark.example) the day after tomorrow at 10am for an hour. Please "
                + "put it on the calendar and invite her.")
        #expect(chat.steps.map(\.capability) == ["create_event"])
        #expect(chat.steps.first?.input["attendees"] == .literal(.array([.object(["email": .string("zoe@ruizpark.example")])])))
    }

    /// "Her contact Marcus Greene … works at Fabrikam. Please update his company to Fabrikam.": his contact, found by his
    /// name; the new value was searched for (the first contact at Fabrikam would have been changed) or nothing planned.
    @Test func his_record_is_the_person_named_before() async throws {
        for prompt in [
            "I'm helping Sofia Rossi keep her CRM tidy. Her contact Marcus Greene has changed jobs and now works at Fabrikam. "
                + "Please update his company to Fabrikam.",
            "Marcus Greene has changed jobs. Please update his company to Fabrikam.",
        ] {
            let update = try await Self.plan(prompt)
            #expect(update.steps.map(\.capability) == ["search_contacts", "update_contact"], "\(prompt)")
            #expect(update.steps.first?.input["query"] == .literal(.string("Marcus Greene")), "\(prompt)")
            #expect(update.steps.last?.input["id"] == .reference(step: 0, path: "0.id"))
            #expect(update.steps.last?.input["properties"] == .literal(.object(["company": .string("Fabrikam")])))
        }
    }

    /// "search … from ceo@…, read the newest one, and post its gist": the message is read and posted; the post carried
    /// the search's message ids.
    @Test func the_newest_message_a_search_found_is_read_when_asked() async throws {
        let posted = try await Self.plan(
            "Search my email for messages from ceo@initech.example, read the newest one, and post its gist in #leadership")
        #expect(posted.steps.map(\.capability) == ["search_messages", "read_message", "find_channel", "post_message"])
        #expect(posted.steps[1].input["id"] == .reference(step: 0, path: "0.id"))
        #expect(posted.steps[3].input["text"] == .template("{{1|summary}}"))
    }

    /// "Refund $45.50 on the latest invoice's payment and email the customer that it's done": the latest invoice's
    /// payment, refunded, and its customer told; it asked for the payment intent and the address.
    @Test func the_customer_of_a_refunded_invoice_is_emailed() async throws {
        let refund = try await Self.plan("Refund $45.50 on the latest invoice's payment and email the customer that it's done")
        #expect(refund.steps.map(\.capability) == ["latest_invoice", "create_refund", "send_message"])
        #expect(refund.steps[1].input["amount"] == .literal(.number(4550)))
        #expect(refund.steps[1].input["payment_intent"] == .reference(step: 0, path: "payment_intent"))
        guard case .template(let raw)? = refund.steps[2].input["raw"] else {
            Issue.record("no message")
            return
        }
        #expect(raw.contains("To: {{0.customer_email}}"))
    }

    /// "… with the current conditions in the description": the weather read goes into the event (it was made without).
    @Test func what_was_read_goes_into_an_event_description() async throws {
        let hike = try await Self.plan(
            "Check the weather in Denver and put a 'Team hike' event on my calendar for Saturday at 8am for 3 hours with the "
                + "current conditions in the description")
        #expect(hike.steps.map(\.capability) == ["geocode", "current", "create_event"])
        #expect(hike.steps[2].input["description"] == .template("{{1|summary}}"))
        let quoted = try await Self.plan(#"schedule 'Offsite prep' tomorrow at 2pm with the description "Bring the budget""#)
        #expect(quoted.steps.first?.input["description"] == .literal(.string("Bring the budget")))
        #expect(quoted.steps.first?.input["summary"] == .literal(.string("Offsite prep")))
    }

    /// "… and send her a welcome email with the subject 'Welcome aboard'": a message of its own after a record was made
    /// names no content, so its words are asked for (at run time the body was the contact record); "email her the
    /// details" still sends the record.
    @Test func a_message_of_its_own_after_a_create_asks_for_its_words() async throws {
        let asked = try await EmbeddedPlanning.needsInput(
            "Create a contact for Zoë Clarke (zoe@clarke-design.example) and send her a welcome email with the subject 'Welcome aboard'")
        #expect(asked == ["body"])
        let details = try await Self.plan("Create a contact for Zoë Clarke (zoe@clarke-design.example) and email her the details")
        #expect(details.steps.map(\.capability) == ["create_contact", "send_message"])
        let posted = try await Self.plan("create a deal Acme renewal worth 5k and let #sales know")
        #expect(posted.steps.map(\.capability).last == "post_message")
    }
}
