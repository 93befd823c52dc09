import Fluent
import PlotonCore

/// A task that fails after steps that acted (a file uploaded, a message sent) says so: those
/// effects stay, and running the same prompt again would repeat them.
enum DoneBeforeFailure {
    /// `failure` with the task's completed side-effect steps named in its message and suggestion.
    static func noted(_ failure: TaskFailure, taskID: String, on database: any Database) async throws -> TaskFailure {
        let done = try await TaskStep.query(on: database)
            .filter(\.$task.$id == taskID)
            .filter(\.$sideEffect == true)
            .filter(\.$status == .complete)
            .sort(\.$index)
            .all()
        guard !done.isEmpty else { return failure }
        var noted = failure
        let steps = done.map { "step \($0.index), \($0.tool).\($0.capability)" }.joined(separator: "; ")
        noted.message += " Already done before this failure, and not undone: \(steps)."
        let rerun =
            "Running the same prompt again would repeat \(done.count == 1 ? "that step" : "those steps"); ask only for what is left."
        noted.suggestion = [failure.suggestion, rerun].compactMap { $0 }.joined(separator: " ")
        return noted
    }
}
