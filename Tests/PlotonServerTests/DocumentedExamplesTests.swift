import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

/// The spec's five documented examples, each with its own paraphrase set (the example first), run
/// end to end with a test key and the embedded planner.
@Suite struct DocumentedExamplesTests {
    static let example1 = [
        "Look up the current weather in San Francisco and return temperature, conditions, and humidity",
        "What's the weather in San Francisco right now? Give me temperature, conditions, and humidity.",
        "Check current conditions in San Francisco and return the temperature, conditions and humidity",
        "How hot and humid is it in San Francisco? Return temperature, conditions, humidity.",
        "Get the current weather for San Francisco, including temperature, conditions, and humidity",
        "San Francisco weather now: return temperature, conditions and humidity",
    ]
    static let example2 = [
        "Pull all open deals from user_123's CRM account. Return deal name, amount, stage, and expected close date.",
        "Get user_123's open deals from the CRM and return the deal name, amount, stage and expected close date.",
        "List the open deals in user_123's CRM. Include deal name, amount, stage, and expected close date.",
        "Show me every open deal in the CRM for user_123, returning deal name, amount, stage and expected close date.",
        "Fetch open opportunities from user_123's HubSpot. Return deal name, amount, stage, expected close date.",
        "What open deals does user_123 have in their sales pipeline? Return deal name, amount, stage, and expected close date.",
    ]
    static let example3 = [
        "Pull all contacts from user_123's CRM account created this month",
        "Which contacts were created this month in user_123's CRM?",
        "List user_123's CRM contacts added this month",
        "Show the contacts created this month in the CRM for user_123",
        "Get every new contact in user_123's HubSpot from this month",
        "Find the people user_123 added to their CRM this month",
    ]
    static let example4 = [
        "Connect to user_123's team chat, find the #engineering channel, and post a summary of their latest invoice from the payment service.",
        "Post a summary of user_123's latest invoice to #engineering in their team chat.",
        "Find the #engineering channel in user_123's Slack and share a summary of their most recent invoice from the payment service",
        "Summarize user_123's latest invoice from payments and post it in #engineering",
        "Send a summary of the last invoice for user_123 to the #engineering channel on chat",
        "Let #engineering know about user_123's newest Stripe invoice: post a summary in their team chat",
    ]
    static let example5 = [
        "Pull all active subscriptions for user_123. Return plan name, amount, and next billing date.",
        "Show user_123's active subscriptions and return plan name, amount and next billing date",
        "List active subscriptions for user_123 with plan name, amount, and next billing date",
        "Which subscriptions are active for user_123? Return plan name, amount, next billing date.",
        "Get all of user_123's active subscriptions from the payment service. Return the plan name, amount and next billing date.",
        "Fetch the active Stripe subscriptions of user_123, returning plan name, amount, and next billing date",
    ]

