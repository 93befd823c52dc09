import Foundation
import PlotonAPI
import Testing

@testable import PlotonCore

/// Session 17's planner findings by class (blind round h32 and the run-time outcomes of mail reads).
@Suite struct PlannerSession17Tests {
    static func plan(_ prompt: String) async throws -> Workflow { try await PlannerSession15Tests.plan(prompt) }

    /// "show my unread emails" returned bare message ids: a search shown to a person reads each message it found.
    @Test func messages_searched_for_are_read_each() async throws {
        for prompt in ["show me my unread emails", "any emails from ana@acme.com this week?", "summarize my last 3 emails"] {
            let workflow = try await Self.plan(prompt)
            #expect(workflow.steps.map(\.capability) == ["search_messages", "read_message"], "\(prompt)")
            #expect(workflow.steps.last?.input["id"] == .reference(step: 0, path: "*.id"), "\(prompt)")
            #expect(workflow.resultFields == MessageReads.shownFields, "\(prompt)")
        }
        let asked = try await Self.plan("give me the sender and subject of my unread emails")
        #expect(asked.steps.first?.input["q"] == .literal(.string("is:unread")), "the fields asked are not searched for")
        #expect(asked.resultFields == ["sender", "subject"])
    }

    @Test func a_count_or_the_ids_or_one_message_reads_no_list() async throws {
        let count = try await Self.plan("how many unread emails do I have")
        #expect(count.steps.map(\.capability) == ["search_messages"])
        let ids = try await Self.plan("Search the user's Gmail for messages from ann@acme.example and return the message ids.")
        #expect(ids.steps.map(\.capability) == ["search_messages"])
        for prompt in ["what is the subject of my last email", "what was the subject of the latest email from ann"] {
            let one = try await Self.plan(prompt)
            #expect(one.steps.last?.input["id"] == .reference(step: 0, path: "0.id"), "\(prompt)")
            #expect(one.resultFields == ["subject"], "\(prompt)")
            #expect(one.steps.first?.input["q"].map { "\($0)".contains("subject") || "\($0)".contains("of") } != true, "\(prompt)")
        }
    }

    /// h32-13/30: "Do not email anyone" was planned as a search of the mail for "not"; h32-90: a prohibition of what the
    /// prompt itself asks was posted anyway.
    @Test func a_prohibition_is_no_step_and_one_that_contradicts_the_ask_is_refused() async throws {
        let contacts = try await Self.plan(
            "Look up the CRM contacts at Ørsted Nordic. Do not email anyone, just return their names and emails.")
        #expect(contacts.steps.map(\.capability) == ["search_contacts"])
        let refund = try await Self.plan("Refund pi_9ZZt55mQ in full. Do not refund any other payment and do not email the customer.")
        #expect(refund.steps.map(\.capability) == ["create_refund"])
        let listed = try await Self.plan("Goal: list the Slack channels and their members. Constraints: read-only, don't post anything.")
        #expect(listed.steps.map(\.capability) == ["list_channels"])
        let failure = await EmbeddedPlanning.failure("Post 'deploy done' in #eng, but don't post anything to Slack today")
        #expect(failure?.contains("forbids") == true, "\(String(describing: failure))")
        // A message's own words are sent as written.
        let quoted = try await Self.plan("post \"don't panic\" to #general")
        #expect(quoted.steps.last?.input["text"] == .literal(.string("don't panic")))
        let saying = try await Self.plan("email bob@x.example saying don't forget the meeting")
        #expect(saying.steps.map(\.capability) == ["send_message"])
    }

    /// h32-12: "Goal restated: the notes must end up in Drive as …" uploaded a second file of those words.
    @Test func a_restated_goal_is_not_done_twice() async throws {
        let upload = try await Self.plan(
            "Upload a file named standup-notes.md with the content \"API migration done\". Goal restated: the notes must end up in Drive as standup-notes.md."
        )
        #expect(upload.steps.map(\.capability) == ["upload_file"])
    }

    /// h32-99/100 (silent drops) and 98: a change noted as shorthand was planned as a read, or asked for what it states.
    @Test func shorthand_edits_are_updates() async throws {
        let expected: [(String, String, [String: String])] = [
            ("deal 42-Widgets: stage -> contract sent", "42-Widgets", ["dealstage": "contractsent"]),
            ("move deal 42-Widgets to contract sent", "42-Widgets", ["dealstage": "contractsent"]),
            ("set the stage of deal Widgets to contract sent", "Widgets", ["dealstage": "contractsent"]),
            ("rename deal 'acme pilot' → 'Acme Corp pilot (phase 2)'", "acme pilot", ["dealname": "Acme Corp pilot (phase 2)"]),
            ("contact o'reilly at 3m-partners: company name should be '3M Partners LLC'", "O'Reilly", ["company": "3M Partners LLC"]),
        ]
        for (prompt, query, properties) in expected {
            let workflow = try await Self.plan(prompt)
            #expect(workflow.steps.first?.input["query"] == .literal(.string(query)), "\(prompt)")
            #expect(workflow.steps.last?.input["properties"] == .literal(.object(properties.mapValues(JSONValue.string))), "\(prompt)")
        }
    }

