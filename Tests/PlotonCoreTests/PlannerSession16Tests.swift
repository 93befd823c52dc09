import Foundation
import Testing

@testable import PlotonCore

/// Session 16's planner findings by class (blind rounds h29 and h30).
@Suite struct PlannerSession16Tests {
    static func plan(_ prompt: String) async throws -> Workflow { try await PlannerSession15Tests.plan(prompt) }

    /// h30: "how many", "the total", "the largest", "renews soonest" came back as the records, and the task
    /// said `complete` without the figure asked for.
    @Test func a_figure_asked_of_records_is_planned_as_their_aggregate() async throws {
        let expected: [(String, ResultAggregate)] = [
            ("How many open deals do we have?", ResultAggregate(op: .count)),
            ("how many unread emails do I have", ResultAggregate(op: .count)),
            ("What is the total amount of our open deals?", ResultAggregate(op: .sum, field: "amount")),
            ("what's the total of unpaid invoices", ResultAggregate(op: .sum, field: "amount_due")),
            ("How much has Ben Chen paid in total across all his invoices?", ResultAggregate(op: .sum, field: "amount_paid")),
            ("Which deal has the largest amount? Give its name and amount", ResultAggregate(op: .max, field: "amount")),
            ("which open deal closes first", ResultAggregate(op: .min, field: "close_date")),
            ("Which customer's subscription renews soonest, and on what date?", ResultAggregate(op: .min, field: "next_billing_date")),
            ("Which chat channel has the most members?", ResultAggregate(op: .max, field: "members")),
        ]
        for (prompt, aggregate) in expected {
            let workflow = try await Self.plan(prompt)
            #expect(workflow.aggregate == aggregate, "\(prompt): \(String(describing: workflow.aggregate))")
        }
        let channels = try await Self.plan("Which chat channel has the most members?")
        #expect(channels.steps.map(\.capability) == ["list_channels"])
        #expect(channels.resultFields == ["name", "members"], "the channel picked says which it is")
    }

    @Test func a_figure_of_each_record_or_a_list_is_no_aggregate() async throws {
        for prompt in [
            "list the open deals with their amount", "how many people are in each channel",
            "show the most recent emails from ann@x.example",
            "invoices of at least $500", "the total for each invoice", "how many open deals are there? post the number in #sales",
        ] {
            let workflow = try? await Self.plan(prompt)
            #expect(workflow?.aggregate == nil, "\(prompt)")
        }
    }

    /// "Send the weather in Lisbon to #random and to me at me@…" failed: "no part of the plan uses me@…".
    @Test func a_message_for_a_channel_and_an_address_goes_to_both() async throws {
        let both = try await Self.plan("Send the weather in Lisbon to #random and to me at me@ourco.example")
        #expect(both.steps.map(\.capability) == ["geocode", "current", "find_channel", "post_message", "send_message"])
        let told = try await Self.plan("Tell ana@ourco.example and #sales that the Acme deal closed")
        #expect(told.steps.map(\.capability) == ["find_channel", "post_message", "send_message"])
        #expect(told.steps[1].input["text"] == .literal(.string("the Acme deal closed")))
        // An address the message speaks of is what it says, not where it goes.
        let spoken = try await Self.plan("post in #sales that ann@acme.example signed the contract")
        #expect(spoken.steps.map(\.capability) == ["find_channel", "post_message"])
    }

    /// "post in general that the coffee machine is fixed" asked for the channel.
    @Test func a_chat_verbs_channel_before_that_needs_no_hash() async throws {
        let posted = try await Self.plan("post in general that the coffee machine on floor three is fixed")
        #expect(posted.steps.first?.input["name"] == .literal(.string("general")))
        #expect(posted.steps.last?.input["text"] == .literal(.string("the coffee machine on floor three is fixed")))
    }

    /// "where does ben@acme.example work" failed: the address was read as one to write to.
    @Test func a_question_about_the_person_behind_an_address_reads_their_contact() async throws {
        let expected = [
            ("where does ben@acme.example work", ["company"]), ("what company is ben@acme.example at", ["company"]),
            ("what's the phone number of ben@acme.example", ["phone number"]), ("who is ben@acme.example", ["name", "company"]),
        ]
        for (prompt, fields) in expected {
            let workflow = try await Self.plan(prompt)
            #expect(workflow.steps.map(\.capability) == ["search_contacts"], "\(prompt)")
            #expect(workflow.steps.first?.input["query"] == .literal(.string("ben@acme.example")), "\(prompt)")
            #expect(workflow.resultFields == fields, "\(prompt)")
        }
        // Mail from the address, and payments of it, stay what they were.
        #expect(try await Self.plan("what did ben@acme.example send me").steps.first?.capability == "search_messages")
        #expect(try await Self.plan("what's the latest invoice for ben@acme.example").steps.last?.capability == "latest_invoice")
    }
}

