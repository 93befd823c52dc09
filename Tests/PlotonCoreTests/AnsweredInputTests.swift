import Foundation
import PlotonCore
import Testing

/// What an end user answers to `input_required` is planned with what the prompt already said:
/// neither replaces the other.
@Suite struct AnsweredInputTests {
    func plan(_ prompt: String, _ input: [String: JSONValue]) async throws -> Workflow {
        let result = try await EmbeddedPlanner().plan(
            PlanningRequest(prompt: prompt, userID: nil, pinnedTool: nil, input: input, catalog: .builtIn))
        guard case .workflow(let workflow) = result else {
            Issue.record("expected a workflow for \(prompt) with \(input), got \(result)")
            throw CancellationError()
        }
        return workflow
    }

    func asked(_ prompt: String) async throws -> JSONValue {
        let result = try await EmbeddedPlanner().plan(
            PlanningRequest(prompt: prompt, userID: nil, pinnedTool: nil, input: [:], catalog: .builtIn))
        guard case .needsInput(let schema, _) = result else {
            Issue.record("expected a question for \(prompt), got \(result)")
            throw CancellationError()
        }
        return schema
    }

    @Test func an_answered_share_of_a_refund_is_the_amount_refunded() async throws {
        let prompt = "Please refund half of pi_3RtY7uWq1"
        let schema = try await asked(prompt)
        let description = try #require(schema.value(at: "properties.amount.description")?.stringValue)
        #expect(!description.contains("cents"), "asked in the user's terms: \(description)")
        for (answer, cents) in [("24.50", 2_450.0), ("$24.50", 2_450), ("500", 50_000), ("12,40", 1_240)] {
            let refund = try #require(try await plan(prompt, ["amount": .string(answer)]).steps.last)
            #expect(refund.capability == "create_refund")
            #expect(refund.input["amount"] == .literal(.number(cents)), "\(answer): \(refund.input)")
        }
    }

    @Test func an_answer_that_is_no_amount_is_asked_again_not_refunded_in_full() async throws {
        let result = try await EmbeddedPlanner().plan(
            PlanningRequest(
                prompt: "Please refund half of pi_3RtY7uWq1", userID: nil, pinnedTool: nil, input: ["amount": .string("half")],
                catalog: .builtIn))
        guard case .needsInput(let schema, _) = result else {
            Issue.record("refunded with an amount that is not one: \(result)")
            return
        }
        #expect(schema.value(at: "properties.amount") != nil)
    }

    /// The quoted subject's words also name the email earlier in the prompt ("the Q3 numbers email"):
    /// the subject is still the quote, and the body the other quote.
    @Test func an_answered_recipient_keeps_the_stated_subject_and_body() async throws {
        let prompt = "Please send the Q3 numbers email — subject 'Q3 numbers', body 'Attached are the Q3 numbers.'"
        let schema = try await asked(prompt)
        #expect(schema.value(at: "properties.to") != nil)
        let send = try #require(try await plan(prompt, ["to": .string("cfo@example.com")]).steps.last)
        guard case .literal(.string(let raw))? = send.input["raw"], let message = Base64URLText.decoded(raw) else {
            Issue.record("not a composed message: \(send.input)")
            return
        }
        #expect(message.contains("Attached are the Q3 numbers."), "\(message)")
        #expect(message.contains("Subject: Q3 numbers\r\n") || message.contains("Subject: Q3 numbers\n"), "\(message)")
    }
}