    /// h32-65 at run time: "What's the oldest open invoice? Email its number …" emailed every open invoice.
    @Test func the_record_a_question_picks_is_the_one_sent() async throws {
        let oldest = try await Self.plan(
            "What's the oldest open invoice? Email its number and amount due to collections@ourco.example")
        #expect(oldest.steps.first?.keep?.last?.op == .lowest, "\(oldest.steps)")
        let biggest = try await Self.plan("email the biggest open deal to ann@x.example")
        #expect(biggest.steps.first?.keep?.last == OutputCondition(path: "properties.amount", op: .highest, value: .null))
        let all = try await Self.plan("email the open deals to ann@x.example")
        #expect(all.steps.first?.keep?.contains { [.highest, .lowest].contains($0.op) } != true)
        // "the number and amount due of the latest invoice" is that invoice's number, no count.
        let latest = try await Self.plan("Email the number and amount due of the latest invoice to x@y.example")
        guard case .template(let raw)? = latest.steps.last?.input["raw"] else {
            Issue.record("expected a composed message")
            return
        }
        #expect(raw.contains("{{0.number}}") && !raw.contains("|count"), "\(raw)")
    }

    @Test func highest_and_lowest_keep_one_item_after_the_other_conditions() {
        let items = JSONValue.array([
            .object(["n": .number(3), "open": .bool(true)]), .object(["n": .number(9), "open": .bool(false)]),
            .object(["n": .number(5), "open": .bool(true)]),
        ])
        let open = OutputCondition(path: "open", op: .equals, value: .bool(true))
        #expect(
            OutputCondition.filter(items, [open, OutputCondition(path: "n", op: .highest, value: .null)])
                == .array([
                    .object(["n": .number(5), "open": .bool(true)])
                ]))
        #expect(
            OutputCondition.filter(items, [OutputCondition(path: "n", op: .lowest, value: .null)])
                == .array([
                    .object(["n": .number(3), "open": .bool(true)])
                ]))
        #expect(OutputCondition.filter(.array([]), [OutputCondition(path: "n", op: .lowest, value: .null)]) == .array([]))
    }

    /// h32-97: the change said first and asked for after ("… now closes on March 31, please update it").
    @Test func a_change_told_then_asked_for_is_that_update() async throws {
        let closes = try await Self.plan("The Hooli deal now closes on March 31, please update it")
        #expect(closes.steps.first?.input["query"] == .literal(.string("Hooli")))
        #expect(closes.steps.last?.input["properties"] == .literal(.object(["closedate": .string("2027-03-31")])))
        let worth = try await Self.plan("the Globex deal is now worth $52k, update it in the crm")
        #expect(worth.steps.last?.input["properties"] == .literal(.object(["amount": .string("52000")])))
    }

    /// h32-42/43/44/57/59/75/46: fields and figures asked as people ask them.
    @Test func fields_and_figures_asked_in_passing() async throws {
        #expect(try await Self.plan("wats the temprature in edinbrugh").resultFields == ["temperature"])
        #expect(try await Self.plan("can you tell me when my next meetings are").resultFields == ["start"])
        #expect(try await Self.plan("could you check if the payment pi_2RtY6uIo went through?").resultFields == ["status"])
        let coordinates = try await Self.plan("where is timbuktu exactly? coords pls")
        #expect(coordinates.steps.map(\.capability) == ["geocode"])
        #expect(coordinates.steps.first?.input["name"] == .literal(.string("timbuktu")))
        let both = try await Self.plan("How many open deals do we have and what are they worth in total?")
        #expect(both.aggregate == ResultAggregate(op: .sum, field: "amount"), "the sum carries the count")
        let total = try await Self.plan("List the invoices for customer cus_R2d2C3po and tell me the total")
        #expect(total.aggregate == ResultAggregate(op: .sum, field: "amount_due"))
        let named = try await Self.plan("show me the deals with renewal in the name")
        #expect(named.steps.first?.capability == "search_deals")
        #expect(named.steps.first?.input["query"] == .literal(.string("renewal")))
        #expect(named.resultFields.isEmpty)
    }

    /// h32-19/39/68: framing and openers that sank the request.
    @Test func openers_and_context_around_the_request() async throws {
        let files = try await Self.plan(
            "You are a document assistant. The user says: \"I can't find the board deck anymore.\" Task: list the Drive files "
                + "whose name contains 'board deck' and return name, last modified and size.")
        #expect(files.steps.first?.input["q"] == .literal(.string("name contains 'board deck'")))
        let newcomer = try await Self.plan("hello, I am new here. Where I can see the list of my files in drive? Please show me them.")
        #expect(newcomer.steps.map(\.capability) == ["list_files"])
        #expect(newcomer.resultFields.isEmpty)
        let gist = try await Self.plan(
            "Read the latest email from jenna@hollis-law.example and forward the gist to me at kai@ourco.example")
        #expect(gist.steps.map(\.capability) == ["search_messages", "read_message", "send_message"])
    }

    /// "Refund the last payment from ann@…" asked for a payment id: a customer's last payment is their latest paid invoice's.
    @Test func a_customers_last_payment_is_their_latest_paid_invoices() async throws {
        for prompt in ["Refund the last payment from ann@acme.example", "refund $20 of Ben Chen's last payment"] {
            let workflow = try await Self.plan(prompt)
            #expect(workflow.steps.map(\.capability) == ["list_customers", "latest_invoice", "create_refund"], "\(prompt)")
            #expect(workflow.steps[1].input["status"] == .literal(.string("paid")), "\(prompt)")
        }
    }

    /// Plain requests that went wrong: an end user read as a place, a close date dropped, an invitation sent as the
    /// calendar's list.
    @Test func plain_requests_keep_what_they_state() async throws {
        let weather = try await Self.plan("Get the current weather for user_123 in Berlin")
        #expect(weather.steps.first?.input["name"] == .literal(.string("Berlin")))
        let deal = try await Self.plan("Create a new deal for Acme Corp worth 25k closing next month")
        #expect(deal.steps.first?.input["properties"]?.resolved(outputs: [:])?.value(at: "closedate") == .string("2027-01-31"))
        let invite = try await Self.plan("Send a meeting invite to ann@acme.example for Friday 10am titled Planning")
        #expect(invite.steps.map(\.capability) == ["create_event"])
        #expect(invite.steps.first?.input["summary"] == .literal(.string("Planning")))
    }

    /// Blind round h33: a change list after a colon (a silent drop of the close date), mail by a sender named without an
    /// address, a context's payment id, "respond with", "with us the longest".
    @Test func h33_classes() async throws {
        let update = try await Self.plan("Update deal 18273645: stage contractsent, close date 2027-02-15")
        #expect(
            update.steps.last?.input["properties"]
                == .literal(.object(["dealstage": .string("contractsent"), "closedate": .string("2027-02-15")])))
        let ann = try await Self.plan("What did ann send me? Give me the subjects and dates.")
        #expect(ann.steps.first?.input["q"] == .literal(.string("from:ann")))
        let globex = try await Self.plan("Did anyone from globex.example email me this week?")
        #expect(globex.steps.first?.input["q"] == .literal(.string("from:globex.example after:2026/12/07 before:2026/12/14")))
        let refund = try await Self.plan(
            "Context: the customer called about a double charge. Payment id: pi_3PqR5sT6uV7wX8yZ. Action required: refund 25.00 USD "
                + "of it. Do not refund the whole payment.")
        #expect(refund.steps.map(\.capability) == ["get_payment", "create_refund"])
        let bergen = try await Self.plan(
            "The user wants to know whether it's raining in Bergen at the moment. Respond with the conditions and temperature.")
        #expect(bergen.resultFields == ["conditions", "temperature"])
        let longest = try await Self.plan("Which customer has been with us the longest?")
        #expect(longest.aggregate == ResultAggregate(op: .min, field: "created"))
    }

    /// h33-53 (a silent drop): who is to do it ("The assistant should …") listed files, and text in single quotes lost
    /// its line breaks.
    @Test func the_doer_named_first_and_single_quoted_lines() async throws {
        let upload = try await Self.plan(
            "The assistant should upload a file called 'q4-forecast.csv' with content 'region,amount\nEMEA,120000' to the user's drive.")
        #expect(upload.steps.map(\.capability) == ["upload_file"])
        #expect(upload.steps.first?.input["content"] == .literal(.string("region,amount\nEMEA,120000")))
        let post = try await Self.plan("Post 'line one\nline two' to #general")
        #expect(post.steps.last?.input["text"] == .literal(.string("line one\nline two")))
        let contraction = try await Self.plan("I'd like the weather in Oslo.\nAlso post it to #general")
        #expect(contraction.steps.map(\.capability) == ["geocode", "current", "find_channel", "post_message"])
    }
}