/// The figure computed from a list result when the task finishes.
@Suite struct ResultAggregationTests {
    static let deals: JSONValue = .array([
        .object([
            "id": .string("1"),
            "properties": .object(["dealname": .string("Acme"), "amount": .string("12000"), "closedate": .string("2027-01-20")]),
        ]),
        .object([
            "id": .string("2"),
            "properties": .object(["dealname": .string("Stark"), "amount": .string("49500"), "closedate": .string("2026-12-31")]),
        ]),
        .object(["id": .string("3"), "properties": .object(["dealname": .string("Hooli")])]),
    ])
    static let declared = [
        ResultField(name: "deal_name", paths: ["properties.dealname"], synonyms: ["name"]),
        ResultField(name: "amount", paths: ["properties.amount"], description: "Deal value"),
        ResultField(name: "close_date", paths: ["properties.closedate"], description: "Expected close date"),
    ]

    @Test func count_sum_and_extremes() {
        let apply = { (aggregate: ResultAggregate, fields: [String]) in
            ResultAggregation.apply(aggregate, to: Self.deals, fields: fields, declared: Self.declared)
        }
        #expect(apply(ResultAggregate(op: .count), []) == .object(["count": .number(3)]))
        #expect(apply(ResultAggregate(op: .count), ["name"]).value(at: "items")?.arrayValue?.count == 3)
        #expect(apply(ResultAggregate(op: .sum, field: "amount"), []) == .object(["total_amount": .number(61500), "count": .number(3)]))
        #expect(
            apply(ResultAggregate(op: .max, field: "amount"), ["name", "amount"])
                == .object(["name": .string("Stark"), "amount": .string("49500")]))
        #expect(apply(ResultAggregate(op: .min, field: "close_date"), ["name"]) == .object(["name": .string("Stark")]))
        #expect(
            ResultAggregation.apply(ResultAggregate(op: .max, field: "amount"), to: .array([]), fields: [], declared: Self.declared)
                == .null)
    }

    @Test func amounts_in_cents_are_summed_as_money_per_currency() {
        let field = ResultField(name: "amount_due", paths: ["amount_due"], description: "Amount due, in cents")
        let invoices: JSONValue = .array([
            .object(["amount_due": .number(49900), "currency": .string("usd")]),
            .object(["amount_due": .number(100), "currency": .string("usd")]),
        ])
        #expect(ResultAggregation.total(of: field, in: invoices.arrayValue ?? []) == .string("$500.00"))
        let mixed = (invoices.arrayValue ?? []) + [.object(["amount_due": .number(800), "currency": .string("eur")])]
        #expect(ResultAggregation.total(of: field, in: mixed) == .string("$500.00 + €8.00"))
    }
}

/// h30-44: "9:30 to 11:00 New York time" was booked at 09:30Z; "America/New_York", "Europe/Paris", "Los Angeles time"
/// and "in Tokyo" were read as UTC too, with no warning.
@Suite struct PromptZoneCitiesTests {
    @Test func a_city_or_an_iana_zone_after_a_time_sets_the_events_zone() async throws {
        let expected = [
            ("Book 'Quarterly planning' on 2027-01-12 from 9:30 to 11:00 New York time", "2027-01-12T14:30:00Z"),
            ("schedule a call with ann@x.example tomorrow at 3pm America/New_York", "2026-12-08T20:00:00Z"),
            ("Book 'Sync' tomorrow at 10am (Europe/Paris) for 30 minutes", "2026-12-08T09:00:00Z"),
            ("schedule 'Standup' tomorrow at 9am Los Angeles time", "2026-12-08T17:00:00Z"),
            ("schedule 'Lunch' tomorrow at 1pm in Tokyo", "2026-12-08T04:00:00Z"),
            // A place that is no city keeps UTC.
            ("schedule 'Lunch' tomorrow at 1pm in the big room", "2026-12-08T13:00:00Z"),
        ]
        for (prompt, start) in expected {
            let event = try #require(try await PlannerSession16Tests.plan(prompt).steps.last)
            #expect(event.input["start"] == .literal(.object(["dateTime": .string(start)])), "\(prompt)")
        }
    }
}

