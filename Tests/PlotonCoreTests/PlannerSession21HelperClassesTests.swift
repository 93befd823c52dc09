import Foundation
import PlotonAPI
import Testing

@testable import PlotonCore

/// Session 21's planner classes from blind round h38 (the helper's share): what a case cannot state.
@Suite struct PlannerSession21HelperClassesTests {
    /// Monday 2026-12-07, 10:30 UTC.
    static let now = Date(timeIntervalSince1970: 1_796_639_400)

    /// h38-72: "subject: Open deals this week" kept 2 of 7 deals (created this week); a subject or message is never a filter.
    @Test func the_words_of_a_subject_or_message_filter_nothing() async throws {
        for prompt in [
            "Send the open deals from user_456's HubSpot to deals-review@kite.example by email, subject: Open deals this week",
            "Email the open deals to vp@kite.example, subject: Deals closing this month",
            "send user_123's contacts to ops@kite.example, subject: New contacts today",
            "email the unpaid invoices to ar@kite.example with the subject Overdue since last month",
            "Post the open deals to #sales with the message: review these before Friday, created last week",
        ] {
            let workflow = try await EmbeddedPlanning.workflow(prompt, now: Self.now)
            let read = try #require(workflow.steps.first, "\(prompt)")
            let dated = (read.keep ?? []).filter { [.since, .before].contains($0.op) }
            #expect(dated.isEmpty, "\(prompt): \(read)")
        }
    }

    /// h38-54: a deal search kept to open deals needs `hs_is_closed`, which HubSpot's search returns only when asked.
    @Test func a_deal_search_asks_for_whether_each_deal_is_closed() throws {
        let search = try #require(ToolCatalog.builtIn.tool("crm")?.capability("search_deals"))
        let asked = search.parameters["properties"]?.default?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(asked.contains("hs_is_closed"))
        #expect(asked.contains("dealstage"))
    }

    /// h38-86: a title's dot in a message's own text is written as given; outside one it ends no sentence.
    @Test func a_title_in_a_message_keeps_its_dot() async throws {
        let workflow = try await EmbeddedPlanning.workflow("post in #support: ask Mrs. Okafor to call back before 5", now: Self.now)
        let post = try #require(workflow.steps.last { $0.capability == "post_message" })
        #expect(post.input["text"] == .literal(.string("ask Mrs. Okafor to call back before 5")), "\(post.input)")
    }

    /// h38-43: "no notifications" in a line of its own declines them; inside a message it is what the message says.
    @Test func a_delivery_declined_is_no_part_but_a_message_saying_no_is_sent_whole() async throws {
        let update = try await EmbeddedPlanning.workflow("Move the Hooli deal to closed won. No notifications please.", now: Self.now)
        #expect(update.steps.map(\.capability) == ["search_deals", "update_deal"], "\(update.steps)")
        #expect(update.resultFields.isEmpty, "\(update.resultFields)")
        let post = try await EmbeddedPlanning.workflow("tell #ops that there are no alerts", now: Self.now)
        #expect(post.steps.last?.input["text"] == .literal(.string("there are no alerts")), "\(post.steps)")
    }

    /// A refund said in full takes no amount the prompt says of something else ("… in full - the customer paid $40 twice"
    /// refunded $40).
    @Test func a_refund_in_full_takes_no_amount() async throws {
        for prompt in [
            "refund pi_3Xx11Yy22 in full - the customer paid $40 twice",
            "issue a full refund for pi_3Hh44Jj55, they were charged €60 by mistake",
        ] {
            let workflow = try await EmbeddedPlanning.workflow(prompt, now: Self.now)
            let refund = try #require(workflow.steps.last { $0.capability == "create_refund" }, "\(prompt)")
            #expect(refund.input["amount"] == nil, "\(prompt): \(refund.input)")
        }
        // A part of it is still that part.
        let part = try await EmbeddedPlanning.workflow("refund $15 of pi_3QwErTy55, not the full amount", now: Self.now)
        #expect(part.steps.last?.input["amount"] == .literal(.number(1500)), "\(part.steps)")
    }
}
