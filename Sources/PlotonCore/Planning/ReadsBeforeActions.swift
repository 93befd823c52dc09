import Foundation

/// "Look up the latest invoice for ben@…, refund $25 of it, and tell #billing it's done": the look-up of
/// #billing ran after the refund, so when no such channel existed the money had moved and the task
/// failed half done. A read that needs nothing an action produces, of a service no earlier action
/// changed, runs before the first action instead: what can fail without effect fails first.
/// A read of the service an action changed stays after it ("create a deal, then list the deals").
enum ReadsBeforeActions {
    static func ordered(_ workflow: Workflow, catalog: ToolCatalog) -> Workflow {
        let steps = workflow.steps
        let acts = steps.map { catalog.tool($0.tool)?.capability($0.capability)?.sideEffect ?? true }
        guard let firstAction = acts.firstIndex(of: true) else { return workflow }
        var before = Set(0..<firstAction)
        var changed = Set<String>()
        var hoisted: [Int] = []
        for index in firstAction..<steps.count {
            let step = steps[index]
            let needs = Set(step.input.values.flatMap(\.referencedSteps))
            if !acts[index], !changed.contains(step.tool), needs.isSubset(of: before) {
                hoisted.append(index)
                before.insert(index)
            } else if acts[index] {
                changed.insert(step.tool)
            }
        }
        guard !hoisted.isEmpty else { return workflow }
        let order = Array(0..<firstAction) + hoisted + (firstAction..<steps.count).filter { !hoisted.contains($0) }
        let moved = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        var result = workflow
        result.steps = order.map { old in
            var step = steps[old]
            step.input = step.input.mapValues { $0.renumbered(moved) }
            return step
        }
        // The result is still made from the step it was made from (by default the last).
        let resultStep = workflow.resultStep ?? steps.count - 1
        if moved[resultStep] != order.count - 1 || workflow.resultStep != nil { result.resultStep = moved[resultStep] }
        return result
    }
}

extension JSONInput {
    /// The same input with the steps it reads from renumbered (`moved`: old index → new).
    func renumbered(_ moved: [Int: Int]) -> JSONInput {
        switch self {
        case .literal: return self
        case .reference(let step, let path): return .reference(step: moved[step] ?? step, path: path)
        case .template(let template):
            var parts = template.components(separatedBy: "{{")
            for index in parts.indices.dropFirst() {
                let digits = parts[index].prefix { $0.isNumber }
                guard let step = Int(digits), let new = moved[step] else { continue }
                parts[index] = String(new) + parts[index].dropFirst(digits.count)
            }
            return .template(parts.joined(separator: "{{"))
        }
    }
}
