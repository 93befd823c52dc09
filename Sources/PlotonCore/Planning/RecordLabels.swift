import Foundation

/// How a record's field reads in a message: a person's word for the provider's key ("stage", not
/// `dealstage`; "renews", not `current_period_end`), a stage id in words ("closed won"), and a
/// midnight timestamp as its date.
extension RecordSummary {
    static let labels: [String: String] = [
        "customer_name": "customer", "amount_due": "amount due", "amount_paid": "paid", "unit_amount": "price", "dealstage": "stage",
        "closedate": "closes", "current_period_end": "renews", "due_date": "due", "nickname": "plan", "modifiedTime": "modified",
        "wind_speed": "wind", "dateTime": "at", "lifecyclestage": "stage", "createdate": "created", "mimeType": "type",
        "webViewLink": "link",
    ]

    static func label(_ key: String) -> String { labels[key] ?? key.replacingOccurrences(of: "_", with: " ") }

    static func readable(_ key: String, _ text: String) -> String {
        if key == "dealstage", let stage = ActionSteps.dealStages.first(where: { $0.id == text }) { return stage.phrase }
        // "2026-12-30T00:00:00Z": a day, which HubSpot sends as midnight.
        if text.count == 20, text.hasSuffix("T00:00:00Z") { return String(text.prefix(10)) }
        return text
    }
}
