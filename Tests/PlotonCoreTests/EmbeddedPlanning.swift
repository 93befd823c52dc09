import Foundation
import PlotonCore
import Testing

/// What the embedded planner makes of a prompt over the built-in tools, for the planner's tests.
enum EmbeddedPlanning {
    /// The workflow planned for `prompt`; anything else is recorded as an issue and thrown.
    static func workflow(_ prompt: String, now: Date = Date()) async throws -> Workflow {
        let result = try await EmbeddedPlanner().plan(
            PlanningRequest(prompt: prompt, userID: nil, pinnedTool: nil, input: [:], catalog: .builtIn, now: now))
        guard case .workflow(let workflow) = result else {
            Issue.record("expected a workflow for \(prompt), got \(result)")
            throw CancellationError()
        }
        return workflow
    }

    /// The decoded message of the workflow's last email.
    static func sentMessage(_ workflow: Workflow) throws -> String {
        let send = try #require(workflow.steps.last { $0.capability == "send_message" })
        guard case .literal(.string(let raw))? = send.input["raw"] else { return "" }
        return Base64URLText.decoded(raw) ?? raw
    }

    /// The names `input_required` asks for when planning `prompt`; anything else is recorded and thrown.
    static func needsInput(_ prompt: String) async throws -> [String] {
        let result = try await EmbeddedPlanner().plan(
            PlanningRequest(prompt: prompt, userID: nil, pinnedTool: nil, input: [:], catalog: .builtIn))
        guard case .needsInput(let schema, _) = result, case .object(let object) = schema,
            case .object(let properties)? = object["properties"]
        else {
            Issue.record("expected input_required for \(prompt), got \(result)")
            throw CancellationError()
        }
        return properties.keys.sorted()
    }

    /// The message of the failure planning `prompt` ends in, or nil when it plans.
    static func failure(_ prompt: String) async -> String? {
        do {
            _ = try await EmbeddedPlanner().plan(
                PlanningRequest(prompt: prompt, userID: nil, pinnedTool: nil, input: [:], catalog: .builtIn))
            return nil
        } catch let failure as PlanningFailure {
            return failure.message
        } catch {
            return "\(error)"
        }
    }
}
