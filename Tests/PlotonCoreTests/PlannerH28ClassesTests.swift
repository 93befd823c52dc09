import Foundation
import PlotonCore
import Testing

/// Blind round h28 (session 15, paraphrases of SPEC §5's documented examples): its silent drops, field lists and
/// typos, by class.
@Suite struct PlannerH28ClassesTests {
    static let now = Date(timeIntervalSince1970: 1_796_639_400)  // 2026-12-07 10:30 UTC, a Monday

    static func plan(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    /// "Post to #engineering (…): summary of their latest invoice from payments." posted those words; "… and post
    /// there a summary of the latest invoice" read the channel's messages and posted nothing: the invoice is read
    /// and its summary posted.
    @Test func a_summary_of_the_latest_record_is_read_and_posted() async throws {
        for prompt in [
            "Post to #engineering (user_123's team chat): summary of their latest invoice from payments.",
            "Find #engineering in user_123's chat workspace and post there a summary of the latest invoice from their payment service.",
        ] {
            let posted = try await Self.plan(prompt)
            #expect(posted.steps.map(\.capability) == ["latest_invoice", "find_channel", "post_message"], "\(prompt)")
            guard case .template(let text)? = posted.steps.last?.input["text"] else {
                Issue.record("the post carries no invoice: \(prompt)")
                continue
            }
            #expect(text.contains("{{0.number}}"), "\(prompt)")
        }
        // Words about a record are still said as written.
        let said = try await Self.plan("find #general and post there that the build is green")
        #expect(said.steps.last?.input["text"] == .literal(.string("the build is green")))
    }

    /// "conditions in Berlin", "expected close date for all open deals in user_123's CRM account": where the records
    /// are is no part of the field; "pipeline stage" and "deal value" are one field each (they became two).
    @Test func a_field_list_ends_where_the_records_are_named() async throws {
        #expect(
            try await Self.plan("Need the current temp, humidity & conditions in Berlin pls").resultFields == [
                "temp", "humidity", "conditions",
            ])
        #expect(
            try await Self.plan("Return deal name, amount, stage, and expected close date for all open deals in user_123's CRM account.")
                .resultFields == ["deal name", "amount", "stage", "expected close date"])
        #expect(
            try await Self.plan(
                "Pull all open deals from user_123's CRM account. Return deal name, deal value, pipeline stage and expected close date."
            ).resultFields == ["deal name", "deal value", "pipeline stage", "expected close date"])
    }

    /// "Pul all open deals …", "actve subscriptions", "locate the #engineering channel": slips and plain verbs of a read
    /// (it failed, or read every subscription).
    @Test func slips_in_a_read_are_read_as_meant() async throws {
        let deals = try await Self.plan(
            "Pul all open deals from user_123's CRM acount. Retrun deal name, amount, stage, and expected close date.")
        #expect(deals.steps.map(\.capability) == ["list_deals"])
        let subscriptions = try await Self.plan(
            "Pull all actve subscriptions for user_123. Retrun plan name, amount, and next billing date.")
        #expect(subscriptions.steps.first?.input["status"] == .literal(.string("active")))
        let located = try await Self.plan(
            "Please connect to the team chat for the user alice_1, locate the #engineering channel and post a summary of alice_1's "
                + "latest invoice from the payment service.")
        #expect(located.steps.map(\.capability).contains("post_message"))
    }

    /// "respond with temperature, conditions, humidity only" (it failed: no tool can respond), "(plan name / amount /
    /// next billing date)", "the date of the next billing": fields as people write them.
    @Test func fields_asked_in_other_shapes_are_fields() async throws {
        let weather = try await Self.plan("Retrieve current San Francisco weather; respond with temperature, conditions, humidity only.")
        #expect(weather.steps.map(\.capability) == ["geocode", "current"])
        #expect(weather.resultFields == ["temperature", "conditions", "humidity"])
        let bracketed = try await Self.plan("Show all of user_123's active subscriptions (plan name / amount / next billing date)")
        #expect(bracketed.resultFields == ["plan name", "amount", "next billing date"])
        let billing = try await Self.plan(
            "Get user_123's subscriptions that are currently active, with the plan name, amount and the date of the next billing.")
        #expect(billing.resultFields == ["plan name", "amount", "next billing date"])
    }

    /// "Which deals are still open …? Show deal name, amount, pipeline stage …" searched deals for "pipeline".
    @Test func a_pipeline_stage_asked_for_is_no_stage_to_search() async throws {
        let deals = try await Self.plan(
            "Which deals are still open in user_123's CRM? Show deal name, amount, pipeline stage and close date.")
        #expect(deals.steps.map(\.capability) == ["list_deals"])
    }

    /// "… what the conditions are, and the humidity level" looked up a second place, "what"; "For San Francisco, CA,
    /// fetch the current temperature, humidity …" looked up "humidity".
    @Test func question_and_weather_words_are_no_places() async throws {
        let asked = try await Self.plan(
            "Could you check the weather in San Francisco at the moment and let me know the temperature, what the conditions are, "
                + "and the humidity level?")
        #expect(asked.steps.map(\.capability) == ["geocode", "current"])
        let leading = try await Self.plan("For San Francisco, CA, fetch the current temperature, humidity and weather conditions.")
        #expect(leading.steps.first?.input["name"] == .literal(.string("San Francisco")))
    }
}
