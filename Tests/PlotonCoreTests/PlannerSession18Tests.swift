import Foundation
import PlotonAPI
import Testing

@testable import PlotonCore

/// Session 18's planner findings by class (blind round h34 and questions about money).
@Suite struct PlannerSession18Tests {
    static func plan(_ prompt: String) async throws -> Workflow { try await PlannerSession15Tests.plan(prompt) }

    /// h34-76: "in 2 hours, for 30 min" booked two hours; "in N" and "N from now" say when it starts.
    @Test func a_delay_before_the_start_is_no_length() {
        #expect(PromptText.duration(in: "Set up a call called 'Pricing review' in 2 hours, for 30 min.") == 1_800)
        #expect(PromptText.duration(in: "a sync 2 hours from now for 45 minutes") == 2_700)
        #expect(PromptText.duration(in: "a sync in 2h") == nil)
        #expect(PromptText.delay(in: "a sync 2 hours from now") == 7_200)
        #expect(PromptText.delay(in: "book it in 90 minutes") == 5_400)
        #expect(PromptText.delay(in: "book it in 3 days") == nil)
    }

    /// h34-93: "tomorrow from 3pm to 2pm" became a 23-hour event; a night ("11pm to 1am") still crosses midnight.
    @Test func an_end_before_the_start_is_refused_unless_it_is_a_night() async throws {
        let refused = try #require(await EmbeddedPlanning.failure("Create a calendar event called 'Retro' tomorrow from 3pm to 2pm."))
        #expect(refused.contains("would end before it starts"))
        let night = try await Self.plan("Add 'Late deploy' to my calendar tomorrow from 11pm to 1am")
        #expect(night.steps.last?.input["end"] == .literal(.object(["dateTime": .string("2026-12-09T01:00:00Z")])))
    }

    /// "how much revenue did we make", "how much do customers owe us", "how much is our pipeline worth": a total;
    /// "how much is the Initech deal worth" asks of one record, whose amount answers.
    @Test func money_questions_over_all_records_are_totals() async throws {
        let revenue = try await Self.plan("How much revenue did we make from paid invoices this month?")
        #expect(revenue.aggregate == ResultAggregate(op: .sum, field: "amount_paid"))
        let owed = try await Self.plan("How much do customers owe us in total?")
        #expect(owed.steps.map(\.capability) == ["list_invoices"])
        #expect(owed.aggregate == ResultAggregate(op: .sum, field: "amount_due"))
        let pipeline = try await Self.plan("How much is our pipeline worth?")
        #expect(pipeline.aggregate == ResultAggregate(op: .sum, field: "amount"))
        let one = try await Self.plan("how much is the Initech Pilot deal worth?")
        #expect(one.aggregate == nil)
        let most = try await Self.plan("Who owes us the most?")
        #expect(most.steps.map(\.capability) == ["list_invoices"], "'the most' is no latest invoice")
        #expect(most.aggregate == ResultAggregate(op: .max, field: "amount_due"))
    }

    /// h34-62: "invoices that have been paid" filtered on a customer named "been" and asked whether each was paid.
    @Test func a_relative_clause_about_payment_is_a_filter() async throws {
        let paid = try await Self.plan("list the invoices that have been paid with the invoice number and the date each was issued")
        #expect(paid.steps.map(\.capability) == ["list_invoices"])
        #expect(paid.steps.first?.input["status"] == .literal(.string("paid")))
        #expect(paid.resultFields == ["invoice number", "issued"])
    }

    /// "Send the total amount due across all unpaid invoices to #finance" posted how many there were.
    @Test func a_total_sent_is_what_the_records_come_to() async throws {
        let posted = try await Self.plan("Send the total amount due across all unpaid invoices to #finance")
        #expect(posted.steps.first?.input["status"] == .literal(.string("open")))
        #expect(posted.steps.last?.input["text"] == .template("Total amount due of invoices ({{0|count}}): {{0|total_cents:amount_due}}"))
        let invoices: JSONValue = .array([
            .object(["amount_due": .number(1_250), "currency": .string("usd")]),
            .object(["amount_due": .number(750), "currency": .string("usd")]),
        ])
        #expect(ComposedText.render("Due: {{0|total_cents:amount_due}}", outputs: [0: invoices]) == "Due: $20.00")
        let deals: JSONValue = .array([
            .object(["properties": .object(["amount": .string("1500")])]), .object(["properties": .object(["amount": .string("250.5")])]),
        ])
        #expect(ComposedText.render("{{0|total:properties.amount}}", outputs: [0: deals]) == "1750.5")
        #expect(ComposedText.render("{{0|total_cents:amount_due}}", outputs: [0: .array([])]) == "0")
    }
}
