import Foundation
import PlotonCore
import Testing

/// Blind round h24 (session 14), by class.
@Suite struct PlannerRoundH24Tests {
    static func capabilities(_ prompt: String) async throws -> [String] {
        try await EmbeddedPlanning.workflow(prompt).steps.map { "\($0.tool).\($0.capability)" }
    }

    static func refundAmount(_ prompt: String) async throws -> JSONInput? {
        try await EmbeddedPlanning.workflow(prompt).steps.last { $0.capability == "create_refund" }?.input["amount"]
    }

    /// "EUR 45,50" and "twelve hundred euros" were no amount, and the approved refund was the whole payment.
    @Test func a_refund_amount_is_read_in_any_written_form_and_never_dropped_to_a_full_refund() async throws {
        #expect(try await Self.refundAmount("pls refund EUR 45,50 for payment pi_3R0fK12eZvKYlo2D7, thx") == .literal(.number(4_550)))
        #expect(try await Self.refundAmount("refund 45,50 € on pi_3R0fK12eZvKYlo2D7") == .literal(.number(4_550)))
        // The amount said in the sentence before the refund is the refund's.
        #expect(
            try await Self.refundAmount("we owe Initech twelve hundred euros back from their last invoice, refund it")
                == .literal(.number(120_000)))
        // One the plan cannot read is asked for, not refunded in full.
        #expect(try await EmbeddedPlanning.needsInput("refund forty-five euros and fifty cents on pi_3R0fK12eZvKYlo2D7") == ["amount"])
        // A share of the customer's latest payment: how much is asked.
        #expect(try await EmbeddedPlanning.needsInput("issue a partial refund for Hooli") == ["amount"])
        // Another action's amount is not the refund's, and a refund in full stays one.
        #expect(try await Self.refundAmount("create a deal Acme renewal for $5k and refund pi_3R0fK12eZvKYlo2D7") == nil)
        #expect(try await Self.refundAmount("refund pi_3R0fK12eZvKYlo2D7 in full") == nil)
    }

    /// Unfiltered, whoever was invoiced last was shown (or refunded) as the customer named.
    @Test func a_customer_named_in_lower_case_or_as_the_creditor_narrows_the_invoices() async throws {
        for prompt in [
            "whats the latest invoice for globex, how much n is it paid", "did acme pay their last invoice?",
            "we owe Initech twelve hundred euros back from their last invoice, refund it",
        ] {
            let workflow = try await EmbeddedPlanning.workflow(prompt)
            #expect(workflow.steps.first?.capability == "list_customers", "\(prompt)")
            #expect(workflow.steps.first?.keep?.first?.value.stringValue?.lowercased().isEmpty == false, "\(prompt)")
        }
        // "paid or not" asks for the status; it filters nothing.
        let listed = try await EmbeddedPlanning.workflow("show all invoices for Initech - number, amount, paid or not")
        #expect(listed.steps.map(\.capability) == ["list_customers", "list_invoices"])
        #expect(listed.steps.last?.input["status"] == nil)
        #expect(try await EmbeddedPlanning.workflow("list the invoices for me").steps.map(\.capability) == ["list_invoices"])
    }

    /// A refund on a condition the plan cannot check ran regardless of it.
    @Test func a_condition_after_the_action_is_refused() async throws {
        for prompt in [
            "refund Acme's last invoice if they complained about it by email", "refund Hooli's latest invoice, but only if it's over $100",
        ] {
            let failure = await EmbeddedPlanning.failure(prompt)
            #expect(failure?.contains("acts only when a condition holds") == true, "\(prompt): \(failure ?? "planned")")
        }
        // A question put to someone is no condition.
        #expect(
            try await Self.capabilities("write to priya@lumen.example and ask her if thursday works for the demo")
                == ["email.send_message"])
    }

    /// Agents' framing: a labelled request, the record named before what to do with it, a JSON wrapper.
    @Test func framed_requests_keep_their_action() async throws {
        #expect(
            try await Self.capabilities("User request: let the #sales channel know we hit 120% of the Q4 target\n-- sent from Assistant")
                == ["chat.find_channel", "chat.post_message"])
        let update = try await EmbeddedPlanning.workflow("Umbrella deal: update the amount to EUR 45.500,00 pls")
        #expect(update.steps.map(\.capability) == ["search_deals", "update_deal"])
        #expect(update.steps.first?.input["query"] == .literal(.string("Umbrella")))
        #expect(
            try await Self.capabilities(#"{"intent": "calendar", "text": "Block 2-4pm on Wed 9 Dec 2026 for 'Deep work'"}"#)
                == ["calendar.create_event"])
        #expect(
            try await Self.capabilities(
                #"{"source": "support-bot", "user_request": "Add Marta Nowak, marta@baltic.example, as a new contact", "meta": {"v": 1}}"#)
                == ["crm.create_contact"])
    }

    static func event(_ prompt: String) async throws -> (start: String?, end: String?, title: String?) {
        let now = try Date("2026-12-04T15:00:00Z", strategy: .iso8601)
        let workflow = try await EmbeddedPlanning.workflow(prompt, now: now)
        let step = try #require(workflow.steps.last { $0.capability == "create_event" }, "no event for \(prompt)")
        let text = { (name: String, path: String) -> String? in
            guard case .literal(let value)? = step.input[name] else { return nil }
            return path.isEmpty ? value.stringValue : value.value(at: path)?.stringValue
        }
        return (text("start", "dateTime"), text("end", "dateTime"), text("summary", ""))
    }

    /// "9am Pacific" was booked at 09:00 UTC, eight hours early; spoken times asked for a start again.
    @Test func region_zones_spoken_times_and_relative_starts_are_the_events_time() async throws {
        let pacific = try await Self.event("book a call with dev@vendor.example next tuesday 9am Pacific, 30 mins, title Vendor sync")
        #expect(pacific.start == "2026-12-08T17:00:00Z" && pacific.end == "2026-12-08T17:30:00Z" && pacific.title == "Vendor sync")
        let spoken = try await Self.event(
            "organise a meeting 'Quarterly catch-up' on 10 December at half past two for 45 minutes, invite raj@ourco.example")
        #expect(spoken.start == "2026-12-10T14:30:00Z" && spoken.end == "2026-12-10T15:15:00Z")
        #expect(try await Self.event("book a call with ann@x.example friday at quarter to four").start == "2026-12-11T15:45:00Z")
        #expect(try await Self.event("book a sync with ann@x.example monday at ten in the morning").start == "2026-12-07T10:00:00Z")
        #expect(try await Self.event("put 'Inbox zero' on my calendar first thing Monday for 30 min").start == "2026-12-07T09:00:00Z")
        let soon = try await Self.event("set up a quick 15 min huddle in 2 hours called Incident follow-up")
        #expect(soon.start == "2026-12-04T17:00:00Z" && soon.end == "2026-12-04T17:15:00Z" && soon.title == "Incident follow-up")
    }

    /// Hurried and chat-style asks: what they read, and whom they name.
    @Test func hurried_questions_read_what_they_ask() async throws {
        let mailed = try await EmbeddedPlanning.workflow("did i email ana yesterday?")
        guard case .literal(.string(let query))? = mailed.steps.first?.input["q"] else { throw CancellationError() }
        #expect(query.hasPrefix("to:ana ") && !query.contains(" i "), "\(query)")
        let owner = try await EmbeddedPlanning.workflow("change tom reyes' phone number to +44 20 7946 0018")
        #expect(owner.steps.map(\.capability) == ["search_contacts", "update_contact"])
        #expect(owner.steps.first?.input["query"] == .literal(.string("Tom Reyes")))
        #expect(try await Self.capabilities("who got added to the crm lately? names + when they were added") == ["crm.list_contacts"])
        let paid = try await EmbeddedPlanning.workflow("did acme pay their last invoice?")
        #expect(paid.resultFields == ["status"])
        let status = try await EmbeddedPlanning.workflow("whats the latest invoice for globex, how much n is it paid")
        #expect(status.resultFields.contains("is it paid"))
        let subscriptions = try await EmbeddedPlanning.workflow("list active subscriptions - plan, monthly price, next charge")
        #expect(subscriptions.resultFields.last == "next charge", "\(subscriptions.resultFields)")
        // "now + wind": no field named "now"; the whole record answers.
        #expect(try await EmbeddedPlanning.workflow("wats the temp in münchen rn + wind pls").resultFields.contains("now") == false)
    }

    /// No tool makes an invoice: the task asked where to send one.
    @Test func sending_a_new_invoice_is_refused() async throws {
        let failure = await EmbeddedPlanning.failure("send an invoice to Globex for $500")
        #expect(failure?.contains("no tool here makes an invoice") == true, "\(failure ?? "planned")")
        #expect(try await Self.capabilities("send the latest invoice to ann@x.example").last == "email.send_message")
    }

    /// Run time in round h24: plans the scorer passed that failed, or did the wrong thing, against the sandboxes.
    @Test func tomorrows_events_and_the_newest_file_are_found_at_run_time() async throws {
        guard case .result(let events) = await SandboxRehearsal.run("look up tomorrow's events") else {
            Issue.record("tomorrow's events were searched for the word \"tomorrow's\"")
            return
        }
        #expect(events.arrayValue?.isEmpty == false, "\(events)")
        guard case .result(let newest) = await SandboxRehearsal.run("look up the most recently modified file in drive") else {
            Issue.record("the newest file was searched by the name \"most recently modified\"")
            return
        }
        let files = newest.arrayValue ?? newest.value(at: "files")?.arrayValue ?? []
        #expect(files.count == 1, "\(newest)")
        let storage = InMemorySandboxStorage()
        let all = try await StorageSandbox(now: { SandboxRehearsal.now }).respond(
            StepRequest(
                taskID: "task_1", accountID: "acct_1", userID: "user_1", stepIndex: 0, tool: "storage", capability: "list_files",
                input: [:], mode: .sandbox, idempotencyKey: "task_1_0", sandbox: storage),
            capability: try #require(ToolCatalog.builtInDefinitions.first { $0.name == "storage" }?.capability("list_files")),
            input: [:])
        let times = all.value(at: "files")?.arrayValue?.compactMap { $0.value(at: "modifiedTime")?.stringValue } ?? []
        #expect(files.first?.value(at: "modifiedTime")?.stringValue == times.max(), "the newest of \(times)")
    }

    static func message(_ prompt: String) async throws -> String {
        let workflow = try await EmbeddedPlanning.workflow(prompt)
        let send = try #require(workflow.steps.last { $0.capability == "send_message" })
        switch send.input["raw"] {
        case .literal(.string(let raw))?: return Base64URLText.decoded(raw) ?? raw
        case .template(let template)?: return template
        default: throw CancellationError()
        }
    }

    /// What an email says, as the asker meant it: the instruction was sent verbatim, a copy went as a recipient,
    /// and "asking for a quick call" sent the contact's record.
    @Test func an_email_says_what_was_asked_with_its_subject_and_copies() async throws {
        let renewal = try await Self.message(
            "pls email john.k@partner.example re: contract renewal, say we need the signed copy by EOD friday. thx")
        #expect(
            renewal.contains("Subject: Contract renewal\r\n") && renewal.hasSuffix("\r\n\r\nwe need the signed copy by EOD friday"),
            "\(renewal)")
        let copied = try await Self.message("email sam@acme.example cc lee@acme.example: the meeting moved to 4pm")
        #expect(copied.hasPrefix("To: sam@acme.example\r\nCc: lee@acme.example\r\n"), "\(copied)")
        let call = try await Self.message("find contact Hiro Chen, email him asking for a quick call")
        #expect(call.contains("Could I ask for a quick call?"), "\(call)")
    }

    /// "we owe Emma Silva a hundred euros back from their last invoice, refund it": her latest paid invoice (an
    /// open one has no payment, and the refund failed).
    @Test func a_refund_takes_the_payment_of_the_latest_paid_invoice() async throws {
        let workflow = try await EmbeddedPlanning.workflow("we owe Emma Silva a hundred euros back from their last invoice, refund it")
        #expect(workflow.steps.map(\.capability) == ["list_customers", "latest_invoice", "create_refund"])
        #expect(workflow.steps[1].input["status"] == .literal(.string("paid")))
    }

    /// Round h25's silent drop: a quoted message closed before ", and put a follow-up call …", whose words were
    /// read as more of the message, and the event was never planned.
    @Test func an_action_after_a_closed_quoted_message_is_planned() async throws {
        #expect(
            try await Self.capabilities(
                "Find Chloe Okafor in the CRM, email her saying 'Thanks for the meeting today', and put a follow-up call with her on my calendar for Thursday at 2pm"
            ) == ["crm.search_contacts", "email.send_message", "calendar.create_event"])
        // Unquoted, the message still runs on past "and" words that are its own.
        let said = try await Self.message("email ann@x.example saying thanks and put the kettle on")
        #expect(said.hasSuffix("thanks and put the kettle on"), "\(said)")
    }
}
