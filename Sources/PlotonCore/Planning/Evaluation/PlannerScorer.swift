import Foundation

/// Scores a planner on an evaluation set: each case passes or fails with the reason. A case that
/// asks for an action and gets a workflow without a step for it, without the read whose result it
/// delivers, or with an update missing a change asked for, is also a *silent drop*, the worst
/// failure (a task reported complete that did only part of the work).
public struct PlannerScorer: Sendable {
    public let planner: any Planner
    public let catalog: ToolCatalog

    public init(planner: any Planner, catalog: ToolCatalog = .builtIn) {
        self.planner = planner
        self.catalog = catalog
    }

    public struct CaseResult: Sendable, Equatable {
        public var id: String
        public var prompt: String
        /// Nil when the case passed.
        public var failure: String?
        public var silentDrop: Bool
        /// What the planner made of it, in one line.
        public var plan: String
        /// The workflow it planned, if any.
        public var workflow: Workflow?

        public var passed: Bool { failure == nil }
    }

    public struct Report: Sendable {
        public var results: [CaseResult]
        public var passed: Int { results.filter(\.passed).count }
        public var passRate: Double { results.isEmpty ? 0 : Double(passed) / Double(results.count) }
        public var silentDrops: [CaseResult] { results.filter(\.silentDrop) }
        public var failures: [CaseResult] { results.filter { !$0.passed } }
    }

    public func score(_ set: PlannerEvaluationSet) async -> Report {
        var results: [CaseResult] = []
        for evaluation in set.cases { results.append(await score(evaluation, now: evaluation.now ?? set.now)) }
        return Report(results: results)
    }

    public func score(_ evaluation: PlannerEvaluationSet.Case, now: Date) async -> CaseResult {
        let request = PlanningRequest(
            prompt: evaluation.prompt, userID: evaluation.userID, pinnedTool: evaluation.pinnedTool, input: [:], catalog: catalog, now: now)
        let outcome: Result<PlanningResult, any Error>
        do { outcome = .success(try await planner.plan(request)) } catch { outcome = .failure(error) }
        var result = CaseResult(id: evaluation.id, prompt: evaluation.prompt, failure: nil, silentDrop: false, plan: Self.describe(outcome))
        if case .success(.workflow(let workflow)) = outcome { result.workflow = workflow }
        switch (evaluation.outcome, outcome) {
        case (.workflow, .success(.workflow(let workflow))):
            result.failure = check(workflow, against: evaluation)
            result.silentDrop =
                !missingActions(workflow, evaluation).isEmpty || losesLookup(workflow) || !droppedReads(workflow, evaluation).isEmpty
                || !droppedChanges(workflow, evaluation).isEmpty
        case (.inputRequired, .success(.needsInput(let schema, _))):
            result.failure = check(schema, against: evaluation)
        case (.planningFailed, .failure(let error as PlanningFailure)):
            let message = error.message.lowercased()
            let absent = evaluation.names.filter { !message.contains($0.lowercased()) }
            result.failure = absent.isEmpty ? nil : "planning_failed does not name \(absent.joined(separator: ", ")): \(error.message)"
        case (_, .success(.workflow(let workflow))):
            result.failure = "expected \(evaluation.outcome.rawValue), got a workflow"
            result.silentDrop = evaluation.action || !missingActions(workflow, evaluation).isEmpty
        default:
            result.failure = "expected \(evaluation.outcome.rawValue)"
        }
        return result
    }

    /// Expected side-effecting capabilities the workflow has no step for.
    func missingActions(_ workflow: Workflow, _ evaluation: PlannerEvaluationSet.Case) -> [String] {
        var planned = workflow.steps.map { "\($0.tool).\($0.capability)" }
        return evaluation.capabilities.filter { isAction($0) }.filter { action in
            guard let index = planned.firstIndex(of: action) else { return true }
            planned.remove(at: index)
            return false
        }
    }

