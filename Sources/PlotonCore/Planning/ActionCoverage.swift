import Foundation

/// Whether the steps a planner ran cover every action the prompt asks for, where that can be
/// decided: the prompt's action parts (`PromptClauses`) each need an acting step of their kind
/// (a send or post for "email …" / "tell #sales …", a create for "add …", a refund for
/// "refund …"). Parts no built-in kind describes (a custom tool's "archive") are not judged.
public enum ActionCoverage {
    public struct Report: Sendable, Equatable {
        /// `"email them to ann@… → step 2 email.send_message"`, one per covered action.
        public var covered: [String]
        /// The action parts no step did, as written.
        public var missing: [String]
    }

    /// Words in a capability's name that do each kind of action.
    static let kinds: [PromptClause.Kind: Set<String>] = [
        .deliver: ["send", "post", "message", "notify", "publish", "reply", "email", "chat", "sms", "write"],
        .create: ["create", "add", "new", "insert", "upload", "register"],
        .schedule: ["event", "events", "schedule", "book", "meeting", "create"],
        .update: ["update", "set", "patch", "edit", "move", "change", "rename"],
        .refund: ["refund", "refunds"],
        .upload: ["upload", "file", "save", "write", "put", "create"],
    ]

    public static func check(prompt: String, steps: [PlannedStep], catalog: ToolCatalog) -> Report {
        let acting = Set(steps.indices.filter { catalog.tool(steps[$0].tool)?.capability(steps[$0].capability)?.sideEffect == true })
        var unused = Array(steps.indices)
        var report = Report(covered: [], missing: [])
        for clause in PromptClauses.split(prompt) {
            guard let words = kinds[clause.kind] else { continue }
            // An acting step of the clause's kind does it; so does any step whose capability begins with
            // the clause's own verb (a custom tool's read-only `add` for "add 2 and 3").
            let fits = { (index: Int) -> Bool in
                let name = steps[index].capability.lowercased().split(separator: "_").map(String.init)
                if let verb = clause.verb, name.first == verb { return true }
                guard acting.contains(index) else { return false }
                return !Set(name).isDisjoint(with: words) || (clause.kind == .deliver && ["email", "chat"].contains(steps[index].tool))
            }
            // "post … to #eng" is done by the chat's step, "email ann@…" by the email's, when both ran.
            let hint =
                clause.kind != .deliver
                ? nil : clause.text.contains("#") || clause.verb == "post" ? "chat" : clause.text.contains("@") ? "email" : nil
            let match =
                unused.firstIndex { fits($0) && (hint == nil || steps[$0].tool == hint) }
                ?? unused.firstIndex { fits($0) && (hint == nil || !["email", "chat"].contains(steps[$0].tool)) }
            if let match {
                let index = unused.remove(at: match)
                report.covered.append("\(clause.text) → step \(index) \(steps[index].tool).\(steps[index].capability)")
            } else {
                report.missing.append(clause.text)
            }
        }
        return report
    }
}
