import Foundation
import Testing

@testable import PlotonCore

/// Session 15's planner findings by class.
@Suite struct PlannerSession15Tests {
    static let now = Date(timeIntervalSince1970: 1_796_639_400)  // 2026-12-07 10:30 UTC, a Monday

    static func plan(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    /// "yesterday's messages in #eng" read the channel's last page, whatever its day.
    @Test func a_channels_messages_of_a_period_are_read_within_it() async throws {
        let yesterday = try await Self.plan("summarize yesterday's messages in #eng")
        let read = try #require(yesterday.steps.last)
        #expect(read.capability == "list_messages")
        #expect(read.input["oldest"] == .literal(.string("1796515200")))  // 2026-12-06 00:00 UTC
        #expect(read.input["latest"] == .literal(.string("1796601600")))  // 2026-12-07 00:00 UTC
        // A period still going on bounds only its start.
        let week = try await Self.plan("show me this week's messages in #sales")
        #expect(week.steps.last?.input["oldest"] == .literal(.string("1796601600")))
        #expect(week.steps.last?.input["latest"] == nil)
        // No period, no bound.
        let recent = try await Self.plan("what's new in #general")
        #expect(recent.steps.last?.input["oldest"] == nil)
    }

    /// "what was posted in #sales today" asked for the text of a post to #sales.
    @Test func what_was_posted_somewhere_is_read_there() async throws {
        for prompt in ["what was posted in #sales today", "what got posted in #sales today", "what has been posted in #sales today"] {
            let workflow = try await Self.plan(prompt)
            #expect(workflow.steps.map(\.capability) == ["find_channel", "list_messages"], "\(prompt)")
            #expect(workflow.steps.last?.input["oldest"] == .literal(.string("1796601600")), "\(prompt)")
        }
    }

    /// "were any invoices emailed to pat@… this week" sent pat the invoices: a question whether something
    /// was done does not do it.
    @Test func asking_whether_something_was_sent_sends_nothing() async throws {
        let mailed = try await Self.plan("were any invoices emailed to pat@x.example this week")
        #expect(mailed.steps.map(\.capability) == ["search_messages", "read_message"])
        for prompt in ["was the weather report posted to #general today", "has the deal summary been sent to ann@x.example"] {
            let planned = try? await Self.plan(prompt)
            #expect(planned?.steps.contains { ["post_message", "send_message"].contains($0.capability) } != true, "\(prompt)")
        }
        // Asked for, it is sent.
        let asked = try await Self.plan("have the open deals emailed to pat@x.example")
        #expect(asked.steps.last?.capability == "send_message")
    }
}

/// Blind round h26's run-time finding: a refund went through, then the look-up of the channel to report it in
/// failed, and the task failed half done.
@Suite struct ReadsBeforeActionsTests {
    @Test func a_read_that_needs_no_actions_output_runs_before_the_actions() async throws {
        let plan = try await PlannerSession15Tests.plan(
            "Look up the latest invoice for ben.chen@example.com, refund $25 of it, and tell #billing it's done")
        #expect(plan.steps.map(\.capability) == ["list_customers", "latest_invoice", "find_channel", "create_refund", "post_message"])
        #expect(plan.steps[3].input["payment_intent"] == .reference(step: 1, path: "payment_intent"))
        #expect(plan.steps[4].input["channel"] == .reference(step: 2, path: "0.id"))
        // Placeholders follow their steps.
        let deal = try await PlannerSession15Tests.plan("create a deal called Acme renewal worth $5k and post it in #sales")
        #expect(deal.steps.map(\.capability) == ["find_channel", "create_deal", "post_message"])
        #expect(deal.steps[2].input["text"] == .template("{{1|summary}}"))
    }

    @Test func a_read_of_the_service_an_action_changed_stays_after_it() async throws {
        let plan = try await PlannerSession15Tests.plan("create a deal called Acme renewal worth $5k, then list the open deals")
        #expect(plan.steps.map(\.capability).first == "create_deal")
    }

