import Foundation

/// "Move deal 2003 to closed won and set its amount to 26000": two parts that change one record were two updates
/// of it, one after the other; HubSpot takes every property in one PATCH, and one update is what was asked. Updates
/// of the same record next to each other become one, the later value of a property winning.
enum MergedUpdates {
    static func merged(_ workflow: Workflow) -> Workflow {
        var steps = workflow.steps
        var index = 0
        var result = workflow
        while index + 1 < steps.count {
            let (first, second) = (steps[index], steps[index + 1])
            guard first.capability.hasPrefix("update_"), first.tool == second.tool, first.capability == second.capability,
                first.input["id"] == second.input["id"], first.input.keys.sorted() == ["id", "properties"],
                second.input.keys.sorted() == ["id", "properties"],
                case .literal(.object(let earlier))? = first.input["properties"],
                case .literal(.object(let later))? = second.input["properties"]
            else {
                index += 1
                continue
            }
            steps[index].input["properties"] = .literal(.object(earlier.merging(later) { _, new in new }))
            steps.remove(at: index + 1)
            // Steps after the one removed move up by one; what read the second update reads the merged one.
            let moved = Dictionary(uniqueKeysWithValues: (index + 1...steps.count).map { ($0, max(index, $0 - 1)) })
            steps = steps.map { step in
                var step = step
                step.input = step.input.mapValues { input in
                    // A message that told of each update ("{{2|summary}}\n{{3|summary}}") tells of the one once.
                    guard case .template(let template) = input.renumbered(moved) else { return input.renumbered(moved) }
                    let lines = template.components(separatedBy: "\n")
                    let kept = lines.enumerated().filter {
                        $0.offset == 0 || $0.element != lines[$0.offset - 1] || !$0.element.contains("{{\(index)")
                    }
                    return .template(kept.map(\.element).joined(separator: "\n"))
                }
                return step
            }
            if let resultStep = result.resultStep, resultStep > index { result.resultStep = resultStep - 1 }
        }
        result.steps = steps
        return result
    }
}