    /// Creates one task per prompt, runs them all, and returns each finished task (expected complete).
    func complete(_ t: TestApp, _ prompts: [String]) async throws -> [(prompt: String, task: [String: Any])] {
        var ids: [String] = []
        for prompt in prompts { ids.append(try await t.createTask(#"{"prompt":"\#(prompt)"}"#)) }
        try await t.drainConsenting()
        var finished: [(String, [String: Any])] = []
        for (prompt, id) in zip(prompts, ids) {
            let task = try await t.task(id)
            #expect(task["status"] as? String == "complete", "\(prompt): \(task)")
            finished.append((prompt, task))
        }
        return finished
    }

    @Test func example_1_current_weather_with_the_requested_fields() async throws {
        try await withPloton { t async throws in
            for (prompt, task) in try await complete(t, Self.example1) {
                let result = try #require(task["result"] as? [String: Any], "\(prompt)")
                #expect(Set(result.keys) == ["temperature", "conditions", "humidity"], "\(prompt)")
                #expect(result["temperature"] is Double && result["humidity"] is Double && result["conditions"] is String, "\(prompt)")
                #expect(task["tool"] as? String == "weather")
            }
        }
    }

    @Test func example_2_open_deals_with_the_requested_fields() async throws {
        try await withPloton { t async throws in
            for (prompt, task) in try await complete(t, Self.example2) {
                #expect(task["user_id"] as? String == "user_123", "\(prompt)")
                let deals = try #require(task["result"] as? [[String: Any]], "\(prompt)")
                #expect(!deals.isEmpty && deals.count < 8, "closed deals are left out: \(prompt)")
                for deal in deals {
                    #expect(Set(deal.keys) == ["deal_name", "amount", "stage", "expected_close_date"], "\(prompt)")
                    #expect(!["closedwon", "closedlost"].contains(deal["stage"] as? String ?? ""))
                    #expect(deal["deal_name"] is String && deal["expected_close_date"] is String)
                }
            }
        }
    }

    @Test func example_3_contacts_created_this_month() async throws {
        try await withPloton { t async throws in
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let month = calendar.dateInterval(of: .month, for: t.clock.now)!
            for (prompt, task) in try await complete(t, Self.example3) {
                let contacts = try #require(task["result"] as? [[String: Any]], "\(prompt)")
                #expect(!contacts.isEmpty && contacts.count < 12, "\(prompt)")
                for contact in contacts {
                    let text = try #require((contact["properties"] as? [String: Any])?["createdate"] as? String)
                    let created = try #require(ISO8601DateFormatter().date(from: text))
                    #expect(month.contains(created), "\(prompt)")
                }
            }
        }
    }

    @Test func example_4_latest_invoice_summary_posted_to_engineering() async throws {
        try await withPloton { t async throws in
            var posted: [String] = []
            for (prompt, task) in try await complete(t, Self.example4) {
                #expect(Set(task["tools"] as? [String] ?? []) == ["payments", "chat"], "\(prompt)")
                let trace = try await t.send(.GET, "v1/tasks/\(try #require(task["id"] as? String))/trace", key: t.testKey).object
                let planned = try #require((trace["workflow"] as? [String: Any])?["steps"] as? [[String: Any]])
                #expect(planned.map { $0["capability"] as? String } == ["latest_invoice", "find_channel", "post_message"], "\(prompt)")
                #expect(planned.allSatisfy { ($0["reason"] as? String)?.isEmpty == false }, "the planner explains each step")
                let message = try #require(task["result"] as? [String: Any], "\(prompt)")
                #expect(message["ok"] as? Bool == true)
                let text = try #require((message["message"] as? [String: Any])?["text"] as? String)
                #expect(text.hasPrefix("Latest invoice INV-") && text.contains("$") && text.contains("USD"), "\(prompt): \(text)")
                posted.append(text)
            }

            // The messages are in #engineering's history, for that user's chat.
            let check = try await t.createTask(#"{"prompt":"List messages channel: #engineering","tool":"chat","user_id":"user_123"}"#)
            try await t.drainConsenting()
            let messages = try #require(try await t.task(check)["result"] as? [[String: Any]])
            #expect(Set(messages.prefix(posted.count).compactMap { $0["text"] as? String }) == Set(posted))
        }
    }

    @Test func example_5_active_subscriptions() async throws {
        try await withPloton { t async throws in
            for (prompt, task) in try await complete(t, Self.example5) {
                let subscriptions = try #require(task["result"] as? [[String: Any]], "\(prompt)")
                #expect(subscriptions.count == 4, "\(prompt)")
                for subscription in subscriptions {
                    #expect(Set(subscription.keys) == ["plan_name", "amount", "next_billing_date"], "\(prompt)")
                    // Stripe's cents as money, as a person reads it (49900 would be read as $49,900).
                    let amount = try #require(subscription["amount"] as? String, "\(subscription)")
                    #expect(subscription["plan_name"] is String && amount.range(of: #"^\$\d+\.\d\d$"#, options: .regularExpression) != nil)
                    let next = try #require(subscription["next_billing_date"] as? String)
                    #expect(ISO8601DateFormatter().date(from: next) != nil)
                }
            }
        }
    }
}
