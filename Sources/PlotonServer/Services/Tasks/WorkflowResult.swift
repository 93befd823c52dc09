import PlotonCore

/// A finished workflow's result from its steps' outputs: one result step gives its output (or the figure
/// asked of it, `aggregate`); several (asked side by side) give a list of theirs. Also names the requested fields no result step
/// answered, which the task's stored workflow keeps (`unmatched_fields`).
enum WorkflowResult {
    static func shape(_ workflow: Workflow, outputs: [Int: JSONValue], catalog: ToolCatalog) -> (result: JSONValue, unmatched: [String]) {
        var shaped: [JSONValue] = []
        var unmatched: [String]?
        for index in workflow.resultSteps {
            let step = workflow.steps[index]
            let declared = catalog.tool(step.tool)?.capability(step.capability)?.fields ?? []
            let output = outputs[index] ?? .null
            if let aggregate = workflow.aggregate, workflow.resultSteps.count == 1 {
                let result = ResultAggregation.apply(aggregate, to: output, fields: workflow.resultFields, declared: declared)
                return (result, ResultShaper.unmatched(output, fields: workflow.resultFields, declared: declared))
            }
            let missing = ResultShaper.unmatched(output, fields: workflow.resultFields, declared: declared)
            unmatched = unmatched.map { $0.filter(missing.contains) } ?? missing
            shaped.append(ResultShaper.shape(output, fields: workflow.resultFields, declared: declared))
        }
        guard shaped.count > 1 else { return (shaped.first ?? .null, unmatched ?? []) }
        // "current weather in Kraków and Porto": each reading says which place it is of (two unnamed readings were returned).
        for (position, index) in workflow.resultSteps.enumerated() {
            guard case .object(var fields) = shaped[position], fields["name"] == nil, fields["location"] == nil,
                let read = workflow.stepsRead(by: index).first, workflow.steps[read].capability == Weather.geocode,
                case .object(let found)? = outputs[read], case .string(let name)? = found["name"]
            else { continue }
            fields["location"] = .string(name)
            shaped[position] = .object(fields)
        }
        return (.array(shaped), unmatched ?? [])
    }
}