    @Test func the_result_stays_with_the_step_it_was_made_from() {
        let workflow = Workflow(steps: [
            PlannedStep(tool: "payments", capability: "create_refund", input: ["payment_intent": .literal(.string("pi_1"))]),
            PlannedStep(tool: "weather", capability: "geocode", input: ["name": .literal(.string("Oslo"))]),
            PlannedStep(
                tool: "weather", capability: "current",
                input: ["latitude": .reference(step: 1, path: "latitude"), "longitude": .template("{{1.longitude}}")]),
        ])
        let ordered = ReadsBeforeActions.ordered(workflow, catalog: .builtIn)
        #expect(ordered.steps.map(\.capability) == ["geocode", "current", "create_refund"])
        #expect(ordered.steps[1].input["latitude"] == .reference(step: 0, path: "latitude"))
        #expect(ordered.steps[1].input["longitude"] == .template("{{0.longitude}}"))
        #expect(ordered.resultStep == 1)
    }
}

/// Blind round h26: "Give me its coordinates and time zone" matched no field of a place.
@Suite struct PlaceCoordinatesTests {
    @Test func a_places_coordinates_are_its_latitude_and_longitude() async throws {
        let plan = try await PlannerSession15Tests.plan("Where is Reykjavík? Give me its coordinates and time zone.")
        #expect(plan.steps.map(\.capability) == ["geocode"])
        let declared = try #require(ToolCatalog.builtIn.tool("weather")?.capability("geocode")).fields
        let place: JSONValue = .object([
            "name": .string("Reykjavík"), "latitude": .number(64.1355), "longitude": .number(-21.8954),
            "timezone": .string("Atlantic/Reykjavik"),
        ])
        #expect(ResultShaper.unmatched(place, fields: plan.resultFields, declared: declared).isEmpty)
        let shaped = ResultShaper.shape(place, fields: plan.resultFields, declared: declared)
        #expect(shaped.value(at: "coordinates") == .string("64.1355 -21.8954"), "\(shaped)")
        #expect(
            shaped.value(at: "time_zone") == .string("Atlantic/Reykjavik") || shaped.value(at: "timezone") == .string("Atlantic/Reykjavik"))
    }
}

/// Blind round h26's email and chat classes.
@Suite struct PlannerRoundH26Tests {
    static func plan(_ prompt: String) async throws -> Workflow { try await PlannerSession15Tests.plan(prompt) }

    static func message(_ workflow: Workflow) -> String {
        guard case .literal(.string(let raw))? = workflow.steps.last?.input["raw"] else { return "" }
        let padded =
            raw.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            + String(repeating: "=", count: (4 - raw.count % 4) % 4)
        return Data(base64Encoded: padded).flatMap { String(data: $0, encoding: .utf8) } ?? ""
    }

    /// "subj lunch fri body are we still on …" sent Subject "A quick note" and the body "email".
    @Test func subject_and_body_shorthand_label_the_message() async throws {
        let short = Self.message(
            try await Self.plan("sned email to tom@acme.example subj lunch fri body are we still on for lunch friday? -j"))
        #expect(short.contains("Subject: lunch fri\r\n"), "\(short)")
        #expect(short.hasSuffix("\r\n\r\nare we still on for lunch friday? -j"), "\(short)")
        let labelled = Self.message(try await Self.plan("email tom@acme.example, subj: Q4 numbers, msg: attached are the numbers"))
        #expect(labelled.contains("Subject: Q4 numbers\r\n"), "\(labelled)")
        #expect(labelled.hasSuffix("\r\n\r\nattached are the numbers"), "\(labelled)")
    }

    /// "Open the email with id 18c2f9a7b3" read the newest message instead.
    @Test func a_message_named_by_its_id_is_read() async throws {
        for prompt in ["Open the email with id 18c2f9a7b3 and show me what it says", "read email 18c2f9a7b3"] {
            let read = try await Self.plan(prompt)
            #expect(read.steps.map(\.capability) == ["read_message"], "\(prompt)")
            #expect(read.steps.first?.input["id"] == .literal(.string("18c2f9a7b3")), "\(prompt)")
        }
        let says = try await Self.plan("Open the email with id 18c2f9a7b3 and show me what it says")
        let declared = try #require(ToolCatalog.builtIn.tool("email")?.capability("read_message")).fields
        #expect(ResultShaper.unmatched(.object(["snippet": .string("Hi")]), fields: says.resultFields, declared: declared).isEmpty)
        // A number alone is no message id.
        let numbered = try? await Self.plan("find the email about invoice 20231201")
        #expect(numbered?.steps.first?.capability != "read_message")
    }

    /// "Who posted last in #engineering" read the channel's whole page.
    @Test func who_posted_last_reads_the_newest_message() async throws {
        let last = try await Self.plan("Who posted last in #engineering and what did they say?")
        #expect(last.steps.last?.input["limit"] == .literal(.number(1)))
        let all = try await Self.plan("who posted in #engineering today")
        #expect(all.steps.last?.input["limit"] == nil)
    }
}

