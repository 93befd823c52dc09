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
    public var message: String
    public var suggestion: String

    public init(message: String, suggestion: String) {
        self.message = message
        self.suggestion = suggestion
    }
}
