import Foundation
import PlotonCore
import Testing

/// Reads that completed with other data than asked at run time (round h18): a period or "past due"
/// dropped, another customer's records, a name cut at "&", an amount without a currency lost.
@Suite struct PlannerReadFiltersTests {
    let now = Date(timeIntervalSince1970: 1_796_288_400)  // 2026-12-03T09:00:00Z

    func workflow(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    @Test func a_period_and_past_due_filter_the_read() async throws {
        let closing = try await workflow("what deals close this month? deal name + amount")
        #expect(closing.steps.map(\.capability) == ["list_deals"])
        #expect(
            closing.steps[0].keep == [
                OutputCondition(path: "properties.closedate", op: .since, value: .string("2026-12-01T00:00:00Z")),
                OutputCondition(path: "properties.closedate", op: .before, value: .string("2027-01-01T00:00:00Z")),
            ], "the field list after the question read all deals again")
        let overdue = try await workflow("Stripe invoices that are past due")
        #expect(overdue.steps[0].input["status"] == .literal(.string("open")))
        #expect(overdue.steps[0].keep == [OutputCondition(path: "due_date", op: .before, value: .string("2026-12-03T09:00:00Z"))])
        let open = try await workflow("show me the open invoices")
        #expect(open.steps[0].keep == nil, "open is not past due")
    }

    @Test func a_named_customers_read_is_not_repeated_for_everyone() async throws {
        let firm = try await workflow("Get Alder & Finch's active subscription and tell me the plan and the next billing date")
        #expect(firm.steps.map(\.capability) == ["list_customers", "list_subscriptions"])
        #expect(firm.steps[0].keep == [OutputCondition(path: "name", op: .equals, value: .string("Alder & Finch"))])
        #expect(firm.steps[1].input["customer"] == .reference(step: 0, path: "0.id"))
    }

