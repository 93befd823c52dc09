import Foundation
import PlotonCore
import Testing

/// Session 14: round h23's open classes and the run-time findings users reported.
@Suite struct PlannerSession14Tests {
    static func capabilities(_ prompt: String) async throws -> [String] {
        try await EmbeddedPlanning.workflow(prompt).steps.map { "\($0.tool).\($0.capability)" }
    }

    static func literal(_ step: PlannedStep?, _ key: String) -> String? {
        guard case .literal(.string(let value))? = step?.input[key] else { return nil }
        return value
    }

    /// "St. John's" was looked up as "St": a title's dot ends neither the sentence nor the place, and a
    /// company ending's dot before a lower-case word ends no sentence.
    @Test func a_title_or_company_abbreviation_keeps_its_dot() async throws {
        let john = try await EmbeddedPlanning.workflow("Weather for St. John's, Newfoundland — temp + wind")
        #expect(Self.literal(john.steps.first, "name") == "St. John's")
        // The dash before the list is no part of its first field ("— temp").
        #expect(
            ["temp", "temperature"].contains(john.resultFields.first ?? "") && john.resultFields.last == "wind", "\(john.resultFields)")
        let hood = try await EmbeddedPlanning.workflow("what's the weather at Mt. Hood right now")
        #expect(Self.literal(hood.steps.first, "name") == "Mt. Hood")
        // A sentence that ends after a place still ends there.
        #expect(
            try await Self.capabilities("Check the weather in Oslo. Post it to #general.")
                == ["weather.geocode", "weather.current", "chat.find_channel", "chat.post_message"])
    }

    /// "3M's deal", "the 7-Eleven deal": a name that opens with digits narrows the search (the whole list
    /// was read, or the update asked for an id); "the 12k deal" is an amount and "3M's deal" no field.
    @Test func a_name_with_digits_narrows_the_deal_search() async throws {
        let worth = try await EmbeddedPlanning.workflow("pull up 3M's deal how much is it worth")
        #expect(worth.steps.map(\.capability) == ["search_deals"])
        #expect(Self.literal(worth.steps.first, "query") == "3M")
        #expect(worth.resultFields == ["worth"])
        let amount = try await EmbeddedPlanning.workflow("pull up 3M's deal amount")
        #expect(amount.resultFields == ["amount"])
        let update = try await EmbeddedPlanning.workflow("Please update the 7-Eleven deal amount to 95,500.")
        #expect(update.steps.map(\.capability) == ["search_deals", "update_deal"])
        #expect(Self.literal(update.steps.first, "query") == "7-Eleven")
        #expect(try await Self.capabilities("show me the last 5 deals") == ["crm.list_deals"])
    }

    /// ", closing the day after tomorrow" was read as a verb no tool has; "new deal acme corp renewal 12k
    /// closes end of month" asked for the name (lower-case) or took the amount and date into it.
    @Test func a_new_deals_name_ends_at_its_amount_and_a_participle_describes_it() async throws {
        let called = try await EmbeddedPlanning.workflow(
            "Create a deal called \"Müller-Weiß GmbH – Q1 expansion\" for €48,000, closing the day after tomorrow")
        guard case .literal(.object(let quoted))? = called.steps.first?.input["properties"] else { throw CancellationError() }
        #expect(quoted["dealname"] == .string("Müller-Weiß GmbH – Q1 expansion"))
        #expect(quoted["closedate"] != nil && quoted["amount"] == .string("48000"))
        let bare = try await EmbeddedPlanning.workflow("new deal acme corp renewal 12k closes end of month")
        guard case .literal(.object(let properties))? = bare.steps.first?.input["properties"] else { throw CancellationError() }
        #expect(properties["dealname"] == .string("acme corp renewal"))
        #expect(properties["amount"] == .string("12000"))
        let upper = try await EmbeddedPlanning.workflow("new deal Acme Corp renewal 12k closes end of month")
        guard case .literal(.object(let named))? = upper.steps.first?.input["properties"] else { throw CancellationError() }
        #expect(named["dealname"] == .string("Acme Corp renewal"))
        // Nothing but fillers after "deal" names nothing.
        #expect(try await EmbeddedPlanning.needsInput("create a new deal please") == ["name"])
    }

    /// "whether it's been paid yet" asked for `amount_paid` ("paid" is its synonym): a yes/no question
    /// about a state is the status.
    @Test func whether_opens_a_question_about_the_status() async throws {
        let invoice = try await EmbeddedPlanning.workflow(
            "Kim is asking what the most recent invoice came to and whether it's been paid yet.")
        #expect(invoice.resultFields.contains("whether it's been paid"), "\(invoice.resultFields)")
        #expect(!invoice.resultFields.contains("paid"))
        // Asked, a state filters nothing: listed as canceled only, the subscription was missing when it was not.
        let subscription = try await EmbeddedPlanning.workflow("show Ben's subscription, the plan and whether it is canceled")
        #expect(subscription.resultFields == ["plan", "status"])
        #expect(subscription.steps.last?.input["status"] == .literal(.string("all")))
        // Whether any records exist is still a filter.
        let overdue = try await EmbeddedPlanning.workflow(
            "Could you check whether we have any overdue invoices and if so post them in #collections")
        #expect(overdue.steps.first?.input["status"] == .literal(.string("open")))
        // "the latest invoice for Acme come to": Acme's, the question's verb aside (it read whoever paid last).
        let acme = try await EmbeddedPlanning.workflow("what did the latest invoice for Acme come to, and whether it has been paid")
        #expect(acme.steps.map(\.capability) == ["list_customers", "latest_invoice"])
    }

    /// "Jules missed standup this morning." sets the scene: it planned a calendar read. "who said what"
    /// is the author and the text.
    @Test func a_sentence_telling_what_someone_did_is_no_request() async throws {
        let workflow = try await EmbeddedPlanning.workflow(
            "Jules missed standup this morning. Could you read back the latest messages from #eng-standup and tell her who said what?")
        #expect(workflow.steps.map(\.capability) == ["find_channel", "list_messages"])
        #expect(workflow.resultFields == ["who", "said"])
        // A later sentence pointing back at what it names keeps it.
        #expect(
            try await Self.capabilities("Ana Ruiz emailed me yesterday about the contract. Find it and post it to #legal")
                .first == "email.search_messages")
    }

    /// Run-time findings: "paid" before "invoices" says which, not a field; a message that asks what a tool
    /// reads carries the answer ("tell her what the weather is in Oslo" sent those words); "in #general"
    /// is no place (it geocoded "in"); "what was said in #eng" is its messages.
    @Test func run_time_findings_of_session_14() async throws {
        #expect(try await EmbeddedPlanning.workflow("list the paid invoices").resultFields.isEmpty)
        let weather = try await EmbeddedPlanning.workflow("email ann@x.example and tell her what the weather is in Oslo")
        #expect(weather.steps.map(\.capability) == ["geocode", "current", "send_message"])
        #expect(Self.literal(weather.steps.first, "name") == "Oslo")
        guard case .template(let raw)? = weather.steps.last?.input["raw"] else { throw CancellationError() }
        #expect(raw.contains("{{1.temperature}}") && !raw.contains("what the weather"), "\(raw)")
        #expect(try await EmbeddedPlanning.needsInput("post the weather in #general") == ["location"])
        #expect(
            try await Self.capabilities("post what was said in #eng today to #general")
                == ["chat.find_channel", "chat.list_messages", "chat.find_channel", "chat.post_message"])
        // Words about someone, with no place they were said, are still what is posted.
        let said = try await EmbeddedPlanning.workflow("tell #general what ben said")
        #expect(Self.literal(said.steps.last, "text") == "what ben said")
    }

    /// "his"/"her" in a request is the one person named around it: "on a call with Dmitri Volkov and asked:
    /// when does his subscription renew?" read every subscription; "… Her address is lucia@…" in a sentence
    /// of its own was left unused (planning_failed) or the invoice read was whoever's paid last.
    @Test func his_or_her_is_the_person_named_around_the_request() async throws {
        let renewal = try await EmbeddedPlanning.workflow(
            "The user (Greta, account manager) is on a call with Dmitri Volkov and asked: when does his subscription renew?")
        #expect(renewal.steps.map(\.capability) == ["list_customers", "list_subscriptions"])
        #expect(renewal.steps.first?.keep?.first?.value == .string("Dmitri Volkov"))
        let lucia = try await EmbeddedPlanning.workflow(
            "What did Lucía say in her most recent email? Her address is lucia@marbella-tiles.example.")
        #expect(Self.literal(lucia.steps.first, "q") == "from:lucia@marbella-tiles.example")
        for prompt in [
            "Email Ana Ruiz her latest invoice. Her email is ana@ruiz.example", "Email Ana Ruiz at ana@ruiz.example her latest invoice",
        ] {
            let invoice = try await EmbeddedPlanning.workflow(prompt)
            #expect(invoice.steps.map(\.capability) == ["list_customers", "latest_invoice", "send_message"], "\(prompt)")
            #expect(Self.literal(invoice.steps.first, "email") == "ana@ruiz.example", "\(prompt)")
        }
    }

    /// Hours narrow a day's events ("meetings between 2 and 4pm today" read the whole day), a name after
    /// "with" is searched ("next week with Acme"), "what they are" is the title and "who's coming" the
    /// attendees (it asked for a field "coming").
    @Test func hours_and_whom_narrow_a_calendar_read() async throws {
        let hours = try await EmbeddedPlanning.workflow(
            "meetings between 2 and 4pm today — what they are, when they start and who's coming")
        let today = ISO8601DateFormatter().string(from: Date()).prefix(10)
        #expect(Self.literal(hours.steps.first, "timeMin") == "\(today)T14:00:00Z")
        #expect(Self.literal(hours.steps.first, "timeMax") == "\(today)T16:00:00Z")
        #expect(hours.resultFields == ["title", "when they start", "who"])
        let acme = try await EmbeddedPlanning.workflow("anything on my calendar next week with Acme?")
        #expect(Self.literal(acme.steps.first, "q") == "Acme")
        let team = try await EmbeddedPlanning.workflow("meetings with the team this week")
        #expect(team.steps.first?.input["q"] == nil)
        #expect(try await Self.capabilities("what do I have from 9am to 11am tomorrow") == ["calendar.list_events"])
    }

    /// The newest message asked for what only reading it gives ("what labels are on …", "just the gist") is
    /// read, and a dash ends the search's topic ("about the contract — just the gist" searched "just gist").
    @Test func a_message_asked_for_its_labels_or_gist_is_read() async throws {
        let labels = try await EmbeddedPlanning.workflow("what labels are on the newest message from DocuSign")
        #expect(labels.steps.map(\.capability) == ["search_messages", "read_message"])
        #expect(labels.resultFields == ["labels"])
        let gist = try await EmbeddedPlanning.workflow("read me the latest email from Zoë about the contract — just the gist")
        #expect(Self.literal(gist.steps.first, "q") == "from:zoë contract")
        #expect(gist.resultFields == ["gist"])
    }

    /// "… for half an hour call it sprint sync": the title after "call it" (the event was called "Call").
    @Test func call_it_names_the_event() async throws {
        let event = try await EmbeddedPlanning.workflow(
            "schedule a call with the team this coming tuesday at three thirty pm for half an hour call it sprint sync")
        #expect(Self.literal(event.steps.first, "summary") == "sprint sync")
    }

    /// The bundled set's wrong-content cases by class: "yesterday's messages" read the channel alone (a day
    /// owns no field) and "yesterday's emails" searched the word; "drop its text in #x" is a post; "save the
    /// latest one to Drive" after a search saves that message, read, not the search's list.
    @Test func a_days_records_are_read_and_placed_or_saved_as_asked() async throws {
        #expect(
            try await Self.capabilities("get yesterday's messages in #sales and save them to drive as sales-log.txt")
                == ["chat.find_channel", "chat.list_messages", "storage.upload_file"])
        let mail = try await EmbeddedPlanning.workflow("show me last week's emails from ann@acme.example")
        #expect(Self.literal(mail.steps.first, "q")?.hasPrefix("from:ann@acme.example after:") == true)
        #expect(
            try await Self.capabilities("Find the latest email from ops@nordhavn.example and drop its text in #supply-chain")
                == ["email.search_messages", "email.read_message", "chat.find_channel", "chat.post_message"])
        #expect(
            try await Self.capabilities(
                "find the emails about the Lisbon offsite and save the latest one to Drive as lisbon-offsite.txt")
                == ["email.search_messages", "email.read_message", "storage.upload_file"])
    }

    /// Older open cases by class: a count in a list of fields after the read sizes it ("last 15 msgs, author
    /// and text"); "my next 1:1 with Maya" searches Maya, not every 1:1; a reference number is searched in
    /// mail ("INV-1042"); "when is the next design review" reads the calendar for its start.
    @Test func counts_whom_references_and_when_narrow_reads() async throws {
        let messages = try await EmbeddedPlanning.workflow(
            "What's been said in #design-review lately? last 15 msgs, author and text")
        #expect(messages.steps.last?.input["limit"] == .literal(.number(15)))
        let maya = try await EmbeddedPlanning.workflow("When is my next 1:1 with Maya?")
        #expect(Self.literal(maya.steps.first, "q") == "Maya")
        let invoice = try await EmbeddedPlanning.workflow("gmail - anything with invoice INV-1042 in it?")
        #expect(Self.literal(invoice.steps.first, "q") == "INV-1042")
        let review = try await EmbeddedPlanning.workflow("when is the next design review and who's attending?")
        #expect(Self.literal(review.steps.first, "q") == "design review")
        #expect(review.resultFields == ["start", "who"])
    }

    /// An invoice named by its number is read whatever its status (kept to open ones, a paid one was not
    /// found), and "amount due" is a field; "What's" owns no field list and a greeting's dash opens none
    /// ("humidity in Cartagena" and "Colombia right now" were asked as fields).
    @Test func a_named_invoice_has_no_status_filter_and_contractions_own_no_fields() async throws {
        let invoice = try await EmbeddedPlanning.workflow("Return amount due and status for invoice INV-20931.")
        #expect(invoice.steps.first?.input["status"] == nil)
        #expect(invoice.resultFields == ["amount due", "status"])
        #expect(
            try await EmbeddedPlanning.workflow("list the invoices that are due").steps.first?.input["status"] == .literal(.string("open")))
        #expect(try await EmbeddedPlanning.workflow("What's the humidity in Cartagena, Colombia right now?").resultFields == ["humidity"])
        let osaka = try await EmbeddedPlanning.workflow(
            "Hey — my flight lands in Osaka tonight and I honestly have no idea what to pack. Could you check the current weather there? Temperature and wind mostly."
        )
        #expect(osaka.resultFields.map { $0.lowercased() } == ["temperature", "wind"])
    }

    /// Pinned to `email`, "send an email to ann@… saying the build is green" asked for `raw` (Gmail's wire
    /// encoding): the prompt's own plan is used when it stays within the pinned tool.
    @Test func a_pinned_built_in_tool_composes_the_message_from_the_prompt() async throws {
        func plan(_ prompt: String) async throws -> PlanningResult {
            try await EmbeddedPlanner().plan(
                PlanningRequest(prompt: prompt, userID: "user_123", pinnedTool: "email", input: [:], catalog: .builtIn))
        }
        guard case .workflow(let workflow) = try await plan("send an email to ann@acme.example saying the build is green"),
            case .literal(.string(let raw))? = workflow.steps.first?.input["raw"]
        else { throw CancellationError() }
        #expect((Base64URLText.decoded(raw) ?? raw).contains("To: ann@acme.example"))
        guard case .needsInput(let schema, _) = try await plan("send an email") else { throw CancellationError() }
        #expect(schema.value(at: "properties")?.objectValue?.keys.sorted() == ["body", "subject", "to"])
    }

    /// "what did ann@… write about the quarterly review" failed (the address was used by no step): her mail
    /// on that topic, the newest read.
    @Test func what_someone_wrote_about_a_topic_is_their_mail_read() async throws {
        let wrote = try await EmbeddedPlanning.workflow("what did ann@acme.example say about the renewal")
        #expect(wrote.steps.map(\.capability) == ["search_messages", "read_message"])
        #expect(Self.literal(wrote.steps.first, "q") == "from:ann@acme.example renewal")
    }
}