    /// Expected reads before an expected action whose tool the workflow never calls: the action runs
    /// without what it was to deliver ("tell #support the number of open invoices" posting the words).
    func droppedReads(_ workflow: Workflow, _ evaluation: PlannerEvaluationSet.Case) -> [String] {
        guard let lastAction = evaluation.capabilities.lastIndex(where: isAction),
            workflow.steps.contains(where: { isAction("\($0.tool).\($0.capability)") })
        else { return [] }
        let called = Set(workflow.steps.map(\.tool))
        return evaluation.capabilities[..<lastAction].filter { capability in
            !isAction(capability) && !Self.lookups.contains(capability)
                && !called.contains(String(capability.prefix { $0 != "." }))
        }
    }

    /// Values an expected update must set that its planned step lacks: one change of several made
    /// ("her phone to … and her title to …" changing only the title).
    func droppedChanges(_ workflow: Workflow, _ evaluation: PlannerEvaluationSet.Case) -> [String] {
        evaluation.inputs.sorted(by: { $0.key < $1.key }).flatMap { capability, values -> [String] in
            guard isAction(capability), capability.split(separator: ".").last?.hasPrefix("update") == true else { return [] }
            let steps = workflow.steps.indices.filter { "\(workflow.steps[$0].tool).\(workflow.steps[$0].capability)" == capability }
            guard !steps.isEmpty else { return [] }
            let texts = steps.map { inputText(workflow, step: $0).lowercased() }
            return values.filter { value in !texts.contains { $0.contains(value.lowercased()) } }
        }
    }

    /// A read whose output is lost before an action runs: the task completes without what it looked up.
    func losesLookup(_ workflow: Workflow) -> Bool {
        StepReferences.unusedReads(in: workflow, catalog: catalog).contains { index in
            workflow.steps[(index + 1)...].contains { isAction("\($0.tool).\($0.capability)") }
        }
    }