/// h29-88, a silent drop: "The user wants the latest invoice faxed to …" planned the read alone and completed.
@Suite struct PassiveUnsupportedDeliveryTests {
    @Test func records_wanted_faxed_or_texted_fail_naming_it() async throws {
        for prompt in [
            "The user wants the latest invoice faxed to the accounting office at +1 212 555 0199.",
            "get me the open deals texted to my phone",
        ] {
            do {
                let planned = try await PlannerSession16Tests.plan(prompt)
                Issue.record("\(prompt): planned \(planned.steps.map(\.capability))")
            } catch let failure as PlanningFailure {
                #expect(failure.message.contains("ed to\""), "\(failure.message)")
            }
        }
        // What a message says happened is said, not done.
        let reported = try await PlannerSession16Tests.plan("post in #sales that the contract was faxed over to Acme yesterday")
        #expect(reported.steps.last?.capability == "post_message")
    }
}

/// h29-23/70, h30-07: a payment named by its id could only be read inside a refund.
@Suite struct PaymentByIDTests {
    @Test func a_payment_named_by_its_id_is_read() async throws {
        let expected = [
            ("look up payment pi_3NqK8d2eZvKYlo2C1xY4 - what's its status and amount?", "pi_3NqK8d2eZvKYlo2C1xY4"),
            ("Get payment pi_K6Hfl1MgYb05Hh and tell me its amount, currency and status", "pi_K6Hfl1MgYb05Hh"),
            ("look up pi_5TgHjK and tell me if it went through", "pi_5TgHjK"),
        ]
        for (prompt, id) in expected {
            let workflow = try await PlannerSession16Tests.plan(prompt)
            #expect(workflow.steps.map(\.capability) == ["get_payment"], "\(prompt)")
            #expect(workflow.steps.first?.input["id"] == .literal(.string(id)), "\(prompt)")
        }
        let declared = try #require(ToolCatalog.builtIn.tool("payments")?.capability("get_payment")?.fields)
        #expect(ResultShaper.declaredField(for: "went through", in: declared)?.name == "status")
    }
}

/// h29-50/93, h30-32: "forward it to legal@…" was refused although search, read and send can forward.
@Suite struct EmailForwardingPlanTests {
    @Test func a_message_found_is_read_and_sent_on_as_a_forward() async throws {
        for prompt in [
            "Forward the latest email from ben@initech.example to kim@ourco.example",
            "Read the email with the subject 'Contract renewal' and forward it to legal@ourco.example",
        ] {
            let workflow = try await PlannerSession16Tests.plan(prompt)
            #expect(workflow.steps.map(\.capability) == ["search_messages", "read_message", "send_message"], "\(prompt)")
            guard case .template(let raw)? = workflow.steps.last?.input["raw"] else {
                Issue.record("\(prompt): \(workflow.steps)")
                continue
            }
            #expect(raw.contains("Subject: {{1|forwarded_subject}}") && raw.contains("{{1|forwarded}}"), "\(raw)")
        }
    }

    @Test func the_forwarded_text_is_the_plain_part_with_the_original_headers() {
        let body = Data("Hello Kim,\nthe contract is attached.".utf8).base64URLEncoded
        let message: JSONValue = .object([
            "snippet": .string("Hello Kim"),
            "payload": .object([
                "mimeType": .string("multipart/alternative"),
                "headers": .array([
                    .object(["name": .string("From"), "value": .string("ben@initech.example")]),
                    .object(["name": .string("Subject"), "value": .string("Contrat signé")]),
                ]),
                "parts": .array([
                    .object(["mimeType": .string("text/html"), "body": .object(["data": .string("PGI-")])]),
                    .object(["mimeType": .string("text/plain"), "body": .object(["data": .string(body)])]),
                ]),
            ]),
        ])
        #expect(
            TextTemplate.render("{{0|forwarded}}", outputs: [0: message])
                == "---------- Forwarded message ---------\nFrom: ben@initech.example\nSubject: Contrat signé\n\nHello Kim,\nthe contract is attached."
        )
        #expect(TextTemplate.render("{{0|forwarded_subject}}", outputs: [0: message]).hasPrefix("=?UTF-8?B?"))
    }
}

