import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

/// The spec's documented examples 2–5, with a test key and the embedded planner, and paraphrases.
@Suite struct DocumentedExamplesTests {
    func complete(_ t: TestApp, _ prompt: String) async throws -> [String: Any] {
        let id = try await t.createTask(#"{"prompt":"\#(prompt)"}"#)
        try await t.drain()
        let task = try await t.task(id)
        #expect(task["status"] as? String == "complete", "\(prompt): \(task)")
        return task
    }

    @Test(arguments: [
        "Pull all open deals from user_123's CRM account. Return deal name, amount, stage, and expected close date.",
        "Get user_123's open deals from the CRM and return the deal name, amount, stage and expected close date.",
        "List the open deals in user_123's CRM. Include deal name, amount, stage, and expected close date.",
    ])
    func example_2_open_deals_with_the_requested_fields(prompt: String) async throws {
        try await withPloton { t async throws in
            let task = try await complete(t, prompt)
            #expect(task["user_id"] as? String == "user_123")
            let deals = try #require(task["result"] as? [[String: Any]])
            #expect(!deals.isEmpty)
            #expect(deals.count < 8, "closed deals are left out")
            for deal in deals {
                #expect(Set(deal.keys) == ["deal_name", "amount", "stage", "expected_close_date"])
                #expect(!["closedwon", "closedlost"].contains(deal["stage"] as? String ?? ""))
                #expect(deal["deal_name"] is String && deal["expected_close_date"] is String)
            }
        }
    }

    @Test(arguments: [
        "Pull all contacts from user_123's CRM account created this month",
        "Which contacts were created this month in user_123's CRM?",
    ])
    func example_3_contacts_created_this_month(prompt: String) async throws {
        try await withPloton { t async throws in
            let contacts = try #require(try await complete(t, prompt)["result"] as? [[String: Any]])
            #expect(!contacts.isEmpty && contacts.count < 12)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let month = calendar.dateInterval(of: .month, for: t.clock.now)!
            for contact in contacts {
                let text = try #require((contact["properties"] as? [String: Any])?["createdate"] as? String)
                let created = try #require(ISO8601DateFormatter().date(from: text))
                #expect(month.contains(created))
            }
        }
    }

    @Test(arguments: [
        "Connect to user_123's team chat, find the #engineering channel, and post a summary of their latest invoice from the payment service.",
        "Post a summary of user_123's latest invoice to #engineering in their team chat.",
    ])
    func example_4_latest_invoice_summary_posted_to_engineering(prompt: String) async throws {
        try await withPloton { t async throws in
            let task = try await complete(t, prompt)
            #expect(Set(task["tools"] as? [String] ?? []) == ["payments", "chat"])
            let trace = try await t.send(.GET, "v1/tasks/\(try #require(task["id"] as? String))/trace", key: t.testKey).object
            let planned = try #require((trace["workflow"] as? [String: Any])?["steps"] as? [[String: Any]])
            #expect(planned.map { $0["capability"] as? String } == ["latest_invoice", "find_channel", "post_message"])
            #expect(planned.allSatisfy { ($0["reason"] as? String)?.isEmpty == false }, "the planner explains each step")
            let posted = try #require(task["result"] as? [String: Any])
            #expect(posted["ok"] as? Bool == true)
            let text = try #require((posted["message"] as? [String: Any])?["text"] as? String)
            #expect(text.hasPrefix("Latest invoice INV-"))
            #expect(text.contains("$") && text.contains("USD"))

            // The message is in #engineering's history, for that user's chat.
            let check = try await t.createTask(#"{"prompt":"List messages channel: #engineering","tool":"chat","user_id":"user_123"}"#)
            try await t.drain()
            let messages = try #require(try await t.task(check)["result"] as? [[String: Any]])
            #expect(messages.first?["text"] as? String == text)
        }
    }

    @Test(arguments: [
        "Pull all active subscriptions for user_123. Return plan name, amount, and next billing date.",
        "Show user_123's active subscriptions and return plan name, amount and next billing date",
    ])
    func example_5_active_subscriptions(prompt: String) async throws {
        try await withPloton { t async throws in
            let subscriptions = try #require(try await complete(t, prompt)["result"] as? [[String: Any]])
            #expect(subscriptions.count == 4)
            for subscription in subscriptions {
                #expect(Set(subscription.keys) == ["plan_name", "amount", "next_billing_date"])
                #expect(subscription["plan_name"] is String && subscription["amount"] is Double)
                let next = try #require(subscription["next_billing_date"] as? String)
                #expect(ISO8601DateFormatter().date(from: next) != nil)
            }
        }
    }
}