/// Blind round h27: "refund €40 of pi_…" refunded $40.00 once approved; the payment's currency is read first.
@Suite struct RefundOfANamedPaymentTests {
    @Test func a_refund_in_a_stated_currency_reads_the_payment_first() async throws {
        let euros = try await PlannerSession15Tests.plan("refund €40 of payment pi_3QeL9xKf2")
        #expect(euros.steps.map(\.capability) == ["get_payment", "create_refund"])
        #expect(euros.steps[0].input["id"] == .literal(.string("pi_3QeL9xKf2")))
        #expect(euros.steps[1].input["payment_intent"] == .reference(step: 0, path: "id"))
        // In full it is the payment's own currency: nothing to check.
        let full = try await PlannerSession15Tests.plan("refund pi_3QeL9xKf2 in full")
        #expect(full.steps.map(\.capability) == ["create_refund"])
    }
}

/// Blind round h28 (the documented examples' paraphrases): whose account, and which records.
@Suite struct DocumentedExampleParaphrasesTests {
    static func plan(_ prompt: String) async throws -> Workflow { try await PlannerSession15Tests.plan(prompt) }

    /// "for the user alice_1" and "user u-42" named no end user (the CRM asked for one); "user_123s crm" named "user_123s".
    @Test func the_end_user_is_read_however_it_is_written() async throws {
        let cases = [
            "Grab every open deal from the CRM for the user alice_1 and give me the name, amount, stage, and close date of each.":
                "alice_1",
            "Fetch open deals in the CRM of user u-42; fields: name, amount, stage, close date.": "u-42",
            "pull all open deals from user_123s crm account return deal name amount stage and expected close date": "user_123",
            "Pull all contacts from user_123's CRM account created this month": "user_123",
        ]
        for (prompt, user) in cases { #expect(try await Self.plan(prompt).userID == user, "\(prompt)") }
        // "the user wants …": no id follows.
        #expect(try await Self.plan("the user wants the weather in Oslo").userID == nil)
    }

    /// "not closed yet", "during the current month" and "created in December" filtered nothing: every record came back.
    @Test func open_deals_and_a_months_contacts_however_they_are_written() async throws {
        let open = OutputCondition(path: "properties.hs_is_closed", op: .equals, value: .string("false"))
        for prompt in ["Get the deals that are not closed yet from user_123's CRM", "deals that haven't closed"] {
            #expect(try await Self.plan(prompt).steps.first?.keep == [open], "\(prompt)")
        }
        let december = [
            OutputCondition(path: "properties.createdate", op: .since, value: .string("2026-12-01T00:00:00Z")),
            OutputCondition(path: "properties.createdate", op: .before, value: .string("2027-01-01T00:00:00Z")),
        ]
        for prompt in [
            "Please retrieve every contact added to user_456's CRM during the current month.",
            "Pull all contacts from user_123's CRM account created in December",
        ] {
            #expect(try await Self.plan(prompt).steps.first?.keep == december, "\(prompt)")
        }
        // A month still to come this year is last year's: what was created is in the past.
        let march = try await Self.plan("contacts created in March")
        #expect(march.steps.first?.keep?.first?.value == .string("2026-03-01T00:00:00Z"))
    }
}

/// "find #engineering and post hello" read #engineering's messages and posted nothing (a silent drop); "find the
/// engineering channel and post …" asked which channel (blind round h28).
@Suite struct PostAfterFindingTheChannelTests {
    @Test func a_post_after_the_part_that_names_the_channel_goes_there() async throws {
        for prompt in [
            "find #engineering and post hello", "find the engineering channel and post hello",
            "find the engineering channel, then post hello there", "look up #engineering and post deploy done",
        ] {
            let plan = try await PlannerSession15Tests.plan(prompt)
            #expect(plan.steps.map(\.capability) == ["find_channel", "post_message"], "\(prompt)")
            #expect(plan.steps.first?.input["name"] == .literal(.string("engineering")), "\(prompt)")
            let text = plan.steps.last?.input["text"]
            #expect(text == .literal(.string("hello")) || text == .literal(.string("deploy done")), "\(prompt)")
        }
        // The documented example written without "#": the channel found once, the invoice's summary posted.
        let example = try await PlannerSession15Tests.plan(
            "connect to user_123s team chat find the engineering channel and post a summary of their latest invoice from the payment service"
        )
        #expect(example.steps.map(\.capability) == ["find_channel", "latest_invoice", "post_message"])
    }
}

/// Blind round h27: amounts and hours as people write them.
@Suite struct PlannerRoundH27Tests {
    static func plan(_ prompt: String) async throws -> Workflow { try await PlannerSession15Tests.plan(prompt) }