/// h30-33: "Find my next calendar event and email its title and start time to pat@…" emailed all 9 events, past
/// ones first.
@Suite struct NextEventTests {
    @Test func the_next_event_is_one_event_from_now() async throws {
        let next = try await PlannerSession16Tests.plan(
            "Find my next calendar event and email its title and start time to pat@ourco.example")
        #expect(next.steps.first?.input["timeMin"] == .literal(.string("2026-12-07T10:30:00Z")))
        #expect(next.steps.first?.input["maxResults"] == .literal(.number(1)))
        let upcoming = try await PlannerSession16Tests.plan("my upcoming meetings")
        #expect(upcoming.steps.first?.input["timeMin"] == .literal(.string("2026-12-07T10:30:00Z")))
        #expect(upcoming.steps.first?.input["maxResults"] == nil)
    }
}

/// h30-28 and h29-57: the payment of an invoice found by its number, or of a payment read, was asked for again.
@Suite struct RefundOfRecordFoundTests {
    @Test func its_payment_is_the_one_found_before() async throws {
        let invoice = try await PlannerSession16Tests.plan("Find invoice INV-1011 and refund its payment in full")
        #expect(invoice.steps.map(\.capability) == ["list_invoices", "create_refund"])
        #expect(invoice.steps[1].input["payment_intent"] == .reference(step: 0, path: "0.payment_intent"))
        let payment = try await PlannerSession16Tests.plan(
            "Check payment pi_77QrStU, refund $12.50 of it, then email ana@x.example that it's done")
        #expect(payment.steps.map(\.capability) == ["get_payment", "create_refund", "send_message"])
        #expect(payment.steps[1].input["payment_intent"] == .reference(step: 0, path: "id"))
        #expect(payment.steps[1].input["amount"] == .literal(.number(1250)))
    }

    /// h30-34: "(name and email)" was cut into a second part that emailed, and the file name was asked for.
    @Test func an_aside_in_brackets_stays_with_what_it_follows() async throws {
        let saved = try await PlannerSession16Tests.plan(
            "Save the payments customer list (name and email) to storage as a file named customers.csv")
        #expect(saved.steps.map(\.capability) == ["list_customers", "upload_file"])
        #expect(saved.steps.last?.input["name"] == .literal(.string("customers.csv")))
    }
}

/// h30-43: "a deal … for €4,250" was written as 4250 with no currency, read as dollars.
@Suite struct DealCurrencyTests {
    @Test func a_deals_stated_currency_is_kept() async throws {
        let euros = try await PlannerSession16Tests.plan("Create a deal 'Acme - Support add-on' for €4,250")
        guard case .literal(let properties)? = euros.steps.first?.input["properties"] else {
            Issue.record("\(euros.steps)")
            return
        }
        #expect(properties.value(at: "amount") == .string("4250"))
        #expect(properties.value(at: "deal_currency_code") == .string("EUR"))
        let dollars = try await PlannerSession16Tests.plan("create a deal named Initech expansion worth $12,000")
        guard case .literal(let plain)? = dollars.steps.first?.input["properties"] else { return }
        #expect(plain.value(at: "deal_currency_code") == nil, "the account's own currency is not written")
    }
}

/// h29-22 and h29-31 at run time: "list active subscriptions and when each one renews" gave four dates, and
/// "channels with member counts" the counts without the names: nobody could tell which was which.
@Suite struct IdentifiedRecordsTests {
    static let declared = [
        ResultField(name: "plan_name", paths: ["plan.nickname"], synonyms: ["plan"]),
        ResultField(name: "next_billing_date", paths: ["current_period_end"]),
    ]
    static let subscriptions: JSONValue = .array([
        .object(["plan": .object(["nickname": .string("Pro")]), "current_period_end": .number(1_796_900_000)]),
        .object(["plan": .object(["nickname": .string("Team")]), "current_period_end": .number(1_797_000_000)]),
    ])

    @Test func several_records_shaped_to_unnamed_fields_say_which_they_are() {
        let shaped = ResultShaper.shape(Self.subscriptions, fields: ["renewal date"], declared: Self.declared)
        #expect(shaped.arrayValue?.map { $0.value(at: "plan_name") } == [.string("Pro"), .string("Team")])
        // Asked for by name, or one record: as asked.
        let named = ResultShaper.shape(Self.subscriptions, fields: ["plan", "renewal date"], declared: Self.declared)
        #expect(named.arrayValue?.first?.objectValue?.keys.sorted() == ["plan", "renewal_date"])
        let one = ResultShaper.shape(.array([Self.subscriptions.arrayValue![0]]), fields: ["renewal date"], declared: Self.declared)
        #expect(one.arrayValue?.first?.objectValue?.keys.sorted() == ["renewal_date"])
    }
}

