import Foundation
import PlotonCore
import Testing

/// A day or time before the verb belongs to the action (round h15), and a message asked to go out
/// later is refused, since no tool here sends later and sending now is not what was asked.
@Suite struct PlannerLeadingTimeTests {
    static let now = Date(timeIntervalSince1970: 1_796_202_000)  // Wednesday 2026-12-02 09:00 UTC

    static func plan(_ prompt: String) async throws -> PlanningResult {
        try await EmbeddedPlanner().plan(
            PlanningRequest(prompt: prompt, userID: nil, pinnedTool: nil, input: [:], catalog: .builtIn, now: now))
    }

    @Test func a_day_and_time_before_the_verb_schedule_the_event() async throws {
        for (prompt, start) in [
            "Tomorrow at 3pm schedule a call with ann@acme.example": "2026-12-03T15:00:00Z",
            "Next Monday at 10am, schedule a design review": "2026-12-07T10:00:00Z",
        ] {
            guard case .workflow(let workflow) = try await Self.plan(prompt) else {
                Issue.record("\(prompt) should plan")
                continue
            }
            #expect(workflow.steps.map(\.capability) == ["create_event"], "\(prompt)")
            #expect(workflow.steps.first?.input["start"] == .literal(.object(["dateTime": .string(start)])), "\(prompt)")
        }
    }

    @Test func a_message_asked_to_go_out_later_is_refused_and_a_time_in_the_message_is_not() async throws {
        for (prompt, later) in [
            "Email ann@acme.example tomorrow at 9am saying the demo is on": "tomorrow at 9am",
            "On Friday, email ann@acme.example saying hi": "on friday", "Post 'standup' in #eng tomorrow at 9am": "tomorrow at 9am",
        ] {
            await #expect {
                _ = try await Self.plan(prompt)
            } throws: { error in
                (error as? PlanningFailure)?.message.contains("no tool here sends a message later (\"\(later)\")") == true
            }
        }
        for prompt in [
            "email ann@acme.example saying the demo is at 3pm tomorrow",
            "write to kofi@example.com and ask him whether Thursday at 10:00 works",
            "Today, email ann@acme.example saying hi",
        ] {
            guard case .workflow(let workflow) = try await Self.plan(prompt) else {
                Issue.record("\(prompt) should send now")
                continue
            }
            #expect(workflow.steps.map(\.capability) == ["send_message"], "\(prompt)")
        }
    }
}
