import Foundation

/// The question an approval asks, as a person reads it: "Refund $30.00 of payment pi_3NqXa2?"
/// before the technical request ("Approve payments.create_refund with {…}?"), which agents keep.
public enum ApprovalText {
    public static func message(
        _ planned: PlannedStep, input: [String: JSONValue], redacted: String, outputs: [Int: JSONValue], prompt: String
    ) -> String {
        let technical = "Approve \(planned.tool).\(planned.capability) with \(redacted)?"
        guard planned.tool == "payments", planned.capability == "create_refund", let intent = input["payment_intent"]?.stringValue
        else { return technical }
        // The invoice the payment was read from, when it was ("Refund Emma Silva's last invoice").
        let invoice = planned.input["payment_intent"]?.referencedStep.flatMap { outputs[$0] }.map { $0.arrayValue?.first ?? $0 }
        let stated = ActionSteps.currencies(in: prompt).first.map { $0.lowercased() }
        let currency = invoice?.value(at: "currency")?.stringValue?.lowercased() ?? stated ?? "usd"
        let amount = input["amount"]?.numberValue.map { RecordSummary.money($0, currency: currency) }
        var sentence = amount.map { "Refund \($0) of payment \(intent)" } ?? "Refund payment \(intent) in full"
        if let invoice, let number = invoice.value(at: "number")?.stringValue {
            let owner = invoice.value(at: "customer_name")?.stringValue.map { "\($0)'s " } ?? ""
            let paid = invoice.value(at: "amount_paid")?.numberValue.map { ", \(RecordSummary.money($0, currency: currency)) paid" } ?? ""
            sentence += " (\(owner)invoice \(number)\(paid))"
        }
        return "\(sentence)? \(technical)"
    }
}
