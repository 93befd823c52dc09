import Foundation

/// A read whose output no later step uses and that is not the result (`StepReferences.unusedReads`)
/// is either a lookup an action made unnecessary, a result of its own ("get the weather, then
/// schedule …"), or what a later action needed and never got ("find Hiro's email and set up a call
/// with him" with no attendee): the last is never planned, it fails naming the part.
enum UnusedReads {
    /// The workflow with redundant lookups removed and a lone unused read made the result, or the
    /// problem when a person or record looked up for an action does not reach it.
    static func settle(_ workflow: Workflow, clauses: [PromptClause], catalog: ToolCatalog) -> Result<Workflow, PlanningProblem> {
        var workflow = workflow
        for index in StepReferences.unusedReads(in: workflow, catalog: catalog).reversed()
        where identifiedLater(workflow.steps[index], after: workflow.steps[(index + 1)...])
            || sameRecords(workflow.steps[index], as: workflow.steps.last, catalog: catalog)
        {
            workflow.steps = removing(index, from: workflow.steps)
        }
        let unused = StepReferences.unusedReads(in: workflow, catalog: catalog)
        let acting = clauses.filter(\.isAction)
        for index in unused where workflow.steps[(index + 1)...].contains(where: { ActionSteps.isAction($0, catalog) }) {
            let step = workflow.steps[index]
            guard RecordLookups.people["\(step.tool).\(step.capability)"] != nil || step.capability.hasPrefix("search_"),
                let tied = acting.first(where: { !$0.words.isDisjoint(with: RecordLookups.singular.union(["them", "they", "their"])) })
            else { continue }
            return .failure(
                PlanningProblem(
                    "what \(step.tool).\(step.capability) looks up does not reach the action that needs it (\"\(tied.text)\"); "
                        + "write the address or id in that part"))
        }
        // "get the weather for Seattle, then schedule …": the read is what the task returns.
        if unused.count == 1, workflow.resultStep == nil, let last = workflow.steps.last, ActionSteps.isAction(last, catalog) {
            workflow.resultStep = unused[0]
        }
        return .success(workflow)
    }

    /// "Look up contact 1001 and update their company": the update names the record by id itself.
    static func identifiedLater(_ read: PlannedStep, after steps: ArraySlice<PlannedStep>) -> Bool {
        let noun = StepReferences.noun(of: read.capability)
        return steps.contains { step in
            guard step.tool == read.tool, case .literal? = step.input["id"] else { return false }
            return StepReferences.noun(of: step.capability).hasSuffix(noun)
        }
    }

    /// "what does emma owe us? show me her latest invoice": the last read, of the same records, answers both.
    static func sameRecords(_ read: PlannedStep, as last: PlannedStep?, catalog: ToolCatalog) -> Bool {
        guard let last, last.tool == read.tool, last.capability != read.capability, !ActionSteps.isAction(last, catalog) else {
            return false
        }
        return StepReferences.noun(of: last.capability) == StepReferences.noun(of: read.capability)
    }

    /// The steps without `index`, later references renumbered.
    static func removing(_ index: Int, from steps: [PlannedStep]) -> [PlannedStep] {
        var kept = steps
        kept.remove(at: index)
        return kept.map { step in
            var step = step
            step.input = step.input.mapValues { input in
                switch input {
                case .reference(let source, let path) where source > index: return .reference(step: source - 1, path: path)
                case .template(let template): return .template(renumbered(template, after: index))
                default: return input
                }
            }
            return step
        }
    }

    /// `{{3.id}}` → `{{2.id}}` when step 2 (or an earlier one) went.
    static func renumbered(_ template: String, after index: Int) -> String {
        let parts = template.components(separatedBy: "{{")
        return
            ([parts[0]]
            + parts.dropFirst().map { part in
                let digits = part.prefix { $0.isNumber }
                guard let source = Int(digits), source > index else { return part }
                return String(source - 1) + part.dropFirst(digits.count)
            }).joined(separator: "{{")
    }
}

/// Why a plan cannot be made, in the prompt's terms.
struct PlanningProblem: Error {
    var text: String
    init(_ text: String) { self.text = text }
}
