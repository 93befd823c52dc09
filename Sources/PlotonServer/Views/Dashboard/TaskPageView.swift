import Foundation
import Plot
import PlotonAPI
import PlotonCore

/// A task: its prompt, facts, waiting state (Approve and Deny when it waits for approval), error
/// or result, and the trace timeline.
enum TaskPageView {
    struct Model {
        var task: TaskObject
        var trace: TaskTraceObject
        var csrf: String
    }

    static func body(_ model: Model) -> Markup {
        let task = model.task
        let facts: [(String, Markup?)] = [
            ("Status", .strong(.plain(task.status.rawValue))), ("End user", task.userID.map { .plain($0) }),
            ("Tools", task.tools.isEmpty ? nil : .plain(task.tools.joined(separator: ", "))),
            ("Subagent", task.subAgent.map { .plain($0) }), ("Created", .date(task.createdAt)),
            ("Completed", task.completedAt.map { .date($0) }), ("Trace ID", model.trace.traceID.map { .code(.plain($0)) }),
            ("Events", .a(.href("/dashboard/events?task_id=\(task.id)"), "this task's events")),
        ]
        return .group(
            .p(.plain(task.prompt)),
            .dl(.group(facts.compactMap { name, value in value.map { Markup.group(.dt(.plain(name)), .dd($0)) } })),
            task.waiting.map { waiting(task.id, $0, csrf: model.csrf) } ?? Markup.empty,
            task.error.map { Markup.p(.class("error"), "Error ", .code(.plain($0.code)), .plain(": \($0.message)")) } ?? .empty,
            task.result.map { Markup.group(.h2("Result"), .pre(.plain($0.prettyJSONText))) } ?? .empty,
            .h2("Trace"), timeline(model.trace.steps))
    }

    private static func waiting(_ id: String, _ waiting: TaskObject.Waiting, csrf: String) -> Markup {
        let notice = Markup.p(
            .class("notice"), .plain("Waiting: \(waiting.reason)"),
            waiting.authURL.map { Markup.group(" — ", .a(.href($0), .plain($0))) } ?? .empty)
        guard waiting.reason == WaitingRequest.Reason.approvalRequired.rawValue else { return notice }
        let action = "/dashboard/tasks/\(id)/approval"
        return .group(
            notice, .p(.plain(waiting.message ?? "")),
            .button(csrf: csrf, action: action, label: "Approve", fields: ["decision": "approve"]),
            .button(csrf: csrf, action: action, label: "Deny", fields: ["decision": "deny"]))
    }

    private static func timeline(_ steps: [TaskTraceObject.Step]) -> Markup {
        guard let start = steps.first?.startedAt else { return .p(.class("muted"), "No steps yet.") }
        return .ol(
            .group(
                steps.map { step in
                    let offset = Int((step.startedAt.timeIntervalSince(start) * 1000).rounded())
                    let recoveries = step.recoveries.compactMap { $0.value(at: "type")?.stringValue }.joined(separator: ", ")
                    var facts = " \(step.status) · at +\(offset) ms · \(step.attempts) attempt(s)"
                    facts += step.durationMs.map { " · took \($0) ms" } ?? ""
                    facts += recoveries.isEmpty ? "" : " · recoveries: \(recoveries)"
                    return Markup.li(
                        .strong(.plain("\(step.tool).\(step.capability)")), .plain(facts),
                        step.outputSummary.map { Markup.group(.br, .span(.class("muted"), .plain($0))) } ?? .empty)
                }))
    }
}
