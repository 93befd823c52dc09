import Foundation
import PlotonCore
import Testing

/// An approval asks as a person reads it, the technical request after it (blind round h12 R5).
@Suite struct ApprovalTextTests {
    @Test func a_refund_says_how_much_of_which_payment_in_its_currency() {
        let stated = PlannedStep(
            tool: "payments", capability: "create_refund",
            input: ["payment_intent": .literal(.string("pi_3NqXa2")), "amount": .literal(.number(3000))])
        let input: [String: JSONValue] = ["payment_intent": .string("pi_3NqXa2"), "amount": .number(3000)]
        #expect(
            ApprovalText.message(stated, input: input, redacted: "{…}", outputs: [:], prompt: "Refund $30 of payment pi_3NqXa2")
                == "Refund $30.00 of payment pi_3NqXa2? Approve payments.create_refund with {…}?")
        #expect(
            ApprovalText.message(stated, input: input, redacted: "{…}", outputs: [:], prompt: "Refund €30 of pi_3NqXa2")
                .hasPrefix("Refund €30.00 of payment pi_3NqXa2?"))
    }

    @Test func a_refund_of_an_invoice_names_it_and_whose_it_is() {
        let planned = PlannedStep(
            tool: "payments", capability: "create_refund", input: ["payment_intent": .reference(step: 1, path: "payment_intent")])
        let invoice: JSONValue = .object([
            "number": .string("INV-1040"), "customer_name": .string("Emma Silva"), "amount_paid": .number(1900),
            "currency": .string("usd"), "payment_intent": .string("pi_PT5"),
        ])
        #expect(
            ApprovalText.message(
                planned, input: ["payment_intent": .string("pi_PT5")], redacted: "{…}", outputs: [1: invoice],
                prompt: "Refund Emma Silva's last invoice")
                == "Refund payment pi_PT5 in full (Emma Silva's invoice INV-1040, $19.00 paid)? Approve payments.create_refund with {…}?")
        // Round h22: "Refund £40 of …" on a USD invoice would refund $40.00: refused before approval (session 14).
        let partial = PlannedStep(
            tool: "payments", capability: "create_refund",
            input: ["payment_intent": .reference(step: 1, path: "payment_intent"), "amount": .literal(.number(4000))])
        let mismatch = RefundCurrency.mismatch(partial, outputs: [1: invoice], prompt: "Refund £40 of Emma Silva's last invoice")
        #expect(mismatch?.code == .currencyMismatch)
        #expect(mismatch?.message.contains("in GBP, but the payment (step 1) is in USD") == true, "\(String(describing: mismatch))")
        #expect(RefundCurrency.mismatch(partial, outputs: [1: invoice], prompt: "Refund $40 of Emma Silva's last invoice") == nil)
        // A full refund is in the payment's currency whatever the prompt says.
        #expect(RefundCurrency.mismatch(planned, outputs: [1: invoice], prompt: "Refund Emma's last invoice (the £ one)") == nil)
        // A payment named by its id is checked against the payment read by that id.
        let named = PlannedStep(
            tool: "payments", capability: "create_refund",
            input: ["payment_intent": .reference(step: 0, path: "id"), "amount": .literal(.number(4000))])
        let payment: JSONValue = .object(["object": .string("payment_intent"), "id": .string("pi_PT5"), "currency": .string("usd")])
        #expect(RefundCurrency.mismatch(named, outputs: [0: payment], prompt: "refund €40 of pi_PT5")?.code == .currencyMismatch)
        #expect(RefundCurrency.mismatch(named, outputs: [0: payment], prompt: "refund $40 of pi_PT5") == nil)
        let other = PlannedStep(tool: "crm", capability: "update_deal", input: [:])
        #expect(ApprovalText.message(other, input: [:], redacted: "{}", outputs: [:], prompt: "") == "Approve crm.update_deal with {}?")
    }
}