/// h29-56 and h29-53.
@Suite struct WholeRecordsAndSideBySideReadsTests {
    /// "show their latest invoice" answered {"invoice": "INV-1010"}: the number alone.
    @Test func a_record_asked_for_by_its_noun_comes_whole() async throws {
        let invoice = try await PlannerSession16Tests.plan(
            "Look up the customer with email ben.chen@example.com in Stripe and show their latest invoice")
        #expect(invoice.steps.last?.capability == "latest_invoice")
        #expect(invoice.resultFields.isEmpty)
    }

    /// The scorer failed "What's the temperature in Tokyo, and also list my subscriptions" although the task answers
    /// with both reads.
    @Test func reads_side_by_side_are_each_a_result() async throws {
        let both = try await PlannerSession16Tests.plan("What's the temperature in Tokyo, and also list my subscriptions")
        #expect(both.resultSteps == [1, 2])
        let scorer = PlannerScorer(planner: EmbeddedPlanner())
        #expect(scorer.unusedRead(both) == nil)
    }
}

/// h30-14: "Move deal 2003 to closed won and set its amount to 26000" updated the deal twice.
@Suite struct MergedUpdatesTests {
    @Test func changes_to_one_record_are_one_update() async throws {
        let deal = try await PlannerSession16Tests.plan("Move deal 2003 to closed won and set its amount to 26000")
        #expect(deal.steps.map(\.capability) == ["update_deal"])
        #expect(
            deal.steps[0].input["properties"]
                == .literal(.object(["dealstage": .string("closedwon"), "amount": .string("26000")])))
        let told = try await PlannerSession16Tests.plan(
            "update the Acme Corp - Renewal deal to closed won and change its amount to 5000, then tell #sales")
        #expect(told.steps.map(\.capability) == ["search_deals", "find_channel", "update_deal", "post_message"])
        #expect(told.steps[3].input["text"] == .template("{{2|summary}}"), "the update told once")
        // Two records stay two updates.
        let two = try await PlannerSession16Tests.plan("move deal 2003 to closed won and move deal 2004 to closed lost")
        #expect(two.steps.map(\.capability) == ["update_deal", "update_deal"])
    }
}

/// Round h31's run-time finding R1: a zone in the answer to "when does it start?" was ignored ("tomorrow 3pm ET"
/// booked 15:00Z).
@Suite struct AnsweredStartZoneTests {
    func start(answer: String) async throws -> JSONInput? {
        let result = try await EmbeddedPlanner().plan(
            PlanningRequest(
                prompt: "Schedule a meeting called Sync with priya@x.example", userID: nil, pinnedTool: nil,
                input: ["start": .string(answer)], catalog: .builtIn, now: PlannerSession15Tests.now))
        guard case .workflow(let workflow) = result else { return nil }
        return workflow.steps.last?.input["start"]
    }

    @Test func an_answer_in_words_keeps_its_zone() async throws {
        #expect(try await start(answer: "tomorrow 3pm ET") == .literal(.object(["dateTime": .string("2026-12-08T20:00:00Z")])))
        #expect(try await start(answer: "tomorrow at 4pm Berlin time") == .literal(.object(["dateTime": .string("2026-12-08T15:00:00Z")])))
        #expect(try await start(answer: "tomorrow at 3pm") == .literal(.object(["dateTime": .string("2026-12-08T15:00:00Z")])))
        // An ISO 8601 answer carries its own offset.
        #expect(try await start(answer: "2026-12-08T15:00:00Z") == .literal(.object(["dateTime": .string("2026-12-08T15:00:00Z")])))
    }
}

/// Round h31's first-sight failures of the lead's classes.
@Suite struct PlannerH31ClassesTests {
    /// h31-32, h31-43 (a silent drop: the file was listed, not saved), h31-47.
    @Test func greetings_and_who_writes_are_no_part_of_the_request() async throws {
        let greeted = try await PlannerSession16Tests.plan(
            "Hi Ploton, the end user (a support lead) wants the last 20 messages from the #support-escalations channel. Return who posted and the text."
        )
        #expect(greeted.steps.map(\.capability) == ["find_channel", "list_messages"])
        let saved = try await PlannerSession16Tests.plan(
            "From the user's assistant: please save a file named meeting-notes-2026-12-07.md containing: \"ship v2 on Friday; hire 2 engineers\""
        )
        #expect(saved.steps.map(\.capability) == ["upload_file"])
        let meeting = try await PlannerSession16Tests.plan(
            "Assistant to Ploton: the user wants a meeting titled 'Design crit' at 2:30pm London time on Friday, 45 minutes, with ana@studio-ana.example"
        )
        #expect(meeting.steps.map(\.capability) == ["create_event"])
        #expect(meeting.steps.first?.input["start"] == .literal(.object(["dateTime": .string("2026-12-11T14:30:00Z")])))
    }

