import Foundation
import PlotonCore
import Testing

/// Answers to `input_required` read as the prompt is, and questions a person can answer (blind
/// round h14, run time R6 and R11).
@Suite struct PlannerAnswersTests {
    static let now = Date(timeIntervalSince1970: 1_796_202_000)  // Wednesday 2026-12-02 09:00 UTC

    static func plan(_ prompt: String, _ input: [String: JSONValue] = [:]) async throws -> PlanningResult {
        try await EmbeddedPlanner().plan(
            PlanningRequest(prompt: prompt, userID: nil, pinnedTool: nil, input: input, catalog: .builtIn, now: now))
    }

    @Test func a_start_answered_in_words_is_read_like_the_prompt() async throws {
        guard case .needsInput(let schema, let message) = try await Self.plan("Schedule a meeting with omar@zenith.example") else {
            Issue.record("the start is asked for")
            return
        }
        #expect(schema.value(at: "properties.start.description")?.stringValue?.contains("tomorrow at 3pm") == true)
        #expect(message.hasPrefix("To do this, say when it starts") && message.hasSuffix("(as start)."), "\(message)")
        for (prompt, answer) in [
            ("Schedule a meeting with omar@zenith.example", "tomorrow at 3pm"),
            ("Schedule a meeting with omar@zenith.example tomorrow", "3pm"),
        ] {
            guard case .workflow(let workflow) = try await Self.plan(prompt, ["start": .string(answer)]) else {
                Issue.record("\(prompt) answered \(answer) should plan")
                continue
            }
            #expect(workflow.steps.first?.input["start"] == .literal(.object(["dateTime": .string("2026-12-03T15:00:00Z")])), "\(answer)")
        }
    }

    @Test func an_update_naming_no_field_asks_for_the_fields_a_person_would_change() async throws {
        guard case .needsInput(let schema, _) = try await Self.plan("Update deal 2011") else {
            Issue.record("the fields are asked for")
            return
        }
        #expect(schema.value(at: "properties")?.objectValue?.keys.sorted() == ["amount", "close_date", "name", "stage"])
        #expect(schema.value(at: "required") == .array([]) && schema.value(at: "minProperties") == .number(1))
        guard
            case .workflow(let workflow) = try await Self.plan(
                "Update deal 2011", ["stage": .string("closed won"), "amount": .string("$12,500"), "close_date": .string("next Friday")])
        else {
            Issue.record("the answers plan the update")
            return
        }
        #expect(workflow.steps.map(\.capability) == ["update_deal"])
        #expect(workflow.steps.first?.input["id"] == .literal(.string("2011")))
        #expect(
            workflow.steps.first?.input["properties"]
                == .literal(.object(["dealstage": .string("closedwon"), "amount": .string("12500"), "closedate": .string("2026-12-04")])))
    }

    @Test func a_post_with_no_channel_requires_one() async throws {
        guard case .needsInput(let schema, _) = try await Self.plan("Post 'Standup in 5' to Slack") else {
            Issue.record("the channel is asked for")
            return
        }
        #expect(schema.value(at: "required") == .array([.string("channel")]), "an empty answer is no channel")
    }
}
