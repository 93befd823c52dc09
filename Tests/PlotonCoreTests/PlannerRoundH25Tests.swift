import Foundation
import PlotonCore
import Testing

/// Blind round h25 (session 14, kept in Benchmarks/planner-rounds until tuned on), by class.
@Suite struct PlannerRoundH25Tests {
    static let now = Date(timeIntervalSince1970: 1_796_639_400)  // 2026-12-07 10:30 UTC, a Monday

    static func plan(_ prompt: String) async throws -> Workflow { try await EmbeddedPlanning.workflow(prompt, now: now) }

    /// "on the 10th" was no day: every event was read and emailed.
    @Test func a_day_of_the_month_without_its_month_is_the_coming_one() async throws {
        let events = try await Self.plan("email the titles and start times of my calendar events on the 10th to ops@ourco.example")
        #expect(events.steps.first?.input["timeMin"] == .literal(.string("2026-12-10T00:00:00Z")))
        // Passed this month: next month's.
        let third = try await Self.plan("what's on my calendar on the 3rd")
        #expect(third.steps.first?.input["timeMin"] == .literal(.string("2027-01-03T00:00:00Z")))
        // A place in a list is no day.
        let second = try await Self.plan("read the 2nd message in #general")
        #expect(second.steps.allSatisfy { $0.input["timeMin"] == nil })
    }

    /// "Q3 report.pdf" was searched as "report.pdf": "Q3" was taken for a brand.
    @Test func a_file_name_keeps_its_capitalised_words() async throws {
        let file = try await Self.plan("Get the details of the file Q3 report.pdf")
        #expect(file.steps.first?.input["q"] == .literal(.string("name contains 'Q3 report.pdf'")))
    }

    /// An agent's account of what happened is no action: "he put a board deck in Drive last week" asked for a
    /// file name to upload.
    @Test func what_someone_did_before_the_request_is_context() async throws {
        let listed = try await Self.plan(
            #"Writing on behalf of Noah Kim: he put a board deck in Drive last week and can't find it. Could you list the files whose names contain "board"?"#
        )
        #expect(listed.steps.map(\.capability) == ["list_files"])
        #expect(listed.steps.first?.input["q"] == .literal(.string("name contains 'board'")))
    }

    /// A meeting and its time with no verb, then "call it …": one to make (it failed on "call").
    @Test func a_described_meeting_named_after_a_comma_is_made() async throws {
        let event = try await Self.plan("meeting with the d'Almeida family on Tuesday the 15th, 10-11am, call it Estate planning")
        #expect(event.steps.map(\.capability) == ["create_event"])
        #expect(event.steps.first?.input["summary"] == .literal(.string("Estate planning")))
        #expect(event.steps.first?.input["start"] == .literal(.object(["dateTime": .string("2026-12-15T10:00:00Z")])))
    }
}