    func isAction(_ capability: String) -> Bool {
        let parts = capability.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return false }
        return catalog.tool(parts[0])?.capability(parts[1])?.sideEffect == true
    }

    func check(_ workflow: Workflow, against evaluation: PlannerEvaluationSet.Case) -> String? {
        let planned = workflow.steps.map { "\($0.tool).\($0.capability)" }
        var (next, taken) = (0, Set<Int>())
        for expected in evaluation.capabilities {
            // A read may also come earlier than listed: the planner runs reads that need no action's
            // output before the actions (`ReadsBeforeActions`), so a failing look-up changes nothing.
            let later = planned.indices[next...].first { planned[$0] == expected && !taken.contains($0) }
            let earlier = isAction(expected) ? nil : planned.indices[..<next].first { planned[$0] == expected && !taken.contains($0) }
            guard let index = later ?? earlier else {
                return "no \(expected) step in order (planned: \(planned.joined(separator: ", ")))"
            }
            taken.insert(index)
            next = max(next, index + 1)
        }
        let extraActions = planned.filter(isAction).count - evaluation.capabilities.filter(isAction).count
        if extraActions > 0 { return "acts more than asked (planned: \(planned.joined(separator: ", ")))" }
        if Set(workflow.tools) != Set(evaluation.tools) {
            return "uses tools \(workflow.tools.joined(separator: ", ")), expected \(evaluation.tools.joined(separator: ", "))"
        }
        for (capability, values) in evaluation.inputs.sorted(by: { $0.key < $1.key }) {
            let texts = workflow.steps.indices.filter { planned[$0] == capability }.map { inputText(workflow, step: $0).lowercased() }
            for value in values where !texts.contains(where: { $0.contains(value.lowercased()) }) {
                return "\(capability) input lacks \"\(value)\""
            }
        }
        if let wrong = strictness(workflow, against: evaluation) { return wrong }
        if let fields = evaluation.fields {
            // Fields compare as the runtime shapes them: a word the capability declares as a name
            // or synonym ("phone number") stands for that field (`phone`); any other word for itself.
            let last = workflow.steps[workflow.resultStep ?? (workflow.steps.count - 1)]
            let declared = catalog.tool(last.tool)?.capability(last.capability)?.fields ?? []
            let resolved = { (field: String) in
                FieldName.normalized(ResultShaper.declaredField(for: field, in: declared)?.name ?? field)
            }
            // Records listed come back with their own name or title first when no field asked for says which record each
            // row is (`ResultShaper.identified`): "every deal with its stage" is shaped to the deal's name and stage, asked
            // for with the name or without.
            let listed =
                last.capability.hasPrefix("list_") || last.capability.hasPrefix("search_")
                || last.input.values.contains { if case .reference(_, let path) = $0 { return path.hasPrefix("*") } else { return false } }
            let identified = { (fields: Set<String>) -> Set<String> in
                guard listed, !fields.isEmpty, let identity = declared.first, identity.name != "id" else { return fields }
                return fields.union([FieldName.normalized(identity.name)])
            }
            let expected = Set(fields.map(resolved))
            let got = Set(workflow.resultFields.map(resolved))
            if identified(expected) != identified(got) {
                return "result fields \(got.sorted().joined(separator: ", ")), expected \(expected.sorted().joined(separator: ", "))"
            }
            // Each field must reach the data through what the result step's capability declares.
            if !declared.isEmpty, let unmapped = workflow.resultFields.first(where: { field in !declared.contains { $0.answers(field) } }) {
                return "result field \"\(unmapped)\" matches none of \(last.tool).\(last.capability)'s fields"
            }
        }
        return nil
    }

    func check(_ schema: JSONValue, against evaluation: PlannerEvaluationSet.Case) -> String? {
        let asked = Set(schema.value(at: "properties")?.objectValue?.keys.map { $0 } ?? [])
        for name in evaluation.missing where !name.split(separator: "|").contains(where: { asked.contains(String($0)) }) {
            return "input_required does not ask for \(name) (asks: \(asked.sorted().joined(separator: ", ")))"
        }
        let again = evaluation.notAsked.filter(asked.contains)
        return again.isEmpty ? nil : "input_required asks again for \(again.joined(separator: ", "))"
    }

    /// A step's input as text: literals (base64url text decoded too), templates, the conditions its
    /// records are kept by (`name equals Fenwick & Daughters`, `properties.closedate since 2027-01-01…`),
    /// and the inputs of the steps it reads from.
    func inputText(_ workflow: Workflow, step: Int, depth: Int = 0) -> String {
        guard workflow.steps.indices.contains(step), depth < 8 else { return "" }
        let kept = (workflow.steps[step].keep ?? []).map { "\($0.path) \($0.op.rawValue) \(Self.text($0.value))" }
        return kept.joined(separator: " ") + " "
            + workflow.steps[step].input.values.map { input -> String in
                switch input {
                case .literal(let value): return Self.text(value)
                case .template(let template):
                    // `{{0.0.email}}` reads from step 0 as a reference does.
                    return ([template] + input.referencedSteps.map { inputText(workflow, step: $0, depth: depth + 1) }).joined(
                        separator: " ")
                case .reference(let source, _): return inputText(workflow, step: source, depth: depth + 1)
                }
            }.joined(separator: " ")
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let string): return [string, Base64URL.decodedText(string)].compactMap { $0 }.joined(separator: " ")
        case .number(let number): return number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .array(let items): return items.map(text).joined(separator: " ")
        case .object(let object): return object.values.map(text).joined(separator: " ")
        case .bool(let bool): return bool ? "true" : "false"
        case .null: return ""
        }
    }

    static func describe(_ outcome: Result<PlanningResult, any Error>) -> String {
        switch outcome {
        case .success(.workflow(let workflow)):
            return workflow.steps.map { "\($0.tool).\($0.capability)" }.joined(separator: " → ")
                + (workflow.resultFields.isEmpty ? "" : " [\(workflow.resultFields.joined(separator: ", "))]")
        case .success(.needsInput(let schema, _)):
            return "input_required: " + (schema.value(at: "properties")?.objectValue?.keys.sorted().joined(separator: ", ") ?? "")
        case .failure(let error as PlanningFailure): return "\(error.code): \(error.message)"
        case .failure(let error): return "error: \(error)"
        }
    }
}
