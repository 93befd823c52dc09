import Foundation
import PlotonCore
import Testing

/// Blind round h21 (session 12), by class: dictated prompts (fillers, emoji, numbers in words), the
/// recipient's own invoice, a service no tool reads from, days ahead, verbs no tool takes.
@Suite struct PlannerRoundH21Tests {
    static func capabilities(_ prompt: String) async throws -> [String] {
        try await EmbeddedPlanning.workflow(prompt).steps.map { "\($0.tool).\($0.capability)" }
    }

    @Test func spoken_fillers_and_emoji_before_the_verb_are_no_words_of_the_request() async throws {
        #expect(
            try await Self.capabilities("🎉 post 'We just closed Halvorsen Marine!!' in #wins 🎉")
                == ["chat.find_channel", "chat.post_message"], "the post was a read of #wins")
        let sent = try await EmbeddedPlanning.workflow("um email the open deals to uh ann@acme.example")
        #expect(sent.steps.map(\.capability) == ["list_deals", "send_message"], "\"um\" was searched in Gmail")
        let quoted = try await EmbeddedPlanning.workflow("post '🎉 um yes' in #wins")
        #expect(quoted.steps.last?.input["text"] == .literal(.string("🎉 um yes")), "quoted words stay as written")
        #expect(
            try await Self.capabilities("can u grab the latest msg in #engineering n email it to me at dev@kettle.co thx")
                == ["chat.find_channel", "chat.list_messages", "email.send_message"])
    }

    @Test func times_lengths_and_days_said_in_words_are_read() async throws {
        let event = try await EmbeddedPlanning.workflow(
            "set up a dentist appointment on the fifth of january at nine thirty am for thirty minutes")
        #expect(event.steps.first?.input["summary"] == .literal(.string("Dentist appointment")))
        guard case .literal(let start)? = event.steps.first?.input["start"], case .literal(let end)? = event.steps.first?.input["end"]
        else {
            Issue.record("no start or end")
            return
        }
        #expect(start.value(at: "dateTime")?.stringValue?.hasSuffix("-01-05T09:30:00Z") == true)
        #expect(end.value(at: "dateTime")?.stringValue?.hasSuffix("-01-05T10:00:00Z") == true)
        let call = try await EmbeddedPlanning.workflow(
            "um can you schedule a vendor review tomorrow at three pm for forty five minutes with priya@nandi.io")
        #expect(call.steps.map(\.capability) == ["create_event"], "the schedule was a calendar read")
    }

    @Test func days_ahead_move_the_event_from_today() async throws {
        let now = Date(timeIntervalSince1970: 1_796_288_400)  // 2026-12-03T09:00:00Z
        for (prompt, day) in [
            ("schedule a site visit in 2 weeks at 8am", "2026-12-17"), ("schedule a review in three days at 10am", "2026-12-06"),
            ("book a call with ann@x.example a week from today at 3pm", "2026-12-10"),
        ] {
            let result = try await EmbeddedPlanner().plan(
                PlanningRequest(prompt: prompt, userID: nil, pinnedTool: nil, input: [:], catalog: .builtIn, now: now))
            guard case .workflow(let workflow) = result, case .literal(let start)? = workflow.steps.last?.input["start"] else {
                Issue.record("\(prompt): \(result)")
                continue
            }
            #expect(start.value(at: "dateTime")?.stringValue?.hasPrefix(day) == true, "\(prompt): \(start)")
        }
    }

    @Test func the_recipients_own_invoice_is_read_for_the_customer_with_that_address() async throws {
        let workflow = try await EmbeddedPlanning.workflow("Email tomasz.wr@lakeside-print.pl his latest invoice.")
        #expect(workflow.steps.map(\.capability) == ["list_customers", "latest_invoice", "send_message"])
        #expect(workflow.steps[0].input["email"] == .literal(.string("tomasz.wr@lakeside-print.pl")))
        #expect(workflow.steps[1].input["customer"] == .reference(step: 0, path: "0.id"), "another customer's invoice was sent")
    }

    @Test func a_read_from_a_service_no_tool_connects_to_is_refused() async throws {
        let shopify = await EmbeddedPlanning.failure("pull yesterday's Shopify orders and email them to ops@wildfern.example")
        #expect(shopify?.contains("no tool here connects to Shopify") == true, "\(shopify ?? "planned")")
        let salesforce = await EmbeddedPlanning.failure("Look up the Hooli deal on Salesforce and email it to kim@brightpath.io")
        #expect(salesforce?.contains("no tool here connects to Salesforce") == true, "\(salesforce ?? "planned")")
        let said = try await EmbeddedPlanning.workflow("tell #eng the Shopify store is down")
        #expect(said.steps.last?.input["text"] == .literal(.string("the Shopify store is down")), "a message about it is said")
    }

    @Test func a_verb_no_tool_takes_is_refused_and_organise_schedules() async throws {
        let paused = await EmbeddedPlanning.failure("Pause Ava Garcia's subscription until January")
        #expect(paused?.contains("no tool here can pause that") == true, "\(paused ?? "planned: the subscription was read")")
        let organised = try await EmbeddedPlanning.workflow(
            "Please organise a 1-hour catch-up with fiona@thistlehr.example next Monday at 10am, titled Quarterly catch-up.")
        #expect(organised.steps.first?.input["summary"] == .literal(.string("Quarterly catch-up")))
        let named = try await EmbeddedPlanning.workflow(
            "make a meeting with jonas@fjordlabs.example on 14 December at 14:00, one hour, name is Design handover")
        #expect(named.steps.first?.input["summary"] == .literal(.string("Design handover")))
    }

    @Test func markdown_headings_are_labels_and_emphasis_marks_no_words() async throws {
        let task = try await EmbeddedPlanning.workflow(
            "## Task\n- Find the **Okonkwo & Sons** deal in HubSpot\n- Change its amount to $18,500\n- Tell #sales-emea it's been updated")
        #expect(task.steps.map(\.capability) == ["search_deals", "find_channel", "update_deal", "post_message"])
        #expect(task.steps[0].input["query"] == .literal(.string("Okonkwo & Sons")))
        let todo = try await EmbeddedPlanning.workflow(
            "### To do\n1. Get the open deals from HubSpot\n2. Save them to Drive as open-pipeline.csv\n3. Email them to ceo@maplecrest.io")
        #expect(todo.steps.map(\.capability) == ["list_deals", "upload_file", "send_message"])
        guard case .template(let body)? = todo.steps.last?.input["raw"] else {
            Issue.record("raw: \(String(describing: todo.steps.last?.input["raw"]))")
            return
        }
        #expect(body.contains("{{0|summary}}"), "\"them\" are the deals as readable lines, not the file's CSV")
    }

    @Test func a_context_sentence_or_a_goal_the_steps_spell_out_asks_for_nothing() async throws {
        let refund = try await EmbeddedPlanning.workflow(
            #"Context: a customer was double charged. The user (Elsa, support) asked: "please refund €40 of payment pi_3QeL9xKf2"."#)
        #expect(refund.steps.map(\.capability) == ["get_payment", "create_refund"])
        let steps = try await EmbeddedPlanning.workflow(
            "Goal: onboard a new client. Steps: (a) add Chiara Bellini (chiara@bellini.example) as a contact; "
                + "(b) post in #new-clients: Bellini signed!")
        #expect(steps.steps.map(\.capability) == ["find_channel", "create_contact", "post_message"])
    }

    @Test func a_delivery_after_a_post_carries_what_was_posted_and_a_count_after_its_records_counts() async throws {
        let both = try await EmbeddedPlanning.workflow("weather lisbon + madrid -> #travel-desk, and email to ops@sol-tours.example")
        #expect(both.steps.map(\.capability).suffix(3) == ["find_channel", "post_message", "send_message"], "it asked for a body")
        let count = try await EmbeddedPlanning.workflow("Post the open deals count in #sales")
        #expect(count.steps.last?.input["text"] == .template("Deals: {{0|count}}"))
    }

    @Test func an_export_to_a_kind_of_file_reads_its_records_and_a_ping_when_done_says_what_was_saved() async throws {
        let export = try await EmbeddedPlanning.workflow(
            "Export our Stripe subscriptions to a spreadsheet on Drive called subs.csv and ping #general when done")
        #expect(export.steps.map(\.capability) == ["list_subscriptions", "find_channel", "upload_file", "post_message"])
        #expect(export.steps.last?.input["text"] == .template("{{0|summary}}"), "\"when done\" was posted, or the CSV")
    }

    @Test func a_record_named_without_a_verb_after_a_create_is_created_too() async throws {
        let both = try await EmbeddedPlanning.workflow(
            "New contact: Tomás Ruiz <tomas@ruizvinos.example>, company Ruiz Vinos; then a deal 'Ruiz Vinos - Import' €22,000")
        #expect(both.steps.map(\.capability) == ["create_contact", "create_deal"], "the deal was searched for")
    }
}
