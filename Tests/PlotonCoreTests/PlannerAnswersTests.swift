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
}
