import Foundation
import PlotonCore
import Testing

/// Labelled message parts, bare channels, time zones and counts, as people write them.
@Suite struct PromptLabelsTests {
    @Test func labels_run_to_the_next_label_and_keep_their_punctuation_inside() {
        let prompt = "send an email to maya@example.com subject: Lunch on Friday? body: works for me, 12:30 at the usual place"
        #expect(PromptText.labelled("subject", in: prompt) == "Lunch on Friday?")
        #expect(PromptText.labelled("body", in: prompt) == "works for me, 12:30 at the usual place")
        #expect(PromptText.labelled("body", in: "no labels here") == nil)
    }

    @Test func a_chat_verb_posts_to_a_channel_named_without_a_hash() {
        #expect(PromptText.bareChannel(in: #"can you post "standup moved to 10:30" to random"#) == "random")
        #expect(PromptText.bareChannel(in: "post it to me") == nil)
    }

    @Test func a_zone_after_a_clock_time_moves_the_instant_by_its_offset() throws {
        let winter = try #require(ISO8601DateFormatter().date(from: "2026-12-04T09:00:00Z"))
        #expect(PromptText.zoneOffset(in: "on Friday 9am PT for an hour", at: winter) == TimeInterval(-28_800))
        let summer = try #require(ISO8601DateFormatter().date(from: "2026-07-03T09:00:00Z"))
        #expect(PromptText.zoneOffset(in: "at 9am PT", at: summer) == TimeInterval(-25_200), "daylight saving")
        #expect(PromptText.zoneOffset(in: "at 10am London time", at: winter) == 0)
        #expect(PromptText.zoneOffset(in: "pt of the plan at 9am", at: winter) == nil, "a zone only right after a time")
    }

    @Test func a_count_of_records_is_a_page_size_and_a_span_of_time_is_not() {
        #expect(PromptText.count(in: "Show the last 10 messages in #support") == 10)
        #expect(PromptText.count(in: "the 5 most recent invoices") == 5)
        #expect(PromptText.count(in: "invoices from the last 3 months") == nil)
    }

    @Test func an_event_at_a_time_in_a_zone_starts_at_that_instant_in_utc() async throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2026-12-02T10:00:00Z"))
        let request = PlanningRequest(
            prompt: "Create a calendar event 'Board prep' on Friday 9am PT for an hour", userID: nil, pinnedTool: nil, input: [:],
            catalog: .builtIn, now: now)
        guard case .workflow(let workflow) = try await EmbeddedPlanner().plan(request) else {
            Issue.record("expected a workflow")
            return
        }
        let input = try #require(workflow.steps.first?.input)
        #expect(input["start"] == .literal(.object(["dateTime": .string("2026-12-04T17:00:00Z")])))
        #expect(input["end"] == .literal(.object(["dateTime": .string("2026-12-04T18:00:00Z")])))
    }
}
