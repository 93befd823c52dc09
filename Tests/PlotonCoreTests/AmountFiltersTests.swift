import Foundation
import PlotonCore
import Testing

/// "invoices over $500", "deals worth more than 10k": bounds on an amount, kept at run time; an amount
/// stated alone in a deal update.
@Suite struct AmountFiltersTests {
    func steps(_ prompt: String) async throws -> [PlannedStep] {
        try await EmbeddedPlanning.workflow(prompt).steps
    }

    @Test func an_amount_bound_keeps_the_records_in_the_unit_the_provider_counts_in() async throws {
        let invoices = try await steps("invoices over $500")
        #expect(invoices.map(\.capability) == ["list_invoices"])
        #expect(invoices[0].keep == [OutputCondition(path: "amount_due", op: .above, value: .number(50_000))])
        let cheap = try await steps("open invoices under 200 dollars")
        #expect(cheap[0].input["status"] == .literal(.string("open")))
        #expect(cheap[0].keep == [OutputCondition(path: "amount_due", op: .below, value: .number(20_000))])
        let deals = try await steps("deals worth more than 10k")
        #expect(deals[0].keep == [OutputCondition(path: "properties.amount", op: .above, value: .number(10_000))])
    }

    @Test func an_amount_alone_in_a_deal_update_is_the_deals_amount() async throws {
        let update = try await steps("Update the Hooli deal to 75k")
        #expect(update.map(\.capability) == ["search_deals", "update_deal"])
        #expect(update[1].input["properties"] == .literal(.object(["amount": .string("75000")])))
    }

    @Test func above_and_below_compare_numbers_sent_as_numbers_or_as_text() {
        let over = OutputCondition(path: "properties.amount", op: .above, value: .number(10_000))
        let deals: JSONValue = .array([
            .object(["properties": .object(["amount": .string("12500.00")])]),
            .object(["properties": .object(["amount": .string("9000")])]),
            .object(["properties": .object(["amount": .null])]),
        ])
        #expect(OutputCondition.filter(deals, [over]) == .array([.object(["properties": .object(["amount": .string("12500.00")])])]))
        let under = OutputCondition(path: "amount_due", op: .below, value: .number(20_000))
        let invoices: JSONValue = .array([.object(["amount_due": .number(19_999)]), .object(["amount_due": .number(20_000)])])
        #expect(OutputCondition.filter(invoices, [under]) == .array([.object(["amount_due": .number(19_999)])]))
    }
}
