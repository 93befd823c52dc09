import Foundation

/// Why a step could not get a value an earlier step was to produce, in the user's terms: "No
/// channel named "releases" was found" rather than "Step 0 produced no '0.id'".
public enum StepReferences {
    /// How a record looked up is named in a message: `named "releases"`, or `with the address "ann@…"`
    /// (an address is no name).
    static func identified(by value: String, key: String = "name") -> String {
        switch key {
        // "from:dana@acme.example" is what a search looked for, neither a name nor an address.
        case "q": "matching \"\(value)\""
        case "id": "with id \"\(value)\""
        default: value.contains("@") ? "with the address \"\(value)\"" : "named \"\(value)\""
        }
    }

    /// `parameter` of a later step reads `path` from step `sourceIndex` (`source`), whose output had nothing there.
    public static func missing(parameter: String, path: String, sourceIndex: Int, source: PlannedStep?, output: JSONValue?) -> ToolFailure {
        guard let source else {
            return ToolFailure(code: "invalid_workflow", message: "Step \(sourceIndex) produced no '\(path)' for a later step.")
        }
        let described = "step \(sourceIndex), \(source.tool).\(source.capability)"
        let lookup =
            ["name", "query", "q", "email", "id"].lazy.compactMap { key -> (key: String, value: String)? in
                guard case .literal(let value)? = source.input[key], let text = value.stringValue else { return nil }
                return (key, text)
            }.first ?? source.keep?.first(where: { $0.op == .equals && $0.path == "name" })?.value.stringValue.map { ("name", $0) }
        let looking = lookup?.value
        let read = path.isEmpty ? output : output?.value(at: path)
        if !path.contains(where: \.isNumber), read?.arrayValue?.isEmpty == true {
            // The whole content of a message or file was this look-up, and it found nothing.
            let noun = noun(of: source.capability)
            let search = looking.map { " for \"\($0)\"" } ?? ""
            let made = parameter == "content" ? "file" : "message"
            return ToolFailure(
                code: "not_found",
                message: "The look-up\(search) (\(described)) found no \(noun)s, so the \(made) would say only \"(none)\"; "
                    + "it was not \(made == "file" ? "saved" : "sent") and nothing after it ran.",
                recoverable: true,
                suggestion:
                    "Check the names and words the prompt searches for; asking for the \(noun)s alone (\(source.tool)) shows what there is."
            )
        }
        if output?.arrayValue?.isEmpty == true || output == .null || output == nil {
            let noun = noun(of: source.capability)
            let what = lookup.map { "No \(noun) \(identified(by: $0.value, key: $0.key)) was found" } ?? "No \(noun) was found"
            let named = lookup?.key == "q" ? "search words" : looking?.contains("@") == true ? "address" : "name"
            // The next step's parameter is the provider's word ("raw"), not the user's: say what did not happen.
            return ToolFailure(
                code: "not_found",
                message: "\(what) (\(described)), so nothing after it ran.",
                recoverable: true,
                suggestion: "Check the \(noun)'s \(named) in the prompt; asking to list the \(noun)s (\(source.tool)) shows which exist.")
        }
        return ToolFailure(
            code: "invalid_workflow", message: "The output of \(described) has no '\(path)' for the next step's \(parameter).")
    }

    /// The first placeholder of a composed text whose record is not there: its step produced
    /// nothing, or a list without the item it names (`{{0.0.properties.email}}` after a search found
    /// no one). A field the record lacks is no such case: it renders as "—".
    public static func missingRecord(in template: String, outputs: [Int: JSONValue]) -> (step: Int, path: String)? {
        for piece in template.components(separatedBy: "{{").dropFirst() {
            guard let end = piece.range(of: "}}") else { continue }
            let expression = piece[..<end.lowerBound].prefix { $0 != "|" }
            let reference = expression.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard let step = Int(reference[0]) else { continue }
            let path = reference.count > 1 ? String(reference[1]) : ""
            var current = outputs[step] ?? .null
            if current == .null { return (step, path) }
            for component in path.split(separator: ".") {
                if case .array(let items) = current, let index = Int(component) {
                    guard items.indices.contains(index) else { return (step, path) }
                    current = items[index]
                } else if case .object(let object) = current, let next = object[String(component)] {
                    current = next
                } else {
                    break
                }
            }
        }
        return emptyContent(in: template, outputs: outputs)
    }

    /// A message or file whose whole content is an empty look-up ("find emails from X and post a
    /// summary to #sales" when the search found none): every record placeholder reads an empty list,
    /// and there is no count ("0 open deals" says something). It would carry only "(none)".
    static func emptyContent(in template: String, outputs: [Int: JSONValue]) -> (step: Int, path: String)? {
        var first: (step: Int, path: String)?
        for piece in template.components(separatedBy: "{{").dropFirst() {
            guard let end = piece.range(of: "}}") else { continue }
            let expression = piece[..<end.lowerBound].split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            let reference = expression[0].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard let step = Int(reference[0]) else { continue }
            let path = reference.count > 1 ? String(reference[1]) : ""
            let value = path.isEmpty ? outputs[step] : outputs[step]?.value(at: path)
            guard expression.count == 1 || ["summary", "csv"].contains(expression[1]), value?.arrayValue?.isEmpty == true else {
                return nil
            }
            first = first ?? (step, path)
        }
        return first
    }

    /// Reads whose output no later step uses and that are not the result: what they looked up reaches
    /// nobody (a contact's email looked up, then an event created without them).
    public static func unusedReads(in workflow: Workflow, catalog: ToolCatalog) -> [Int] {
        let result = workflow.resultStep ?? (workflow.steps.count - 1)
        let used = Set(workflow.steps.flatMap { $0.input.values.flatMap(\.referencedSteps) })
        return workflow.steps.indices.filter { index in
            let step = workflow.steps[index]
            return index != result && !used.contains(index) && catalog.tool(step.tool)?.capability(step.capability)?.sideEffect != true
        }
    }

    /// `find_channel` → "channel", `search_contacts` → "contact".
    static func noun(of capability: String) -> String {
        let words = capability.split(separator: "_").map(String.init)
        let rest = ["find", "search", "list", "latest", "get", "read"].contains(words.first ?? "") ? Array(words.dropFirst()) : words
        return FieldName.singular(rest.joined(separator: " "))
    }
}

extension JSONInput {
    /// The step a `{"$step": N, …}` input reads from.
    var referencedStep: Int? {
        guard case .reference(let step, _) = self else { return nil }
        return step
    }

    /// Every step the input reads from: a reference, or `{{2.0.id}}` / `{{2|summary}}` placeholders.
    var referencedSteps: [Int] {
        switch self {
        case .reference(let step, _): return [step]
        case .literal: return []
        case .template(let template):
            return template.components(separatedBy: "{{").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        }
    }
}
