import Foundation
import PlotonCore
import Testing

/// Run-time findings of round h22: each task completed having done something else than asked (another
/// customer's records emailed, a period dropped, a new email for a reply, part of a request done).
@Suite struct PlannerRunTimeH22Tests {
    static let now = Date(timeIntervalSince1970: 1_796_313_600)  // Thursday 2026-12-03 16:00 UTC

    static func plan(_ prompt: String) async throws -> PlanningResult {
        try await EmbeddedPlanner().plan(
            PlanningRequest(prompt: prompt, userID: nil, pinnedTool: nil, input: [:], catalog: .builtIn, now: now))
    }

    static func workflow(_ prompt: String) async throws -> Workflow {
        guard case .workflow(let workflow) = try await plan(prompt) else {
            Issue.record("expected a workflow for \(prompt)")
            throw CancellationError()
        }
        return workflow
    }

    static func failure(_ prompt: String) async -> String? {
        do {
            _ = try await plan(prompt)
            return nil
        } catch {
            return (error as? PlanningFailure)?.message ?? "\(error)"
        }
    }

    static func literal(_ input: JSONInput?) -> JSONValue? {
        if case .literal(let value)? = input { return value }
        return nil
    }

    static func nameKept(_ step: PlannedStep?) -> String? {
        step?.keep?.first { $0.path == "name" && $0.op == .equals }?.value.stringValue
    }

    @Test func a_named_customer_keeps_its_ampersand_apostrophe_and_digits_and_narrows_the_read() async throws {
        // The subscription search was unfiltered (the name cut at "&"): every customer's subscription was emailed.
        for (prompt, name) in [
            "Email Fenwick & Daughters' subscription details to ana@fenwick.example": "Fenwick & Daughters",
            "Pull O'Connell & Daughters' open invoices and post them in #accounts": "O'Connell & Daughters",
            "What subscription is Baker & Sons on? Email it to ops@baker.example": "Baker & Sons",
            "What does O'Connell & Daughters owe us?": "O'Connell & Daughters",
            "Show 3M's invoices": "3M",
            "Email Emma Silva's subscription to ana@corvid.ai": "Emma Silva",
        ] {
            let steps = try await Self.workflow(prompt).steps
            #expect(steps.first?.capability == "list_customers", "\(prompt)")
            #expect(Self.nameKept(steps.first) == name, "\(prompt)")
            #expect(steps.dropFirst().first?.input["customer"] == .reference(step: 0, path: "0.id"), "\(prompt)")
        }
        let deal = try await Self.workflow("Find the 3M Renewal 2027 deal and move it to closed won").steps
        #expect(deal.first?.input["query"] == .literal(.string("3M Renewal 2027")))
        #expect(deal.map(\.capability) == ["search_deals", "update_deal"])
        // A count before the record word is no name.
        #expect(try await Self.workflow("show the last 5 deals").steps.first?.input["query"] == nil)
    }

