import PlotonAPI
import PlotonCore
import Synchronization

/// The last few results `InlineRun` shaped, with the plan's stored text, for runs that repeat one:
/// the same plan (a prompt many tasks share, `PlanCache`) over the same step outputs (a sandbox
/// answers the same input the same way all day) and the same declared fields gives the same
/// result and unmatched fields (`WorkflowResult.shape` is a function of those three), so it is
/// shaped, and the plan encoded as its column stores it, once. Shaping and the plan's
/// `JSONEncoder` were about 10 % of the server's samples per create at the engine's maximum rate
/// (session 26 profile). A run that matches no entry costs a few equality checks, which stop at
/// the first step or output that differs.
final class ShapedResults: Sendable {
    struct Shaped: Sendable {
        let result: JSONValue
        /// `result` as the task's row and its `task.complete` event store it, written once per entry.
        let resultText: JSONText
        /// The plan with its unmatched fields, as the task's `workflow` column stores it.
        let workflow: Workflow
        let workflowText: JSONText
    }

    private struct Entry {
        let planned: Workflow
        let outputs: [Int: JSONValue]
        let declared: [[ResultField]]
        let shaped: Shaped
    }

    /// Entries kept; a new one replaces the oldest.
    static let capacity = 16
    private let entries = Mutex<(list: [Entry], next: Int)>(([], 0))

    init() {}

    var count: Int { entries.withLock { $0.list.count } }

    /// What `workflow` over `outputs` gives, from a kept entry when one matches.
    func shape(_ workflow: Workflow, outputs: [Int: JSONValue], catalog: ToolCatalog) throws -> Shaped {
        let declared = workflow.steps.map { catalog.tool($0.tool)?.capability($0.capability)?.fields ?? [] }
        let kept = entries.withLock { entries in
            entries.list.first { $0.planned == workflow && $0.outputs == outputs && $0.declared == declared }?.shaped
        }
        if let kept { return kept }
        var stored = workflow
        let (result, unmatched) = WorkflowResult.shape(workflow, outputs: outputs, catalog: catalog)
        if !unmatched.isEmpty { stored.unmatchedFields = unmatched }
        let shaped = Shaped(
            result: result, resultText: JSONText(result.jsonText), workflow: stored, workflowText: try JSONText.encode(stored))
        let entry = Entry(planned: workflow, outputs: outputs, declared: declared, shaped: shaped)
        entries.withLock { entries in
            if entries.list.count < Self.capacity {
                entries.list.append(entry)
            } else {
                entries.list[entries.next] = entry
                entries.next = (entries.next + 1) % Self.capacity
            }
        }
        return shaped
    }
}