    /// "a quarter of the 200 dollars charged" refunded the whole $200.
    @Test func a_share_of_a_stated_amount_is_refunded() async throws {
        let cases = [
            "Refund a quarter of the 200 dollars charged on pi_3OaBcDeFgHiJkLmN0pQrStUv": 5_000.0,
            "refund half of the $80 on pi_123": 4_000, "refund three quarters of $100 on pi_9": 7_500,
        ]
        for (prompt, cents) in cases {
            #expect(try await Self.plan(prompt).steps.last?.input["amount"] == .literal(.number(cents)), "\(prompt)")
        }
        // A share of what the plan cannot see is asked for, never refunded in full.
        #expect(try await EmbeddedPlanning.needsInput("refund half of pi_123") == ["amount"])
    }

    /// "the first Monday of January" booked the coming Monday; "between Dec 14 and Dec 18" read Dec 14 alone.
    @Test func a_weekday_of_a_month_and_a_span_of_days_are_read_whole() async throws {
        let kickoff = try await Self.plan("Book 'Quarterly kickoff' on the first Monday of January at 9am, one hour")
        #expect(kickoff.steps.first?.input["start"] == .literal(.object(["dateTime": .string("2027-01-04T09:00:00Z")])))
        let retro = try await Self.plan("schedule a retro on the last Friday of next month at 3pm")
        #expect(retro.steps.first?.input["start"] == .literal(.object(["dateTime": .string("2027-01-29T15:00:00Z")])))
        for prompt in ["What's on the calendar between Dec 14 and Dec 18?", "events Dec 14 through Dec 18"] {
            let week = try await Self.plan(prompt)
            #expect(week.steps.first?.input["timeMin"] == .literal(.string("2026-12-14T00:00:00Z")), "\(prompt)")
            #expect(week.steps.first?.input["timeMax"] == .literal(.string("2026-12-19T00:00:00Z")), "\(prompt)")
        }
    }

    /// "tomorrow from 9 to 5" asked for the start.
    @Test func hours_without_am_or_pm_read_as_a_working_day() async throws {
        let offsite = try await Self.plan("Block my calendar tomorrow from 9 to 5 for 'Offsite - Château Lafleur'")
        #expect(offsite.steps.first?.input["start"] == .literal(.object(["dateTime": .string("2026-12-08T09:00:00Z")])))
        #expect(offsite.steps.first?.input["end"] == .literal(.object(["dateTime": .string("2026-12-08T17:00:00Z")])))
        let afternoon = try await Self.plan("what meetings do I have tomorrow between 2 and 4")
        #expect(afternoon.steps.first?.input["timeMin"] == .literal(.string("2026-12-08T14:00:00Z")))
        // Counts are no hours.
        #expect(PromptText.timeRange(in: "list invoices from 2 to 4 weeks ago") == nil)
    }
}

/// Blind round h27: "Ticket #4471: …" was read as a channel to post to, and "let them know at r.okoye@…" sent
/// the words "at r.okoye@…".
@Suite struct NumberedReferencesTests {
    @Test func a_number_after_a_hash_is_no_channel_and_where_a_message_goes_is_not_what_it_says() async throws {
        let plan = try await PlannerSession15Tests.plan(
            "Ticket #4471: customer was charged twice for November. Refund payment pi_3QxK7d2eZvKYlo2C0a1b2c3d in full and let them know at r.okoye@studio-9.example"
        )
        #expect(plan.steps.map(\.capability) == ["create_refund", "send_message"])
        guard case .template(let raw)? = plan.steps.last?.input["raw"] else {
            Issue.record("expected the refund's outcome in the message")
            return
        }
        #expect(raw.contains("To: r.okoye@studio-9.example") && raw.contains("Refunded {{0.amount|money}}"), "\(raw)")
        #expect(PromptText.channel(in: "PR #42 is merged, tell #eng") == "eng")
    }
}

/// Round h28: "weather SF: temp, conditions, humidity" geocoded "SF temp conditions humidity".
@Suite struct ShortPlaceNamesTests {
    @Test func a_citys_short_name_is_the_city_and_the_place_ends_at_its_colon() async throws {
        let plan = try await PlannerSession15Tests.plan("weather SF: temp, conditions, humidity")
        #expect(plan.steps.first?.input["name"] == .literal(.string("San Francisco")))
        #expect(plan.resultFields == ["temp", "conditions", "humidity"])
        #expect(try await PlannerSession15Tests.plan("weather in La Paz").steps.first?.input["name"] == .literal(.string("La Paz")))
    }
}