    @Test func periods_named_in_words_filter_the_read() async throws {
        let deals = try await Self.workflow("Show me the deals closing next month").steps
        #expect(
            deals.first?.keep == [
                OutputCondition(path: "properties.closedate", op: .since, value: .string("2027-01-01T00:00:00Z")),
                OutputCondition(path: "properties.closedate", op: .before, value: .string("2027-02-01T00:00:00Z")),
            ])
        let demo = try await Self.workflow("Schedule a demo with ana@corvid.ai the day after tomorrow at 10am").steps
        #expect(demo.first?.input["start"] == .literal(.object(["dateTime": .string("2026-12-05T10:00:00Z")])))
        // "that day" is the day another part names: the calendar of that Friday, not every event.
        let agenda = try await Self.workflow(
            "Schedule a call with ben@initech.example on Friday at 2pm and tell me what else is on that day"
        ).steps
        #expect(agenda.map(\.capability) == ["create_event", "list_events"])
        #expect(agenda.last?.input["timeMin"] == .literal(.string("2026-12-04T00:00:00Z")))
        let weather = await Self.failure("What's on my calendar on Monday? And what's the weather in Oslo that day?")
        #expect(weather?.contains("no forecast for that day") == true, "\(weather ?? "planned")")
    }

    @Test func a_reply_to_an_email_is_refused_and_a_message_to_an_address_is_sent() async throws {
        for prompt in [
            "Reply to the latest email from a@corvid.ai saying thanks, got it",
            "reply to ben@initech.example's last email: sounds good, see you Friday",
        ] {
            let refused = await Self.failure(prompt)
            #expect(refused?.contains("no tool here can reply") == true, "\(prompt): \(refused ?? "a new email was sent")")
        }
        #expect(
            try await Self.workflow("Reply to billing@globex.example saying the invoice was paid yesterday").steps.map(\.capability)
                == ["send_message"])
    }

    @Test func a_part_no_tool_can_do_is_refused_not_half_done() async throws {
        for (prompt, named) in [
            "Check the weather in Leeds and — only if it's raining — post 'Bring umbrellas' in #office": "only if it's raining",
            "Email ana@corvid.ai and ben@corvid.ai her latest invoice": "\"her\" could mean any of them",
            "Email ana@corvid.ai and ben@corvid.ai their latest invoices": "each one's own record",
            "DM ana that the deploy is done": "no tool here sends a direct message",
            "send Ben a direct message saying the build is green": "no tool here sends a direct message",
            "text the team that standup moved to 10": "no tool here can text",
            "add ana@corvid.ai to the 3pm meeting": "adds someone to an event that exists",
            "add Ana to tomorrow's standup": "adds someone to an event that exists",
            "Post the current weather in Lisbon and tomorrow's forecast to #travel": "no forecast for tomorrow",
        ] {
            let refused = await Self.failure(prompt)
            #expect(refused?.contains(named) == true, "\(prompt): \(refused ?? "planned")")
        }
        // An event with a time of its own is made; a message to a channel is posted.
        #expect(
            try await Self.workflow("invite ben@initech.example to the design review on friday at 3pm").steps.map(\.capability)
                == ["create_event"])
        #expect(try await Self.workflow("Please DM #random the weather in Lima").steps.last?.capability == "post_message")
        #expect(
            try await Self.workflow("Email ana@corvid.ai her latest invoice").steps.map(\.capability)
                == ["list_customers", "latest_invoice", "send_message"])
    }

    @Test func who_is_asking_is_no_field_and_a_company_names_a_deal() async throws {
        let deals = try await Self.workflow("As Nora's assistant, I need the open deals: name, amount and close date")
        #expect(deals.steps.map(\.capability) == ["list_deals"])
        #expect(deals.resultFields == ["name", "amount", "close date"])
        let created = try await Self.workflow("Create a deal for the company Tarn Valley Mills worth $12k").steps
        #expect(
            created.first?.input["properties"]
                == .literal(.object(["dealname": .string("Tarn Valley Mills"), "amount": .string("12000")])))
    }

    /// The same classes in the bundled set's open cases (h18-49, h20-20, h20-71, h21-52, h22-04, h22-08, h22-13,
    /// h22-17, s3-58): names cut at "&" or a digit, a later "for"/"at" naming the company, amounts in euro.
    @Test func names_keep_their_ampersands_and_numbers_in_searches_records_and_titles() async throws {
        #expect(
            try await Self.workflow("find the Quill & Quire renewal deal and bump its amount to 15.5k").steps.first?.input["query"]
                == .literal(.string("Quill & Quire renewal")))
        #expect(
            try await Self.workflow("Pls find deals for Ventimiglia Foods in hubspot, stage and amount").steps.first?.input["query"]
                == .literal(.string("Ventimiglia Foods")))
        #expect(try await Self.workflow("show deals for Globex").steps.first?.input["query"] == .literal(.string("Globex")))
        #expect(try await Self.workflow("show deals for Q3").steps.first?.capability == "list_deals")
        let contact = try await Self.workflow("Email the Goldcrest & Finch contact that the samples shipped today").steps
        #expect(contact.first?.input["query"] == .literal(.string("Goldcrest & Finch")))
        let created = try await Self.workflow(
            "Please add Siobhan O'Connell from O'Connell & Daughters to the CRM — her email is siobhan@oconnelldaughters.ie.")
        #expect(
            Self.literal(created.steps.first?.input["properties"])?.value(at: "company") == .string("O'Connell & Daughters"))
        let event = try await Self.workflow("Create an event called Sprint 14 retro tomorrow at 4pm for 1 hour").steps
        #expect(event.first?.input["summary"] == .literal(.string("Sprint 14 retro")))
        let deal = try await Self.workflow("Create a deal Lindqvist Import for 12.000 euro").steps
        #expect(Self.literal(deal.first?.input["properties"])?.value(at: "amount") == .string("12000"))
        let invoices = try await Self.workflow(
            "as an agent acting for user_123: find invoices for Globex and summarise them to #finance")
        #expect(Self.nameKept(invoices.steps.first) == "Globex")
        #expect(invoices.userID == "user_123")
        let relayed = try await Self.workflow(
            "The user (Hattie, partnerships lead at a book distributor) asked which contacts we have at Quillfeather Press.")
        #expect(relayed.steps.first?.input["query"] == .literal(.string("Quillfeather Press")))
    }

    @Test func an_emoji_before_the_verb_is_dropped_and_the_one_quoted_is_kept() async throws {
        let steps = try await Self.workflow("🎉 post 'We hit 10k signups!! 🎉' in #wins and #marketing").steps
        #expect(steps.map(\.capability) == ["find_channel", "post_message", "find_channel", "post_message"])
        #expect(steps[1].input["text"] == .literal(.string("We hit 10k signups!! 🎉")))
        let snow = await Self.failure("Will it snow in Zermatt next Tuesday? Email the answer to chalet@alpenrose.example")
        #expect(snow?.contains("no forecast for tuesday") == true, "\(snow ?? "planned")")
    }

    /// "What did Ben Carter say in his last email" read whoever wrote last, as if Ben had.
    @Test func a_question_about_what_someone_wrote_searches_their_mail() async throws {
        for (prompt, query) in [
            "what did Ben Carter say in his last email": "from:\"Ben Carter\"",
            "What did Lucía say in her most recent email?": "from:Lucía",
        ] {
            let steps = try await Self.workflow(prompt).steps
            #expect(steps.map(\.capability) == ["search_messages", "read_message"], "\(prompt)")
            #expect(steps.first?.input["q"] == .literal(.string(query)), "\(prompt)")
        }
    }

    /// "She's prepping for the board meeting and would like the list of deals we won" read the calendar (h20-27).
    @Test func a_meeting_the_records_are_wanted_for_is_no_calendar_read() async throws {
        #expect(
            try await Self.workflow(
                "Omar is prepping for Monday's board meeting and would like the open deals with amount and close date"
            ).steps.map(\.capability) == ["list_deals"])
        #expect(
            try await Self.workflow(
                "Before the QBR meeting, pull Harrow Mills' open invoices and email them to omar@harrow.example"
            ).steps.map(\.capability) == ["list_customers", "list_invoices", "send_message"])
        #expect(try await Self.workflow("what meetings do I have tomorrow").steps.map(\.capability) == ["list_events"])
    }

    /// "weather in Bergen - temp and wind" looked up "Bergen - temp"; "'s-Hertogenbosch" lost its apostrophe.
    @Test func a_dash_ends_a_place_and_a_dutch_name_keeps_its_apostrophe() async throws {
        for (prompt, place) in [
            "weather in Bergen - temp and wind": "Bergen",
            "Please pull up the forecast for Trondheim — actually just the current temperature and wind speed.": "Trondheim",
            "weather in 's-Hertogenbosch? temp only": "'s-Hertogenbosch",
        ] {
            #expect(try await Self.workflow(prompt).steps.first?.input["name"] == .literal(.string(place)), "\(prompt)")
        }
    }

    /// "I'm on the phone with Ana Ruiz. What's her latest invoice?" showed whoever paid last as hers.
    @Test func her_invoice_after_a_contact_search_is_the_customer_of_that_name() async throws {
        let steps = try await Self.workflow("I'm on the phone with Ana Ruiz. What's her latest invoice?").steps
        #expect(steps.map(\.capability) == ["search_contacts", "list_customers", "latest_invoice"])
        #expect(Self.nameKept(steps[1]) == "Ana Ruiz")
        #expect(steps[2].input["customer"] == .reference(step: 1, path: "0.id"))
    }
}
