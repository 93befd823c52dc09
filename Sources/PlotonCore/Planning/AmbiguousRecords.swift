import Foundation

/// An action on a record a search named ("Move the Acme renewal deal to closed won") when the
/// search found several: acting on the first would change a record the user may not mean, so the
/// task fails naming the candidates and how to pick one.
public enum AmbiguousRecords {
    /// Searches by name whose first match an action takes as *the* record.
    static let searches: Set<String> = ["crm.search_deals", "crm.search_contacts", "payments.list_customers"]

    /// How a candidate is shown: its name and what tells it apart.
    static let labels = ["properties.dealname", "name", "properties.firstname", "email", "properties.email"]
    static let details = ["properties.dealstage", "properties.email", "properties.company", "email"]

    /// The failure for an action whose `input` takes item 0 of a search that found several records.
    public static func failure(input: [String: JSONInput], outputs: [Int: JSONValue], steps: [PlannedStep]) -> ToolFailure? {
        for value in input.values {
            for source in value.referencedSteps where steps.indices.contains(source) {
                let step = steps[source]
                guard searches.contains("\(step.tool).\(step.capability)"), value.readsFirstItem(of: source),
                    let found = outputs[source]?.arrayValue, found.count > 1
                else { continue }
                return failure(step, index: source, found: found)
            }
        }
        return nil
    }

    static func failure(_ step: PlannedStep, index: Int, found: [JSONValue]) -> ToolFailure {
        let noun = StepReferences.noun(of: step.capability)
        let looked =
            ["query", "email", "name"].lazy.compactMap { step.input[$0].flatMap(EmbeddedPlanner.literalText) }.first
            ?? step.keep?.first(where: { $0.op == .equals })?.value.stringValue
        let shown = found.prefix(10).map { record -> String in
            let label = labels.lazy.compactMap { record.value(at: $0)?.stringValue }.first ?? "?"
            let last = record.value(at: "properties.lastname")?.stringValue.map { " " + $0 } ?? ""
            let detail = details.lazy.compactMap { record.value(at: $0)?.stringValue }.first.map { ", " + $0 } ?? ""
            return "\(label)\(last) (id \(record.value(at: "id")?.stringValue ?? "?")\(detail))"
        }
        return ToolFailure(
            code: .ambiguousMatch,
            message: "\(found.count) \(noun)s match\(looked.map { " \"\($0)\"" } ?? "") (step \(index), \(step.tool).\(step.capability)): "
                + shown.joined(separator: "; ") + (found.count > 10 ? "; …" : "") + ". Nothing was changed.",
            recoverable: true,
            suggestion:
                "Say which \(noun) by its id (\"\(noun) \(found.first?.value(at: "id")?.stringValue ?? "…")\") or by more of its name.")
    }
}

extension JSONInput {
    /// Whether the input reads the first item of step `source`'s list (`0.id`, `{{2.0.email}}`).
    func readsFirstItem(of source: Int) -> Bool {
        switch self {
        case .literal: return false
        case .reference(let step, let path): return step == source && path.hasPrefix("0.")
        case .template(let template): return template.contains("{{\(source).0.")
        }
    }
}
