import CoreMetrics
import Foundation
import PlotonCore
import Synchronization

/// Every metric the server records, by name and labels, in one place; instrumented code makes one
/// call here. Recorded through swift-metrics once `MetricsBackend` bootstraps a backend
/// (`PLOTON_METRICS=on`); until then every call returns at a check of one flag. Label values are
/// bounded: route templates, tool and capability names, error codes and outcomes; never ids, users or URLs.
enum PlotonMetrics {
    static let isOn = Atomic(false)

    static var enabled: Bool { isOn.load(ordering: .relaxed) }

    static func request(route: String, method: String, status: UInt, elapsed: Duration) {
        Timer(
            label: "ploton_http_request_duration_seconds",
            dimensions: [("route", route), ("method", method), ("status_class", "\(status / 100)xx")]
        ).recordNanoseconds(elapsed.nanoseconds)
    }

    static func taskAccepted(_ task: AgentTask) {
        guard enabled else { return }
        Counter(label: "ploton_tasks_accepted_total", dimensions: [("environment", task.environment.rawValue)]).increment()
    }

    /// A task's move to a final status: counted by outcome (failures by error code), with its duration.
    static func taskMoved(_ task: AgentTask?) {
        guard enabled, let task, task.status.isFinal else { return }
        let environment = ("environment", task.environment.rawValue)
        switch task.status {
        case .complete: Counter(label: "ploton_tasks_completed_total", dimensions: [environment]).increment()
        case .cancelled: Counter(label: "ploton_tasks_cancelled_total", dimensions: [environment]).increment()
        default:
            // A failure that does not read is counted under no code: a metric never fails the move it counts.
            let code = (try? task.failure)?.code.rawValue
            Counter(label: "ploton_tasks_failed_total", dimensions: [environment, ("code", bounded(code))]).increment()
        }
        let seconds = (task.completedAt ?? task.updatedAt).timeIntervalSince(task.createdAt)
        Timer(label: "ploton_task_duration_seconds", dimensions: [("outcome", task.status.rawValue)]).recordSeconds(max(0, seconds))
    }

    static func runningTasks(_ change: Double) {
        guard enabled else { return }
        Meter(label: "ploton_tasks_running", dimensions: []).increment(by: change)
    }

    /// A step that finished, timed from its start.
    static func stepFinished(_ step: TaskStep, outcome: TaskStep.Status, at now: Date) {
        stepFinished(tool: step.tool, capability: step.capability, startedAt: step.startedAt, outcome: outcome, at: now)
    }

    /// A step of a run at its create (`RunStep`).
    static func stepFinished(_ step: RunStep, outcome: TaskStep.Status, at now: Date) {
        stepFinished(tool: step.tool, capability: step.capability, startedAt: step.startedAt, outcome: outcome, at: now)
    }

    private static func stepFinished(tool: String, capability: String, startedAt: Date, outcome: TaskStep.Status, at now: Date) {
        guard enabled else { return }
        Timer(
            label: "ploton_step_duration_seconds",
            dimensions: [("tool", tool), ("capability", capability), ("outcome", outcome.rawValue)]
        ).recordSeconds(max(0, now.timeIntervalSince(startedAt)))
    }

    /// An entry of a step's recoveries log (`retry`, `token_refresh`, `replan`, …).
    static func recovery(_ entry: JSONValue) {
        guard enabled else { return }
        Counter(label: "ploton_step_recoveries_total", dimensions: [("type", bounded(entry.value(at: "type")?.stringValue))])
            .increment()
    }

    /// One webhook attempt; a 2xx also records the delivery latency, completion → 2xx: from when
    /// what the event tells became visible (a retry's too, through its waits) to the answer.
    static func webhookAttempt(succeeded: Bool, statusCode: Int?, occurredAt: Date, answeredAt: Date) {
        guard enabled else { return }
        let statusClass = statusCode.map { "\($0 / 100)xx" } ?? "none"
        Counter(
            label: "ploton_webhook_attempts_total",
            dimensions: [("outcome", succeeded ? "succeeded" : "failed"), ("status_class", statusClass)]
        ).increment()
        guard succeeded else { return }
        Timer(label: "ploton_webhook_delivery_latency_seconds", dimensions: []).recordSeconds(
            max(0, answeredAt.timeIntervalSince(occurredAt)))
    }

    static func oauthRefresh(succeeded: Bool) {
        guard enabled else { return }
        Counter(label: "ploton_oauth_refreshes_total", dimensions: [("outcome", succeeded ? "succeeded" : "failed")]).increment()
    }

    /// Values read on each scrape (`MetricsSampler`).
    static func gauge(_ name: String, _ value: Double, labels: [(String, String)] = []) {
        Gauge(label: name, dimensions: labels).record(value)
    }

    /// Codes and types come from our own vocabulary, but a custom tool or MCP server can name its
    /// own: anything that is not a short snake_case word is counted as `other`.
    static func bounded(_ value: String?) -> String {
        guard let value, (1...48).contains(value.count), value.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
        else { return value == nil ? "none" : "other" }
        return value
    }

    /// Timers, in seconds, whose values run longer than an HTTP request's.
    static let longTimers = ["ploton_task_duration_seconds", "ploton_step_duration_seconds", "ploton_webhook_delivery_latency_seconds"]
}

extension Duration {
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
