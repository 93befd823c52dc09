import Foundation

/// Turns a prompt into a workflow.
public protocol Planner: Sendable {
    var name: String { get }
    func plan(_ request: PlanningRequest) async throws -> PlanningResult
}

public struct PlanningRequest: Sendable {
    public var prompt: String
    public var userID: String?
    /// A tool the caller pinned (`tool` on the task).
    public var pinnedTool: String?
    /// Answers given through `POST /v1/tasks/{id}/input` to an earlier `input_required`.
    public var input: [String: JSONValue]
    /// The tools the planner may use.
    public var catalog: ToolCatalog
    /// When the plan is made, for relative dates ("created this month").
    public var now: Date

    public init(prompt: String, userID: String?, pinnedTool: String?, input: [String: JSONValue], catalog: ToolCatalog, now: Date = Date())
    {
        self.prompt = prompt
        self.userID = userID
        self.pinnedTool = pinnedTool
        self.input = input
        self.catalog = catalog
        self.now = now
    }
}

public enum PlanningResult: Sendable, Equatable {
    case workflow(Workflow)
    /// The prompt lacks something only the caller can give; `schema` describes it.
    case needsInput(schema: JSONValue, message: String)
}

/// The prompt could not be mapped onto the tools.
public struct PlanningFailure: Error, Sendable, Equatable {
    /// What a failed task's `error.code` says (`TaskFailure`).
    public enum Code: String, Sendable, CustomStringConvertible {
        case planningFailed = "planning_failed"
        /// A remote model could not be reached.
        case plannerUnavailable = "planner_unavailable"

        public var description: String { rawValue }
    }

    public var code: Code
    public var message: String
    public var suggestion: String

    public init(code: Code = .planningFailed, message: String, suggestion: String) {
        self.code = code
        self.message = message
        self.suggestion = suggestion
    }
}

/// A planner that decides one turn at a time after seeing what earlier steps returned (the LLM
/// planner). The engine persists each step it asks for before running it, so the conversation can
/// be rebuilt from the step log after a restart.
public protocol IterativePlanner: Planner {
    /// The most steps one task may run before the planner is considered not to terminate.
    var maxSteps: Int { get }
    func next(_ request: PlanningRequest, performed: [PerformedStep]) async throws -> PlannerTurn
}

public enum PlannerTurn: Sendable, Equatable {
    /// Run these steps next, then ask again.
    case steps([PlannedStep])
    /// Done: the task's result.
    case finish(JSONValue)
    case needsInput(schema: JSONValue, message: String)
}

/// A step the engine ran for an iterative planner, with what it returned or how it failed.
public struct PerformedStep: Sendable, Equatable {
    public var step: PlannedStep
    public var output: JSONValue?
    public var error: ToolFailure?

    public init(step: PlannedStep, output: JSONValue?, error: ToolFailure? = nil) {
        self.step = step
        self.output = output
        self.error = error
    }
}
