import Foundation

/// "Refund £40 of Emma Silva's last invoice" when the invoice is in USD: Stripe refunds in the
/// payment's own currency, so the refund would be $40.00, not what was asked. Once the invoice is
/// read the mismatch is known, and the refund is refused before anyone is asked to approve it.
/// A payment named only by its id (`pi_…`) is read first (`get_payment`) when the prompt states a
/// currency, for the same check.
public enum RefundCurrency {
    /// The failure for a refund whose stated currency is not that of the invoice or payment it refunds, or nil.
    public static func mismatch(_ planned: PlannedStep, outputs: [Int: JSONValue], prompt: String) -> ToolFailure? {
        guard planned.tool == "payments", planned.capability == "create_refund", planned.input["amount"] != nil,
            let stated = ActionSteps.currencies(in: prompt).first?.lowercased(),
            let source = planned.input["payment_intent"]?.referencedStep, let read = outputs[source],
            let currency = (read.arrayValue?.first ?? read).value(at: "currency")?.stringValue?.lowercased(), currency != stated
        else { return nil }
        return ToolFailure(
            code: .currencyMismatch,
            message: "The prompt asks for a refund in \(stated.uppercased()), but the payment (step \(source)) is in "
                + "\(currency.uppercased()), and a refund is made in the payment's own currency. Nothing was refunded.",
            recoverable: true,
            suggestion: "Ask for the amount in \(currency.uppercased()), or for a full refund.")
    }
}