    @Test func names_keep_their_ampersand_and_a_bare_amount_after_worth_is_the_amount() async throws {
        let deal = try await workflow("create a deal for Sorrel & Pike, amount €9.400, stage appointment scheduled")
        #expect(
            deal.steps[0].input["properties"]
                == .literal(
                    .object([
                        "dealname": .string("Sorrel & Pike"), "amount": .string("9400"), "deal_currency_code": .string("EUR"),
                        "dealstage": .string("appointmentscheduled"),
                    ])
                ))
        let worth = try await workflow("add a deal 'Duarte Consulting' worth 12000")
        #expect(
            worth.steps[0].input["properties"] == .literal(.object(["dealname": .string("Duarte Consulting"), "amount": .string("12000")])))
    }

    @Test func last_month_is_a_period_and_records_sent_with_a_request_are_read() async throws {
        let receipts = try await workflow(
            "- get paid invoices from last month\n- email them to books@tallowmere.example with subject November receipts")
        #expect(receipts.steps.map(\.capability) == ["list_invoices", "send_message"], "not the latest invoice")
        #expect(
            receipts.steps[0].keep == [
                OutputCondition(path: "created", op: .since, value: .string("2026-11-01T00:00:00Z")),
                OutputCondition(path: "created", op: .before, value: .string("2026-12-01T00:00:00Z")),
            ])
        let chase = try await workflow("email the unpaid invoices to ar@x.example and ask them to chase Emma")
        #expect(chase.steps.map(\.capability) == ["list_invoices", "send_message"], "only the request was sent")
        guard case .template(let raw) = chase.steps[1].input["raw"] else {
            Issue.record("expected a composed message")
            return
        }
        #expect(raw.contains("{{0|summary}}\n\nCould you chase Emma?"))
        let billing = try await workflow("Find our Slack channel for billing and tell me how many members it has")
        #expect(billing.steps.map(\.capability) == ["find_channel"], "not Stripe's invoices")
        #expect(billing.steps[0].input["name"] == .literal(.string("billing")))
    }

    @Test func a_records_field_sent_is_read_and_a_file_found_to_tell_whats_in_it_is_opened() async throws {
        let amount = try await workflow("Email dana@globex.example the Globex - Pilot deal amount")
        #expect(amount.steps.map(\.capability) == ["search_deals", "send_message"], "the words 'Pilot deal amount' were emailed")
        #expect(amount.steps[0].input["query"] == .literal(.string("Globex - Pilot")))
        let dashed = try await workflow("email ann@x.example - lunch moved to 1pm")
        #expect(dashed.steps.map(\.capability) == ["send_message"], "words after a dash are still the message")
        let opened = try await workflow("open the drive doc named 'Vendor scorecard 2026' and tell me what's in it")
        #expect(opened.steps.map(\.capability) == ["list_files", "read_file"])
        #expect(opened.steps[1].input["file_id"] == .reference(step: 0, path: "0.id"))
    }

    /// Run time, round h19: the file's name and modified time were emailed, every deal was posted after one
    /// was updated, and "let #support know" after a refund posted the invoice.
    @Test func a_message_after_an_action_carries_what_the_action_did() async throws {
        let file = try await workflow(
            "grab all the won deals, save them to Drive as q4-won-deals.csv, and then email that file to cfo@marrowbank.example with subject Q4 wins"
        )
        guard case .template(let raw) = file.steps.last?.input["raw"] else {
            Issue.record("expected a composed email")
            return
        }
        #expect(raw.contains("{{0|csv}}"), "the file's content, as uploaded")
        let named = try await workflow("export all open invoices to Drive as open.csv, then post the file name in #finance")
        #expect(named.steps.last?.input["text"] == .template("{{2|summary}}"), "its name")
        let deal = try await workflow("update deal 2003's amount to 30k, then post the deal to #sales")
        #expect(deal.steps.map(\.capability) == ["find_channel", "update_deal", "post_message"], "not a list of every deal")
        #expect(deal.steps.last?.input["text"] == .template("{{1|summary}}"))
        let refund = try await workflow("refund Diego Rossi's last invoice, then let #support know")
        guard case .template(let text) = refund.steps.last?.input["text"] else {
            Issue.record("expected a composed post")
            return
        }
        #expect(text.hasPrefix("Refunded {{3.amount|money}}"), "\(text)")
    }

    /// Run time, round h19: an id was asked for a deal the task itself creates, and a payment for an invoice named by number.
    @Test func a_record_made_or_named_earlier_is_the_one_acted_on() async throws {
        let created = try await workflow(
            "Make a new deal 'Stark Industries - Rollout' at $90k in the contract sent stage, then set its close date to 2027-03-31")
        #expect(created.steps.map(\.capability) == ["create_deal", "update_deal"])
        #expect(created.steps[1].input["id"] == .reference(step: 0, path: "id"))
        let numbered = try await workflow("Refund $20 on Ben Chen's invoice INV-1010, plus post in #support that his refund is done")
        #expect(numbered.steps.map(\.capability) == ["list_customers", "list_invoices", "find_channel", "create_refund", "post_message"])
        #expect(numbered.steps[3].input["payment_intent"] == .reference(step: 1, path: "0.payment_intent"))
        let drafted = try await workflow("Draft and send an email to kim@ourco.example saying the report is ready")
        #expect(drafted.steps.map(\.capability) == ["send_message"], "was refused as 'draft'")
        let forward = try await workflow("Forward the latest email from ben.chen@example.com to kim@ourco.example")
        #expect(forward.steps.map(\.capability) == ["search_messages", "read_message", "send_message"], "that message, forwarded")
    }

    @Test func periods_that_meet_are_one_range() async throws {
        let weeks = try await workflow("what's on my calendar this week and next week")
        #expect(weeks.steps[0].input["timeMin"] == .literal(.string("2026-11-30T00:00:00Z")))
        #expect(weeks.steps[0].input["timeMax"] == .literal(.string("2026-12-14T00:00:00Z")), "next week's events were missing")
        let one = try await workflow("what's on my calendar this week")
        #expect(one.steps[0].input["timeMax"] == .literal(.string("2026-12-07T00:00:00Z")))
    }

    @Test func a_period_on_drive_files_filters_by_when_they_last_changed() async throws {
        let week = try await workflow("list the files on my Drive that were modified this week")
        #expect(
            week.steps[0].input["q"]
                == .literal(.string("modifiedTime >= '2026-11-30T00:00:00Z' and modifiedTime < '2026-12-07T00:00:00Z'")),
            "every file was listed")
        let sheets = try await workflow("which spreadsheets on drive were updated last month?")
        #expect(
            sheets.steps[0].input["q"]
                == .literal(
                    .string(
                        "mimeType = 'application/vnd.google-apps.spreadsheet' and modifiedTime >= '2026-11-01T00:00:00Z' "
                            + "and modifiedTime < '2026-12-01T00:00:00Z'")))
        let named = try await workflow("find the Q3 report on drive")
        #expect(named.steps[0].input["q"] == .literal(.string("name contains 'Q3 report'")), "no period, no time condition")
    }
}