    /// h31-65: "refund ¥3,000" asked for the amount; yen have no cents.
    @Test func yen_are_refunded_whole() async throws {
        let refund = try await PlannerSession16Tests.plan("Please refund ¥3,000 on pi_3QwX1y2eZvKYlo2C9zAb0cDe")
        #expect(refund.steps.last?.input["amount"] == .literal(.number(3000)))
    }

    /// h31-73, h31-100.
    @Test func the_newest_record_and_a_currency_on_an_edit() async throws {
        let newest = try await PlannerSession16Tests.plan("Which customer signed up most recently?")
        #expect(newest.steps.map(\.capability) == ["list_customers"])
        #expect(newest.aggregate == ResultAggregate(op: .max, field: "created"))
        let bumped = try await PlannerSession16Tests.plan("bump the hooli deal to €75k")
        guard case .literal(let properties)? = bumped.steps.last?.input["properties"] else { return }
        #expect(properties == .object(["amount": .string("75000"), "deal_currency_code": .string("EUR")]))
    }
}

/// Round h31's S1 and h31-50.
@Suite struct NewMailAndQuotedQuestionsTests {
    @Test func new_mail_is_unread_mail() async throws {
        for prompt in ["any new emails?", "do I have new mail"] {
            #expect(try await PlannerSession16Tests.plan(prompt).steps.first?.input["q"] == .literal(.string("is:unread")), "\(prompt)")
        }
    }

    @Test func a_quoted_question_is_asked_not_carried() async throws {
        let prompt = "The user is asking: 'did payment pi_3R1a2b3c go through?' (They sound worried.)"
        let workflow = try await PlannerSession16Tests.plan(prompt)
        #expect(workflow.steps.map(\.capability) == ["get_payment"])
        let data = Data(
            #"{"now": "2026-12-07T10:30:00Z", "cases": [{"id": "q", "prompt": "\#(prompt)", "capabilities": ["payments.get_payment"]}]}"#
                .utf8)
        let set = try PlannerEvaluationSet.decode(data)
        #expect(PlannerScorer(planner: EmbeddedPlanner()).droppedText(workflow, set.cases[0]) == nil)
    }
}

/// h31-31, a silent drop that sent mail: a heading line over a bulleted request made the calendar be listed and the
/// attendee emailed the list.
@Suite struct HeadingLineTests {
    @Test func a_heading_line_is_no_part_of_the_request() async throws {
        let event = try await PlannerSession16Tests.plan(
            "User request (forwarded by the scheduling agent):\n- create a calendar event\n- title: Quarterly review w/ D'Angelo & Co\n"
                + "- when: December 14, 2026, 16:00-17:00 UTC\n- attendees: marco@dangelo-co.example")
        #expect(event.steps.map(\.capability) == ["create_event"])
        #expect(event.steps.first?.input["summary"] == .literal(.string("Quarterly review w/ D'Angelo & Co")))
    }
}

/// h31-96: "push the close date on the Initech upgrade deal to Jan 15, 2027" failed ("no tool here can push that"), and
/// "the Initech upgrade deal" asked for its id ("upgrade" was read as a verb, not part of the name).
@Suite struct PushedDatesTests {
    @Test func a_date_pushed_is_a_date_changed_on_the_deal_named() async throws {
        let pushed = try await PlannerSession16Tests.plan("push the close date on the Initech upgrade deal to Jan 15, 2027")
        #expect(pushed.steps.map(\.capability) == ["search_deals", "update_deal"])
        #expect(pushed.steps.first?.input["query"] == .literal(.string("Initech upgrade")))
        #expect(pushed.steps.last?.input["properties"] == .literal(.object(["closedate": .string("2027-01-15")])))
        // "pull" reads.
        #expect(
            try await PlannerSession16Tests.plan("pull every open deal and give me the close date of each").steps.map(\.capability) == [
                "list_deals"
            ])
    }
}
